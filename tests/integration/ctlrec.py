# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""The records of fcoemond's control protocols as bytes (common/ctl_msg.h and
monitor/wire/clif_msg.h layouts, host order = little-endian here): shared by the
fcoectl tests and the fuzz seed writer, no test machinery imported."""

import struct

MAGIC = 0x31434346


def name(s, n=16):
    b = s if isinstance(s, bytes) else s.encode()
    return b + b"\0" * (n - len(b))


def req(cmd, ifname="", flags=0):
    return struct.pack("<IHH", MAGIC, 1, cmd) + name(ifname) + \
        struct.pack("<II", flags, 0)


def reply(cmd, status=0, nrows=0, msg="", magic=MAGIC):
    return struct.pack("<IHHiI", magic, 1, cmd, status, nrows) + \
        name(msg, 200)


def row(ifname, real="", link=2, real_link=2, dcb=0, mode=0, enable=1,
        source=0, managed=1, state=1, step=0, retries=0, maxr=10, op=1,
        err=0, age=1200, nxt=-1, lst=-1, lstep=0, ken=1, ctlr=0, host=2,
        port="Online", why="link up"):
    return (name(ifname) + name(real) +
            bytes([link, real_link, dcb, mode, enable, source, managed,
                   state, step, retries, maxr, op]) +
            struct.pack("<iiii", err, age, nxt, lst) +
            bytes([lstep, ken, 0, 0]) + struct.pack("<ii", ctlr, host) +
            name(port) + name(why, 128))


def clif(cmd, ifname, flags=0, n=24):
    return (struct.pack("<i", cmd) + name(ifname) +
            struct.pack("<I", flags))[:n]
