# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""FIP VLAN discovery end to end (doc/fip.md): the whole daemon (real
actuator, real monitor) on veth0 with AUTO_VLAN="yes", and a scripted FCF
in Python on the peer end veth1 (AF_PACKET, in the same namespace) that
answers VLAN requests with the VIDs the test chooses, stays silent, or
sends garbage.  What a user sees: the request on the wire, its resends,
one log line per change, the VLAN asked for (made where the kernel has
8021q, else the request reaches the actuator and only the kernel says no),
its instance, a VID withdrawn, and fcoectl status."""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import ENV, kernel_has_vlan
from ctlproto import fcoectl
from daemon import Daemon

FCF_MAC = "00:0d:ec:11:22:33"
CFG_AUTO = 'FCOE_ENABLE="yes"\nDCB_REQUIRED="no"\nAUTO_VLAN="yes"\n'
CFG_AUTO_VN2VN = CFG_AUTO + 'MODE="vn2vn"\n'

# The FCF on veth1.  argv: SUBCODE ANSWER-FILE MAC.  Prints every FIP frame it
# receives in hex; answers each VLAN request (subcode 1) with one
# notification listing the VIDs in ANSWER-FILE ("" = silent, "junk" = a
# frame whose first descriptor has length 0, "flood N ..." = N copies),
# read at each request so the test can change its mind.
FCF = r"""
import socket, struct, sys
sub, answer = int(sys.argv[1]), sys.argv[2]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x8914))
s.bind(("veth1", 0))
mine = bytes.fromhex(sys.argv[3].replace(":", ""))
print("ready", flush=True)
while True:
    b = s.recv(4096)
    print(b.hex(), flush=True)
    if len(b) < 20 or b[19] != 1:
        continue
    what = open(answer).read().split()
    if not what:
        continue
    copies = 1
    if what[0] == "flood":
        copies, what = int(what[1]), what[2:]
    if what == ["junk"]:
        desc = b"\x02\x00" + mine            # a descriptor of length 0
        n = 2
    else:
        vids = [int(v) for v in what]
        desc = b"\x02\x02" + mine + b"".join(b"\x0e\x01" +
                                             struct.pack(">H", v) for v in vids)
        n = 2 + len(vids)
    hdr = b"\x10\x00\x00\x04\x00" + bytes([sub]) + struct.pack(">HH", n, 0)
    f = b[6:12] + mine + b"\x89\x14" + hdr + desc
    for _ in range(copies):
        s.send(f + b"\0" * max(0, 60 - len(f)))
