# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Signals relayed as notices; the pair's lifecycle (exit statuses, peer_exit,
PDEATHSIG)."""

import os
import select
import signal
import time

import pytest

import fcp
from conftest import PRI_NOTICE


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1,
                                 signal.SIGINT], ids=lambda s: s.name)
def test_signal_relayed_as_notice(act, sig):
    os.kill(act.pid, sig)
    m = act.recv(timeout=3)
    assert m is not None, "EOF instead of a SIGNAL notice"
    assert (m.magic, m.version, m.type, m.seq, m.len, m.flags, m.status) == \
        (fcp.MAGIC, fcp.VERSION, fcp.SIGNAL, 0, 8, 0, 0), m
    assert fcp.parse_signal(m.payload) == (int(sig), 0)
    rec = act.audit.wait(event="signal")
    assert rec["signo"] == str(int(sig)) and rec["seq"] == "0", rec
    assert rec.pri == PRI_NOTICE, rec
    # it does not exit, and keeps serving
    time.sleep(0.1)
    assert act.alive()
    m = act.request(fcp.FCOE_DISABLE, fcp.ifreq("veth0"))
    assert m.status == 0, m
    assert act.sysfs.take() == {"/sys/devices/virtual/net/veth0/ctlr_0/enabled": b"0"}


def test_several_signals(act):
    for sig in (signal.SIGHUP, signal.SIGUSR1, signal.SIGHUP):
        os.kill(act.pid, sig)
        m = act.recv(timeout=3)
        assert m.type == fcp.SIGNAL and fcp.parse_signal(m.payload)[0] == sig, m
    deadline = time.monotonic() + 3
    while len(act.audit.find(event="signal")) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [r["signo"] for r in act.audit.find(event="signal")] == ["1", "10", "1"]
    assert act.alive()


def test_signal_between_requests_does_not_disturb_replies(act):
    os.kill(act.pid, signal.SIGUSR1)
    m = act.request(fcp.FCOE_ENABLE, fcp.ifreq("veth0"))  # skips and keeps the notice
    assert m.status == 0
    notices = act.notices + ([] if act.notices else [act.recv(timeout=3)])
    assert [fcp.parse_signal(n.payload)[0] for n in notices] == [signal.SIGUSR1]


@pytest.mark.parametrize("status", [0, 7, 42])
def test_monitor_exit_status_is_the_actuators(act, status):
    act.close_monitor_fds()
    act.driver_send({"cmd": "exit", "status": status})
    assert act.wait() == status
    rec = act.audit.wait(event="peer_exit")
    assert rec["status"] == str(status), rec
    assert rec.pri == PRI_NOTICE, rec
    rec = act.audit.wait(event="shutdown")       # the last lifecycle record
    assert rec["status"] == str(status), rec


def test_monitor_killed(act):
    act.close_monitor_fds()
    os.kill(act.driver_pid, signal.SIGKILL)
    assert act.wait() == 128 + signal.SIGKILL
    act.audit.wait(event="peer_exit")


def test_monitor_exit_before_hello(lab):
    a = lab.start()
    a.close_monitor_fds()
    a.driver_send({"cmd": "exit", "status": 3})
    assert a.wait() == 3
    assert a.sysfs.take() == {}


def test_monitor_has_pdeathsig_armed(act):
    # Armed after the uid change (which clears it), SIGKILL so that it cannot
    # be ignored; it reaches the monitor's uid because the actuator keeps
    # CAP_KILL (test_attack_kill.py shows it firing).
    assert act.driver["pdeathsig"] == signal.SIGKILL, act.driver


def test_monitor_sees_eof_when_actuator_dies(act):
    os.kill(act.pid, signal.SIGKILL)
    act.proc.wait()
    assert act.recv(timeout=2) is None
