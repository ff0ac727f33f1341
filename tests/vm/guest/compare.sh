# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/guest/compare.sh - run inside the VM by tests/bench/vm_compare.sh
# (make vm-compare): fcoemond and Debian's fcoemon (fcoe-utils 1.0.34) on the
# same kernel, cfg files and steps, row by row.  The host prepends:
#   PART=  main (rows 1, 1b, 2, 5), vlan (3a, 3b timed, no live delete),
#          vlan-add or vlan-at-start (one run with the live VLAN delete: it
#          can wedge the 6.1 kernel, so each gets a boot of its own)
#   WHO=   the daemons, in the order of the first run: the order alternates
#          from run to run, so host load falls on both alike
#   RUNS=  how many runs of each timed row
# Prints "ROW|who|scenario|outcome|link up -> enabled" lines, one per run;
# the host takes median, minimum and maximum of the times.
. /guest/lib.sh
modprobe -a 8021q fcoe tcm_fc sd_mod
row() { echo "ROW|$WHO|$1|$2|$3"; }
start() {
	SCEN=compare-$WHO
	if [ "$WHO" = fcoemon ]; then fcoemon_start; else fcoemond_start; fi
	# Both daemons get the same second of their own before the link
	# comes up, as in a running system: fcoemon's start-up work and
	# fcoemond's preparation (fcoemond(8) "What exists when") are done.
	usleep 1000000
}
# The daemon's last word on IFACE that explains a missing instance.
lastlog() {
	{ cat $DLOG; cat $SYSLOG; } | grep -e "$1: link" -e "for $1" | grep -v ': /etc/fcoe' |
		tail -1 | sed 's/^.*\(fcoemon\|fcoemond-monitor\)\(\[[0-9]*\]\)*: //'
}
ms() { echo "$1" | sed -n 's/.* after \([0-9]*\) ms.*/\1 ms/p'; }

# delete_vlan ROW-NAME T: delete eth0.100 under its instance, guarded
delete_vlan() {
	del_vlan eth0.100
	case $? in
	0) row "$1" "enabled on eth0.100; delete: instance gone ($(ms "$GONE"))" "$2" ;;
	1) row "$1" "enabled on eth0.100; delete: instance still there" "$2" ;;
	2) row "$1" "enabled on eth0.100; delete: KERNEL DEADLOCK ($STUCK)" "$2"; exit 0 ;;
	esac
}

# ---- the rows: each row_X runs once for $WHO ----

row_1() {	# 1 and 1b: fabric, first link-up, then a flap's re-enable
	reset_guest; cfg eth0 fabric no; start
	if ! o=$(fcwait -u eth0 enabled 10); then
		row "1 fabric, first link up" "no enabled instance in 10 s" "-"; return
	fi
	t=$(ms "$o"); C=$(ctlr_of eth0)
	row "1 fabric, first link up" "enabled ($(basename "$C"))" "$t"
	ip link set eth0 down; fcwait eth0 present 1 >/dev/null
	i=0; while [ "$(cat $C/enabled 2>/dev/null)" = 1 ] && [ $i -lt 100 ]; do usleep 50000; i=$((i + 1)); done
	dis=$(cat $C/enabled 2>/dev/null || echo gone)
	o2=$(fcwait -u eth0 enabled 10); t2=$(ms "$o2")
	if [ "$dis" = 0 ] && [ "$(ctlr_of eth0)" = "$C" ] && [ -n "$t2" ]; then
		row "1b fabric, flap re-enable" "disabled, re-enabled, same ctlr" "$t2"
	else
		row "1b fabric, flap re-enable" "enabled=$dis while down, ctlr $(basename "$(ctlr_of eth0)") (was $(basename "$C"))" "${t2:--}"
	fi
}

