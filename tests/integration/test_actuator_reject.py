# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Semantic rejections: a well-framed request with a bad payload gets an error
reply (zeroed payload), an audit end record result=denied with the whole
payload hex-encoded instead of the arguments, and nothing is written or
created.  The actuator keeps serving."""

import errno
import struct

import pytest

import fcp

E = errno.EINVAL

BAD_NAMES = [
    pytest.param(b"abcdefghijklmnop", id="16-bytes-no-nul"),
    pytest.param(b"", id="empty"),
    pytest.param(b".", id="dot"),
    pytest.param(b"..", id="dotdot"),
    pytest.param(b"a/b", id="slash"),
    pytest.param(b"../veth0", id="dotdot-slash"),
    pytest.param(b"veth0 ", id="space"),
    pytest.param(b"veth0\n", id="newline"),
    pytest.param(b"ve*th", id="star"),
    pytest.param("vé".encode(), id="utf8"),
    pytest.param(b"\x01veth0", id="control-char"),
    pytest.param(b"veth0\0x", id="garbage-after-nul"),
    pytest.param(b"veth0" + bytes(10) + b"\x01", id="garbage-in-last-byte"),
    pytest.param(b"\0veth0", id="leading-nul"),
]

def sd_ready(up, wanted, timed_out=0, pad=0):
    return struct.pack("<IIII", up, wanted, timed_out, pad)


OTHER = [
    # SD_READY: counts only, bounded, consistent (no text reaches systemd)
    pytest.param(fcp.SD_READY, sd_ready(2, 1), E, id="ready-up-over-wanted"),
    pytest.param(fcp.SD_READY, sd_ready(0, 65537), E, id="ready-wanted-max"),
    pytest.param(fcp.SD_READY, sd_ready(0xffffffff, 0xffffffff), E,
                 id="ready-huge"),
    pytest.param(fcp.SD_READY, sd_ready(0, 1, 2), E, id="ready-timed-out-2"),
    pytest.param(fcp.SD_READY, sd_ready(1, 1, 0, 1), E, id="ready-pad"),
    # FCOE_CREATE: mode and padding
    pytest.param(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", 2), E, id="create-mode-2"),
    pytest.param(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", 255), E, id="create-mode-255"),
    # the byte after mode is `disabled`: 0 or 1 only
    pytest.param(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", 0, b"\x02\0\0"), E,
                 id="create-disabled-2"),
    pytest.param(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", 0, b"\x80\0\0"), E,
                 id="create-disabled-80"),
    pytest.param(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", 0, b"\0\x01\0"), E,
                 id="create-pad0"),
    pytest.param(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", 1, b"\x01\0\x80"), E,
                 id="create-pad1"),
    pytest.param(fcp.FCOE_CREATE, fcp.fcoe_create(b"a/b", 0), E, id="create-bad-name"),
    # LLDPAD_SEND: kinds and names
    pytest.param(fcp.LLDPAD_SEND, fcp.lldpad_send(0), E, id="lq-kind-0"),
    pytest.param(fcp.LLDPAD_SEND, fcp.lldpad_send(9), E, id="lq-kind-9"),
    pytest.param(fcp.LLDPAD_SEND, fcp.lldpad_send(0xffffffff), E, id="lq-kind-max"),
    pytest.param(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_ATTACH, "veth0"), E,
                 id="lq-attach-with-name"),
    pytest.param(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING, b"\0\0\0x"), E,
                 id="lq-ping-garbage"),
    pytest.param(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_DCB_STATE), E,
                 id="lq-dcb-no-name"),
    pytest.param(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_APP_OPER, b"a/b"), E,
                 id="lq-app-oper-slash"),
]


def check_denied(a, type_, payload, err):
    links_before = a.netns.links()
    m = a.request(type_, payload)            # check_reply: zeroed payload, sizes
    assert m.status == err, (errno.errorcode.get(m.status), m)
    end = a.end_record(m.seq)
    op = fcp.TYPE_NAMES[type_]
    assert end["op"] == op and end["result"] == "denied", end
    assert end["errno"] == str(err), end
    assert end["payload_hex"].lower() == payload.hex(), end
    keys = set(end.keys())
    allowed = {"v", "run", "rec", "seq", "phase", "op", "payload_hex", "result", "errno", "dur_us", "kif"}
    assert keys <= allowed, f"unexpected keys {keys - allowed} (arguments of a rejected payload?) in {end}"
    assert end.pri in (84, 85, 86), end
    for b in a.begin_records(m.seq):
        assert "payload_hex" in b and "ifname" not in b, b
    assert a.sysfs.take() == {}
    assert a.netns.links() == links_before
    # still serving
    m = a.request(fcp.FCOE_ENABLE, fcp.ifreq("veth0"))
    assert m.status == 0, m
    a.sysfs.take()


@pytest.mark.parametrize("name", BAD_NAMES)
def test_bad_interface_name(act, name):
    for type_ in (fcp.FCOE_DESTROY, fcp.FCOE_ENABLE, fcp.FCOE_DISABLE, fcp.FCOE_RESET,
                  fcp.FCOE_SCAN):
        check_denied(act, type_, fcp.ifname(name), errno.EINVAL)
    check_denied(act, fcp.FCOE_CREATE, fcp.fcoe_create(name), errno.EINVAL)
    check_denied(act, fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PFC_CONFIG, name),
                 errno.EINVAL)


@pytest.mark.parametrize("type_,payload,err", OTHER)
def test_bad_payload(act, type_, payload, err):
    check_denied(act, type_, payload, err)


def test_many_rejections_then_valid_requests(act):
    """Rejections leave no state behind: later requests are served normally."""
    for i in range(30):
        m = act.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", 7))
        assert m.status == errno.EINVAL
    m = act.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0", fcp.MODE_VN2VN))
    assert m.status == 0
    assert set(act.sysfs.take()) == {"/sys/bus/fcoe/ctlr_create",
                                     "/sys/devices/virtual/net/veth0/ctlr_0/mode",
                                     "/sys/devices/virtual/net/veth0/ctlr_0/enabled"}


def test_sd_ready_once(act):
    """READY=1 is passed on once: a monitor repeating it is refused
    (EALREADY), and without $NOTIFY_SOCKET nothing is sent anywhere."""
    m = act.request(fcp.SD_READY, sd_ready(1, 1))
    assert m.status == 0, m
    assert act.end_record(m.seq).get("notify") == "none"
    m = act.request(fcp.SD_READY, sd_ready(1, 1))
    assert m.status == errno.EALREADY, m
    m = act.request(fcp.FCOE_ENABLE, fcp.ifreq("veth0"))
    assert m.status == 0, m
