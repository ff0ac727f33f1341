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
# each other's files) with AUTO_VLAN="yes", MODE="vn2vn" finds VID 200
# and makes eth0.200-fcoe with a VN2VN instance.
. /guest/lib.sh
# Two daemons cannot share a network namespace (both hold @fcm_clif), so
# eth1 and Debian's fcoemon go into one of their own.  The fcoe module only
# finds netdevs of the initial namespace: fcoemon's instance on
# eth1.200-fcoe cannot be made there, its responder answers all the same
# (its VN2VN entries count, not its instances).
unshare -n sleep 100000 & NS=$!
echo $NS > /run/peer-ns.pid
usleep 200000
ip link set eth1 netns $NS || bad "eth1 moved into a network namespace of its own"
cfg_resp eth1
cfg eth1.200-fcoe vn2vn no
printf 'DEBUG="yes"\nUSE_SYSLOG="no"\n' > /etc/fcoe/config
nsenter -t $NS -n sh -c 'ip link set lo up; ip link set eth1 up; exec fcoemon --foreground --syslog=yes --debug=yes' > /tmp/fcoemon.log 2>&1 &
echo $! > /run/peer.pid
waitfor "fabric side: Debian's fcoemon (eth1's namespace) made eth1.200-fcoe" \
	'nsenter -t $NS -n ip link show eth1.200-fcoe >/dev/null 2>&1' 20
mkdir -p /etc/fcoe-eth0
printf 'FCOE_ENABLE="yes"\nDCB_REQUIRED="no"\nAUTO_VLAN="yes"\nMODE="vn2vn"\n' > /etc/fcoe-eth0/cfg-eth0
ip link set eth0 down
FCOEMOND_CFG=/etc/fcoe-eth0 fcoemond_start || finish
mark=$(mark_log)
ip link set eth0 up
waitfor "the VLAN with VID 200 appears on eth0" '[ -n "$(vlan_of eth0 200)" ]' 15
check "it has the daemon's name eth0.200-fcoe" test "$(vlan_of eth0 200)" = eth0.200-fcoe
timed "discovered VLAN -> enabled instance on it" eth0.200-fcoe enabled 20
check "the instance is VN2VN" grep -qx VN2VN "$(ctlr_of eth0.200-fcoe)/mode"
audit_since "$mark" | grep 'phase=end' | grep 'op=vlan_create' | grep 'eth0' | grep '200' | grep -q 'result=ok' && ok "audit: VLAN 200 created on eth0 with a permission (op=vlan_create result=ok)" || bad "audit: no op=vlan_create of VID 200 on eth0 with result=ok"
grep -e 'FIP VLAN discovery' $DLOG | sed 's/^\[[0-9.]*\] /  log: /'
r=$(log_since "$mark" | grep 'fcoemon' | grep 'vlans found' | tail -1 | sed 's/.*fcoemon[^:]*: //')
check "it was fcoemon that answered (its log: ${r:-nothing})" test -n "$r"
kill -TERM "$(cat /run/peer.pid)" 2>/dev/null; usleep 300000
kill "$NS"; rm -f /run/peer.pid /run/peer-ns.pid
waitfor "eth1 back in the initial namespace" '[ -e /sys/class/net/eth1 ]' 10
finish
