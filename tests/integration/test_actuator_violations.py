# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Framing violations: each malformed frame, in its own actuator run, ends
the actuator with exit status 2 and an audit `violation` record naming the
reason, having acted on nothing (no sysfs write, no begin record)."""

import os
import struct

import pytest

import fcp
from conftest import PRI_WARNING, kernel_has_vlan

CREATE = fcp.fcoe_create("veth0", fcp.MODE_VN2VN)   # would write 3 files if acted on


def create_frame(seq=2, **kw):
    return fcp.frame(fcp.FCOE_CREATE, CREATE, seq, **kw)


# (id, frames sent after a good HELLO with seq 1, reason)
CASES = [
    ("short-23", [create_frame()[:23]], "short"),
    ("short-0", [b""], "short"),
    ("short-1", [b"\x46"], "short"),
    ("bad-magic", [create_frame(magic=fcp.MAGIC + 1)], "bad_magic"),
    ("bad-magic-swapped", [create_frame(magic=0x46435031)], "bad_magic"),
    ("bad-version-0", [create_frame(version=0)], "bad_version"),
    ("bad-version-2", [create_frame(version=2)], "bad_version"),
    ("flags-1", [create_frame(flags=1)], "bad_flags"),
    ("flags-high", [create_frame(flags=0x80000000)], "bad_flags"),
    ("status-1", [create_frame(status=1)], "bad_status"),
    ("status-neg", [create_frame(status=-1)], "bad_status"),
    ("type-0", [fcp.frame(0, b"", 2)], "bad_type"),
    ("type-max", [fcp.frame(fcp.TYPE_MAX, b"", 2)], "bad_type"),
    ("type-0x7fff", [fcp.frame(0x7FFF, CREATE, 2)], "bad_type"),
    ("reply-bit", [fcp.frame(fcp.FCOE_CREATE | fcp.REPLY, CREATE, 2)], "bad_type"),
    ("reply-bit-hello", [fcp.frame(fcp.HELLO | fcp.REPLY, bytes(16), 2)], "bad_type"),
    ("signal-as-request", [fcp.frame(fcp.SIGNAL, b"", 2)], "bad_type"),
    ("signal-as-request-8", [fcp.frame(fcp.SIGNAL, struct.pack("<II", 15, 0), 2)],
     "bad_type"),
    # FIP notices go actuator -> monitor only (a direction per type)
    ("fip-frame-as-request",
     [fcp.frame(fcp.FIP_FRAME, fcp.fip_frame(2, bytes(60)), 2)], "bad_type"),
    ("fip-frame-max-as-request",
     [fcp.frame(fcp.FIP_FRAME, fcp.fip_frame(2, bytes(fcp.FIP_MAX)), 2)],
     "truncated"),
    ("fip-drops-as-request",
     [fcp.frame(fcp.FIP_DROPS, struct.pack("<IIQ", 2, 1, 1), 2)], "bad_type"),
    ("fip-send-short", [fcp.frame(fcp.FIP_SEND, fcp.fip_send("lo")[:-1], 2)],
     "bad_length"),
    ("len-minus-1", [fcp.frame(fcp.FCOE_CREATE, CREATE[:-1], 2)], "bad_length"),
    ("len-plus-1", [fcp.frame(fcp.FCOE_CREATE, CREATE + b"\0", 2)], "bad_length"),
    ("hdr-len-ok-record-short", [create_frame()[:-1]], "bad_length"),
    ("hdr-len-ok-record-long", [create_frame() + b"\0"], "bad_length"),
    ("hdr-len-21-record-20", [fcp.frame(fcp.FCOE_CREATE, CREATE, 2, length=21)],
     "bad_length"),
    ("hdr-len-0", [fcp.frame(fcp.FCOE_CREATE, CREATE, 2, length=0)], "bad_length"),
    ("connect-with-payload", [fcp.frame(fcp.LLDPAD_CONNECT, b"\0" * 4, 2)], "bad_length"),
    ("record-128", [fcp.frame(fcp.FCOE_CREATE, CREATE + bytes(128 - 44), 2)],
     "bad_length"),
    ("truncated-129", [fcp.frame(fcp.FCOE_CREATE, CREATE + bytes(129 - 44), 2)],
     "truncated"),
    ("truncated-4096", [fcp.frame(fcp.FCOE_CREATE, CREATE + bytes(4096 - 44), 2)],
     "truncated"),
    ("seq-repeat", [create_frame(seq=1)], "seq"),
    ("seq-back", [fcp.frame(fcp.FCOE_ENABLE, fcp.ifreq("veth0"), 3), create_frame(seq=2)],
     "seq"),
    ("seq-zero", [create_frame(seq=0)], "seq"),
    ("hello-again", [fcp.frame(fcp.HELLO, fcp.hello(), 2)], "hello_again"),
]


@pytest.mark.parametrize("frames,reason", [pytest.param(f, r, id=i) for i, f, r in CASES])
def test_violation_after_hello(lab, frames, reason):
    a = lab.start()
    a.hello()
    a.sysfs.take()
    acted = {}
    for i, data in enumerate(frames):
        a.send_raw(data)
        if i < len(frames) - 1:          # a valid request before the bad one
            m = a.recv_reply()
            assert m.status == 0, m
            acted = a.sysfs.take()
            assert acted, "the valid request before the violation did nothing"
    check_violation(a, reason)


def check_violation(a, reason, after_seq=None):
    rc = a.wait()
    assert rc == 2, f"exit status {rc}; stderr:\n{a.stderr}"
    v = a.audit.wait(event="violation")
    assert v["reason"] == reason, v
    assert v.pri == PRI_WARNING, v
    assert v["phase"] == "event", v
    assert len(a.audit.find(event="violation")) == 1
    assert a.sysfs.take() == {}, "acted on a violating frame"
    # no begin record for the violating request
    creates = [r for r in a.audit.audit() if r.get("op") == "fcoe_create"]
    assert creates == [], creates
    # the monitor's end sees EOF, never a reply
    m = a.recv(timeout=2)
    assert m is None, m


# What a compromised monitor sent to make VLANs (8) and remove them (9)
# before those requests were removed: a VLAN on a trunk port joins the host
# to any VLAN (IPv6 autoconfiguration), 4,094 of them per NIC.
REMOVED = [
    pytest.param(8, fcp.ifname("veth0") + struct.pack("<HH", 100, 0),
                 id="vlan-create"),
    pytest.param(9, fcp.ifname("veth0.100-fcoe"), id="vlan-destroy"),
]


@pytest.mark.parametrize("type_,payload", REMOVED)
def test_removed_vlan_request_is_a_violation(lab, type_, payload):
    a = lab.start()
    if type_ == 9 and kernel_has_vlan():    # one named as fcoemond named them
        a.netns.run(["ip", "link", "add", "link", "veth0", "name",
                     "veth0.100-fcoe", "type", "vlan", "id", "100"])
    a.hello()
    a.sysfs.take()
    links = a.netns.links()
    a.send_raw(fcp.frame(type_, payload, 2))
    check_violation(a, "bad_type")
    assert a.netns.links() == links, "the removed VLAN request acted"
    assert [r for r in a.audit.audit() if r.get("op", "").startswith("vlan")] == []


def test_request_before_hello(lab):
    a = lab.start()
    a.send_raw(create_frame(seq=1))
    check_violation(a, "no_hello")


def test_connect_before_hello(lab):
    a = lab.start()
    a.send_raw(fcp.frame(fcp.LLDPAD_CONNECT, b"", 1))
    check_violation(a, "no_hello")


def test_fd_attached(lab):
    a = lab.start()
    a.hello()
    r, w = os.pipe()
    try:
        a.send_raw(create_frame(), fds=[w])
        check_violation(a, "control_message")
    finally:
        os.close(r)
        os.close(w)


def test_fd_attached_to_hello(lab):
    a = lab.start()
    fd = os.open("/dev/null", os.O_RDONLY)
    try:
        a.send_raw(fcp.frame(fcp.HELLO, fcp.hello(), 1), fds=[fd])
        check_violation(a, "control_message")
    finally:
        os.close(fd)
