# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Run the real lldpad (Debian package) in a throwaway namespace for tests.

Stdlib only.  Must run as root (real uid 0 in the initial user namespace).

    from lldpad_real import real_lldpad

    with real_lldpad() as lp:            # fresh netns with veth0/veth1
        lp.query(b"P")                   # -> b"R00PPONG<pid>" (sent as root)
        lp.query_as(b"A", 65534, 65534)  # -> b"R0a"
        subprocess.run(["nsenter", "--net=" + lp.netns_path, ...])

    with real_lldpad(netns="/proc/1234/ns/net") as lp:   # join an existing netns
        ...

Layout
------
* Network namespace: either a fresh one, held by a tiny holder process
  (`unshare --net sleep infinity`) so it survives lldpad being stopped and
  restarted (`lp.stop()`, `lp.start()`), or an existing one given as a path
  (`/proc/<pid>/ns/net` of the daemon under test, or a bind-mounted netns
  file).  lldpad's control socket `@/com/intel/lldpad` is an abstract unix
  socket, so it exists only in that network namespace; a daemon joins it with
  `nsenter --net=<lp.netns_path> ...` (or lldpad joins the daemon's netns).
* veth pair (default veth0/veth1), created in the netns if missing, brought
  up; deleted on exit only if this module created it in a netns it did not
  create.  lldpad's LLDP agents start with adminStatus=disabled (default
  config), so it does not transmit LLDP frames; in any case it only sees the
  interfaces of its own netns, never the host's.
