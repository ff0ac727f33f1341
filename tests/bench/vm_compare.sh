#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/bench/vm_compare.sh - run by `make vm-compare` (not by make check):
# fcoemond side by side with Debian's fcoemon (fcoe-utils 1.0.34) in the VM
# of tests/vm, on the real 6.1 kernel: same steps, one table; three boots
# per daemon (a VLAN delete can wedge that kernel: each VLAN case boots alone),
# and a fourth for DCBX on the DCB-capable NIC of tests/vm/dcbsim.
# It asserts nothing; README quotes its table.
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for who in fcoemon fcoemond; do
	for part in main vlan-add vlan-at-start dcbx; do
		{ echo "WHO=$who PART=$part"; cat tests/vm/guest/compare.sh; } > "$tmp/$who.sh"
		bash tests/vm/run.sh -t 300 -x "$tmp/$who.sh" > "$tmp/$who-$part.log" 2>&1
		grep -h '^ROW|' "$tmp/$who-$part.log" | tr -d '\r' >> "$tmp/rows"
		[ -z "${VM_COMPARE_VERBOSE:-}" ] || cat "$tmp/$who-$part.log"
	done
done
echo "fcoemond and fcoemon side by side: $(sed -n 's/.*@@VM-BOOTED uptime=[0-9.]*s kernel=\([^@]*\)@@.*/\1/p' "$tmp/fcoemond-main.log" | head -1), TCG, $(date -u +%Y-%m-%d)"
echo
for scen in "1 fabric + link flap" "2 VN2VN + LIO LUN" "3a VLAN added, deleted" "3b VLAN at start, deleted" "5 DCB required, no DCB"; do
	for who in fcoemon fcoemond; do
		r=$(grep -F "ROW|$who|$scen|" "$tmp/rows" | head -1)
		out=$(echo "$r" | cut -d'|' -f4); t=$(echo "$r" | cut -d'|' -f5)
		printf '%-26s %-9s %-13s %s\n' "$scen" "$who" "${t:-?}" "${out:-did not run (see the console log)}"
	done
done | awk 'BEGIN { printf "%-26s %-9s %-13s %s\n", "scenario", "daemon", "up->enabled", "outcome" }
	{ print }'

# DCBX: the time runs from the decisive change (on the peer's lldpad, or
# through the kernel for firmware DCBX) to the create or destroy.
echo
for scen in "6a CEE: App moves to PFC's priority" "6b CEE: App on 5, PFC on 3" "6c CEE: peer disables App:FCoE" \
	"7a IEEE: peer adds App:FCoE" "7b IEEE: peer drops App:FCoE" "7c IEEE: App on 5, PFC on 3" \
	"8a firmware DCBX: App:FCoE set" "8b firmware DCBX: App:FCoE removed"; do
	for who in fcoemon fcoemond; do
		r=$(grep -F "ROW|$who|$scen|" "$tmp/rows" | head -1)
		out=$(echo "$r" | cut -d'|' -f4); t=$(echo "$r" | cut -d'|' -f5)
		printf '%-36s %-9s %-10s %s\n' "$scen" "$who" "${t:-?}" "${out:-did not run (see the console log)}"
	done
done | awk 'BEGIN { printf "%-36s %-9s %-10s %s\n", "DCBX scenario", "daemon", "change->", "outcome" }
	{ print }'
