# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""The records of fcoemond's control protocols as bytes (common/ctl_msg.h and
monitor/wire/clif_msg.h layouts, host order = little-endian here): shared by the
fcoectl and fcoeadm tests and the fuzz seed writer, no test machinery
imported.  CTL_MIRROR and CLIF_MIRROR say what mirrors which C name;
tests/mirror checks them against the headers."""

import struct

# ---- fcoectl's socket (common/ctl_msg.h) ----
MAGIC = 0x31434346
VERSION = 3
IFNAMSIZ = 16
MSGSZ = 200
WHYSZ = 128
MAX_ROWS = 65536
FIP_VIDS = 16
SOCK_PATH = "/run/fcoemond/ctl"
F_VN2VN = 0x1

# enum ctl_cmd, by the names ctl_cmd_name() and fcoectl use
CMD_NAMES = {1: "status", 2: "create", 3: "destroy", 4: "reset", 5: "scan",
             6: "reload", 7: "version"}
CMDS = {n: v for v, n in CMD_NAMES.items()}

REQ_FIELDS = [("magic", "I"), ("version", "H"), ("cmd", "H"),
              ("ifname", "16s"), ("flags", "I"), ("zero", "I")]
REPLY_FIELDS = [("magic", "I"), ("version", "H"), ("cmd", "H"),
                ("status", "i"), ("nrows", "I"), ("msg", "200s")]
ROW_FIELDS = [("ifname", "16s"), ("real", "16s"), ("link", "B"),
              ("real_link", "B"), ("dcb_required", "B"), ("mode", "B"),
              ("enable", "B"), ("source", "B"), ("managed", "B"),
              ("state", "B"), ("dcb_step", "B"), ("retries", "B"),
              ("max_retries", "B"), ("last_op", "B"), ("last_err", "i"),
              ("last_op_age_ms", "i"), ("next_retry_ms", "i"),
              ("lldpad_status", "i"), ("lldpad_step", "B"),
              ("kernel_enabled", "B"), ("pad", "2s"), ("ctlr", "i"),
              ("host", "i"), ("port_state", "16s"), ("why", "128s"),
              ("dcbx", "B"), ("pfc_prios", "B"), ("fcoe_prios", "B"),
              ("app_valid", "B"), ("app_selector", "B"),
              ("app_priority", "B"), ("app_protocol", "H"),
              ("dcbx_mode", "i"), ("dcbnl_err", "i"),
              ("fip", "B"), ("fip_vid0", "B"), ("fip_mac", "6s"),
              ("fip_requests", "I"), ("fip_notes", "I"),
              ("fip_ignored", "I"), ("fip_bad", "I"), ("fip_drops", "I"),
              ("fip_nvid", "H"), ("auto_vid", "H"), ("fip_vid", "32s"),
              ("auto_parent", "16s"), ("vlan_made", "B"), ("pad2", "7s")]
# enum ctl_fip, by ctl_fip_name()
FIP_NAMES = {0: "none", 1: "idle", 2: "soliciting", 3: "found"}

# ---- fcoeadm's @fcm_clif (monitor/wire/clif_msg.h) ----
CLIF_NAME = "fcm_clif"
CLIF_REQ_MIN = 20
CLIF_REQ_SIZE = 24
CLIF_REPLY_SIZE = 4
CLIF_MODE_MASK = 0x0F
CLIF_CMD_NAMES = {0: "none", 1: "create", 2: "destroy", 3: "reset", 4: "scan",
                  5: "pid"}
CLIF_CMDS = {n: v for v, n in CLIF_CMD_NAMES.items()}
CLIF_STATUS_NAMES = {
    0: "SUCCESS", 1: "EFAIL", 2: "ENOACTION", 3: "EFCOECONN",
    4: "ENOFCOECONN", 5: "ENOFCHOST", 6: "EINTERR", 7: "EINVALARG",
    8: "EBADNUMARGS", 9: "EIGNORE", 10: "ENOSYSFS", 11: "ENOETHDEV",
    12: "ENOMONCONN", 13: "ECONNTMOUT", 14: "EHBAAPIERR", 15: "EBADCLIFMSG"}
CLIF_REQ_FIELDS = [("cmd", "i"), ("ifname", "16s"), ("flags", "I")]


def _struct(fields):
    return struct.Struct("<" + "".join(f for _, f in fields))


REQ, REPLY, ROW, CLIF_REQ = (_struct(f) for f in (
    REQ_FIELDS, REPLY_FIELDS, ROW_FIELDS, CLIF_REQ_FIELDS))


def name(s, n=16):
    b = s if isinstance(s, bytes) else s.encode()
    return b + b"\0" * (n - len(b))


def _field(s, n):
    """A string field: NUL-padded to n; longer is a bug in the test."""
    b = name(s, n)
    if len(b) != n:
        raise ValueError(f"{s!r} does not fit a {n}-byte field")
    return b


def req(cmd, ifname="", flags=0):
    return REQ.pack(MAGIC, VERSION, cmd, _field(ifname, IFNAMSIZ), flags, 0)


def reply(cmd, status=0, nrows=0, msg="", magic=MAGIC):
    return REPLY.pack(magic, VERSION, cmd, status, nrows, _field(msg, MSGSZ))


def row(ifname, real="", link=2, real_link=2, dcb=0, mode=0, enable=1,
        source=0, managed=1, state=1, step=0, retries=0, maxr=10, op=1,
        err=0, age=1200, nxt=-1, lst=-1, lstep=0, ken=1, ctlr=0, host=2,
        port="Online", why="link up", dcbx=0, pfc=0, fcoe=0, app=None,
        dmode=-1, nlerr=0, fip=0, vid0=0, mac=b"", req=0, notes=0, ign=0,
        bad=0, drops=0, vids=(), nvid=None, avid=0, parent="", made=0):
    """app: (selector, priority, protocol) of the IEEE APP entry, or None;
    fip: enum ctl_fip of an AUTO_VLAN entry, vids the VIDs offered (the
    first FIP_VIDS listed); avid/parent/made: a VLAN discovery made."""
    sel, pri, proto = app if app is not None else (0, 0, 0)
    listed = list(vids)[:FIP_VIDS]
    vidb = struct.pack(f"<{len(listed)}H", *listed) + b"\0" * (
        2 * (FIP_VIDS - len(listed)))
    tail = (fip, vid0, _field(mac, 6), req, notes, ign, bad, drops,
            len(vids) if nvid is None else nvid, avid, vidb,
            _field(parent, IFNAMSIZ), made, b"\0" * 7)
    return ROW.pack(_field(ifname, IFNAMSIZ), _field(real, IFNAMSIZ), link,
                    real_link, dcb, mode, enable, source, managed, state,
                    step, retries, maxr, op, err, age, nxt, lst, lstep, ken,
                    b"\0\0", ctlr, host, _field(port, 16), _field(why, WHYSZ),
                    dcbx, pfc, fcoe, app is not None, sel, pri, proto, dmode,
                    nlerr, *tail)


def clif(cmd, ifname, flags=0, n=CLIF_REQ_SIZE):
    """fcoeadm's request; n < 24 cuts it short as old clients may."""
    return CLIF_REQ.pack(cmd, _field(ifname, IFNAMSIZ), flags)[:n]


