# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 11 item 5: a local user must not keep root's fcoectl out by filling
the control socket's connection slots, nor hold a slot by trickling its
request a byte at a time.

The attacker (uid 65534, in the daemon's network and mount namespaces)
opens many connections to /run/fcoemond/ctl and, on every one the daemon
keeps, sends one byte of a 32-byte request every 0.25 s.  While it does,
root runs `fcoectl status`.  The daemon keeps PEER_CTL_ROOT of its 16
slots for root, gives one uid at most PEER_CTL_PER_UID, and closes a
connection PEER_CTL_READ_MS after its accept however it trickles."""

import json
import subprocess

from ctlproto import NOBODY, fcoectl
from daemon import CFG_NO_DCB, Daemon

PER_UID = 4          # monitor/control/peer.h PEER_CTL_PER_UID
READ_S = 5.0         # monitor/control/peer.h PEER_CTL_READ_MS

# Opens N connections, says "ready N_OPEN", then trickles one byte per
# tick on each open one until it is closed or 31 bytes are out; prints,
# per connection kept at first, how many bytes went out and after how long
# (from its connect) the daemon closed it (null: never, within the run).
TRICKLE = r"""
import json, select, socket, sys, time
N, TICK = int(sys.argv[1]), float(sys.argv[2])
def connect(s):
    # the abstract name only where the path is missing: the parent commit
    # of issue 11 served there, and this shows the attack worked on it
    try:
        s.connect("/run/fcoemond/ctl")
    except FileNotFoundError:
        s.connect(b"\0fcoemond/ctl")
conns = []
for _ in range(N):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        connect(s)
    except OSError:
        s.close()
        continue
    conns.append({"s": s, "t0": time.monotonic(), "sent": 0, "closed": None})
time.sleep(0.3)          # refused ones are closed at once: see which
def gone(c):
    try:
        c["s"].setblocking(False)
        return c["s"].recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
kept = [c for c in conns if not gone(c)]
print("ready", len(kept), flush=True)
end = time.monotonic() + 31 * TICK + 2
while time.monotonic() < end and any(c["closed"] is None for c in kept):
    for c in kept:
        if c["closed"] is not None:
            continue
        if gone(c):
            c["closed"] = time.monotonic() - c["t0"]
            continue
        if c["sent"] < 31:
            try:
                c["s"].send(b"\x46")
                c["sent"] += 1
            except OSError:
                c["closed"] = time.monotonic() - c["t0"]
    time.sleep(TICK)
print(json.dumps([{"sent": c["sent"], "closed": c["closed"]} for c in kept]),
      flush=True)
"""


def trickler(d, n, tick):
    return subprocess.Popen(
        ["nsenter", f"--net={d.netns.path}",
         f"--mount=/proc/{d.proc.pid}/ns/mnt", "--", *NOBODY,
         "/usr/bin/python3", "-c", TRICKLE, str(n), str(tick)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_trickling_user_cannot_keep_root_out(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    p = trickler(d, 30, 0.25)
    lab.cleanups.append(lambda: p.poll() is None and (p.kill(), p.wait()))
    line = p.stdout.readline().split()
    assert line[:1] == ["ready"], p.stderr.read()
    # root is served while the user holds all it may
    r = fcoectl(d.netns, "status")
    assert r.returncode == 0, r
    assert "veth0" in r.stdout
    # one uid gets its share of the slots, no more
    assert int(line[1]) == PER_UID, line
    out, err = p.communicate(timeout=30)
    assert p.returncode == 0, err
    conns = json.loads(out.splitlines()[-1])
    assert len(conns) == PER_UID
    for c in conns:
        # closed by the daemon before its request was whole (31 bytes of
        # 32 would take 7.75 s), at the deadline counted from the accept
        assert c["closed"] is not None, conns
        assert c["sent"] < 31, conns
        assert c["closed"] < READ_S + 1.5, conns
    d.wait_log(r"fcoectl: connection from uid 65534 pid \d+ refused: \d+ "
               r"open, 4 of them by this uid \(4 kept for root, 4 per uid\)")
    assert d.alive(), d.context()


def test_root_still_served_when_users_fill_their_slots(lab):
    """Three users' worth of connections (12, all non-root slots) cannot
    take the four kept for root: root's status and a change both work."""
    d = Daemon(lab, {})
    d.wait_log(r"sandbox: ")
    procs = []
    for uid in (65534, 65533, 65532):
        p = subprocess.Popen(
            ["nsenter", f"--net={d.netns.path}",
             f"--mount=/proc/{d.proc.pid}/ns/mnt", "--", "setpriv",
             f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
             "/usr/bin/python3", "-c", TRICKLE, "8", "0.25"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lab.cleanups.append(lambda p=p: p.poll() is None and (p.kill(), p.wait()))
        procs.append(p)
    kept = [int(p.stdout.readline().split()[1]) for p in procs]
    assert sum(kept) == 12 and max(kept) <= PER_UID, kept
    r = fcoectl(d.netns, "status")
    assert r.returncode == 0, r
    r = fcoectl(d.netns, "create", "veth0")
    assert r.returncode == 0, r
    d.wait_op("fcoe_create", "veth0")
    for p in procs:
        p.communicate(timeout=30)
