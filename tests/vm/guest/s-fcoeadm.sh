# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "fcoeadm" (tests/vm/run.sh fcoeadm): Debian's real fcoeadm
# (fcoe-utils 1.0.34) against fcoemond's @fcm_clif control socket, as an
# admin used to fcoemon would use it.  Not in `make check` until the monitor
# serves that socket (see CHECK_SCENARIOS in tests/vm/run.sh).
. /guest/lib.sh
ip link set eth0 up
mark=$(mark_log)
fcoemond_start || finish
adm() {	# adm EXPECT DESC ARGS...: run fcoeadm, show its output, check its exit
	_e=$1 _d=$2; shift 2
	_o=$(fcoeadm "$@" 2>&1); _rc=$?
	echo "$_o" | sed "s/^/  fcoeadm $* | /"
	case $_e in
	0) [ $_rc = 0 ] && ok "$_d (exit 0)" || bad "$_d (exit $_rc, wanted 0)" ;;
	*) [ $_rc != 0 ] && ok "$_d (exit $_rc)" || bad "$_d (exit 0, wanted non-zero)" ;;
	esac
}
adm 0 "fcoeadm -c eth0 creates an instance" -c eth0
if ! timed "instance on eth0 enabled" eth0 enabled 10; then
	bad "the other fcoeadm checks need that instance: not run"
	finish
fi
C=$(ctlr_of eth0)
usleep 300000
audit_since "$mark" | grep -q 'phase=end op=fcoe_create .*ifname=eth0 .*result=ok' && ok "created by fcoemond (audit: fcoe_create eth0 result=ok)" || bad "no fcoe_create eth0 audit record: not created through fcoemond"
_o=$(fcoeadm -c eth0 2>&1); _rc=$?
echo "$_o" | sed 's/^/  fcoeadm -c eth0 | /'
[ $_rc != 0 ] && echo "$_o" | grep -qi "already created" && ok "fcoeadm -c eth0 again: refused, already created (exit $_rc)" ||
	bad "fcoeadm -c eth0 again: exit $_rc, wanted non-zero and 'already created'"
adm 0 "fcoeadm -i eth0 shows the instance" -i eth0
check "... with its symbolic name" sh -c 'fcoeadm -i eth0 2>&1 | grep -q "fcoe v0.1 over eth0"'
m2=$(mark_log)
adm 0 "fcoeadm -r eth0 resets it" -r eth0
adm 0 "fcoeadm -S eth0 rescans it" -S eth0
usleep 300000
audit_since "$m2" | grep -q 'op=fcoe_reset .*result=ok' && ok "audit: fcoe_reset result=ok" || bad "audit: no fcoe_reset result=ok"
audit_since "$m2" | grep -q 'op=fcoe_scan .*result=ok' && ok "audit: fcoe_scan result=ok" || bad "audit: no fcoe_scan result=ok"
check "same ctlr after reset and rescan" test "$(ctlr_of eth0)" = "$C"
adm 0 "fcoeadm -d eth0 destroys it" -d eth0
timed "instance on eth0 gone" eth0 gone 10
_o=$(fcoeadm -d nosuch0 2>&1); _rc=$?
echo "$_o" | sed 's/^/  fcoeadm -d nosuch0 | /'
[ $_rc != 0 ] && ! echo "$_o" | grep -q "Could not connect" && ok "fcoeadm -d nosuch0: refused by the daemon (exit $_rc)" ||
	bad "fcoeadm -d nosuch0: exit $_rc, wanted a refusal from the daemon"
finish
