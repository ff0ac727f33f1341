# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/guest/dcbx.sh - sourced inside the VM after lib.sh by the DCBX
# scenarios (s-dcbx-*.sh) and the side-by-side comparison: the DCB-capable
# NIC (tests/vm/dcbsim) on eth0 and eth1, two real lldpads' worth of DCBX
# between them across the qemu hub (one lldpad manages both ports; eth1
# plays the switch: not willing, FCoE on priority 3), and the expected-
# failure list of what fcoemond cannot do yet.

# fcoemond checks that do not pass in this set-up, with the reason in
# XFAIL_WHY (none today: ieee-app-off and ieee-mismatch were here until the
# host stopped echoing the APP table, see ieee_setup).  Each runs for real;
# a listed one prints "XFAIL: ..." (not counted as PASS) while it fails, and
# FAILs loudly once it passes: then take its name out of this list.
XFAIL=""
XFAIL_WHY=""

# expect NAME DESC CMD...: a check; for a NAME on the XFAIL list, inverted.
expect() {
	_n=$1 _d=$2; shift 2
	case " $(echo $XFAIL) " in
	*" $_n "*)
		if "$@" >/dev/null 2>&1; then
			bad "$_d: XPASS, it passed: take '$_n' out of XFAIL in tests/vm/guest/dcbx.sh"
		else
			echo "XFAIL: $SCEN: $_d ($XFAIL_WHY)"
		fi ;;
	*) check "$_d" "$@" ;;
	esac
}

# What the kernel's dcbnl holds for a port (tools/dcbnl.c): everything on
# one line; the PFC bitmap; the APP table as "sel:prio:proto ...".
kget() { dcbnl get "$1" 2>&1 | tr '\n' ' '; }
kpfc() { dcbnl get "$1" | sed -n 's/.* pfc_en=\(0x[0-9a-f]*\).*/\1/p' | head -1; }
kapps() { dcbnl get "$1" | sed -n 's/.*apps=\[\([^]]*\)\].*/\1/p' | head -1; }
kdcbx() { dcbnl get "$1" | sed -n 's/.*GDCBX dcbx=\(0x..\).*/\1/p'; }
# k_fcoe_on IFACE PRIO: PFC on PRIO and the IEEE APP entry FCoE -> PRIO
k_fcoe_on() {
	[ $(( $(kpfc "$1") & (1 << $2) )) -ne 0 ] && kapps "$1" | grep -q " 1:$2:0x8906"
}

# waituntil DESC 'SHELL-CONDITION' SECS: lib.sh's waitfor, but on the clock
# (/proc/uptime): a condition that runs dcbtool costs more than waitfor's
# 50 ms step under TCG.
waituntil() {
	_end=$(awk -v u="$(up)" -v s="$3" 'BEGIN { print u + s }')
	while ! eval "$2"; do
		awk -v u="$(up)" -v e="$_end" 'BEGIN { exit !(u > e) }' && { bad "$1 (not within $3 s)"; return 1; }
		usleep 100000
	done
	ok "$1"
}

# dcbsim_load [MODULE-PARAMETERS]: eth0 and eth1 become DCB-capable NICs.
dcbsim_load() {
	dcbsim_unload
	modprobe dcbsim "$@" || { bad "modprobe dcbsim $*"; return 1; }
	ok "dcbsim loaded ($*): eth0 dcbx $(kdcbx eth0)"
}
# Back to plain virtio NICs and a lldpad with no memory of this scenario
# (its config file, and its DCBX mode record in shared memory).
dcbsim_unload() {
	lldpad_stop
	lldpad -s >/dev/null 2>&1
	rm -f /var/lib/lldpad/lldpad.conf
	[ -d /sys/module/dcbsim ] && rmmod dcbsim
	return 0
}

# By pid: `lldpad -k` finds lldpad through its shared memory, which
# `lldpad -s` clears.
lldpad_stop() {
	_p=$(pidof lldpad) || return 0
	kill $_p
	_i=0; while pidof lldpad >/dev/null && [ $_i -lt 40 ]; do usleep 50000; _i=$((_i + 1)); done
}
lldpad_start() {
	lldpad -d
	_i=0; until lldptool -p >/dev/null 2>&1 || [ $_i -gt 40 ]; do usleep 100000; _i=$((_i + 1)); done
}

