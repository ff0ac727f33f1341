# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/guest/compare.sh - run inside the VM by tests/bench/vm_compare.sh
# (make vm-compare): fcoemond and Debian's fcoemon (fcoe-utils 1.0.34) on the
# same kernel, cfg files and steps, row by row.  The host prepends:
#   PART=  main (rows 1, 1b, 2, 5), vlan (3a, 3b timed, no live delete),
#          storm (row 6, STORM_N VLANs),
#          fip (row 4, AUTO_VLAN="yes": the VLAN found by FIP VLAN
#          discovery; its time runs from eth0's link-up to the instance
#          on the discovered VLAN enabled),
#          dcbx (rows 7-9: DCBX on the dcbsim NIC, tests/vm/guest/dcbx.sh;
#          their time runs from the decisive DCB change to the create or
#          destroy),
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
# Both daemons' output goes to $DLOG through lib.sh's stamp, a shell loop
# that costs the guest's one CPU 1-7 ms a line (make bench-latency's
# sched_switch), between the very steps timed here; fcoemond runs with -d
# to stderr, fcoemon with --syslog=yes, so that loop weighed on fcoemond
# alone.  Here it is a plain copy, the same for both; row 5, untimed, keeps
# the time stamps it reads.
lib_stamp() { while IFS= read -r _l; do read -r _up _ < /proc/uptime; echo "[$_up] $_l"; done; }
stamp() { if [ -n "${STAMP:-}" ]; then lib_stamp; else cat; fi; }
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

