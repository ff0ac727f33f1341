# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Debian's real fcoeadm (fcoe-utils 1.0.34) against the running daemon:
the @fcm_clif protocol byte for byte
(doc/kernel.md "fcoeadm clif protocol"), with the sender's
credentials checked, as an operator would use it.  fcoeadm runs in the
daemon's network and mount namespaces, so -r and -S find the fc_host in
the fake sysfs as they would in /sys."""

import os
import socket
import subprocess
import time

import pytest

import ctlrec
from daemon import CFG_NO_DCB, CFG_OFF, Daemon

FCOEADM = "/usr/sbin/fcoeadm"
P = "/sys/module/libfcoe/parameters"
CFG_DCB_OFF = 'FCOE_ENABLE="no"\nDCB_REQUIRED="yes"\n'

pytestmark = pytest.mark.skipif(not os.path.exists(FCOEADM),
                                reason="fcoe-utils not installed (tests/deps.sh)")


def fcoeadm(d, *args, uid=None):
    cmd = ["nsenter", "-t", str(d.proc.pid), "-n", "-m", "--"]
    if uid is not None:
        cmd += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
    r = subprocess.run(cmd + [FCOEADM, *args], capture_output=True, text=True,
                       timeout=40)
    return r.returncode, (r.stdout + r.stderr).strip()


def writes(d):
    return {k: v for k, v in d.sysfs.take().items() if v}


def started(lab, cfg=None, **kw):
    d = Daemon(lab, {} if cfg is None else cfg, **kw)
    d.wait_log(r"sandbox: ")
    return d


def test_create_then_already_created_then_destroy(lab):
    d = started(lab)
    assert fcoeadm(d, "-c", "veth0") == (0, "")
    assert d.ops() == [("fcoe_create", "veth0", 0)]
    d.settle()
    assert writes(d) == {f"{P}/create": b"veth0"}
    rc, out = fcoeadm(d, "-c", "veth0")
    assert rc != 0 and "Connection already created on interface veth0" in out
    assert fcoeadm(d, "-d", "veth0") == (0, "")
    assert d.ops("fcoe_destroy") == [("fcoe_destroy", "veth0", 0)]
    rc, out = fcoeadm(d, "-d", "veth0")
    assert rc != 0 and "No action was taken" in out
    d.settle()
    assert writes(d) == {f"{P}/destroy": b"veth0"}
    assert [o for o, _, _ in d.ops()] == ["fcoe_create", "fcoe_destroy"]
    d.wait_log(r"veth0: FCoE instance created, fabric mode \(requested by an operator\)")


def test_create_vn2vn(lab):
    d = started(lab)
    assert fcoeadm(d, "-c", "veth0", "-m", "vn2vn") == (0, "")
    d.settle()
    assert writes(d) == {f"{P}/create_vn2vn": b"veth0"}


def enabled_ctlr(s):
    s.host_path("/sys/devices/virtual/net/veth0/ctlr_0/enabled").write_bytes(b"1\n")


def test_reset_and_scan_of_an_adopted_instance(lab):
    d = started(lab, {"veth0": CFG_NO_DCB}, ctlrs={"veth0": (0, 2)},
                prepare=enabled_ctlr)
    d.wait_log(r"veth0: adopted the existing FCoE instance")
    d.settle()
    d.sysfs.take()
    assert fcoeadm(d, "-r", "veth0") == (0, "")
    assert fcoeadm(d, "-S", "veth0") == (0, "")
    assert d.ops() == [("fcoe_reset", "veth0", 0), ("fcoe_scan", "veth0", 0)]
    d.settle()
    host = "/sys/devices/virtual/net/veth0/ctlr_0/host2"
    assert writes(d) == {f"{host}/fc_host/host2/issue_lip": b"1",
                         f"{host}/scsi_host/host2/scan": b"- - -"}


def test_instance_made_by_someone_else_is_already_created(lab):
    d = started(lab, ctlrs={"veth0": (0, 2)}, prepare=enabled_ctlr)
    rc, out = fcoeadm(d, "-c", "veth0")
    assert rc != 0 and "Connection already created on interface veth0" in out
    d.settle()
    assert d.ops() == []


def test_unknown_interface(lab):
    d = started(lab)
    rc, out = fcoeadm(d, "-c", "nope0")
    assert rc != 0, out
    d.wait_log(r"fcm_clif: create nope0: no such network interface")
    d.settle()
    assert d.ops() == []


def test_non_root_sender_is_refused(lab):
    d = started(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    for args in (("-c", "veth1"), ("-d", "veth0")):
        rc, out = fcoeadm(d, *args, uid=65534)
        assert rc != 0 and "Command failed" in out
    d.wait_log(r"fcm_clif: destroy veth0 from uid 65534 pid \d+ refused: "
               r"only root may change FCoE instances")
    d.settle()
    assert d.ops() == [("fcoe_create", "veth0", 0)], "nothing changed"


def clif_send(d, payload, timeout=3.0):
    """One raw datagram to @fcm_clif from a socket bound like fcoeadm's;
    the reply's bytes."""
    s = d.netns.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        s.bind(b"\0fcm_clif/pytest%d" % os.getpid())
        s.settimeout(timeout)
        s.sendto(payload, b"\0fcm_clif")
        return s.recv(64)
    finally:
        s.close()


