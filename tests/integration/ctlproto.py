# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""fcoectl's side of the tests: the control protocol's records
(common/ctl_msg.h, host order) and a way to run build/fcoectl in a network
namespace, as root or as nobody."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import ctlrec
from conftest import ENV, ROOT, _nobody_can_exec
from ctlrec import MAGIC, row  # noqa: F401 (row: for the tests)

FCOECTL = os.environ.get("FCOECTL", str(ROOT / "build" / "fcoectl"))
CMDS = ctlrec.CMDS
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

# every member of an interface in `fcoectl --json status`
FIELDS = {"ifname", "real", "link", "real_link", "dcb_required", "mode",
          "enable", "source", "managed", "state", "dcb_step", "retries",
          "max_retries", "last_op", "last_err", "last_err_name",
          "last_op_age_ms", "next_retry_ms", "lldpad_status", "lldpad_step",
          "dcbx", "dcbx_mode", "pfc_prios", "fcoe_prios", "app", "dcbnl_err",
          "dcbnl_err_name", "kernel_enabled", "ctlr", "host", "port_state",
          "why", "fip", "auto_vlan"}


def req(cmd, ifname="", flags=0):
    return ctlrec.req(CMDS[cmd], ifname, flags)


def reply(cmd, status=0, nrows=0, msg="", magic=MAGIC):
    return ctlrec.reply(CMDS[cmd], status, nrows, msg, magic)


_reachable = {}


def _for_nobody(path):
    """path, or a copy in a 0755 directory when nobody cannot reach it (a
    clone in /root, mode 0700): what nobody runs must be nobody's to run,
    not reached through setpriv still holding root's capabilities."""
    if _nobody_can_exec(Path(path)):
        return path
    if path not in _reachable:
        d = Path(tempfile.mkdtemp(prefix="fcit-ctl-"))
        d.chmod(0o755)
        atexit.register(shutil.rmtree, d, ignore_errors=True)
        shutil.copy(path, d / Path(path).name)
        (d / Path(path).name).chmod(0o755)
        _reachable[path] = str(d / Path(path).name)
    return _reachable[path]


def enter(ns):
    """nsenter's options for ns and, while the daemon (or stand-in) last
    started there runs, its mount namespace, where /run/fcoemond/ctl is."""
    opts = [f"--net={ns.path}"]
    pid = getattr(ns, "mnt_pid", None)
    if pid and os.path.exists(f"/proc/{pid}/ns/mnt"):
        opts.append(f"--mount=/proc/{pid}/ns/mnt")
    return ["nsenter", *opts, "--"]


def fcoectl(ns, *args, nobody=False, env=None, timeout=45):
    """Runs fcoectl ARGS in ns; the daemon's user is nobody as in the
    tests unless env says otherwise."""
    e = dict(ENV, FCOECTL_DAEMON_USER="nobody")
    e.update(env or {})
    argv = [*enter(ns), *(NOBODY if nobody else []),
            _for_nobody(FCOECTL) if nobody else FCOECTL, *args]
    return subprocess.run(argv, env=e, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)