CTL_MIRROR = {
    "header": "common/ctl_msg.h",
    "sources": ["common/ctl_msg.c", "proto/fcp.c"],
    "consts": {
        "CTL_MAGIC": MAGIC, "CTL_VERSION": VERSION,
        "CTL_IFNAMSIZ": IFNAMSIZ, "CTL_MSGSZ": MSGSZ, "CTL_WHYSZ": WHYSZ,
        "CTL_MAX_ROWS": MAX_ROWS, "CTL_F_VN2VN": F_VN2VN,
        "CTL_FIP_VIDS": FIP_VIDS,
        "CTL_SOCK_PATH": SOCK_PATH,
    },
    "enums": {
        "ctl_cmd": {"CTL_STATUS": 1, "CTL_CREATE": 2, "CTL_DESTROY": 3,
                    "CTL_RESET": 4, "CTL_SCAN": 5, "CTL_RELOAD": 6,
                    "CTL_VERSIONQ": 7, "CTL_CMD_MAX": 8},
        "ctl_link": {"CTL_LINK_ABSENT": 0, "CTL_LINK_DOWN": 1,
                     "CTL_LINK_UP": 2},
        "ctl_state": {"CTL_ST_ABSENT": 0, "CTL_ST_ENABLED": 1,
                      "CTL_ST_DISABLED": 2},
        "ctl_op": {"CTL_OP_NONE": 0, "CTL_OP_CREATE": 1, "CTL_OP_ENABLE": 2,
                   "CTL_OP_DISABLE": 3, "CTL_OP_DESTROY": 4},
        "ctl_source": {"CTL_SRC_CFG": 0, "CTL_SRC_ADMIN": 1,
                       "CTL_SRC_FIP": 2},
        "ctl_fip": {"CTL_FIP_NONE": 0, "CTL_FIP_IDLE": 1,
                    "CTL_FIP_SOLICITING": 2, "CTL_FIP_FOUND": 3},
        "ctl_dcb": {"CTL_DCB_OFF": 0, "CTL_DCB_Q_DCB_STATE": 1,
                    "CTL_DCB_Q_PFC_CONFIG": 2, "CTL_DCB_Q_APP_CONFIG": 3,
                    "CTL_DCB_Q_PFC_OPER": 4, "CTL_DCB_Q_APP_OPER": 5,
                    "CTL_DCB_DONE": 6, "CTL_DCB_ERROR": 7,
                    "CTL_DCB_GAVE_UP": 8, "CTL_DCB_Q_DCBNL": 9,
                    "CTL_DCB_MAX": 10},
        "ctl_dcbx": {"CTL_DCBX_NONE": 0, "CTL_DCBX_CEE": 1,
                     "CTL_DCBX_IEEE": 2},
    },
    "names": {"ctl_cmd": ("ctl_cmd_name", CMD_NAMES),
              "ctl_fip": ("ctl_fip_name", FIP_NAMES)},
    "structs": {"ctl_req": REQ_FIELDS, "ctl_reply": REPLY_FIELDS,
                "ctl_row": ROW_FIELDS},
    "not_mirrored": {},
}

CLIF_MIRROR = {
    "header": "monitor/wire/clif_msg.h",
    "sources": ["monitor/wire/clif_msg.c", "proto/fcp.c"],
    "consts": {
        "CLIF_NAME": CLIF_NAME, "CLIF_IFNAMSIZ": IFNAMSIZ,
        "CLIF_REQ_MIN": CLIF_REQ_MIN, "CLIF_REQ_SIZE": CLIF_REQ_SIZE,
        "CLIF_REPLY_SIZE": CLIF_REPLY_SIZE, "CLIF_MODE_MASK": CLIF_MODE_MASK,
    },
    "enums": {
        "clif_cmd": {"CLIF_" + n.upper(): v
                     for v, n in CLIF_CMD_NAMES.items()},
        "clif_status": {"CLIF_" + n: v for v, n in CLIF_STATUS_NAMES.items()},
    },
    "names": {"clif_cmd": ("clif_cmd_name", CLIF_CMD_NAMES),
              "clif_status": ("clif_status_name", CLIF_STATUS_NAMES)},
    "structs": {"clif_req": CLIF_REQ_FIELDS},
    "not_mirrored": {},
}
