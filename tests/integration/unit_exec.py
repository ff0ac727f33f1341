#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Runs a program under the restrictions etc/fcoemond.service.in asks the
kernel for, as systemd 252 would set them up just before exec:

    unit_exec.py [--mounts] UNIT -- PROGRAM ARGS...

  CapabilityBoundingSet=, NoNewPrivileges=, AmbientCapabilities=
      through setpriv(1), re-exec'ing this script under it;
  SystemCallFilter= (systemd's semantics: @default is implied by an allow
      list, "~" lines remove, later plain lines add back; groups expanded by
      `systemd-analyze syscall-filter`), SystemCallErrorNumber=,
      RestrictAddressFamilies=, MemoryDenyWriteExecute=
      as one seccomp filter loaded through libseccomp.

With --mounts (in a private mount namespace, as root), also the file system
view: ProtectSystem=strict makes / read-only, ProtectKernelTunables= /sys
and /proc/sys, each ReadWritePaths= entry is bind-mounted onto itself first
so it stays writable ("-": skipped when absent, else an error, as systemd
does), RuntimeDirectory= is made under /run and stays writable,
ReadOnlyPaths= are read-only, ProcSubset=pid and ProtectProc= mount a /proc of that kind.  This is
an emulation of what the unit asks for, with the paths of the test's own
/sys; whether systemd builds the same view needs systemd as PID 1.
"""

import ctypes
import errno
import os
import re
import socket
import subprocess
import sys

PROT_WRITE, PROT_EXEC = 0x2, 0x4
SCMP_CMP_EQ, SCMP_CMP_MASKED_EQ = 4, 7
SCMP_ACT_ALLOW = 0x7FFF0000
NR_ERROR = -1


def scmp_act_errno(e):
    return 0x00050000 | (e & 0xFFFF)


class ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int),
                ("a", ctypes.c_uint64), ("b", ctypes.c_uint64)]


def unit_settings(path):
    """[(key, value)] of the unit, in order, continuation lines joined."""
    out, text = [], open(path).read().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.strip()
        if line and line[0] not in "#;[" and "=" in line:
            k, v = line.split("=", 1)
            out.append((k.strip(), v.strip()))
    return out


def syscall_groups():
    out = subprocess.run(["systemd-analyze", "syscall-filter", "--no-pager"],
                         check=True, capture_output=True, text=True).stdout
    groups, cur = {}, None
    for line in out.splitlines():
        if line.startswith("@"):
            cur = groups.setdefault(line.strip(), [])
        elif cur is not None and line.strip() and not line.strip().startswith("#"):
            cur.append(line.strip())
    return groups


def expand(names, groups, seen=None):
    seen = set() if seen is None else seen
    out = set()
    for n in names:
        if n.startswith("@"):
            if n in seen:
                continue
            seen.add(n)
            if n not in groups:
                raise SystemExit(f"unit_exec: unknown syscall group {n}")
            out |= expand(groups[n], groups, seen)
        else:
            out.add(n)
    return out


def allowed_syscalls(settings):
    groups = syscall_groups()
    allow = None
    for k, v in settings:
        if k != "SystemCallFilter":
            continue
        deny = v.startswith("~")
        names = expand(v.lstrip("~").split(), groups)
        if allow is None:
            if deny:
                raise SystemExit("unit_exec: deny-list filters not emulated")
            allow = expand(["@default"], groups)
        allow = allow - names if deny else allow | names
    return allow


def families(settings):
    fams = None
    for k, v in settings:
        if k == "RestrictAddressFamilies":
            fams = [getattr(socket, f) for f in v.split()]
    return fams


def load_filter(settings):
    lib = ctypes.CDLL("libseccomp.so.2", use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32,
                                           ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(ArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    err = dict(settings).get("SystemCallErrorNumber", "EPERM")
    ctx = lib.seccomp_init(scmp_act_errno(getattr(errno, err)))
    if not ctx:
        raise SystemExit("unit_exec: seccomp_init failed")

    def rule(name, *cmps):
        nr = lib.seccomp_syscall_resolve_name(name.encode())
        if nr == NR_ERROR:
            return          # unknown to this libseccomp/arch, as systemd does
        arr = (ArgCmp * max(len(cmps), 1))(*cmps)
        rc = lib.seccomp_rule_add_array(ctypes.c_void_p(ctx), SCMP_ACT_ALLOW,
                                        nr, len(cmps), arr)
        if rc not in (0, -errno.EEXIST):
            raise SystemExit(f"unit_exec: rule for {name}: {rc}")

    mdwe = dict(settings).get("MemoryDenyWriteExecute") == "yes"
    fams = families(settings)
    conditional = {"socket"} if fams is not None else set()
    if mdwe:
        conditional |= {"mmap", "mmap2", "mprotect", "pkey_mprotect"}
    allow = allowed_syscalls(settings)
    for name in sorted(allow - conditional):
        rule(name)
    if fams is not None and "socket" in allow:
        for f in fams:
            rule("socket", ArgCmp(0, SCMP_CMP_EQ, int(f), 0))
    if mdwe:
        wx = PROT_WRITE | PROT_EXEC
        for name in ("mmap", "mmap2"):
            if name in allow:
                for ok in (0, PROT_WRITE, PROT_EXEC):
                    rule(name, ArgCmp(2, SCMP_CMP_MASKED_EQ, wx, ok))
        for name in ("mprotect", "pkey_mprotect"):
            if name in allow:
                rule(name, ArgCmp(2, SCMP_CMP_MASKED_EQ, PROT_EXEC, 0))
    if lib.seccomp_load(ctypes.c_void_p(ctx)) != 0:
        raise SystemExit("unit_exec: seccomp_load failed")


def mount(*args):
    subprocess.run(["mount", *args], check=True)


def is_mountpoint(path):
    """From mountinfo: os.path.ismount() compares devices, and the test's
    /sys is a bind mount from the same file system as /."""
    with open("/proc/self/mountinfo") as f:
        return any(line.split()[4] == path for line in f)


def runtime_dirs(settings):
    """RuntimeDirectory=: systemd makes /run/NAME (RuntimeDirectoryMode=,
    0755 by default) before it builds the namespace; it is writable there
    whatever ProtectSystem= or ReadOnlyPaths= say of /run."""
    d = dict(settings)
    mode = int(d.get("RuntimeDirectoryMode", "0755"), 8)
    out = []
    for name in (n for k, v in settings if k == "RuntimeDirectory"
                 for n in v.split()):
        p = os.path.join("/run", name)
        os.makedirs(p, exist_ok=True)
        os.chmod(p, mode)
        out.append(p)
    return out


def apply_mounts(settings):
    d = dict(settings)
    rw = runtime_dirs(settings)
    rw += [p for k, v in settings if k == "ReadWritePaths" for p in v.split()]
    if d.get("ProcSubset") == "pid" or d.get("ProtectProc", "default") != "default":
        opts = []
        if d.get("ProcSubset") == "pid":
            opts.append("subset=pid")
        if d.get("ProtectProc", "default") != "default":
            opts.append("hidepid=" + d["ProtectProc"])
        mount("-t", "proc", "-o", ",".join(opts), "proc", "/proc")
    ro = []
    if d.get("ProtectSystem") == "strict":
        ro.append("/")
    ro += [p for k, v in settings if k == "ReadOnlyPaths" for p in v.split()]
    if d.get("ProtectKernelTunables") == "yes":
        ro += ["/sys", "/proc/sys"]
    for p in rw:
        optional, p = p.startswith("-"), p.lstrip("-")
        if not os.path.exists(p):
            if optional:
                continue
            raise SystemExit(f"unit_exec: ReadWritePaths={p}: does not exist")
        mount("--bind", p, p)
    for p in ro:
        if os.path.exists(p):
            if not is_mountpoint(p):
                mount("--bind", p, p)
            mount("-o", "remount,bind,ro", p)


def setpriv_argv(settings):
    d = dict(settings)
    caps = d.get("CapabilityBoundingSet", "").split()
    bset = ",".join(["-all"] + ["+" + c.lower().removeprefix("cap_")
                                for c in caps])
    argv = ["setpriv", f"--bounding-set={bset}", "--inh-caps=-all"]
    if d.get("AmbientCapabilities", "") == "":
        argv.append("--ambient-caps=-all")
    if d.get("NoNewPrivileges") == "yes":
        argv.append("--no-new-privs")
    return argv


def main():
    args = sys.argv[1:]
    mounts = args[:1] == ["--mounts"]
    if mounts:
        args = args[1:]
    if len(args) < 3 or args[1] != "--":
        raise SystemExit("usage: unit_exec.py [--mounts] UNIT -- PROGRAM ARGS...")
    unit, prog = args[0], args[2:]
    settings = unit_settings(unit)
    if os.environ.get("UNIT_EXEC_STAGE") != "filter":
        if mounts:
            apply_mounts(settings)
        os.environ["UNIT_EXEC_STAGE"] = "filter"
        os.execvp("setpriv", setpriv_argv(settings) +
                  [sys.executable, os.path.abspath(__file__), unit, "--",
                   *prog])
    del os.environ["UNIT_EXEC_STAGE"]
    load_filter(settings)
    os.execv(prog[0], prog)


if __name__ == "__main__":
    main()
