# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 11, info items on the monitor's side of the lldpad socket: only
lldpad (uid 0) speaks there, and a datagram over 4,096 bytes (lldpad's
largest message) is dropped whole -- never parsed from its first 4,096
bytes, which could make half a message look like a whole one.

The monitor's fd 4 is the actuator's autobound lldpad client socket; the
test finds its abstract name from the monitor's /proc and sends to it as
root (and as nobody) from the daemon's network namespace."""

import re
import socket
import subprocess
import time

from ctlproto import NOBODY
from daemon import Daemon

MALFORMED = r"lldpad: malformed datagram"
DROPPED = r"dropped a datagram on the lldpad socket"


def lldpad_name(d):
    """The abstract name of the monitor's fd 4, as /proc/net/unix says."""
    mpid = d.monitor_pid()
    inode = re.fullmatch(r"socket:\[(\d+)\]",
                         __import__("os").readlink(f"/proc/{mpid}/fd/4"))[1]
    with open(f"/proc/{mpid}/net/unix") as f:
        for line in f:
            cols = line.split()
            if len(cols) >= 8 and cols[6] == inode:
                assert cols[7].startswith("@"), cols
                return b"\0" + cols[7][1:].encode()
    raise AssertionError(f"socket inode {inode} not in /proc/net/unix")


def started(lab):
    d = Daemon(lab, {})
    d.wait_log(r"sandbox: ")
    return d


def test_root_datagram_over_4096_bytes_is_dropped_not_parsed(lab):
    """From root, 5,000 bytes: a warning saying so, nothing parsed.  Right
    at the limit, 4,096 bytes of the same junk are parsed (and found
    malformed): the boundary is lldpad's, not lower."""
    d = started(lab)
    name = lldpad_name(d)
    s = d.netns.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.sendto(b"R" * 5000, name)
    i, line = d.wait_log(DROPPED)
    assert re.search(r"over 4096 bytes or its credentials cut \(uid 0, "
                     r"5000 bytes; 1 dropped so far\)", line), line
    d.settle(quiet=0.3)
    assert not [l for l in d.lines() if re.search(MALFORMED, l)], d.context()
    n = len(d.lines())
    s.sendto(b"R" * 4096, name)
    d.wait_log(MALFORMED, after=n)
    s.close()
    assert len([l for l in d.lines() if re.search(DROPPED, l)]) == 1


def test_datagram_not_from_root_is_dropped(lab):
    """From nobody, even a well-formed lldpad reply is not lldpad's."""
    d = started(lab)
    name = lldpad_name(d)
    code = ("import socket,sys; s=socket.socket(socket.AF_UNIX, "
            "socket.SOCK_DGRAM); s.sendto(b'R00PPONG4321', "
            "bytes.fromhex(sys.argv[1]))")
    subprocess.run(["nsenter", f"--net={d.netns.path}", "--", *NOBODY,
                    "/usr/bin/python3", "-c", code, name.hex()],
                   check=True, timeout=10)
    i, line = d.wait_log(DROPPED)
    assert "not from uid 0 (uid 65534, 12 bytes; 1 dropped so far)" in line, \
        line
    assert not [l for l in d.lines() if re.search(MALFORMED, l)]


def test_wedged_lldpad_is_reported_once_and_in_status(lab, sim):
    """lldpad's socket takes our queries but nothing answers (upstream
    lldpad wedges this way once a local client leaves about a dozen replies
    unread; the simulator's pause is the same from outside): after one
    keepalive period fcoemond says "lldpad unresponsive" once -- not once
    per retry -- and fcoectl status shows it on the waiting interface.  An
    answer again ends the episode."""
    from ctlproto import fcoectl
    from daemon import CFG_DCB
    sim.pause()
    d = Daemon(lab, {"veth0": CFG_DCB}, netns=sim.ns)
    i, line = d.wait_log(r"lldpad unresponsive", timeout=15)
    assert re.search(r"lldpad unresponsive: 1 queries unanswered for 10 s "
                     r"each; restart lldpad", line), line
    def why():
        r = fcoectl(d.netns, "--json", "status")
        assert r.returncode == 0, r
        return __import__("json").loads(r.stdout)["interfaces"][0]["why"]
    assert why().startswith("waiting: lldpad unresponsive"), why()
    # the next attach goes unanswered too: status counts it, the log is
    # not written again
    end = time.monotonic() + 15
    while "2 queries unanswered" not in why():
        assert time.monotonic() < end, why()
        time.sleep(0.5)
    assert len([l for l in d.lines() if "lldpad unresponsive" in l]) == 1
    sim.resume()
    d.wait_log(r"attached to lldpad", timeout=15)
    d.wait_op("fcoe_create", "veth0", timeout=15)