def req(cmd, name=b"veth0", flags=0):
    return ctlrec.clif(cmd, name, flags)


@pytest.mark.parametrize("payload,reply", [
    (b"\x01\x00\x00", b"15\0\0"),                       # short
    (req(1) + b"\0" * 6, b"15\0\0"),                    # long
    (req(9), b"1\0\0\0"),                               # bad command
    (req(0), b"1\0\0\0"),                               # CLIF_NONE
    (req(1, b"x" * 16), b"11\0\0"),                     # unterminated name
    (req(1, b"../etc"), b"11\0\0"),                     # not a name
    (req(1, b""), b"11\0\0"),                           # empty
    (req(1, flags=7), b"15\0\0"),                       # unknown mode
])
def test_malformed_datagrams_change_nothing(lab, payload, reply):
    d = started(lab)
    assert clif_send(d, payload) == reply
    assert clif_send(d, req(5, b"")) == \
        str(d.monitor_pid()).encode(), "PID: the pid, without a NUL"
    d.settle()
    assert d.ops() == [] and d.alive()
    assert writes(d) == {}


@pytest.mark.parametrize("payload,reply", [
    (req(3, b"veth0"), b"5\0\0\0"),     # reset: entry, no instance: ENOFCHOST
    (req(4, b"veth0"), b"5\0\0\0"),     # scan: the same
    (req(2, b"veth1"), b"1\0\0\0"),     # destroy: not an entry: EFAIL
    (req(1, b"nope0"), b"11\0\0"),       # create: no such netdev: ENOETHDEV
    (req(2, b"nope0"), b"11\0\0"),       # destroy: the same
])
def test_reply_codes_fcoeadm_itself_would_not_ask_for(lab, payload, reply):
    """fcoeadm checks some of these locally before it sends; other clients
    of the socket get fcoemon's codes
    (doc/kernel.md "fcoeadm clif protocol")."""
    d = started(lab, {"veth0": CFG_OFF})    # an entry, never created
    assert clif_send(d, payload) == reply
    d.settle()
    assert d.ops() == []


def test_short_request_is_taken_with_flags_zero(lab):
    """fcoemon accepted 20-23 bytes with flags 0; so does fcoemond."""
    d = started(lab)
    assert clif_send(d, req(1)[:20]) == b"0\0\0\0"
    assert d.ops() == [("fcoe_create", "veth0", 0)]


def test_second_daemon_exits_with_a_clear_message(lab):
    d = started(lab)
    d2 = Daemon(lab, {}, netns=d.netns)
    assert d2.wait(timeout=5) != 0
    d2.wait_log(r"@fcm_clif is taken: another fcoemond or fcoemon is running")
    assert d.alive() and d2.ops() == []


