# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""VLAN create/destroy through the actuator's ioctls, on a veth of its own
network namespace.  This kernel may lack 8021q: then the kernel's ENOPKG is
what the monitor must get, and no link may appear."""

import errno

import pytest

import fcp
from conftest import PRI_NOTICE, check_begin, check_end, kernel_has_vlan

BASE = {"lo", "veth0", "veth1"}


@pytest.mark.parametrize("vid", [100, 1, 4094])
def test_vlan_create(act, vid):
    name = fcp.vlan_name("veth0", vid)
    m = act.request(fcp.VLAN_CREATE, fcp.vlan_create("veth0", vid))
    args = [("ifname", "veth0"), ("vid", str(vid))]
    check_begin(act.begin_records(m.seq)[0], op="vlan_create", args=args,
                pri=PRI_NOTICE, order=True)
    links = act.netns.links()
    if kernel_has_vlan():
        assert m.status == 0, m
        assert m.payload == fcp.ifname(name), m
        assert links[name]["kind"] == "vlan" and links[name]["up"], links
        assert set(links) == BASE | {name}, links
        check_end(act.end_record(m.seq), op="vlan_create", args=args, result="ok",
                  err=0, obj=name, pri=PRI_NOTICE)
        m = act.request(fcp.VLAN_DESTROY, fcp.ifreq(name))
        assert m.status == 0, m
        assert set(act.netns.links()) == BASE
    else:
        assert m.status == errno.ENOPKG, m
        assert set(links) == BASE, links       # nothing left behind
        check_end(act.end_record(m.seq), op="vlan_create", args=args, result="fail",
                  err=errno.ENOPKG, obj=None, pri=PRI_NOTICE)
    assert act.sysfs.take() == {}


def test_vlan_create_on_missing_interface(act):
    m = act.request(fcp.VLAN_CREATE, fcp.vlan_create("nosuch", 100))
    assert m.status == errno.ENODEV, m
    check_end(act.end_record(m.seq), op="vlan_create",
              args=[("ifname", "nosuch"), ("vid", "100")], result="fail",
              err=errno.ENODEV, obj=None)
    assert set(act.netns.links()) == BASE


def test_vlan_create_longest_name(act):
    """'abcde.4094-fcoe' is 15 bytes: valid, so it reaches the kernel check."""
    m = act.request(fcp.VLAN_CREATE, fcp.vlan_create("abcde", 4094))
    assert m.status == errno.ENODEV, m
    assert act.end_record(m.seq)["result"] == "fail"


def test_vlan_destroy_missing(act):
    m = act.request(fcp.VLAN_DESTROY, fcp.ifreq("nosuch.5-fcoe"))
    assert m.status == errno.ENODEV, m
    check_end(act.end_record(m.seq), op="vlan_destroy",
              args=[("ifname", "nosuch.5-fcoe")], result="fail", err=errno.ENODEV,
              obj=None, pri=PRI_NOTICE)


def test_vlan_destroy_refuses_a_non_vlan_named_fcoe(act):
    """A veth that merely carries the -fcoe suffix is not a VLAN the actuator
    made: it must survive a VLAN_DESTROY."""
    act.netns.sh("ip link add veth0.7-fcoe type veth peer name vpeer")
    m = act.request(fcp.VLAN_DESTROY, fcp.ifreq("veth0.7-fcoe"))
    assert m.status != 0, m
    assert "veth0.7-fcoe" in act.netns.links()
    assert act.end_record(m.seq)["result"] in ("fail", "denied")


def test_vlan_destroy_refuses_vlan_with_mismatched_vid(act):
    if not kernel_has_vlan():
        pytest.skip("needs 8021q: this kernel has no VLAN support")
    act.netns.sh("ip link add link veth0 name veth0.7-fcoe type vlan id 8")
    m = act.request(fcp.VLAN_DESTROY, fcp.ifreq("veth0.7-fcoe"))
    assert m.status != 0, m
    assert "veth0.7-fcoe" in act.netns.links()
