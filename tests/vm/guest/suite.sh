# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/guest/suite.sh - /guest/run of `tests/vm/run.sh` (make check):
# runs the scenarios named in /guest/scenarios one after the other in this
# one boot, each from a clean guest, and exits non-zero if any failed.
. /guest/lib.sh
modprobe -a 8021q fcoe tcm_fc sd_mod || echo "FAIL: vm: modprobe 8021q fcoe tcm_fc sd_mod"
failed="" done=""
for s in $(cat /guest/scenarios); do
	reset_guest
	t0=$(up)
	echo "=== scenario $s"
	# A scenario that hangs fails alone; one that wedges the kernel ends the run.
	# 300 s: dcbx-ieee waits out the retry schedule several times (TCG).
	SCEN=$s timeout 300 sh /guest/s-$s.sh || failed="$failed $s"
	echo "=== scenario $s: $(awk -v a="$t0" -v b="$(up)" 'BEGIN { printf "%.1f", b - a }') s"
	if [ -e /run/wedged ]; then
		for r in $(cat /guest/scenarios); do
			case " $failed $done " in *" $r "*) ;; *) [ "$r" = "$s" ] || echo "FAIL: $r: not run: the kernel is wedged";; esac
		done
		failed="$failed (wedged)"; break
	fi
	done="$done $s"
done
[ -e /run/wedged ] || reset_guest
if [ -n "$failed" ]; then
	echo "vm: failed scenarios:$failed"
	echo "--- guest syslog (last 40 lines)"; tail -40 $SYSLOG
	exit 1
fi
echo "vm: all scenarios passed"
