# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "dcb" (tests/vm/run.sh): DCB_REQUIRED="yes" with the real lldpad
# on a NIC without DCB (virtio): lldpad answers "not capable", fcoemond
# retries ten times on the design's schedule (retry n after 0.2 s * n),
# then gives up with a clear log line, and no instance is ever created.
. /guest/lib.sh
lldpad -d; sleep 1
check "lldpad running (pid $(lldptool -p 2>/dev/null))" lldptool -p
cfg eth0 fabric yes
ip link set eth0 down
mark=$(mark_log)
fcoemond_start || finish
ip link set eth0 up
waitfor "log: DCB gave up on eth0" "grep -q 'eth0: DCB gave up' $DLOG" 30
grep -e 'eth0: DCB' -e 'retry [0-9]* of' $DLOG | sed 's/^/  /'
usleep 2500000	# longer than an eleventh retry would wait
n=$(grep -c 'eth0: retry [0-9]* of 10' $DLOG)
check "exactly 10 retries ($n)" test "$n" = 10
# retry n comes 0.2 s * n after the failure of the previous round; the round
# itself (lldpad query through the actuator) adds a little under TCG.
prev=$(grep -m1 'eth0: DCB ' $DLOG | sed 's/^\[\([0-9.]*\)\].*/\1/')
sched=ok
for i in 1 2 3 4 5 6 7 8 9 10; do
	t=$(grep "eth0: retry $i of 10" $DLOG | sed 's/^\[\([0-9.]*\)\].*/\1/')
	[ -n "$t" ] || { sched="retry $i missing"; break; }
	gap=$(awk -v a="$prev" -v b="$t" 'BEGIN { printf "%.2f", b - a }')
	note "retry $i: $gap s after the previous round (schedule $(awk -v i=$i 'BEGIN { printf "%.1f", 0.2 * i }') s)"
	awk -v g="$gap" -v i=$i 'BEGIN { exit !(g >= 0.2 * i - 0.03 && g <= 0.2 * i + 0.4) }' || sched="retry $i after $gap s"
	prev=$t
done
check "retries on the schedule 0.2 s * n ($sched)" test "$sched" = ok
check "log line: gave up ... after 10 retries" grep -q 'eth0: DCB gave up: .* on eth0 after 10 retries' $DLOG
check "no FCoE instance on eth0" test -z "$(ctlr_of eth0)"
audit_since "$mark" | grep -q 'op=fcoe_create' && bad "a create was requested" || ok "no create requested"
q=$(audit_since "$mark" | grep -c 'phase=\(end\|repeat\) op=lldpad' || true)
note "lldpad queries through the actuator: $q"
check "the monitor asked lldpad through the actuator" test "$q" -gt 0
finish
