# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Link tracking of the monitor (monitor/io/links.c) against the real kernel.

Runs as root.  Each test makes a fresh network namespace (held by an fd of
pytest, entered by nsenter as in tests/integration/conftest.py) and runs
build/tests/linkwatch in it: one line per links_cb callback, the table on
SIGUSR1 (see the comment at the top of linkwatch.c).  The kernel's truth is
`ip -d -j link`.

VLANs: this kernel may lack 8021q; test_vlan_parent is skipped there, so the
VLAN path (kind, IFLA_LINK parent, VID) is then untested.
"""

from __future__ import annotations

import ctypes
import json
import os
import queue
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
LINKWATCH = Path(os.environ.get("LINKWATCH",
                                ROOT / "build" / "tests" / "linkwatch"))
ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"}
CLONE_NEWNET = 0x40000000
OPER = {"UNKNOWN": 0, "NOTPRESENT": 1, "DOWN": 2, "LOWERLAYERDOWN": 3,
        "TESTING": 4, "DORMANT": 5, "UP": 6}
_libc = ctypes.CDLL(None, use_errno=True)

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="needs root"),
    pytest.mark.skipif(not LINKWATCH.exists(),
                       reason=f"{LINKWATCH} not built (make links-tests)"),
]


class NetNS:
    """A fresh network namespace held by an fd; lo up."""

    def __init__(self):
        box = {}

        def make():  # in a throwaway thread: pytest's own stays put
            if _libc.unshare(CLONE_NEWNET) != 0:
                box["e"] = OSError(ctypes.get_errno(), "unshare")
                return
            box["fd"] = os.open(
                f"/proc/self/task/{threading.get_native_id()}/ns/net",
                os.O_RDONLY | os.O_CLOEXEC)
        t = threading.Thread(target=make)
        t.start()
        t.join()
        if "e" in box:
            raise box["e"]
        self.fd = box["fd"]
        self.path = f"/proc/{os.getpid()}/fd/{self.fd}"
        self.sh("ip link set lo up")

    def argv(self, argv):
        return ["nsenter", f"--net={self.path}", "--", *argv]

    def sh(self, script):
        return subprocess.run(self.argv(["sh", "-c", script]), env=ENV,
                              stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, check=True).stdout

    def batch(self, lines):
        subprocess.run(self.argv(["ip", "-batch", "-"]), env=ENV,
                       input="\n".join(lines) + "\n", capture_output=True,
                       text=True, check=True)

    def links(self):
        """{ifindex: fields as linkwatch prints them} from the kernel."""
        out = json.loads(self.sh("ip -d -j link show"))
        return {l["ifindex"]: {
            "name": l["ifname"],
            "oper": OPER.get(l.get("operstate", "UNKNOWN"), -1),
            "admin": int("UP" in l.get("flags", [])),
            "kind": l.get("linkinfo", {}).get("info_kind") or "-"}
            for l in out}

    def close(self):
        os.close(self.fd)


def parse(line):
    """'NEW 3 veth0 up=0 ... [old=x] [resync]' -> dict."""
    w = line.split()
    d = {"ev": w[0], "ifindex": int(w[1]), "name": w[2],
         "resync": "resync" in w[3:], "old": None}
    for kv in w[3:]:
        if "=" in kv:
            k, v = kv.split("=", 1)
            d[k] = int(v) if v.lstrip("-").isdigit() else v
    return d


class Watch:
    """build/tests/linkwatch in a namespace; lines arrive on a queue."""

    def __init__(self, ns, env=None):
        self.p = subprocess.Popen(ns.argv([str(LINKWATCH)]),
                                  env={**ENV, **(env or {})},
                                  stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, text=True)
        self.q = queue.Queue()
        self.lines = []
        threading.Thread(target=self._read, daemon=True).start()
        self.initial = [parse(l) for l in self.until("READY")[:-1]]

    def _read(self):
        for line in self.p.stdout:
            self.q.put(line.rstrip("\n"))
        self.q.put(None)

    def next(self, timeout):
        line = self.q.get(timeout=timeout)
        assert line is not None, f"linkwatch exited: {self.p.wait()}"
        assert "MISMATCH" not in line and "STILL-PRESENT" not in line, line
        self.lines.append(line)
        return line

    def until(self, prefix, timeout=20.0):
        """Lines up to and including the first one starting with prefix."""
        got, end = [], time.monotonic() + timeout
        while True:
            got.append(self.next(max(0.1, end - time.monotonic())))
            if got[-1].startswith(prefix):
                return got

    def events(self, name, n, timeout=10.0):
        """The next n events about `name` (other lines are kept too)."""
        out, end = [], time.monotonic() + timeout
        while len(out) < n:
            line = self.next(max(0.1, end - time.monotonic()))
            if line.split()[0] in ("NEW", "CHANGE", "DEL"):
                e = parse(line)
                if name in (e["name"], e["old"]):
                    out.append(e)
        return out

    def wait_event(self, pred, timeout=10.0):
        end = time.monotonic() + timeout
        while True:
            line = self.next(max(0.1, end - time.monotonic()))
            if line.split()[0] in ("NEW", "CHANGE", "DEL"):
                e = parse(line)
                if pred(e):
                    return e

    def table(self):
        """The program's own table (SIGUSR1), checked by its lookups."""
        self.p.send_signal(signal.SIGUSR1)
        lines = self.until("END")
        end = parse_end(lines[-1])
        assert end["errors"] == 0
        rows = [parse(l) for l in lines if l.startswith("TABLE")]
        return {r["ifindex"]: {"name": r["name"], "oper": r["oper"],
                               "admin": r["admin"], "kind": r["kind"]}
                for r in rows}, end

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
        return self.p.wait(timeout=10)


