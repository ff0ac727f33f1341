#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/bench/vm_latency.sh - run by `make bench-latency` (not by make check):
# the latency breakdown of one link-up, traced by the guest kernel itself
# (tests/vm/guest/latency.sh), for fcoemond and for Debian's fcoemon, one
# boot each.  Cases: first (link-up 1 s after start), flap (re-enable after
# the disable), vlan (a VLAN added, then set up), vlanstart (a VLAN there
# before the daemon), fip (vm-compare's row 4: AUTO_VLAN, the VLAN found by
# FIP VLAN discovery, made, its instance enabled).  LATENCY_CASES picks some,
# LATENCY_RUNS=N runs each N times in the same boot, LATENCY_WHO picks the
# daemons, FCOEMOND_BUILD=DIR runs the binaries built there (an older
# commit's, for a before/after).
# Prints one table per daemon and case: microseconds since the SIOCSIFFLAGS
# that set the link up, the process, what happened (other tasks that held
# the guest's CPU 300 us or more: "cpu: NAME ran N us"), and an END line.
# Last, per daemon and case, the END times: median [min-max].
# It asserts nothing.
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "latency breakdown, $(date -u '+%Y-%m-%d %H:%M') UTC, host load:$(uptime | sed 's/.*load average://')"
for who in ${LATENCY_WHO:-fcoemond fcoemon}; do
	{ echo "WHO=$who RUNS=${LATENCY_RUNS:-1} CASES='${LATENCY_CASES:-first flap vlan vlanstart fip}'"; cat tests/vm/guest/latency.sh; } > "$tmp/$who.sh"
	bash tests/vm/run.sh -t 300 -x "$tmp/$who.sh" > "$tmp/$who.log" 2>&1
	[ -z "${VM_COMPARE_VERBOSE:-}" ] || cat "$tmp/$who.log"
	grep -h 'fcwait: ' "$tmp/$who.log" | sed "s/^ */$who: /"
	grep -h '^LAT|' "$tmp/$who.log" | awk -F'|' '
		$3 != c { c = $3; printf "\n%s, case %s\n%10s  %-9s %s\n", $2, c, "+us", "process", "event" }
		{ printf "%10d  %-9s %s\n", $4, $5, $6 }'
	echo
done
# the END times of each daemon and case (the runs' numbers dropped)
for who in ${LATENCY_WHO:-fcoemond fcoemon}; do
	grep -h '^LAT|.*|END: the first' "$tmp/$who.log" 2>/dev/null
done | awk -F'|' '{ k = $2 "|" substr($3, 1, index($3 " ", " ") - 1); n[k]++; v[k, n[k]] = $4 / 1000 }
	END { for (k in n) { m = n[k]
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[k, j] < v[k, i]) { t = v[k, i]; v[k, i] = v[k, j]; v[k, j] = t }
		med = m % 2 ? v[k, (m + 1) / 2] : (v[k, m / 2] + v[k, m / 2 + 1]) / 2
		split(k, a, "|"); printf "END %-9s %-10s %5.1f ms [%.1f-%.1f], %d runs\n", a[1], a[2], med, v[k, 1], v[k, m], m } }' | sort
