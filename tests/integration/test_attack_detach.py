# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 11, item 7: fcoemond started by hand from root's shell.  The
monitor must not keep the shell's terminal (TIOCSTI), session, working
directory or session keyring, and its stderr reaches the log only through
the actuator, at a bounded rate."""

import ctypes
import fcntl
import os
import re
import termios
import time

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long
SYS_add_key, SYS_keyctl = 248, 250           # x86_64
KEYCTL_JOIN_SESSION_KEYRING = 1
KEY_SPEC_SESSION_KEYRING = -3


def _as_root_shell(slave, keyfile):
    """preexec: a session with the pty as controlling terminal, cwd /root
    (or /tmp), and a session keyring holding a secret key, as when root
    types `fcoemond -f` at a terminal."""
    def setup():
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        os.chdir("/tmp")
        _libc.syscall(ctypes.c_long(SYS_keyctl),
                      ctypes.c_long(KEYCTL_JOIN_SESSION_KEYRING),
                      ctypes.c_char_p(b"fcit-root-shell"))
        serial = _libc.syscall(ctypes.c_long(SYS_add_key),
                               ctypes.c_char_p(b"user"),
                               ctypes.c_char_p(b"fcit-secret"),
                               ctypes.c_char_p(b"s3cret"), ctypes.c_size_t(6),
                               ctypes.c_long(KEY_SPEC_SESSION_KEYRING))
        ring = _libc.syscall(ctypes.c_long(SYS_keyctl), ctypes.c_long(0),
                             ctypes.c_long(KEY_SPEC_SESSION_KEYRING),
                             ctypes.c_long(0))
        with open(keyfile, "w") as f:
            f.write(f"{serial} {ring}\n")
    return setup


def test_monitor_leaves_the_terminal_session_cwd_and_keyring(lab, tmp_path):
    master, slave = os.openpty()
    keyfile = tmp_path / "key"
    try:
        a = lab.start(popen_kw={"stdin": slave, "pass_fds": (slave,),
                                "preexec_fn": _as_root_shell(slave, keyfile)})
    finally:
        os.close(slave)
    key, ring = (int(x) for x in keyfile.read_text().split())
    assert key > 0 and ring > 0, (key, ring)
    # the situation is real: the actuator has the terminal and the keyring
    with open(f"/proc/{a.pid}/stat") as f:
        act_tty = int(f.read().rsplit(")", 1)[1].split()[4])
    assert act_tty != 0, "the test did not give fcoemond a controlling tty"
    w = a.driver_cmd({"cmd": "whereami", "key": key})
    mon = a.driver_pid
    assert w["sid"] == mon and w["pgid"] == mon, w     # a session of its own
    assert w["sid"] != os.getsid(a.pid), w
    assert w["tty_nr"] == 0, w                          # no controlling tty
    assert w["cwd"] == "/", w
    assert w["session_keyring"] != ring, w              # not root's keyring
    assert isinstance(w["key"], dict), f"the monitor can see root's key: {w}"
    fds = a.driver["fds"]
    assert fds["0"] == "/dev/null" and fds["1"] == "/dev/null", fds
    assert fds["2"].startswith("pipe:"), fds            # relayed, not the tty
    os.close(master)


def test_monitor_stderr_is_relayed_at_a_bounded_rate(lab):
    a = lab.start()
    a.hello()
    n = 1000
    assert a.driver_cmd({"cmd": "stderr", "lines": n})["written"] == n
    time.sleep(0.3)                       # let the budget refill a little
    assert a.driver_cmd({"cmd": "stderr", "lines": 1})["written"] == 1
    end = time.monotonic() + 5
    while True:
        err = a.stderr
        relayed = re.findall(r"^fcoemond: monitor stderr: driver line \d+$", err, re.M)
        dropped = sum(int(x) for x in re.findall(
            r"^fcoemond: monitor stderr: (\d+) lines dropped \(rate limit\)$",
            err, re.M))
        if len(relayed) + dropped >= n + 1 or time.monotonic() > end:
            break
        time.sleep(0.05)
    assert relayed, err
    assert len(relayed) <= 110, f"{len(relayed)} lines relayed: not bounded"
    assert len(relayed) + dropped == n + 1, (len(relayed), dropped)