def parse_end(line):
    return {k: int(v) for k, v in (kv.split("=") for kv in line.split()[1:])}


@pytest.fixture
def ns():
    n = NetNS()
    yield n
    n.close()


@pytest.fixture
def watch_factory(ns):
    started = []

    def start(env=None):
        w = Watch(ns, env)
        started.append(w)
        return w
    yield start
    for w in started:
        assert w.stop() == 0


def wait_table_equals(w, ns, timeout=20.0):
    """Links settle (carrier, operstate) after the commands return."""
    end = time.monotonic() + timeout
    while True:
        mine, info = w.table()
        kernel = ns.links()
        if mine == kernel or time.monotonic() > end:
            assert mine == kernel
            return info
        time.sleep(0.3)


def test_initial_dump(ns, watch_factory):
    ns.sh("ip link add veth0 type veth peer name veth1 && "
          "ip link add pre0 type veth peer name pre1 && "
          "ip link set veth0 up && ip link set veth1 up")
    kernel = ns.links()
    w = watch_factory()
    got = {e["ifindex"]: e for e in w.initial}
    assert all(e["ev"] == "NEW" and not e["resync"] for e in w.initial)
    assert {e["name"] for e in w.initial} == \
        {"lo", "veth0", "veth1", "pre0", "pre1"}
    assert {i: got[i]["name"] for i in got} == \
        {i: kernel[i]["name"] for i in kernel}
    assert got[1]["name"] == "lo" and got[1]["kind"] == "-"
    for e in w.initial[1:]:
        assert e["kind"] == "veth" and e["parent"] == 0 and e["vid"] == 0
    assert wait_table_equals(w, ns)["resyncs"] == 0


def test_veth_events_in_order(ns, watch_factory):
    w = watch_factory()
    ns.sh("ip link add vx0 type veth peer name vx1")
    new = w.events("vx0", 1)[0]
    assert (new["ev"], new["up"], new["admin"], new["kind"]) == \
        ("NEW", 0, 0, "veth")
    ns.sh("ip link set vx0 up")  # peer down: lower layer down, not up
    e = w.wait_event(lambda e: e["name"] == "vx0" and e["admin"] == 1)
    assert (e["ev"], e["up"]) == ("CHANGE", 0)
    ns.sh("ip link set vx1 up")
    e = w.wait_event(lambda e: e["name"] == "vx0" and e["up"] == 1)
    assert (e["ev"], e["oper"], e["ifindex"]) == \
        ("CHANGE", OPER["UP"], new["ifindex"])
    ns.sh("ip link set vx0 down")
    e = w.wait_event(lambda e: e["name"] == "vx0" and e["admin"] == 0)
    assert (e["ev"], e["up"], e["oper"]) == ("CHANGE", 0, OPER["DOWN"])
    ns.sh("ip link del vx0")
    e = w.wait_event(lambda e: e["name"] == "vx0" and e["ev"] != "CHANGE")
    assert e["ev"] == "DEL" and e["ifindex"] == new["ifindex"]
    assert e["kind"] == "veth"  # last known state comes with the DEL
    mine, _ = w.table()
    assert not any(l["name"] in ("vx0", "vx1") for l in mine.values())
    # In order: each vx0 event moves forward through the five phases.
    seq = []
    for e in map(parse, (l for l in w.lines
                         if l.split()[0] in ("NEW", "CHANGE", "DEL"))):
        if e["name"] == "vx0":
            seq.append(veth_phase(e, seq))
    assert seq == sorted(seq) and seq[0] == 0 and seq[-1] == 4


def veth_phase(e, before):
    """NEW 0, admin up 1, oper up 2, admin down after that 3, DEL 4."""
    if e["ev"] in ("NEW", "DEL"):
        return {"NEW": 0, "DEL": 4}[e["ev"]]
    if e["up"]:
        return 2
    if not e["admin"]:
        return 3 if before and max(before) >= 2 else 0
    return 1


