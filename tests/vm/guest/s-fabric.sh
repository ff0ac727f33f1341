# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "fabric" (tests/vm/run.sh): cfg-eth0 in fabric mode, DCB not
# required.  The real ctlr is made and enabled ("armed") while the link is
# down, and link-up costs no request: the kernel's netdev notifier starts
# an enabled instance itself (fcoe_device_notification() ->
# fcoe_ctlr_link_up(); fcoemond(8) "What exists when").  A link flap of
# several seconds keeps the same ctlr enabled throughout, sends nothing to
# the actuator, and never destroys.
. /guest/lib.sh
cfg eth0 fabric no
ip link set eth0 down
kernel_linkup_on
mark=$(mark_log)
fcoemond_start || finish
waitfor "eth0 down: the instance is made, enabled (armed)" '[ -n "$(ctlr_of eth0)" ] && grep -qx 1 "$(ctlr_of eth0)/enabled"' 10
C0=$(ctlr_of eth0)
H=$(fchost_of eth0)
usleep 300000
check "eth0 down: the FCoE link not started (trace: no fcoe_ctlr_link_up)" test "$(grep -c fcoe_ctlr_link_up $KT/trace)" = 0
a=$(audit_since "$mark")
echo "$a" | grep 'phase=end op=fcoe_create .*ifname=eth0 ' | grep -v 'disabled=1' | grep -q 'result=ok' && ok "audit: op=fcoe_create eth0 result=ok, not disabled=1" || bad "audit: op=fcoe_create eth0 result=ok, not disabled=1"
check "monitor log: eth0: FCoE instance created, fabric mode; enabled, the kernel starts it at link-up" grep -q 'eth0: FCoE instance created, fabric mode; enabled, the kernel starts it at link-up' $DLOG
m1=$(mark_log)
ip link set eth0 up
waitfor "link up -> fcoe_ctlr_link_up from the kernel's notifier (trace: fcoe_device_notification)" '[ "$(kernel_linkups)" = 1 ]' 10
waitfor "link up -> fc_host port_state Offline (no FCF on the wire)" 'grep -qx Offline "$H/port_state"' 10
C=$(ctlr_of eth0)
check "link up: the same ctlr ${C0##*/}, enabled, not made again" test "$C" = "$C0" -a "$(cat "$C/enabled")" = 1
note "instance $C"
check "a real ctlr under /sys/bus/fcoe/devices" test -d "$C"
check "ctlr mode Fabric" grep -qx Fabric "$C/mode"
check "fc_host over eth0: $(cat "$H/symbolic_name" 2>/dev/null)" grep -qx "fcoe v0.1 over eth0" "$H/symbolic_name"
usleep 500000
a=$(audit_since "$m1" | grep 'op=fcoe_' | grep -o 'phase=end op=fcoe_[a-z]*' | tr '\n' ' ')
check "link up: no request to the actuator (audit: ${a:-none})" test -z "$a"

# A flap of 3 s (six times the settle): enabled throughout, no request.
m2=$(mark_log)
ip link set eth0 down
waitfor "link down -> fc_host port_state Linkdown" 'grep -qx Linkdown "$H/port_state"' 10
lost=0 i=0
while [ $i -lt 30 ]; do
	[ "$(ctlr_of eth0)" = "$C" ] && grep -qx 1 "$C/enabled" || lost=$((lost + 1))
	usleep 100000; i=$((i + 1))
done
check "link down 3 s: the same ctlr ${C##*/}, enabled at each of 30 looks ($lost not)" test $lost = 0
ip link set eth0 up
waitfor "link up again -> fcoe_ctlr_link_up from the kernel's notifier, a second time" '[ "$(kernel_linkups)" = 2 ]' 10
kernel_linkup_off
waitfor "link up again -> fc_host port_state Offline" 'grep -qx Offline "$H/port_state"' 10
check "link up: same ctlr ${C##*/}, enabled" test "$(ctlr_of eth0)" = "$C" -a "$(cat "$C/enabled")" = 1
usleep 500000
a=$(audit_since "$m2" | grep 'op=fcoe_' | sed 's/.*AUDIT /  audit: /')
[ -n "$a" ] && echo "$a"
check "link flap: no fcoe_ request at all (no disable, enable, create or destroy)" test -z "$a"
check "monitor log: eth0: link down -> armed" grep -q 'eth0: link down -> armed: enabled, the kernel starts it at link-up' $DLOG
grep -q 'eth0: FCoE instance disabled' $DLOG && bad "monitor log: an instance disabled" || ok "monitor log: no instance disabled"
finish
