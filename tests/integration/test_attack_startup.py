# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 11, info item: without -f, fcoemond must not exit 0 before start-up
is checked; an init script has only the exit status to go by."""


def test_daemon_mode_reports_a_monitor_that_fails_to_start(lab):
    a = lab.start(foreground=False)
    a.close_monitor_fds()
    a.driver_send({"cmd": "exit", "status": 3})     # dies before its HELLO
    assert a.proc.wait(timeout=10) == 3


def test_daemon_mode_reports_a_start_that_fails_before_the_monitor(lab):
    a = lab.start(foreground=False, user="no-such-user-fcit", wait_driver=False)
    assert a.proc.wait(timeout=10) == 1
    assert "does not exist" in a.stderr, a.stderr