def test_rename(ns, watch_factory):
    ns.sh("ip link add ra type veth peer name rb")
    w = watch_factory()
    idx = next(e["ifindex"] for e in w.initial if e["name"] == "ra")
    ns.sh("ip link set ra name renamed0")
    e = w.wait_event(lambda e: e["ifindex"] == idx)
    assert (e["ev"], e["name"], e["old"]) == ("CHANGE", "renamed0", "ra")
    mine, _ = w.table()  # linkwatch checks both lookups for every row
    assert mine[idx]["name"] == "renamed0"
    assert "ra" not in {l["name"] for l in mine.values()}


def test_200_pairs_at_once(ns, watch_factory):
    w = watch_factory()
    ns.batch([f"link add p{i} type veth peer name q{i}" for i in range(200)])
    want = {f"{c}{i}" for i in range(200) for c in "pq"}
    seen = set()
    while not want <= seen:
        line = w.next(20)
        if line.startswith("NEW"):
            seen.add(parse(line)["name"])
    info = wait_table_equals(w, ns)
    assert info["count"] == 401


def test_enobufs_storm_resync(ns, watch_factory):
    ns.sh("ip link add gone0 type veth peer name gone1 && "
          "ip link add keep0 type veth peer name keep1")
    w = watch_factory({"LINKWATCH_RCVBUF": "4096"})
    gone = {e["ifindex"] for e in w.initial if e["name"].startswith("gone")}
    w.p.send_signal(signal.SIGSTOP)  # the loop stalls; the kernel drops
    try:
        cmds = [f"link add s{i} type veth peer name t{i}" for i in range(300)]
        cmds += [f"link set s{i} up" for i in range(0, 300, 2)]
        cmds += [f"link set t{i} up" for i in range(0, 300, 2)]
        cmds += ["link del gone0", "link set keep0 name kept0"]
        ns.batch(cmds)
    finally:
        w.p.send_signal(signal.SIGCONT)
    lines = w.until("RESYNCED")
    evs = [parse(l) for l in lines if l.split()[0] in ("NEW", "CHANGE", "DEL")]
    dels = {e["ifindex"] for e in evs if e["ev"] == "DEL" and e["resync"]}
    assert gone <= dels  # vanished while the events were lost
    info = wait_table_equals(w, ns)
    assert info["resyncs"] >= 1 and info["count"] == 603
    # The events alone (initial dump + every line since) give the same table.
    state = {e["ifindex"]: e for e in w.initial}
    for line in w.lines:
        if line.split()[0] in ("NEW", "CHANGE", "DEL"):
            e = parse(line)
            if e["ev"] == "DEL":
                state.pop(e["ifindex"], None)
            else:
                state[e["ifindex"]] = e
    assert {i: e["name"] for i, e in state.items()} == \
        {i: l["name"] for i, l in ns.links().items()}


def vlan_supported(ns):
    try:
        ns.sh("ip link add vprobe type dummy 2>/dev/null || "
              "ip link add vprobe type veth peer name vprobe1; "
              "ip link add link vprobe name vprobe.5 type vlan id 5 && "
              "ip link del vprobe.5")
        return True
    except subprocess.CalledProcessError:
        return False


def test_vlan_parent(ns, watch_factory):
    if not vlan_supported(ns):
        pytest.skip("kernel without 8021q: VLAN path untested here")
    ns.sh("ip link add base0 type veth peer name base1")
    w = watch_factory()
    base = next(e for e in w.initial if e["name"] == "base0")
    ns.sh("ip link add link base0 name odd type vlan id 42")
    e = w.wait_event(lambda e: e["name"] == "odd")
    assert (e["ev"], e["kind"], e["parent"], e["pname"], e["vid"]) == \
        ("NEW", "vlan", base["ifindex"], "base0", 42)


def test_bridge_ports_are_not_links(ns, watch_factory):
    """The bridge also sends AF_BRIDGE RTM_NEWLINK/DELLINK under each port's
    index; a port leaving its bridge is not the interface going away."""
    ns.sh("ip link add bp0 type veth peer name bq0")
    w = watch_factory()
    port = next(e["ifindex"] for e in w.initial if e["name"] == "bp0")
    ns.sh("ip link add br0 type bridge && ip link set br0 up && "
          "ip link set bp0 master br0 && ip link set bp0 up && "
          "ip link set bq0 up")
    br = w.wait_event(lambda e: e["name"] == "br0")
    assert (br["ev"], br["kind"]) == ("NEW", "bridge")
    wait_table_equals(w, ns)
    ns.sh("ip link set bp0 nomaster")
    wait_table_equals(w, ns)
    ns.sh("ip link del br0")
    e = w.wait_event(lambda e: e["name"] == "br0" and e["ev"] == "DEL")
    assert e["ifindex"] == br["ifindex"] and e["kind"] == "bridge"
    info = wait_table_equals(w, ns)
    assert info["resyncs"] == 0
    assert not any(l.startswith("DEL") and parse(l)["ifindex"] == port
                   for l in w.lines)
    mine, _ = w.table()
    assert mine[port]["name"] == "bp0" and mine[port]["kind"] == "veth"
