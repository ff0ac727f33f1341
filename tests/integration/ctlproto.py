"""fcoectl's side of the tests: the control protocol's records
(proto/ctl.h, host order) and a way to run build/fcoectl in a network
namespace, as root or as nobody."""

from __future__ import annotations

import os
import struct
import subprocess

from conftest import ENV, ROOT

FCOECTL = os.environ.get("FCOECTL", str(ROOT / "build" / "fcoectl"))
MAGIC = 0x31434346
CMDS = {"status": 1, "create": 2, "destroy": 3, "reset": 4, "scan": 5,
        "reload": 6, "version": 7}
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

# every member of an interface in `fcoectl --json status`
FIELDS = {"ifname", "real", "link", "real_link", "dcb_required", "mode",
          "enable", "source", "managed", "state", "dcb_step", "retries",
          "max_retries", "last_op", "last_err", "last_err_name",
          "last_op_age_ms", "next_retry_ms", "lldpad_status", "lldpad_step",
          "kernel_enabled", "ctlr", "host", "port_state", "why"}


def name(s, n=16):
    b = s if isinstance(s, bytes) else s.encode()
    return b + b"\0" * (n - len(b))


def req(cmd, ifname="", flags=0):
    return struct.pack("<IHH", MAGIC, 1, CMDS[cmd]) + name(ifname) + \
        struct.pack("<II", flags, 0)


def reply(cmd, status=0, nrows=0, msg="", magic=MAGIC):
    return struct.pack("<IHHiI", magic, 1, CMDS[cmd], status, nrows) + \
        name(msg, 200)


def row(ifname, real="", link=2, real_link=2, dcb=0, mode=0, enable=1,
        source=0, managed=1, state=1, step=0, retries=0, maxr=10, op=1,
        err=0, age=1200, nxt=-1, lst=-1, lstep=0, ken=1, ctlr=0, host=2,
        port="Online", why="link up"):
    return (name(ifname) + name(real) +
            bytes([link, real_link, dcb, mode, enable, source, managed,
                   state, step, retries, maxr, op]) +
            struct.pack("<iiii", err, age, nxt, lst) +
            bytes([lstep, ken, 0, 0]) + struct.pack("<ii", ctlr, host) +
            name(port) + name(why, 128))


def fcoectl(ns, *args, nobody=False, env=None, timeout=45):
    """Runs fcoectl ARGS in ns; the daemon's user is nobody as in the
    tests unless env says otherwise."""
    e = dict(ENV, FCOECTL_DAEMON_USER="nobody")
    e.update(env or {})
    argv = ["nsenter", f"--net={ns.path}", "--", *(NOBODY if nobody else []),
            FCOECTL, *args]
    return subprocess.run(argv, env=e, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)