row_2() {	# VN2VN against the LIO target on eth1: login and a LUN
	reset_guest; target_setup; cfg eth0 vn2vn no; start
	if ! o=$(fcwait -u eth0 enabled 10); then
		row "2 VN2VN + LIO LUN" "no enabled instance in 10 s" "-"; return
	fi
	t=$(ms "$o"); o2=$(fcwait eth0 online 20); t2=$(ms "$o2")
	i=0; while [ -z "$(disk)" ] && [ $i -lt 200 ]; do usleep 100000; i=$((i + 1)); done
	D=$(disk); rb=no
	[ -n "$D" ] && lun_rw $D && rb=yes
	row "2 VN2VN + LIO LUN" "mode $(cat "$(ctlr_of eth0)/mode"), Online +${t2:-never}, disk ${D:-none}, 1 MiB readback $rb" "$t"
}

row_5() {	# DCB_REQUIRED=yes with the real lldpad on virtio (no DCB)
	reset_guest; lldpad -d; sleep 1; cfg eth0 fabric yes; start
	m=$(mark_log); : > $DLOG
	ip link set eth0 up
	if o=$(fcwait eth0 present 25); then
		row "5 DCB required, no DCB" "instance created ($(basename "$(ctlr_of eth0)"))" "$(ms "$o")"
	elif [ "$WHO" = fcoemon ]; then
		n=$( (cat $DLOG; log_since "$m") | grep -c 'RETRY TIMER' || true)
		g=$( (cat $DLOG; log_since "$m") | grep -ci 'give up\|gave up\|giving up' || true)
		row "5 DCB required, no DCB" "no instance in 25 s; $n retry timers set, give-up line: $([ "$g" -gt 0 ] && echo yes || echo none)" "-"
	else
		n=$(grep -c 'eth0: retry [0-9]* of 10' $DLOG || true)
		g=$(grep -m1 'DCB gave up' $DLOG | sed 's/^\[\([0-9.]*\)\].*/\1/')
		row "5 DCB required, no DCB" "no instance in 25 s; $n retries, then 'DCB gave up' at +$(awk -v a="$(sed -n '1s/^\[\([0-9.]*\)\].*/\1/p' $DLOG)" -v b="${g:-0}" 'BEGIN { printf "%.1f", b - a }') s" "-"
	fi
}

# 3a: a VLAN added while the daemon runs, set up at once.  LIVE=1: then
# deleted under its instance; otherwise the instance goes first.
row_3a() {
	n="3a VLAN added"
	reset_guest; ip link set eth0 up; cfg eth0.100 fabric no; start
	ip link add link eth0 name eth0.100 type vlan id 100
	if ! o=$(fcwait -u eth0.100 enabled 10); then
		row "$n" "no enabled instance in 10 s; its log: $(lastlog eth0.100)" "-"
	elif [ -n "${LIVE:-}" ]; then delete_vlan "$n, deleted" "$(ms "$o")"
	else row "$n" "enabled on eth0.100" "$(ms "$o")"; fi
}
# 3b: the VLAN exists (eth0 settled) before the daemon starts.
row_3b() {
	n="3b VLAN at start"
	reset_guest; ip link set eth0 up; ip link add link eth0 name eth0.100 type vlan id 100
	sleep 2; cfg eth0.100 fabric no; start
	if ! o=$(fcwait -u eth0.100 enabled 10); then
		row "$n" "no enabled instance in 10 s; its log: $(lastlog eth0.100)" "-"
	elif [ -n "${LIVE:-}" ]; then delete_vlan "$n, deleted" "$(ms "$o")"
	else row "$n" "enabled on eth0.100" "$(ms "$o")"; fi
}

# runs ROW...: RUNS runs of each row, the daemons' order swapped each run
runs() {
	_runno=1
	while [ $_runno -le "$RUNS" ]; do
		for _row in "$@"; do for WHO in $ORDER; do "row_$_row"; done; done
		ORDER=$(echo "$ORDER" | awk '{ for (i = NF; i > 0; i--) printf "%s%s", $i, (i > 1 ? " " : "") }')
		_runno=$((_runno + 1))
	done
}
ORDER=$WHO
case $PART in
main)		runs 1 2; RUNS=1; runs 5 ;;
vlan)		runs 3a 3b ;;
vlan-add)	LIVE=1 row_3a ;;
vlan-at-start)	LIVE=1 row_3b ;;
esac
reset_guest
