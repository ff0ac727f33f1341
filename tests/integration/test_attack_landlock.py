# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 11, item 9: the actuator's Landlock rules allowed every net-device
attribute (MTU, ifalias, tx_queue_len...) and every file beside the FCoE
ones.  Now: write_file on the kernel's FCoE files themselves, beneath the
directory of each Ethernet net device present at start-up (where instances
appear later, which Landlock cannot name in advance), and beneath
/sys/devices/virtual/net (VLANs made while the daemon runs).  Checked two
ways: the real actuator under a compromised monitor writes only FCoE files;
and the production ruleset (privsep/landlock.c through
build/tests/landlock_probe) refuses the rest and allows exactly the stated
residual."""

import errno
import itertools
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

import fcp
from conftest import ENV, ROOT, FakeSysfs, landlock_abi

PROBE = Path(os.environ.get("FCOEMOND_LANDLOCK_PROBE",
                            ROOT / "build" / "tests" / "landlock_probe"))

# What the actuator may write, as the kernel lays it out.
FCOE_FILE = re.compile(
    r"^/sys/(bus/fcoe/ctlr_(create|destroy)"
    r"|module/libfcoe/parameters/(create|create_vn2vn|destroy|enable|disable)"
    r"|devices/virtual/net/[^/]+/ctlr_\d+/(enabled|mode)"
    r"|devices/virtual/net/[^/]+/ctlr_\d+/host\d+/fc_host/host\d+/issue_lip"
    r"|devices/virtual/net/[^/]+/ctlr_\d+/host\d+/scsi_host/host\d+/scan)$")


# The pre-2.6.39 fcoe module parameters are never written, even when present
# beside libfcoe's (SECURITY.md section 3).
@pytest.mark.parametrize("kifs", [("bus",), ("libfcoe",), ("libfcoe", "fcoe")],
                         ids=lambda k: "+".join(k))
def test_compromised_monitor_causes_writes_to_fcoe_files_only(lab, kifs):
    ctlrs = {"veth0": (0, 2), "lo": (1, 3)}
    a = lab.start(kifs=kifs, ctlrs=ctlrs)
    a.hello()
    names = ["veth0", "veth1", "lo", "..", "veth0/../lo", "mtu", "ctlr_0"]
    types = [fcp.FCOE_CREATE, fcp.FCOE_DESTROY, fcp.FCOE_ENABLE,
             fcp.FCOE_DISABLE, fcp.FCOE_RESET, fcp.FCOE_SCAN]
    written = {}
    for t, name in itertools.product(types, names):
        try:
            pl = fcp.fcoe_create(name) if t == fcp.FCOE_CREATE else fcp.ifreq(name)
        except (ValueError, AssertionError):
            continue
        a.request(t, pl)
        written.update(a.sysfs.take())
    assert written, "nothing was written at all: the test proves nothing"
    bad = sorted(p for p in written if not FCOE_FILE.match(p))
    assert not bad, f"writes outside the FCoE files: {bad}"


def physical(stage, name, type_):
    """A PCI net device (not under devices/virtual) of the given ARPHRD type."""
    base = stage / "devices/pci0000:00/0000:00:03.0/net" / name
    base.mkdir(parents=True)
    (base / "type").write_text(f"{type_}\n")
    for attr in ("mtu", "ifalias"):
        (base / attr).write_bytes(b"")
    os.symlink(f"../../devices/pci0000:00/0000:00:03.0/net/{name}",
               stage / "class/net" / name)


def probe(tmp, paths, netdevs=("lo", "veth0", "veth1")):
    if "FCOEMOND_LANDLOCK_PROBE" not in os.environ:     # up to date with the code
        subprocess.run(["make", "-s", "-C", str(ROOT), str(PROBE.relative_to(ROOT))],
                       check=False, stdout=subprocess.DEVNULL)
    assert PROBE.exists(), f"{PROBE} not built (make sandbox-tests)"
    sysfs = FakeSysfs(tmp / "sys", kifs=("bus", "libfcoe"), netdevs=netdevs)
    try:
        (tmp / "sys" / "bus/fcoe/uevent").write_bytes(b"")
        physical(tmp / "sys", "ib0", 32)         # ARPHRD_INFINIBAND
        physical(tmp / "sys", "eth9", 1)         # ARPHRD_ETHER
        r = subprocess.run(
            ["unshare", "--mount", "--propagation", "private", "--",
             "sh", "-c", 'mount --bind "$0" /sys && exec "$@"',
             str(tmp / "sys"), str(PROBE), *paths],
            env=ENV, capture_output=True, text=True, timeout=20)
    finally:
        sysfs.close()
    lines = r.stdout.splitlines()
    assert lines and lines[0].startswith("abi "), (r.stdout, r.stderr)
    assert int(lines[0].split()[1]) > 0, f"landlock not in force: {lines[0]}"
    return {p: int(e) for p, e in (l.rsplit(" ", 1) for l in lines[1:])}


def test_landlock_ruleset_refuses_non_fcoe_attributes():
    if landlock_abi() == 0:
        pytest.skip("no Landlock in this kernel")
    allowed = ["/sys/bus/fcoe/ctlr_create", "/sys/bus/fcoe/ctlr_destroy",
               "/sys/module/libfcoe/parameters/create",
               "/sys/module/libfcoe/parameters/destroy",
               "/sys/class/net/veth0/ctlr_0/enabled",
               "/sys/class/net/veth0/ctlr_0/mode",
               "/sys/class/fc_host/host2/issue_lip",
               "/sys/class/scsi_host/host2/scan"]
    denied = ["/sys/class/net/ib0/mtu", "/sys/class/net/ib0/ifalias",
              "/sys/bus/fcoe/uevent",
              "/sys/module/libfcoe/parameters/debug_logging"]
    # Residual, stated in SECURITY.md: an Ethernet device's own attributes
    # share the directory where its instances will appear, and every virtual
    # device's the directory where VLANs made later appear.
    residual = ["/sys/class/net/eth9/mtu", "/sys/class/net/veth0/mtu",
                "/sys/class/net/lo/mtu"]
    with tempfile.TemporaryDirectory(prefix="fcit-ll-") as tmp:
        got = probe(Path(tmp), allowed + denied + residual)
    assert {p: got[p] for p in allowed} == {p: 0 for p in allowed}, got
    assert {p: got[p] for p in denied} == {p: errno.EACCES for p in denied}, got
    assert {p: got[p] for p in residual} == {p: 0 for p in residual}, got
