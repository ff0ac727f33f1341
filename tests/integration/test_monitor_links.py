# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""The whole daemon on real veth links: what the monitor asks the actuator
to do as links come, go and flap (doc/design.md "Engine: decisions",
doc/kernel.md "fcoemon: port actions"), with the legacy
kernel interface (/sys/module/libfcoe/parameters) of the fake sysfs, so each
operation is one observable write."""

import errno
import os
import signal
import socket
import struct
import time

import pytest

import ctlrec
from conftest import kernel_has_vlan, proc_status
from daemon import CFG_DCB, CFG_NO_DCB, CFG_OFF, CFG_VN2VN, Daemon

P = "/sys/module/libfcoe/parameters"


def writes(d):
    """{path: bytes} written since the last call, empty files left out."""
    return {k: v for k, v in d.sysfs.take().items() if v}


def test_ready_before_link_up_when_administratively_down(lab):
    """fcoemond(8) "What exists when": veth0 administratively down at
    start-up, the instance is made disabled (libfcoe: create, then
    disable): an enable written now would start FCoE on the down device
    (the kernel's link test ignores IFF_UP); link-up costs one enable."""
    ns = lab.netns()
    ns.sh("ip link set veth0 down")
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns)
    assert d.wait_op("fcoe_create", "veth0") == ("fcoe_create", "veth0", 0)
    d.settle()
    assert writes(d) == {f"{P}/create": b"veth0", f"{P}/disable": b"veth0"}
    d.wait_log(r"veth0: FCoE instance created, fabric mode, disabled until "
               r"link-up \(link down\)")
    assert d.ops() == [("fcoe_create", "veth0", 0)]
    ns.sh("ip link set veth0 up")
    assert d.wait_op("fcoe_enable", "veth0") == ("fcoe_enable", "veth0", 0)
    d.settle()
    assert writes(d) == {f"{P}/enable": b"veth0"}
    # at link-up, or -- up, its carrier not yet -- half a second after
    # IFF_UP (armed: the kernel starts it at carrier-up)
    d.wait_log(r"veth0: FCoE instance enabled( \(link up, DCB not required\)"
               r"|; the kernel starts it at link-up \(link down\))$")
    # enabled now: an administrative down and up sends nothing
    ns.sh("ip link set veth0 down")
    d.wait_log(r"veth0: link down -> armed")
    time.sleep(1.0)
    ns.sh("ip link set veth0 up")
    d.settle(quiet=1.0)
    assert [o for o, _, _ in d.ops()] == ["fcoe_create", "fcoe_enable"]


def test_armed_before_link_up(lab):
    """fcoemond(8) "What exists when": veth0 up without a carrier (its
    peer down) at start-up, the instance is made enabled ("armed":
    libfcoe's create, nothing else) once the link has been down half a
    second; link-up costs no request, as the kernel starts an enabled
    instance itself."""
    ns = lab.netns()
    ns.sh("ip link set veth1 down")
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns)
    assert d.wait_op("fcoe_create", "veth0") == ("fcoe_create", "veth0", 0)
    d.settle()
    assert writes(d) == {f"{P}/create": b"veth0"}
    d.wait_log(r"veth0: FCoE instance created, fabric mode; enabled, the "
               r"kernel starts it at link-up \(link down\)")
    assert d.ops() == [("fcoe_create", "veth0", 0)]
    ns.sh("ip link set veth1 up")
    d.wait_log(r"veth0: link up, DCB not required -> create or enable")
    d.settle(quiet=1.0)
    assert writes(d) == {}
    assert d.ops() == [("fcoe_create", "veth0", 0)]


