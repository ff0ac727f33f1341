# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "fip-resp" (tests/vm/run.sh): issue 12's VM test 2.  fcoemond
# answers FIP VLAN requests on eth1 (FIP_RESP="yes") for its VN2VN entries
# there: eth1.200-fcoe and eth1.201-fcoe (static VN2VN names: fcoemond
# makes those VLANs) and eth1.202 (a VLAN the administrator made).  The
# real `fipvlan` of fcoe-utils on eth0 must list every VID: Debian's
# fcoemon announces only the first (its notification's descriptor list
# length counts one VLAN whatever the number: a second VID lies past the
# list, seen in this VM with two entries).
# An entry removed by a reload takes its VID out of the answers.  The
# answers come from the kernel's responder on each instance (doc/fip.md
# "Responder"), so they go on while the daemon is stopped.
. /guest/lib.sh
ip link set eth0 up; ip link set eth1 up
cfg_resp eth1
cfg eth1.200-fcoe vn2vn no
cfg eth1.201-fcoe vn2vn no
vlan_up eth1 202
cfg eth1.202 vn2vn no
fcoemond_start || finish
for v in eth1.200-fcoe eth1.201-fcoe eth1.202; do
	timed "$v: VN2VN instance enabled" $v enabled 20
done
check "eth1.200-fcoe: VLAN made by fcoemond with VID 200" test "$(vlan_of eth1 200)" = eth1.200-fcoe
check "eth1.201-fcoe: VLAN made by fcoemond with VID 201" test "$(vlan_of eth1 201)" = eth1.201-fcoe
check "no instance on eth1 itself (FCOE_ENABLE=\"no\")" test -z "$(ctlr_of eth1)"
for v in eth1.200-fcoe eth1.201-fcoe eth1.202; do
	C=$(ctlr_of $v)
	waitfor "$v: the kernel's responder is on (${C##*/}/fip_vlan_responder=1)" "[ -n \"$C\" ] && grep -qx 1 $C/fip_vlan_responder" 10
done
# fipvlan_vids: the VIDs `fipvlan -m vn2vn eth0` lists from eth1's MAC
# (its whole output in /tmp/fipvlan.out)
mac1=$(cat /sys/class/net/eth1/address)
fipvlan_vids() {
	timeout 20 fipvlan -m vn2vn eth0 > /tmp/fipvlan.out 2>&1
	awk -F' *\\| *' -v m="$mac1" '$1 == "eth0" && $3 == m { print $2 }' /tmp/fipvlan.out | sort -n | tr '\n' ' '
}
got=$(fipvlan_vids)
grep . /tmp/fipvlan.out | sed 's/^/  fipvlan: /'
check "fipvlan on eth0 lists every VID fcoemond serves: 200 201 202 (got: $got)" test "$got" = "200 201 202 "
got=$(timeout 20 fipvlan eth0 2>&1 | awk -F' *\\| *' '$1 == "eth0" { print $2 }' | tr '\n' ' ')
check "fabric-mode fipvlan gets no VN2VN answer (got: ${got:-nothing})" test -z "$got"
# An entry removed (reload): its instance goes, and with it the VID.
rm /etc/fcoe/cfg-eth1.201-fcoe
kill -HUP $DPID
w=$(fcwait eth1.201-fcoe gone 20) && ok "cfg-eth1.201-fcoe removed, SIGHUP: its instance destroyed: $w" || bad "cfg-eth1.201-fcoe removed, SIGHUP: its instance destroyed: $w"
got=$(fipvlan_vids)
check "fipvlan now lists 200 202 (got: $got)" test "$got" = "200 202 "
daemon_stop
check "SIGTERM: fcoemond exits 0 (status $DRC)" test "$DRC" = 0
got=$(fipvlan_vids)
grep . /tmp/fipvlan.out | sed 's/^/  fipvlan: /'
check "daemon stopped: the kernel still answers for 200 202 (got: $got)" test "$got" = "200 202 "
finish