"""

pytestmark = pytest.mark.skipif(os.geteuid() != 0,
                                reason="needs root (network namespaces)")


class Fcf:
    def __init__(self, lab, ns, sub=2, vids=()):
        self.dir = Path(tempfile.mkdtemp(prefix="fcf-"))
        self.answer = self.dir / "answer"
        self.say(vids)
        (self.dir / "fcf.py").write_text(FCF)
        ns.sh(f"ip link set veth1 address {FCF_MAC}")
        self.proc = subprocess.Popen(
            ["nsenter", f"--net={ns.path}", "--", sys.executable, "-u",
             str(self.dir / "fcf.py"), str(sub), str(self.answer), FCF_MAC],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, env=ENV,
            text=True)
        lab.cleanups.append(self.stop)
        assert self.proc.stdout.readline().strip() == "ready"
        self.frames = []
        self._t = None

    def say(self, vids):
        self.answer.write_text(" ".join(map(str, vids)) + "\n")

    def junk(self):
        self.answer.write_text("junk\n")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def requests(self, n, timeout=10.0):
        """The first n VLAN requests it received (bytes), with times."""
        end = time.monotonic() + timeout
        os.set_blocking(self.proc.stdout.fileno(), False)
        while len([f for f in self.frames if f[1][19] == 1]) < n:
            line = self.proc.stdout.readline()
            if line:
                self.frames.append((time.monotonic(),
                                    bytes.fromhex(line.strip())))
                continue
            if time.monotonic() > end:
                raise AssertionError(f"only {len(self.frames)} FIP frames "
                                     f"within {timeout}s")
            time.sleep(0.02)
        return [f for f in self.frames if f[1][19] == 1][:n]


def audit_ops(d, op):
    return [r for r in d.log.audit() if r.get("op") == op and
            r.get("phase", "end") == "end"]


def wait_audit(d, op, count=1, timeout=8.0, **kv):
    end = time.monotonic() + timeout
    while True:
        got = [r for r in audit_ops(d, op)
               if all(r.get(k) == str(v) for k, v in kv.items())]
        if len(got) >= count:
            return got
        if time.monotonic() > end:
            raise AssertionError(f"no {count}x {op} {kv} within {timeout}s\n"
                                 + d.context())
        time.sleep(0.05)


def status(d, ns):
    r = fcoectl(ns, "--json", "status")
    assert r.returncode == 0, r.stderr
    return {i["ifname"]: i for i in json.loads(r.stdout)["interfaces"]}


def test_request_on_the_wire_and_the_vlan_asked_for(lab):
    """The request is the frame doc/fip.md gives (ALL-FCF-MACs, veth0's
    MAC as source and descriptor); the FCF's VID becomes a VLAN_CREATE that
    the actuator permits (a relayed notification offered it): where 8021q
    exists the VLAN appears and its instance is made on it, fabric mode."""
    ns = lab.netns()
    fcf = Fcf(lab, ns, 2, [100])
    d = Daemon(lab, {"veth0": CFG_AUTO}, netns=ns)
    (t, req), = fcf.requests(1)
    mac = bytes.fromhex(json.loads(ns.run(["ip", "-j", "link", "show",
                                           "veth0"]).stdout)[0]["address"]
                        .replace(":", ""))
    assert req[:32] == bytes.fromhex("011018010002") + mac + bytes.fromhex(
        "8914100000040001000200000202") + mac
    d.wait_log(r"veth0: FIP VLAN discovery: found VLAN 100 \(last from "
               r"00:0d:ec:11:22:33\)")
    rec, = wait_audit(d, "vlan_create", ifname="veth0")
    assert rec["permit"] == "offered" and rec["obj"] == "veth0.100-fcoe", rec
    if kernel_has_vlan():
        assert rec["errno"] == "0", rec
        d.wait_op("fcoe_create", "veth0.100-fcoe")
        assert "veth0.100-fcoe" in ns.links()
    else:
        # permitted; only the kernel (no 8021q) refuses
        assert rec["errno"] not in ("0", "1", "22"), rec
    assert d.ops("fcoe_create", "veth0") == []   # not the port itself
    st = status(d, ns)["veth0"]
    assert st["fip"]["state"] == "found"
    assert st["fip"]["vids"] == [100]
    assert st["fip"]["mac"] == FCF_MAC
    assert st["fip"]["requests"] >= 1


def test_silent_fcf_requests_every_second_one_line(lab):
    """Nobody answers: a request a second, for as long as the link is up,
    and one log line, not one per resend."""
    ns = lab.netns()
    fcf = Fcf(lab, ns, 2, [])
    d = Daemon(lab, {"veth0": CFG_AUTO}, netns=ns)
    reqs = fcf.requests(4, timeout=8.0)
    gaps = [b[0] - a[0] for a, b in zip(reqs, reqs[1:])]
    assert all(0.7 < g < 1.6 for g in gaps), gaps
    asking = [l for l in d.lines() if "FIP VLAN discovery: asking" in l]
    assert len(asking) == 1, asking
    assert audit_ops(d, "vlan_create") == []
    st = status(d, ns)["veth0"]
    assert st["fip"]["state"] == "soliciting"
    assert st["fip"]["requests"] >= 4
    assert st["why"].startswith("FIP VLAN discovery soliciting")


def test_garbage_is_counted_and_ignored(lab):
    """A notification with a zero-length descriptor (fcoemon loops on it):
    rejected, logged once, counted in fcoectl status; nothing is made."""
    ns = lab.netns()
    fcf = Fcf(lab, ns, 2, [])
    fcf.junk()
    d = Daemon(lab, {"veth0": CFG_AUTO}, netns=ns)
    fcf.requests(3, timeout=8.0)
    d.wait_log(r"veth0: FIP frame rejected: .*length 0")
    time.sleep(1.2)
    rejected = [l for l in d.lines() if "FIP frame rejected" in l]
    assert len(rejected) == 1, rejected
    assert status(d, ns)["veth0"]["fip"]["rejected"] >= 2
    assert audit_ops(d, "vlan_create") == []
    assert d.alive()


def test_flood_is_counted_and_the_daemon_keeps_working(lab):
    """2,000 notifications at once: the actuator's rate limit drops most,
    the monitor shows the count in fcoectl status and logs it once, and
    still takes the offer and answers fcoectl."""
    ns = lab.netns()
    fcf = Fcf(lab, ns, 2, [])
    fcf.answer.write_text("flood 2000 100\n")
    d = Daemon(lab, {"veth0": CFG_AUTO}, netns=ns)
    fcf.requests(1)
    d.wait_log(r"veth0: FIP frames dropped by the actuator's rate limit",
               timeout=8.0)
    wait_audit(d, "vlan_create", ifname="veth0")
    time.sleep(1.5)
    st = status(d, ns)["veth0"]
    assert st["fip"]["dropped"] > 0, st
    assert st["fip"]["vids"] == [100]
    dropped = [l for l in d.lines() if "FIP frames dropped" in l]
    assert len(dropped) == 1, dropped
    assert d.alive()


def test_vn2vn_two_vids_then_one_withdrawn(lab):
    """A VN2VN responder offers 200 and 201; later only 200: after the
    next round (a link flap starts one at once) 201's instance and VLAN go,
    200's stay."""
    ns = lab.netns()
    fcf = Fcf(lab, ns, 3, [200, 201])
    d = Daemon(lab, {"veth0": CFG_AUTO_VN2VN}, netns=ns)
    (t, req), = fcf.requests(1)
    assert req[:6] == bytes.fromhex("011018010004")    # ALL-VN2VN-MACs
    wait_audit(d, "vlan_create", count=2, ifname="veth0")
    d.wait_log(r"veth0: FIP VLAN discovery: found VLAN 200,201")
    made = kernel_has_vlan()
    if made:
        d.wait_op("fcoe_create", "veth0.200-fcoe")
        d.wait_op("fcoe_create", "veth0.201-fcoe")
    fcf.say([200])
    ns.sh("ip link set veth0 down && sleep 0.2 && ip link set veth0 up")
    d.wait_log(r"veth0: FIP VLAN discovery: now VLAN 200 ", timeout=8.0)
    if made:
        d.wait_op("fcoe_destroy", "veth0.201-fcoe")
        wait_audit(d, "vlan_destroy", ifname="veth0.201-fcoe")
        assert d.ops("fcoe_destroy", "veth0.200-fcoe") == []
        assert "veth0.201-fcoe" not in ns.links()
    else:
        assert audit_ops(d, "vlan_destroy") == []   # never made
    st = status(d, ns)["veth0"]
    assert st["fip"]["vids"] == [200]


