# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""fcoectl as a user runs it (nsenter into the daemon's network namespace,
as root or as nobody), first against stand-in servers that answer what a
test wants (a squatter, a broken or silent server), then against the real
daemon."""

import errno
import json
import os
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest

from ctlproto import FIELDS, NOBODY, fcoectl, reply, req, row
from daemon import CFG_DCB, CFG_NO_DCB, CFG_VN2VN, Daemon

FAKE = str(Path(__file__).resolve().parent / "ctl_fake.py")
NOT_RUNNING = ("fcoectl: fcoemond is not running (no control socket "
               "/run/fcoemond/ctl)\n")
# The stand-in's own /run: a root-owned /run/fcoemond, or, to play a
# squatter, one handed to nobody (a misconfigured directory).
FAKE_RUN = ("mount -t tmpfs -o mode=0755,size=64k fcit-run /run && "
            "mkdir -m 0755 /run/fcoemond && { [ -z \"$1\" ] || "
            "chown 65534:65534 /run/fcoemond; } && shift && exec \"$@\"")


class Fake:
    """ctl_fake.py in ns and a mount namespace of its own, as root or
    nobody, answering `answer`.  The script is passed as text (python3 -c):
    nobody may not be able to reach the checkout (a clone in /root, mode
    0700)."""

    def __init__(self, lab, ns, answer=b"", hold=0.0, nobody=False):
        with open(FAKE) as f:
            src = f.read()
        self.p = subprocess.Popen(
            ["nsenter", f"--net={ns.path}", "--",
             "unshare", "--mount", "--propagation", "private", "--",
             "sh", "-c", FAKE_RUN, "fcit-fake", "x" if nobody else "",
             *(NOBODY if nobody else []), "/usr/bin/python3", "-c", src,
             answer.hex(), str(hold)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lab.cleanups.append(self.kill)
        ns.mnt_pid = self.p.pid
        assert self.p.stdout.readline() == "ready\n", self.p.stderr.read()

    def received(self):
        """What the client sent, after the fake has finished."""
        out, err = self.p.communicate(timeout=30)
        assert self.p.returncode == 0, err
        return bytes.fromhex(out.strip())

    def kill(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()


# ---------------------------------------------------------------- no daemon

def test_not_running(lab):
    ns = lab.netns()
    for args in (["status"], ["create", "veth0"], ["--json", "status"]):
        r = fcoectl(ns, *args)
        assert (r.returncode, r.stdout, r.stderr) == (3, "", NOT_RUNNING)


def test_version_without_daemon(lab):
    r = fcoectl(lab.netns(), "version")
    assert r.returncode == 3
    assert r.stdout == "fcoectl 0.1.0\n"
    assert r.stderr == NOT_RUNNING


@pytest.mark.parametrize("args", [
    [], ["frobnicate"], ["create"], ["destroy"], ["status", "a", "b"],
    ["reload", "veth0"], ["destroy", "veth0", "--vn2vn"], ["--bogus", "status"],
    ["status", "../etc"], ["create", "x" * 16], ["--user"],
    ["create", "veth0", "--json"]])
def test_usage_errors(lab, args):
    r = fcoectl(lab.netns(), *args)
    assert r.returncode == 2, r
    assert r.stdout == ""
    assert r.stderr.startswith(("fcoectl: ", "usage: fcoectl")), r.stderr


def test_unknown_daemon_user(lab):
    r = fcoectl(lab.netns(), "--user", "no-such-user", "status")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "fcoectl: daemon user 'no-such-user': no such user\n"


def test_help(lab):
    r = fcoectl(lab.netns(), "--help")
    assert r.returncode == 0 and r.stdout.startswith("usage: fcoectl")


# ---------------------------------------------------------------- stand-ins

def test_squatter_gets_nothing(lab):
    """A local user holding /run/fcoemond/ctl (a misconfigured directory)
    is neither sent the request nor believed."""
    ns = lab.netns()
    fake = Fake(lab, ns, reply("create", 0, 0, "created"), nobody=True)
    r = fcoectl(ns, "create", "veth0", env={"FCOECTL_DAEMON_USER": "root"})
    assert r.returncode == 3
    assert r.stdout == ""
    assert re.match(r"fcoectl: refusing to talk to /run/fcoemond/ctl: it is held "
                    r"by uid 65534 \(pid \d+\), not by root or the daemon's "
                    r"user", r.stderr), r.stderr
    assert fake.received() == b""


def test_default_daemon_user_is_not_nobody(lab):
    ns = lab.netns()
    fake = Fake(lab, ns, reply("status"), nobody=True)
    r = fcoectl(ns, "status", env={"FCOECTL_DAEMON_USER": ""})
    assert r.returncode == 3 and "refusing" in r.stderr
    assert fake.received() == b""


def test_daemon_user_option(lab):
    """--user names the daemon's user: a server running as it is believed,
    and sees exactly the request fcoectl was asked for."""
    ns = lab.netns()
    fake = Fake(lab, ns, reply("create", 0, 0, "veth0: FCoE created"),
                nobody=True)
    r = fcoectl(ns, "--user", "nobody", "create", "veth0", "--vn2vn",
                env={"FCOECTL_DAEMON_USER": "root"})
    assert (r.returncode, r.stdout, r.stderr) == (0, "veth0: FCoE created\n",
                                                  "")
    assert fake.received() == req("create", "veth0", flags=1)


@pytest.mark.parametrize("args,sent", [
    (["status"], req("status")),
    (["status", "veth1"], req("status", "veth1")),
    (["destroy", "eth0.100-fcoe"], req("destroy", "eth0.100-fcoe")),
    (["reset", "veth0"], req("reset", "veth0")),
    (["scan", "veth0"], req("scan", "veth0")),
    (["reload"], req("reload")),
    (["create", "veth0"], req("create", "veth0")),
])
def test_request_bytes(lab, args, sent):
    ns = lab.netns()
    one = args[0] == "status" and len(args) == 2
    fake = Fake(lab, ns, reply(args[0], 0, 1, "") + row(args[1]) if one
                else reply(args[0], 0, 0, "done"))
    r = fcoectl(ns, *args)
    assert fake.received() == sent
    assert r.returncode == 0, r.stderr


def test_status_rows_rendered(lab):
    ns = lab.netns()
    rows = [row("veth0", "veth0", age=12000),
            row("eth0.100-fcoe", "eth0", dcb=1, step=2, lst=8, lstep=1,
                retries=3, nxt=600, op=1, err=errno.EACCES, ctlr=-1,
                host=-1, port="", state=0, why='waiting for "DCB" \\ x'),
            row("eth1", "eth1", dcb=1, step=6, dcbx=2, pfc=0x18, fcoe=0x08,
                app=(1, 3, 0x8906), dmode=0x09, why="IEEE")]
    fake = Fake(lab, ns, reply("status", 0, 3, "") + b"".join(rows))
    r = fcoectl(ns, "--json", "status")
    fake.received()
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["version"] == 3 and len(doc["interfaces"]) == 3
    b, c, a = doc["interfaces"]        # fcoectl sorts by name
    assert (c["dcbx"], c["dcbx_mode"], c["pfc_prios"], c["fcoe_prios"],
            c["app"]) == ("ieee", 9, 0x18, 0x08,
                          {"selector": 1, "priority": 3, "protocol": 0x8906})
    assert (a["dcbx"], a["app"], a["dcbnl_err_name"]) == (None, None, None)
    assert set(a) == FIELDS and set(b) == FIELDS
    assert a["ifname"] == "veth0" and a["state"] == "enabled"
    assert a["last_op_age_ms"] == 12000 and a["next_retry_ms"] is None
    assert b["why"] == 'waiting for "DCB" \\ x'
    assert (b["ctlr"], b["host"], b["port_state"]) == (None, None, None)
    assert (b["last_err"], b["last_err_name"]) == (13, "EACCES")
    assert (b["dcb_step"], b["lldpad_step"], b["lldpad_status"]) == \
        ("pfc-config", "dcb-state", 8)

    fake = Fake(lab, ns, reply("status", 0, 3, "") + b"".join(rows))
    r2 = fcoectl(ns, "status", "--json")
    fake.received()
    assert r2.returncode == 0 and json.loads(r2.stdout) == doc

    fake = Fake(lab, ns, reply("status", 0, 3, "") + b"".join(rows))
    r = fcoectl(ns, "status")
    fake.received()
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 4
    col = lines[0].index("WHY")            # sorted: eth0.100-fcoe first
    assert "done IEEE fcoe 0x08 pfc 0x18 app 1/3/0x8906" in lines[2]
    lines = lines[:2] + lines[3:]
    assert lines[2][col:] == "link up"
    assert lines[1][col:] == 'waiting for "DCB" \\ x'
    assert "create ok, 12s ago" in lines[2]
    assert "ctlr_0 host2 Online enabled" in lines[2]
    assert "pfc-config (dcb-state R08)" in lines[1]
    assert "3/10 in 0.6s" in lines[1]
    assert "create EACCES" in lines[1]


@pytest.mark.parametrize("answer,what", [
    (reply("status", magic=0x12345678), "malformed reply"),
    (reply("create"), "malformed reply"),          # answers another command
    (reply("status", 0, 2, "") + row("veth0"), "closed the connection early"),
    (reply("status", 0, 1, "") + row("veth0", why="\x1b[2Jgotcha"),
     "malformed status row 1 of 1"),
    (reply("status", 0, 1, "") + row("../x"), "malformed status row"),
    (reply("status", 0, 1, "") + row("veth0", retries=11), "malformed status row"),
    (reply("status", 0, 0, "")[:100], "closed the connection early"),
])
def test_protocol_errors(lab, answer, what):
    """Nothing of a broken answer is printed."""
    ns = lab.netns()
    fake = Fake(lab, ns, answer)
    r = fcoectl(ns, "status")
    fake.received()
    assert r.returncode == 3
    assert r.stdout == ""
    assert what in r.stderr, r.stderr


@pytest.mark.parametrize("rows", [[], ["veth0"], ["veth1", "veth1"]])
def test_status_of_one_gets_that_one(lab, rows):
    ns = lab.netns()
    fake = Fake(lab, ns, reply("status", 0, len(rows), "") +
                b"".join(row(n) for n in rows))
    r = fcoectl(ns, "status", "veth1")
    assert fake.received() == req("status", "veth1")
    assert (r.returncode, r.stdout) == (3, "")
    assert r.stderr == (f"fcoectl: protocol error: asked for veth1, fcoemond "
                        f"answered with {len(rows)} other rows\n")


def test_silent_server_times_out(lab):
    ns = lab.netns()
    fake = Fake(lab, ns, reply("create", 0, 0, "late"), hold=8)
    t = time.monotonic()
    r = fcoectl(ns, "create", "veth0", env={"FCOECTL_TIMEOUT": "1"})
    took = time.monotonic() - t
    assert r.returncode == 3
    assert r.stderr == ("fcoectl: no answer from fcoemond within 1 s "
                        "(reading the reply)\n"
                        "fcoectl: the create may still happen: see fcoectl "
                        "status\n")
    assert 0.9 < took < 4
    fake.kill()


def test_full_backlog_does_not_hang(lab):
    """A server that never accepts (a squatter, a wedged daemon): fcoectl
    gives up at its timeout instead of blocking in connect()."""
    ns = lab.netns()
    p = subprocess.Popen(
        ["nsenter", f"--net={ns.path}", "--",
         "unshare", "--mount", "--propagation", "private", "--",
         "sh", "-c", FAKE_RUN, "fcit-fake", "", "/usr/bin/python3", FAKE,
         "full"], stdout=subprocess.PIPE, text=True)
    lab.cleanups.append(lambda: (p.kill(), p.wait()))
    assert p.stdout.readline() == "ready\n"
    ns.mnt_pid = p.pid
    t = time.monotonic()
    r = fcoectl(ns, "status", env={"FCOECTL_TIMEOUT": "1"}, timeout=10)
    assert time.monotonic() - t < 4
    assert (r.returncode, r.stdout) == (3, "")
    assert r.stderr == ("fcoectl: /run/fcoemond/ctl accepts no connection "
                        "(fcoemond busy?)\n")


def test_slow_create_is_waited_for(lab):
    """create may take the daemon a while (DCB queries): 3 s is fine."""
    ns = lab.netns()
    fake = Fake(lab, ns, reply("create", 0, 0, "veth0: created"), hold=3)
    r = fcoectl(ns, "create", "veth0")
    fake.received()
    assert (r.returncode, r.stdout) == (0, "veth0: created\n")


def test_version_prints_both(lab):
    ns = lab.netns()
    fake = Fake(lab, ns, reply("version", 0, 0, "fcoemond 9.9; seccomp kill"))
    r = fcoectl(ns, "version", nobody=True)
    assert fake.received() == req("version")
    assert (r.returncode, r.stdout, r.stderr) == (
        0, "fcoectl 0.1.0\nfcoemond 9.9; seccomp kill\n", "")


@pytest.mark.parametrize("status,rc,err", [
    (errno.EPERM, 4, "fcoectl: not permitted: only root may create FCoE "
     "interfaces; anyone may run status\n"),
    (errno.ENOENT, 1, "fcoectl: need root\n"),
    (errno.EEXIST, 1, "fcoectl: need root\n"),
])
def test_failure_statuses(lab, status, rc, err):
    ns = lab.netns()
    fake = Fake(lab, ns, reply("create", status, 0, "need root"))
    r = fcoectl(ns, "create", "veth0")
    fake.received()
    assert (r.returncode, r.stdout, r.stderr) == (rc, "", err)


# ---------------------------------------------------------------- the daemon

def ready(d, ns):
    """Until the monitor answers on its control socket."""
    end = time.monotonic() + 10
    while True:
        r = fcoectl(ns, "--json", "status")
        if r.returncode != 3 or time.monotonic() > end:
            assert r.returncode == 0, f"{r}\n" + d.context()
            return json.loads(r.stdout)
        time.sleep(0.1)


def iface(doc, name):
    got = [i for i in doc["interfaces"] if i["ifname"] == name]
    assert len(got) == 1, doc
    assert set(got[0]) == FIELDS
    return got[0]


def test_status_of_a_created_instance(lab):
    ns = lab.netns()
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns)
    d.wait_op("fcoe_create", "veth0")
    d.settle()
    v = iface(ready(d, ns), "veth0")
    assert v["real"] in ("veth0", None)
    assert (v["link"], v["state"], v["mode"], v["source"]) == \
        ("up", "enabled", "fabric", "cfg")
    assert (v["last_op"], v["last_err"], v["last_err_name"]) == \
        ("create", 0, None)
    assert v["dcb_required"] is False and v["enable"] is True
    assert v["managed"] is True
    assert v["last_op_age_ms"] is not None and v["last_op_age_ms"] >= 0
    assert v["next_retry_ms"] is None

    r = fcoectl(ns, "status")
    assert r.returncode == 0, r.stderr
    head, *rows = r.stdout.splitlines()
    assert head.split()[:3] == ["IFNAME", "REAL", "LINK"]
    line = [x for x in rows if x.startswith("veth0 ")]
    assert len(line) == 1, r.stdout
    assert "up/" in line[0] and "create ok" in line[0]

    r = fcoectl(ns, "status", "veth0")
    assert r.returncode == 0 and r.stdout.count("\nveth0 ") == 1


def test_status_of_a_link_down(lab):
    ns = lab.netns()
    ns.sh("ip link set veth1 down")       # veth0 up, no carrier
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns)
    d.wait_log(r"sandbox: ")
    d.settle()
    v = iface(ready(d, ns), "veth0")
    assert v["link"] == "down"
    # made enabled ("armed") before link-up (fcoemond(8) "What exists
    # when"): the kernel starts it at link-up
    assert v["state"] == "enabled" and v["last_op"] == "create", v
    assert v["why"] == "armed: link down on veth0; enabled, the kernel " \
        "starts it at link-up", v
    assert d.ops() == [("fcoe_create", "veth0", 0)]


def test_no_interfaces(lab):
    ns = lab.netns()
    d = Daemon(lab, {}, netns=ns)
    # nothing to wait for: start-up is over at once (fcoemond(8) "Readiness")
    state = "ready: 0 of 0 configured FCoE instances up"
    assert ready(d, ns) == {"version": 3, "interfaces": [],
                            "daemon": {"ready": True, "state": state}}
    r = fcoectl(ns, "status")
    assert (r.returncode, r.stdout, r.stderr) == \
        (0, f"no FCoE interfaces\ndaemon: {state}\n", "")


def test_unknown_interface(lab):
    ns = lab.netns()
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns)
    ready(d, ns)
    r = fcoectl(ns, "status", "veth9")
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr.startswith("fcoectl: ") and "veth9" in r.stderr


def test_non_root_may_look_not_touch(lab):
    ns = lab.netns()
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns)
    d.wait_op("fcoe_create", "veth0")
    ready(d, ns)
    r = fcoectl(ns, "--json", "status", nobody=True)
    assert r.returncode == 0, r.stderr
    assert iface(json.loads(r.stdout), "veth0")["state"] == "enabled"
    r = fcoectl(ns, "version", nobody=True)
    assert r.returncode == 0 and r.stdout.startswith("fcoectl 0.1.0\nfcoemond 0.1.0")
    for args in (["create", "veth1"], ["destroy", "veth0"], ["reset", "veth0"],
                 ["scan", "veth0"], ["reload"]):
        r = fcoectl(ns, *args, nobody=True)
        assert r.returncode == 4, (args, r)
        assert r.stderr.startswith(f"fcoectl: not permitted: only root may "
                                   f"{args[0]}"), r.stderr
    d.settle()
    assert d.ops() == [("fcoe_create", "veth0", 0)]


def test_create_and_destroy_by_root(lab):
    ns = lab.netns()
    d = Daemon(lab, {}, netns=ns)
    ready(d, ns)
    r = fcoectl(ns, "create", "veth0", "--vn2vn")
    assert r.returncode == 0, r.stderr + d.context()
    assert r.stdout.strip() != ""
    assert d.wait_op("fcoe_create", "veth0") == ("fcoe_create", "veth0", 0)
    v = iface(ready(d, ns), "veth0")
    assert (v["source"], v["mode"], v["state"]) == ("admin", "vn2vn",
                                                    "enabled")
    r = fcoectl(ns, "destroy", "veth0")
    assert r.returncode == 0, r.stderr
    assert d.wait_op("fcoe_destroy", "veth0") == ("fcoe_destroy", "veth0", 0)


def _running_ctlr(s):
    s.host_path("/sys/devices/virtual/net/veth0/ctlr_0/enabled").write_bytes(
        b"1\n")
    s.host_path("/sys/devices/virtual/net/veth0/ctlr_0/host2/fc_host/host2/"
                "port_state").write_bytes(b"Online\n")


def test_adopted_instance_reset_and_scan(lab):
    """An instance that exists at start is adopted: status shows the
    kernel's ctlr, fc_host and port state; root resets and scans it
    through fcoectl."""
    ns = lab.netns()
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns, ctlrs={"veth0": (0, 2)},
               prepare=_running_ctlr)
    d.wait_log(r"veth0: adopted the existing FCoE instance \(enabled\)")
    d.settle()
    v = iface(ready(d, ns), "veth0")
    assert (v["ctlr"], v["host"], v["port_state"], v["kernel_enabled"]) == \
        (0, 2, "Online", True), v
    assert (v["state"], v["managed"]) == ("enabled", True)
    r = fcoectl(ns, "status", "veth0")
    assert r.returncode == 0
    assert "ctlr_0 host2 Online enabled" in r.stdout.splitlines()[1], r.stdout
    for op in ("reset", "scan"):
        r = fcoectl(ns, op, "veth0")
        assert r.returncode == 0, (op, r.stderr, d.context())
        assert d.wait_op(f"fcoe_{op}", "veth0") == (f"fcoe_{op}", "veth0", 0)
    assert [o for o, _, _ in d.ops()] == ["fcoe_reset", "fcoe_scan"]


def test_status_shows_dcb_done(lab, sim):
    ns = sim.ns
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=ns)
    d.wait_op("fcoe_create", "veth0")
    d.settle()
    v = iface(ready(d, ns), "veth0")
    assert (v["dcb_required"], v["dcb_step"], v["lldpad_step"],
            v["lldpad_status"]) == (True, "done", "app-oper", 0), v
    assert (v["state"], v["last_op"], v["last_err"]) == ("enabled", "create", 0)
    # CEE through lldpad decided (a veth has no dcbnl: the kernel said so)
    assert (v["dcbx"], v["pfc_prios"], v["fcoe_prios"], v["app"],
            v["dcbx_mode"], v["dcbnl_err_name"]) == \
        ("cee", 0x08, 0x08, None, None, "EOPNOTSUPP"), v
    r = fcoectl(ns, "status")
    line = [x for x in r.stdout.splitlines() if x.startswith("veth0 ")]
    assert len(line) == 1 and \
        "done CEE fcoe 0x08 pfc 0x08 (app-oper R00)" in line[0], r.stdout


def test_status_says_ieee_mode_without_dcbnl(lab, sim):
    """lldpad in IEEE mode (R09) on a veth: IEEE decides, the kernel has
    no dcbnl there, and fcoectl says both."""
    ns = sim.ns
    sim.configure("veth0", cee=False)
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=ns)
    d.wait_log(r"veth0: DCB destroy: IEEE DCBX")
    v = iface(ready(d, ns), "veth0")
    assert (v["dcbx"], v["dcbnl_err_name"], v["app"], v["state"]) == \
        ("ieee", "EOPNOTSUPP", None, "none"), v
    assert "dcbnl unreadable: Operation not supported" in v["why"], v
    assert d.ops() == []


def test_status_shows_why_dcb_waits(lab, sim):
    ns = sim.ns
    sim.configure("veth0", pfc_oper_mode=0)     # PFC not operational
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=ns)
    d.wait_log(r"veth0: DCB waiting: .*PFC")
    v = iface(ready(d, ns), "veth0")
    assert v["dcb_required"] is True
    assert (v["state"], v["last_op"], v["ctlr"]) == ("none", "none", None), v
    assert "PFC" in v["why"], v
    assert d.ops() == []


def test_reload_and_version(lab):
    ns = lab.netns()
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns)
    d.wait_op("fcoe_create", "veth0")
    ready(d, ns)
    d.write_cfg("veth1", CFG_VN2VN)
    r = fcoectl(ns, "reload")
    assert r.returncode == 0, r.stderr
    assert d.wait_op("fcoe_create", "veth1") == ("fcoe_create", "veth1", 0)
    r = fcoectl(ns, "version")
    assert r.returncode == 0
    one, two = r.stdout.splitlines()
    assert one == "fcoectl 0.1.0" and two.startswith("fcoemond 0.1.0")


def test_daemon_stopped(lab):
    ns = lab.netns()
    d = Daemon(lab, {"veth0": CFG_NO_DCB}, netns=ns)
    ready(d, ns)
    d.kill()
    # The monitor follows its actuator within moments (PDEATHSIG); until
    # then a request may meet it dying, which is exit 3 as well.
    end = time.monotonic() + 5
    while True:
        r = fcoectl(ns, "status")
        assert (r.returncode, r.stdout) == (3, ""), r
        if r.stderr == NOT_RUNNING or time.monotonic() > end:
            break
        assert "closed the connection early" in r.stderr, r.stderr
        time.sleep(0.05)
    assert r.stderr == NOT_RUNNING
