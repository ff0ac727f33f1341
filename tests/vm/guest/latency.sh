# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/guest/latency.sh - run inside the VM by tests/bench/vm_latency.sh
# (make bench-latency): where the milliseconds of one link-up go, on the real
# kernel.  The kernel's own tracer (tracefs, clock "mono") records, for the
# daemon's processes only, every syscall entry and exit, plus the kernel's
# linkwatch, rtnetlink, VLAN and fcoe functions, the FIP frames on the wire
# (ethertype 0x8914, sent and received) and the SIOCSIFFLAGS of the
# `ip link set up`; the daemons are not changed or rebuilt for it.  The host
# prepends WHO= (fcoemon or fcoemond) and CASES= (first, flap, vlan,
# vlanstart, fip).
# Prints, per case, "LAT|who|case|+us|process|what" lines, one per event
# from the link-up ioctl to the instance enabled, and an END line: the
# first store_ctlr_enabled after the ioctl (the daemon's enable), or, if
# there is none, the first fcoe_ctlr_link_up (an instance already enabled
# while the link was down is brought up by the kernel itself).
. /guest/lib.sh
SCEN=latency-$WHO
modprobe -a 8021q fcoe tcm_fc sd_mod
T=/sys/kernel/tracing
export FCWAIT_POLL_US=20000	# fcwait only waits; the trace times (see compare.sh)
grep -q " tracefs " /proc/mounts || mount -t tracefs tracefs $T
start() { if [ "$WHO" = fcoemon ]; then fcoemon_start; else fcoemond_start; fi; }

# trace_on PID...: syscalls of these processes, the kernel's link path, all
# on CLOCK_MONOTONIC with microseconds
trace_on() {
	echo 0 > $T/tracing_on; echo nop > $T/current_tracer; : > $T/trace
	echo mono > $T/trace_clock; echo 8192 > $T/buffer_size_kb
	: > $T/set_ftrace_filter
	for f in linkwatch_event __linkwatch_run_queue linkwatch_fire_event rtmsg_ifinfo_send \
		netdev_state_change vlan_dev_open fcoe_ctlr_create_store fcoe_ctlr_enabled_store \
		store_ctlr_enabled fcoe_ctlr_device_add fcoe_create fcoe_enable fcoe_ctlr_link_up \
		store_ctlr_mode vlan_newlink register_vlan_dev fcoe_ctlr_vlan_recv \
		packet_rcv; do
		echo "$f" >> $T/set_ftrace_filter 2>/dev/null
	done
	_f=""; for _p in "$@"; do _f="${_f:+$_f || }common_pid == $_p"; done
	echo "$_f" > $T/events/raw_syscalls/sys_enter/filter
	echo "$_f" > $T/events/raw_syscalls/sys_exit/filter
	echo 'cmd == 0x8914' > $T/events/syscalls/sys_enter_ioctl/filter
	echo 1 > $T/events/raw_syscalls/enable; echo 1 > $T/events/syscalls/sys_enter_ioctl/enable
	echo 1 > $T/events/syscalls/sys_exit_ioctl/enable
	# FIP frames (ethertype 0x8914) on the wire: sent, received
	for _e in net_dev_start_xmit netif_receive_skb_entry napi_gro_receive_entry; do
		echo 'protocol == 0x8914' > $T/events/net/$_e/filter 2>/dev/null &&
			echo 1 > $T/events/net/$_e/enable
	done
	# who else had the CPU meanwhile (the guest has one under TCG)
	echo 1 > $T/events/sched/sched_switch/enable
	[ -z "$(grep -v '^#' $T/set_ftrace_filter)" ] || echo function > $T/current_tracer
	echo 1 > $T/tracing_on
}
trace_off() {
	echo 0 > $T/tracing_on
	echo 0 > $T/events/raw_syscalls/enable; echo 0 > $T/events/syscalls/sys_enter_ioctl/enable
	echo 0 > $T/events/syscalls/sys_exit_ioctl/enable
	for _e in net_dev_start_xmit netif_receive_skb_entry napi_gro_receive_entry; do
		echo 0 > $T/events/net/$_e/enable 2>/dev/null
	done
	echo 0 > $T/events/sched/sched_switch/enable
}	# (the tracer stays: changing it empties the buffer; trace_on resets)

