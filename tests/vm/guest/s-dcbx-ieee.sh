# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "dcbx-ieee" (tests/vm/run.sh): IEEE 802.1Qaz DCBX, lldpad's
# default mode, negotiated by the real lldpad between eth0 and eth1 made
# DCB-capable by tests/vm/dcbsim: the peer's TLVs reach lldptool, the
# negotiated PFC and APP reach the kernel's dcbnl and its RTNLGRP_DCB
# notifications.  Then fcoemond with DCB_REQUIRED="yes" on eth0, deciding
# from the kernel's dcbnl (doc/design.md "Engine: IEEE DCBX"); what does not
# pass in this set-up is the XFAIL list of dcbx.sh.
. /guest/lib.sh
. /guest/dcbx.sh
dcbsim_load || finish
check "kernel answers for the module: eth0 DCBX host, CEE and IEEE (dcbx 0x0d)" test "$(kdcbx eth0)" = 0x0d
check "kernel: GPERM_HWADDR gives eth0's permanent MAC and a SAN MAC" \
	sh -c 'dcbnl get eth0 | grep -q "perm=52:54:00:fc:00:01 san=52:54:00:7c:00:01"'
dcbnl monitor > /tmp/dcbmon.log 2>&1 & MONPID=$!
ieee_setup
ieee_negotiated 30
lldptool -n -t -i eth0 -V PFC > /tmp/pfc.txt 2>&1; sed 's/^/    /' /tmp/pfc.txt
lldptool -n -t -i eth0 -V APP > /tmp/app.txt 2>&1; sed 's/^/    /' /tmp/app.txt
check "lldptool -n -t -i eth0 -V PFC: the peer's TLV (not willing, PFC enabled on 3)" \
	sh -c 'grep -q "Willing: no" /tmp/pfc.txt && grep -q "PFC enabled: 3" /tmp/pfc.txt'
check "lldptool -n -t -i eth0 -V APP: the peer's FCoE entry (priority 3, ethertype 0x8906)" \
	grep -q 'Prio 3.*Sel 1.*0x8906' /tmp/app.txt
check "dcbtool go eth0 pfc: not applicable in IEEE-DCBX modes" \
	sh -c 'dcbtool go eth0 pfc | grep -q "not applicable in IEEE-DCBX modes"'
check "kernel: eth0 in IEEE mode (dcbx 0x09: host, IEEE)" test "$(kdcbx eth0)" = 0x09
check "RTNLGRP_DCB: an IEEE_SET notification for eth0 with pfc_en=0x08 and APP 0x8906 -> 3" \
	grep -q 'SETDCB cmd=IEEE_SET if=eth0 .*pfc_en=0x08.* 1:3:0x8906' /tmp/dcbmon.log

# fcoemond: the IEEE scenarios of issue 13, each real.
cfg eth0 fabric yes
mark=$(mark_log)
fcoemond_start || finish
o=$(fcwait eth0 enabled 15); note "create: ${o}"
C=$(ctlr_of eth0)
expect ieee-create "IEEE: PFC and App:FCoE negotiated -> instance created and enabled" test -n "$C"
grep 'eth0: ' $DLOG | tail -3 | sed 's/^/    /'
# inst: the instance seen before is still the one on eth0.  gone_after SECS:
# there was one, it went within SECS, and fcoemond asked the actuator to
# destroy it since mark $m1 (nothing else removes an instance here).
inst() { [ -n "$C" ] && [ "$(ctlr_of eth0)" = "$C" ]; }
gone_after() {
	[ -n "$C" ] || return 1
	fcwait eth0 gone "$1" >/dev/null && audit_since "$m1" | grep -q 'op=fcoe_destroy'
}
# After the condition is restored: the new instance, if there was one before.
recreated() { [ -z "$C" ] || fcwait eth0 enabled 10 >/dev/null; C=$(ctlr_of eth0); }
# The peer drops App:FCoE: its APP TLV goes empty, so does eth0's table.
m1=$(mark_log)
lldptool -T -i eth1 -V APP -d app=3,1,0x8906 >/dev/null
check "lldptool -t -i eth1 -V APP -c app: the peer's APP table no longer holds FCoE" \
	sh -c '! lldptool -t -i eth1 -V APP -c app | grep -q 0x8906'
waituntil "kernel: eth0's APP table lost FCoE, PFC still on 3" \
	'[ -z "$(kapps eth0 | tr -d " ")" ] && [ "$(kpfc eth0)" = 0x08 ]' 10
# 20 s: a state that forbids FCoE is confirmed over the retry schedule
# (11 s, longer under TCG) before the destroy (doc/design.md "Engine: IEEE
# DCBX").
expect ieee-app-off "IEEE: the peer drops App:FCoE -> instance destroyed" gone_after 20
grep 'eth0: .*destroyed' $DLOG | tail -1 | sed 's/^/    /'
lldptool -T -i eth1 -V APP app=3,1,0x8906 >/dev/null
recreated
check "IEEE: the peer adds App:FCoE on 3 again -> instance created" test -n "$C"
# The peer moves App:FCoE to priority 5; PFC stays on 3.
m1=$(mark_log)
lldptool -T -i eth1 -V APP -d app=3,1,0x8906 >/dev/null
lldptool -T -i eth1 -V APP app=5,1,0x8906 >/dev/null
waituntil "kernel: eth0's APP table says FCoE on 5 only, PFC on 3" \
	'[ "$(kapps eth0 | tr -d " ")" = 1:5:0x8906 ] && [ "$(kpfc eth0)" = 0x08 ]' 10
expect ieee-mismatch "IEEE: App:FCoE moves to priority 5, PFC stays on 3 -> instance destroyed" gone_after 20
grep 'eth0: .*destroyed' $DLOG | tail -1 | sed 's/^/    /'
lldptool -T -i eth1 -V APP -d app=5,1,0x8906 >/dev/null
lldptool -T -i eth1 -V APP app=3,1,0x8906 >/dev/null
recreated; m2=$(mark_log)
lldptool -T -i eth1 -V PFC enabled=none >/dev/null; usleep 300000
lldptool -T -i eth1 -V PFC enabled=3 >/dev/null; sleep 3
nodestroy() { inst && ! audit_since "$m2" | grep -q 'op=fcoe_destroy\|op=fcoe_disable'; }
expect ieee-pfc-flap "IEEE: PFC off then on within the retry window -> same instance, nothing destroyed" nodestroy
m2=$(mark_log)
lldpad_stop; lldpad_start; sleep 4
expect ieee-lldpad-restart "IEEE: lldpad killed and restarted -> same instance, nothing destroyed" nodestroy
note "(mode switch: CEE -> IEEE needs a working CEE lldpad; see dcbx-cee)"
m2=$(mark_log)
dcbtool sc dcbx v:force-cee >/dev/null; lldpad_stop; lldpad_start; sleep 2
note "after force-cee: kernel dcbx $(kdcbx eth0); $(dcbtool go eth0 pfc 2>&1 | grep Status | tr '\t' ' ')"
dcbtool sc dcbx v:cee >/dev/null; lldpad_stop; lldpad -s; lldpad_start; sleep 4
expect ieee-mode-switch "DCBX mode switched CEE -> IEEE, same settings -> same instance" nodestroy
daemon_stop
kill $MONPID 2>/dev/null
dcbsim_unload
check "module unloaded: eth0 is a NIC without dcbnl again (EOPNOTSUPP)" \
	sh -c 'dcbnl get eth0 | grep -q "error=-95"'
finish
