#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Test stand-in for fcoemond's monitor.

fcoemond execs this as the monitor user (tests: nobody) with an empty
environment, the SOCK_SEQPACKET socketpair end on fd 3 and the lldpad client
socket on fd 4:  argv = [driver.py, CONTROL_SOCKET_PATH].

It connects to the control socket (SOCK_STREAM, owned by pytest), sends one
JSON line describing what it was given (pid, ids, groups, environment, open
descriptors at start) together with fds 3 and 4 (SCM_RIGHTS), then serves
JSON-line commands:

  {"cmd": "ping"}                              -> {"ok": true}
  {"cmd": "exit", "status": N}                 -> exits with status N
  {"cmd": "lldpad_send", "hex": H, "timeout": T}
        send bytes H on fd 4 with its own credentials, return what arrives
        on fd 4 within T seconds: {"ok": true, "sent": n, "replies": [hex]}
        or {"ok": false, "errno": E}
  {"cmd": "fds"}                               -> {"ok": true, "fds": {...}}
  {"cmd": "ignore_signals"}   SIGTERM, SIGHUP, SIGINT ignored from now on
  {"cmd": "whereami", "key": SERIAL}
        {"ok": true, "sid", "pgid", "tty_nr", "cwd", "session_keyring",
         "key": "describe of SERIAL" or {"errno": E}}
  {"cmd": "stderr", "lines": N}   writes N lines on fd 2

Stdlib only; it must run with an empty environment as an unprivileged user.
It never reads fd 3: pytest holds its own copy and speaks the protocol.
"""

import json
import os
import select
import socket
import sys
import time


def open_fds(limit=1024):
    """Descriptors open right now, probed with fstat (opens nothing)."""
    fds = {}
    for fd in range(limit):
        try:
            os.fstat(fd)
        except OSError:
            continue
        try:
            fds[str(fd)] = os.readlink("/proc/self/fd/%d" % fd)
        except OSError as e:
            fds[str(fd)] = "?%d" % e.errno
    return fds


def pdeathsig():
    """PR_GET_PDEATHSIG (what the actuator set before exec), or None."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        sig = ctypes.c_int(-1)
        if libc.prctl(2, ctypes.byref(sig), 0, 0, 0) != 0:
            return None
        return sig.value
    except Exception:  # noqa: BLE001 - diagnostics only
        return None


def _keyctl(*args):
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    buf = ctypes.create_string_buffer(256)
    a = [ctypes.c_long(x) for x in args]
    if args[0] == 6:                    # KEYCTL_DESCRIBE: (id, buf, len)
        a += [buf, ctypes.c_long(len(buf))]
    r = libc.syscall(ctypes.c_long(250), *a)     # keyctl, x86_64
    if r < 0:
        return {"errno": ctypes.get_errno()}
    return buf.value.decode() if args[0] == 6 else r


def whereami(key):
    with open("/proc/self/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return {"ok": True, "sid": os.getsid(0), "pgid": os.getpgid(0),
            "tty_nr": int(fields[4]), "cwd": os.readlink("/proc/self/cwd"),
            # KEYCTL_GET_KEYRING_ID of KEY_SPEC_SESSION_KEYRING, no create
            "session_keyring": _keyctl(0, -3, 0),
            "key": _keyctl(6, int(key)) if key else None}


def read_environ():
    try:
        with open("/proc/self/environ", "rb") as f:
            raw = f.read()
    except OSError:
        return None
    return [e.decode("latin-1") for e in raw.split(b"\0") if e]


def send_json(sock, obj, fds=None):
    data = (json.dumps(obj) + "\n").encode()
    if fds:
        import array
        anc = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))]
        sock.sendmsg([data], anc)
    else:
        sock.sendall(data)


def lldpad_send(lsock, data, timeout):
    # Drop anything queued before, so replies belong to this datagram.
    while True:
        r, _, _ = select.select([lsock], [], [], 0)
        if not r:
            break
        try:
            lsock.recv(65536, socket.MSG_DONTWAIT)
        except OSError:
            break
    try:
        n = lsock.send(data)
    except OSError as e:
        return {"ok": False, "errno": e.errno}
    replies = []
    end = time.monotonic() + timeout
    while True:
        left = end - time.monotonic()
        if left <= 0:
            break
        r, _, _ = select.select([lsock], [], [], left)
        if not r:
            break
        try:
            replies.append(lsock.recv(65536, socket.MSG_DONTWAIT).hex())
        except BlockingIOError:
            continue
    return {"ok": True, "sent": n, "replies": replies}


def main():
    start_fds = open_fds()
    info = {
        "pid": os.getpid(),
        "ppid": os.getppid(),
        "resuid": list(os.getresuid()),
        "resgid": list(os.getresgid()),
        "groups": os.getgroups(),
        "environ": read_environ(),
        "argv": sys.argv,
        "fds": start_fds,
        "pdeathsig": pdeathsig(),
        "sigblk": None,
    }
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("SigBlk:"):
                    info["sigblk"] = line.split()[1]
    except OSError:
        pass
    # fcoemond forwards -d and --seccomp=MODE to its monitor: not ours.
    args = [a for a in sys.argv[1:] if a != "-d" and not a.startswith("--seccomp=")]
    if len(args) != 1:
        sys.stderr.write("driver.py: usage: driver.py [-d] CONTROL_SOCKET\n")
        return 100
    ctl = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ctl.connect(args[0])
    have = [fd for fd in (3, 4) if str(fd) in start_fds]
    info["passed"] = have
    send_json(ctl, info, fds=have)
    lsock = socket.socket(fileno=4) if 4 in have else None

    buf = b""
    while True:
        chunk = ctl.recv(65536)
        if not chunk:
            return 0            # pytest went away: behave like a monitor that quits
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            cmd = json.loads(line)
            c = cmd.get("cmd")
            if c == "ping":
                send_json(ctl, {"ok": True})
            elif c == "exit":
                os._exit(int(cmd.get("status", 0)))
            elif c == "lldpad_send":
                if lsock is None:
                    send_json(ctl, {"ok": False, "errno": 9})
                    continue
                send_json(ctl, lldpad_send(lsock, bytes.fromhex(cmd["hex"]),
                                           float(cmd.get("timeout", 1.0))))
            elif c == "fds":
                send_json(ctl, {"ok": True, "fds": open_fds()})
            elif c == "ignore_signals":
                import signal
                for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                    signal.signal(sig, signal.SIG_IGN)
                send_json(ctl, {"ok": True})
            elif c == "whereami":
                send_json(ctl, whereami(cmd.get("key")))
            elif c == "stderr":
                n = 0
                try:
                    for i in range(int(cmd["lines"])):
                        os.write(2, b"driver line %d\n" % i)
                        n += 1
                except OSError as e:
                    send_json(ctl, {"ok": False, "errno": e.errno, "written": n})
                    continue
                send_json(ctl, {"ok": True, "written": n})
            else:
                send_json(ctl, {"ok": False, "error": "unknown command"})


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BrokenPipeError, ConnectionResetError):
        sys.exit(0)
