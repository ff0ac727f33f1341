# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""`fcoemond --check-config DIR` run by root: the checker runs as the
monitor user with no capability and no_new_privs (SECURITY.md §2), so a cfg
directory can show it nothing the daemon's monitor could not read.  The
attack: a root-only file named (or symlinked) as cfg-x, whose lines a
checker running as root printed."""

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import FCOEMOND, ROOT
from daemon import CFG_NO_DCB

MONITOR = ROOT / "build" / "fcoemond-monitor"
SECRET = "SECRET_7c1e_only_root_may_read_this"
STATUS_KEYS = ("Uid", "Gid", "Groups", "CapInh", "CapPrm", "CapEff", "CapBnd",
               "CapAmb", "NoNewPrivs")

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="needs root")


@pytest.fixture
def stage():
    """A directory everyone may traverse (pytest's own tmp is root-only),
    holding a copy of the monitor so the monitor user can run it wherever
    the checkout lives."""
    d = Path(tempfile.mkdtemp(prefix="fcchk-"))
    os.chmod(d, 0o755)
    shutil.copy2(MONITOR, d / "fcoemond-monitor")
    (d / "fcoe").mkdir(mode=0o755)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def check(stage, monitor=None, user="nobody"):
    argv = [str(FCOEMOND), "--monitor", str(monitor or stage / "fcoemond-monitor")]
    if user is not None:
        argv += ["--user", user]
    return subprocess.run(argv + ["--check-config", str(stage / "fcoe")],
                          capture_output=True, text=True, timeout=20)


def root_only(path: Path, text: str):
    path.write_text(text)
    os.chown(path, 0, 0)
    os.chmod(path, 0o600)


def test_root_only_cfg_file_is_not_read(stage):
    (stage / "fcoe" / "cfg-veth0").write_text(CFG_NO_DCB)
    root_only(stage / "fcoe" / "cfg-veth1", f'FCOE_ENABLE="yes"\n{SECRET}\n')
    r = check(stage)
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert f"{stage}/fcoe/cfg-veth1" in r.stderr, r.stderr
    assert "Permission denied" in r.stderr, r.stderr
    assert SECRET not in r.stdout + r.stderr
    # the readable file is still checked and listed
    assert r.stdout.split()[0] == "veth0", r.stdout


def test_symlink_to_a_root_only_file_is_not_read(stage):
    secret = stage / "shadow-like"
    root_only(secret, f'FCOE_ENABLE="yes"\n{SECRET}\n')
    (stage / "fcoe" / "cfg-veth2").symlink_to(secret)
    r = check(stage)
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert f"{stage}/fcoe/cfg-veth2" in r.stderr, r.stderr
    assert SECRET not in r.stdout + r.stderr


def test_unreadable_directory_is_named(stage):
    os.chmod(stage / "fcoe", 0o700)
    r = check(stage)
    assert r.returncode != 0, (r.stdout, r.stderr)
    assert f"{stage}/fcoe" in r.stderr and "Permission denied" in r.stderr, r.stderr


def test_checker_credentials(stage):
    """What the exec'd checker is, read from its own /proc status."""
    probe = stage / "probe"
    keys = "|".join(STATUS_KEYS)
    probe.write_text(f"#!/bin/sh\nexec grep -E '^({keys}):' /proc/self/status\n")
    os.chmod(probe, 0o755)
    r = check(stage, monitor=probe)
    assert r.returncode == 0, r.stderr
    st = dict((k, v.split()) for k, _, v in
              (line.partition(":") for line in r.stdout.splitlines()))
    pw = pwd.getpwnam("nobody")
    assert st["Uid"] == [str(pw.pw_uid)] * 4, st
    assert st["Gid"] == [str(pw.pw_gid)] * 4, st
    assert st["Groups"] == [], st
    for cap in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        assert int(st[cap][0], 16) == 0, (cap, st)
    assert st["NoNewPrivs"] == ["1"], st


def test_missing_or_root_user_is_refused(stage):
    (stage / "fcoe" / "cfg-veth0").write_text(CFG_NO_DCB)
    r = check(stage, user="fcoemond-no-such-user")
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "fcoemond-no-such-user" in r.stderr, r.stderr
    assert r.stdout == ""
    r = check(stage, user="root")
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "must not be root" in r.stderr, r.stderr
    assert r.stdout == ""
