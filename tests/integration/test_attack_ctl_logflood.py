# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 11 item 6: a local user must not flood the log through either
control socket.  Malformed datagrams on @fcm_clif, malformed records and
refused changes on /run/fcoemond/ctl go through one limiter per socket
(monitor/control/peer.c): at most PEER_LOG_BURST lines per window, then
one summary line with the exact count of those not logged."""

import re
import subprocess

import ctlrec

from ctlproto import NOBODY
from daemon import CFG_NO_DCB, Daemon

BURST = 10           # monitor/control/peer.h PEER_LOG_BURST
WINDOW_S = 10        # PEER_LOG_WINDOW_MS / 1000

# N malformed datagrams (3 bytes: too short) to @fcm_clif from an unnamed
# socket, N bad-magic records to fcoectl's socket (one per connection, as
# the protocol has it), and N refused creates; then "done".
FLOOD = r"""
import socket, struct, sys
n, create = int(sys.argv[1]), bytes.fromhex(sys.argv[2])
u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
for _ in range(n):
    u.sendto(b"abc", b"\0fcm_clif")
def connect(s):
    # the abstract name only where the path is missing: the parent commit
    # of issue 11 served there, and this shows the attack worked on it
    try:
        s.connect("/run/fcoemond/ctl")
    except FileNotFoundError:
        s.connect(b"\0fcoemond/ctl")
def ctl(rec):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    connect(s)
    s.sendall(rec)
    while s.recv(4096):
        pass
    s.close()
for _ in range(n):
    ctl(struct.pack("=IHH16sII", 0x12345678, 1, 1, b"", 0, 0))
for _ in range(n):
    ctl(create)
print("done", flush=True)
"""


def count(lines, rx):
    return sum(1 for l in lines if re.search(rx, l))


def summaries(d, who):
    rx = re.compile(who + r": (\d+) more refused or malformed requests not "
                    r"logged \(at most 10 lines per 10 s; (\d+) since start\)")
    return [tuple(map(int, m.groups())) for l in d.lines()
            if (m := rx.search(l))]


def test_malformed_and_refused_requests_are_rate_limited(lab):
    n = 200
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    r = subprocess.run(
        ["nsenter", f"--net={d.netns.path}",
         f"--mount=/proc/{d.proc.pid}/ns/mnt", "--", *NOBODY,
         "/usr/bin/python3", "-c", FLOOD, str(n),
         ctlrec.req(ctlrec.CMDS["create"], "veth0").hex()],
        capture_output=True, text=True, timeout=120)
    assert r.stdout == "done\n", r.stderr
    # the summaries come when the window is over
    d.wait_log(r"fcm_clif: \d+ more refused or malformed", timeout=WINDOW_S + 5)
    d.wait_log(r"fcoectl: \d+ more refused or malformed", timeout=WINDOW_S + 5)
    d.settle(quiet=1.0)
    ls = d.lines()
    clif = count(ls, r"fcm_clif: malformed request \(3 bytes\) from uid 65534")
    bad = count(ls, r"fcoectl: malformed request from uid 65534")
    refused = count(ls, r"fcoectl: create veth0 from uid 65534 pid \d+ "
                        r"refused: only root")
    assert 1 <= clif <= BURST, clif
    assert 1 <= bad + refused <= BURST, (bad, refused)
    # every one is counted: logged plus summarised is what was sent
    (s_clif, t_clif), = summaries(d, "fcm_clif")
    assert clif + s_clif == n and t_clif == n, (clif, s_clif, t_clif)
    told = sum(k for k, _ in summaries(d, "fcoectl"))
    assert bad + refused + told == 2 * n, (bad, refused, told)
    assert d.alive(), d.context()
