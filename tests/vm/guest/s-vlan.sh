# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "vlan" (tests/vm/run.sh): cfg-eth0.100 over the real 8021q
# driver, the VLAN added while fcoemond runs.  The instance is created on
# the VLAN; deleting the VLAN takes the instance with it, and the daemon's
# log says why.  The VLAN is set down first: its instance stays enabled
# ("armed"; the kernel takes its FCoE link down) and nothing is written,
# so the delete meets no write of ours; deleting it while up is
# "vlan-del-live".
. /guest/lib.sh
ip link set eth0 up
cfg eth0.100 fabric no
fcoemond_start || finish
ip link add link eth0 name eth0.100 type vlan id 100
timed "VLAN added, link up -> enabled instance" -u eth0.100 enabled 10
C=$(ctlr_of eth0.100)
check "ctlr ${C##*/} sits under the VLAN netdev" test "$(readlink -f "$C")" = "/sys/devices/virtual/net/eth0.100/${C##*/}"
check "fc_host: fcoe v0.1 over eth0.100" grep -qx "fcoe v0.1 over eth0.100" "$(fchost_of eth0.100)/symbolic_name"
check "no instance on eth0 itself" test -z "$(ctlr_of eth0)"
if [ -z "${LIVE:-}" ]; then	# s-vlan-del-live.sh sets LIVE
	m1=$(mark_log)
	ip link set eth0.100 down
	waitfor "VLAN down -> fc_host port_state Linkdown" "grep -qx Linkdown $(fchost_of eth0.100)/port_state" 10
	usleep 1000000		# twice the settle: a disable would be out
	check "VLAN down 1 s: instance still enabled (armed)" grep -qx 1 $C/enabled
	audit_since "$m1" | grep -q 'op=fcoe_' && bad "VLAN down: an fcoe_ request was sent" || ok "VLAN down: no fcoe_ request"
fi
m2=$(mark_log)
del_vlan eth0.100; rc=$?
case $rc in
0) ok "VLAN deleted -> instance gone: $GONE" ;;
1) bad "VLAN deleted -> instance gone: $GONE" ;;
2)	bad "VLAN deleted: kernel deadlock: $STUCK (still blocked after 10 s)"
	tail -4 $DLOG | sed 's/^/  /'
	exit 1 ;;	# rtnl is held for good: no later scenario can run
esac
waitfor "log: eth0.100: interface gone; its FCoE instance went with it" "grep -q 'eth0.100: interface gone; its FCoE instance went with it' $DLOG" 10
grep 'eth0.100' $DLOG | tail -3 | sed 's/^/  /'
usleep 500000
audit_since "$m2" | grep 'op=fcoe_' | sed 's/.*AUDIT /  audit: /'
audit_since "$m2" | grep -q 'op=fcoe_create' && bad "a create was requested after the VLAN went" || ok "no create requested after the VLAN went"
check "daemon still running" kill -0 $DPID
finish
