# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "restart" (tests/vm/run.sh): SIGTERM leaves the instances up, and
# a new fcoemond adopts them: same ctlrs, no destroy or create requested.
. /guest/lib.sh
ip link set eth0 up
ip link add link eth0 name eth0.100 type vlan id 100
cfg eth0 fabric no
cfg eth0.100 fabric no
fcoemond_start || finish
timed "eth0 enabled" eth0 enabled 10
timed "eth0.100 enabled" -u eth0.100 enabled 10
C0=$(ctlr_of eth0) C1=$(ctlr_of eth0.100)
daemon_stop
check "SIGTERM: fcoemond exits 0 (status $DRC)" test "$DRC" = 0
check "after stop: ${C0##*/} on eth0 still there and enabled" test "$(ctlr_of eth0)" = "$C0" -a "$(cat $C0/enabled)" = 1
check "after stop: ${C1##*/} on eth0.100 still there and enabled" test "$(ctlr_of eth0.100)" = "$C1" -a "$(cat $C1/enabled)" = 1
check "monitor log: exiting on signal 15; FCoE instances stay up" grep -q 'exiting on signal 15; FCoE instances stay up' $DLOG
mark=$(mark_log)
: > $DLOG
fcoemond_start || finish
waitfor "log: eth0: adopted the existing FCoE instance" "grep -q 'eth0: adopted the existing FCoE instance' $DLOG" 10
waitfor "log: eth0.100: adopted the existing FCoE instance" "grep -q 'eth0.100: adopted the existing FCoE instance' $DLOG" 10
grep 'adopted' $DLOG | sed 's/^/  /'
usleep 1000000
check "same ctlr ${C0##*/} on eth0, enabled" test "$(ctlr_of eth0)" = "$C0" -a "$(cat $C0/enabled)" = 1
check "same ctlr ${C1##*/} on eth0.100, enabled" test "$(ctlr_of eth0.100)" = "$C1" -a "$(cat $C1/enabled)" = 1
a=$(audit_since "$mark" | grep -o 'op=[a-z_]*' | sort | uniq -c | tr '\n' ' ')
note "audit requests since the restart: ${a:-none}"
audit_since "$mark" | grep -q 'op=fcoe_\(create\|destroy\|disable\)' && bad "restart: a create/destroy/disable was requested" || ok "restart: no create, destroy or disable requested"
# The adopted instance is managed like its own: a link flap keeps it
# enabled ("armed"), the kernel takes its FCoE link down and up, and
# nothing is sent.
m3=$(mark_log)
ip link set eth0.100 down
waitfor "adopted eth0.100: link down -> fc_host port_state Linkdown" "grep -qx Linkdown $(fchost_of eth0.100)/port_state" 10
usleep 1000000
check "adopted eth0.100: link down 1 s, still enabled (armed)" grep -qx 1 $C1/enabled
ip link set eth0.100 up
waitfor "adopted eth0.100: link up -> port_state Offline (the kernel started it)" "grep -qx Offline $(fchost_of eth0.100)/port_state" 10
check "still ${C1##*/}, enabled" test "$(ctlr_of eth0.100)" = "$C1" -a "$(cat $C1/enabled)" = 1
usleep 300000
audit_since "$m3" | grep -q 'op=fcoe_' && bad "adopted eth0.100 flap: an fcoe_ request was sent" || ok "adopted eth0.100 flap: no fcoe_ request"
finish
