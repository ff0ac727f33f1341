# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "libfcoe" (tests/vm/run.sh): fcoemond --kernel-if=libfcoe, the
# legacy /sys/module/libfcoe/parameters interface: the instance made while
# the link is down (create, then disable: libfcoe's create starts it),
# enabled on link up; a flap then sends nothing (libfcoe's instance counts
# as enabled: the kernel restarts it, "armed"), and a destroy when the
# entry leaves the configuration (SIGHUP).
. /guest/lib.sh
cfg eth0 fabric no
ip link set eth0 down
mark=$(mark_log)
fcoemond_start --kernel-if=libfcoe || finish
waitfor "eth0 down: the instance is made" '[ -n "$(ctlr_of eth0)" ]' 10
waitfor "... and disabled: fc_host port_state Linkdown" 'grep -qx Linkdown "$(fchost_of eth0)/port_state"' 10
m1=$(mark_log)
timed "link up -> enabled instance" -u eth0 enabled 10
usleep 300000
a=$(audit_since "$m1" | grep 'op=fcoe_' | grep -o 'phase=end op=fcoe_[a-z]*' | tr '\n' ' ')
check "link up: one request, fcoe_enable (audit: $a)" test "$a" = "phase=end op=fcoe_enable "
usleep 300000
a=$(audit_since "$mark" | grep 'phase=end op=fcoe_create' | tail -1)
note "audit: ${a#*AUDIT }"
check "audit: fcoe_create eth0 through kif=libfcoe, result=ok" sh -c "echo '$a' | grep 'ifname=eth0' | grep 'kif=libfcoe' | grep -q 'result=ok'"
C=$(ctlr_of eth0)
m3=$(mark_log)
ip link set eth0 down
waitfor "flap: link down -> port_state Linkdown" 'grep -qx Linkdown "$(fchost_of eth0)/port_state"' 10
usleep 1000000
ip link set eth0 up
waitfor "flap: link up -> port_state Offline (the kernel restarted it)" 'grep -qx Offline "$(fchost_of eth0)/port_state"' 10
usleep 300000
a=$(audit_since "$m3" | grep 'op=fcoe_' | grep -o 'phase=end op=fcoe_[a-z]*' | tr '\n' ' ')
check "flap: no request (audit: ${a:-none})" test -z "$a"
m2=$(mark_log)
rm /etc/fcoe/cfg-eth0
kill -HUP $DPID
timed "cfg-eth0 removed + SIGHUP -> instance destroyed" eth0 gone 10
usleep 300000
a=$(audit_since "$m2" | grep 'phase=end op=fcoe_destroy' | tail -1)
note "audit: ${a#*AUDIT }"
check "audit: fcoe_destroy eth0 through kif=libfcoe, result=ok" sh -c "echo '$a' | grep 'ifname=eth0' | grep 'kif=libfcoe' | grep -q 'result=ok'"
check "log: eth0: FCoE instance destroyed (removed from the configuration)" grep -q 'eth0: FCoE instance destroyed (removed from the configuration)' $DLOG
finish
