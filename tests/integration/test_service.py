# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""fcoemond under what etc/fcoemond.service.in asks of the kernel: its
capability bounding set, no_new_privs and its syscall, address-family and
W^X filters (unit_exec.py sets them up as systemd would before exec), and
its read-only file system with the ReadWritePaths= holes, emulated over the
test's fake /sys.  The daemon must start completely with them -- both
processes in their sandbox, an FCoE instance made -- and stop with status 0
on SIGTERM; and every capability, the re-allowed syscalls, each address
family and each writable sysfs directory the unit lists must be needed."""

import errno
import re
import signal
import sys
from pathlib import Path

import pytest

from conftest import HERE, ROOT
from daemon import CFG_NO_DCB, Daemon

UNIT = ROOT / "etc" / "fcoemond.service.in"
UNIT_EXEC = HERE / "unit_exec.py"


def under_unit(lab, unit, cfg=None, **kw):
    """The daemon under the unit's kernel restrictions and its file system
    view (unit_exec.py --mounts) over the test's fake /sys."""
    d = Daemon(lab, {"veth0": CFG_NO_DCB} if cfg is None else cfg,
               start=False, **kw)
    d.argv = [sys.executable, str(UNIT_EXEC), "--mounts", str(unit), "--",
              *d.argv]
    return d.start()


def adopted_disabled(s):
    s.host_path("/sys/devices/virtual/net/veth0/ctlr_0/enabled").write_bytes(b"0\n")


def monitor_sandboxed(d):
    return any(line.startswith("sandbox:") for line in d.lines())


def unit_variant(tmp_path, edit):
    text = UNIT.read_text()
    new = edit(text)
    assert new != text, "the edit did not change the unit"
    p = tmp_path / "fcoemond.service"
    p.write_text(new)
    return p


def test_unit_sandbox_is_enough_to_start_and_stop(lab):
    d = under_unit(lab, UNIT)
    start = d.log.wait(timeout=5.0, event="start")
    assert start.get("user") == "nobody"
    sb = d.log.wait(timeout=5.0, event="sandbox")
    assert sb.get("caps") == "net_admin,kill" and sb.get("seccomp") == "kill"
    d.wait_log(r"^sandbox: no capabilities, seccomp kill")
    d.wait_op("fcoe_create", "veth0")
    assert d.ops() == [("fcoe_create", "veth0", 0)], d.context()
    d.signal(signal.SIGTERM)
    assert d.wait(5.0) == 0, d.context()
    assert d.log.wait(timeout=2.0, event="shutdown").get("status") == "0"


@pytest.mark.parametrize("cap", ["CAP_NET_ADMIN", "CAP_KILL", "CAP_SETUID", "CAP_SETGID",
                                 "CAP_SETPCAP", "CAP_NET_RAW"])
def test_each_capability_of_the_bounding_set_is_needed(lab, tmp_path, cap):
    unit = unit_variant(tmp_path, lambda t: re.sub(
        r"^(CapabilityBoundingSet=.*)\b%s\b" % cap, r"\1", t, flags=re.M))
    d = under_unit(lab, unit)
    assert d.wait(5.0) != 0, d.context()
    assert not monitor_sandboxed(d), d.context()
    assert re.search(r"privilege|dropping|capabilit", d.stderr), d.context()


def test_the_re_allowed_syscalls_are_needed(lab, tmp_path):
    unit = unit_variant(tmp_path, lambda t: re.sub(
        r"^SystemCallFilter=@setuid .*\n", "", t, flags=re.M))
    d = under_unit(lab, unit)
    assert d.wait(5.0) != 0, d.context()
    assert not monitor_sandboxed(d), d.context()


@pytest.mark.parametrize("family", ["AF_UNIX", "AF_NETLINK", "AF_PACKET"])
def test_each_address_family_is_needed(lab, tmp_path, family):
    unit = unit_variant(tmp_path, lambda t: re.sub(
        r"^(RestrictAddressFamilies=.*)\b%s\b" % family, r"\1", t,
        flags=re.M))
    d = under_unit(lab, unit)
    assert d.wait(5.0) != 0, d.context()


def test_ctlr_files_under_sys_devices_are_writable(lab):
    d = under_unit(lab, UNIT, kifs=("bus",), ctlrs={"veth0": (0, 2)},
                   prepare=adopted_disabled)
    d.wait_op("fcoe_enable", "veth0")
    assert d.ops() == [("fcoe_enable", "veth0", 0)], d.context()
    assert d.sysfs.take().get(
        "/sys/devices/virtual/net/veth0/ctlr_0/enabled") == b"1\n"


def test_without_sys_devices_writable_enable_fails(lab, tmp_path):
    unit = unit_variant(tmp_path, lambda t: re.sub(
        r"^(ReadWritePaths=.*) /sys/devices ", r"\1 ", t, flags=re.M))
    d = under_unit(lab, unit, kifs=("bus",), ctlrs={"veth0": (0, 2)},
                   prepare=adopted_disabled)
    d.wait_op("fcoe_enable", "veth0")
    assert d.ops()[0] == ("fcoe_enable", "veth0", errno.EROFS), d.context()


def test_without_module_parameters_writable_create_fails(lab, tmp_path):
    unit = unit_variant(tmp_path, lambda t: re.sub(
        r" -/sys/module/libfcoe/parameters$", "", t, flags=re.M))
    d = under_unit(lab, unit)
    d.wait_op("fcoe_create", "veth0")
    assert d.ops()[0] == ("fcoe_create", "veth0", errno.EROFS), d.context()
