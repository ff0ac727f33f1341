# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "fabric" (tests/vm/run.sh): cfg-eth0 in fabric mode, DCB not
# required (fcoemond(8) "What exists when").  eth0 administratively down
# at start: the real ctlr is made disabled, since an enable written then
# would start FCoE on the down device (the kernel's link test ignores
# IFF_UP) and the real link-up would solicit nothing; link-up costs one
# enable, which solicits.  Then a flap of several seconds: the instance
# stays enabled ("armed") throughout, nothing is sent to the actuator, and
# the kernel's netdev notifier starts it again by itself
# (fcoe_device_notification -> fcoe_ctlr_link_up -> a FIP solicitation).
. /guest/lib.sh
cfg eth0 fabric no
ip link set eth0 down
mark=$(mark_log)
kernel_linkup_on
fcoemond_start || finish
waitfor "eth0 down: the instance is made, disabled" '[ -n "$(ctlr_of eth0)" ] && grep -qx 0 "$(ctlr_of eth0)/enabled"' 10
C0=$(ctlr_of eth0)
usleep 300000
check "eth0 down: FCoE not started (trace: no fcoe_ctlr_link_up, no FIP frame)" test "$(grep -c 'fcoe_ctlr_link_up\|fcoe_fip_send' $KT/trace)" = 0
a=$(audit_since "$mark")
echo "$a" | grep -q 'phase=end op=fcoe_create .*ifname=eth0 .*disabled=1 .*result=ok' && ok "audit: op=fcoe_create eth0 disabled=1 result=ok" || bad "audit: op=fcoe_create eth0 disabled=1 result=ok"
check "monitor log: eth0: FCoE instance created, fabric mode, disabled until link-up" grep -q 'eth0: FCoE instance created, fabric mode, disabled until link-up' $DLOG
m1=$(mark_log)
timed "link up -> enabled instance" -u eth0 enabled 10
C=$(ctlr_of eth0)
check "link up: the same ctlr ${C0##*/}, enabled, not made again" test "$C" = "$C0"
waitfor "link up: a FIP solicitation (trace: fcoe_fip_send <-fcoe_ctlr_solicit)" "grep -q 'fcoe_fip_send <-fcoe_ctlr_solicit' $KT/trace" 10
note "instance $C"
check "a real ctlr under /sys/bus/fcoe/devices" test -d "$C"
check "ctlr mode Fabric" grep -qx Fabric "$C/mode"
H=$(fchost_of eth0)
check "fc_host over eth0: $(cat "$H/symbolic_name" 2>/dev/null)" grep -qx "fcoe v0.1 over eth0" "$H/symbolic_name"
waitfor "fc_host port_state Offline (enabled, no FCF on the wire)" 'grep -qx Offline "$H/port_state"' 10
usleep 300000
a=$(audit_since "$m1" | grep 'op=fcoe_' | grep -o 'phase=end op=fcoe_[a-z]*' | tr '\n' ' ')
check "link up: one request, fcoe_enable (audit: $a)" test "$a" = "phase=end op=fcoe_enable "

# A flap of 3 s (six times the settle): enabled throughout, no request,
# and the kernel solicits again at link-up by itself.
m2=$(mark_log)
ip link set eth0 down
waitfor "link down -> fc_host port_state Linkdown" 'grep -qx Linkdown "$H/port_state"' 10
lost=$(enabled_looks eth0 "$C" 30)
check "link down 3 s: the same ctlr ${C##*/}, enabled at each of 30 looks ($lost not)" test $lost = 0
n=$(grep -c 'fcoe_fip_send <-fcoe_ctlr_solicit' $KT/trace)
ip link set eth0 up
waitfor "link up again -> fcoe_ctlr_link_up from the kernel's notifier (trace)" '[ "$(kernel_linkups)" -ge 1 ]' 10
waitfor "... and a FIP solicitation again, with no request of ours (trace)" "[ \$(grep -c 'fcoe_fip_send <-fcoe_ctlr_solicit' $KT/trace) -gt $n ]" 10
kernel_linkup_off
waitfor "link up again -> fc_host port_state Offline" 'grep -qx Offline "$H/port_state"' 10
check "link up: same ctlr ${C##*/}, enabled" test "$(ctlr_of eth0)" = "$C" -a "$(cat "$C/enabled")" = 1
usleep 500000
no_fcoe_since "$m2" "link flap: no fcoe_ request at all (no disable, enable, create or destroy)"
check "monitor log: eth0: link down -> armed" grep -q 'eth0: link down -> armed: enabled, the kernel starts it at link-up' $DLOG
grep -q 'eth0: FCoE instance disabled' $DLOG && bad "monitor log: an instance disabled" || ok "monitor log: no instance disabled"
finish
