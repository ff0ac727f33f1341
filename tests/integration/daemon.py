# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""The whole daemon under test: build/fcoemond spawning the real
build/fcoemond-monitor, in a fresh network namespace and a private mount
namespace (the fake FCoE sysfs over /sys, /dev/log bound to pytest), with
the cfg files of the test in a directory of its own.

    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")      # the actuator's audit record
    d.wait_log(r"veth0: FCoE instance created")

The actuator audits every request, so what the monitor asked for is read
from the audit records (op, ifname, result, errno); the monitor's own
syslog lines arrive on the same socket.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from pathlib import Path

from conftest import (ENV, FCOEMOND, ROOT, _SETUP, AuditLog, FakeSysfs,
                      _nobody_can_exec)

MONITOR = Path(os.environ.get("FCOEMOND_MONITOR",
                              ROOT / "build" / "fcoemond-monitor"))
MON_RE = re.compile(r"^<(\d+)>(?:\w{3} [ \d]\d \d\d:\d\d:\d\d )?"
                    r"fcoemond-monitor\[(\d+)\]: (.*)$", re.S)

CFG_NO_DCB = 'FCOE_ENABLE="yes"\nDCB_REQUIRED="no"\n'
CFG_DCB = 'FCOE_ENABLE="yes"\nDCB_REQUIRED="yes"\n'
CFG_VN2VN = 'FCOE_ENABLE="yes"\nDCB_REQUIRED="no"\nMODE="vn2vn"\n'
CFG_OFF = 'FCOE_ENABLE="no"\nDCB_REQUIRED="no"\n'


