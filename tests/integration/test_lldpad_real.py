# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""The real lldpad (Debian package) in a throwaway netns/IPC/mount namespace.

Proves the lldpad_real fixture on its own, independent of fcoemond:
root gets answers, uid 65534 gets R0a, a veth without DCB gets R08, and
nothing on the host is touched.  Run as root:

    /usr/bin/python3 -m pytest -v tests/integration/test_lldpad_real.py
"""

import os
import socket
import subprocess
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lldpad_real  # noqa: E402
from lldpad_real import LLDPAD_ADDR, real_lldpad  # noqa: E402

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="needs root (namespaces, mounts)"),
    pytest.mark.skipif(not os.access(lldpad_real.LLDPAD_BIN, os.X_OK),
                       reason="lldpad not installed (apt-get install lldpad)"),
]

HOST_PATHS = ("/var/lib/lldpad/lldpad.conf", "/run/lldpad.pid", "/dev/shm/lldpad.state")


def _host_state():
    out = {}
    for p in HOST_PATHS:
        try:
            st = os.lstat(p)
            out[p] = (st.st_ino, st.st_size, st.st_mtime_ns)
        except FileNotFoundError:
            out[p] = None
    out["/var/lib/lldpad/"] = sorted(os.listdir("/var/lib/lldpad"))
    return out


@pytest.fixture(scope="module")
def host_before():
    return _host_state()


@pytest.fixture(scope="module")
def lldpad(host_before):
    t0 = time.monotonic()
    with real_lldpad() as lp:
        lp.total_setup_seconds = time.monotonic() - t0
        yield lp
        log = lp.log()
    print(f"\nlldpad log:\n{log}")


# --------------------------------------------------------------------------
# root client

def test_ping_from_root(lldpad):
    assert lldpad.query(b"P") == b"R00PPONG%d" % lldpad.pid


def test_attach_and_detach_from_root(lldpad):
    with lldpad.client() as c:
        assert c.request(b"A") == b"R00A"
        assert c.request(b"P") == b"R00PPONG%d" % lldpad.pid
        assert c.request(b"D") == b"R00D"
        assert c.request(b"D") == b"R01D"      # no longer attached


def test_one_shot_attach_from_root(lldpad):
    assert lldpad.query(b"A") == b"R00A"


def test_dcb_state_of_veth_is_not_capable(lldpad):
    # Correct encoding: length field 05 for "veth0".
    rep = lldpad.query(b"C301010005veth0")
    print("C301010005veth0 ->", rep)
    assert rep == b"R08C301010005veth0"        # 08 = cmd_not_capable, echo, no data


def test_dcb_state_literal_len04_query(lldpad):
    # The literal "C301010004veth0" (length 04 copied from the eth2 example)
    # makes lldpad read the ifname as "veth"; the trailing "0" is ignored.
    rep = lldpad.query(b"C301010004veth0")
    print("C301010004veth0 ->", rep)
    assert rep.startswith(b"R08C301010004veth")
    assert rep == b"R08C301010004veth"


@pytest.mark.parametrize("q", [b"C301030005veth0", b"C301050005veth0",
                               b"C303030005veth0", b"C303050005veth0"])
def test_other_fcoemon_queries_not_capable(lldpad, q):
    assert lldpad.query(q) == b"R08" + q


def test_malformed_queries(lldpad):
    assert lldpad.query(b"C101010005veth0") == b"R07"   # clif version < 2
    assert lldpad.query(b"Cxx") == b"R04"


# --------------------------------------------------------------------------
# unprivileged client

@pytest.mark.parametrize("q", [b"A", b"P", b"C301010005veth0"])
def test_nobody_gets_R0a(lldpad, q):
    out = lldpad.query_as(q, 65534, 65534)
    assert out["error"] is None, out
    assert out["resuid"] == [65534, 65534, 65534]
    assert out["reply"] == b"R0a"


def test_only_uid_matters(lldpad):
    # gid 65534 but uid 0 is answered; uid 65534 with gid 0 is refused.
    assert lldpad.query_as(b"P", 0, 65534)["reply"] == b"R00PPONG%d" % lldpad.pid
    assert lldpad.query_as(b"P", 65534, 0)["reply"] == b"R0a"


def test_nobody_via_setpriv_exec(lldpad):
    """A separately exec'd process (setpriv) rather than a forked child."""
    code = ("import socket; s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); "
            "s.bind(''); s.settimeout(2); s.sendto(b'A', b'\\0/com/intel/lldpad'); "
            "import os; print(os.getuid(), s.recv(64).decode())")
    r = subprocess.run(lldpad.nsenter_argv() + [
        "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        "/usr/bin/python3", "-c", code], capture_output=True, text=True, timeout=10)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["65534", "R0a"]


def test_root_still_answered_after_refusals(lldpad):
    lldpad.query_as(b"A")
    assert lldpad.query(b"P") == b"R00PPONG%d" % lldpad.pid


# --------------------------------------------------------------------------
# isolation

def test_socket_exists_only_in_its_netns(lldpad):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        s.bind("")
        s.settimeout(0.5)
        try:
            s.sendto(b"P", LLDPAD_ADDR)
            rep = s.recv(64)
        except (ConnectionRefusedError, FileNotFoundError, socket.timeout):
            return
        # A host lldpad may exist; it must not be ours.
        assert rep != b"R00PPONG%d" % lldpad.pid
    finally:
        s.close()


def test_lldpad_sees_only_netns_interfaces(lldpad):
    r = lldpad_real.netns_run(lldpad.netns_path, ["ip", "-o", "link", "show"])
    names = sorted(line.split(":")[1].strip().split("@")[0]
                   for line in r.stdout.splitlines())
    assert names == ["lo", "veth0", "veth1"]
    # lldpad's private state, seen through its own mount namespace
    root = f"/proc/{lldpad.pid}/root"
    deadline = time.monotonic() + 5
    conf = ""
    while time.monotonic() < deadline:
        with open(root + "/var/lib/lldpad/lldpad.conf") as f:
            conf = f.read()
        if "veth0" in conf and "veth1" in conf:
            break
        time.sleep(0.05)
    assert "veth0" in conf and "veth1" in conf
    assert "eth0" not in conf.replace("veth0", "")
    assert os.path.exists(root + "/dev/shm/lldpad.state")
    with open(root + "/run/lldpad.pid") as f:
        assert int(f.read().strip("\0\n ")) == lldpad.pid


def test_host_files_untouched(lldpad, host_before):
    assert lldpad.query(b"P").startswith(b"R00PPONG")
    assert _host_state() == host_before


def test_startup_time(lldpad):
    print(f"\nlldpad start -> first PONG: {lldpad.startup_seconds * 1000:.1f} ms; "
          f"with netns+veth: {lldpad.total_setup_seconds * 1000:.1f} ms")
    assert lldpad.startup_seconds < 5


# --------------------------------------------------------------------------
# joining a netns created by someone else (as the daemon fixture does)

def test_join_foreign_netns_and_restart(host_before):
    holder = subprocess.Popen(
        ["unshare", "--net", "--mount", "--", "sleep", "infinity"],
        stdin=subprocess.DEVNULL)
    try:
        ns = f"/proc/{holder.pid}/ns/net"
        deadline = time.monotonic() + 5
        while os.readlink(ns) == os.readlink("/proc/self/ns/net"):
            assert time.monotonic() < deadline, "unshare did not switch netns"
            time.sleep(0.01)
        with real_lldpad(netns=holder.pid) as lp:
            assert lp.netns_path == ns
            assert lp.query(b"P") == b"R00PPONG%d" % lp.pid
            assert lp.query(b"C301010005veth0") == b"R08C301010005veth0"
            first = lp.pid
            assert lp.stop() == 0                       # clean SIGTERM exit
            with pytest.raises((ConnectionRefusedError, FileNotFoundError)):
                lp.query(b"P", timeout=0.5)
            lp.start()                                  # same netns, new lldpad
            assert lp.pid != first
            assert lp.query(b"P") == b"R00PPONG%d" % lp.pid
        # veth created by the fixture in a netns it does not own is removed
        r = lldpad_real.netns_run(ns, ["ip", "-o", "link", "show"])
        assert "veth0" not in r.stdout
    finally:
        holder.terminate()
        holder.wait(5)
    assert _host_state() == host_before
