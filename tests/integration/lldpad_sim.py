# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""A faithful simulator of lldpad's client ("clif") socket, for tests.

Stdlib only, Python >= 3.9.  Binding the socket in another network namespace
needs CAP_SYS_ADMIN (root).

    from lldpad_sim import LldpadSim, IfState

    with LldpadSim(netns="/proc/1234/ns/net", interfaces={"veth0": IfState()}) as sim:
        ...                                 # the daemon talks to @/com/intel/lldpad
        sim.configure("veth0", syncd=0)     # scriptable DCB state (thread-safe)
        sim.send_event("veth0", 3, 0, 1, 1) # -> b"E5205veth0030011" to attached clients
        sim.fail("pfc_oper", 0x01, count=2) # fault injection
        sim.stop(); sim.start()             # lldpad dies / comes back
        sim.wait_for_rx(b"P")               # log of every datagram with (pid, uid, gid)

What is emulated (openlldp ctrl_iface.c, lldp_dcbx_cmds.c, dcb_protocol.c;
doc/kernel.md "lldpad protocol"):

* AF_UNIX SOCK_DGRAM bound to the abstract name b"\\0/com/intel/lldpad"
  (addrlen 20) in the given netns, SO_PASSCRED on.  Every datagram is read
  with recvmsg (4095 bytes max, like lldpad's buffer minus the NUL).
  No SCM_CREDENTIALS -> b"R05"; uid != 0 -> b"R0a"; nothing else happens.
* Dispatch on byte 0 like process_clif_cmd: the reply starts b"R01"
  (pre-filled) and the status is patched in after the handler.
    'A'  -> R00A (a new entry is prepended to the attach list on *every*
            A, duplicates included, as lldpad does); "A<hex>,..."
            module list: only its first token is parsed (lldpad strtok()s
            it twice), strtol rules, bad -> R01A and not attached
    'D'  -> R00D, or R01D if the exact sender address is not attached
            (removes one entry)
    'L'  -> R00L if attached, else R01L
    'P'  -> R00PPONG<pid>   (pid configurable; default 4321 as in spec 2.6)
    'C'  -> DCB command (below); 'M' -> only module id 001b2101 (DCBX) is
            modelled; any other module id -> R02 without echo (the real
            lldpad has more modules, whose answers differ)
    anything else (also an empty datagram) -> R04
* 'C' parsing in lldpad's order: cmd and feature hex (else R04, no echo);
  feature fe (DCBX) -> echo of 6 bytes + dcbx version digit (GET_CONFIG:
  `dcbx_version`, set by "C302fe<1|2|5|6>", else R05; other GETs:
  `dcbx_subtype`; GET_PEER R04); subtype and
  ifname-length hex (else R04); version char (signed) < '2' -> R07 (no
  echo); datagram shorter than 10+L -> R04 (no echo); then the echo of the
  first 10+L bytes ("%*.*s": stops at a NUL, right-justified) and:
    interface without DCBX module (IfState.dcbx_module=False) -> R02, no echo
    not DCB capable (IfState.capable=False)          -> R08 + echo
    GET_OPER/GET_PEER while CEE inactive (IEEE mode) -> R09 + echo
    interface not in lldpad's DCB store (in_store=False) -> R02 + echo
  data layouts of spec 2.5 for GET_CONFIG DCB/PFC/APP, GET_OPER PFC/APP;
  GET_PEER -> R06 + echo (no peer TLV); oper data missing
  (Pfc.oper_admin / App.oper_data None) -> R02 + echo + the 8 protocol
  chars (lldpad has already written them); GET_CONFIG of an unknown APP
  subtype -> "000" "00" (zeroed attribs).  SET_CONFIG of DCB/PFC/APP
  updates the state (DCB: data char '1'/'0'; PFC/APP: E,A,W chars) and
  answers R00 + echo; too short -> R04 (DCB) / R01 (PFC, APP).  PG, BCN,
  LLINK and PG_DESC are not modelled: R01 + echo.
  Interfaces never configured use `sim.default_state` (default: not DCB
  capable -> R08 + echo, which is what the real lldpad answers for a veth
  or a name that does not exist).
* Events (spec 2.7): b"E5" + b"2" + "%02x" len + ifname + "%02x" feature +
  "%02x" subtype + mode + cfg, sent with sendto to every attach-list entry
  listening to the DCBX module (duplicates get it twice); after more than
  10 consecutive send failures an entry is auto-detached.

Test controls (all thread-safe): configure()/set_state()/modify(), fail(),
drop(), delay(), reply_with(), clear_rules(), stop()/start()/restart(),
pause()/resume(), the log (`sim.log`, rx()/tx(), wait_for_rx()), attached().

Query kinds used by the rule helpers: "dcb_state" (C 01 01), "pfc_config"
(C 01 03), "app_config" (C 01 05), "pfc_oper" (C 03 03), "app_oper"
(C 03 05), "dcb" (any C), "attach", "detach", "level", "ping", "other",
"any", or a raw "Ccc ff" key like "C0103"; or a callable(data: bytes) -> bool.
"""

from __future__ import annotations

import copy
import ctypes
import dataclasses
import os
import select
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Union

LLDPAD_ADDR = b"\0/com/intel/lldpad"
CLONE_NEWNET = 0x40000000
SCM_CREDENTIALS = getattr(socket, "SCM_CREDENTIALS", 2)
SO_PASSCRED = getattr(socket, "SO_PASSCRED", 16)
MAX_CLIF_MSGBUF = 4096
LLDP_MOD_DCBX = 0x001B2101
MSG_INFO = 2
MSG_EVENT = 5
CLIF_EV_VERSION = 2

# cmd_status (openlldp include/lldpad_status.h)
CMD_SUCCESS = 0x00
CMD_FAILED = 0x01
CMD_DEVICE_NOT_FOUND = 0x02
CMD_AGENT_NOT_FOUND = 0x03
CMD_INVALID = 0x04
CMD_BAD_PARAMS = 0x05
CMD_PEER_NOT_PRESENT = 0x06
CMD_CTRL_VERS_NOT_COMPATIBLE = 0x07
CMD_NOT_CAPABLE = 0x08
CMD_NOT_APPLICABLE = 0x09
CMD_NO_ACCESS = 0x0A
CMD_AGENT_NOT_SUPPORTED = 0x0B

CMD_GET_CONFIG, CMD_SET_CONFIG, CMD_GET_OPER, CMD_GET_PEER = 1, 2, 3, 4
FEATURE_DCB, FEATURE_PG, FEATURE_PFC, FEATURE_BCN = 1, 2, 3, 4
FEATURE_APP, FEATURE_LLINK, FEATURE_DCBX, FEATURE_PG_DESC = 5, 6, 0xFE, 0xFF

KINDS = {
    "dcb_state": "C0101", "pfc_config": "C0103", "app_config": "C0105",
    "pfc_oper": "C0303", "app_oper": "C0305",
}

_libc = ctypes.CDLL(None, use_errno=True)


def _setns(fd: int, nstype: int = CLONE_NEWNET) -> None:
    if hasattr(os, "setns"):
        os.setns(fd, nstype)
        return
    if _libc.setns(fd, nstype) != 0:
        e = ctypes.get_errno()
        raise OSError(e, f"setns: {os.strerror(e)}")


def in_netns(netns: Union[str, int, None], fn: Callable):
    """Run fn() in a short-lived thread that joined `netns` (a path such as
    /proc/<pid>/ns/net, an open fd, or None = ours); return its result.
    Sockets created there stay in that netns."""
    if netns is None:
        return fn()
    box: dict = {}

    def worker():
        try:
            if isinstance(netns, int):
                _setns(netns)
            else:
                fd = os.open(netns, os.O_RDONLY | os.O_CLOEXEC)
                try:
                    _setns(fd)
                finally:
                    os.close(fd)
            box["r"] = fn()
        except BaseException as e:  # noqa: BLE001 - re-raised below
            box["e"] = e

    t = threading.Thread(target=worker, name="lldpad-sim-netns")
    t.start()
    t.join()
    if "e" in box:
        raise box["e"]
    return box["r"]


# --------------------------------------------------------------------------
# scriptable per-interface DCB state


@dataclass
class Protocol:
    """lldpad's feature_protocol_attribs (config and oper fields)."""
    enable: int = 1
    advertise: int = 1
    willing: int = 1
    oper_version: int = 0
    max_version: int = 0
    error: int = 0          # bits: 01 mismatch, 02 local cfg, 04 multi TLV,
    oper_mode: int = 1      #       08 peer error, 10 multi peers, 20 no peer feature
    syncd: int = 1


@dataclass
class Pfc:
    protocol: Protocol = field(default_factory=Protocol)
    admin: list = field(default_factory=lambda: [0, 0, 0, 1, 0, 0, 0, 0])
    num_tcs: int = 8
    # operational per-priority PFC; None -> no oper record (R02 + echo + proto)
    oper_admin: Optional[list] = field(default_factory=lambda: [0, 0, 0, 1, 0, 0, 0, 0])


@dataclass
class App:
    protocol: Protocol = field(default_factory=Protocol)
    data: bytes = b"\x08"                  # App:FCoE user-priority bitmap
    oper_data: Optional[bytes] = b"\x08"   # None -> no oper record


@dataclass
class IfState:
    dcbx_module: bool = True   # False: R02 without echo (module not found)
    capable: bool = True       # False: R08 + echo (get_hw_state fails)
    in_store: bool = True      # False: R02 + echo for PFC/APP (no DCB record)
    cee_active: bool = True    # False: IEEE mode, GET_OPER/GET_PEER -> R09 + echo
    dcb_on: bool = True
    pfc: Pfc = field(default_factory=Pfc)
    apps: dict = field(default_factory=lambda: {0: App()})


def not_capable() -> IfState:
    return IfState(capable=False)


def _prio_list(v) -> list:
    if isinstance(v, (str, bytes)):
        s = v.decode() if isinstance(v, bytes) else v
        return [int(c, 16) for c in s]
    return [int(x) for x in v]


# --------------------------------------------------------------------------
# log and rules


@dataclass
class LogEntry:
    t: float
    direction: str                 # "rx", "tx", "event", "drop", "tx-error"
                                   # (tx/event are logged just before sendto;
                                   # a failed send adds a "tx-error" entry)
    data: bytes
    addr: bytes                    # client address (abstract names start with \0)
    pid: Optional[int] = None      # SCM_CREDENTIALS of the sender (rx only)
    uid: Optional[int] = None
    gid: Optional[int] = None
    note: str = ""


@dataclass
class Rule:
    match: Callable[[bytes], bool]
    action: str                    # "fail", "drop", "delay", "reply"
    status: int = CMD_FAILED
    echo: bool = False
    count: Optional[int] = None    # None = forever
    seconds: float = 0.0
    raw: bytes = b""
    process: bool = True           # drop: still apply side effects (A/D)
    desc: str = ""


def _kind_key(data: bytes) -> str:
    if not data:
        return "other"
    c = data[:1]
    if c == b"C":
        return "C" + data[2:4].decode("latin-1").lower() + data[4:6].decode("latin-1").lower()
    return {b"A": "attach", b"D": "detach", b"L": "level", b"P": "ping"}.get(c, "other")


def make_matcher(kind) -> Callable[[bytes], bool]:
    if kind is None or kind == "any":
        return lambda d: True
    if callable(kind):
        return kind
    if isinstance(kind, bytes):
        return lambda d: d.startswith(kind)
    key = KINDS.get(kind, kind)
    if key == "dcb":
        return lambda d: d[:1] == b"C"
    if key.startswith("C") and len(key) == 5:
        k = "C" + key[1:].lower()
        return lambda d: _kind_key(d) == k
    return lambda d: _kind_key(d) == key


def _strtol_hex_ok(tok: bytes):
    """strtol(tok, &end, 16) with *end == 0 required; returns u32 or None."""
    i, n = 0, len(tok)
    while i < n and tok[i] in b" \t\n\v\f\r":
        i += 1
    neg = False
    if i < n and tok[i] in b"+-":
        neg = tok[i] == 0x2D
        i += 1
    if (tok[i:i + 2].lower() == b"0x" and i + 2 < n
            and chr(tok[i + 2]) in "0123456789abcdefABCDEF"):
        i += 2
    start = i
    while i < n and chr(tok[i]) in "0123456789abcdefABCDEF":
        i += 1
    if i == start or i != n:
        return None
    v = int(tok[start:i], 16)
    v = min(v, 2 ** 63 - 1) if not neg else -min(v, 2 ** 63)
    return v & 0xFFFFFFFF


def _hex2(data: bytes, off: int):
    b = data[off:off + 2]
    if len(b) != 2 or any(chr(c) not in "0123456789abcdefABCDEF" for c in b):
        return None
    return int(b, 16)


@dataclass
class _Dst:
    addr: bytes
    modules: list
    errors: int = 0


# --------------------------------------------------------------------------
# the simulator


class LldpadSim:
    def __init__(self, netns: Union[str, int, None] = None, *,
                 interfaces: Union[dict, Iterable[str], None] = None,
                 pid: int = 4321, passcred: bool = True,
                 default_state: Optional[IfState] = None,
                 dcbx_version: Optional[int] = 2, dcbx_subtype: int = 2,
                 start: bool = True):
        self.netns = netns
        self.pid = pid
        self.passcred = passcred
        self.default_state = default_state if default_state is not None else not_capable()
        self.dcbx_version = dcbx_version     # GET_CONFIG fe: None -> R01
        self.dcbx_subtype = dcbx_subtype     # GET_OPER fe
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._ifs: dict[str, IfState] = {}
        if isinstance(interfaces, dict):
            for k, v in interfaces.items():
                self._ifs[k] = copy.deepcopy(v)
        elif interfaces:
            for k in interfaces:
                self._ifs[k] = IfState()
        self._dsts: list[_Dst] = []          # index 0 = most recently attached
        self._rules: list[Rule] = []
        self.log: list[LogEntry] = []
        self._sock: Optional[socket.socket] = None
        self._thread: Optional[threading.Thread] = None
        self._wake_r = self._wake_w = -1
        self._paused = threading.Event()
        self._paused.set()
        self.starts = 0
        if start:
            self.start()

    # ---------------------------------------------------------------- lifecycle
    def _make_socket(self) -> socket.socket:
        def mk():
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            try:
                if self.passcred:
                    s.setsockopt(socket.SOL_SOCKET, SO_PASSCRED, 1)
                s.bind(LLDPAD_ADDR)
            except BaseException:
                s.close()
                raise
            return s
        return in_netns(self.netns, mk)

    def start(self, pid: Optional[int] = None) -> "LldpadSim":
        """Bind and serve.  A fresh start forgets attached clients (a new
        lldpad process).  Raises OSError(EADDRINUSE) if another lldpad
        (real or simulated) holds the name in that netns."""
        with self._lock:
            if self._thread is not None:
                raise RuntimeError("LldpadSim already running")
            if pid is not None:
                self.pid = pid
            self._sock = self._make_socket()
            self._dsts = []
            self._wake_r, self._wake_w = os.pipe()
            self._stop_evt = threading.Event()
            self.starts += 1
            self._thread = threading.Thread(target=self._serve, args=(self._sock, self._wake_r, self._stop_evt),
                                            name="lldpad-sim", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Close the socket (like lldpad exiting).  Idempotent.  Clients that
        are connect()ed get ECONNREFUSED on their next send."""
        with self._lock:
            t, w = self._thread, self._wake_w
            self._thread = None
        if t is None:
            return
        self._stop_evt.set()
        self._paused.set()
        os.write(w, b"x")
        t.join(10)
        with self._lock:
            if self._sock is not None:
                self._sock.close()
                self._sock = None
            os.close(self._wake_r)
            os.close(self._wake_w)
            self._wake_r = self._wake_w = -1
            self._dsts = []

    def restart(self, pid: Optional[int] = None) -> "LldpadSim":
        self.stop()
        return self.start(pid)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def pause(self) -> None:
        """Stop reading the socket (datagrams queue up, like a hung lldpad)."""
        self._paused.clear()

    def resume(self) -> None:
        self._paused.set()

    def close(self) -> None:
        self.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    # ---------------------------------------------------------------- state
    def set_state(self, ifname: str, state: Optional[IfState] = None) -> None:
        with self._lock:
            self._ifs[ifname] = copy.deepcopy(state if state is not None else IfState())

    def remove_interface(self, ifname: str) -> None:
        with self._lock:
            self._ifs.pop(ifname, None)

    def get_state(self, ifname: str) -> IfState:
        with self._lock:
            return copy.deepcopy(self._ifs.get(ifname, self.default_state))

    def modify(self, ifname: str, fn: Callable[[IfState], None]) -> None:
        """fn(state) mutates the interface's state under the lock (creating
        it from IfState() if needed)."""
        with self._lock:
            st = self._ifs.setdefault(ifname, IfState())
            fn(st)

    _PROTO = {f.name for f in dataclasses.fields(Protocol)}

    def configure(self, ifname: str, **kw) -> None:
        """Flat setter.  Keys: dcb (bool), capable, cee (bool: False = IEEE
        mode), in_store, dcbx_module, pfc_<protocol field>, app_<protocol
        field>, or <protocol field> for both PFC and App (enable, advertise,
        willing, oper_version, max_version, error, oper_mode, syncd);
        pfc_admin ("00010000" or list), num_tcs, pfc_oper (str/list/None),
        app_bitmap (int), app_data (bytes), app_oper (int/bytes/None),
        app_subtype (which App entry, default 0)."""
        sub = kw.pop("app_subtype", 0)

        def apply(st: IfState):
            app = st.apps.setdefault(sub, App())
            for k, v in kw.items():
                if k == "dcb":
                    st.dcb_on = bool(v)
                elif k == "cee":
                    st.cee_active = bool(v)
                elif k in ("capable", "in_store", "dcbx_module"):
                    setattr(st, k, bool(v))
                elif k in self._PROTO:
                    setattr(st.pfc.protocol, k, int(v))
                    setattr(app.protocol, k, int(v))
                elif k.startswith("pfc_") and k[4:] in self._PROTO:
                    setattr(st.pfc.protocol, k[4:], int(v))
                elif k.startswith("app_") and k[4:] in self._PROTO:
                    setattr(app.protocol, k[4:], int(v))
                elif k == "pfc_admin":
                    st.pfc.admin = _prio_list(v)
                elif k == "num_tcs":
                    st.pfc.num_tcs = int(v)
                elif k == "pfc_oper":
                    st.pfc.oper_admin = None if v is None else _prio_list(v)
                elif k == "app_bitmap":
                    app.data = bytes([int(v)])
                elif k == "app_data":
                    app.data = bytes(v)
                elif k == "app_oper":
                    app.oper_data = (None if v is None else
                                     bytes([v]) if isinstance(v, int) else bytes(v))
                else:
                    raise KeyError(f"unknown LldpadSim.configure key {k!r}")
        self.modify(ifname, apply)

    # ---------------------------------------------------------------- rules
    def add_rule(self, rule: Rule) -> Rule:
        with self._lock:
            self._rules.append(rule)
        return rule

    def fail(self, kind="any", status: int = CMD_FAILED, count: Optional[int] = 1,
             echo: Optional[bool] = None) -> Rule:
        """Answer matching queries with R<status> instead (count None =
        always).  echo (default: True for 'C' queries with status 08/09/06,
        else False) appends the echo of the first 10+L bytes."""
        return self.add_rule(Rule(make_matcher(kind), "fail", status=status,
                                  echo=echo, count=count, desc=f"fail {kind} {status:02x}"))

    def drop(self, kind="any", count: Optional[int] = 1, process: bool = True) -> Rule:
        """Send no reply to matching queries.  process=True still applies
        their side effects (attach/detach)."""
        return self.add_rule(Rule(make_matcher(kind), "drop", count=count, process=process,
                                  desc=f"drop {kind}"))

    def delay(self, kind="any", seconds: float = 1.0, count: Optional[int] = None) -> Rule:
        """Sleep before answering (the server is single-threaded like
        lldpad, so later datagrams wait too)."""
        return self.add_rule(Rule(make_matcher(kind), "delay", seconds=seconds, count=count,
                                  desc=f"delay {kind} {seconds}"))

    def reply_with(self, kind, raw: bytes, count: Optional[int] = 1) -> Rule:
        """Answer matching queries with exactly `raw` (any bytes)."""
        return self.add_rule(Rule(make_matcher(kind), "reply", raw=bytes(raw), count=count,
                                  desc=f"reply {kind}"))

    def clear_rules(self) -> None:
        with self._lock:
            self._rules.clear()

    def _take_rules(self, data: bytes) -> list:
        out = []
        with self._lock:
            for r in list(self._rules):
                if r.count is not None and r.count <= 0:
                    continue
                try:
                    m = r.match(data)
                except Exception:  # noqa: BLE001
                    m = False
                if not m:
                    continue
                if r.count is not None:
                    r.count -= 1
                    if r.count <= 0:
                        self._rules.remove(r)
                out.append(r)
        return out

    # ---------------------------------------------------------------- log
    def _log(self, *a, **kw) -> None:
        with self._cond:
            self.log.append(LogEntry(time.monotonic(), *a, **kw))
            self._cond.notify_all()

    def rx(self) -> list:
        with self._lock:
            return [e for e in self.log if e.direction == "rx"]

    def tx(self) -> list:
        with self._lock:
            return [e for e in self.log if e.direction in ("tx", "event")]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def wait_for(self, pred: Callable[[LogEntry], bool], timeout: float = 5.0,
                 since: int = 0) -> LogEntry:
        """Wait until a log entry (index >= since) satisfies pred."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for e in self.log[since:]:
                    if pred(e):
                        return e
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no matching lldpad-sim log entry in {timeout}s")
                self._cond.wait(left)

    def wait_for_rx(self, prefix: bytes = b"", timeout: float = 5.0, since: int = 0) -> LogEntry:
        return self.wait_for(lambda e: e.direction == "rx" and e.data.startswith(prefix),
                             timeout, since)

    def attached(self) -> list:
        """Client addresses currently attached (most recent first)."""
        with self._lock:
            return [d.addr for d in self._dsts]

    # ---------------------------------------------------------------- events
    def send_event(self, ifname: str, feature: int, subtype: int = 0,
                   mode_changed: int = 1, config_changed: int = 1) -> bytes:
        """lldpad's pfc_event/pg_event/app_event/llink_event: returns the
        datagram sent to every attached client."""
        name = ifname.encode() if isinstance(ifname, str) else ifname
        if feature in (FEATURE_PG, FEATURE_PFC):
            subtype = 0
        body = b"%01x%02x%s%02x%02x%1x%1x" % (CLIF_EV_VERSION, len(name), name, feature,
                                             subtype, bool(mode_changed), bool(config_changed))
        return self.send_raw_event(body)

    def send_raw_event(self, body: bytes, level: int = MSG_EVENT, moduleid: int = 0) -> bytes:
        """ctrl_iface_send: [M%08x] E<level> body, to listening clients."""
        msg = (b"M%08x" % moduleid if moduleid else b"") + b"E%d" % level + body
        with self._lock:
            sock = self._sock
            dsts = list(self._dsts)
            if sock is None:
                return msg
            for d in dsts:
                if not self._listening(d, moduleid) or level < MSG_INFO:
                    continue
                self._log("event", msg, d.addr)
                try:
                    sock.sendto(msg, d.addr)
                    d.errors = 0
                except OSError as e:
                    d.errors += 1
                    self._log("tx-error", msg, d.addr, note=f"{e.__class__.__name__}: {e}")
                    if d.errors > 10 and d in self._dsts:
                        self._detach(d.addr)
        return msg

    @staticmethod
    def _listening(d: _Dst, moduleid: int) -> bool:
        for m in d.modules:
            if m == 0xFFFFFFFF:
                break
            if (moduleid == 0 and m == LLDP_MOD_DCBX) or m == moduleid or m == 0:
                return True
        return False

    def _detach(self, addr: bytes) -> bool:
        for i, d in enumerate(self._dsts):
            if d.addr == addr:
                del self._dsts[i]
                return True
        return False

    # ---------------------------------------------------------------- server
    def _serve(self, sock: socket.socket, wake_r: int, stop_evt: threading.Event) -> None:
        cmsg_space = socket.CMSG_SPACE(struct.calcsize("3i"))
        while True:
            try:
                rl, _, _ = select.select([sock, wake_r], [], [])
            except (OSError, ValueError):
                return
            if wake_r in rl:
                return
            self._paused.wait()
            if stop_evt.is_set():
                return
            try:
                data, anc, _flags, addr = sock.recvmsg(MAX_CLIF_MSGBUF - 1, cmsg_space,
                                                       socket.MSG_DONTWAIT)
            except BlockingIOError:
                continue
            except OSError:
                return
            if isinstance(addr, str):
                addr = addr.encode()
            addr = addr or b""
            cred = None
            for level, typ, cdata in anc:
                if level == socket.SOL_SOCKET and typ == SCM_CREDENTIALS:
                    cred = struct.unpack("3i", cdata[:12])
            if cred is None:
                self._log("rx", data, addr)
                self._send(sock, b"R%02x" % CMD_BAD_PARAMS, addr)
                continue
            pid, uid, gid = cred
            self._log("rx", data, addr, pid, uid & 0xFFFFFFFF, gid & 0xFFFFFFFF)
            if uid != 0:
                self._send(sock, b"R%02x" % CMD_NO_ACCESS, addr)
                continue
            try:
                self._handle(sock, data, addr)
            except Exception as e:  # noqa: BLE001 - keep serving
                self._log("tx-error", b"", addr, note=f"simulator bug: {e!r}")

    def _send(self, sock, reply: bytes, addr: bytes) -> None:
        self._log("tx", reply, addr)      # before sending: no race with readers
        try:
            sock.sendto(reply, addr)
        except OSError as e:
            self._log("tx-error", reply, addr, note=f"{e.__class__.__name__}: {e}")

    def _handle(self, sock, data: bytes, addr: bytes) -> None:
        rules = self._take_rules(data)
        drop = None
        for r in rules:
            if r.action == "delay":
                time.sleep(r.seconds)
        for r in rules:
            if r.action == "drop":
                drop = r
                break
            if r.action == "reply":
                self._send(sock, r.raw, addr)
                return
            if r.action == "fail":
                rep = b"R%02x" % r.status
                echo = r.echo
                if echo is None:
                    echo = data[:1] == b"C" and r.status in (CMD_NOT_CAPABLE, CMD_NOT_APPLICABLE,
                                                             CMD_PEER_NOT_PRESENT)
                if echo and data[:1] == b"C":
                    plen = _hex2(data, 8) or 0
                    rep += data[:10 + plen]
                elif echo:
                    rep += data[:1]
                self._send(sock, rep, addr)
                return
        if drop is not None:
            if drop.process:
                self.process(data, addr)
            self._log("drop", data, addr, note=drop.desc)
            return
        self._send(sock, self.process(data, addr), addr)

    # ---------------------------------------------------------------- protocol
    def process(self, data: bytes, addr: bytes = b"") -> bytes:
        """process_clif_cmd for an authorised (uid 0) sender: the reply."""
        data = data[:MAX_CLIF_MSGBUF - 1]
        c = data[:1]
        with self._lock:
            if c in (b"C", b"M"):
                status, body = self._module(data)
            elif c == b"A":
                status, body = self._attach(data, addr)
            elif c == b"D":
                status, body = (CMD_SUCCESS if self._detach(addr) else CMD_FAILED), b"D"
            elif c == b"L":
                status = CMD_SUCCESS if any(d.addr == addr for d in self._dsts) else CMD_FAILED
                body = b"L"
            elif c == b"P":
                status, body = CMD_SUCCESS, b"PPONG%d" % self.pid
            else:
                status, body = CMD_INVALID, b""
        rep = b"R%02x" % (status & 0xFF) + body
        return rep.split(b"\0")[0]              # strlen(rbuf)

    def _attach(self, data: bytes, addr: bytes):
        s = data.split(b"\0")[0]
        if len(s) <= 1:
            mods = [LLDP_MOD_DCBX, 0xFFFFFFFF]
        else:
            # lldpad strtok()s the list twice; the first pass has already
            # cut it at the commas, so only the first token is ever parsed.
            toks = [t for t in s[1:].split(b",") if t]
            mods = []
            if toks:
                v = _strtol_hex_ok(toks[0])
                if v is None:
                    return CMD_FAILED, b"A"
                mods.append(v)
            mods.append(0xFFFFFFFF)
        self._dsts.insert(0, _Dst(addr, mods))
        return CMD_SUCCESS, b"A"

    def _module(self, data: bytes):
        if data[:1] == b"M":
            parts = [_hex2(data, 1 + 2 * i) for i in range(4)]
            mid = None if None in parts else int.from_bytes(bytes(parts), "big")
            if mid != LLDP_MOD_DCBX:
                return CMD_DEVICE_NOT_FOUND, b""
            data = data[9:]
        return self._dcbx(data)

    def _dcbx(self, ib: bytes):
        ilen = len(ib)
        cmd, feature = _hex2(ib, 2), _hex2(ib, 4)
        if cmd is None or feature is None:
            return CMD_INVALID, b""

        def echo(w):
            s = ib[:w].split(b"\0")[0]
            return s.rjust(w)

        if feature == FEATURE_DCBX:
            if ilen < 6:
                return CMD_INVALID, b""
            out = echo(6)
            if cmd == CMD_SET_CONFIG:
                v = ib[6] ^ 0x30 if ilen == 7 else -1
                if v not in (1, 2, 5, 6):
                    return CMD_BAD_PARAMS, out
                self.dcbx_version = v
                return CMD_SUCCESS, out
            if cmd == CMD_GET_PEER:
                return CMD_INVALID, out
            if cmd == CMD_GET_CONFIG:
                if self.dcbx_version is None:
                    return CMD_FAILED, out
                return CMD_SUCCESS, out + b"%01x" % self.dcbx_version
            return CMD_SUCCESS, out + b"%01x" % self.dcbx_subtype
        subtype, plen = _hex2(ib, 6), _hex2(ib, 8)
        if subtype is None or plen is None or ilen < 10:
            return CMD_INVALID, b""
        ver = ib[1] - 256 if ib[1] >= 128 else ib[1]
        if ver < 0x32:
            return CMD_CTRL_VERS_NOT_COMPATIBLE, b""
        if ilen < 10 + plen:
            return CMD_INVALID, b""
        port = ib[10:10 + plen].split(b"\0")[0].decode("latin-1")
        st = self._ifs.get(port, self.default_state)
        if not st.dcbx_module:
            return CMD_DEVICE_NOT_FOUND, b""
        out = echo(10 + plen)
        if not st.capable:
            return CMD_NOT_CAPABLE, out
        if not st.cee_active and cmd in (CMD_GET_PEER, CMD_GET_OPER):
            return CMD_NOT_APPLICABLE, out
        cfg = ib[10 + plen:10 + plen + 3]

        def proto_data(p: Protocol):
            if cmd == CMD_GET_CONFIG:
                return CMD_SUCCESS, b"%x%x%x" % (p.enable, p.advertise, p.willing)
            if cmd == CMD_GET_OPER:
                return CMD_SUCCESS, b"%02x%02x%02x%x%x" % (p.oper_version, p.max_version,
                                                           p.error, p.oper_mode, p.syncd)
            if cmd == CMD_GET_PEER:
                return CMD_PEER_NOT_PRESENT, b""
            return CMD_SUCCESS, b""

        def set_eaw(p: Protocol):
            for name, ch in zip(("enable", "advertise", "willing"), cfg):
                if ch in b"01":
                    setattr(p, name, ch - 0x30)

        if feature == FEATURE_DCB:
            if cmd == CMD_SET_CONFIG:
                if ilen < 10 + plen + 1:
                    return CMD_INVALID, out
                st.dcb_on = ib[10 + plen] == 0x31
                return CMD_SUCCESS, out
            if cmd == CMD_GET_CONFIG:
                return CMD_SUCCESS, out + b"%01x" % int(st.dcb_on)
            return CMD_INVALID, out
        if feature == FEATURE_PFC:
            if not st.in_store:
                return CMD_DEVICE_NOT_FOUND, out
            if cmd == CMD_SET_CONFIG:
                if ilen < 10 + plen + 3:
                    return CMD_FAILED, out
                set_eaw(st.pfc.protocol)
                return CMD_SUCCESS, out
            status, pd = proto_data(st.pfc.protocol)
            out += pd
            if status != CMD_SUCCESS:
                return status, out
            admin = st.pfc.admin
            if cmd == CMD_GET_OPER:
                if st.pfc.oper_admin is None:
                    return CMD_DEVICE_NOT_FOUND, out
                admin = st.pfc.oper_admin
            out += b"".join(b"%x" % a for a in admin[:8])
            out += b"x" if cmd == CMD_GET_OPER else b"%x" % st.pfc.num_tcs
            return CMD_SUCCESS, out
        if feature == FEATURE_APP:
            if not st.in_store:
                return CMD_DEVICE_NOT_FOUND, out
            app = st.apps.get(subtype)
            if cmd == CMD_SET_CONFIG:
                if ilen < 10 + plen + 3:
                    return CMD_FAILED, out
                set_eaw(st.apps.setdefault(subtype, App()).protocol)
                return CMD_SUCCESS, out
            if app is None:
                app = App(protocol=Protocol(0, 0, 0, 0, 0, 0, 0, 0), data=b"", oper_data=None)
            status, pd = proto_data(app.protocol)
            out += pd
            if status != CMD_SUCCESS:
                return status, out
            d = app.data
            if cmd == CMD_GET_OPER:
                if app.oper_data is None:
                    return CMD_DEVICE_NOT_FOUND, out
                d = app.oper_data
            out += b"%02x" % (2 * len(d)) + d.hex().encode()
            return CMD_SUCCESS, out
        if feature in (FEATURE_PG, FEATURE_LLINK, FEATURE_PG_DESC):
            return CMD_FAILED, out       # not modelled
        return CMD_SUCCESS, out          # BCN / unknown features: echo only


# --------------------------------------------------------------------------
# client helpers (for tests)


def client_socket(netns: Union[str, int, None] = None, connect: bool = True,
                  timeout: float = 2.0) -> socket.socket:
    """An autobound AF_UNIX DGRAM socket in `netns`, connected to lldpad."""
    def mk():
        s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        s.bind(b"")                     # autobind (addrlen = sizeof(sa_family_t))
        s.settimeout(timeout)
        if connect:
            s.connect(LLDPAD_ADDR)
        return s
    return in_netns(netns, mk)


if __name__ == "__main__":  # manual smoke test (own netns)
    with LldpadSim(interfaces={"eth2": IfState()}) as sim:
        c = client_socket()
        for q in (b"A", b"P", b"C301010004eth2", b"C301030004eth2", b"C301050004eth2",
                  b"C303030004eth2", b"C303050004eth2", b"D"):
            c.send(q)
            print(q, "->", c.recv(4096))
