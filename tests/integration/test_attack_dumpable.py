# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 11, item 10: another process of the monitor's user (README's own
example used `nobody`) takes the monitor's fd 3 with pidfd_getfd and speaks
to the actuator as the monitor.  The real monitor is not dumpable from its
first instruction, so the kernel refuses (EPERM); the actuator warns about
a shared user and about a monitor binary others can read."""

import os
import shutil
import subprocess
import sys
import tempfile

from conftest import ENV, nobody_ids
from daemon import CFG_NO_DCB, MONITOR, Daemon

ATTACK = r"""
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
pidfd = libc.syscall(434, int(sys.argv[1]), 0)           # pidfd_open
if pidfd < 0:
    print("pidfd_open", ctypes.get_errno()); sys.exit(0)
fd = libc.syscall(438, pidfd, 3, 0)                      # pidfd_getfd
print("pidfd_getfd", 0 if fd >= 0 else ctypes.get_errno())
"""


def as_nobody():
    uid, gid = nobody_ids()

    def drop():
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)
    return drop


def test_same_user_cannot_take_the_monitors_descriptors(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")            # up and serving
    pid = d.monitor_pid()
    r = subprocess.run([sys.executable, "-c", ATTACK, str(pid)], env=ENV,
                       preexec_fn=as_nobody(), capture_output=True, text=True,
                       timeout=10)
    assert r.returncode == 0, r.stderr
    what, err = r.stdout.split()
    assert (what, int(err)) == ("pidfd_getfd", 1), \
        f"another process of the monitor's user got its fd 3: {r.stdout}"   # EPERM
    assert d.alive()


def test_actuator_warns_about_a_shared_user_and_a_readable_monitor(lab):
    other = subprocess.Popen(["sleep", "30"], preexec_fn=as_nobody(), env=ENV)
    lab.cleanups.append(lambda: (other.kill(), other.wait()))
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    assert "user 'nobody' already runs" in d.stderr, d.stderr
    assert "is readable by others or not root-owned" in d.stderr, d.stderr


def test_no_warning_for_a_0711_root_owned_monitor(lab):
    where = tempfile.mkdtemp(prefix="fcit-mon-")
    lab.cleanups.append(lambda: shutil.rmtree(where, ignore_errors=True))
    os.chmod(where, 0o755)
    mon = os.path.join(where, "fcoemond-monitor")
    shutil.copy(MONITOR, mon)
    os.chmod(mon, 0o711)
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, start=False)
    d.argv[d.argv.index("--monitor") + 1] = str(mon)
    d.start()
    d.wait_op("fcoe_create", "veth0")
    assert "is readable by others" not in d.stderr, d.stderr
