# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Python codec of the monitor<->actuator wire protocol (proto/fcp.h).

Test code only.  Everything is built byte by byte so that tests can also
produce frames the C side must reject (bad magic, wrong length, garbage
after the NUL of a name, non-zero padding, ...).
"""

from __future__ import annotations

import errno as _errno
import struct
from dataclasses import dataclass

MAGIC = 0x31504346
VERSION = 1
REPLY = 0x8000
IFNAMSIZ = 16
MAX_MSG = 128
FIP_MIN = 20
FIP_MAX = 1514
MAX_RECORD = 1546
FD_IPC = 3
FD_LLDPAD = 4

HDR = struct.Struct("<IHHIIIi")
assert HDR.size == 24

# enum fcp_type
HELLO = 1
FCOE_CREATE = 2
FCOE_DESTROY = 3
FCOE_ENABLE = 4
FCOE_DISABLE = 5
FCOE_RESET = 6
FCOE_SCAN = 7
# 8, 9: VLAN create/destroy, removed (and not reused)
LLDPAD_SEND = 10
LLDPAD_CONNECT = 11
SIGNAL = 12
FIP_SEND = 13
VLAN_CREATE = 14
VLAN_DESTROY = 15
FIP_RESP = 16
FIP_FRAME = 17
FIP_DROPS = 18
TYPE_MAX = 19

TYPE_NAMES = {
    HELLO: "hello", FCOE_CREATE: "fcoe_create", FCOE_DESTROY: "fcoe_destroy",
    FCOE_ENABLE: "fcoe_enable", FCOE_DISABLE: "fcoe_disable",
    FCOE_RESET: "fcoe_reset", FCOE_SCAN: "fcoe_scan",
    LLDPAD_SEND: "lldpad_send", LLDPAD_CONNECT: "lldpad_connect",
    SIGNAL: "signal", FIP_SEND: "fip_send", VLAN_CREATE: "vlan_create",
    VLAN_DESTROY: "vlan_destroy", FIP_RESP: "fip_resp",
    FIP_FRAME: "fip_frame", FIP_DROPS: "fip_drops",
}

# (request payload size, reply payload size)
SIZES = {
    HELLO: (8, 16),
    FCOE_CREATE: (20, 0),
    FCOE_DESTROY: (16, 0),
    FCOE_ENABLE: (16, 0),
    FCOE_DISABLE: (16, 0),
    FCOE_RESET: (16, 0),
    FCOE_SCAN: (16, 0),
    LLDPAD_SEND: (20, 0),
    LLDPAD_CONNECT: (0, 0),
    SIGNAL: (0, 8),
    FIP_SEND: (20, 0),
    VLAN_CREATE: (20, 0),
    VLAN_DESTROY: (16, 0),
    FIP_RESP: (20, 0),
}

# Notices (actuator -> monitor only): (fixed payload size, bytes that may
# follow it).  A notice type has no request row and the reverse.
NOTICES = {
    SIGNAL: (8, 0),
    FIP_FRAME: (8, FIP_MAX),
    FIP_DROPS: (16, 0),
}

MODE_FABRIC = 0
MODE_VN2VN = 1
MODE_NAMES = {MODE_FABRIC: "fabric", MODE_VN2VN: "vn2vn"}

VLAN_DISCOVERED = 1
VLAN_STATIC = 2
VLAN_WHY_NAMES = {VLAN_DISCOVERED: "discovered", VLAN_STATIC: "static"}

KIF_NONE, KIF_BUS, KIF_LIBFCOE = 0, 1, 2
KIF_NAMES = {KIF_NONE: "none", KIF_BUS: "bus", KIF_LIBFCOE: "libfcoe"}
KIF_BY_NAME = {v: k for k, v in KIF_NAMES.items()}

SC_KILL, SC_TRAP, SC_LOG = 0, 1, 2
SECCOMP_NAMES = {SC_KILL: "kill", SC_TRAP: "trap", SC_LOG: "log"}

# enum fcp_lq
LQ_ATTACH = 1
LQ_DETACH = 2
LQ_PING = 3
LQ_DCB_STATE = 4
LQ_PFC_CONFIG = 5
LQ_APP_CONFIG = 6
LQ_PFC_OPER = 7
LQ_APP_OPER = 8
LQ_NAMES = {LQ_ATTACH: "attach", LQ_DETACH: "detach", LQ_PING: "ping",
            LQ_DCB_STATE: "dcb_state", LQ_PFC_CONFIG: "pfc_config",
            LQ_APP_CONFIG: "app_config", LQ_PFC_OPER: "pfc_oper",
            LQ_APP_OPER: "app_oper"}
# command, feature of the "C3..." queries (spec 2.4)
_LQ_CMD = {LQ_DCB_STATE: (1, 1), LQ_PFC_CONFIG: (1, 3), LQ_APP_CONFIG: (1, 5),
           LQ_PFC_OPER: (3, 3), LQ_APP_OPER: (3, 5)}


def lldpad_bytes(kind: int, ifname: str = "") -> bytes:
    """The exact datagram lldpad must receive for query `kind`."""
    if kind == LQ_ATTACH:
        return b"A"
    if kind == LQ_DETACH:
        return b"D"
    if kind == LQ_PING:
        return b"P"
    cmd, feat = _LQ_CMD[kind]
    name = ifname.encode()
    return b"C3%02x%02x00%02x" % (cmd, feat, len(name)) + name


# --------------------------------------------------------------------------
# header


@dataclass
class Msg:
    magic: int
    version: int
    type: int
    seq: int
    len: int
    flags: int
    status: int
    payload: bytes

    @property
    def is_reply(self) -> bool:
        return bool(self.type & REPLY)

    def __repr__(self):
        t = self.type & ~REPLY
        name = TYPE_NAMES.get(t, str(t))
        st = _errno.errorcode.get(self.status, str(self.status))
        return (f"Msg({name}{'|REPLY' if self.is_reply else ''} seq={self.seq}"
                f" len={self.len} status={st} payload={self.payload.hex()})")


def header(type_: int, seq: int, length: int, *, magic: int = MAGIC,
           version: int = VERSION, flags: int = 0, status: int = 0) -> bytes:
    return HDR.pack(magic, version, type_, seq, length, flags, status)


def frame(type_: int, payload: bytes = b"", seq: int = 1, *,
          length: int | None = None, **kw) -> bytes:
    """A request: header + payload; `length` overrides hdr.len."""
    if length is None:
        length = len(payload)
    return header(type_, seq, length, **kw) + payload


def parse(buf: bytes) -> Msg:
    if len(buf) < HDR.size:
        raise ValueError(f"short message ({len(buf)} bytes): {buf.hex()}")
    f = HDR.unpack_from(buf)
    return Msg(*f, payload=bytes(buf[HDR.size:]))


def check_reply(m: Msg, type_: int, seq: int) -> None:
    """What a correct actuator must send back for request (type_, seq)."""
    assert m.magic == MAGIC, m
    assert m.version == VERSION, m
    assert m.type == type_ | REPLY, m
    assert m.seq == seq, m
    assert m.flags == 0, m
    assert m.status >= 0, m
    size = SIZES[type_][1]
    assert m.len == size, m
    assert len(m.payload) == size, m
    if m.status != 0:
        assert m.payload == bytes(size), f"error reply payload not zeroed: {m}"


# --------------------------------------------------------------------------
# payloads


def ifname(name: str | bytes, size: int = IFNAMSIZ) -> bytes:
    """Name NUL-padded to 16 bytes.  A bytes argument is used verbatim
    (then padded), so tests can put garbage after a NUL or fill all 16."""
    b = name.encode() if isinstance(name, str) else bytes(name)
    if len(b) > size:
        raise ValueError("name longer than the field")
    return b + bytes(size - len(b))


def hello(version: int = VERSION, pad: int = 0) -> bytes:
    return struct.pack("<II", version, pad)


def fcoe_create(name, mode: int = MODE_FABRIC, pad: bytes = b"\0\0\0") -> bytes:
    """pad: the `disabled` byte (0, or 1 for an instance made before
    link-up), then the two pad bytes."""
    return ifname(name) + struct.pack("<B", mode) + pad


def ifreq(name) -> bytes:
    return ifname(name)


def lldpad_send(kind: int, name=b"") -> bytes:
    return struct.pack("<I", kind) + ifname(name)


def fip_send(name, mode: int = MODE_FABRIC, pad: bytes = b"\0\0\0") -> bytes:
    return ifname(name) + struct.pack("<B", mode) + pad


def vlan_create(name, vid: int, why: int = VLAN_DISCOVERED,
                pad: int = 0) -> bytes:
    return ifname(name) + struct.pack("<HBB", vid, why, pad)


def fip_resp(name, on: int = 1, pad: bytes = b"\0\0\0") -> bytes:
    return ifname(name) + struct.pack("<B", on) + pad


def fip_frame(ifindex: int, data: bytes, pkttype: int = 2,
              pad: int = 0, length: int | None = None) -> bytes:
    """A FIP_FRAME notice payload (the actuator sends these, never the
    monitor: tests use it to play a monitor that tries)."""
    n = len(data) if length is None else length
    return struct.pack("<IBBH", ifindex, pkttype, pad, n) + data


@dataclass
class FipFrame:
    ifindex: int
    pkttype: int
    pad: int
    len: int
    data: bytes


def parse_fip_frame(p: bytes) -> FipFrame:
    ifindex, pkttype, pad, n = struct.unpack_from("<IBBH", p)
    return FipFrame(ifindex, pkttype, pad, n, bytes(p[8:]))


def parse_fip_drops(p: bytes) -> tuple[int, int, int]:
    """(ifindex, dropped since the previous notice, total)"""
    return struct.unpack("<IIQ", p)


@dataclass
class HelloRep:
    version: int
    kif: int
    seccomp: int
    landlock_abi: int


def parse_hello_rep(p: bytes) -> HelloRep:
    return HelloRep(*struct.unpack("<IIIi", p))


def parse_signal(p: bytes) -> tuple[int, int]:
    return struct.unpack("<II", p)


def cstr(b: bytes) -> str:
    return b.split(b"\0", 1)[0].decode()


# --------------------------------------------------------------------------
# What this module mirrors of proto/fcp.h, by C name.  tests/mirror compiles
# a program against the header and compares every value, size and offset
# both ways, so neither side can have a type, field or constant the other
# lacks.

FD_CLIF = 5
FD_CTL = 6       # fcoectl's listening socket, when there is one
CTL_DIR = "/run/fcoemond"
CTL_NAME = "ctl"


def signal(signo: int, pad: int = 0) -> bytes:
    return struct.pack("<II", signo, pad)


def hello_rep(kif: int, seccomp: int, landlock_abi: int,
              version: int = VERSION) -> bytes:
    return struct.pack("<IIIi", version, kif, seccomp, landlock_abi)

LQ_MAX = max(LQ_NAMES) + 1

HDR_FIELDS = [("magic", "I"), ("version", "H"), ("type", "H"), ("seq", "I"),
              ("len", "I"), ("flags", "I"), ("status", "i")]


def _c_enum(prefix: str, names: dict) -> dict:
    return {prefix + n.upper(): v for v, n in names.items()}


C_MIRROR = {
    "header": "proto/fcp.h",
    "sources": ["proto/fcp.c"],
    "consts": {
        "FCP_MAGIC": MAGIC, "FCP_VERSION": VERSION, "FCP_REPLY": REPLY,
        "FCP_IFNAMSIZ": IFNAMSIZ, "FCP_MAX_MSG": MAX_MSG,
        "FCP_FIP_MIN": FIP_MIN, "FCP_FIP_MAX": FIP_MAX,
        "FCP_MAX_RECORD": MAX_RECORD,
        "FCP_FD_IPC": FD_IPC, "FCP_FD_LLDPAD": FD_LLDPAD,
        "FCP_FD_CLIF": FD_CLIF, "FCP_FD_CTL": FD_CTL,
        "FCP_CTL_DIR": CTL_DIR, "FCP_CTL_NAME": CTL_NAME,
    },
    "enums": {
        "fcp_type": {**_c_enum("FCP_", TYPE_NAMES), "FCP_TYPE_MAX": TYPE_MAX},
        "fcp_mode": _c_enum("FCP_MODE_", MODE_NAMES),
        "fcp_vlan_why": _c_enum("FCP_VLAN_", VLAN_WHY_NAMES),
        "fcp_kif": _c_enum("FCP_KIF_", KIF_NAMES),
        "fcp_seccomp": _c_enum("FCP_SC_", SECCOMP_NAMES),
        "fcp_lq": {**_c_enum("FCP_LQ_", LQ_NAMES), "FCP_LQ_MAX": LQ_MAX},
    },
    # enum: (the C function naming its values, this module's names)
    "names": {
        "fcp_mode": ("fcp_mode_name", MODE_NAMES),
        "fcp_vlan_why": ("fcp_vlan_why_name", VLAN_WHY_NAMES),
        "fcp_kif": ("fcp_kif_name", KIF_NAMES),
        "fcp_seccomp": ("fcp_seccomp_name", SECCOMP_NAMES),
        "fcp_lq": ("fcp_lq_name", LQ_NAMES),
    },
    "structs": {
        "fcp_hdr": HDR_FIELDS,
        "fcp_hello": [("version", "I"), ("pad", "I")],
        "fcp_hello_rep": [("version", "I"), ("kif", "I"), ("seccomp", "I"),
                          ("landlock_abi", "i")],
        "fcp_ifreq": [("ifname", "16s")],
        "fcp_fcoe_create": [("ifname", "16s"), ("mode", "B"), ("disabled", "B"),
                            ("pad", "2s")],
        "fcp_lldpad_send": [("kind", "I"), ("ifname", "16s")],
        "fcp_signal": [("signo", "I"), ("pad", "I")],
        "fcp_fip_send": [("ifname", "16s"), ("mode", "B"), ("pad", "3s")],
        "fcp_vlan_create": [("ifname", "16s"), ("vid", "H"), ("why", "B"),
                            ("pad", "B")],
        "fcp_fip_resp": [("ifname", "16s"), ("on", "B"), ("pad", "3s")],
        "fcp_fip_frame": [("ifindex", "I"), ("pkttype", "B"), ("pad", "B"),
                          ("len", "H")],
        "fcp_fip_drops": [("ifindex", "I"), ("dropped", "I"),
                          ("total", "Q")],
        "fcp_none": [("none", "0s")],   # the empty payload (size 0)
    },
    # C enums with no place on the wire, so nothing here mirrors them
    "not_mirrored": {
        "fcp_frame_err": "why the actuator calls a frame a violation; "
                         "only its audit record names it",
    },
}
assert HDR.format == "<" + "".join(f for _, f in HDR_FIELDS)
