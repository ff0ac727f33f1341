# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "fip-withdraw" (tests/vm/run.sh): issue 12's VM test 4.  eth1
# announces VLANs 200 and 201 (kernel responders on bare VN2VN instances
# on eth1.200 and eth1.201: the kernel answers one request with one
# notification per instance, each with its one VID, all from eth1's MAC,
# as seen in this VM); fcoemond on eth0 (AUTO_VLAN="yes", VN2VN) makes eth0.200-fcoe and eth0.201-fcoe with an instance on each.
# Then eth1 stops announcing 201 and a link flap of eth0 starts a new
# round of requests (doc/fip.md: link up starts discovery from the
# beginning): 201's instance and VLAN go, 200's stay untouched.  Last,
# total silence (nothing answers any more) withdraws nothing.
. /guest/lib.sh
vn2vn_responder eth1 200
vn2vn_responder eth1 201
cfg_auto eth0 vn2vn
ip link set eth0 down
fcoemond_start || finish
ip link set eth0 up
timed "VID 200 discovered: eth0.200-fcoe enabled" eth0.200-fcoe enabled 20
timed "VID 201 discovered: eth0.201-fcoe enabled" eth0.201-fcoe enabled 20
C0=$(ctlr_of eth0.200-fcoe) X0=$(cat /sys/class/net/eth0.200-fcoe/ifindex 2>/dev/null)
# Both VIDs held for a while: the one-VID-per-frame answers must add up,
# not replace each other (each resend's answers would flip them).
sleep 4
check "both still there 4 s later (answers of one round add up)" test -n "$(ctlr_of eth0.200-fcoe)" -a -n "$(ctlr_of eth0.201-fcoe)"
mark=$(mark_log)
echo 0 > "$(ctlr_of eth1.201)/fip_vlan_responder"
note "eth1 no longer announces VID 201 (fip_vlan_responder=0 on eth1.201)"
ip link set eth0 down; usleep 700000; ip link set eth0 up
note "eth0 flapped: a new round of VLAN requests"
w=$(fcwait eth0.201-fcoe gone 20) && ok "VID 201 withdrawn -> its instance destroyed: $w" || bad "VID 201 withdrawn -> its instance destroyed: $w"
waitfor "VID 201 withdrawn -> VLAN eth0.201-fcoe deleted" '[ ! -e /sys/class/net/eth0.201-fcoe ]' 15
timed "eth0.200-fcoe enabled again after the flap" eth0.200-fcoe enabled 20
check "VID 200 untouched: same ctlr ${C0##*/}, same VLAN (ifindex $X0)" test -n "$C0" -a "$(ctlr_of eth0.200-fcoe)" = "$C0" -a "$(cat /sys/class/net/eth0.200-fcoe/ifindex 2>/dev/null)" = "$X0"
usleep 500000
audit_ops "$mark" | grep -e 'op=vlan' -e 'op=fcoe_destroy' -e 'op=fcoe_create' | sed 's/^/  audit: /'
audit_ops "$mark" | grep 'op=fcoe_destroy' | grep -q 'eth0.201-fcoe.*result=ok' && ok "audit: op=fcoe_destroy eth0.201-fcoe ok" || bad "audit: no op=fcoe_destroy of eth0.201-fcoe with result=ok"
audit_ops "$mark" | grep 'op=vlan_destroy' | grep -q 'eth0.201-fcoe.*result=ok' && ok "audit: op=vlan_destroy eth0.201-fcoe ok" || bad "audit: no op=vlan_destroy of eth0.201-fcoe with result=ok"
audit_ops "$mark" | grep -e 'op=vlan_destroy' -e 'op=fcoe_destroy' | grep -q 'eth0.200-fcoe' && bad "audit: something of VID 200 was destroyed" || ok "audit: nothing of VID 200 destroyed"
audit_ops "$mark" | grep -q 'op=vlan_create' && bad "audit: a VLAN was created after the withdrawal" || ok "audit: no VLAN created after the withdrawal"
# Silence withdraws nothing (doc/fip.md): no responder at all, a new round.
mark=$(mark_log)
echo 0 > "$(ctlr_of eth1.200)/fip_vlan_responder"
ip link set eth0 down; usleep 700000; ip link set eth0 up
timed "silence: eth0.200-fcoe enabled again after the flap" eth0.200-fcoe enabled 20
waitfor "silence: discovery asked again (audit op=fip_send)" "audit_since $mark | grep 'phase=end' | grep -q 'op=fip_send'" 10
sleep 3
check "silence: eth0.200-fcoe and its instance stay (same ctlr ${C0##*/})" test -n "$C0" -a "$(ctlr_of eth0.200-fcoe)" = "$C0"
audit_ops "$mark" | grep -q -e 'op=vlan_destroy' -e 'op=fcoe_destroy' && bad "silence: a destroy was requested" || ok "silence: no destroy requested"
check "daemon still running" kill -0 $DPID
finish
