# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "libfcoe" (tests/vm/run.sh): fcoemond --kernel-if=libfcoe, the
# legacy /sys/module/libfcoe/parameters interface: the instance made while
# the link is down (one create, which leaves it enabled: "armed"), started
# by the kernel at link-up with no request, and a destroy when the entry
# leaves the configuration (SIGHUP).
. /guest/lib.sh
cfg eth0 fabric no
ip link set eth0 down
kernel_linkup_on
mark=$(mark_log)
fcoemond_start --kernel-if=libfcoe || finish
waitfor "eth0 down: the instance is made" '[ -n "$(ctlr_of eth0)" ]' 10
usleep 300000
check "... link down: the FCoE link not started (trace: no fcoe_ctlr_link_up)" test "$(grep -c fcoe_ctlr_link_up $KT/trace)" = 0
a=$(audit_since "$mark" | grep 'op=fcoe_' | grep -o 'phase=end op=fcoe_[a-z]*' | tr '\n' ' ')
check "link down: one request, fcoe_create (audit: $a)" test "$a" = "phase=end op=fcoe_create "
m1=$(mark_log)
ip link set eth0 up
waitfor "link up -> fcoe_ctlr_link_up from the kernel's notifier (trace: fcoe_device_notification)" '[ "$(kernel_linkups)" = 1 ]' 10
kernel_linkup_off
usleep 300000
a=$(audit_since "$m1" | grep 'op=fcoe_' | grep -o 'phase=end op=fcoe_[a-z]*' | tr '\n' ' ')
check "link up: no request (audit: ${a:-none})" test -z "$a"
usleep 300000
a=$(audit_since "$mark" | grep 'phase=end op=fcoe_create' | tail -1)
note "audit: ${a#*AUDIT }"
check "audit: fcoe_create eth0 through kif=libfcoe, result=ok" sh -c "echo '$a' | grep 'ifname=eth0' | grep 'kif=libfcoe' | grep -q 'result=ok'"
C=$(ctlr_of eth0)
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