class Daemon:
    def __init__(self, lab, cfg: dict, *, netns=None, kifs=("libfcoe",),
                 ctlrs=None, netdevs=("lo", "veth0", "veth1"), args=(),
                 margs=("-d",), prepare=None, start=True, listen=None,
                 setup=""):
        self.lab = lab
        self.run = Path(tempfile.mkdtemp(prefix="fcmon-"))
        os.chmod(self.run, 0o755)
        lab.cleanups.append(lambda: shutil.rmtree(self.run, ignore_errors=True))
        (self.run / "dev").mkdir()
        self.sysfs = FakeSysfs(self.run / "sys", kifs=kifs,
                               ctlrs={} if ctlrs is None else ctlrs,
                               netdevs=netdevs)
        lab.cleanups.append(self.sysfs.close)
        self.sysfs.take()
        if prepare:
            prepare(self.sysfs)
        self.log = AuditLog(str(self.run / "log.sock"))
        lab.cleanups.append(lambda: self.log.close() if not self.log._stop else None)
        self.netns = netns if netns is not None else lab.netns()
        self.cfgdir = self.run / "fcoe"
        self.cfgdir.mkdir(mode=0o755)
        for name, text in cfg.items():
            self.write_cfg(name, text)
        mon = MONITOR
        if not _nobody_can_exec(mon):
            mon = self.run / "fcoemond-monitor"
            shutil.copy(MONITOR, mon)
            os.chmod(mon, 0o755)
        self.argv = [str(FCOEMOND), "-f", "--monitor", str(mon), "--user",
                     "nobody", *args, "--", "-c", str(self.cfgdir), *margs]
        self.proc = None
        # a socket handed over as systemd would, or [(socket, name)...]
        # passed with LISTEN_FDNAMES
        self.listen = listen
        self.setup = setup          # shell run as root before fcoemond
        if start:
            self.start()

    # -- config
    def write_cfg(self, name, text):
        p = self.cfgdir / f"cfg-{name}"
        p.write_text(text)
        os.chmod(p, 0o644)

    def remove_cfg(self, name):
        (self.cfgdir / f"cfg-{name}").unlink()

    # -- process
    def start(self):
        # Socket activation: fd 3, LISTEN_FDS=1, LISTEN_PID of the shell
        # that execs fcoemond (so, fcoemond's own pid).
        socks = self.listen if isinstance(self.listen, list) else \
            [(self.listen, None)] if self.listen else []
        extra = self.setup + "\n"
        if socks:
            extra += f"export LISTEN_PID=$$ LISTEN_FDS={len(socks)}\n"
        if any(name for _, name in socks):
            extra += "export LISTEN_FDNAMES=" + ":".join(n for _, n in socks)
        script = _SETUP % {"extra": extra}
        kw = {}
        if socks:
            fds = [sk.fileno() for sk, _ in socks]

            def move():
                tmp = [os.dup(fd) for fd in fds]
                for i, fd in enumerate(tmp):
                    os.dup2(fd, 3 + i)
            kw = dict(pass_fds=tuple(range(3, 3 + len(fds))),
                      preexec_fn=move)
        self.stderr_path = self.run / "stderr"
        with open(self.stderr_path, "wb") as se:
            self.proc = subprocess.Popen(
                ["nsenter", f"--net={self.netns.path}", "--",
                 "unshare", "--mount", "--propagation", "private", "--",
                 "sh", "-c", script, "fcmon-setup", str(self.run), *self.argv],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=se, env=ENV, **kw)
        self.lab.cleanups.append(self.kill)
        # fcoectl finds /run/fcoemond/ctl in the daemon's mount namespace
        self.netns.mnt_pid = self.proc.pid
        return self

    @property
    def ctl_path(self):
        """/run/fcoemond/ctl of the daemon's mount namespace, as pytest
        (root, in the host's) reaches it."""
        return f"/proc/{self.proc.pid}/root/run/fcoemond/ctl"

    @property
    def stderr(self):
        return self.stderr_path.read_text(errors="replace")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def signal(self, sig):
        self.proc.send_signal(sig)

    def wait(self, timeout=5.0):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"fcoemond still running after {timeout}s\n"
                                 + self.context())

    def monitor_pid(self):
        """From the actuator's start record."""
        return int(self.log.wait(event="start")["pid"])

    def alive(self):
        return self.proc.poll() is None

    def context(self):
        return f"stderr:\n{self.stderr}\nlog:\n{self.log.dump()}"

    # -- what happened
    def lines(self, max_level=7):
        """The monitor's syslog lines, in order; max_level 6 leaves out
        debug lines (syslog severity: 7 debug, 6 info, ...)."""
        out = []
        with self.log.cond:
            for r in self.log.records:
                m = MON_RE.match(r.raw.decode("utf-8", "replace"))
                if m and int(m.group(1)) & 7 <= max_level:
                    out.append(m.group(3))
        return out

    def wait_log(self, pattern, timeout=5.0, after=0):
        """Index and text of the first monitor line (from index `after`)
        matching the regex."""
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        while True:
            ls = self.lines()
            for i in range(after, len(ls)):
                if rx.search(ls[i]):
                    return i, ls[i]
            if time.monotonic() > end:
                raise AssertionError(f"no monitor line matching {pattern!r} "
                                     f"within {timeout}s\n" + self.context())
            if not self.alive():
                raise AssertionError(f"fcoemond exited ({self.proc.returncode}) "
                                     f"waiting for {pattern!r}\n" + self.context())
            time.sleep(0.02)

    def ops(self, op=None, ifname=None):
        """End records of the FCoE requests, in order: [(op, ifname, errno)]."""
        out = []
        for r in self.log.audit():
            if r.get("phase") != "end" or not r.get("op", "").startswith("fcoe_"):
                continue
            if op and r["op"] != op or ifname and r.get("ifname") != ifname:
                continue
            out.append((r["op"], r.get("ifname"), int(r["errno"])))
        return out

    def wait_op(self, op, ifname, count=1, timeout=5.0):
        end = time.monotonic() + timeout
        while len(self.ops(op, ifname)) < count:
            if time.monotonic() > end:
                raise AssertionError(f"no {count}x {op} {ifname} within {timeout}s; "
                                     f"ops: {self.ops()}\n" + self.context())
            if not self.alive():
                raise AssertionError(f"fcoemond exited ({self.proc.returncode})\n"
                                     + self.context())
            time.sleep(0.02)
        return self.ops(op, ifname)[count - 1]

    def settle(self, quiet=0.5, timeout=10.0):
        """Wait until no new record arrived for `quiet` seconds."""
        end = time.monotonic() + timeout
        n, last = -1, time.monotonic()
        while time.monotonic() < end:
            k = len(self.log.records)
            if k != n:
                n, last = k, time.monotonic()
            elif time.monotonic() - last >= quiet:
                return
            time.sleep(0.05)

    def sh(self, script):
        return self.netns.sh(script)
