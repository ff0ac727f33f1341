# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Fixtures for the black-box tests of the real fcoemond actuator.

Each test starts build/fcoemond (`-f --monitor driver.py --user nobody --
CTRL`) in a fresh network namespace and a private mount namespace where

  * /sys is a bind mount of a fake FCoE sysfs tree built by the test in a
    staging directory (so pytest sees every write, even after the actuator
    exited; inotify tells which files were opened for writing),
  * /dev is a small tmpfs with null/zero/full/random/urandom/tty bound from
    the host and /dev/log bound to a datagram socket pytest listens on (the
    audit records),
  * the network namespace holds lo (up) and a veth pair veth0/veth1 (up).

driver.py (the monitor stand-in) connects back to a control socket and
hands over its fds 3 (SEQPACKET) and 4 (lldpad DGRAM) so the test itself
speaks the protocol.  See the docstrings of Lab, Actuator and FakeSysfs.
"""

from __future__ import annotations

import array
import ctypes
import errno
import json
import os
import re
import select
import shutil
import signal
import socket
import stat
import struct
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

import fcp

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FCOEMOND = Path(os.environ.get("FCOEMOND", ROOT / "build" / "fcoemond"))
DRIVER = HERE / "driver.py"
LLDPAD_ADDR = b"\0/com/intel/lldpad"
ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"}

CLONE_NEWNET = 0x40000000
PR_SET_CHILD_SUBREAPER = 36
_libc = ctypes.CDLL(None, use_errno=True)

# /sys paths of the fake tree (the real kernel's layout)
NETDEV = "/sys/devices/virtual/net"


def ctlr_dir(ifname="veth0", n=0):
    return f"{NETDEV}/{ifname}/ctlr_{n}"


def issue_lip(ifname="veth0", n=0, host=2):
    return f"{ctlr_dir(ifname, n)}/host{host}/fc_host/host{host}/issue_lip"


def scsi_scan(ifname="veth0", n=0, host=2):
    return f"{ctlr_dir(ifname, n)}/host{host}/scsi_host/host{host}/scan"


def param_dir(kif):
    return {"libfcoe": "/sys/module/libfcoe/parameters",
            "fcoe": "/sys/module/fcoe/parameters"}[kif]


# --------------------------------------------------------------------------
# small system helpers


def _check(ret, what):
    if ret != 0:
        e = ctypes.get_errno()
        raise OSError(e, f"{what}: {os.strerror(e)}")


def setns(fd, nstype=CLONE_NEWNET):
    _check(_libc.setns(fd, nstype), "setns")


def in_thread(fn):
    """Run fn in a fresh thread and return its result (namespace changes of
    that thread do not affect pytest's own thread)."""
    box = {}

    def work():
        try:
            box["r"] = fn()
        except BaseException as e:  # noqa: BLE001 - re-raised
            box["e"] = e

    t = threading.Thread(target=work)
    t.start()
    t.join()
    if "e" in box:
        raise box["e"]
    return box["r"]


class NetNS:
    """A fresh network namespace held by an fd of pytest: lo up, veth0/veth1
    up.  `path` can be given to nsenter --net=."""

    def __init__(self, veth=("veth0", "veth1")):
        def make():
            _check(_libc.unshare(CLONE_NEWNET), "unshare(CLONE_NEWNET)")
            return os.open(f"/proc/self/task/{threading.get_native_id()}/ns/net",
                           os.O_RDONLY | os.O_CLOEXEC)
        self.fd = in_thread(make)
        self.path = f"/proc/{os.getpid()}/fd/{self.fd}"
        cmds = ["ip link set lo up"]
        if veth:
            a, b = veth
            cmds += [f"ip link add {a} type veth peer name {b}",
                     f"ip link set {a} up", f"ip link set {b} up"]
        self.sh(" && ".join(cmds))

    def run(self, argv, check=True):
        return subprocess.run(["nsenter", f"--net={self.path}", "--", *argv],
                              env=ENV, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, check=check)

    def sh(self, script, check=True):
        return self.run(["sh", "-c", script], check=check)

    def links(self):
        """{name: {"up": bool, "kind": str|None}} from `ip -d -j link`."""
        out = json.loads(self.run(["ip", "-d", "-j", "link", "show"]).stdout)
        return {l["ifname"]: {"up": "UP" in l.get("flags", []),
                              "kind": l.get("linkinfo", {}).get("info_kind")}
                for l in out}

    def socket(self, family=socket.AF_UNIX, type_=socket.SOCK_DGRAM):
        def make():
            setns(self.fd)
            return socket.socket(family, type_)
        return in_thread(make)

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


_vlan_support = None


def kernel_has_vlan():
    """Does this kernel create VLANs (8021q)?  Probed once, in a throwaway
    netns, exactly as a user would: ip link add ... type vlan."""
    global _vlan_support
    if _vlan_support is None:
        ns = NetNS()
        try:
            r = ns.run(["ip", "link", "add", "link", "veth0", "name", "vprobe",
                        "type", "vlan", "id", "5"], check=False)
            _vlan_support = r.returncode == 0
        finally:
            ns.close()
    return _vlan_support


def landlock_abi():
    _libc.syscall.restype = ctypes.c_long
    r = _libc.syscall(444, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return r if r > 0 else 0


def proc_status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            out[k] = v.strip()
    return out


def nobody_ids():
    import pwd
    pw = pwd.getpwnam("nobody")
    return pw.pw_uid, pw.pw_gid


# --------------------------------------------------------------------------
# audit records


AUDIT_RE = re.compile(r"^<(\d+)>fcoemond\[(\d+)\]: (.*)$", re.S)


class Record:
    """One syslog datagram.  For AUDIT lines, `kv` is the ordered list of
    (key, value) and `[key]` gives a value."""

    def __init__(self, raw: bytes):
        self.raw = raw
        text = raw.decode("utf-8", "replace")
        m = AUDIT_RE.match(text)
        self.pri = int(m.group(1)) if m else None
        self.pid = int(m.group(2)) if m else None
        self.msg = m.group(3) if m else text
        self.kv = []
        self.tokens = self.msg[6:].split() if self.msg.startswith("AUDIT ") else []
        if self.tokens:
            for tok in self.tokens:
                k, _, v = tok.partition("=")
                self.kv.append((k, v))
        self.d = dict(self.kv)

    @property
    def is_audit(self):
        return bool(self.kv)

    def keys(self):
        return [k for k, _ in self.kv]

    def get(self, k, default=None):
        return self.d.get(k, default)

    def __getitem__(self, k):
        return self.d[k]

    def __contains__(self, k):
        return k in self.d

    def __repr__(self):
        return f"Record({self.raw!r})"


class AuditLog:
    """The datagram socket bound where the actuator's /dev/log points.  A
    thread drains it continuously (a unix datagram queue holds only
    net.unix.max_dgram_qlen records)."""

    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        os.chmod(path, 0o666)
        self.sock.settimeout(0.1)
        self.records: list[Record] = []
        self.cond = threading.Condition()
        self._stop = False
        self._marks = 0         # sync markers seen by the thread
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self._stop:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            if data.startswith(b"\0sync "):
                with self.cond:
                    self._marks += 1
                    self.cond.notify_all()
                continue
            rec = Record(data)
            rec.t = time.monotonic()        # when it arrived (benchmarks)
            with self.cond:
                self.records.append(rec)
                self.cond.notify_all()

    def close(self):
        """Stop listening: the actuator's next send() fails."""
        self._stop = True
        self.thread.join()
        self.sock.close()

    def sync(self, timeout=3.0):
        """Wait until every datagram queued before now has been read: a
        marker goes through the same queue, which is FIFO.  A reply the
        daemon sent after its audit record therefore implies the record is
        in self.records once this returns."""
        if self._stop:
            return
        with self.cond:
            want = self._marks + 1
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
            s.sendto(b"\0sync %d" % want, self.path)
        end = time.monotonic() + timeout
        with self.cond:
            while self._marks < want:
                left = end - time.monotonic()
                if left <= 0:
                    raise AssertionError("audit log: sync marker not read")
                self.cond.wait(left)

    def audit(self):
        self.sync()
        with self.cond:
            return [r for r in self.records if r.is_audit]

    def find(self, **kv):
        return [r for r in self.audit()
                if all(r.get(k) == str(v) for k, v in kv.items())]

    def wait(self, timeout=3.0, **kv):
        """First audit record with all the given key=value pairs."""
        end = time.monotonic() + timeout
        with self.cond:
            while True:
                for r in self.records:
                    if r.is_audit and all(r.get(k) == str(v) for k, v in kv.items()):
                        return r
                left = end - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"no audit record with {kv} within {timeout}s; got:\n" +
                        "\n".join(repr(r.raw) for r in self.records))
                self.cond.wait(left)

    def dump(self):
        with self.cond:
            return "\n".join(r.raw.decode("utf-8", "replace") for r in self.records)


# --------------------------------------------------------------------------
# fake sysfs


IN_MODIFY = 0x002
IN_ATTRIB = 0x004
IN_CLOSE_WRITE = 0x008
IN_MOVED_FROM = 0x040
IN_MOVED_TO = 0x080
IN_CREATE = 0x100
IN_DELETE = 0x200
IN_ISDIR = 0x40000000
IN_NONBLOCK = 0o4000
IN_CLOEXEC = 0o2000000
_WATCH = IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
_EV = struct.Struct("iIII")


class FakeSysfs:
    """The fake /sys, built in a staging directory bind-mounted over /sys in
    the actuator's mount namespace.  Every directory is watched with inotify:
    `take()` returns {"/sys/...": bytes} of each file opened for writing (or
    created/deleted) since the previous call, then empties those files so the
    next call sees only new writes.  All files start empty.

    kifs: set of kernel interfaces to provide ("bus", "libfcoe", and "fcoe":
    the pre-2.6.39 fcoe module parameters, which fcoemond must never use);
    empty: none.  ctlrs: {ifname: (ctlr number, host number)}.
    """

    def __init__(self, stage: Path, kifs=("bus",), ctlrs=None,
                 netdevs=("lo", "veth0", "veth1")):
        self.stage = stage
        self.kifs = set(kifs)
        self.ctlrs = {"veth0": (0, 2)} if ctlrs is None else ctlrs
        self.netdevs = netdevs
        self.counts = {}
        self._build()
        self.ifd = None
        fd = _libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        self.ifd = fd
        self.wds = {}
        for d, dirs, _ in os.walk(stage):
            self._watch(Path(d))

    # -- building
    def _mkdir(self, rel, mode=0o755):
        p = self.stage / rel
        p.mkdir(parents=True, exist_ok=True)
        os.chmod(p, mode)
        return p

    def _file(self, rel, mode=0o644):
        p = self.stage / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"")
        os.chmod(p, mode)

    def _link(self, rel, target):
        p = self.stage / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, p)

    def _build(self):
        self.stage.mkdir(mode=0o755)
        for d in ("bus", "class/net", "class/fc_host", "class/scsi_host",
                  "devices/virtual/net", "module", "kernel"):
            self._mkdir(d)
        for dev in self.netdevs:
            base = f"devices/virtual/net/{dev}"
            self._mkdir(f"{base}/power")
            self._file(f"{base}/operstate", 0o444)
            self._file(f"{base}/ifindex", 0o444)
            # ARPHRD_LOOPBACK or ARPHRD_ETHER, as the kernel says
            (self.stage / f"{base}/type").write_text("772\n" if dev == "lo" else "1\n")
            for attr in ("mtu", "ifalias", "tx_queue_len"):
                self._file(f"{base}/{attr}", 0o644)
            self._link(f"class/net/{dev}", f"../../devices/virtual/net/{dev}")
        if "bus" in self.kifs:
            self._file("bus/fcoe/ctlr_create", 0o200)
            self._file("bus/fcoe/ctlr_destroy", 0o200)
            self._mkdir("bus/fcoe/devices")
            self._mkdir("bus/fcoe/drivers")
        for kif in ("libfcoe", "fcoe"):
            if kif in self.kifs:
                for f in ("create", "create_vn2vn", "destroy", "enable", "disable"):
                    self._file(f"module/{kif}/parameters/{f}", 0o200)
                self._file(f"module/{kif}/parameters/debug_logging", 0o644)
        for dev, (n, h) in self.ctlrs.items():
            c = f"devices/virtual/net/{dev}/ctlr_{n}"
            self._file(f"{c}/mode", 0o644)
            self._file(f"{c}/enabled", 0o644)
            self._file(f"{c}/fip_vlan_responder", 0o644)
            self._mkdir(f"{c}/power")
            self._mkdir(f"{c}/lesb")
            host = f"{c}/host{h}"
            self._mkdir(f"{host}/power")
            self._file(f"{host}/fc_host/host{h}/issue_lip", 0o200)
            self._file(f"{host}/fc_host/host{h}/port_state", 0o444)
            # fcoeadm -r/-S find the host of an interface by this name
            (self.stage / f"{host}/fc_host/host{h}/symbolic_name").write_text(
                f"fcoe v0.1 over {dev}\n")
            self._file(f"{host}/scsi_host/host{h}/scan", 0o200)
            self._link(f"class/fc_host/host{h}",
                       f"../../devices/virtual/net/{dev}/ctlr_{n}/host{h}/fc_host/host{h}")
            self._link(f"class/scsi_host/host{h}",
                       f"../../devices/virtual/net/{dev}/ctlr_{n}/host{h}/scsi_host/host{h}")
            if "bus" in self.kifs:
                self._link(f"bus/fcoe/devices/ctlr_{n}",
                           f"../../../devices/virtual/net/{dev}/ctlr_{n}")

    # -- paths
    def host_path(self, syspath: str) -> Path:
        assert syspath.startswith("/sys/")
        return self.stage / syspath[len("/sys/"):]

    def read(self, syspath):
        return self.host_path(syspath).read_bytes()

    def chmod(self, syspath, mode):
        os.chmod(self.host_path(syspath), mode)

    def remove(self, syspath):
        p = self.host_path(syspath)
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        else:
            p.unlink()

    # -- watching
    def _watch(self, d: Path):
        wd = _libc.inotify_add_watch(self.ifd, str(d).encode(), _WATCH)
        if wd < 0:
            raise OSError(ctypes.get_errno(), f"inotify_add_watch {d}")
        self.wds[wd] = d

    def _events(self):
        evs = []
        while True:
            try:
                buf = os.read(self.ifd, 65536)
            except BlockingIOError:
                return evs
            off = 0
            while off < len(buf):
                wd, mask, _cookie, ln = _EV.unpack_from(buf, off)
                name = buf[off + 16: off + 16 + ln].split(b"\0", 1)[0].decode()
                off += 16 + ln
                if wd in self.wds:
                    evs.append((self.wds[wd] / name if name else self.wds[wd], mask))

    def _syspath(self, p: Path):
        return "/sys/" + str(p.relative_to(self.stage))

    def take(self):
        touched = {}
        self.counts = {}
        for p, mask in self._events():
            sp = self._syspath(p)
            touched.setdefault(sp, p)
            if mask & IN_CLOSE_WRITE:
                self.counts[sp] = self.counts.get(sp, 0) + 1
            if mask & IN_CREATE and mask & IN_ISDIR:
                self._watch(p)
        out = {}
        for sp, p in touched.items():
            if p.is_file() and not p.is_symlink():
                out[sp] = p.read_bytes()
                with open(p, "r+b") as f:
                    f.truncate(0)
            else:
                out[sp] = None          # created and gone, or deleted
        self._events()                  # our own truncations
        return out

    def close(self):
        if self.ifd is not None:
            os.close(self.ifd)
            self.ifd = None


