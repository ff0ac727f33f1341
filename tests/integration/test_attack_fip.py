# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
"""Issue 12, the privileged side of FIP VLAN discovery, attacked from both
ends: a scripted FCF (or an attacker) on the peer end of the veth sends
real frames to the real actuator's packet socket, and pytest plays a
compromised monitor on the protocol channel.  The actuator relays only
what its kernel filter admits, rate-limited, and carries out VLAN_CREATE
only with a permission (an offer it relayed on that interface within
10 s, or the long form of a static name), VLAN_DESTROY only for the
daemon's naming, FIP_SEND only as the frame it builds itself."""

import errno
import json
import socket
import struct
import threading
import time

import pytest

import fcp
from conftest import in_thread, kernel_has_vlan, setns

ETH_P_FIP = 0x8914
ALL_FCF = bytes.fromhex("011018010002")
ALL_VN2VN = bytes.fromhex("011018010004")
FCF_MAC = bytes.fromhex("000dec112233")


def note(dst, vids, src=FCF_MAC, sub=2, version=0x10, op=4, ethertype=ETH_P_FIP):
    """A FIP VLAN notification (doc/fip.md "Frames")."""
    desc = bytes([2, 2]) + src + b"".join(bytes([14, 1]) + struct.pack(">H", v)
                                          for v in vids)
    return (dst + src + struct.pack(">H", ethertype) +
            bytes([version, 0]) + struct.pack(">H", op) + bytes([0, sub]) +
            struct.pack(">HH", len(desc) // 4, 0) + desc)


def request_bytes(src, dst=ALL_FCF):
    """What fip_build_request() makes: byte for byte fcoe-utils' request."""
    return (dst + src + bytes.fromhex("8914") + bytes.fromhex("1000000400010002") +
            bytes.fromhex("0000") + bytes([2, 2]) + src)


class Peer:
    """A raw socket on one interface of the test's namespace: the FCF."""

    def __init__(self, netns, ifname):
        def make():
            setns(netns.fd)
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                              socket.htons(ETH_P_FIP))
            s.bind((ifname, ETH_P_FIP))
            return s
        self.sock = in_thread(make)
        self.sock.settimeout(2)

    def send(self, frame):
        self.sock.send(frame)

    def capture(self, timeout=2.0):
        """The next frame that came in on the interface (None: none)."""
        self.sock.settimeout(timeout)
        try:
            data, addr = self.sock.recvfrom(4096)
        except socket.timeout:
            return None
        return data

    def close(self):
        self.sock.close()


def link(netns, name):
    out = json.loads(netns.run(["ip", "-d", "-j", "link", "show", name],
                               check=False).stdout or "[]")
    return out[0] if out else None


def mac_of(netns, name):
    return bytes.fromhex(link(netns, name)["address"].replace(":", ""))


def frames(a, timeout=1.0):
    """FIP_FRAME notices that arrive within timeout (others kept aside)."""
    got, end = [], time.monotonic() + timeout
    while (left := end - time.monotonic()) > 0:
        try:
            m = a.recv(timeout=left)
        except socket.timeout:
            break
        assert m is not None, f"EOF; stderr:\n{a.stderr}"
        if m.type == fcp.FIP_FRAME:
            got.append(fcp.parse_fip_frame(m.payload))
        else:
            a.notices.append(m)
    return got


def start(lab, discover=True, **kw):
    """An actuator and the FCF on veth1; with discover, the monitor's first
    FIP_SEND has gone out (frames are relayed from then on), its echo on
    veth1 drained and the 500 ms since passed."""
    a = lab.start(**kw)
    a.hello()
    p = Peer(a.netns, "veth1")
    lab.cleanups.append(p.close)
    a.peer = p
    a.mac = mac_of(a.netns, "veth0")
    if discover:
        m = a.request(fcp.FIP_SEND, fcp.fip_send("veth0"))
        assert m.status == 0, m
        assert p.capture() is not None
        frames(a, 0.6)
        a.notices.clear()
    return a


@pytest.fixture
def fcf(lab):
    return start(lab)


def offer(a, vids, sub=2):
    """The FCF offers vids to veth0; the relayed notice is checked."""
    f = note(a.mac, vids, sub=sub)
    a.peer.send(f)
    (got,) = frames(a, 1.0)
    assert got.data == f and got.len == len(f), got
    return got


def create(a, name, vid, why=fcp.VLAN_DISCOVERED):
    m = a.request(fcp.VLAN_CREATE, fcp.vlan_create(name, vid, why))
    return m, a.end_record(m.seq)


# -- the relay and its filter


def test_notification_relayed_with_its_interface(fcf):
    a = fcf
    f = note(a.mac, [100, 200])
    a.peer.send(f)
    (got,) = frames(a, 1.0)
    assert got.ifindex == link(a.netns, "veth0")["ifindex"], got
    assert got.len == len(f) and got.data == f, got
    assert got.pkttype == 0, got             # PACKET_HOST: to veth0's MAC
    assert got.pad == 0


@pytest.mark.parametrize("bad", [
    pytest.param(note(ALL_FCF, [100], version=0x20), id="version-2"),
    pytest.param(note(ALL_FCF, [100], op=1), id="discovery-not-vlan"),
    pytest.param(note(ALL_FCF, [100], sub=0), id="subcode-0"),
    pytest.param(note(ALL_FCF, [100], sub=4), id="subcode-4"),
    pytest.param(note(ALL_FCF, [100], ethertype=0x8906), id="fcoe-ethertype"),
    # an 802.1Q-tagged FIP frame: ethertype 0x8100 at 12 (veth keeps the
    # tag in the bytes, as a NIC without tag offload does)
    pytest.param(ALL_FCF + FCF_MAC + bytes.fromhex("81000064") +
                 note(ALL_FCF, [100])[12:], id="tagged"),
    pytest.param(note(ALL_FCF, [100])[:19], id="short-19"),
])
def test_filter_admits_only_untagged_vlan_discovery(fcf, bad):
    a = fcf
    good = note(ALL_FCF, [7])
    a.peer.send(bad)
    a.peer.send(good)
    got = frames(a, 1.0)
    assert [g.data for g in got] == [good], got


def test_nothing_relayed_before_the_first_fip_send(lab):
    """A monitor that runs no discovery gets no frames; an offer that came
    before its first FIP_SEND permits nothing."""
    a = start(lab, discover=False)
    a.peer.send(note(a.mac, [100]))
    assert frames(a, 0.7) == []
    m = a.request(fcp.FIP_SEND, fcp.fip_send("veth0"))
    assert m.status == 0, m
    m, end = create(a, "veth0", 100)
    assert m.status == errno.EPERM and end["deny"] == "not_offered", end
    f = note(a.mac, [100])
    a.peer.send(f)
    assert f in [g.data for g in frames(a, 1.0)]


def test_own_request_on_the_wire_and_not_relayed(lab):
    """The request it sends itself (outgoing) never comes back as a
    notice; the frame on the wire is exactly the builder's bytes with the
    kernel's MAC of veth0, to ALL-FCF-MACs / ALL-VN2VN-MACs."""
    a = start(lab, discover=False)
    m = a.request(fcp.FIP_SEND, fcp.fip_send("veth0", fcp.MODE_FABRIC))
    assert m.status == 0, m
    assert a.peer.capture() == request_bytes(a.mac, ALL_FCF)
    end = a.end_record(m.seq)
    assert end["result"] == "ok" and end["src"] == a.mac.hex(":"), end
    time.sleep(0.55)
    m = a.request(fcp.FIP_SEND, fcp.fip_send("veth0", fcp.MODE_VN2VN))
    assert m.status == 0, m
    assert a.peer.capture() == request_bytes(a.mac, ALL_VN2VN)
    # veth1, where the requests came in, is an interface of this host too:
    # they are relayed from there, never from veth0 where they went out
    got = frames(a, 0.5) + [fcp.parse_fip_frame(n.payload)
                            for n in a.notices if n.type == fcp.FIP_FRAME]
    ifindex = link(a.netns, "veth1")["ifindex"]
    assert sorted(g.data for g in got) == sorted(
        [request_bytes(a.mac, ALL_FCF), request_bytes(a.mac, ALL_VN2VN)]), got
    assert {(g.ifindex, g.pkttype) for g in got} == {(ifindex, 2)}, got


def test_flood_is_rate_limited_requests_answered_drops_reported(fcf):
    """5,000 frames on the wire: a bounded number is relayed, the rest is
    counted and reported in FIP_DROPS and the audit, and requests sent
    during the flood are all answered."""
    a = fcf
    f = note(a.mac, [100])
    stop = threading.Event()
    sent = [0]

    def flood():
        while not stop.is_set() and sent[0] < 5000:
            a.peer.send(f)
            sent[0] += 1
    t = threading.Thread(target=flood)
    start = time.monotonic()
    t.start()
    answered = 0
    while t.is_alive():
        m = a.request(fcp.FIP_RESP, fcp.fip_resp("veth0", 1))
        assert m.status == 0, m
        answered += 1
    t.join()
    took = time.monotonic() - start
    assert answered > 0
    got = frames(a, 1.5)
    drops = [fcp.parse_fip_drops(n.payload) for n in a.notices
             if n.type == fcp.FIP_DROPS]
    relayed = len(got) + sum(1 for n in a.notices if n.type == fcp.FIP_FRAME)
    # burst 40 + 20/s on the interface (and never more than the global one)
    assert relayed <= 40 + 20 * (took + 2) + 1, (relayed, took)
    assert drops, "no FIP_DROPS notice"
    ifindex = link(a.netns, "veth0")["ifindex"]
    assert {d[0] for d in drops} == {ifindex}, drops
    assert sum(d[1] for d in drops) == drops[-1][2], drops
    # frames the kernel dropped from a full socket queue are not counted
    assert relayed + drops[-1][2] <= sent[0], (relayed, drops, sent)
    assert drops[-1][2] > 0, drops
    recs = a.audit.find(event="fip_drops")
    assert recs and recs[-1]["ifindex"] == str(ifindex), recs


# -- FIP_SEND


@pytest.mark.parametrize("ifname,err", [
    ("lo", errno.ENOTSUP), ("nosuch0", errno.ENODEV)])
def test_fip_send_refused_off_ethernet(fcf, ifname, err):
    m = fcf.request(fcp.FIP_SEND, fcp.fip_send(ifname))
    assert m.status == err, m
    assert fcf.peer.capture(0.3) is None


def test_fip_send_twice_within_500ms_is_eagain(fcf):
    a = fcf
    m = a.request(fcp.FIP_SEND, fcp.fip_send("veth0"))
    assert m.status == 0, m
    m = a.request(fcp.FIP_SEND, fcp.fip_send("veth0"))
    assert m.status == errno.EAGAIN, m
    assert a.peer.capture() is not None
    assert a.peer.capture(0.2) is None          # one frame only


# -- VLAN_CREATE's permission


def test_vlan_create_for_a_vid_nobody_offered_is_denied(fcf):
    a = fcf
    offer(a, [100])
    m, end = create(a, "veth0", 101)
    assert m.status == errno.EPERM, m
    assert end["deny"] == "not_offered" and end["result"] == "fail", end
    assert link(a.netns, "veth0.101-fcoe") is None


def test_vlan_create_offered_on_another_interface_is_denied(lab):
    ns = lab.netns()
    ns.sh("ip link add veth2 type veth peer name veth3 && "
          "ip link set veth2 up && ip link set veth3 up")
    a = start(lab, netns=ns)
    p = Peer(ns, "veth3")
    lab.cleanups.append(p.close)
    p.send(note(mac_of(ns, "veth2"), [100]))
    (got,) = frames(a, 1.0)
    assert got.ifindex == link(ns, "veth2")["ifindex"]
    m, end = create(a, "veth0", 100)
    assert m.status == errno.EPERM and end["deny"] == "not_offered", end


def test_vlan_create_offered_11s_ago_is_denied(fcf):
    a = fcf
    offer(a, [100])
    time.sleep(11)
    m, end = create(a, "veth0", 100)
    assert m.status == errno.EPERM and end["deny"] == "not_offered", end


def test_request_frames_permit_nothing(fcf):
    """A VLAN request (another host's, subcode 1) is relayed but offers
    nothing; nor does a notification whose descriptors are malformed."""
    a = fcf
    offer(a, [100], sub=1)
    m, end = create(a, "veth0", 100)
    assert m.status == errno.EPERM, end
    bad = bytearray(note(a.mac, [100]))
    bad[33] = 0                          # the VLAN descriptor's length: 0
    a.peer.send(bytes(bad))
    assert len(frames(a, 1.0)) == 1
    m, end = create(a, "veth0", 100)
    assert m.status == errno.EPERM, end


def test_static_name_not_in_long_form_is_denied(lab):
    ns = lab.netns()
    ns.sh("ip link add enp129s0f0np0 type veth peer name peer0")
    a = lab.start(netns=ns)
    a.hello()
    m, end = create(a, "enp129s0f0np0", 100, fcp.VLAN_STATIC)
    assert m.status == errno.EPERM, m
    assert end["deny"] == "static_not_long_form", end


def test_vlan_create_on_a_non_ethernet_parent_is_refused(fcf):
    m, end = create(fcf, "lo", 100, fcp.VLAN_STATIC)
    assert m.status == errno.ENOTSUP, m


def test_vlan_create_after_a_real_offer(fcf):
    """The permission passes for the VID relayed on that interface; with
    8021q the VLAN exists, named by the rule, IPv6 off, up; without it the
    kernel's refusal comes back and nothing is left behind."""
    a = fcf
    offer(a, [100, 200], sub=3)
    m, end = create(a, "veth0", 200)
    assert end["permit"] == "offered" and end["obj"] == "veth0.200-fcoe", end
    if not kernel_has_vlan():
        assert m.status == errno.EOPNOTSUPP, m
        assert link(a.netns, "veth0.200-fcoe") is None
        pytest.skip("no 8021q in this kernel: the permission passed, the "
                    "kernel refused the VLAN (EOPNOTSUPP)")
    assert m.status == 0, m
    v = link(a.netns, "veth0.200-fcoe")
    assert v["linkinfo"]["info_kind"] == "vlan", v
    assert v["linkinfo"]["info_data"]["id"] == 200, v
    assert v["link"] == "veth0" and "UP" in v["flags"], v
    ipv6 = a.netns.run(["cat", "/proc/sys/net/ipv6/conf/veth0.200-fcoe/"
                        "disable_ipv6"]).stdout.strip()
    assert ipv6 == "1"
    m, end = create(a, "veth0", 200)
    assert m.status == errno.EEXIST, m


def test_the_17th_vlan_is_edquot(fcf):
    if not kernel_has_vlan():
        pytest.skip("no 8021q in this kernel: cannot make the 16 VLANs")
    a = fcf
    for vid in range(1, 17):
        name = f"veth0.{vid}-fcoe"
        a.netns.sh(f"ip link add link veth0 name {name} type vlan id {vid}")
        # the fake /sys mirrors the kernel's upper_ links of veth0
        (a.sysfs.stage / f"devices/virtual/net/veth0/upper_{name}").symlink_to(
            f"../{name}")
    m, end = create(a, "veth0", 17, fcp.VLAN_STATIC)
    assert m.status == errno.EDQUOT and end["deny"] == "cap", end
    assert link(a.netns, "veth0.17-fcoe") is None


# -- VLAN_DESTROY


def test_vlan_destroy_of_what_is_not_the_daemons_vlan_is_denied(fcf):
    """A non-VLAN carrying the daemon's name, and (with 8021q) the
    administrator's eth0.100, survive VLAN_DESTROY."""
    a = fcf
    a.netns.sh("ip link add veth0.100-fcoe type veth peer name vpeer")
    m = a.request(fcp.VLAN_DESTROY, fcp.ifreq("veth0.100-fcoe"))
    assert m.status == errno.EPERM, m
    assert a.end_record(m.seq)["deny"] == "not_daemon_name"
    assert link(a.netns, "veth0.100-fcoe") is not None
    m = a.request(fcp.VLAN_DESTROY, fcp.ifreq("nosuch0"))
    assert m.status == errno.ENODEV, m
    if not kernel_has_vlan():
        pytest.skip("no 8021q in this kernel: no administrator's VLAN to keep")
    a.netns.sh("ip link add link veth0 name veth0.100 type vlan id 100 && "
               "ip link add link veth0 name veth0.7-fcoe type vlan id 8")
    for name in ("veth0.100", "veth0.7-fcoe"):      # VID 8 named as 7
        m = a.request(fcp.VLAN_DESTROY, fcp.ifreq(name))
        assert m.status == errno.EPERM, (name, m)
        assert link(a.netns, name) is not None
    a.netns.sh("ip link add link veth0 name veth0.9-fcoe type vlan id 9")
    m = a.request(fcp.VLAN_DESTROY, fcp.ifreq("veth0.9-fcoe"))
    assert m.status == 0, m
    assert link(a.netns, "veth0.9-fcoe") is None


# -- FIP_RESP


def test_fip_resp_writes_the_kernels_responder(fcf):
    a = fcf
    a.sysfs.take()
    m = a.request(fcp.FIP_RESP, fcp.fip_resp("veth0", 1))
    assert m.status == 0, m
    assert a.sysfs.take() == {
        "/sys/devices/virtual/net/veth0/ctlr_0/fip_vlan_responder": b"1"}
    m = a.request(fcp.FIP_RESP, fcp.fip_resp("veth1", 1))
    assert m.status == errno.ENODEV, m
    a.sysfs.remove("/sys/devices/virtual/net/veth0/ctlr_0/fip_vlan_responder")
    a.sysfs.take()
    m = a.request(fcp.FIP_RESP, fcp.fip_resp("veth0", 0))
    assert m.status == errno.ENOTSUP, m
