# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "dcbx-fw" (tests/vm/run.sh): a NIC whose firmware runs DCBX
# (dcbsim lld_managed=1 reports DCB_CAP_DCBX_LLD_MANAGED), no lldpad at
# all: the negotiated settings arrive through the kernel only -- iproute2's
# `dcb` plays the firmware agent -- read back by `dcb` and seen as
# RTNLGRP_DCB notifications, which fcoemond follows without lldpad.
. /guest/lib.sh
. /guest/dcbx.sh
dcbsim_load lld_managed=1 || finish
check "kernel: eth0 DCBX managed by the NIC (dcbx 0x0e: LLD_MANAGED, CEE, IEEE)" test "$(kdcbx eth0)" = 0x0e
check "dcb dcbx show dev eth0: lld-managed" sh -c 'dcb dcbx show dev eth0 | grep -q lld-managed'
check "no lldpad running" sh -c '! pidof lldpad'
dcbnl monitor > /tmp/dcbmon.log 2>&1 & MONPID=$!
ip link set eth0 up; usleep 300000
check "dcb pfc set dev eth0 prio-pfc 3:on" dcb pfc set dev eth0 prio-pfc 3:on
check "dcb app add dev eth0 ethtype-prio 0x8906:3" dcb app add dev eth0 ethtype-prio 0x8906:3
note "dcb pfc show: $(dcb pfc show dev eth0 | tr '\n' ' ')"
note "dcb app show: $(dcb app show dev eth0 | tr '\n' ' ')"
check "dcb pfc show dev eth0 reads back prio 3 on" sh -c 'dcb pfc show dev eth0 | grep -q "3:on"'
check "dcb app show dev eth0 reads back ethtype-prio 8906:3" sh -c 'dcb app show dev eth0 | grep -q "ethtype-prio 8906:3"'
check "kernel (RTM_GETDCB IEEE_GET): PFC on 3, APP 0x8906 -> 3 ($(kget eth0 | cut -c1-120))" k_fcoe_on eth0 3
usleep 300000
sed 's/^/    /' /tmp/dcbmon.log
check "RTNLGRP_DCB: IEEE_SET notification with pfc_en=0x08" grep -q 'SETDCB cmd=IEEE_SET if=eth0 .*pfc_en=0x08' /tmp/dcbmon.log
check "RTNLGRP_DCB: IEEE_SET notification with APP 0x8906 -> 3" grep -q 'SETDCB cmd=IEEE_SET if=eth0 .* 1:3:0x8906' /tmp/dcbmon.log

cfg eth0 fabric yes
fcoemond_start || finish
o=$(fcwait eth0 enabled 15); note "create: ${o}"
C=$(ctlr_of eth0)
expect fw-create "firmware DCBX, no lldpad: PFC and App:FCoE set -> instance created and enabled" test -n "$C"
grep 'eth0: \|lldpad' $DLOG | tail -3 | sed 's/^/    /'
gone_after() { [ -n "$C" ] || return 1; fcwait eth0 gone "$1" >/dev/null; }
# After the condition is restored: the new instance, if there was one before.
recreated() { [ -z "$C" ] || fcwait eth0 enabled 10 >/dev/null; C=$(ctlr_of eth0); }
n0=$(grep -c 'IEEE_DEL if=eth0' /tmp/dcbmon.log)
dcb app del dev eth0 ethtype-prio 0x8906:3
# 20 s: confirmed over the retry schedule (11 s, longer under TCG).
expect fw-app-off "firmware DCBX: App:FCoE removed -> instance destroyed" gone_after 20
check "RTNLGRP_DCB: IEEE_DEL notification for the removed APP entry" \
	sh -c "[ \$(grep -c 'IEEE_DEL if=eth0' /tmp/dcbmon.log) -gt $n0 ]"
dcb app add dev eth0 ethtype-prio 0x8906:3
recreated
dcb pfc set dev eth0 prio-pfc 3:off
expect fw-pfc-off "firmware DCBX: PFC off on FCoE's priority -> instance destroyed" gone_after 20
daemon_stop
kill $MONPID 2>/dev/null
dcbsim_unload
finish
