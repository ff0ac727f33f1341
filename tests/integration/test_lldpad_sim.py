# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Proves lldpad_sim.LldpadSim against doc/kernel.md "lldpad protocol"
and against the real lldpad.  Run as root:

    /usr/bin/python3 -m pytest -v tests/integration/test_lldpad_sim.py
"""

import errno
import os
import socket
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lldpad_real  # noqa: E402
from lldpad_real import clif_request, clif_request_as, fresh_netns  # noqa: E402
from lldpad_sim import (LLDPAD_ADDR, IfState, LldpadSim, client_socket,  # noqa: E402
                        not_capable)

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (namespaces)")


@pytest.fixture(scope="module")
def netns():
    with fresh_netns() as ns:
        yield ns


@pytest.fixture
def sim(netns):
    with LldpadSim(netns, interfaces={"eth2": IfState(), "veth0": not_capable()}) as s:
        yield s


def q(netns, msg, timeout=2.0):
    return clif_request(netns, msg, timeout)


# --------------------------------------------------------------------------
# section 2.6, byte-exact

EXAMPLES = [
    (b"C301010004eth2", b"R00C301010004eth21"),
    (b"C301030004eth2", b"R00C301030004eth2111000100008"),
    (b"C301050004eth2", b"R00C301050004eth21110208"),
    (b"C303030004eth2", b"R00C303030004eth20000001100010000x"),
    (b"C303050004eth2", b"R00C303050004eth2000000110208"),
]


@pytest.mark.parametrize("req,rep", EXAMPLES)
def test_spec_2_6_dcb_examples(sim, netns, req, rep):
    assert len(req) == 14
    assert q(netns, req) == rep


def test_spec_2_6_lengths_and_hex(sim, netns):
    assert b"C301010004eth2".hex(" ") == "43 33 30 31 30 31 30 30 30 34 65 74 68 32"
    lens = [len(q(netns, r)) for r, _ in EXAMPLES]
    assert lens == [18, 29, 24, 34, 29]


def test_spec_2_6_no_dcb_and_ieee(sim, netns):
    sim.configure("eth2", capable=False)
    assert q(netns, b"C301010004eth2") == b"R08C301010004eth2"
    sim.set_state("eth2", IfState(cee_active=False))
    assert q(netns, b"C303030004eth2") == b"R09C303030004eth2"
    assert q(netns, b"C303050004eth2") == b"R09C303050004eth2"
    assert q(netns, b"C301030004eth2") == b"R00C301030004eth2111000100008"


def test_spec_2_6_session(netns):
    with LldpadSim(netns):                 # default pid 4321
        with sim_client(netns) as c:
            assert req(c, b"A") == b"R00A"
            assert req(c, b"P") == b"R00PPONG4321"
            assert req(c, b"D") == b"R00D"
    with LldpadSim(netns):
        out = clif_request_as(netns, b"P", 65534, 65534)
    assert out["reply"] == b"R0a"


# --------------------------------------------------------------------------
# credentials


class sim_client:
    def __init__(self, netns, timeout=2.0):
        self.sock = client_socket(netns, timeout=timeout)

    def __enter__(self):
        return self.sock

    def __exit__(self, *a):
        self.sock.close()


def req(sock, msg):
    sock.send(msg)
    while True:
        r = sock.recv(4096)
        if not r.startswith(b"E"):
            return r


@pytest.mark.parametrize("msg", [b"A", b"P", b"D", b"C301010004eth2", b"X"])
def test_nobody_gets_R0a(sim, netns, msg):
    out = clif_request_as(netns, msg, 65534, 65534)
    assert out["error"] is None, out
    assert out["resuid"] == [65534, 65534, 65534]
    assert out["reply"] == b"R0a"
    e = sim.wait_for_rx(msg)
    assert (e.uid, e.gid) == (65534, 65534) and e.pid > 0 and e.pid != os.getpid()
    assert e.addr == bytes.fromhex(out["addr"])
    assert sim.attached() == []             # a refused A attaches nothing


def test_only_uid_matters(sim, netns):
    assert clif_request_as(netns, b"P", 0, 65534)["reply"] == b"R00PPONG4321"
    assert clif_request_as(netns, b"P", 65534, 0)["reply"] == b"R0a"


def test_root_logged_with_credentials(sim, netns):
    assert q(netns, b"P") == b"R00PPONG4321"
    e = sim.wait_for_rx(b"P")
    assert (e.pid, e.uid, e.gid) == (os.getpid(), 0, os.getgid())
    assert e.addr.startswith(b"\0") and len(e.addr) == 6     # autobind name
    assert [t.data for t in sim.tx()] == [b"R00PPONG4321"]


def test_no_credentials_gives_R05(netns):
    with LldpadSim(netns, passcred=False):
        assert q(netns, b"P") == b"R05"
        assert q(netns, b"A") == b"R05"


# --------------------------------------------------------------------------
# session commands, events


def test_attach_event_detach(sim, netns):
    with sim_client(netns) as c, sim_client(netns) as other:
        assert req(c, b"A") == b"R00A"
        assert sim.attached() == [c.getsockname()]
        assert req(c, b"L2") == b"R00L"
        assert req(other, b"L2") == b"R01L"       # not attached
        sent = [sim.send_event("eth2", 3, 0, 1, 1),
                sim.send_event("eth2", 5, 0, 1, 0),
                sim.send_event("eth2", 2, 0, 0, 1)]
        assert sent == [b"E5204eth2030011", b"E5204eth2050010", b"E5204eth2020001"]
        assert [c.recv(128) for _ in sent] == sent
        other.settimeout(0.2)
        with pytest.raises(socket.timeout):
            other.recv(128)                       # only attached clients
        assert sim.send_event("veth0", 5, 2, 0, 1) == b"E5205veth0050201"
        assert c.recv(128) == b"E5205veth0050201"
        assert req(c, b"D") == b"R00D"
        assert req(c, b"D") == b"R01D"
        assert sim.attached() == []
        sim.send_event("eth2", 3)
        c.settimeout(0.2)
        with pytest.raises(socket.timeout):
            c.recv(128)


def test_attach_twice_gets_events_twice(sim, netns):
    with sim_client(netns) as c:
        assert req(c, b"A") == b"R00A"
        assert req(c, b"A") == b"R00A"
        sim.send_event("eth2", 3, 0, 1, 1)
        assert c.recv(128) == c.recv(128) == b"E5204eth2030011"
        assert req(c, b"D") == b"R00D"
        assert req(c, b"D") == b"R00D"
        assert req(c, b"D") == b"R01D"


def test_attach_module_list(sim, netns):
    with sim_client(netns) as c:
        assert req(c, b"A1234") == b"R00A"        # not the DCBX module: no events
        assert req(c, b"Azz") == b"R01A"
        sim.send_event("eth2", 3)
        c.settimeout(0.2)
        with pytest.raises(socket.timeout):
            c.recv(128)
        assert req(c, b"A1b2101") == b"R00A"
        sim.send_event("eth2", 3)
        assert c.recv(128) == b"E5204eth2030011"


def test_dead_client_auto_detached(sim, netns):
    c = client_socket(netns)
    assert req(c, b"A") == b"R00A"
    c.close()
    for _ in range(10):
        sim.send_event("eth2", 3)
    assert len(sim.attached()) == 1
    sim.send_event("eth2", 3)                      # 11th consecutive failure
    assert sim.attached() == []


# --------------------------------------------------------------------------
# errors


@pytest.mark.parametrize("msg,rep", [
    (b"Cxx", b"R04"),
    (b"C3010G0004eth2", b"R04"),
    (b"C30101000", b"R04"),
    (b"C301010009eth2", b"R04"),                  # shorter than 10+L
    (b"C101010004eth2", b"R07"),                  # version < '2'
    (b"C001010004eth2", b"R07"),
    (b"X", b"R04"),
    (b"", b"R04"),
    (b"C301010004eth9", b"R08C301010004eth9"),    # unknown: not capable
    (b"C301010005veth0", b"R08C301010005veth0"),
    (b"C304030004eth2", b"R06C304030004eth2"),    # no peer
    (b"C303010004eth2", b"R04C303010004eth2"),    # GET_OPER of DCB state
])
def test_errors(sim, netns, msg, rep):
    assert q(netns, msg) == rep


def test_unknown_interface_R02(sim, netns):
    sim.set_state("eth3", IfState(dcbx_module=False))
    assert q(netns, b"C301010004eth3") == b"R02"
    sim.default_state = IfState(dcbx_module=False)
    assert q(netns, b"C301010004eth9") == b"R02"


def test_scripted_state(sim, netns):
    sim.configure("eth2", dcb=False)
    assert q(netns, b"C301010004eth2") == b"R00C301010004eth20"
    sim.configure("eth2", pfc_willing=0, pfc_admin="00000210", num_tcs=4)
    assert q(netns, b"C301030004eth2") == b"R00C301030004eth2110000002104"
    sim.configure("eth2", app_advertise=0, app_bitmap=0x30)
    assert q(netns, b"C301050004eth2") == b"R00C301050004eth21010230"
    sim.configure("eth2", syncd=0, pfc_error=0x21, pfc_oper_version=1, pfc_max_version=2,
                  pfc_oper="00001000")
    assert q(netns, b"C303030004eth2") == b"R00C303030004eth20102211000001000x"
    sim.configure("eth2", app_oper_mode=0, app_oper=0x10)
    assert q(netns, b"C303050004eth2") == b"R00C303050004eth2000000000210"
    sim.configure("eth2", app_oper=None)
    assert q(netns, b"C303050004eth2") == b"R02C303050004eth200000000"
    assert q(netns, b"C301050204eth2") == b"R00C301050204eth200000"   # no iSCSI entry


# --------------------------------------------------------------------------
# fault injection


def test_fail_next_n_and_kind(sim, netns):
    sim.fail("any", 0x01, count=2)
    assert q(netns, b"P") == b"R01"
    assert q(netns, b"C301010004eth2") == b"R01"
    assert q(netns, b"P") == b"R00PPONG4321"
    sim.fail("pfc_oper", 0x09, count=None)
    assert q(netns, b"C303030004eth2") == b"R09C303030004eth2"
    assert q(netns, b"C303030004eth2") == b"R09C303030004eth2"
    assert q(netns, b"C303050004eth2") == b"R00C303050004eth2000000110208"
    sim.clear_rules()
    assert q(netns, b"C303030004eth2") == b"R00C303030004eth20000001100010000x"
    sim.reply_with(b"C3010100", b"R00C301010004eth2Z")
    assert q(netns, b"C301010004eth2") == b"R00C301010004eth2Z"


def test_drop_and_delay(sim, netns):
    sim.drop("ping", count=1)
    with pytest.raises(socket.timeout):
        q(netns, b"P", timeout=0.3)
    assert q(netns, b"P") == b"R00PPONG4321"
    assert [(e.direction, e.data) for e in sim.log] == [
        ("rx", b"P"), ("drop", b"P"), ("rx", b"P"), ("tx", b"R00PPONG4321")]
    with sim_client(netns) as c:
        sim.drop("attach")                          # processed, not answered
        n = len(sim.log)
        c.send(b"A")
        sim.wait_for(lambda e: e.direction == "drop", since=n)
        assert sim.attached() == [c.getsockname()]
    sim.delay("dcb_state", 0.4, count=1)
    t0 = time.monotonic()
    assert q(netns, b"C301010004eth2") == b"R00C301010004eth21"
    assert time.monotonic() - t0 >= 0.4


def test_pause_resume(sim, netns):
    with sim_client(netns) as c:
        sim.pause()
        c.send(b"P")
        c.settimeout(0.3)
        with pytest.raises(socket.timeout):
            c.recv(64)
        sim.resume()
        c.settimeout(2)
        assert c.recv(64) == b"R00PPONG4321"


# --------------------------------------------------------------------------
# stop / restart


def test_stop_restart(sim, netns):
    with sim_client(netns) as c:
        assert req(c, b"A") == b"R00A"
        sim.stop()
        assert not sim.running
        with pytest.raises(ConnectionRefusedError):
            c.send(b"P")
        with pytest.raises(OSError) as ei:           # no longer connected
            c.send(b"P")
        assert ei.value.errno in (errno.ENOTCONN, errno.ECONNREFUSED)
        with pytest.raises((ConnectionRefusedError, FileNotFoundError)):
            q(netns, b"P", timeout=0.3)
        sim.start(pid=4322)
        assert sim.attached() == []                  # a new lldpad forgets clients
        c.connect(LLDPAD_ADDR)
        assert req(c, b"P") == b"R00PPONG4322"
        assert req(c, b"D") == b"R01D"
    sim.restart()
    assert q(netns, b"C301010004eth2") == b"R00C301010004eth21"   # state survives
    assert sim.starts == 3


def test_second_instance_refused(sim, netns):
    with pytest.raises(OSError) as ei:
        LldpadSim(netns)
    assert ei.value.errno == errno.EADDRINUSE


def test_only_in_its_netns(sim, netns):
    assert lldpad_real.netns_run(netns, ["true"]).returncode == 0
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        s.bind(b"")
        s.settimeout(0.3)
        try:
            s.sendto(b"P", LLDPAD_ADDR)
            assert s.recv(64) != b"R00PPONG4321"   # a host lldpad, not ours
        except (ConnectionRefusedError, FileNotFoundError, socket.timeout):
            pass
    finally:
        s.close()


# --------------------------------------------------------------------------
# against the real lldpad

DIFF_QUERIES = [
    b"A", b"P", b"D", b"C301010005veth0",
    # beyond the brief: what else both answer identically on a non-DCB veth
    b"A", b"A", b"D", b"D", b"D", b"L1", b"", b"X", b"Pfoo", b"A0", b"Azz",
    b"A1,zz", b"D", b"D", b"C301030005veth0", b"C301050005veth0",
    b"C303030005veth0", b"C303050005veth0", b"C301010004veth0",
    b"C301010005nope0", b"Cxx", b"C101010005veth0", b"C1xx", b"C301010009veth0",
    b"C3010G0005veth0", b"C301010005v\0th0", b"C\x80010100",
    b"M001b2101C301010005veth0", b"C301fe", b"C303fe", b"C304fe", b"C302fe9",
]


@pytest.mark.skipif(not os.access(lldpad_real.LLDPAD_BIN, os.X_OK),
                    reason="lldpad not installed")
def test_same_bytes_as_real_lldpad(netns):
    with lldpad_real.real_lldpad() as lp, \
            LldpadSim(netns, interfaces={"veth0": not_capable()}) as sim:
        # one persistent client per side, so attach/detach state evolves alike
        with lp.client() as rc, sim_client(netns) as sc:
            for msg in DIFF_QUERIES:
                real = rc.request(msg)
                mine = req(sc, msg)
                if msg.startswith(b"P"):
                    assert real == b"R00PPONG%d" % lp.pid
                    assert mine == b"R00PPONG%d" % sim.pid
                else:
                    assert mine == real, msg
        assert lp.query_as(b"P")["reply"] == clif_request_as(netns, b"P")["reply"] == b"R0a"