# --------------------------------------------------------------------------
# the actuator under test


def _nobody_can_exec(path: Path) -> bool:
    st = path.stat()
    if not (st.st_mode & stat.S_IROTH and st.st_mode & stat.S_IXOTH):
        return False
    for d in path.parents:
        if not d.stat().st_mode & stat.S_IXOTH:
            return False
    return True


_SETUP = r"""
set -eu
RUN=$1; shift
mount -t tmpfs -o mode=0755,size=64k fcit-dev "$RUN/dev"
for n in null zero full random urandom tty; do
    : > "$RUN/dev/$n"
    mount --bind "/dev/$n" "$RUN/dev/$n"
done
ln -s /proc/self/fd "$RUN/dev/fd"
if [ -S "$RUN/log.sock" ]; then
    : > "$RUN/dev/log"
    mount --bind "$RUN/log.sock" "$RUN/dev/log"
fi
mount --move "$RUN/dev" /dev
mount --bind "$RUN/sys" /sys
# A /run of its own: the actuator makes /run/fcoemond/ctl there, apart
# from the host's and from every other test's daemon.
mount -t tmpfs -o mode=0755,size=64k fcit-run /run
%(extra)s
exec "$@"
"""


class Actuator:
    """One running fcoemond and its driver.

    ipc     pytest's copy of the monitor end (fd 3): speak the protocol here
    lldpad  pytest's copy of the monitor's lldpad socket (fd 4)
    driver  the JSON line the driver sent at start (pid, ids, fds, ...)
    audit   AuditLog;  sysfs  FakeSysfs;  netns  NetNS
    """

    def __init__(self, run: Path, sysfs: FakeSysfs, netns: NetNS, audit,
                 args=(), extra_setup="", user="nobody", wait_driver=True,
                 start_timeout=10.0, monitor_args=None, foreground=True,
                 popen_kw=None):
        self.run = run
        self.sysfs = sysfs
        self.netns = netns
        self.audit = audit
        self.seq = 0
        self.notices = []
        self.ipc = self.lldpad = self.ctl = None
        self.driver = None
        self._ctlbuf = b""
        self.returncode = None

        ctl_path = str(run / "ctrl.sock")
        self.ctl_listen = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.ctl_listen.bind(ctl_path)
        os.chmod(ctl_path, 0o777)
        self.ctl_listen.listen(4)

        driver = DRIVER
        if not _nobody_can_exec(driver):
            driver = run / "driver.py"
            shutil.copy(DRIVER, driver)
            os.chmod(driver, 0o755)
        self.driver_path = str(driver)
        margs = [ctl_path] if monitor_args is None else list(monitor_args)
        self.foreground = foreground
        argv = [str(FCOEMOND), *(["-f"] if foreground else []),
                "--monitor", self.driver_path,
                "--user", user, *args, "--", *margs]
        self.argv = argv
        script = _SETUP % {"extra": extra_setup}
        self.stdout_path = run / "stdout"
        self.stderr_path = run / "stderr"
        kw = {"stdin": subprocess.DEVNULL, **(popen_kw or {})}
        with open(self.stdout_path, "wb") as so, open(self.stderr_path, "wb") as se:
            self.proc = subprocess.Popen(
                ["nsenter", f"--net={netns.path}", "--",
                 "unshare", "--mount", "--propagation", "private", "--",
                 "sh", "-c", script, "fcit-setup", str(run), *argv],
                stdout=so, stderr=se, env=ENV, **kw)
        self.pid = self.proc.pid
        if wait_driver:
            self._accept_driver(start_timeout)

    # -- start-up
    def _accept_driver(self, timeout):
        end = time.monotonic() + timeout
        while True:
            r, _, _ = select.select([self.ctl_listen], [], [], 0.05)
            if r:
                break
            if self.proc.poll() is not None and (self.foreground or
                                                 self.proc.returncode != 0):
                raise AssertionError(
                    f"fcoemond exited with {self.proc.returncode} before the driver "
                    f"connected; stderr:\n{self.stderr}\naudit:\n{self.audit.dump()}")
            if time.monotonic() > end:
                raise AssertionError(f"driver did not connect; stderr:\n{self.stderr}")
        self.ctl, _ = self.ctl_listen.accept()
        self.ctl.settimeout(timeout)
        fds = []
        while b"\n" not in self._ctlbuf:
            data, anc, _, _ = self.ctl.recvmsg(65536, socket.CMSG_SPACE(8 * 4))
            if not data:
                raise AssertionError("driver closed the control socket")
            self._ctlbuf += data
            for lvl, typ, cdata in anc:
                if lvl == socket.SOL_SOCKET and typ == socket.SCM_RIGHTS:
                    a = array.array("i")
                    a.frombytes(cdata[:len(cdata) - len(cdata) % 4])
                    fds += list(a)
        line, self._ctlbuf = self._ctlbuf.split(b"\n", 1)
        self.driver = json.loads(line)
        self.driver_pid = self.driver["pid"]
        passed = self.driver["passed"]
        got = dict(zip(passed, fds))
        if 3 in got:
            self.ipc = socket.socket(fileno=got[3])
            self.ipc.settimeout(5)
        if 4 in got:
            self.lldpad = socket.socket(fileno=got[4])
            self.lldpad.settimeout(5)

    @property
    def stderr(self):
        return self.stderr_path.read_text(errors="replace")

    @property
    def stdout(self):
        return self.stdout_path.read_text(errors="replace")

    # -- protocol
    def next_seq(self):
        self.seq += 1
        return self.seq

    def send_raw(self, data: bytes, fds=None):
        if fds:
            self.ipc.sendmsg([data], [(socket.SOL_SOCKET, socket.SCM_RIGHTS,
                                       array.array("i", fds))])
        else:
            self.ipc.send(data)

    def recv(self, timeout=5.0) -> fcp.Msg | None:
        """Next record from the actuator; None on EOF."""
        self.ipc.settimeout(timeout)
        data = self.ipc.recv(4096)
        if not data:
            return None
        return fcp.parse(data)

    def recv_reply(self, timeout=5.0):
        while True:
            m = self.recv(timeout)
            if m is None:
                raise AssertionError(
                    f"EOF from actuator (exit {self.proc.poll()}); stderr:\n{self.stderr}"
                    f"\naudit:\n{self.audit.dump()}")
            if m.type in fcp.NOTICES:
                self.notices.append(m)
                continue
            return m

    def request(self, type_, payload=b"", seq=None, check=True) -> fcp.Msg:
        if seq is None:
            seq = self.next_seq()
        else:
            self.seq = max(self.seq, seq)
        self.send_raw(fcp.frame(type_, payload, seq))
        m = self.recv_reply()
        if check:
            fcp.check_reply(m, type_, seq)
        return m

    def hello(self) -> fcp.HelloRep:
        m = self.request(fcp.HELLO, fcp.hello())
        assert m.status == 0, m
        return fcp.parse_hello_rep(m.payload)

    def end_record(self, seq, timeout=3.0):
        return self.audit.wait(timeout, seq=seq, phase="end")

    def begin_records(self, seq):
        """Begin records of seq (after its end record arrived: datagrams on
        one socket keep their order, so every begin is in by then)."""
        self.end_record(seq)
        return self.audit.find(seq=seq, phase="begin")

    # -- driver control
    def driver_send(self, obj):
        self.ctl.sendall((json.dumps(obj) + "\n").encode())

    def driver_reply(self, timeout=5.0):
        self.ctl.settimeout(timeout)
        while b"\n" not in self._ctlbuf:
            data = self.ctl.recv(65536)
            if not data:
                raise EOFError("driver closed the control socket")
            self._ctlbuf += data
        line, self._ctlbuf = self._ctlbuf.split(b"\n", 1)
        return json.loads(line)

    def driver_cmd(self, obj, timeout=5.0):
        self.driver_send(obj)
        return self.driver_reply(timeout)

    def close_monitor_fds(self):
        """Drop pytest's copies of fds 3 and 4 (the actuator sees EOF only
        when every copy of the monitor end is closed)."""
        for s in (self.ipc, self.lldpad):
            if s is not None:
                s.close()
        self.ipc = self.lldpad = None

    # -- lifecycle
    def wait(self, timeout=5.0):
        try:
            self.returncode = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"fcoemond still running after {timeout}s; "
                                 f"stderr:\n{self.stderr}\naudit:\n{self.audit.dump()}")
        return self.returncode

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.close_monitor_fds()
        for s in (self.ctl, self.ctl_listen):
            if s is not None:
                s.close()
        self.reap_driver(timeout=2.0)

    def reap_driver(self, timeout=1.0):
        """Wait for the (orphaned, reparented to pytest) driver; its wait
        status or None if it is still alive / not our child."""
        pid = getattr(self, "driver_pid", None)
        if pid is None:
            return None
        end = time.monotonic() + timeout
        while True:
            try:
                p, st = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                return None
            if p == pid:
                self.driver_pid = None
                return st
            if time.monotonic() > end:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                return None
            time.sleep(0.01)