# The times come from the guest kernel's tracer (clock mono): from the
# SIOCSIFFLAGS that sets the link up to the kernel's fcoe_ctlr_link_up()
# for the instance, where its FCoE link starts (FIP discovery, or the
# VN2VN claim): what a path waiting to come back waits for.  fcoemon gets
# there by a write to the ctlr's enabled (store_ctlr_enabled, traced too),
# after its netlink round trip; an instance fcoemond left enabled while
# the link was down gets there from the fcoe module's own netdev notifier
# (doc/kernel.md), with no write.  A kprobe on fcoe_ctlr_link_up records
# the ctlr, so the storm counts each instance once.  fcwait only waits for
# the outcome, looking every 20 ms: its 2 ms poll took the one CPU from the
# daemons.
T=/sys/kernel/tracing
grep -q " tracefs " /proc/mounts || mount -t tracefs tracefs $T
echo mono > $T/trace_clock; echo store_ctlr_enabled > $T/set_ftrace_filter
echo 'p:fcb/linkup fcoe_ctlr_link_up ctlr=%di:x64' > $T/kprobe_events
echo 1 > $T/events/fcb/linkup/enable
echo 'cmd == 0x8914' > $T/events/syscalls/sys_enter_ioctl/filter
echo 1 > $T/events/syscalls/sys_enter_ioctl/enable; echo 0 > $T/tracing_on
echo function > $T/current_tracer
export FCWAIT_POLL_US=20000
# linkup_wait: until the trace has a fcoe_ctlr_link_up (at most 5 s more):
# fcwait is done when the instance is enabled, which an instance kept
# enabled over the link-down already is before its link comes up.
linkup_wait() {
	_i=0; while [ "$(link_ms)" = "?" ] && [ $_i -lt 250 ]; do usleep 20000; _i=$((_i + 1)); done
}
# link_ms: the trace's time from the first link-up ioctl to the
# fcoe_ctlr_link_up that started the instance's FCoE link, and how it got
# there: with an enable write, the first one after that write (the kernel
# may call it earlier on the still disabled ctlr, as a VN2VN mode write
# does), else the first one, from the kernel alone; "?" if the trace lacks
# one of them
link_ms() {
	awk 'function ts() { match($0, /[0-9]+\.[0-9]+: /); return substr($0, RSTART, RLENGTH - 2) }
		!t0 && /sys_ioctl\(/ { t0 = ts() }
		t0 && /store_ctlr_enabled/ && !w { w = 1 }
		t0 && / linkup: / { if (w && !tw) tw = ts(); if (!ta) ta = ts() }
		END { t = w ? tw : ta
			if (t) printf "%.1f ms|%s\n", (t - t0) * 1000, w ? "enable write" : "kernel alone"; else print "?" }' $T/trace
}
# tup IFACE STATE SECS: fcwait -u; TUP: its line, or empty; prints the
# time, and writes how the FCoE link started to $HOWF (how() reads it)
tup() {
	: > $T/trace; echo 1 > $T/tracing_on
	TUP=$(fcwait -u "$@"); _rc=$?; [ $_rc = 0 ] && linkup_wait; echo 0 > $T/tracing_on
	[ $_rc = 0 ] || { TUP=; return 1; }
	tdone
}
# tdone: the time of the traced link-up, or fcwait's own time
HOWF=/tmp/compare-how
tdone() {
	_l=$(link_ms)
	if [ "$_l" = "?" ]; then echo "link-up untraced" > $HOWF; ms "$TUP"
	else echo "${_l#*|}" > $HOWF; echo "${_l%%|*}"; fi
}
how() { cat $HOWF 2>/dev/null; }

# tup_on UPIFACE IFACE STATE SECS: like tup, but the link set up is
# UPIFACE's (busybox ifconfig: the same SIOCSIFFLAGS) and the instance
# waited for is IFACE's, which does not exist yet (a discovered VLAN).
# Without the trace's two points, fcwait's own time (it starts right after
# the ifconfig), as tup does.
tup_on() {
	_u=$1; shift
	: > $T/trace; echo 1 > $T/tracing_on
	ifconfig "$_u" up
	TUP=$(fcwait "$@"); _rc=$?; [ $_rc = 0 ] && linkup_wait; echo 0 > $T/tracing_on
	[ $_rc = 0 ] || { TUP=; return 1; }
	tdone
}

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

row_1() {	# 1 and 1b: fabric, first link-up, then a flap
	reset_guest; cfg eth0 fabric no; start
	if ! t=$(tup eth0 enabled 10); then
		row "1 fabric, first link up" "no enabled instance in 10 s" "-"; return
	fi
	C=$(ctlr_of eth0)
	row "1 fabric, first link up" "enabled ($(basename "$C")); FCoE link: $(how)" "$t"
	ip link set eth0 down; fcwait eth0 present 1 >/dev/null
	# A second down: fcoemon disables at once, fcoemond (DCB_REQUIRED=no)
	# keeps it enabled; either daemon is done with the link-down by then,
	# so the row does not time the tail of its logging and audit.
	usleep 1000000
	dis=$(cat $C/enabled 2>/dev/null || echo gone)
	t2=$(tup eth0 enabled 10)
	if [ "$(ctlr_of eth0)" = "$C" ] && [ -n "$t2" ] && [ "$dis" != gone ]; then
		row "1b fabric, flap re-enable" "$([ "$dis" = 0 ] && echo "disabled, re-enabled" || echo "kept enabled while down"), same ctlr; FCoE link: $(how)" "$t2"
	else
		row "1b fabric, flap re-enable" "enabled=$dis while down, ctlr $(basename "$(ctlr_of eth0)") (was $(basename "$C"))" "${t2:--}"
	fi
}

row_2() {	# VN2VN against the LIO target on eth1: login and a LUN
	reset_guest; target_setup; cfg eth0 vn2vn no; start
	if ! t=$(tup eth0 enabled 10); then
		row "2 VN2VN + LIO LUN" "no enabled instance in 10 s" "-"; return
	fi
	o2=$(FCWAIT_POLL_US=2000 fcwait eth0 online 20); t2=$(ms "$o2")
	i=0; while [ -z "$(disk)" ] && [ $i -lt 200 ]; do usleep 100000; i=$((i + 1)); done
	D=$(disk); rb=no
	[ -n "$D" ] && lun_rw $D && rb=yes
	row "2 VN2VN + LIO LUN" "mode $(cat "$(ctlr_of eth0)/mode"), FCoE link: $(how), Online +${t2:-never}, disk ${D:-none}, 1 MiB readback $rb" "$t"
}

row_5() {	# DCB_REQUIRED=yes with the real lldpad on virtio (no DCB)
	reset_guest; lldpad -d; sleep 1; cfg eth0 fabric yes; STAMP=1; start; STAMP=
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
	if ! t=$(tup eth0.100 enabled 10); then
		row "$n" "no enabled instance in 10 s; its log: $(lastlog eth0.100)" "-"
	elif [ -n "${LIVE:-}" ]; then delete_vlan "$n, deleted" "$t"
	else row "$n" "enabled on eth0.100; FCoE link: $(how)" "$t"; fi
}
# 3b: the VLAN exists (eth0 settled) before the daemon starts.
row_3b() {
	n="3b VLAN at start"
	reset_guest; ip link set eth0 up; ip link add link eth0 name eth0.100 type vlan id 100
	sleep 2; cfg eth0.100 fabric no; start
	if ! t=$(tup eth0.100 enabled 10); then
		row "$n" "no enabled instance in 10 s; its log: $(lastlog eth0.100)" "-"
	elif [ -n "${LIVE:-}" ]; then delete_vlan "$n, deleted" "$t"
	else row "$n" "enabled on eth0.100; FCoE link: $(how)" "$t"; fi
}

# 4: AUTO_VLAN="yes", MODE="vn2vn" on eth0; the LIO target on eth1.200
# announces VID 200 (the kernel's responder, the same for both daemons):
# from eth0's link-up to the instance on the VLAN the daemon found and made
# enabled, then the VN2VN login over it.
row_fip() {
	n="4 AUTO_VLAN vn2vn, VID 200"
	reset_guest; vlan_target 200; cfg_auto eth0 vn2vn; ip link set eth0 down; start
	if ! t=$(tup_on eth0 eth0.200-fcoe enabled 20); then
		v=$(vlan_of eth0 200)
		row "$n" "no enabled instance on eth0.200-fcoe in 20 s; VLAN over eth0 with VID 200: ${v:-none}; its log: $(lastlog eth0)" "-"; return
	fi
	o2=$(FCWAIT_POLL_US=2000 fcwait eth0.200-fcoe online 20); t2=$(ms "$o2")
	row "$n" "VLAN $(vlan_of eth0 200) made, $(cat "$(ctlr_of eth0.200-fcoe)/mode"), FCoE link: $(how), Online +${t2:-never}" "$t"
}

# CPU time of the daemon's processes in ms: the scheduler's sum,
# /proc/PID/schedstat's first field (ns); /proc/PID/stat's ticks of 10 ms
# are samples a process working in short bursts can miss.
cpu_ms() {
	_s=0
	for _p in $DPID ${MPID:-}; do
		[ "$WHO" = fcoemon ] && [ "$_p" = "${MPID:-}" ] && continue
		_s=$((_s + $(awk '{ printf "%d", $1 / 1000000 }' /proc/$_p/schedstat)))
	done
	echo $_s
}
enabled_n() { grep -l '^1$' /sys/bus/fcoe/devices/ctlr_*/enabled 2>/dev/null | wc -l; }
present_n() { ls -d /sys/bus/fcoe/devices/ctlr_* 2>/dev/null | wc -l; }

# 6: STORM_N VLANs over eth0 (default 100), each with a cfg file, there
# (down) before the daemon starts; once it is idle, all set up in one
# batch: time from the batch's start (a marker in the trace) to the
# kernel's fcoe_ctlr_link_up for the last of the STORM_N instances (each
# ctlr counted once), and the CPU time the daemon's processes used
# meanwhile.
linkups() { awk '/ linkup: / && !($NF in s) { s[$NF] = 1; n++ } END { print n + 0 }' $T/trace; }
row_storm() {
	n="6 storm: ${STORM_N:-100} VLANs up"
	reset_guest; ip link set eth0 up
	_i=1
	while [ $_i -le "${STORM_N:-100}" ]; do
		ip link add link eth0 name eth0.$((100 + _i)) type vlan id $((100 + _i))
		cfg eth0.$((100 + _i)) fabric no; _i=$((_i + 1))
	done
	start
	_k=0 _last=-1	# idle: the instance count still for 2 s
	while [ $_k -lt 60 ]; do
		_c=$(present_n); [ "$_c" = "$_last" ] && break
		_last=$_c; sleep 2; _k=$((_k + 1))
	done
	_made=$(present_n); _en=$(enabled_n); c0=$(cpu_ms)
	: > $T/trace; echo 1 > $T/tracing_on; echo storm-start > $T/trace_marker
	read -r t0 _ < /proc/uptime
	_i=1
	while [ $_i -le "${STORM_N:-100}" ]; do ip link set eth0.$((100 + _i)) up; _i=$((_i + 1)); done
	read -r tb _ < /proc/uptime
	_k=0
	while [ "$(linkups)" -lt "${STORM_N:-100}" ] && [ $_k -lt 600 ]; do usleep 200000; _k=$((_k + 1)); done
	echo 0 > $T/tracing_on; c1=$(cpu_ms); e=$(linkups)
	_t=$(awk -v want="${STORM_N:-100}" '
		/storm-start/ && !t0 { match($0, /[0-9]+\.[0-9]+: /); t0 = substr($0, RSTART, RLENGTH - 2) }
		t0 && / linkup: / && !($NF in s) { s[$NF] = 1; if (++n == want) { match($0, /[0-9]+\.[0-9]+: /); printf "%d ms", (substr($0, RSTART, RLENGTH - 2) - t0) * 1000; exit } }' $T/trace)
	_b=$(awk -v a="$t0" -v b="$tb" 'BEGIN { printf "%d", (b - a) * 1000 }')
	[ "$e" -ge "${STORM_N:-100}" ] && [ -n "$_t" ] || _t=-
	row "$n" "$e FCoE links up ($_made made, $_en of them enabled, before the batch); CPU $((c1 - c0)) ms; the batch of ip itself ${_b} ms" "$_t"
}

# ---- DCBX on the dcbsim NIC: the decisive change is made on the peer
# (eth1) or, for firmware DCBX, through the kernel, by chg, which first
# writes a marker into the guest kernel's trace.  The time runs from that
# marker to fcoe_ctlr_device_add (a create: the kernel adds the ctlr, by
# fcoemon's or fcoemond's request alike) or to fcwait seeing the instance
# gone (a destroy, marked again when fcwait returns: seconds, give or take
# fcwait's 20 ms poll).  fcwait alone would start after the change
# command, when a firmware create can already be done.
chg() {
	grep -q fcoe_ctlr_device_add $T/set_ftrace_filter ||
		echo fcoe_ctlr_device_add >> $T/set_ftrace_filter
	: > $T/trace; echo 1 > $T/tracing_on; echo dcbx-change > $T/trace_marker
	"$@" >/dev/null 2>&1
}
# dcbx_ms WANT: the time of the last change, from the trace ("?" if lost)
dcbx_ms() {
	[ "$1" = gone ] && echo dcbx-gone > $T/trace_marker
	echo 0 > $T/tracing_on
	awk -v want="$1" 'function ts() { match($0, /[0-9]+\.[0-9]+: /); return substr($0, RSTART, RLENGTH - 2) }
		/dcbx-change/ { t0 = ts() }
		t0 && ((want == "gone" && /dcbx-gone/) || (want != "gone" && /fcoe_ctlr_device_add/)) {
			printf "%.1f ms\n", (ts() - t0) * 1000; f = 1; exit }
		END { if (!f) print "?" }' $T/trace
}
# dcbrow NAME WANT(present|gone) SECS BEFORE: one row for the change just
# made by chg; BEFORE is the ctlr seen on eth0 right before it ("" for none).
dcbrow() {
	if [ "$2" = present ] && [ -n "$4" ]; then
		echo 0 > $T/tracing_on
		row "$1" "instance already there before the change (${4##*/})" "-"; return
	fi
	[ "$2" = gone ] && [ -z "$4" ] && { echo 0 > $T/tracing_on; row "$1" "no instance to destroy" "-"; return; }
	if o=$(fcwait eth0 "$2" "$3"); then
		_t=$(dcbx_ms "$2"); [ "$_t" = "?" ] && _t=$(ms "$o")
		[ "$2" = gone ] && w="instance destroyed" || w="instance created ($(ctlr_of eth0 | sed 's,.*/,,'))"
		row "$1" "$w" "$_t"
	else
		echo 0 > $T/tracing_on
		[ -n "$(ctlr_of eth0)" ] && w="instance still there after $3 s" || w="no instance after $3 s"
		row "$1" "$w; its log: $({ cat $DLOG; cat $SYSLOG; } | grep -e 'fcoemon' -e 'fcoemond-monitor' |
			grep eth0 | grep -v AUDIT | tail -1 | sed 's/.*\(fcoemon\|fcoemond-monitor\)\(\[[0-9]*\]\)*: //' | cut -c1-90)" "-"
	fi
}
# 7: CEE; the peer starts with FCoE on 5 and PFC on 3 (no agreement).
# Debian 12's lldpad cannot run CEE DCBX (doc/kernel.md "lldpad: CEE DCBX in
# Debian 12"): recognised by dcbx.sh's lldpad_cee_defect, the rows then say
# so for the daemon of this run, without starting it; anything else that
# keeps CEE down runs the rows, which then show it.
row_cee() {
	reset_guest; dcbsim_load >/dev/null; cee_setup
	if ! cee_up 15 && lldpad_cee_defect; then
		for _r in "7a CEE: App moves to PFC's priority" "7b CEE: App on 5, PFC on 3" \
			"7c CEE: peer disables App:FCoE"; do
			row "$_r" "not run: this lldpad cannot run CEE DCBX (Debian 12 lldpad, no openlldp 03cb011)" "-"
		done
		return
	fi
	dcbtool sc eth1 app:fcoe appcfg:20 >/dev/null
	cfg eth0 fabric yes; start; sleep 2
	b=$(ctlr_of eth0)
	chg dcbtool sc eth1 app:fcoe appcfg:08
	dcbrow "7a CEE: App moves to PFC's priority" present 20 "$b"
	b=$(ctlr_of eth0)
	chg dcbtool sc eth1 app:fcoe appcfg:20
	dcbrow "7b CEE: App on 5, PFC on 3" gone 20 "$b"
	dcbtool sc eth1 app:fcoe appcfg:08 >/dev/null
	fcwait eth0 present 20 >/dev/null
	b=$(ctlr_of eth0)
	chg dcbtool sc eth1 app:fcoe e:0
	dcbrow "7c CEE: peer disables App:FCoE" gone 20 "$b"
}
# 8: IEEE DCBX through lldpad on both ends.
row_ieee() {
	reset_guest; dcbsim_load >/dev/null; ieee_setup
	lldptool -T -i eth1 -V APP -d app=3,1,0x8906 >/dev/null
	# PFC negotiated and no APP entry left on eth0, for a second: else a
	# daemon started now can create from the entry before its delete
	# arrives (and fcoemon never destroys on IEEE)
	_k='[ "$(kpfc eth0)" = 0x08 ] && [ -z "$(kapps eth0 | tr -d " ")" ]'
	waitfor x "$_k" 20 >/dev/null; sleep 1; waitfor x "$_k" 20 >/dev/null
	cfg eth0 fabric yes; start; sleep 2
	b=$(ctlr_of eth0)
	chg lldptool -T -i eth1 -V APP app=3,1,0x8906
	dcbrow "8a IEEE: peer adds App:FCoE" present 20 "$b"
	b=$(ctlr_of eth0)
	chg lldptool -T -i eth1 -V APP -d app=3,1,0x8906
	dcbrow "8b IEEE: peer drops App:FCoE" gone 20 "$b"
	lldptool -T -i eth1 -V APP app=3,1,0x8906 >/dev/null
	fcwait eth0 present 15 >/dev/null
	b=$(ctlr_of eth0)
	chg lldptool -T -i eth1 -V APP -d app=3,1,0x8906
	lldptool -T -i eth1 -V APP app=5,1,0x8906 >/dev/null
	dcbrow "8c IEEE: App on 5, PFC on 3" gone 20 "$b"
}
# 9: firmware DCBX (lld_managed): the kernel's dcbnl is the only source.
row_fw() {
	reset_guest; dcbsim_load lld_managed=1 >/dev/null
	ip link set eth0 up; dcb pfc set dev eth0 prio-pfc 3:on
	cfg eth0 fabric yes; start; sleep 2
	b=$(ctlr_of eth0)
	chg dcb app add dev eth0 ethtype-prio 0x8906:3
	dcbrow "9a firmware DCBX: App:FCoE set" present 20 "$b"
	b=$(ctlr_of eth0)
	chg dcb app del dev eth0 ethtype-prio 0x8906:3
	dcbrow "9b firmware DCBX: App:FCoE removed" gone 20 "$b"
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
storm)		runs storm ;;
fip)		runs fip ;;
dcbx)		. /guest/dcbx.sh; runs cee ieee fw; reset_guest; dcbsim_unload ;;
esac
reset_guest
