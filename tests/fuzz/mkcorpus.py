#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Write the fuzz seed corpus: one valid request frame per type, a few
rejected payloads, replies and a SIGNAL notice (proto/fcp.h layout,
little-endian host order), built by the tests' one codec of it,
tests/integration/fcp.py.  Usage: mkcorpus.py DIR"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "integration"))
import fcp  # noqa: E402
from fcp import REPLY, frame, ifname as name  # noqa: E402


def rep(typ, payload, seq=1, status=0):
    return frame(typ | REPLY, payload, seq, status=status)


seeds = {
    "req_hello": frame(fcp.HELLO, fcp.hello()),
    "req_fcoe_create_fabric": frame(fcp.FCOE_CREATE, fcp.fcoe_create("eth0")),
    "req_fcoe_create_vn2vn": frame(fcp.FCOE_CREATE, fcp.fcoe_create(
        "eth0.100-fcoe", fcp.MODE_VN2VN)),
    "req_fcoe_destroy": frame(fcp.FCOE_DESTROY, name("eth0")),
    "req_fcoe_enable": frame(fcp.FCOE_ENABLE, name("eth1")),
    "req_fcoe_disable": frame(fcp.FCOE_DISABLE, name("eth1")),
    "req_fcoe_reset": frame(fcp.FCOE_RESET, name("enp1s0f0")),
    "req_fcoe_scan": frame(fcp.FCOE_SCAN, name("enp1s0f0")),
    "req_lldpad_attach": frame(fcp.LLDPAD_SEND,
                               fcp.lldpad_send(fcp.LQ_ATTACH)),
    "req_lldpad_ping": frame(fcp.LLDPAD_SEND, fcp.lldpad_send(fcp.LQ_PING)),
    "req_lldpad_dcb_state": frame(fcp.LLDPAD_SEND, fcp.lldpad_send(
        fcp.LQ_DCB_STATE, "eth2")),
    "req_lldpad_app_oper": frame(fcp.LLDPAD_SEND, fcp.lldpad_send(
        fcp.LQ_APP_OPER, "abcdefghijklmno")),
    "req_lldpad_connect": frame(fcp.LLDPAD_CONNECT, b""),
    # 8 and 9 were VLAN create/destroy: removed, a bad type now
    "bad_removed_vlan_create": frame(8, name("eth0") + struct.pack("<HH", 100, 0)),
    "bad_removed_vlan_destroy": frame(9, name("eth0.100-fcoe")),
    "bad_name_slash": frame(fcp.FCOE_DESTROY, name("a/b")),
    "bad_name_dotdot": frame(fcp.FCOE_DESTROY, name("..")),
    "bad_signal_as_request": frame(fcp.SIGNAL, fcp.signal(15)),
    "bad_len": frame(fcp.FCOE_DESTROY, name("eth0") + b"\0"),
    "rep_hello": rep(fcp.HELLO, fcp.hello_rep(fcp.KIF_BUS, fcp.SC_KILL, 7)),
    "rep_error": rep(fcp.FCOE_CREATE, b"", seq=4, status=19),
    "notice_signal": frame(fcp.SIGNAL, fcp.signal(15), seq=0),
}

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "corpus")
os.makedirs(out, exist_ok=True)
for k, v in sorted(seeds.items()):
    with open(os.path.join(out, k), "wb") as f:
        f.write(v)
