# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""fcoemond start-up: HELLO, the sandbox it reports and really has, the
identity and descriptors of the monitor it spawns, command-line options."""

import errno
import os
import signal
import time
import socket
import subprocess

import pytest

import fcp
from conftest import (FCOEMOND, PRI_INFO, PRI_NOTICE, check_begin, check_end,
                      ctlr_dir, landlock_abi, nobody_ids, param_dir, proc_status)


def test_hello_reports_sandbox(act):
    r = act.hello_rep
    assert r.version == fcp.VERSION
    assert r.kif == fcp.KIF_BUS
    assert r.seccomp == fcp.SC_KILL
    assert r.landlock_abi > 0
    assert r.landlock_abi == landlock_abi()
    # and the audit trail says the same: caps, nnp, seccomp, landlock
    sb = act.audit.wait(event="sandbox")
    assert sb["caps"] == "net_admin,kill" and sb["nnp"] == "1", sb
    assert sb["seccomp"] == "kill", sb
    assert sb["landlock"] == str(r.landlock_abi), sb
    b = act.audit.wait(seq=1, phase="begin")
    assert b["op"] == "hello" and b.pri == PRI_INFO, b
    e = act.end_record(1)
    assert e["op"] == "hello" and e["result"] == "ok" and e["errno"] == "0", e
    assert e.pri == PRI_INFO, e


# "fcoe": the pre-2.6.39 fcoe module parameters, present but never used.
@pytest.mark.parametrize("kifs,want", [
    (("bus",), fcp.KIF_BUS), (("libfcoe",), fcp.KIF_LIBFCOE),
    (("fcoe",), fcp.KIF_NONE), ((), fcp.KIF_NONE),
    (("bus", "libfcoe", "fcoe"), fcp.KIF_BUS), (("libfcoe", "fcoe"), fcp.KIF_LIBFCOE)])
def test_hello_reports_detected_kernel_interface(lab, kifs, want):
    a = lab.start(kifs=kifs)
    assert a.hello().kif == want


def test_start_and_sandbox_audit_events(act):
    start = act.audit.wait(event="start")
    assert start.pri == PRI_NOTICE and start["seq"] == "0", start
    assert start.pid == act.pid, start
    sb = act.audit.wait(event="sandbox")
    assert sb.pri == PRI_NOTICE, sb
    assert sb["caps"] == "net_admin,kill" and sb["nnp"] == "1", sb
    assert sb["seccomp"] == "kill", sb
    assert sb["landlock"] == str(landlock_abi()), sb
    # every datagram on /dev/log comes from the actuator, with facility AUTHPRIV
    for r in act.audit.records:
        assert r.pid == act.pid, r
        assert r.pri is not None and r.pri >> 3 in (10, 3), r   # authpriv (daemon for log lines)
    for r in act.audit.audit():
        assert r.pri >> 3 == 10, f"audit record not AUTHPRIV: {r}"


@pytest.mark.parametrize("mode", ["trap", "log"])
def test_seccomp_debug_modes_reported(lab, mode):
    a = lab.start(args=[f"--seccomp={mode}"])
    r = a.hello()
    assert r.seccomp == {"trap": fcp.SC_TRAP, "log": fcp.SC_LOG}[mode]
    assert a.audit.wait(event="sandbox")["seccomp"] == mode


def test_actuator_privilege_state(act):
    st = proc_status(act.pid)
    assert st["Uid"].split() == ["0"] * 4, st["Uid"]
    assert st["Gid"].split() == ["0"] * 4, st["Gid"]
    assert st["Groups"] == "", st["Groups"]
    assert st["CapEff"] == "0000000000001020"   # CAP_NET_ADMIN, CAP_KILL
    assert st["CapPrm"] == "0000000000001020"
    assert st["CapInh"] == "0000000000000000"
    assert st["CapBnd"] == "0000000000000000"
    assert st["CapAmb"] == "0000000000000000"
    assert st["NoNewPrivs"] == "1"
    assert st["Seccomp"] == "2"


def test_monitor_privilege_state(act):
    uid, gid = nobody_ids()
    st = proc_status(act.driver_pid)
    assert st["Uid"].split() == [str(uid)] * 4, st["Uid"]
    assert st["Gid"].split() == [str(gid)] * 4, st["Gid"]
    assert st["Groups"] == "", st["Groups"]
    for c in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        assert st[c] == "0000000000000000", (c, st[c])
    assert st["NoNewPrivs"] == "1"
    assert int(st["PPid"]) == act.pid
    d = act.driver
    assert d["resuid"] == [uid] * 3 and d["resgid"] == [gid] * 3
    assert d["groups"] == []


def test_monitor_gets_only_fds_0_to_4_and_6_and_empty_environment(act):
    d = act.driver
    assert sorted(int(fd) for fd in d["fds"]) == [0, 1, 2, 3, 4, 6], d["fds"]
    for fd in "346":
        assert d["fds"][fd].startswith("socket:"), d["fds"]
    assert d["environ"] == [], d["environ"]
    assert d["argv"] == [act.driver_path, str(act.run / "ctrl.sock")]
    assert act.ipc.family == socket.AF_UNIX and act.ipc.type == socket.SOCK_SEQPACKET
    assert act.lldpad.family == socket.AF_UNIX and act.lldpad.type == socket.SOCK_DGRAM
    # the lldpad socket is autobound (an abstract name lldpad can answer to)
    name = act.lldpad.getsockname()
    assert isinstance(name, bytes) and name[:1] == b"\0" and len(name) > 1, name
    assert act.lldpad.getsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED) == 1
    # and nothing but those, seen from outside while it runs
    live = sorted(int(x) for x in os.listdir(f"/proc/{act.driver_pid}/fd"))
    own = set(live) - {0, 1, 2, 3, 4, 6}
    assert {0, 1, 2, 3, 4, 6} <= set(live) and len(own) == 1, live  # + its own control socket


def test_unknown_user_is_a_startup_error(lab):
    a = lab.start(user="fcit-no-such-user", wait_driver=False)
    assert a.wait() == 1
    assert "fcit-no-such-user" in a.stderr, a.stderr
    assert a.sysfs.take() == {}


def test_refuses_to_start_without_dev_log(lab):
    a = lab.start(log=False, wait_driver=False)
    assert a.wait() == 1, a.stderr
    assert a.stderr.strip(), "no message on stderr"


def test_version_option_on_host():
    if os.geteuid() != 0:
        pytest.skip("needs root")
    r = subprocess.run([str(FCOEMOND), "-V"], capture_output=True, text=True, timeout=10)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("fcoemond "), r.stdout
    assert any(l.startswith("seccomp: available") for l in lines), r.stdout
    assert f"landlock: abi {landlock_abi()}" in lines, r.stdout
    assert "kernel fcoe interface: none" in lines, r.stdout   # no fcoe modules on this host


@pytest.mark.parametrize("kifs,name", [(("bus",), "bus"), (("libfcoe",), "libfcoe"),
                                       (("fcoe",), "none"), ((), "none")])
def test_version_option_names_kernel_interface(lab, kifs, name):
    a = lab.start(kifs=kifs, args=["-V"], wait_driver=False)
    assert a.wait() == 0, a.stderr
    assert f"kernel fcoe interface: {name}" in a.stdout.splitlines(), a.stdout
    assert a.sysfs.take() == {}


def test_dump_policy():
    if os.geteuid() != 0:
        pytest.skip("needs root")
    r = subprocess.run([str(FCOEMOND), "--dump-policy"], capture_output=True,
                       text=True, timeout=10)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "ioctl" in out and "openat" in out, out
    for p in ("/sys/bus/fcoe", "/sys/module/libfcoe/parameters"):
        assert p in out, out
    assert "/sys/module/fcoe/" not in out, out      # pre-2.6.39: not written
    for forbidden in ("execve", "ptrace", "fork"):
        assert f"allow {forbidden} " not in out, out


def test_audit_end_record_field_order(act):
    """SECURITY.md §4 order: ... ARGS kif= [obj=] result= errno= dur_us=."""
    m = act.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0"))
    assert m.status == 0
    b = act.begin_records(m.seq)
    assert len(b) == 1
    check_begin(b[0], op="fcoe_create", args=[("ifname", "veth0"), ("mode", "fabric")],
                order=True)
    check_end(act.end_record(m.seq), op="fcoe_create",
              args=[("ifname", "veth0"), ("mode", "fabric")], kif="bus",
              result="ok", err=0, obj="ctlr_0", order=True)


def test_request_refused_when_begin_record_cannot_be_sent(act):
    act.audit.close()           # /dev/log goes away: the actuator's send fails
    m = act.request(fcp.FCOE_ENABLE, fcp.ifreq("veth0"))
    assert m.status == errno.EIO, m
    assert act.sysfs.take() == {}
    assert act.alive()


def test_forced_kernel_interface(lab):
    a = lab.start(kifs=("bus", "libfcoe"), args=["--kernel-if=libfcoe"])
    a.hello()
    m = a.request(fcp.FCOE_CREATE, fcp.fcoe_create("veth0"))
    assert m.status == 0, m
    assert a.sysfs.take() == {f"{param_dir('libfcoe')}/create": b"veth0"}
    assert a.end_record(m.seq)["kif"] == "libfcoe"


def test_old_fcoe_module_parameters_are_never_written(lab):
    """Only the pre-2.6.39 fcoe module's parameters: every operation is
    ENOPKG, nothing is written there, and it cannot be forced."""
    a = lab.start(kifs=("fcoe",))
    a.hello()
    for t, p in ((fcp.FCOE_CREATE, fcp.fcoe_create("veth0")),
                 (fcp.FCOE_DESTROY, fcp.ifreq("veth0")),
                 (fcp.FCOE_ENABLE, fcp.ifreq("veth0"))):
        m = a.request(t, p)
        assert m.status == errno.ENOPKG, m
        assert a.end_record(m.seq)["kif"] == "none"
    assert a.sysfs.take() == {}
    r = subprocess.run([str(FCOEMOND), "--kernel-if=fcoe", "-V"],
                       capture_output=True, text=True, timeout=10)
    assert r.returncode == 1, r
    assert "unknown value 'fcoe'" in r.stderr, r.stderr


def test_detection_prefers_bus(lab):
    a = lab.start(kifs=("bus", "libfcoe", "fcoe"))
    a.hello()
    m = a.request(fcp.FCOE_ENABLE, fcp.ifreq("veth0"))
    assert m.status == 0, m
    assert a.sysfs.take() == {f"{ctlr_dir()}/enabled": b"1"}


def test_detection_is_per_request(lab):
    """The kernel interface is detected at each request, not at start-up."""
    a = lab.start(kifs=("libfcoe",))
    assert a.hello().kif == fcp.KIF_LIBFCOE
    m = a.request(fcp.FCOE_DESTROY, fcp.ifreq("veth0"))
    assert m.status == 0 and a.sysfs.take() == {f"{param_dir('libfcoe')}/destroy": b"veth0"}
    a.sysfs.remove("/sys/module/libfcoe")
    a.sysfs.take()                      # our own deletions
    m = a.request(fcp.FCOE_DESTROY, fcp.ifreq("veth0"))
    assert m.status == errno.ENOPKG, m
    assert a.end_record(m.seq)["kif"] == "none"
    assert a.sysfs.take() == {}


def test_hello_reports_forced_kernel_interface(lab):
    """HELLO says which interface requests will use: the forced one."""
    a = lab.start(kifs=("bus", "libfcoe"), args=["--kernel-if=libfcoe"])
    assert a.hello().kif == fcp.KIF_LIBFCOE


def test_debug_option_echoes_audit_on_stderr(lab):
    a = lab.start(args=["-d"])
    a.hello()
    end = a.end_record(1)
    assert end.msg in a.stderr, a.stderr


def test_daemonizes_without_f(lab):
    """Without -f the started process returns 0 once the monitor's HELLO was
    served and the daemon goes on in its own session, stdio on /dev/null,
    sandboxed, serving requests."""
    a = lab.start(foreground=False)
    assert a.proc.poll() is None, "returned before start-up was checked"
    r = a.hello()
    assert a.proc.wait(timeout=5) == 0
    daemon = int(proc_status(a.driver_pid)["PPid"])
    assert daemon != a.pid
    try:
        st = proc_status(daemon)
        assert st["Seccomp"] == "2" and st["NoNewPrivs"] == "1", st
        assert os.getsid(daemon) == daemon, "not a session leader"
        for fd in (0, 1, 2):
            assert os.readlink(f"/proc/{daemon}/fd/{fd}") == "/dev/null"
        assert r.kif == 1
        a.driver_send({"cmd": "exit", "status": 0})
        a.close_monitor_fds()           # pytest's copies would keep fd 3 open
        end = time.monotonic() + 5
        while os.path.exists(f"/proc/{daemon}") and time.monotonic() < end:
            try:
                os.waitpid(daemon, os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.02)
        assert not os.path.exists(f"/proc/{daemon}"), "daemon outlived its monitor"
    finally:
        if os.path.exists(f"/proc/{daemon}"):
            os.kill(daemon, signal.SIGKILL)
