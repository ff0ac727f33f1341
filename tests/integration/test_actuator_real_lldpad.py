# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""The actuator's lldpad relay against the real lldpad (Debian's package), in
the actuator's own network namespace: queries sent through the actuator are
answered on the monitor's end of the shared socket, while a datagram the
unprivileged monitor sends itself is refused by lldpad (R0a)."""
import select

import fcp
from lldpad_real import real_lldpad


def recv_reply(sock, timeout=5.0):
    r, _, _ = select.select([sock], [], [], timeout)
    assert r, "no datagram from lldpad on the monitor's socket"
    return sock.recv(4096)


def test_real_lldpad_answers_relayed_queries(lab):
    ns = lab.netns()
    with real_lldpad(netns=ns.path, veth=None):
        a = lab.start(netns=ns)        # lldpad is there: connected at start-up
        a.hello()
        m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_ATTACH, ""))
        assert m.status == 0, m
        assert recv_reply(a.lldpad) == b"R00A"
        m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_DCB_STATE, "veth0"))
        assert m.status == 0, m
        # veth has no DCB support: lldpad says "not capable" and echoes the query
        assert recv_reply(a.lldpad) == b"R08C301010005veth0"
        m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING, ""))
        assert m.status == 0, m
        assert recv_reply(a.lldpad).startswith(b"R00PPONG")


def test_real_lldpad_refuses_the_monitor_itself(lab):
    ns = lab.netns()
    with real_lldpad(netns=ns.path, veth=None):
        a = lab.start(netns=ns)
        a.hello()
        a.driver_send({"cmd": "lldpad_send", "hex": b"A".hex(), "timeout": 3.0})
        r = a.driver_reply(timeout=6)
        assert r["ok"] and r["sent"] == 1, r
        assert r["replies"] == [b"R0a".hex()], r


def test_real_lldpad_restart_then_reconnect(lab):
    ns = lab.netns()
    with real_lldpad(netns=ns.path, veth=None) as lp:
        a = lab.start(netns=ns)
        a.hello()
        lp.stop()
        m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING, ""))
        assert m.status != 0, m      # the old peer is gone
        lp.start()
        m = a.request(fcp.LLDPAD_CONNECT, b"")
        assert m.status == 0, m
        m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_ATTACH, ""))
        assert m.status == 0, m
        assert recv_reply(a.lldpad) == b"R00A"
