#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Write the FIP fuzz seeds: the two byte examples of the spec (VLAN
request, notification offering VLAN 100), a VN2VN request, one with a
Name_Identifier (as fnic sends), notifications with several VIDs, VID 0 and priority bits,
near misses (802.1Q tag, zero-length descriptor, truncated), and one VLAN
name of each form.  Usage: mkcorpus_fip.py DIR"""
import os
import sys

HOST = "001b21aabbcc"
FCF = "000dec112233"


def frame(dst, src, sub, descs):
    words = len(descs) // 8
    return bytes.fromhex(dst + src + "8914" + "1000" + "0004" + "00" +
                         "%02x" % sub + "%04x" % words + "0000" + descs)


def mac(m):
    return "0202" + m


def vlan(v):
    return "0e01" + "%04x" % v


seeds = {
    "req-fabric": frame("011018010002", HOST, 1, mac(HOST)),
    "req-vn2vn": frame("011018010004", HOST, 1, mac(HOST)),
    "req-name": frame("011018010002", HOST, 1,
                      mac(HOST) + "04030000" + "2000" + HOST),
    "note-100": frame(HOST, FCF, 2, mac(FCF) + vlan(100)),
    "note-vn2vn-3": frame(HOST, FCF, 3,
                          mac(FCF) + vlan(0) + vlan(1002) + vlan(0x3064)),
    "note-unknown-desc": frame(HOST, FCF, 2,
                               mac(FCF) + "8003" + "00" * 10 + vlan(7)),
    "note-zero-len": frame(HOST, FCF, 2, mac(FCF) + "0e000064"),
    "note-truncated": frame(HOST, FCF, 2, mac(FCF) + vlan(100))[:-2],
    "name-long": b"eth2.100-fcoe",
    "name-short": b"vws71.1002-fcoe",
}
tagged = bytearray(seeds["note-100"])
tagged[12:12] = bytes.fromhex("81000064")
seeds["note-tagged"] = bytes(tagged)

os.makedirs(sys.argv[1], exist_ok=True)
for k, v in seeds.items():
    with open(os.path.join(sys.argv[1], k), "wb") as f:
        f.write(v)
