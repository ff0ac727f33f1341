# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "fabric" (tests/vm/run.sh): cfg-eth0 in fabric mode, DCB not
# required.  The real ctlr is made, disabled, while the link is down and is
# enabled when the link comes up (fcoemond(8) "What exists when"); a link
# flap disables and re-enables the same instance and never destroys it.
. /guest/lib.sh
cfg eth0 fabric no
ip link set eth0 down
mark=$(mark_log)
fcoemond_start || finish
waitfor "eth0 down: the instance is made, disabled" '[ -n "$(ctlr_of eth0)" ] && grep -qx 0 "$(ctlr_of eth0)/enabled"' 10
C0=$(ctlr_of eth0)
m1=$(mark_log)
timed "link up -> enabled instance" -u eth0 enabled 10
C=$(ctlr_of eth0)
check "link up: the same ctlr ${C0##*/}, enabled, not made again" test "$C" = "$C0"
note "instance $C"
check "a real ctlr under /sys/bus/fcoe/devices" test -d "$C"
check "ctlr mode Fabric" grep -qx Fabric "$C/mode"
H=$(fchost_of eth0)
check "fc_host over eth0: $(cat "$H/symbolic_name" 2>/dev/null)" grep -qx "fcoe v0.1 over eth0" "$H/symbolic_name"
waitfor "fc_host port_state Offline (enabled, no FCF on the wire)" 'grep -qx Offline "$H/port_state"' 10
a=$(audit_since "$mark")
echo "$a" | grep -q 'phase=end op=fcoe_create .*ifname=eth0 .*disabled=1 .*result=ok' && ok "audit: op=fcoe_create eth0 disabled=1 result=ok" || bad "audit: op=fcoe_create eth0 disabled=1 result=ok"
usleep 300000
a=$(audit_since "$m1" | grep 'op=fcoe_' | grep -o 'phase=end op=fcoe_[a-z]*' | tr '\n' ' ')
check "link up: one request, fcoe_enable (audit: $a)" test "$a" = "phase=end op=fcoe_enable "
check "monitor log: eth0: FCoE instance created, fabric mode, disabled until link-up" grep -q 'eth0: FCoE instance created, fabric mode, disabled until link-up' $DLOG

m2=$(mark_log)
ip link set eth0 down
waitfor "link down -> ctlr enabled=0" 'grep -qx 0 "$C/enabled" 2>/dev/null' 10
check "link down: same ctlr ${C##*/} still there" test "$(ctlr_of eth0)" = "$C"
waitfor "link down -> fc_host port_state Linkdown" 'grep -qx Linkdown "$H/port_state"' 10
timed "link up again -> enabled" -u eth0 enabled 10
check "link up: same ctlr ${C##*/}" test "$(ctlr_of eth0)" = "$C"
usleep 500000
a=$(audit_since "$m2")
echo "$a" | grep -q 'phase=end op=fcoe_disable .*ifname=eth0 .*result=ok' && ok "audit: op=fcoe_disable eth0 result=ok" || bad "audit: op=fcoe_disable eth0 result=ok"
echo "$a" | grep -q 'phase=end op=fcoe_enable .*ifname=eth0 .*result=ok' && ok "audit: op=fcoe_enable eth0 result=ok" || bad "audit: op=fcoe_enable eth0 result=ok"
echo "$a" | grep -q 'op=fcoe_\(destroy\|create\)' && bad "link flap: a destroy or create was requested" || ok "link flap: no destroy or create requested"
check "monitor log: eth0: FCoE instance disabled" grep -q 'eth0: FCoE instance disabled' $DLOG
check "monitor log: eth0: FCoE instance enabled" grep -q 'eth0: FCoE instance enabled' $DLOG
finish
