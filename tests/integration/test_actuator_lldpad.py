# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""lldpad relay: the actuator sends the fixed queries, with uid 0 credentials,
to @/com/intel/lldpad in its network namespace; replies reach the monitor's
copy of the socket (fd 4); the monitor's own datagrams carry its own uid."""

import errno
import re
import socket
import struct

import pytest

import fcp
from conftest import PRI_INFO, check_begin, check_end

UCRED = struct.Struct("iII")
QUERIES = [(k, "" if k <= fcp.LQ_PING else "veth0") for k in range(1, 9)]


def recv_with_creds(sock, timeout=3.0, src=None):
    """Next datagram (from address src only, if given: a ping is preceded by
    one from the actuator's private socket, which checks that this lldpad
    is still the one it connected to)."""
    sock.settimeout(timeout)
    while True:
        data, anc, _flags, addr = sock.recvmsg(4096, socket.CMSG_SPACE(UCRED.size))
        if src is None or addr == src:
            break
    creds = None
    for lvl, typ, cdata in anc:
        if lvl == socket.SOL_SOCKET and typ == socket.SCM_CREDENTIALS:
            creds = UCRED.unpack(cdata[:UCRED.size])
    return data, creds, addr


def test_every_query_kind_reaches_lldpad_as_root(lab):
    a = lab.start(listen_lldpad=True)
    a.hello()
    lst = a.listener
    for kind, name in QUERIES:
        m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(kind, name))
        assert m.status == 0, (fcp.LQ_NAMES[kind], m)
        data, creds, addr = recv_with_creds(lst, src=a.lldpad.getsockname())
        assert data == fcp.lldpad_bytes(kind, name), (fcp.LQ_NAMES[kind], data)
        pid, uid, gid = creds
        assert (pid, uid, gid) == (a.pid, 0, 0), creds
        # lldpad answers to the sender's (autobound) address ...
        assert addr == a.lldpad.getsockname(), (addr, a.lldpad.getsockname())
        reply = b"R00" + data[:1] + b"-reply-%d" % kind
        lst.sendto(reply, addr)
        # ... which is the monitor's fd 4
        assert a.lldpad.recv(4096) == reply
        end = a.end_record(m.seq)
        assert end["op"] == "lldpad_send" and end["kind"] == fcp.LQ_NAMES[kind], end
        assert end["result"] == "ok" and end["errno"] == "0", end
        assert end.pri == PRI_INFO, end
        if name:
            check_end(end, op="lldpad_send",
                      args=[("kind", fcp.LQ_NAMES[kind]), ("ifname", name)],
                      result="ok", err=0, obj=None, pri=PRI_INFO)
            check_begin(a.begin_records(m.seq)[0], op="lldpad_send",
                        args=[("kind", fcp.LQ_NAMES[kind]), ("ifname", name)],
                        pri=PRI_INFO, order=True)
    assert a.sysfs.take() == {}


def test_query_formats_interface_name_length(lab):
    """The two hex digits before the name are its length (1 and 15 bytes)."""
    a = lab.start(listen_lldpad=True)
    a.hello()
    for name in ("x", "abcdefghijklmno", "eth2"):
        m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_DCB_STATE, name))
        assert m.status == 0, m
        data, _, _ = recv_with_creds(a.listener)
        assert data == b"C3010100%02x" % len(name) + name.encode(), data
    # the contract's literal example
    assert fcp.lldpad_bytes(fcp.LQ_DCB_STATE, "eth2") == b"C301010004eth2"


def test_monitor_own_datagram_carries_its_own_uid(lab):
    """What the monitor sends itself on fd 4 is stamped with uid nobody (so
    real lldpad answers it R0a): the relay is the only way to be root."""
    a = lab.start(listen_lldpad=True)
    a.hello()
    a.driver_send({"cmd": "lldpad_send", "hex": b"A".hex(), "timeout": 2.0})
    data, (pid, uid, gid), addr = recv_with_creds(a.listener)
    assert data == b"A"
    assert (pid, uid, gid) == (a.driver_pid, 65534, 65534)
    a.listener.sendto(b"R0a", addr)
    r = a.driver_reply(timeout=5)
    assert r["ok"] and r["sent"] == 1, r
    assert r["replies"] == [b"R0a".hex()], r


def test_send_without_lldpad_then_connect(lab):
    a = lab.start()                     # nothing listens at start-up
    a.hello()
    m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING))
    assert m.status == errno.ENOTCONN, m
    end = a.end_record(m.seq)
    assert end["result"] == "fail" and end["errno"] == str(errno.ENOTCONN), end
    m = a.request(fcp.LLDPAD_CONNECT)
    assert m.status == errno.ECONNREFUSED, m
    end = a.end_record(m.seq)
    assert end["op"] == "lldpad_connect" and end["result"] == "fail", end
    assert end["errno"] == str(errno.ECONNREFUSED), end
    # lldpad appears
    lst = lab.listener(a.netns)
    m = a.request(fcp.LLDPAD_CONNECT)
    assert m.status == 0, m
    assert a.end_record(m.seq)["result"] == "ok"
    m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_ATTACH))
    assert m.status == 0, m
    data, creds, addr = recv_with_creds(lst)
    assert data == b"A" and creds[1] == 0, (data, creds)
    lst.sendto(b"R00A", addr)
    assert a.lldpad.recv(4096) == b"R00A"


def test_reconnect_to_restarted_lldpad(lab):
    a = lab.start(listen_lldpad=True)
    a.hello()
    a.listener.close()                  # lldpad stops ...
    m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING))
    assert m.status != 0, m
    assert a.end_record(m.seq)["result"] == "fail"
    lst = lab.listener(a.netns)         # ... and comes back
    m = a.request(fcp.LLDPAD_CONNECT)
    assert m.status == 0, m
    m = a.request(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING))
    assert m.status == 0, m
    data, creds, _ = recv_with_creds(lst)
    assert data == b"P" and creds[1] == 0


def test_lldpad_in_another_netns_is_not_reached(lab):
    """The actuator talks to the lldpad of its own network namespace only."""
    other = lab.netns()
    elsewhere = lab.listener(other)
    a = lab.start()
    a.hello()
    m = a.request(fcp.LLDPAD_CONNECT)
    assert m.status == errno.ECONNREFUSED, m
    elsewhere.settimeout(0.2)
    with pytest.raises(socket.timeout):
        elsewhere.recv(100)


def test_audit_records_are_key_value(lab):
    """Every token after AUDIT is key=value (lldpad_connect has no args)."""
    a = lab.start(listen_lldpad=True)
    a.hello()
    m = a.request(fcp.LLDPAD_CONNECT)
    assert m.status == 0
    a.end_record(m.seq)
    for r in a.audit.audit():
        bad = [t for t in r.tokens
               if not re.fullmatch(r"[a-z_]+=\S*", t)]
        assert not bad, f"not key=value: {bad} in {r}"