def test_added_and_deleted_at_once_gets_no_write(lab):
    """An interface that is deleted within half a second of being added
    is never written to: the instance made before link-up waits that long
    (the kernel may be unregistering the device)."""
    d = Daemon(lab, {"veth0": CFG_NO_DCB, "veth9": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    d.settle()
    d.sh("ip link add veth9 type veth peer name veth8 && ip link del veth9")
    d.settle(quiet=1.0)
    assert [(o, i) for o, i, _ in d.ops()] == [("fcoe_create", "veth0")]
    d.sh("ip link add veth9 type veth peer name veth8")
    assert d.wait_op("fcoe_create", "veth9") == ("fcoe_create", "veth9", 0)


def test_create_on_link_up(lab):
    """Up at start-up: one create that starts the instance."""
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    assert d.wait_op("fcoe_create", "veth0") == ("fcoe_create", "veth0", 0)
    d.settle()
    assert writes(d) == {f"{P}/create": b"veth0"}
    d.wait_log(r"veth0: FCoE instance created, fabric mode \(link up, DCB not required\)")
    assert d.ops() == [("fcoe_create", "veth0", 0)]


def test_vn2vn_mode(lab):
    d = Daemon(lab, {"veth0": CFG_VN2VN})
    d.wait_op("fcoe_create", "veth0")
    d.settle()
    assert writes(d) == {f"{P}/create_vn2vn": b"veth0"}


def test_flap_keeps_the_instance_armed(lab):
    """DCB not required: a flap longer than the half-second settle sends
    nothing at all -- no fcoe_disable, no fcoe_enable in the actuator's
    audit records, no write -- and never destroys: the instance stays
    enabled and the kernel takes its FCoE link down and up itself."""
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    d.settle()
    writes(d)
    for i in range(1, 4):
        n = len(d.lines())
        d.sh("ip link set veth1 down")        # veth0 loses its carrier
        d.wait_log(r"veth0: link down -> armed: enabled, the kernel starts "
                   r"it at link-up", after=n)
        time.sleep(1.0)                       # twice the settle
        d.signal(signal.SIGUSR1)
        d.wait_log(r"status: veth0 real=veth0 link=down instance=enabled "
                   r"last=create: armed: link down on veth0; enabled, the "
                   r"kernel starts it at link-up", after=n)
        n = len(d.lines())
        d.sh("ip link set veth1 up")
        d.wait_log(r"veth0: link up, DCB not required -> create or enable",
                   after=n)
    d.settle(quiet=1.0)
    assert d.ops() == [("fcoe_create", "veth0", 0)], d.context()
    assert d.ops("fcoe_disable") == [] and d.ops("fcoe_enable") == []
    assert writes(d) == {}
    assert not [l for l in d.lines() if "FCoE instance disabled" in l]


def test_destroy_on_delete_and_create_when_back(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    d.sh("ip link set veth1 down")
    d.wait_log(r"veth0: link down -> armed")
    d.settle(quiet=1.0)                   # armed: nothing to disable
    d.sh("ip link del veth0")
    # DELLINK: destroy.  The kernel took the instance with the netdev, so
    # ENODEV is expected and is not reported as an error.
    assert d.wait_op("fcoe_destroy", "veth0") == ("fcoe_destroy", "veth0",
                                                   errno.ENODEV)
    i, _ = d.wait_log(r"veth0: interface removed -> destroy")
    d.wait_log(r"veth0: interface gone; its FCoE instance went with it", after=i)
    # Back, administratively down: made disabled after the settle; up:
    # one enable.
    d.sh("ip link add veth0 type veth peer name veth1")
    d.wait_op("fcoe_create", "veth0", count=2)
    d.sh("ip link set veth0 up && ip link set veth1 up")
    d.wait_op("fcoe_enable", "veth0")
    d.settle()
    assert [o for o, _, _ in d.ops()] == ["fcoe_create", "fcoe_destroy",
                                          "fcoe_create", "fcoe_enable"]
    assert not any("failed" in l for l in d.lines())


def test_delete_while_up_loses_nothing(lab):
    """Deleting an up link: whichever request meets the missing device
    first, the instance counts as gone and comes back with the link."""
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    d.sh("ip link del veth0")
    d.wait_log(r"veth0: interface gone; its FCoE instance went with it")
    d.sh("ip link add veth0 type veth peer name veth1 && ip link set veth0 up "
         "&& ip link set veth1 up")
    d.wait_op("fcoe_create", "veth0", count=2)
    assert not any("failed" in l for l in d.lines())


def test_rename_away_is_a_delete(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    # In two steps, the rename after the link-down's settle time (armed:
    # nothing is sent for the link-down itself).
    d.sh("ip link set veth0 down")
    d.wait_log(r"veth0: link down -> armed")
    d.settle(quiet=1.0)
    d.sh("ip link set veth0 name other0")
    d.wait_op("fcoe_destroy", "veth0")
    assert [o for o, _, _ in d.ops()] == ["fcoe_create", "fcoe_destroy"]


def test_failed_create_is_not_remembered(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB},
               prepare=lambda s: s.chmod(f"{P}/create", 0o000))
    assert d.wait_op("fcoe_create", "veth0") == ("fcoe_create", "veth0",
                                                 errno.EACCES)
    d.wait_log(r"veth0: create failed: Permission denied .*not created, "
               r"tried again on the next link or DCB event")
    d.sysfs.chmod(f"{P}/create", 0o200)
    writes(d)
    t = time.monotonic()
    d.sh("ip link set veth1 down")
    # Never created, so nothing to disable on link down; the link was up,
    # so the instance is made (armed) only after the half-second settle.
    assert d.wait_op("fcoe_create", "veth0", count=2) == ("fcoe_create",
                                                          "veth0", 0)
    assert time.monotonic() - t >= 0.5
    d.settle()
    assert writes(d) == {f"{P}/create": b"veth0"}
    d.sh("ip link set veth1 up")
    d.settle(quiet=1.0)
    assert [o for o, _, _ in d.ops()] == ["fcoe_create", "fcoe_create"]


def test_fcoe_enable_no_makes_nothing(lab):
    d = Daemon(lab, {"veth0": CFG_OFF})
    d.wait_log(r"sandbox: ")
    # Down for longer than the link-down settle (0.5 s), so that a
    # disable would be due if the entry were on.
    d.sh("ip link set veth1 down && sleep 1 && ip link set veth1 up")
    d.settle()
    assert d.ops() == []


def _ctlr(enabled):
    def prep(s):
        s.host_path("/sys/devices/virtual/net/veth0/ctlr_0/enabled").write_bytes(enabled)
    return prep


def test_adopts_running_instance(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, ctlrs={"veth0": (0, 2)},
               prepare=_ctlr(b"1\n"))
    d.wait_log(r"veth0: adopted the existing FCoE instance \(enabled\)")
    d.settle()
    assert d.ops() == [], "a running instance is adopted, not re-created"
    d.sh("ip link set veth1 down")        # armed: kept enabled
    d.wait_log(r"veth0: link down -> armed")
    d.settle(quiet=1.0)
    assert d.ops() == []


def test_adopted_disabled_instance_is_enabled(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, ctlrs={"veth0": (0, 2)},
               prepare=_ctlr(b"0\n"))
    d.wait_log(r"veth0: adopted the existing FCoE instance \(disabled\)")
    d.wait_op("fcoe_enable", "veth0")
    d.settle()
    assert [o for o, _, _ in d.ops()] == ["fcoe_enable"]


def test_adopted_instance_with_fcoe_enable_no_is_destroyed(lab):
    d = Daemon(lab, {"veth0": CFG_OFF}, ctlrs={"veth0": (0, 2)},
               prepare=_ctlr(b"1\n"))
    d.wait_op("fcoe_destroy", "veth0")
    d.wait_log(r"veth0: FCoE instance destroyed \(FCOE_ENABLE is not yes\)")


def test_unconfigured_interfaces_are_left_alone(lab):
    d = Daemon(lab, {"veth1": CFG_NO_DCB}, ctlrs={"veth0": (0, 2)},
               prepare=_ctlr(b"1\n"))
    d.wait_op("fcoe_create", "veth1")
    d.sh("ip link set veth0 down")
    d.wait_log(r"veth1: link down -> armed")
    d.settle(quiet=1.0)
    d.sh("ip link set veth0 up")
    d.wait_log(r"veth1: link up, DCB not required -> create or enable")
    d.settle()
    # veth1 flaps with its peer (armed: nothing sent); veth0's own
    # instance is never touched.
    assert d.ops() == [("fcoe_create", "veth1", 0)]


def test_sigterm_leaves_instances_up(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    d.signal(signal.SIGTERM)
    assert d.wait() == 0
    d.wait_log(r"exiting on signal 15; FCoE instances stay up")
    assert [o for o, _, _ in d.ops()] == ["fcoe_create"]


def test_monitor_exits_when_actuator_dies(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    rec = d.log.wait(event="start")
    mpid = int(rec["pid"])
    d.kill()                      # SIGKILL: no relay, no shutdown record
    end = time.monotonic() + 5
    st = None
    while st is None and time.monotonic() < end:
        try:
            p, w = os.waitpid(mpid, os.WNOHANG)   # pytest is the subreaper
            st = w if p == mpid else None
        except ChildProcessError:
            break
        time.sleep(0.02)
    assert not os.path.exists(f"/proc/{mpid}"), "monitor outlived the actuator"
    # Either it read EOF on fd 3 first (the kernel closes the dead
    # actuator's files before it signals its children) and said so, or
    # PDEATHSIG killed it (SIGKILL, across the uid change: the actuator
    # keeps CAP_KILL).
    if st is not None and os.WIFSIGNALED(st):
        assert os.WTERMSIG(st) == signal.SIGKILL, st
    else:
        d.wait_log(r"the actuator is gone; exiting")


def test_monitor_sandbox(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    mpid = int(d.log.wait(event="start")["pid"])
    st = proc_status(mpid)
    assert st["Uid"].split()[:3] == ["65534"] * 3
    for cap in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        assert int(st[cap], 16) == 0, (cap, st[cap])
    assert st["NoNewPrivs"] == "1" and st["Seccomp"] == "2"
    d.wait_log(r"sandbox: no capabilities, seccomp kill, landlock on")


def test_seccomp_trap_mode_full_cycle(lab):
    """Every call a full create/flap/delete/reload cycle makes is allowed:
    in trap mode a forbidden one would be named on stderr and kill it."""
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, args=["--seccomp=trap"])
    d.wait_op("fcoe_create", "veth0")
    d.sh("ip link set veth1 down")
    d.wait_log(r"veth0: link down -> armed")
    time.sleep(1.0)                       # past the settle: its timer ran
    d.sh("ip link set veth1 up")
    d.wait_log(r"veth0: link up, DCB not required -> create or enable")
    # The control servers: fcoectl's status (accept, send) and fcoeadm's
    # PID request (recvmsg with credentials, sendto).
    c = d.netns.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.connect(d.ctl_path)
    c.sendall(ctlrec.req(ctlrec.CMDS["status"]))
    c.settimeout(5)
    got = c.recv(65536)
    assert len(got) >= ctlrec.REPLY.size + ctlrec.ROW.size
    assert struct.unpack_from("=IHHi", got)[3] == 0, "status answered"
    c.close()
    u = d.netns.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    u.bind(b"\0fcm_clif/trap-test")
    u.settimeout(5)
    u.sendto(struct.pack("=i16sI", 5, b"", 0), b"\0fcm_clif")
    assert u.recv(16).isdigit()
    u.close()
    d.write_cfg("veth1", CFG_NO_DCB)
    d.signal(signal.SIGHUP)
    d.wait_op("fcoe_create", "veth1")
    d.signal(signal.SIGUSR1)
    d.wait_log(r"status: veth0 real=veth0 link=up instance=enabled")
    d.sh("ip link del veth0")
    d.wait_log(r"veth0: interface gone; its FCoE instance went with it")
    assert d.alive(), d.context()
    assert "forbidden system call" not in d.stderr


@pytest.mark.skipif(not kernel_has_vlan(), reason="this kernel has no 8021q")
def test_vlan_entry_tracks_its_real_interface(lab):
    ns = lab.netns()
    ns.sh("ip link add link veth0 name fc100 type vlan id 100 && "
          "ip link set fc100 up")
    d = Daemon(lab, {"fc100": CFG_NO_DCB}, netns=ns,
               netdevs=("lo", "veth0", "veth1", "fc100"))
    d.wait_op("fcoe_create", "fc100")
    d.sh("ip link set veth1 down")       # the real link under the VLAN
    d.wait_log(r"fc100: link down -> armed")
    d.settle(quiet=1.0)
    d.signal(signal.SIGUSR1)
    d.wait_log(r"status: fc100 real=veth0 link=down instance=enabled "
               r"last=create: armed: link down on ")
    assert d.ops() == [("fcoe_create", "fc100", 0)]


def test_two_hundred_interfaces(lab):
    ns = lab.netns(veth=None)
    n = 200
    ns.sh("; ".join(f"ip link add a{i} type veth peer name b{i}" for i in range(n)))
    d = Daemon(lab, {f"a{i}": CFG_NO_DCB for i in range(n)}, netns=ns,
               netdevs=("lo",), start=True)
    d.wait_log(r"200 interfaces configured")
    # All administratively down at start: each instance is made,
    # disabled, before link-up; link-up costs one enable each.
    end = time.monotonic() + 30
    while len(d.ops("fcoe_create")) < n and time.monotonic() < end:
        time.sleep(0.1)
    ns.sh("; ".join(f"ip link set a{i} up; ip link set b{i} up" for i in range(n)))
    end = time.monotonic() + 30
    while len(d.ops("fcoe_enable")) < n and time.monotonic() < end:
        time.sleep(0.1)
    d.settle()
    ops = d.ops()
    for op in ("fcoe_create", "fcoe_enable"):
        assert sorted(i for o, i, e in ops if o == op and e == 0) == \
            sorted(f"a{i}" for i in range(n)), op
    assert len(ops) == 2 * n, "one create and one enable each, nothing else"
    # enabled, up, then the peers down and up: armed, nothing sent
    ns.sh("; ".join(f"ip link set b{i} down" for i in range(n)))
    time.sleep(1.5)
    ns.sh("; ".join(f"ip link set b{i} up" for i in range(n)))
    d.settle(quiet=1.0)
    assert len(d.ops()) == 2 * n, d.ops()[2 * n:][:5]


def test_short_flap_disables_nothing(lab):
    """A link-down disable waits 0.5 s (ENG_DOWN_SETTLE_MS): a flap shorter
    than that leaves the instance alone, and the log says nothing changed."""
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    d.sh("ip link set veth1 down && ip link set veth1 up")
    d.settle(quiet=1.0)
    assert d.ops() == [("fcoe_create", "veth0", 0)]
