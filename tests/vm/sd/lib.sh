# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/sd/lib.sh - sourced in the systemd guest (tests/vm/systemd.sh) by
# every check: the VM suite's helpers (tests/vm/guest/lib.sh, here
# /fcoelab/vmlib.sh: ok/bad/check/waitfor/timed, ctlr_of, fchost_of, cfg,
# lun_rw), and what differs under systemd: the daemon is the service's,
# logs are read from the journal, and there is no busybox.
. /fcoelab/vmlib.sh
export PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
U=fcoemond.service

usleep() { sleep "$(($1 / 1000000)).$(printf %06d $(($1 % 1000000)))"; }
# A check of a daemon feature that is not there yet: printed, counted apart,
# never a PASS.  xcheck FEATURE DESC CMD...: PASS if CMD holds, else XFAIL.
xfail() { _f=$1; shift; echo "XFAIL: $SCEN: $* (needs: $_f)"; }
xcheck() { _f=$1 _d=$2; shift 2; if "$@" >/dev/null 2>&1; then ok "$_d"; else xfail "$_f" "$_d"; fi; }

prop() { systemctl show -P "$2" "$1"; }		# prop UNIT PROPERTY
actuator_pid() { prop $U MainPID; }
# The monitor: the service's other process (the actuator's child).
monitor_pid() {
	_a=$(actuator_pid)
	for _p in $(cat /sys/fs/cgroup/system.slice/$U/cgroup.procs 2>/dev/null); do
		[ "$_p" != "$_a" ] && [ "$(awk '$1 == "PPid:" { print $2 }' /proc/$_p/status)" = "$_a" ] && echo "$_p"
	done
	return 0
}
st() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$2/status"; }	# st FIELD PID

# The journal from a cursor on: jmark gives the cursor, the others read.
jmark() { journalctl -q -n 0 --show-cursor | sed -n 's/^-- cursor: //p'; }
jsince() { _jc=$1; shift; journalctl -q --no-pager --after-cursor="$_jc" "$@"; }
# The service's lines since the cursor (message only).
unit_log() { jsince "$1" -u $U -o cat; }
# jf FIELD: the field's value from each line of `journalctl -o json`.
jf() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
# The audit records since the cursor as they reach the journal: one line per
# record, "UID FACILITY UNIT PID MESSAGE".
audit_since() {
	jsince "$1" -o json --output-fields=MESSAGE,_UID,SYSLOG_FACILITY,_SYSTEMD_UNIT,_PID |
		grep '"MESSAGE":"AUDIT v=2 ' | while IFS= read -r _j; do
			printf '%s %s %s %s %s\n' "$(echo "$_j" | jf _UID)" "$(echo "$_j" | jf SYSLOG_FACILITY)" \
				"$(echo "$_j" | jf _SYSTEMD_UNIT)" "$(echo "$_j" | jf _PID)" "$(echo "$_j" | jf MESSAGE)"
		done
}
# The requests of the audit records since the cursor: "op ifname" per begin.
requests_since() { trusted_since "$1" | grep -o 'phase=begin op=[a-z_]*\( ifname=[^ ]*\)\{0,1\}' | sed 's/phase=begin op=//; s/ifname=//'; }

# The state of every instance: "ifname ctlr_N enabled port_state" per line.
instances() {
	for _c in /sys/bus/fcoe/devices/ctlr_*; do
		[ -e "$_c" ] || continue
		_n=$(basename "$(dirname "$(readlink -f "$_c")")")
		_h=$(fchost_of "$_n")
		echo "$_n ${_c##*/} $(cat "$_c/enabled") $(cat "$_h/port_state" 2>/dev/null)"
	done
}
# Destroys every instance (the lab's own clean-up, not the daemon's).
destroy_all() {
	for _c in /sys/bus/fcoe/devices/ctlr_*; do
		[ -e "$_c" ] && basename "$(dirname "$(readlink -f "$_c")")" > /sys/bus/fcoe/ctlr_destroy 2>/dev/null
	done
	_i=0; while [ -n "$(ls /sys/bus/fcoe/devices 2>/dev/null)" ] && [ $_i -lt 40 ]; do sleep 0.05; _i=$((_i + 1)); done
}
# Microseconds of CPU the service's processes used (cgroup v2 cpu.stat).
# Empty when the service has no cgroup (not running): the checks then fail.
cpu_us() { awk '$1 == "usage_usec" { print $2 }' /sys/fs/cgroup/system.slice/$U/cpu.stat 2>/dev/null; }
# quiet_check DESC SECS: the service, left alone SECS seconds, neither
# restarts nor spins (under 5% of one CPU).
quiet_check() {
	_r0=$(prop $U NRestarts) _c0=$(cpu_us) _i0=$(prop $U InvocationID)
	sleep "$2"
	_r1=$(prop $U NRestarts) _c1=$(cpu_us) _i1=$(prop $U InvocationID)
	note "$1: $(prop $U ActiveState)/$(prop $U SubState), NRestarts $_r0 -> $_r1, CPU $(((_c1 - _c0) / 1000)) ms in $2 s"
	check "$1: not restarted in $2 s (NRestarts $_r1, same invocation)" test "$_r1" = "$_r0" -a "$_i1" = "$_i0"
	check "$1: no spin: under 5% CPU over $2 s ($(((_c1 - _c0) / 1000)) ms)" test -n "$_c0" -a -n "$_c1" -a $((_c1 - _c0)) -lt $(($2 * 50000))
}
# Only the records journald vouches for: sent by uid 0 from the service's
# cgroup, facility authpriv (10).  Anyone may write "AUDIT v=2" to /dev/log.
trusted_since() { audit_since "$1" | awk '$1 == 0 && $2 == 10 && $3 == "fcoemond.service"'; }
