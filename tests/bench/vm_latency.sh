#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/bench/vm_latency.sh - run by `make bench-latency` (not by make check):
# the latency breakdown of one link-up, traced by the guest kernel itself
# (tests/vm/guest/latency.sh), for fcoemond and for Debian's fcoemon, one
# boot each.  Cases: first (link-up 1 s after start), flap (re-enable after
# the disable), vlan (a VLAN added, then set up), vlanstart (a VLAN there
# before the daemon).  LATENCY_CASES picks some.
# Prints one table per daemon and case: microseconds since the SIOCSIFFLAGS
# that set the link up, the process, what happened.  It asserts nothing.
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "latency breakdown, $(date -u '+%Y-%m-%d %H:%M') UTC, host load:$(uptime | sed 's/.*load average://')"
for who in ${LATENCY_WHO:-fcoemond fcoemon}; do
	{ echo "WHO=$who CASES='${LATENCY_CASES:-first flap vlan vlanstart}'"; cat tests/vm/guest/latency.sh; } > "$tmp/$who.sh"
	bash tests/vm/run.sh -t 300 -x "$tmp/$who.sh" > "$tmp/$who.log" 2>&1
	[ -z "${VM_COMPARE_VERBOSE:-}" ] || cat "$tmp/$who.log"
	grep -h 'fcwait: ' "$tmp/$who.log" | sed "s/^ */$who: /"
	grep -h '^LAT|' "$tmp/$who.log" | awk -F'|' '
		$3 != c { c = $3; printf "\n%s, case %s\n%10s  %-9s %s\n", $2, c, "+us", "process", "event" }
		{ printf "%10d  %-9s %s\n", $4, $5, $6 }'
	echo
done