def test_second_daemon_without_f_reports_the_failed_start(lab):
    """fcoemond without -f exits 0 only once start-up went through (the
    monitor's HELLO served).  The monitor binds @fcm_clif before its HELLO,
    so a second daemon whose @fcm_clif is taken fails its start visibly
    instead of reporting success and dying just after."""
    d = started(lab)
    d2 = Daemon(lab, {}, netns=d.netns, start=False)
    d2.argv.remove("-f")
    d2.start()
    assert d2.wait(timeout=10) != 0, d2.context()
    d2.wait_log(r"@fcm_clif is taken: another fcoemond or fcoemon is running")
    assert d.alive() and d2.ops() == []


def test_socket_from_systemd(lab):
    """fcoemond.socket (ListenDatagram=@fcm_clif) passes fd 3 with
    LISTEN_PID/LISTEN_FDS: the actuator hands it to the monitor."""
    ns = lab.netns()
    s = ns.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    lab.cleanups.append(s.close)
    s.bind(b"\0fcm_clif")
    d = started(lab, netns=ns, listen=s)
    assert d.log.wait(event="start")["fcm_clif"] == "systemd"
    d.wait_log(r"@fcm_clif: socket from systemd")
    assert fcoeadm(d, "-c", "veth0") == (0, "")
    assert d.ops() == [("fcoe_create", "veth0", 0)]


def test_socket_from_systemd_of_the_wrong_kind_is_refused(lab):
    ns = lab.netns()
    s = ns.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    lab.cleanups.append(s.close)
    d = Daemon(lab, {}, netns=ns, listen=s)
    assert d.wait(timeout=5) != 0
    d.wait_log(r"fd 5 is not an AF_UNIX datagram socket for @fcm_clif")
    assert d.ops() == []


def test_create_on_a_down_link_makes_it_armed(lab):
    """As a cfg entry's: the instance is made, enabled ("armed"), once the
    link has been down half a second, and the link coming up costs no
    request: the kernel starts an enabled instance itself (fcoemond(8)
    "What exists when")."""
    ns = lab.netns()
    ns.sh("ip link set veth1 down")       # veth0 up, no carrier
    d = started(lab, netns=ns)
    t = time.monotonic()
    assert fcoeadm(d, "-c", "veth0") == (0, "")
    assert time.monotonic() - t < 10, "answered when decided, not at 25 s"
    assert d.ops() == [("fcoe_create", "veth0", 0)]
    d.wait_log(r"veth0: FCoE instance created, fabric mode; enabled, the "
               r"kernel starts it at link-up \(requested by an operator\)")
    ns.sh("ip link set veth1 up")
    d.wait_log(r"veth0: link up, DCB not required -> create or enable")
    d.settle(quiet=1.0)
    assert d.ops() == [("fcoe_create", "veth0", 0)]


def test_create_waits_for_the_dcb_decision(lab, sim):
    d = started(lab, {"veth0": CFG_DCB_OFF}, netns=sim.ns)
    assert fcoeadm(d, "-c", "veth0") == (0, "")
    assert d.ops() == [("fcoe_create", "veth0", 0)], \
        "the answer came after the DCB queries and the create"
    assert [e.data[:6] for e in sim.rx() if e.data.startswith(b"C3")] == \
        [b"C30101", b"C30103", b"C30105", b"C30303", b"C30305"]


def test_create_refused_by_dcb_is_answered_before_fcoeadm_gives_up(lab, sim):
    sim.configure("veth0", pfc_oper_mode=0)       # PFC never operational
    d = started(lab, {"veth0": CFG_DCB_OFF}, netns=sim.ns)
    t = time.monotonic()
    rc, out = fcoeadm(d, "-c", "veth0")
    assert rc != 0 and "Command failed" in out
    assert time.monotonic() - t < 25, "fcoeadm's own timeout is 30 s"
    d.wait_log(r"fcm_clif: create veth0: EFAIL \(veth0: lldpad's DCB answers "
               r"never allowed it\)")
    assert d.ops() == []
