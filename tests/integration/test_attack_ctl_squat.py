# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 11 item 2: a local user must not keep fcoemond from starting or
from managing FCoE by taking a control socket's name first.

fcoectl's socket is /run/fcoemond/ctl, made by the actuator (root) in a
root-owned 0755 directory, or held by systemd (fcoemond-ctl.socket); the
old abstract name @fcoemond/ctl means nothing any more.  @fcm_clif stays
abstract (fcoeadm's name): a user holding it costs fcoeadm, never FCoE.
Each test runs the real daemon in its own network and mount namespace (its
own /run); the attacker is a process of uid 65534 in the same namespaces."""

import os
import shutil
import socket
import stat
import struct
import subprocess
import tempfile
import time

import pytest

import ctlrec
from ctlproto import NOBODY, fcoectl
from daemon import CFG_NO_DCB, Daemon

STATUS_REQ = ctlrec.req(ctlrec.CMDS["status"])

# Binds the old abstract names (a stream @fcoemond/ctl, a datagram
# @fcm_clif), says "held", and keeps them until killed.
SQUAT = """
import socket, sys, time
s1 = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s1.bind(b"\\0fcoemond/ctl"); s1.listen(1)
s2 = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s2.bind(b"\\0fcm_clif")
print("held", flush=True)
time.sleep(120)
"""

# What an unprivileged user tries against the path, one errno name (or
# "ok") per attempt, as JSON.
REPLACE = """
import errno, json, os, socket
def try_(f):
    try:
        f()
        return "ok"
    except OSError as e:
        return errno.errorcode[e.errno]
def bind():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind("/run/fcoemond/ctl")
def bind_beside():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind("/run/fcoemond/ctl2")
def create():
    os.close(os.open("/run/fcoemond/x", os.O_CREAT | os.O_WRONLY, 0o600))
print(json.dumps({
    "bind": try_(bind),
    "bind_beside": try_(bind_beside),
    "unlink": try_(lambda: os.unlink("/run/fcoemond/ctl")),
    "rename": try_(lambda: os.rename("/run/fcoemond/ctl", "/run/fcoemond/y")),
    "create": try_(create),
    "chmod_socket": try_(lambda: os.chmod("/run/fcoemond/ctl", 0o600)),
    "chmod_dir": try_(lambda: os.chmod("/run/fcoemond", 0o777)),
    "rmdir": try_(lambda: os.rmdir("/run/fcoemond")),
    "rename_dir": try_(lambda: os.rename("/run/fcoemond", "/run/x")),
}))
"""


def as_nobody(d, code, **kw):
    """python3 -c CODE as uid 65534 in the daemon's network and mount
    namespaces."""
    return subprocess.Popen(
        ["nsenter", f"--net={d.netns.path}",
         f"--mount=/proc/{d.proc.pid}/ns/mnt", "--", *NOBODY,
         "/usr/bin/python3", "-c", code],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def squatter(lab, ns):
    p = subprocess.Popen(
        ["nsenter", f"--net={ns.path}", "--", *NOBODY, "/usr/bin/python3",
         "-c", SQUAT], stdout=subprocess.PIPE, text=True)
    lab.cleanups.append(lambda: (p.kill(), p.wait()))
    assert p.stdout.readline() == "held\n"
    return p


def test_squatter_on_the_old_names_does_not_stop_fcoemond(lab):
    """nobody holds @fcoemond/ctl and @fcm_clif before the daemon starts:
    it starts all the same, creates the configured instance, answers
    fcoectl on its path, and says why fcoeadm cannot reach it.  (On the
    parent commit it exits with "@fcoemond/ctl is taken".)"""
    ns = lab.netns()
    squatter(lab, ns)
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns)
    d.wait_op("fcoe_create", "veth0")
    d.wait_log(r"@fcm_clif is held by a local user \(it does not answer\): "
               r"fcoeadm cannot reach fcoemond; FCoE is managed without it")
    r = fcoectl(ns, "status")
    assert r.returncode == 0, r
    assert "veth0" in r.stdout
    r = fcoectl(ns, "status", nobody=True)
    assert r.returncode == 0 and "veth0" in r.stdout, r
    assert d.alive(), d.context()


def test_user_cannot_create_or_replace_the_socket(lab):
    """The socket lives in a root-owned 0755 directory: nobody can bind it
    or anything beside it, unlink, rename or chmod it, or touch the
    directory; anyone may connect (mode 0666)."""
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    rec = d.log.wait(event="ctl_socket")
    assert (rec["path"], rec["source"], rec["result"]) == \
        ("/run/fcoemond/ctl", "actuator", "ok")
    root = f"/proc/{d.proc.pid}/root/run/fcoemond"
    st = os.lstat(root)
    assert stat.S_ISDIR(st.st_mode) and st.st_uid == 0
    assert stat.S_IMODE(st.st_mode) == 0o755
    st = os.lstat(root + "/ctl")
    assert stat.S_ISSOCK(st.st_mode) and st.st_uid == 0
    assert stat.S_IMODE(st.st_mode) == 0o666
    p = as_nobody(d, REPLACE)
    out, err = p.communicate(timeout=20)
    assert p.returncode == 0, err
    import json
    got = json.loads(out)
    assert got == {"bind": "EADDRINUSE", "bind_beside": "EACCES",
                   "unlink": "EACCES", "rename": "EACCES",
                   "create": "EACCES", "chmod_socket": "EPERM",
                   "chmod_dir": "EPERM", "rmdir": "EACCES",
                   "rename_dir": "EACCES"}, got
    # and the daemon's own socket still answers anyone
    r = fcoectl(d.netns, "status", nobody=True)
    assert r.returncode == 0 and "veth0" in r.stdout, r


@pytest.mark.parametrize("setup,reason", [
    ("mkdir -m 0755 /run/fcoemond && chown 65534:65534 /run/fcoemond",
     "not_root_owned"),
    ("mkdir -m 0777 /run/fcoemond", "writable_by_others"),
    ("mkdir -m 0777 /run/elsewhere && ln -s elsewhere /run/fcoemond",
     "open_dir"),
])
def test_run_directory_not_roots_is_refused_fcoe_still_managed(lab, setup,
                                                               reason):
    """A /run/fcoemond someone else owns, others may write, or that is a
    symlink is never used: the actuator says so (log and audit) and the
    daemon manages FCoE without fcoectl."""
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, setup=setup)
    d.wait_op("fcoe_create", "veth0")
    rec = d.log.wait(event="ctl_socket")
    assert (rec["source"], rec["result"], rec["reason"]) == \
        ("actuator", "fail", reason)
    d.wait_log(r"fcoectl's control socket /run/fcoemond/ctl: fcoemond could "
               r"not create it .*; FCoE is managed without it")
    assert not os.path.exists(d.ctl_path)
    assert d.alive(), d.context()


def test_sockets_from_systemd_by_name(lab):
    """fcoemond.socket (fcm_clif) and fcoemond-ctl.socket (ctl) pass two
    fds with LISTEN_FDNAMES, in either order: each reaches its server."""
    ns = lab.netns()
    clif = ns.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    clif.bind(b"\0fcm_clif")
    lab.cleanups.append(clif.close)
    path = f"/tmp/fcit-ctl-{os.getpid()}-{time.monotonic_ns()}"
    ctl = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ctl.bind(path)
    ctl.listen(16)
    lab.cleanups.append(lambda: (ctl.close(), os.unlink(path)))
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns,
               listen=[(ctl, "ctl"), (clif, "fcm_clif")])
    d.wait_op("fcoe_create", "veth0")
    assert d.log.wait(event="start")["fcm_clif"] == "systemd"
    assert d.log.wait(event="ctl_socket")["source"] == "systemd"
    d.wait_log(r"@fcm_clif: socket from systemd")
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.settimeout(5)
    c.connect(path)
    c.sendall(STATUS_REQ)
    got = b""
    while len(got) < ctlrec.REPLY.size:
        k = c.recv(65536)
        assert k, got
        got += k
    c.close()
    assert struct.unpack_from("=IHHiI", got) == (ctlrec.MAGIC, ctlrec.VERSION,
                                                 ctlrec.CMDS["status"], 0, 1)
    # nothing was made under /run: systemd's socket is the one
    assert not os.path.exists(d.ctl_path)


def test_second_fcoemond_on_the_same_run_directory_exits(lab):
    """Only root can make /run/fcoemond/ctl, so a listener there is another
    fcoemond: a second daemon sharing that /run (another network namespace,
    so @fcm_clif does not tell) exits before it spawns anything, and the
    first keeps its socket."""
    run = tempfile.mkdtemp(prefix="fcit-run-")
    os.chmod(run, 0o755)
    lab.cleanups.append(lambda: shutil.rmtree(run, ignore_errors=True))
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, setup=f"mount --bind {run} /run")
    d.wait_op("fcoe_create", "veth0")
    d2 = Daemon(lab, {"veth0": CFG_NO_DCB}, setup=f"mount --bind {run} /run")
    assert d2.wait(timeout=10) == 1
    assert "/run/fcoemond/ctl: another fcoemond is running; exiting" in \
        d2.stderr, d2.context()
    assert d2.ops() == []
    r = fcoectl(d.netns, "status")
    assert r.returncode == 0 and "veth0" in r.stdout, r