def test_vid0_is_fcoe_on_the_port_itself(lab):
    """VID 0 in the answer: no VLAN, the instance on veth0 itself; before
    the answer, veth0 gets none (AUTO_VLAN)."""
    ns = lab.netns()
    fcf = Fcf(lab, ns, 2, [])
    d = Daemon(lab, {"veth0": CFG_AUTO}, netns=ns)
    fcf.requests(2)
    assert d.ops("fcoe_create", "veth0") == []
    fcf.say([0])
    d.wait_op("fcoe_create", "veth0", timeout=5.0)
    d.wait_log(r"veth0: FIP VLAN discovery: found VLAN 0 \(last from")
    assert audit_ops(d, "vlan_create") == []
    assert status(d, ns)["veth0"]["fip"]["port_itself"] is True


def _ctlr_enabled(s):
    s.host_path("/sys/devices/virtual/net/veth0/ctlr_0/enabled") \
        .write_bytes(b"1\n")


def test_fip_resp_switches_the_kernels_responder(lab):
    """FIP_RESP="yes" on a VN2VN interface: the kernel's responder of its
    instance is switched on (ctlr_0/fip_vlan_responder), once; a reload
    with FIP_RESP="no" switches it off."""
    cfg = 'FCOE_ENABLE="yes"\nDCB_REQUIRED="no"\nMODE="vn2vn"\n'
    d = Daemon(lab, {"veth0": cfg + 'FIP_RESP="yes"\n'},
               ctlrs={"veth0": (0, 2)}, prepare=_ctlr_enabled)
    d.wait_log(r"veth0: adopted the existing FCoE instance")
    rec, = wait_audit(d, "fip_resp", ifname="veth0")
    assert rec["errno"] == "0", rec
    d.wait_log(r"veth0: FIP VLAN responder on \(FIP_RESP of veth0\)")
    assert d.sysfs.read("/sys/devices/virtual/net/veth0/ctlr_0/"
                        "fip_vlan_responder") == b"1"
    d.settle()
    assert len(audit_ops(d, "fip_resp")) == 1
    d.write_cfg("veth0", cfg)
    d.signal(1)
    wait_audit(d, "fip_resp", count=2, ifname="veth0")
    d.wait_log(r"veth0: FIP VLAN responder off")
    assert d.sysfs.read("/sys/devices/virtual/net/veth0/ctlr_0/"
                        "fip_vlan_responder") == b"0"


def test_static_vn2vn_name_asks_for_its_vlan(lab):
    """A VN2VN cfg file named veth0.300-fcoe: the VLAN is asked for once
    veth0 is there, with the static reason, which the actuator permits (the
    long form); with 8021q it appears and gets its instance."""
    cfg = 'FCOE_ENABLE="yes"\nDCB_REQUIRED="no"\nMODE="vn2vn"\n'
    d = Daemon(lab, {"veth0.300-fcoe": cfg})
    rec, = wait_audit(d, "vlan_create", ifname="veth0")
    assert rec["permit"] == "static" and rec["obj"] == "veth0.300-fcoe", rec
    if kernel_has_vlan():
        assert rec["errno"] == "0", rec
        d.wait_op("fcoe_create", "veth0.300-fcoe")
    else:
        assert rec["errno"] not in ("0", "1", "22"), rec
        d.wait_log(r"veth0.300-fcoe: VLAN not created on veth0: ")
    d.settle()
    assert len(audit_ops(d, "vlan_create")) == 1     # once per appearance
    assert audit_ops(d, "fip_send") == []            # no AUTO_VLAN
