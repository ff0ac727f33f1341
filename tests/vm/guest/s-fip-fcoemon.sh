# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "fip-fcoemon" (tests/vm/run.sh): issue 12's VM test 1 with the
# other responder the issue names: Debian's fcoemon on eth1 with
# FIP_RESP="yes" and one VN2VN entry, eth1.200-fcoe (fcoemon makes that
# VLAN and answers VLAN requests from userspace, not through the kernel's
# responder).  One VID only: with two, fcoemon's notification counts one
# VLAN descriptor in its list length, so the second lies past the list
# and no parser (fipvlan, fcoemond) takes it.
# fcoemond on eth0 (its own cfg directory: the two daemons must not read
# each other's files) with AUTO_VLAN="yes", MODE="vn2vn" finds VID 200,
# makes eth0.200-fcoe and its VN2VN port logs in with fcoemon's.
. /guest/lib.sh
ip link set eth0 down; ip link set eth1 up
cfg_resp eth1
cfg eth1.200-fcoe vn2vn no
printf 'DEBUG="yes"\nUSE_SYSLOG="no"\n' > /etc/fcoe/config
fcoemon --foreground --syslog=yes --debug=yes > /tmp/fcoemon.log 2>&1 &
echo $! > /run/peer.pid
waitfor "fabric side: Debian's fcoemon made eth1.200-fcoe and an enabled VN2VN instance on it" \
	'C1=$(ctlr_of eth1.200-fcoe); [ -n "$C1" ] && grep -qx 1 $C1/enabled' 20
C1=$(ctlr_of eth1.200-fcoe)
note "eth1.200-fcoe: ${C1##*/} mode $(cat $C1/mode 2>/dev/null), fip_vlan_responder=$(cat $C1/fip_vlan_responder 2>/dev/null) (fcoemon answers itself)"
mkdir -p /etc/fcoe-eth0
printf 'FCOE_ENABLE="yes"\nDCB_REQUIRED="no"\nAUTO_VLAN="yes"\nMODE="vn2vn"\n' > /etc/fcoe-eth0/cfg-eth0
FCOEMOND_CFG=/etc/fcoe-eth0 fcoemond_start || finish
mark=$(mark_log)
ip link set eth0 up
waitfor "the VLAN with VID 200 appears on eth0" '[ -n "$(vlan_of eth0 200)" ]' 15
check "it has the daemon's name eth0.200-fcoe" test "$(vlan_of eth0 200)" = eth0.200-fcoe
timed "discovered VLAN -> enabled instance on it" eth0.200-fcoe enabled 20
check "the instance is VN2VN" grep -qx VN2VN "$(ctlr_of eth0.200-fcoe)/mode"
timed "VN2VN login over the VLAN: fc_host Online" eth0.200-fcoe online 20
W1=$(cat "$(fchost_of eth1.200-fcoe)/port_name" 2>/dev/null)
# peer_online: an Online rport of eth0.200-fcoe's fc_host with port name W1
peer_online() {
	_h=$(fchost_of eth0.200-fcoe); [ -n "$_h" ] && [ -n "$W1" ] || return 1
	for _r in /sys/class/fc_remote_ports/rport-*; do
		grep -qx "$W1" $_r/port_name 2>/dev/null && grep -qx Online $_r/port_state &&
			readlink -f $_r | grep -q "/${_h##*/}/" && return 0
	done
	return 1
}
waitfor "remote port: fcoemon's VN2VN port ($W1), Online" peer_online 20
audit_since "$mark" | grep 'phase=end' | grep 'op=vlan_create' | grep 'eth0' | grep '200' | grep -q 'result=ok' && ok "audit: VLAN 200 created on eth0 with a permission (op=vlan_create result=ok)" || bad "audit: no op=vlan_create of VID 200 on eth0 with result=ok"
grep -i -e 'vlan req' -e 'vlans found' /tmp/fcoemon.log | tail -2 | sed 's/^/  fcoemon: /'
kill -TERM "$(cat /run/peer.pid)" 2>/dev/null; rm -f /run/peer.pid
finish
