# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Readiness (fcoemond(8) "Readiness"): the actuator sends systemd's
READY=1 on $NOTIFY_SOCKET once the monitor says every configured instance
is enabled with its port Online -- not before -- and fcoectl status says
whether start-up is over and what it waits for.  A socket bound here plays
systemd's notify socket; the fake sysfs plays the kernel's port_state."""

import errno
import json
import os
import socket
import time

from ctlproto import fcoectl
from daemon import CFG_NO_DCB, Daemon


def notify_socket(d):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    path = str(d.run / "notify")
    s.bind(path)
    os.chmod(path, 0o666)
    d.lab.cleanups.append(s.close)
    return s, path


def recv(s, timeout):
    s.settimeout(timeout)
    try:
        return s.recv(4096).decode()
    except socket.timeout:
        return None


def status(d, ns):
    end = time.monotonic() + 10
    while True:
        r = fcoectl(ns, "--json", "status")
        if r.returncode != 3 or time.monotonic() > end:
            assert r.returncode == 0, f"{r}\n" + d.context()
            return json.loads(r.stdout)
        time.sleep(0.1)


def sd_ready(d):
    """The end records of FCP_SD_READY."""
    return [r for r in d.log.audit()
            if r.get("phase") == "end" and r.get("op") == "sd_ready"]


def port_state(d, text):
    d.sysfs.host_path("/sys/class/net/veth0/ctlr_0/host2/fc_host/host2/"
                      "port_state").write_text(text + "\n")


def adopted_linkdown(lab, ns):
    """The daemon started on veth0's enabled instance, its port Linkdown,
    with a notify socket: (daemon, socket)."""
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns, kifs=("bus",),
               ctlrs={"veth0": (0, 2)}, start=False)
    d.sysfs.host_path("/sys/class/net/veth0/ctlr_0/enabled").write_text("1\n")
    port_state(d, "Linkdown")
    s, path = notify_socket(d)
    d.setup = f"export NOTIFY_SOCKET={path}"
    d.start()
    d.wait_log(r"veth0: adopted the existing FCoE instance \(enabled\)")
    return d, s


def test_ready_only_once_the_port_is_online(lab):
    ns = lab.netns()
    d, s = adopted_linkdown(lab, ns)
    doc = status(d, ns)
    assert doc["daemon"]["ready"] is False, doc
    assert "veth0 (port Linkdown)" in doc["daemon"]["state"], doc
    assert recv(s, 1.5) is None, "READY=1 before the port was Online"
    r = fcoectl(ns, "status")
    assert r.stdout.splitlines()[-1].startswith("daemon: starting: 0 of 1 "), \
        r.stdout

    port_state(d, "Online")
    msg = recv(s, 5)
    assert msg == ("READY=1\nSTATUS=1 of 1 configured FCoE instance up"), msg
    d.wait_log(r"start-up done after [0-9.]+ s: 1 of 1 configured FCoE "
               r"instance up")
    doc = status(d, ns)
    assert doc["daemon"] == {"ready": True, "state":
                             "ready: 1 of 1 configured FCoE instance up"}
    assert [(r["errno"], r.get("up"), r.get("notify")) for r in
            sd_ready(d)] == [("0", "1", "systemd")], d.context()
    assert recv(s, 1) is None, "a second notification"


def test_an_armed_instance_on_a_down_link_is_still_waited_for(lab):
    """An instance kept enabled while its link is down ("armed",
    fcoemond(8) "What exists when") is not up: start-up still waits for the
    link (at most 30 s), as it did when such an instance was disabled, and
    the link-down sends nothing to the actuator."""
    ns = lab.netns()
    ns.sh("ip link set veth1 down")       # veth0 up, no carrier
    d, s = adopted_linkdown(lab, ns)
    d.wait_log(r"veth0: link down -> armed")
    assert recv(s, 1.5) is None, "READY=1 while the link is down"
    doc = status(d, ns)
    assert doc["daemon"]["ready"] is False, doc
    assert "waiting for veth0 (link down)" in doc["daemon"]["state"], doc
    v = [i for i in doc["interfaces"] if i["ifname"] == "veth0"][0]
    assert v["state"] == "enabled", v
    assert d.ops() == [], d.context()


def test_nothing_configured_is_ready_at_once(lab):
    ns = lab.netns()
    d = Daemon(lab, {}, netns=ns, start=False)
    s, path = notify_socket(d)
    d.setup = f"export NOTIFY_SOCKET={path}"
    d.start()
    assert recv(s, 5) == "READY=1\nSTATUS=0 of 0 configured FCoE " \
        "instances up"


def test_no_notify_socket_no_notification(lab):
    """Started by hand (no $NOTIFY_SOCKET): the request is audited with
    notify=none and nothing else happens."""
    ns = lab.netns()
    d = Daemon(lab, {}, netns=ns)
    end = time.monotonic() + 5
    while not sd_ready(d) and time.monotonic() < end:
        time.sleep(0.05)
    assert [(r["errno"], r.get("notify")) for r in sd_ready(d)] == \
        [("0", "none")], d.context()


def test_logout_destroys_and_makes_nothing_after(lab):
    """fcoectl logout (the unit's ExecStop= at system shutdown): every
    instance made here is destroyed at once (a LOGO to its targets), before
    the reply, and nothing makes one again afterwards, not even a link
    flap.  No disk is behind the fake instance, so none is kept."""
    ns = lab.netns()
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns)
    d.wait_op("fcoe_create", "veth0")
    d.settle()
    r = fcoectl(ns, "logout", nobody=True)
    assert r.returncode != 0 and "only root" in r.stderr, r
    assert d.ops("fcoe_destroy") == []
    r = fcoectl(ns, "logout")
    assert (r.returncode, r.stdout) == \
        (0, "logged out: 1 FCoE instance destroyed\n"), r
    # the destroy was done (audited) before fcoectl got its answer
    assert d.ops("fcoe_destroy") == [("fcoe_destroy", "veth0", 0)], d.ops()
    d.wait_log(r"veth0: FCoE instance destroyed \(logout at system "
               r"shutdown\)")
    n = len(d.ops())
    ns.sh("ip link set veth0 down; ip link set veth0 up")
    d.settle()
    assert d.ops()[n:] == [], d.ops()
    d.signal(15)
    assert d.wait() == 0
    assert d.ops()[n:] == [], d.ops()


def test_fcoe_module_loaded_later(lab):
    """No kernel FCoE interface at start (the fcoe module not loaded): a
    clear message, the create fails with ENOPKG; once libfcoe's parameters
    appear, the daemon notices by itself and exits with status 75, which
    the unit restarts at once (RestartForceExitStatus=): the actuator's
    Landlock rules admit only the files present at its start."""
    ns = lab.netns()
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns, kifs=())
    d.wait_log(r"no kernel FCoE interface .*the fcoe module is not loaded")
    d.wait_op("fcoe_create", "veth0")
    assert d.ops() == [("fcoe_create", "veth0", errno.ENOPKG)], d.ops()
    time.sleep(2.5)
    assert d.ops() == [("fcoe_create", "veth0", errno.ENOPKG)], d.ops()
    for f in ("create", "create_vn2vn", "destroy", "enable", "disable"):
        d.sysfs._file(f"module/libfcoe/parameters/{f}", 0o200)
    d.wait_log(r"the kernel's FCoE interface appeared \(libfcoe\): exiting "
               r"with status 75 to be restarted with it", timeout=5)
    assert d.wait() == 75
    assert d.ops() == [("fcoe_create", "veth0", errno.ENOPKG)], d.ops()


def root_majmin():
    """major:minor of the file system at / (the daemon's mount namespace
    is a copy of this one, so its mountinfo has it too)."""
    for line in open("/proc/self/mountinfo"):
        f = line.split()
        if f[4] == "/":
            return f[2]
    raise AssertionError("no / in mountinfo")


def test_logout_keeps_an_instance_whose_disk_is_in_use(lab):
    """Boot from SAN: the root file system's disk is still mounted when
    fcoemond stops; a disk under LVM has holders.  logout keeps those
    instances (and says why) and destroys the others."""
    ns = lab.netns()
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns, kifs=("bus",),
               ctlrs={"veth0": (0, 2)}, start=False)
    d.sysfs.host_path("/sys/class/net/veth0/ctlr_0/enabled").write_text("1\n")
    disk = "devices/virtual/net/veth0/ctlr_0/host2/rport-2:0-0/" \
        "target2:0:0/2:0:0:0/block/sda"
    d.sysfs._mkdir(f"{disk}/holders")
    (d.sysfs.stage / f"{disk}/dev").write_text("8:0\n")
    d.sysfs._mkdir(f"{disk}/sda1/holders")
    (d.sysfs.stage / f"{disk}/sda1/dev").write_text(root_majmin() + "\n")
    d.sysfs._mkdir("block")
    d.sysfs._link("block/sda", f"../{disk}")
    d.start()
    d.wait_log(r"veth0: adopted the existing FCoE instance")
    d.settle()
    r = fcoectl(ns, "logout")
    assert (r.returncode, r.stdout) == \
        (0, "logged out: 0 FCoE instances destroyed\n"), f"{r}" + d.context()
    d.wait_log(r"veth0: FCoE instance kept at logout: sda1 is mounted")
    assert d.ops("fcoe_destroy") == [], d.ops()

    # not mounted, but held (LVM): kept too
    (d.sysfs.stage / f"{disk}/sda1/dev").write_text("8:1\n")
    (d.sysfs.stage / f"{disk}/holders/dm-0").write_text("")
    r = fcoectl(ns, "logout")
    assert r.stdout == "logged out: 0 FCoE instances destroyed\n", r
    d.wait_log(r"veth0: FCoE instance kept at logout: sda has holders")
    # free: destroyed
    (d.sysfs.stage / f"{disk}/holders/dm-0").unlink()
    r = fcoectl(ns, "logout")
    assert r.stdout == "logged out: 1 FCoE instance destroyed\n", r
    assert d.ops("fcoe_destroy") == [("fcoe_destroy", "veth0", 0)], d.ops()
