#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Write the seed corpora of fuzz_ctl and fuzz_clif (common/ctl_msg.h,
monitor/wire/clif_msg.h layouts, little-endian host order).  fuzz_ctl's byte 0 picks
the record: 0 request, 1 reply, 2 rows.  Usage: mkcorpus_ctl.py DIR"""
import errno
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "integration"))
from ctlrec import CLIF_CMDS, CMDS, F_VN2VN, clif, reply, req, row  # noqa: E402

# enum ctl_cmd and clif_cmd by name; replies carry errno values
ST, CR, DE, RL, VE = (CMDS[c] for c in ("status", "create", "destroy",
                                        "reload", "version"))
C_CREATE, C_DESTROY, C_RESET, C_SCAN, C_PID = (
    CLIF_CMDS[c] for c in ("create", "destroy", "reset", "scan", "pid"))


CTL = {
    "req_status_all": b"\0" + req(ST),
    "req_status_one": b"\0" + req(ST, "veth0"),
    "req_create_vn2vn": b"\0" + req(CR, "eth0.100-fcoe", F_VN2VN),
    "req_destroy": b"\0" + req(DE, "eth0"),
    "req_reload": b"\0" + req(RL),
    "req_version": b"\0" + req(VE),
    "bad_req_flags_on_destroy": b"\0" + req(DE, "eth0", F_VN2VN),
    "bad_req_name_on_reload": b"\0" + req(RL, "eth0"),
    "rep_status_3": b"\1" + reply(ST, 0, 3, "3 interfaces"),
    "rep_eperm": b"\1" + reply(CR, errno.EPERM, 0, "only root may create"),
    "rep_enoent": b"\1" + reply(ST, errno.ENOENT, 0, "veth9: no such interface"),
    "bad_rep_rows_on_error": b"\1" + reply(ST, errno.ENOENT, 1, "x"),
    "rows_two": b"\2" + row("veth0") + row(
        "eth0.100-fcoe", "eth0", dcb=1, step=3, retries=3, nxt=600, lst=8,
        lstep=2, op=1, err=13, ctlr=-1, host=-1, port="",
        why='waiting for "DCB" \\ app-oper'),
    "rows_down": b"\2" + row("veth1", link=1, state=2, op=3, ken=0,
                             why="link down"),
    "bad_row_retries": b"\2" + row("veth0", retries=11),
    "rows_fip": b"\2" + row("eth2", "eth2", state=0, op=0, fip=3, req=12,
                            notes=3, bad=2, drops=40, mac=bytes.fromhex(
                                "000dec112233"), vids=(100, 1002),
                            why="FIP VLAN discovery found: 2 VLANs") + row(
        "eth2.100-fcoe", "eth2", source=2, avid=100, parent="eth2", made=1),
    "bad_row_fip_vids_order": b"\2" + row("eth2", fip=3, vids=(200, 100)),
}

CLIF = {
    "create_eth0": clif(C_CREATE, "eth0"),
    "create_vn2vn": clif(C_CREATE, "eth0.100-fcoe", 1),
    "destroy": clif(C_DESTROY, "eth1"),
    "reset": clif(C_RESET, "enp1s0f0"),
    "scan": clif(C_SCAN, "enp1s0f0"),
    "pid": clif(C_PID, ""),
    "short20": clif(C_CREATE, "eth0", n=20),
    "short22": clif(C_CREATE, "eth0", 1, n=22),
    "garbage_after_nul": struct.pack("<i", 1) + b"eth0\0XXXXXXXXXXX" +
    struct.pack("<I", 0),
    "bad_cmd": clif(9, "eth0"),
    "bad_flags": clif(C_CREATE, "eth0", 0x10),
    "bad_mode": clif(C_CREATE, "eth0", 2),
    "name_unterminated": struct.pack("<i", 1) + b"A" * 16 +
    struct.pack("<I", 0),
    "name_dotdot": clif(C_DESTROY, ".."),
    "too_long": clif(C_CREATE, "eth0") + b"\0",
}

if __name__ == "__main__":
    top = sys.argv[1] if len(sys.argv) > 1 else "tests/fuzz"
    for sub, seeds in (("corpus-ctl", CTL), ("corpus-clif", CLIF)):
        d = os.path.join(top, sub)
        os.makedirs(d, exist_ok=True)
        for k, v in seeds.items():
            with open(os.path.join(d, k), "wb") as f:
                f.write(v)