* lldpad itself runs as
      nsenter --net=NETNS -- unshare --ipc --mount --propagation private -- \
          sh -c SETUP -- /usr/sbin/lldpad -t
  where SETUP mounts private tmpfs on /dev/shm (lldpad.state, shm_open),
  /var/lib/lldpad (lldpad.conf) and /run (= /var/run: lldpad.pid) and a
  fresh sysfs on /sys (so /sys/class/net shows the netns' interfaces), then
  execs lldpad in the foreground (no -d).  nsenter/unshare/sh all exec, so
  the Popen pid *is* lldpad's pid (PONG<pid> matches).  The mount namespace
  dies with lldpad, taking the tmpfs contents with it; nothing on the host
  is written.
* Readiness: the fixture pings (`P`) from uid 0 over a socket created inside
  the netns until `R00PPONG<pid>` comes back.

Clients: AF_UNIX SOCK_DGRAM, bound with an empty address (Linux autobind:
addrlen == sizeof(sa_family_t), gives an abstract 5-hex-digit name) so that
lldpad can send its reply back, then sent to the 20-byte address
b"\\0/com/intel/lldpad".
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from lldpad_sim import _setns as setns, in_netns

LLDPAD_ADDR = b"\0/com/intel/lldpad"
CLONE_NEWNET = 0x40000000

LLDPAD_BIN = "/usr/sbin/lldpad"

_libc = ctypes.CDLL(None, use_errno=True)


def _pdeathsig():
    """preexec_fn: SIGKILL the child if the test process dies (survives the
    execs of nsenter/unshare/sh, none of which is set-uid).  Note: it fires
    when the *thread* that called Popen exits, so start fixtures from a
    long-lived thread (pytest's main thread is)."""
    _libc.prctl(1, signal.SIGKILL, 0, 0, 0)   # PR_SET_PDEATHSIG


def _tool(name: str) -> str:
    path = shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")
    if not path:
        raise FileNotFoundError(f"{name} not found (util-linux / iproute2 needed)")
    return path


_ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"}

# Runs inside the new mount + IPC namespace (already in the target netns),
# then execs lldpad ("$@").
_SETUP = r"""
set -eu
mount -t tmpfs -o mode=1777,size=8m,nosuid,nodev lldpad-shm /dev/shm
mount -t tmpfs -o mode=0755,size=8m,nosuid,nodev lldpad-lib /var/lib/lldpad
mount -t tmpfs -o mode=0755,size=8m,nosuid,nodev lldpad-run /run
mount -t sysfs -o nosuid,nodev,noexec lldpad-sysfs /sys \
    || echo "lldpad_real: warning: could not mount a private sysfs" >&2
echo "lldpad_real: starting $* (pid $$)" >&2
exec "$@"
"""


# --------------------------------------------------------------------------
# namespace helpers

def netns_socket(netns_path: str | None, family=socket.AF_UNIX,
                 type=socket.SOCK_DGRAM) -> socket.socket:
    """Create a socket inside the network namespace `netns_path` (in a
    short-lived thread: the caller's own namespace never changes).  A
    socket stays in the netns it was created in, and so does its (abstract)
    autobind name."""
    return in_netns(netns_path, lambda: socket.socket(family, type))


def netns_run(netns_path: str, argv: list[str], check=True, **kw):
    """Run argv inside the network namespace (nsenter --net=PATH)."""
    return subprocess.run([_tool("nsenter"), f"--net={netns_path}", "--", *argv],
                          check=check, env=_ENV, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, **kw)


def _link_exists(netns_path: str, ifname: str) -> bool:
    return netns_run(netns_path, [_tool("ip"), "link", "show", "dev", ifname],
                     check=False).returncode == 0


@contextlib.contextmanager
def fresh_netns():
    """A new, empty network namespace (lo up), held by a sleeping process.

    Yields its path /proc/<holder>/ns/net.  The netns lives as long as the
    holder or anything else that joined it.
    """
    holder = subprocess.Popen(
        [_tool("unshare"), "--net", "--", "sh", "-c",
         "ip link set lo up && echo ready && exec sleep infinity"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=_ENV, start_new_session=True, preexec_fn=_pdeathsig)
    try:
        line = holder.stdout.readline()
        if line.strip() != b"ready":
            holder.wait(5)
            raise RuntimeError("could not create a network namespace: "
                               + holder.stderr.read().decode(errors="replace"))
        yield f"/proc/{holder.pid}/ns/net"
    finally:
        _terminate(holder, timeout=5)


def _terminate(proc: subprocess.Popen, timeout: float = 5.0) -> int | None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            proc.wait()
    for f in (proc.stdout, proc.stderr):
        if f:
            f.close()
    return proc.returncode


# --------------------------------------------------------------------------
# clif client helpers

def clif_request(netns_path: str | None, msg: bytes, timeout: float = 2.0) -> bytes:
    """One request on a fresh autobound socket (sent with our own creds)."""
    s = netns_socket(netns_path)
    try:
        s.bind("")          # autobind: lldpad needs an address to reply to
        s.settimeout(timeout)
        s.connect(LLDPAD_ADDR)
        s.send(msg)
        while True:
            rep = s.recv(4096)
            if not rep.startswith(b"E"):   # skip async events, if attached
                return rep
    finally:
        s.close()


def clif_request_as(netns_path: str, msg: bytes, uid: int = 65534,
                    gid: int = 65534, timeout: float = 2.0) -> dict:
    """Send `msg` from a forked child that enters the netns, drops to
    uid/gid (setgroups([]), setresgid, setresuid), then creates, autobinds
    and uses its own socket.  Returns {"reply": bytes|None, "resuid": list,
    "error": str|None, "addr": hex str of the child's autobind name}."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: no exceptions may escape, always _exit
        out = {"reply": None, "error": None, "resuid": None, "addr": None}
        try:
            os.close(r)
            fd = os.open(netns_path, os.O_RDONLY | os.O_CLOEXEC)
            setns(fd, CLONE_NEWNET)
            os.close(fd)
            os.setgroups([])
            os.setresgid(gid, gid, gid)
            os.setresuid(uid, uid, uid)
            out["resuid"] = list(os.getresuid())
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind("")
            out["addr"] = s.getsockname().hex()   # abstract autobind name
            s.settimeout(timeout)
            s.sendto(msg, LLDPAD_ADDR)
            out["reply"] = s.recv(4096).decode("latin-1")
        except BaseException as e:  # noqa: BLE001
            out["error"] = repr(e)
        try:
            os.write(w, json.dumps(out).encode())
        finally:
            os._exit(0)
    os.close(w)
    chunks = []
    while True:
        b = os.read(r, 65536)
        if not b:
            break
        chunks.append(b)
    os.close(r)
    os.waitpid(pid, 0)
    out = json.loads(b"".join(chunks) or b"{}")
    if out.get("reply") is not None:
        out["reply"] = out["reply"].encode("latin-1")
    return out


class ClifClient:
    """A persistent lldpad client socket (like fcoemon's): autobound,
    connected to @/com/intel/lldpad, in the given netns."""

    def __init__(self, netns_path: str | None, timeout: float = 2.0):
        self.sock = netns_socket(netns_path)
        self.sock.bind("")
        self.sock.settimeout(timeout)
        self.sock.connect(LLDPAD_ADDR)
        self.events: list[bytes] = []

    def request(self, msg: bytes) -> bytes:
        self.sock.send(msg)
        while True:
            rep = self.sock.recv(4096)
            if rep.startswith(b"E"):
                self.events.append(rep)
                continue
            return rep

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# --------------------------------------------------------------------------
# the fixture object

class RealLldpad:
    def __init__(self, netns_path: str, args, log_path: str, start_timeout: float):
        self.netns_path = netns_path
        self.args = list(args)
        self.log_path = log_path
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self.pid: int | None = None
        self.startup_seconds: float | None = None
        self.ping_reply: bytes | None = None
        self.exit_status: int | None = None

    # -- lifecycle
    def start(self) -> "RealLldpad":
        if self.proc and self.proc.poll() is None:
            raise RuntimeError("lldpad already running")
        argv = [_tool("nsenter"), f"--net={self.netns_path}", "--",
                _tool("unshare"), "--ipc", "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", _SETUP, "lldpad_real", LLDPAD_BIN, *self.args]
        log = open(self.log_path, "ab")
        t0 = time.monotonic()
        try:
            self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=subprocess.STDOUT, env=_ENV,
                                         start_new_session=True,
                                         preexec_fn=_pdeathsig)
        finally:
            log.close()
        self.pid = self.proc.pid
        self.exit_status = None
        expect = b"R00PPONG%d" % self.pid
        deadline = t0 + self.start_timeout
        last = None
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"lldpad exited with {self.proc.returncode} during "
                                   f"start-up; log:\n{self.log()}")
            try:
                rep = clif_request(self.netns_path, b"P", timeout=0.2)
                if rep == expect:
                    break
                last = rep
            except (ConnectionRefusedError, FileNotFoundError, socket.timeout) as e:
                last = e
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"lldpad did not answer a ping within "
                                   f"{self.start_timeout}s (last: {last!r}); log:\n"
                                   f"{self.log()}")
            time.sleep(0.01)
        self.startup_seconds = time.monotonic() - t0
        self.ping_reply = rep
        return self

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 5.0) -> int | None:
        """Stop lldpad (SIGTERM, then SIGKILL after `timeout`).  Idempotent.
        Returns its exit status (negative = killed by signal)."""
        if self.proc is None:
            return self.exit_status
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    self.proc.kill()
                self.proc.wait()
        self.exit_status = self.proc.returncode
        self.proc = None
        return self.exit_status

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    # -- helpers for tests
    def query(self, msg: bytes, timeout: float = 2.0) -> bytes:
        """Send one request as the calling (root) process, return the reply."""
        return clif_request(self.netns_path, msg, timeout)

    def query_as(self, msg: bytes, uid: int = 65534, gid: int = 65534,
                 timeout: float = 2.0) -> dict:
        return clif_request_as(self.netns_path, msg, uid, gid, timeout)

    def client(self, timeout: float = 2.0) -> ClifClient:
        return ClifClient(self.netns_path, timeout)

    def nsenter_argv(self) -> list[str]:
        """Prefix to run a command in lldpad's network namespace."""
        return [_tool("nsenter"), f"--net={self.netns_path}", "--"]

    def log(self) -> str:
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode(errors="replace")
        except OSError:
            return ""

    def __repr__(self):
        return (f"<RealLldpad pid={self.pid} netns={self.netns_path} "
                f"startup={self.startup_seconds}>")


@contextlib.contextmanager
def real_lldpad(netns: str | int | None = None, veth=("veth0", "veth1"),
                args=("-t",), start_timeout: float = 10.0):
    """Start the real lldpad in a private mount+IPC namespace.

    netns: None -> a fresh network namespace (held for the whole `with`, so
           lldpad can be stopped/restarted inside it); a pid -> that process's
           netns (/proc/<pid>/ns/net); a path -> that netns file.
    veth:  (name, peer) to create (if missing) and bring up in the netns, or
           None.  Both ends stay in the same netns.
    args:  lldpad arguments (foreground; -t = no timestamps; e.g. add
           "-V", "7" for debug logging).

    Yields a started RealLldpad (pid, netns_path, startup_seconds, log_path,
    query(), query_as(), client(), stop(), start()).
    """
    if os.geteuid() != 0:
        raise PermissionError("real_lldpad needs root")
    if not os.access(LLDPAD_BIN, os.X_OK):
        raise FileNotFoundError(LLDPAD_BIN)
    if not os.path.isdir("/var/lib/lldpad"):
        raise FileNotFoundError("/var/lib/lldpad (mount point) missing")
    with contextlib.ExitStack() as stack:
        if netns is None:
            netns_path = stack.enter_context(fresh_netns())
            own_netns = True
        else:
            netns_path = f"/proc/{netns}/ns/net" if isinstance(netns, int) else str(netns)
            own_netns = False
        if veth:
            a, b = veth
            if not _link_exists(netns_path, a):
                netns_run(netns_path, [_tool("ip"), "link", "add", a, "type", "veth",
                                       "peer", "name", b])
                if not own_netns:
                    stack.callback(lambda: os.path.exists(netns_path) and netns_run(
                        netns_path, [_tool("ip"), "link", "del", a], check=False))
            for ifn in (a, b):
                netns_run(netns_path, [_tool("ip"), "link", "set", ifn, "up"])
        tmpdir = stack.enter_context(tempfile.TemporaryDirectory(prefix="lldpad-real-"))
        inst = RealLldpad(netns_path, args, os.path.join(tmpdir, "lldpad.log"),
                          start_timeout)
        stack.callback(inst.stop)
        inst.start()
        yield inst


if __name__ == "__main__":  # manual smoke test: python3 lldpad_real.py
    with real_lldpad() as lp:
        print(lp, "ping:", lp.ping_reply)
        print("A ->", lp.query(b"A"))
        print("C301010004veth0 ->", lp.query(b"C301010004veth0"))
        print("as nobody ->", lp.query_as(b"P"))
