# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 11, item 8 and the stalled-channel info item: a monitor that breaks
the protocol, ignores SIGTERM and never looks at fd 3 must not outlive the
actuator, with or without systemd.  The actuator keeps CAP_KILL, usable
only as SIGKILL through the monitor's pidfd (seccomp), and PDEATHSIG is
SIGKILL."""

import os
import signal
import time

import fcp


def gone(a, timeout=3.0):
    """The driver's wait status once it is dead (pytest is its subreaper),
    or None if it is still running after timeout."""
    end = time.monotonic() + timeout
    while True:
        p, st = os.waitpid(a.driver_pid, os.WNOHANG)
        if p == a.driver_pid:
            a.driver_pid = None
            return st
        if time.monotonic() > end:
            return None
        time.sleep(0.02)


def test_protocol_breaker_is_killed_on_violation(lab):
    a = lab.start()
    a.hello()
    assert a.driver_cmd({"cmd": "ignore_signals"})["ok"]
    a.send_raw(b"\0" * 7)                        # shorter than a header
    assert a.wait() == 2
    st = gone(a)
    assert st is not None, "the monitor outlived the actuator"
    assert os.WIFSIGNALED(st) and os.WTERMSIG(st) == signal.SIGKILL, st
    v = a.audit.wait(event="violation")
    k = a.audit.wait(event="kill")
    assert k["signo"] == str(int(signal.SIGKILL)) and k["reason"] == "violation", k
    assert int(k["rec"]) > int(v["rec"]), (v, k)


def test_monitor_dies_with_a_sigkilled_actuator(lab):
    a = lab.start()
    a.hello()
    assert a.driver_cmd({"cmd": "ignore_signals"})["ok"]
    os.kill(a.pid, signal.SIGKILL)              # no chance to kill anything
    a.proc.wait()
    st = gone(a)
    assert st is not None, "PDEATHSIG did not reach the monitor's uid"
    assert os.WIFSIGNALED(st) and os.WTERMSIG(st) == signal.SIGKILL, st


def test_monitor_that_stops_reading_is_killed(lab):
    """The actuator's replies pile up unread: after CHAN_SEND_WAIT_MS it
    gives up, records a violation and kills the monitor instead of
    blocking forever."""
    a = lab.start()
    a.hello()
    assert a.driver_cmd({"cmd": "ignore_signals"})["ok"]
    a.ipc.setblocking(False)
    sent = 0
    end = time.monotonic() + 30
    while a.alive() and time.monotonic() < end:   # never read a reply
        try:
            a.send_raw(fcp.frame(fcp.LLDPAD_CONNECT, b"", a.next_seq()))
            sent += 1
        except BlockingIOError:
            time.sleep(0.05)
        except OSError:
            break
    assert a.wait(timeout=15) == 2
    v = a.audit.wait(event="violation")
    assert v["reason"] == "stalled", v
    st = gone(a)
    assert st is not None and os.WTERMSIG(st) == signal.SIGKILL, st
    assert sent > 0
