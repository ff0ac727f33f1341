# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Configuration as the whole daemon sees it: SIGHUP applies only the
difference, a bad file keeps its entry, --check-config like `sshd -t`."""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from conftest import FCOEMOND
from daemon import CFG_NO_DCB, CFG_VN2VN, MONITOR, Daemon


def test_reload_applies_only_the_difference(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    d.write_cfg("veth1", CFG_NO_DCB)
    d.signal(signal.SIGHUP)
    d.wait_op("fcoe_create", "veth1")
    d.settle()
    # veth0's running instance never blinks on reload.
    assert [(o, i) for o, i, _ in d.ops()] == [("fcoe_create", "veth0"),
                                               ("fcoe_create", "veth1")]
    d.remove_cfg("veth0")
    d.signal(signal.SIGHUP)
    d.wait_op("fcoe_destroy", "veth0")
    d.wait_log(r"veth0: FCoE instance destroyed \(removed from the configuration\)")
    d.settle()
    assert [(o, i) for o, i, _ in d.ops()][2:] == [("fcoe_destroy", "veth0")]


def test_reload_with_a_broken_file_keeps_the_entry(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    d.write_cfg("veth0", "FCOE_ENABLE=yes\n")       # unquoted: an error
    d.signal(signal.SIGHUP)
    d.wait_log(r"cfg-veth0:1: .*")
    d.settle()
    assert [o for o, _, _ in d.ops()] == ["fcoe_create"]


def test_mode_change_recreates(lab):
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    d.write_cfg("veth0", CFG_VN2VN)
    d.signal(signal.SIGHUP)
    d.wait_op("fcoe_create", "veth0", count=2)
    d.settle()
    assert [o for o, _, _ in d.ops()] == ["fcoe_create", "fcoe_destroy",
                                          "fcoe_create"]
    assert d.sysfs.take().get("/sys/module/libfcoe/parameters/create_vn2vn") == b"veth0"


def test_bad_file_skipped_rest_loads(lab):
    d = Daemon(lab, {"veth0": 'FCOE_ENABLE="yes"\nMODE="vn2vm"\n',
                     "veth1": CFG_NO_DCB})
    d.wait_log(r"cfg-veth0:2: error: MODE=\"vn2vm\": unknown mode")
    d.wait_op("fcoe_create", "veth1")
    d.settle()
    assert [i for _, i, _ in d.ops()] == ["veth1"]


def _check(argv, tmp_path, files):
    for n, t in files.items():
        (tmp_path / f"cfg-{n}").write_text(t)
    return subprocess.run(argv + [str(tmp_path)], capture_output=True,
                          text=True)


def test_check_config_good(tmp_path):
    r = _check([str(MONITOR), "--check-config"], tmp_path,
               {"eth0": CFG_NO_DCB, "eth1.100": CFG_VN2VN})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[0].split()[0] == "eth0"
    assert "eth1.100" in r.stdout and "mode=vn2vn" in r.stdout
    assert "2 interfaces, 0 errors" in r.stderr


def test_check_config_errors_through_fcoemond():
    # Run by root, the checker is the monitor user: the directory must be
    # one that user can read (pytest's tmp_path is root-only), and so must
    # the monitor it runs (a clone in /root, mode 0700, is not): a copy.
    d = Path(tempfile.mkdtemp(prefix="fcchk-"))
    try:
        os.chmod(d, 0o755)
        shutil.copy2(MONITOR, d / "fcoemond-monitor")
        r = _check([str(FCOEMOND), "--monitor", str(d / "fcoemond-monitor"),
                    "--user", "nobody", "--check-config"], d,
                   {"eth0": "FCOE_ENABLE=yes\n", "eth1": CFG_NO_DCB})
    finally:
        shutil.rmtree(d, ignore_errors=True)
    assert r.returncode == 1, r.stderr
    assert f"{d}/cfg-eth0:1: " in r.stderr
    assert r.stdout.split() [0] == "eth1"


def test_reload_refuses_foreign_and_linked_files_and_lives_on(lab):
    """A cfg file owned by another user, or a symbolic link, is refused with
    its reason; the owner check runs inside the monitor's seccomp filter,
    so a refusal must not kill it (geteuid is allowed)."""
    import os
    d = Daemon(lab, {"veth0": CFG_NO_DCB})
    d.wait_op("fcoe_create", "veth0")
    d.write_cfg("veth1", CFG_NO_DCB)
    os.chown(d.cfgdir / "cfg-veth1", 4242, -1)
    os.symlink("cfg-veth1", d.cfgdir / "cfg-veth2")
    d.signal(signal.SIGHUP)
    d.wait_log(r"cfg-veth1: error: owned by uid 4242; refused")
    d.wait_log(r"cfg-veth2: error: a symbolic link; not followed")
    os.chown(d.cfgdir / "cfg-veth1", 0, -1)
    d.signal(signal.SIGHUP)
    d.wait_op("fcoe_create", "veth1")
    d.settle()
    assert [(o, i) for o, i, _ in d.ops()] == [("fcoe_create", "veth0"),
                                               ("fcoe_create", "veth1")]
