# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""FIP VLAN discovery frames held against the real fcoe-utils 1.0.34, on a
veth pair in a network namespace of the test's own: the requests the
builder (monitor/wire/fip_frame.c) makes are byte for byte the ones
fcoe-utils' fipvlan sends, in fabric and VN2VN mode, and the parser
(monitor/wire/fip.c) takes them; fipvlan reads the notifications the
builder makes, every VID of many (fcoemon's own responder overflows its
buffer past one).  build/tests/fip_tool puts the codec on the command line
(tests/integration/fip_tool.c)."""

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TOOL = ROOT / "build" / "tests" / "fip_tool"
FCF_MAC = "00:0d:ec:11:22:33"

pytestmark = pytest.mark.skipif(os.geteuid() != 0,
                                reason="needs root (network namespaces)")

# Runs in the namespace: "capture SECS" prints every FIP frame veth1 gets,
# in hex; "respond SUB SECS VID..." answers each VLAN request with the
# notification fip_tool builds, from veth1's MAC to the requester.
PEER = r"""
import socket, subprocess, sys, time
mode, secs = sys.argv[1], float(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x8914))
s.bind(("veth1", 0))
s.settimeout(0.1)
mine = open("/sys/class/net/veth1/address").read().strip()
print("ready", flush=True)
end = time.time() + secs
while time.time() < end:
    try:
        b = s.recv(4096)
    except socket.timeout:
        continue
    if mode == "capture":
        print(b.hex(), flush=True)
    elif len(b) >= 20 and b[19] == 1:
        req = ":".join("%02x" % x for x in b[6:12])
        note = subprocess.run([sys.argv[4], "note", sys.argv[3], mine, req]
                              + sys.argv[5:], capture_output=True,
                              text=True, check=True).stdout.strip()
        s.send(bytes.fromhex(note))
"""


def tool(*args):
    return subprocess.run([str(TOOL), *map(str, args)], capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture(scope="module", autouse=True)
def built():
    subprocess.run(["make", "-s", "-C", str(ROOT), "build/tests/fip_tool"],
                   check=True, stdout=subprocess.DEVNULL)


@pytest.fixture
def ns():
    name = f"fipwire{os.getpid()}"
    ip = ["ip", "-n", name]
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        subprocess.run(ip + ["link", "add", "veth0", "type", "veth", "peer",
                             "name", "veth1"], check=True)
        subprocess.run(ip + ["link", "set", "veth1", "address", FCF_MAC],
                       check=True)
        for dev in ("lo", "veth0", "veth1"):
            subprocess.run(ip + ["link", "set", dev, "up"], check=True)
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False)


def in_ns(ns, *cmd, **kw):
    return ["ip", "netns", "exec", ns, *cmd]


def peer(ns, *args):
    """The peer on veth1, once its socket is bound."""
    p = subprocess.Popen(in_ns(ns, "/usr/bin/python3", "-c", PEER,
                               *map(str, args)),
                         stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline() == "ready\n"
    return p


def fipvlan(ns, mode, secs):
    cmd = ["timeout", str(secs), "fipvlan"]
    if mode == "vn2vn":
        cmd += ["-m", "vn2vn"]
    return subprocess.run(in_ns(ns, *cmd, "veth0"), capture_output=True,
                          text=True)


def mac_of(ns, dev):
    return subprocess.run(in_ns(ns, "cat", f"/sys/class/net/{dev}/address"),
                          capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.mark.parametrize("mode", ["fabric", "vn2vn"])
def test_request_is_what_fipvlan_sends(ns, mode):
    cap = peer(ns, "capture", 3)
    fipvlan(ns, mode, 2)
    frames = cap.communicate(timeout=10)[0].split()
    assert frames, "fipvlan sent nothing"
    mac = mac_of(ns, "veth0")
    want = tool("request", mac, mode)
    assert set(frames) == {want}
    assert tool("parse", want) == f"ok sub=1 mac={mac} name=0 vids="


@pytest.mark.parametrize("mode,sub,vids", [
    ("fabric", 2, [100]),
    ("fabric", 2, [100, 200, 1002]),
    ("vn2vn", 3, [0, 300, 301, 302]),
    ("vn2vn", 3, list(range(1, 41))),
])
def test_fipvlan_reads_our_notification(ns, mode, sub, vids):
    resp = peer(ns, "respond", 8, sub, TOOL, *vids)
    out = fipvlan(ns, mode, 8).stdout
    resp.kill()
    resp.wait()
    rows = re.findall(r"^veth0\s*\|\s*(\d+)\s*\|\s*([0-9a-f:]+)\s*$", out,
                      re.M)
    assert sorted(int(v) for v, _ in rows) == sorted(vids), out
    assert {m for _, m in rows} == {FCF_MAC}, out


def test_fipvlan_wants_the_subcode_of_its_mode(ns):
    """A fabric fipvlan takes no VN2VN notification: the reason discovery
    takes subcode 2 only for fabric entries and 3 only for VN2VN ones."""
    resp = peer(ns, "respond", 6, 3, TOOL, 100)
    out = fipvlan(ns, "fabric", 5).stdout
    resp.kill()
    resp.wait()
    assert not re.search(r"^veth0\s*\|", out, re.M), out