# IEEE 802.1Qaz, lldpad's default: eth1 is the switch (willing=no, PFC on
# 3, APP FCoE -> 3, transmits ETS/PFC/APP), eth0 the willing host (ETS and
# PFC, but no APP TLV).  Why eth0 keeps its APP table to itself: lldpad
# builds the APP TLV it sends from the port's kernel APP table
# (bld_ieee8021qaz_app_tlv -> get_ieee_hw, DCB_CMD_IEEE_GET), and takes every
# received APP entry into that table whether willing or not
# (process_ieee8021qaz_app_tlv).  A host that sends its APP TLV echoes the
# switch's entries back, the switch-playing lldpad adopts them as peer
# entries, and an entry the switch deletes can survive as that echo: seen
# here as App:FCoE on 3 and 5 at once after "move to 5", and as the entry
# flapping in and out of eth0's table after a delete.  A real switch
# advertises its configuration, not what it learnt; without the echo eth1
# does the same.
ieee_setup() {
	ip link set eth0 up; ip link set eth1 up
	lldpad_start
	for _p in eth0 eth1; do
		lldptool -L -i $_p adminStatus=rxtx >/dev/null
		for _t in ETS-CFG PFC; do lldptool -T -i $_p -V $_t enableTx=yes >/dev/null; done
	done
	lldptool -T -i eth1 -V APP enableTx=yes >/dev/null
	lldptool -T -i eth0 -V APP enableTx=no >/dev/null
	lldptool -T -i eth1 -V PFC willing=no enabled=3 >/dev/null
	lldptool -T -i eth1 -V ETS-CFG willing=no >/dev/null
	lldptool -T -i eth1 -V APP app=3,1,0x8906 >/dev/null
	lldptool -T -i eth0 -V PFC willing=yes >/dev/null
	lldptool -T -i eth0 -V ETS-CFG willing=yes >/dev/null
}
# ieee_negotiated SECS: eth0's kernel state holds the switch's PFC and APP.
ieee_negotiated() {
	waituntil "IEEE DCBX: eth0 took the switch's PFC (0x08) and APP 0x8906 -> 3 into the kernel" \
		'k_fcoe_on eth0 3' "$1"
}

# CEE (legacy) DCBX: lldpad forced to CEE (dcbtool sc dcbx v:force-cee
# takes effect at its next start), DCB, PFC and App:FCoE enabled on both
# ports, eth1 not willing with PFC and FCoE on priority 3.
cee_setup() {
	ip link set eth0 up; ip link set eth1 up
	lldpad_start
	dcbtool sc dcbx v:force-cee >/dev/null
	for _p in eth0 eth1; do
		lldptool -L -i $_p adminStatus=rxtx >/dev/null
		dcbtool sc $_p dcb on >/dev/null
		dcbtool sc $_p pfc e:1 a:1 w:1 >/dev/null
		dcbtool sc $_p app:fcoe e:1 a:1 w:1 >/dev/null
	done
	dcbtool sc eth1 pfc pfcup:00010000 w:0 >/dev/null
	dcbtool sc eth1 app:fcoe appcfg:08 w:0 >/dev/null
	lldpad_stop
	lldpad_start
}
# What lldpad reports as eth0's operational CEE PFC and App:FCoE.
cee_oper() { dcbtool go eth0 pfc 2>&1; dcbtool go eth0 app:fcoe 2>&1; }
# The defect of Debian 12's lldpad (s-dcbx-cee.sh's header), recognised by
# all three of its marks: the kernel was switched to CEE (dcbx 0x05) by
# lldpad itself; lldpad answers its own CEE OPER queries "not applicable in
# IEEE-DCBX modes" (its DCBX record of the port was wiped, so the lookup by
# name fails); and eth0's LLDPDU carries the four mandatory TLVs only, no
# DCBX TLV (dcbx_bld_tlv finds no record either).  Anything else that keeps
# CEE from coming up is not this, and fails as it must.
lldpad_cee_defect() {
	[ "$(kdcbx eth0)" = 0x05 ] &&
		dcbtool go eth0 pfc 2>&1 | grep -q "not applicable in IEEE-DCBX modes" &&
		[ "$(lldptool -t -i eth0 | grep -c 'TLV$')" = 4 ] &&
		lldptool -t -i eth0 | grep -q '^End of LLDPDU TLV$'
}
# cee_up SECS: true once lldpad reports PFC and App:FCoE operational; quiet.
cee_up() {
	_end=$(awk -v u="$(up)" -v s="$1" 'BEGIN { print u + s }')
	until [ "$(cee_oper | grep -c "Oper Mode:.*true")" = 2 ]; do
		awk -v u="$(up)" -v e="$_end" 'BEGIN { exit !(u > e) }' && return 1
		usleep 100000
	done
}
cee_negotiated() {
	waituntil "CEE DCBX: lldpad reports PFC and App:FCoE operational on eth0 (dcbtool go)" \
		'[ "$(cee_oper | grep -c "Oper Mode:.*true")" = 2 ]' "$1" && return 0
	note "dcbtool go eth0 pfc / app:fcoe:"; cee_oper | sed 's/^/    /'
	note "kernel: $(kget eth0)"
	return 1
}

# ms FCWAIT-OUTPUT: "N ms" from fcwait's line
ms() { echo "$1" | sed -n 's/.* after \([0-9]*\) ms.*/\1 ms/p'; }
