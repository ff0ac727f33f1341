#!/usr/bin/python3
"""Write the fuzz seed corpus: one valid request frame per type, a few
rejected payloads, replies and a SIGNAL notice (proto/fcp.h layout,
little-endian host order).  Usage: mkcorpus.py DIR"""
import os
import struct
import sys

MAGIC = 0x31504346


def frame(typ, payload, seq=1, status=0, flags=0, version=1):
    return struct.pack("<IHHIIIi", MAGIC, version, typ, seq, len(payload),
                       flags, status) + payload


def name(s):
    b = s.encode()
    return b + b"\0" * (16 - len(b))


seeds = {
    "req_hello": frame(1, struct.pack("<II", 1, 0)),
    "req_fcoe_create_fabric": frame(2, name("eth0") + bytes([0, 0, 0, 0])),
    "req_fcoe_create_vn2vn": frame(2, name("eth0.100-fcoe") + bytes([1, 0, 0, 0])),
    "req_fcoe_destroy": frame(3, name("eth0")),
    "req_fcoe_enable": frame(4, name("eth1")),
    "req_fcoe_disable": frame(5, name("eth1")),
    "req_fcoe_reset": frame(6, name("enp1s0f0")),
    "req_fcoe_scan": frame(7, name("enp1s0f0")),
    "req_lldpad_attach": frame(10, struct.pack("<I", 1) + bytes(16)),
    "req_lldpad_ping": frame(10, struct.pack("<I", 3) + bytes(16)),
    "req_lldpad_dcb_state": frame(10, struct.pack("<I", 4) + name("eth2")),
    "req_lldpad_app_oper": frame(10, struct.pack("<I", 8) + name("abcdefghijklmno")),
    "req_lldpad_connect": frame(11, b""),
    # 8 and 9 were VLAN create/destroy: removed, a bad type now
    "bad_removed_vlan_create": frame(8, name("eth0") + struct.pack("<HH", 100, 0)),
    "bad_removed_vlan_destroy": frame(9, name("eth0.100-fcoe")),
    "bad_name_slash": frame(3, name("a/b")),
    "bad_name_dotdot": frame(3, name("..")),
    "bad_signal_as_request": frame(12, struct.pack("<II", 15, 0)),
    "bad_len": frame(3, name("eth0") + b"\0"),
    "rep_hello": frame(0x8001, struct.pack("<IIIi", 1, 1, 0, 7)),
    "rep_error": frame(0x8002, b"", seq=4, status=19),
    "notice_signal": frame(12, struct.pack("<II", 15, 0), seq=0),
}

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "corpus")
os.makedirs(out, exist_ok=True)
for k, v in sorted(seeds.items()):
    with open(os.path.join(out, k), "wb") as f:
        f.write(v)