# report CASE: the trace from the SIOCSIFFLAGS on, one labelled line per
# event of interest, the time relative to that ioctl
report() {
	awk -v who="$WHO" -v cs="$1" -v act="${DPID:-0}" -v mon="${MPID:-0}" '
	function hex(s,  i, v) { v = 0; for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1; return v }
	function lab(p) { return p == mon ? "monitor" : (p == act ? (who == "fcoemon" ? "fcoemon" : "actuator") : "kernel") }
	function out(t, p, what) { printf "LAT|%s|%s|%d|%s|%s\n", who, cs, (t - t0) * 1000000 + (t < t0 ? -0.5 : 0.5), lab(p), what }
	/^#/ { next }
	NR == FNR { if (!t0 && $0 ~ /sys_ioctl\(/) { match($0, /[0-9]+\.[0-9]+: /); t0 = substr($0, RSTART, RLENGTH - 2) + 0 }; next }
	{
		# "comm-pid [cpu] flags ts: event: args"
		if (!match($0, /-[0-9]+ +\[/)) next
		pid = substr($0, RSTART + 1, RLENGTH - 1) + 0
		if (!match($0, /[0-9]+\.[0-9]+: /)) next
		ts = substr($0, RSTART, RLENGTH - 2) + 0
		rest = substr($0, RSTART + RLENGTH)
	}
	rest ~ /^sys_ioctl\(/ { out(ts, pid, "SIOCSIFFLAGS: link set up"); up = pid; next }
	rest ~ /^sys_ioctl ->/ { if (pid == up && ts >= t0) { out(ts, pid, "SIOCSIFFLAGS returns (the kernel has opened the device)"); up = 0 }; next }
	ts < t0 - 0.1 { next }		# from 100 ms before it
	rest ~ /^sys_enter: NR / {
		split(rest, a, /[ (,)]+/); nr = a[3]; fd = hex(a[4]); n = hex(a[6])
		ent[pid] = nr; efd[pid] = fd; ets[pid] = ts; elen[pid] = n
		if ((nr == 1 || nr == 20) && fd == 2) { out(ts, pid, "stderr log line") }
		else if (nr == 1) { out(ts, pid, "write(" fd ", " n " bytes) begins") }
		else if (nr == 44 && pid == act && fd == 7) { out(ts, pid, "audit record sent (" n " bytes)") }
		else if (nr == 44 && fd == 3) { out(ts, pid, (pid == mon ? "request" : "reply") " sent on the socketpair") }
		else if (nr == 44) { out(ts, pid, "sendto(" fd ", " n " bytes)") }
		else if (nr == 257) { out(ts, pid, "openat") }
		else if (nr == 16) { out(ts, pid, "ioctl(" fd ")") }
		else if (nr == 217) { out(ts, pid, "getdents64 (a directory read)") }
		next
	}
	rest ~ /^sys_exit: NR / {
		split(rest, a, /[ =]+/); nr = a[3]; r = a[4] + 0
		if (nr == 7 || nr == 232 || nr == 281 || nr == 271) out(ts, pid, (nr == 7 ? "poll" : "epoll_wait") " returns " r)
		else if (nr == 47 && r > 0) out(ts, pid, "recvmsg(" efd[pid] ") " r " bytes" (efd[pid] == 3 ? " (socketpair)" : ""))
		else if (nr == 45 && r > 0) out(ts, pid, "recvfrom(" efd[pid] ") " r " bytes")
		else if (nr == 0 && r > 0) out(ts, pid, "read(" efd[pid] ") " r " bytes")
		else if (nr == 1 && efd[pid] != 2) out(ts, pid, "write(" efd[pid] ") returns " r " after " int((ts - ets[pid]) * 1000000) " us")
		next
	}
	rest ~ /^sched_switch:/ {
		# another task that held the CPU 300 us or more: named, with
		# how long (the daemons show as their syscalls)
		nc = rest; sub(/.*next_comm=/, "", nc); sub(/ next_pid=.*/, "", nc)
		np = rest; sub(/.*next_pid=/, "", np); sub(/ .*/, "", np); np += 0
		if (on_pid != "" && on_pid != act && on_pid != mon && on_pid != 0 && ts - on_ts >= 0.0003 && on_ts >= t0)
			out(on_ts, -1, "cpu: " on_comm " ran " int((ts - on_ts) * 1000000) " us")
		on_pid = np; on_comm = nc; on_ts = ts
		next
	}
	rest ~ /^(net_dev_start_xmit|netif_receive_skb_entry|napi_gro_receive_entry):/ {
		split(rest, a, /[ :=]+/); tci = rest; sub(/.*vlan_tci=/, "", tci); sub(/ .*/, "", tci)
		ln = rest; sub(/.* len=/, "", ln); sub(/ .*/, "", ln)
		out(ts, pid, "wire: FIP frame " (a[1] == "net_dev_start_xmit" ? "sent on " : "received on ") a[3] " (" ln " bytes" (tci != "0x0000" ? ", VLAN tag " tci : "") ")")
		next
	}
	rest ~ /^[a-z_0-9]+ <-/ { split(rest, a, " "); fn = a[1]
		out(ts, pid, "kernel: " fn " (" substr($0, 1, index($0, "-") - 1) ")")
		if (ts >= t0 && fn == "store_ctlr_enabled" && !en) en = ts
		if (ts >= t0 && fn == "fcoe_ctlr_link_up" && !lu) lu = ts
	}
	END {	# the daemon enable if it wrote one, else the kernel link-up
		if (en) out(en, -1, "END: the first store_ctlr_enabled after the link-up ioctl")
		else if (lu) out(lu, -1, "END: the first fcoe_ctlr_link_up after the link-up ioctl (no store_ctlr_enabled: enabled before)")
		else printf "LAT|%s|%s|-1|-|END: neither fcoe_ctlr_link_up nor store_ctlr_enabled traced\n", who, cs }
	' $T/trace $T/trace | sed 's/ *)/)/'
}

case_first() {	# first link-up, 1 s after start: cfg eth0 fabric, no DCB
	reset_guest; cfg eth0 fabric no; start; usleep 1000000
	trace_on $DPID ${MPID:-}
	o=$(fcwait -u eth0 enabled 10); usleep 300000; trace_off
	echo "  $o"; report "first${1:+ run $1}"
}
case_flap() {	# the re-enable after a link-down, as vm-compare's row 1b
	reset_guest; cfg eth0 fabric no; start; usleep 1000000
	fcwait -u eth0 enabled 10 >/dev/null; C=$(ctlr_of eth0)
	ip link set eth0 down
	trace_on $DPID ${MPID:-}
	i=0; while [ "$(cat $C/enabled)" = 1 ] && [ $i -lt 100 ]; do usleep 50000; i=$((i + 1)); done
	o=$(fcwait -u eth0 enabled 10); usleep 300000; trace_off
	echo "  $o"; report "flap${1:+ run $1}"
}
case_vlan() {	# 3a: eth0.100 added while the daemon runs, then set up
	reset_guest; ip link set eth0 up; cfg eth0.100 fabric no; start
	ip link add link eth0 name eth0.100 type vlan id 100
	trace_on $DPID ${MPID:-}
	o=$(fcwait -u eth0.100 enabled 10); usleep 300000; trace_off
	echo "  $o"; report "vlan${1:+ run $1}"
	for _c in /sys/bus/fcoe/devices/ctlr_*; do [ -e "$_c" ] && echo eth0.100 > /sys/bus/fcoe/ctlr_destroy; done
}
case_vlanstart() {	# 3b: eth0.100 there (down) before the daemon starts
	reset_guest; ip link set eth0 up; ip link add link eth0 name eth0.100 type vlan id 100
	sleep 2; cfg eth0.100 fabric no; start; usleep 1000000
	trace_on $DPID ${MPID:-}
	o=$(fcwait -u eth0.100 enabled 10); usleep 300000; trace_off
	echo "  $o"; report "vlanstart${1:+ run $1}"
	for _c in /sys/bus/fcoe/devices/ctlr_*; do [ -e "$_c" ] && echo eth0.100 > /sys/bus/fcoe/ctlr_destroy; done
}
case_fip() {	# row 4: AUTO_VLAN, VN2VN on eth0; the LIO target on eth1.200
	# announces VID 200 (the kernel's responder); the instance on the
	# VLAN the daemon found and made, from eth0's link-up
	reset_guest; vlan_target 200; cfg_auto eth0 vn2vn; ip link set eth0 down
	start; usleep 1000000; _m=$(wc -l < $DLOG)
	trace_on $DPID ${MPID:-}
	ifconfig eth0 up
	o=$(fcwait eth0.200-fcoe enabled 20); usleep 300000; trace_off
	echo "  $o"; tail -n +$((_m + 1)) $DLOG | sed 's/^/  log: /'; report "fip${1:+ run $1}"
}
# RUNS=N: each case N times (one boot), the runs numbered
for c in ${CASES:-first flap vlan vlanstart fip}; do
	if [ "${RUNS:-1}" -gt 1 ]; then
		_r=1; while [ $_r -le "$RUNS" ]; do "case_$c" $_r; _r=$((_r + 1)); done
	else "case_$c"; fi
done
reset_guest