@pytest.fixture(scope="session")
def fcoemond_bin():
    if os.geteuid() != 0:
        pytest.skip("fcoemond tests need root (namespaces, mounts, setuid)")
    if not FCOEMOND.exists():
        subprocess.run(["make", "-C", str(ROOT)], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not FCOEMOND.exists():
        pytest.fail(f"{FCOEMOND} does not exist and `make` did not build it")
    return FCOEMOND


class Lab:
    """Factory: lab.start(...) -> Actuator; everything is torn down after
    the test."""

    def __init__(self):
        self.cleanups = []
        self.actuators = []
        _check(_libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "prctl")

    def netns(self, **kw):
        ns = NetNS(**kw)
        self.cleanups.append(ns.close)
        return ns

    def listener(self, netns, name=LLDPAD_ADDR):
        """A datagram socket bound to @/com/intel/lldpad in netns, SO_PASSCRED on."""
        s = netns.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        s.bind(name)
        s.settimeout(3)
        self.cleanups.append(s.close)
        return s

    def start(self, kifs=("bus",), ctlrs=None, args=(), extra_setup="",
              prepare=None, netns=None, log=True, user="nobody",
              wait_driver=True, listen_lldpad=False, monitor_args=None,
              foreground=True, popen_kw=None):
        run = Path(tempfile.mkdtemp(prefix="fcit-"))
        os.chmod(run, 0o755)
        self.cleanups.append(lambda: shutil.rmtree(run, ignore_errors=True))
        (run / "dev").mkdir()
        sysfs = FakeSysfs(run / "sys", kifs=kifs, ctlrs=ctlrs)
        self.cleanups.append(sysfs.close)
        audit = AuditLog(str(run / "log.sock")) if log else None
        if audit:
            self.cleanups.append(lambda: audit.close() if not audit._stop else None)
        if netns is None:
            netns = self.netns()
        self.lldpad_listener = self.listener(netns) if listen_lldpad else None
        if prepare:
            prepare(sysfs)
        sysfs.take()
        act = Actuator(run, sysfs, netns, audit, args=args, extra_setup=extra_setup,
                       user=user, wait_driver=wait_driver, monitor_args=monitor_args,
                       foreground=foreground, popen_kw=popen_kw)
        act.listener = self.lldpad_listener
        self.actuators.append(act)
        return act

    def finish(self):
        for a in self.actuators:
            try:
                a.stop()
            except Exception:  # noqa: BLE001 - best effort
                pass
        for c in reversed(self.cleanups):
            try:
                c()
            except Exception:  # noqa: BLE001
                pass
        _libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


@pytest.fixture
def lab(fcoemond_bin):
    lb = Lab()
    yield lb
    lb.finish()


@pytest.fixture
def sim(lab):
    """The lldpad simulator in a fresh network namespace (sim.ns), veth0
    known to it with good DCB."""
    from lldpad_sim import IfState, LldpadSim
    ns = lab.netns()
    s = LldpadSim(netns=ns.path, interfaces={"veth0": IfState()})
    lab.cleanups.append(s.close)
    s.ns = ns
    return s


@pytest.fixture
def act(lab):
    """A running actuator (bus tree) after a successful HELLO."""
    a = lab.start()
    a.hello_rep = a.hello()
    return a


# --------------------------------------------------------------------------
# assertion helpers shared by the test modules

ANY = object()

# Every audit record starts: format version, run id, record number in the run.
HEAD = ["v", "run", "rec"]


def check_head(rec: Record):
    assert rec.keys()[:3] == HEAD, rec
    assert rec["v"] == "2", rec
    assert re.fullmatch(r"[0-9a-f]{16}", rec["run"]), rec
    assert re.fullmatch(r"[1-9]\d*", rec["rec"]), rec


def errname(e):
    return errno.errorcode.get(e, str(e))


def check_end(rec: Record, *, op, args, result, err, kif=None, obj=ANY, pri=None,
              order=False, extra=()):
    """An end record: exactly the contract's keys (in its order if `order`),
    values exact.  args: ordered list of (key, value) between op and
    kif/result; order as SECURITY.md §4: ARGS kif obj [rollback] result errno
    dur_us.  obj: ANY (either), None (absent) or the expected value."""
    keys = rec.keys()
    assert keys[:6] == HEAD + ["seq", "phase", "op"], rec
    check_head(rec)
    assert rec["phase"] == "end" and rec["op"] == op, rec
    exp = HEAD + ["seq", "phase", "op"] + [k for k, _ in args]
    if kif is not None:
        exp.append("kif")
    has_obj = "obj" in rec
    if obj is None:
        assert not has_obj, f"unexpected obj= in {rec}"
    elif obj is not ANY:
        assert has_obj, f"no obj= in {rec}"
    if has_obj:
        exp.append("obj")
    for k in extra:                     # e.g. rollback=, after obj= (SECURITY.md §4)
        if k in rec and k not in exp:
            exp.append(k)
    exp += ["result", "errno", "dur_us"]
    if order:
        assert keys == exp, f"keys {keys} != {exp} (contract order) in {rec}"
    else:
        assert sorted(keys) == sorted(exp) and len(set(keys)) == len(keys), \
            f"keys {keys} != {exp} in {rec}"
    for k, v in args:
        assert rec[k] == v, f"{k}: {rec[k]!r} != {v!r} in {rec}"
    if kif is not None:
        assert rec["kif"] == kif, rec
    assert rec["result"] == result, rec
    assert rec["errno"] == str(err), f"errno {rec['errno']} != {err} ({errname(err)}) in {rec}"
    if obj not in (ANY, None):
        assert rec["obj"] == obj, rec
    assert re.fullmatch(r"\d+", rec["dur_us"]), rec
    if pri is not None:
        assert rec.pri == pri, f"PRI {rec.pri} != {pri} in {rec}"


def check_begin(rec: Record, *, op, args, pri=None, order=False):
    check_head(rec)
    exp = HEAD + ["seq", "phase", "op"] + [k for k, _ in args]
    if order:
        assert rec.keys() == exp, f"keys {rec.keys()} != {exp} in {rec}"
    else:
        assert sorted(rec.keys()) == sorted(exp), f"keys {rec.keys()} != {exp} in {rec}"
    assert rec["phase"] == "begin" and rec["op"] == op, rec
    for k, v in args:
        assert rec[k] == v, rec
    if pri is not None:
        assert rec.pri == pri, f"PRI {rec.pri} != {pri} in {rec}"


PRI_WARNING, PRI_NOTICE, PRI_INFO = 84, 85, 86
