# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "fip-sanmac" (tests/vm/run.sh fip-sanmac): issue 12's "source and
# MAC descriptor = the SAN MAC where the NIC reports one through dcbnl
# DCB_CMD_GPERM_HWADDR".  tests/vm/dcbsim gives eth0 (only) dcbnl ops whose
# GPERM_HWADDR reports the permanent MAC and then a SAN MAC = that MAC with
# byte 3 ^ 0x80.  fcoemond runs AUTO_VLAN="yes", MODE="vn2vn" on eth0 as in
# fip-disc; `fipsniff` (tests/vm/tools/fipsniff.c) watches the wire on eth1.
# The VLAN request must carry the SAN MAC as Ethernet source and in its MAC
# descriptor, the kernel responder on eth1.200 answers unicast to the SAN
# MAC, and that answer must reach the actuator (its unicast membership for
# the SAN MAC: virtio filters unicast to a MAC that is not the port's), so
# the VLAN and its instance get made.  The port MAC case is fip-disc's.
# Checked to fail: with san_mac() returning "none" (the request and the
# answer carry the port MAC: 5 FAILs), and without the actuator's unicast
# membership (the answer to the SAN MAC is on the wire but never received:
# no VLAN, no instance, no vlan_create: 5 FAILs).
. /guest/lib.sh
. /guest/dcbx.sh
dcbsim_load ifaces=eth0 || finish
port=$(cat /sys/class/net/eth0/address)
# The SAN MAC as dcbsim documents it, computed from the permanent address
# here, and as the kernel reports it through dcbnl (tools/dcbnl.c).
perm=$(dcbnl get eth0 | sed -n 's/.* perm=\([0-9a-f:]*\).*/\1/p' | head -1)
san=$(IFS=:; set -- $perm; [ $# = 6 ] && printf '%s:%s:%s:%02x:%s:%s' $1 $2 $3 $((0x$4 ^ 0x80)) $5 $6)
ksan=$(dcbnl get eth0 | sed -n 's/.* san=\([0-9a-f:]*\).*/\1/p' | head -1)
note "eth0: port MAC $port, permanent $perm, SAN MAC (dcbnl) $ksan, expected $san"
check "dcbnl GPERM_HWADDR on eth0 reports the permanent MAC $port" test "$perm" = "$port"
check "dcbnl GPERM_HWADDR on eth0 reports the SAN MAC perm^byte3 ($ksan)" test -n "$ksan" -a "$ksan" = "$san"
check "the SAN MAC differs from the port MAC" test -n "$san" -a "$san" != "$port"
vlan_target 200
cfg_auto eth0 vn2vn
ip link set eth0 down
fipsniff eth1 60 > /tmp/sniff.out 2>&1 & SNIFF=$!
fcoemond_start || { kill $SNIFF; dcbsim_unload; finish; }
mark=$(mark_log)
ip link set eth0 up
waitfor "the VLAN with VID 200 appears on eth0 (the answer to the SAN MAC was received)" '[ -n "$(vlan_of eth0 200)" ]' 15
V=$(vlan_of eth0 200)
check "it has the daemon's name eth0.200-fcoe" test "$V" = eth0.200-fcoe
timed "discovered VLAN -> enabled instance on it" eth0.200-fcoe enabled 20
check "the instance is VN2VN" grep -qx VN2VN "$(ctlr_of eth0.200-fcoe)/mode"
usleep 500000
kill $SNIFF 2>/dev/null; wait $SNIFF 2>/dev/null
sed 's/^/  wire on eth1: /' /tmp/sniff.out | sort | uniq -c | head -12
check "a FIP VLAN request from eth0 reached eth1" grep -q '^dir=in .* op=4 sub=1 ' /tmp/sniff.out
check "its Ethernet source is the SAN MAC $san" sh -c "grep '^dir=in .* op=4 sub=1 ' /tmp/sniff.out | grep -q ' src=$san '"
check "its MAC descriptor is the SAN MAC $san" sh -c "grep '^dir=in .* op=4 sub=1 ' /tmp/sniff.out | grep -q ' mac=$san '"
check "no VLAN request carries the port MAC $port (source or descriptor)" \
	sh -c "! grep '^dir=in .* op=4 sub=1 ' /tmp/sniff.out | grep -q -e ' src=$port ' -e ' mac=$port '"
check "eth1's responder answered unicast to the SAN MAC (VN2VN notification, VID 200)" \
	sh -c "grep '^dir=out .* op=4 sub=3 ' /tmp/sniff.out | grep -q ' dst=$san '"
audit_ops "$mark" | grep -e 'op=fip' -e 'op=vlan' | sort | uniq -c | sed 's/^/  audit: /'
audit_since "$mark" | grep 'phase=end' | grep 'op=fip_send' | grep 'eth0' | grep "src=$san" | grep 'san_mac=1' | grep -q 'result=ok' &&
	ok "audit: FIP VLAN request on eth0 from the SAN MAC (src=$san san_mac=1 result=ok)" ||
	bad "audit: no op=fip_send on eth0 with src=$san san_mac=1 result=ok"
audit_since "$mark" | grep 'phase=end' | grep 'op=vlan_create' | grep 'eth0' | grep 'vid=200' | grep 'permit=offered' | grep -q 'result=ok' &&
	ok "audit: VLAN 200 created on eth0, offered in a relayed notification (permit=offered)" ||
	bad "audit: no op=vlan_create of VID 200 on eth0 with permit=offered result=ok"
# Leave the guest as the next scenario expects: no daemon, no instance on
# the SAN-MAC port, eth0 a plain virtio NIC again (dcbx-*'s clean-up).
daemon_stop
for c in /sys/bus/fcoe/devices/ctlr_*; do
	[ -e "$c" ] && echo "$(basename "$(dirname "$(readlink -f "$c")")")" > /sys/bus/fcoe/ctlr_destroy 2>/dev/null
done
dcbsim_unload
check "module unloaded: eth0 is a NIC without dcbnl again (EOPNOTSUPP)" \
	sh -c 'dcbnl get eth0 | grep -q "error=-95"'
finish
