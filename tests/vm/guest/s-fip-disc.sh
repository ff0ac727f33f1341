# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "fip-disc" (tests/vm/run.sh): issue 12's VM test 1.  The fabric
# side (eth1) has its FCoE on VLAN 200 only: the LIO target's VN2VN
# instance on eth1.200, announcing VID 200 with the kernel's FIP VLAN
# responder.  fcoemond has cfg-eth0 AUTO_VLAN="yes", MODE="vn2vn" and
# nothing else: it must ask (FIP VLAN request on eth0), make the VLAN with
# its naming (eth0.200-fcoe, no IPv6), run a VN2VN instance on it, and the
# target's LUN must arrive as a disk whose data reads back.
. /guest/lib.sh
vlan_target 200
note "fabric side: target $(cat "$(fchost_of eth1.200)/port_name") on eth1.200, fip_vlan_responder=$(cat "$(ctlr_of eth1.200)/fip_vlan_responder")"
cfg_auto eth0 vn2vn
ip link set eth0 down
fcoemond_start || finish
mark=$(mark_log)
ip link set eth0 up
waitfor "the VLAN with VID 200 appears on eth0" '[ -n "$(vlan_of eth0 200)" ]' 15
V=$(vlan_of eth0 200)
note "VLAN over eth0 with VID 200: ${V:-none}"
check "it has the daemon's name eth0.200-fcoe (doc/fip.md \"VLAN names\")" test "$V" = eth0.200-fcoe
V=eth0.200-fcoe
timed "discovered VLAN -> enabled instance on it" $V enabled 20
# Its instance is made enabled ("armed") as soon as the daemon's VLAN
# exists, before the VLAN's operstate leaves "unknown" (fcoemond(8) "What
# exists when"): wait for the operstate.
waitfor "the VLAN is up" "grep -q '^up\$' /sys/class/net/$V/operstate" 5
check "IPv6 off on the VLAN (disable_ipv6=1)" grep -qx 1 /proc/sys/net/ipv6/conf/$V/disable_ipv6
C=$(ctlr_of $V)
check "the instance is VN2VN (the parent entry's MODE)" grep -qx VN2VN "$C/mode"
check "no instance on eth0 itself (AUTO_VLAN: FCoE goes on the VLAN)" test -z "$(ctlr_of eth0)"
timed "VN2VN login over the VLAN: fc_host Online" $V online 20
waitfor "remote port: the target, Online" 'grep -q "FCP Target" /sys/class/fc_remote_ports/rport-*/roles 2>/dev/null' 10
waitfor "the target's LUN appears as a SCSI disk" '[ -n "$(disk)" ]' 20
D=$(disk)
if [ -n "$D" ]; then
	check "the disk is the LIO ramdisk (vendor LIO-ORG)" grep -q LIO-ORG /sys/block/$D/device/vendor
	H=$(fchost_of $V)
	in0=$(cat $H/statistics/fcp_input_requests)
	check "1 MiB written over FCoE on the discovered VLAN reads back identical" lun_rw $D
	in1=$(cat $H/statistics/fcp_input_requests)
	check "the read went over the VLAN's fc_host (fcp_input_requests $in0 -> $in1)" test $((in1)) -gt $((in0))
fi
usleep 500000
audit_ops "$mark" | grep -e 'op=fip' -e 'op=vlan' -e 'op=fcoe_create' | sort | uniq -c | sed 's/^/  audit: /'
audit_since "$mark" | grep 'phase=end' | grep 'op=fip_send' | grep -q 'eth0.*result=ok' && ok "audit: FIP VLAN request sent on eth0 (op=fip_send result=ok)" || bad "audit: no op=fip_send on eth0 with result=ok"
audit_since "$mark" | grep 'phase=end' | grep 'op=vlan_create' | grep 'eth0' | grep '200' | grep -q 'result=ok' && ok "audit: VLAN 200 created on eth0 with a permission (op=vlan_create result=ok)" || bad "audit: no op=vlan_create of VID 200 on eth0 with result=ok"
n=$(audit_since "$mark" | grep 'phase=end' | grep -c 'op=vlan_create' || true)
check "audit: exactly one VLAN create ($n)" test "$n" = 1
# The VLAN is made within a second of eth0's link-up: the kernel announces
# it up, running, with its carrier, but its operstate stays UNKNOWN until
# linkwatch's next full run (doc/kernel.md "Link messages (rtnetlink)").
# Counted up: its instance is created enabled at once, not created
# disabled and enabled half a second later.
nc=$(audit_ops "$mark" | grep "ifname=$V " | grep -c 'op=fcoe_create.*result=ok' || true)
ne=$(audit_ops "$mark" | grep "ifname=$V " | grep -c -e 'disabled=1' -e 'op=fcoe_enable' || true)
check "audit: the VLAN's instance created enabled in one request ($nc creates; $ne disabled creates or enables)" test "$nc:$ne" = 1:0
grep -e 'FIP' -e 'VLAN' $DLOG | sed 's/^\[[0-9.]*\] /  log: /' | head -8
# fcoectl status: per auto entry the discovery state, the peer and the VIDs
# offered; per discovered VLAN its VID (issue 12, "fcoectl status").
fcoectl status > /tmp/fcoectl.out 2>&1; sed 's/^/  fcoectl: /' /tmp/fcoectl.out | head -20
mac1=$(cat /sys/class/net/eth1/address)
check "fcoectl status, eth0: discovery found VLAN 200 from eth1's MAC $mac1" \
	sh -c "grep '^eth0 ' /tmp/fcoectl.out | grep found | grep -w 200 | grep -q '$mac1'"
check "fcoectl status, eth0.200-fcoe: VID 200 of eth0, its instance Online" \
	sh -c "grep '^eth0.200-fcoe ' /tmp/fcoectl.out | grep 'VID 200' | grep -q Online"
finish
