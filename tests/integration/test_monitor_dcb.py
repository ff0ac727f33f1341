# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""The DCB engine end to end: the whole daemon against the lldpad
simulator (lldpad_sim.py, the clif protocol of
doc/kernel.md "lldpad protocol") in the daemon's
network namespace, and against the real lldpad on a veth (no DCB)."""

import signal
import time

import pytest

from daemon import CFG_DCB, CFG_NO_DCB, Daemon
from lldpad_real import real_lldpad
from lldpad_sim import IfState, LldpadSim

Q_STATE, Q_PFC_CFG, Q_APP_CFG, Q_PFC_OPER, Q_APP_OPER = (
    b"C30101", b"C30103", b"C30105", b"C30303", b"C30305")
SEQUENCE = [Q_STATE, Q_PFC_CFG, Q_APP_CFG, Q_PFC_OPER, Q_APP_OPER]
FEATURE_PG, FEATURE_PFC, FEATURE_APP = 2, 3, 5


def dcb_rx(sim, ifname=b"veth0"):
    """(time, first 6 bytes) of each DCB query the simulator received."""
    return [(e.t, e.data[:6]) for e in sim.rx()
            if e.data.startswith(b"C3") and e.data.endswith(ifname)]


def starts(sim):
    return [t for t, q in dcb_rx(sim) if q == Q_STATE]


def test_good_dcb_creates_after_the_five_queries(lab, sim):
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    d.wait_op("fcoe_create", "veth0")
    assert [q for _, q in dcb_rx(sim)] == SEQUENCE
    assert all(e.uid == 0 for e in sim.rx()), "lldpad sees uid 0 only"
    assert sim.rx()[0].data == b"A"
    d.wait_log(r"veth0: DCB ready: DCB, PFC and App:FCoE operational on veth0")


def test_ieee_mode_on_veth_relies_on_dcbnl_which_is_absent(lab, sim):
    """lldpad answers "not applicable" (R09: the port runs IEEE DCBX): the
    monitor relies on the kernel's dcbnl, which a veth does not have
    (EOPNOTSUPP).  It says so, creates nothing and does not retry."""
    sim.configure("veth0", cee=False)
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    d.wait_log(r"veth0: the kernel's dcbnl answers Operation not supported")
    d.wait_log(r"veth0: DCB destroy: IEEE DCBX: lldpad says IEEE mode \(R09\),"
               r" the kernel's dcbnl unreadable: Operation not supported "
               r"\(\w+\), not retried on veth0")
    n = len(starts(sim))
    time.sleep(2.5)      # the retry schedule would have asked 3 more times
    assert len(starts(sim)) == n == 1, "no blind retry"
    assert d.ops() == [], "never created"
    # lldpad back in CEE mode, its event: CEE decides again.
    sim.configure("veth0", cee=True)
    sim.send_event("veth0", FEATURE_PFC)
    d.wait_op("fcoe_create", "veth0")


def test_lldpad_not_contacted_without_dcb(lab, sim):
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=sim.ns)
    d.wait_op("fcoe_create", "veth0")
    d.settle(quiet=1.0)
    assert sim.rx() == []


@pytest.mark.parametrize("change,why", [
    (dict(dcb=False), r"DCB .*off|DCB configuration forbids FCoE"),
    (dict(app_enable=0), r"App:FCoE|DCB configuration forbids FCoE"),
    (dict(pfc_oper="10000000", app_oper=0x08), r"DCB configuration forbids FCoE"),
])
def test_each_destroy_condition(lab, sim, change, why):
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    d.wait_op("fcoe_create", "veth0")
    sim.configure("veth0", **change)
    sim.send_event("veth0", FEATURE_APP)
    d.wait_op("fcoe_destroy", "veth0")
    d.wait_log(why)


def test_create_only_when_every_condition_holds(lab, sim):
    sim.configure("veth0", pfc_oper_mode=0)       # PFC not operational
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    d.wait_log(r"veth0: DCB waiting: .*PFC")
    assert d.ops() == []
    sim.configure("veth0", pfc_oper_mode=1)
    d.wait_op("fcoe_create", "veth0", timeout=8)


def test_retry_schedule_in_real_time_then_give_up(lab, sim):
    sim.configure("veth0", syncd=0)               # not in sync: query error
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    d.wait_log(r"veth0: DCB gave up: .* after 10 retries", timeout=20)
    t = starts(sim)
    assert len(t) == 11, "the first sequence and ten retries"
    for k in range(1, 11):
        gap = t[k] - t[k - 1]
        assert 0.2 * k - 0.01 <= gap <= 0.2 * k + 0.25, (k, gap)
    d.settle(quiet=1.0)
    assert len(starts(sim)) == 11, "nothing after giving up"
    assert d.ops() == [], "never created"
    # An event (lldpad resynchronised) starts again with a fresh count.
    sim.configure("veth0", syncd=1)
    sim.send_event("veth0", FEATURE_PFC)
    d.wait_op("fcoe_create", "veth0")


def test_retries_run_out_destroy_a_created_instance(lab, sim):
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    d.wait_op("fcoe_create", "veth0")
    sim.configure("veth0", pfc_oper_mode=0)
    sim.send_event("veth0", FEATURE_PFC)
    d.wait_op("fcoe_destroy", "veth0", timeout=20)
    d.wait_log(r"veth0: retries ran out -> destroy")


def test_intermittent_trouble_destroys_nothing(lab, sim):
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    d.wait_op("fcoe_create", "veth0")
    for _ in range(2):
        sim.configure("veth0", syncd=0)
        sim.send_event("veth0", FEATURE_PFC)
        time.sleep(1.0)                 # well inside the 11 s retry window
        sim.configure("veth0", syncd=1)
        time.sleep(1.5)
    d.settle()
    assert [o for o, _, _ in d.ops()] == ["fcoe_create"]
    d.wait_log(r"veth0: DCB ready")


def test_pfc_and_app_events_restart_pg_does_not(lab, sim):
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    d.wait_op("fcoe_create", "veth0")
    d.settle()
    n = len(starts(sim))
    sim.send_event("veth0", FEATURE_PG)
    d.settle()
    assert len(starts(sim)) == n
    n_app = len([q for _, q in dcb_rx(sim) if q == Q_APP_OPER])
    sim.send_event("veth0", FEATURE_PFC)
    end = time.monotonic() + 5
    while len([q for _, q in dcb_rx(sim) if q == Q_APP_OPER]) <= n_app:
        assert time.monotonic() < end, "the PFC event did not restart"
        time.sleep(0.02)
    sim.send_event("veth0", FEATURE_APP, 0)
    d.settle()
    assert len(starts(sim)) == n + 2
    assert [o for o, _, _ in d.ops()] == ["fcoe_create"]


def test_link_down_cancels_and_up_restarts(lab, sim):
    sim.delay("pfc_oper", seconds=1.0, count=1)
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    sim.wait_for_rx(Q_PFC_OPER)
    d.sh("ip link set veth1 down")      # mid-sequence
    d.settle()
    n = len(starts(sim))
    assert d.ops() == []
    d.sh("ip link set veth1 up")
    d.wait_op("fcoe_create", "veth0")
    assert len(starts(sim)) == n + 1, "the sequence starts from the beginning"


def test_lldpad_restart_mid_sequence(lab, sim):
    sim.drop("pfc_oper", count=None)    # stuck mid-sequence
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    sim.wait_for_rx(Q_PFC_OPER)
    sim.stop()
    sim.clear_rules()
    sim.start()
    # The keepalive notices lldpad went away, re-attaches, and every
    # sequence starts again: nothing stays pending (fcoemon's defect).
    d.wait_op("fcoe_create", "veth0", timeout=20)
    assert sum("attached to lldpad" in l for l in d.lines()) == 2
    assert [o for o, _, _ in d.ops()] == ["fcoe_create"], "no spurious destroy"


def test_no_access_is_reported(lab, sim):
    sim.reply_with("attach", b"R0a", count=None)
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    d.wait_log(r"lldpad refuses our queries \(R0a: sender not uid 0\)")
    assert d.ops() == []


def test_idle_without_dcb_sets_no_timer(lab, sim):
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=sim.ns)
    d.wait_op("fcoe_create", "veth0")
    mpid = int(d.log.wait(event="start")["pid"])
    d.settle()

    def wakeups():
        with open(f"/proc/{mpid}/status") as f:
            return sum(int(l.split()[1]) for l in f
                       if l.startswith(("voluntary_ctxt_switches",
                                        "nonvoluntary_ctxt_switches")))
    a = wakeups()
    time.sleep(2.0)
    assert wakeups() - a == 0, "an idle monitor must not wake up"


def test_real_lldpad_no_dcb_retries_run_out(lab):
    ns = lab.netns()
    with real_lldpad(netns=ns.path, veth=None):
        d = Daemon(lab, {"veth0": CFG_DCB}, netns=ns)
        d.wait_log(r"attached to lldpad")
        d.wait_log(r"veth0: DCB gave up: lldpad error 08 \(not DCB capable\) "
                   r"for DCB state on veth0 after 10 retries", timeout=20)
        d.settle()
        assert d.ops() == [], "nothing is created"
        # No log flood: the ten retries are one line each at debug only.
        info = [l for l in d.lines(max_level=6) if "veth0: DCB" in l]
        assert len(info) <= 3, info


FAKE_LLDPAD = r"""
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(b"\0/com/intel/lldpad")
print("ready", flush=True)
while True:
    data, addr = s.recvfrom(4096)
    if data == b"A":
        s.sendto(b"R00A", addr)
    elif data.startswith(b"C3"):
        s.sendto(b"R00" + data + b"1", addr)
"""


def test_datagrams_not_from_uid_0_are_dropped(lab):
    """Something not root bound lldpad's name: whatever it says is dropped
    before parsing, so it can make nothing happen."""
    import subprocess
    ns = lab.netns()
    p = subprocess.Popen(["nsenter", f"--net={ns.path}", "--", "setpriv",
                          "--reuid=65534", "--regid=65534", "--clear-groups",
                          "/usr/bin/python3", "-c", FAKE_LLDPAD],
                         stdout=subprocess.PIPE, text=True)
    lab.cleanups.append(lambda: (p.kill(), p.wait()))
    assert p.stdout.readline().strip() == "ready"
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=ns)
    d.wait_log(r"dropped a datagram on the lldpad socket: not from uid 0 "
               r"\(uid 65534, ")
    d.settle()
    assert d.ops() == []
    assert not any("attached to lldpad" in l for l in d.lines())
