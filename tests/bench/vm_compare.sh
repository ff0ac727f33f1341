#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/bench/vm_compare.sh - run by `make vm-compare` (not by make check):
# fcoemond side by side with Debian's fcoemon (fcoe-utils 1.0.34) in the VM
# of tests/vm, on the real 6.1 kernel, same steps (tests/vm/guest/compare.sh).
# Each timed row runs VM_COMPARE_RUNS times (default 5) per daemon, the two
# daemons alternating within one boot, so host load falls on both alike;
# the table gives median, minimum and maximum and the ratio of the medians.
# A time is the guest kernel's: from the SIOCSIFFLAGS that sets the link up
# to fcoe_ctlr_link_up, where the instance's FCoE link starts, after an
# enable write or, for an instance kept enabled over the link-down, by the
# kernel alone (tracefs and a kprobe, tests/vm/guest/compare.sh tup()).
# Boots: main (rows 1, 1b, 2, 5), vlan (3a, 3b), fip (row 4: AUTO_VLAN,
# from link-up to the FCoE link of the instance on the VLAN FIP discovery found; VM_COMPARE_FIP=0
# skips it), storm (row 6: STORM_N
# VLANs, default 100, one run per daemon, VM_COMPARE_STORM=0 skips it),
# then one boot per daemon and VLAN row for the live VLAN delete, which
# can wedge the 6.1 kernel; last dcbx (rows 7-9, DCBX on the DCB-capable
# NIC of tests/vm/dcbsim; VM_COMPARE_DCBX=0 skips it), its times from the
# decisive DCB change to the create or destroy, in a table of their own
# (VM_COMPARE_DCBX=only runs that boot alone).
# VM_COMPARE_ONLY=PART boots that part alone (fip, main, vlan, ...).
# About 5 minutes with 5 runs under TCG.  It asserts nothing; README
# quotes its table.
cd "$(dirname "$0")/../.." || exit 1
RUNS=${VM_COMPARE_RUNS:-5}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
load0=$(uptime | sed 's/.*load average: //'); t0=$(date +%s)
boot() {	# boot NAME PART WHO...
	_n=$1 _p=$2; shift 2
	{ echo "PART=$_p WHO='$*' RUNS=$RUNS STORM_N=${STORM_N:-100}"; cat tests/vm/guest/compare.sh; } > "$tmp/$_n.sh"
	bash tests/vm/run.sh -t 900 -x "$tmp/$_n.sh" > "$tmp/$_n.log" 2>&1
	grep -h '^ROW|' "$tmp/$_n.log" | tr -d '\r' >> "$tmp/rows"
	[ -z "${VM_COMPARE_VERBOSE:-}" ] || cat "$tmp/$_n.log"
}
if [ -n "${VM_COMPARE_ONLY:-}" ]; then	# one part alone: VM_COMPARE_ONLY=fip
	boot "$VM_COMPARE_ONLY" "$VM_COMPARE_ONLY" fcoemon fcoemond
else
if [ "${VM_COMPARE_DCBX:-1}" != only ]; then	# only: the dcbx boot alone
boot main main fcoemon fcoemond
boot vlan vlan fcoemond fcoemon
[ "${VM_COMPARE_FIP:-1}" = 0 ] || boot fip fip fcoemon fcoemond
if [ "${VM_COMPARE_STORM:-1}" != 0 ]; then	# one run: minutes under TCG
	r=$RUNS; RUNS=${VM_COMPARE_STORM_RUNS:-1}; boot storm storm fcoemon fcoemond; RUNS=$r
fi
for who in fcoemon fcoemond; do
	boot "$who-add" vlan-add "$who"
	boot "$who-start" vlan-at-start "$who"
done
fi
[ "${VM_COMPARE_DCBX:-1}" = 0 ] || boot dcbx dcbx fcoemon fcoemond
fi
echo "fcoemond and fcoemon side by side: $(sed -n 's/.*@@VM-BOOTED uptime=[0-9.]*s kernel=\([^@]*\)@@.*/\1/p' "$tmp"/*.log | head -1), TCG, $(date -u +%Y-%m-%d)"
echo "$RUNS runs per timed row and daemon, alternating; host load $load0 at the start, $(uptime | sed 's/.*load average: //') at the end; $(( $(date +%s) - t0 )) s"
echo "times: link up -> the instance's FCoE link starts, from the guest kernel's trace (SIOCSIFFLAGS to"
echo "fcoe_ctlr_link_up; the storm: its batch's start to the last instance's fcoe_ctlr_link_up),"
echo "median [min-max] over the runs that got there"
echo
# One line per scenario and daemon; the outcome is the last run's (the live
# VLAN delete, where there is one).  Ratio: fcoemond's median / fcoemon's.
table() {	# table FIRST-COLUMN'S-HEAD WIDTH ROWS-FILE
awk -F'|' -v head="$1" -v w="$2" '
	function median(k,  n, i, j, t, a) {
		n = split(v[k], a, " ")
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		lo[k] = a[1]; hi[k] = a[n]
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{
		s = $3; sub(/, deleted$/, "", s); k = s SUBSEP $2
		if (!(s in seen)) { seen[s] = 1; order[++ns] = s }
		runs[k]++; out[k] = $4
		if ($5 ~ /^[0-9.]+ ms$/) { ok[k]++; v[k] = v[k] " " ($5 + 0) }
	}
	END {
		printf "%-" w "s %-9s %-20s %-5s %s\n", head, "daemon", "median [min-max]", "got", "outcome (last run)"
		for (i = 1; i <= ns; i++) {
			s = order[i]; m["fcoemon"] = m["fcoemond"] = ""
			for (d = 1; d <= 2; d++) {
				who = d == 1 ? "fcoemon" : "fcoemond"; k = s SUBSEP who
				if (ok[k]) { m[who] = median(k); t = sprintf("%g ms [%g-%g]", m[who], lo[k], hi[k]) }
				else t = runs[k] ? "never" : "-"
				printf "%-" w "s %-9s %-20s %-5s %s\n", s, who, t, (ok[k] + 0) "/" (runs[k] + 0), runs[k] ? out[k] : "did not run (see the console log)"
			}
			if (m["fcoemon"] != "" && m["fcoemond"] != "")
				printf "%-" w "s %-9s fcoemond/fcoemon %.2f\n", "", "ratio", m["fcoemond"] / m["fcoemon"]
		}
	}' "$3"
}
grep -v '^ROW|[^|]*|[789][a-c] ' "$tmp/rows" > "$tmp/link"
grep '^ROW|[^|]*|[789][a-c] ' "$tmp/rows" > "$tmp/dcbx"
[ ! -s "$tmp/link" ] || table scenario 26 "$tmp/link"
if [ -s "$tmp/dcbx" ]; then
	echo
	echo "DCBX: from the decisive change (on the peer's lldpad, or through the kernel for"
	echo "firmware DCBX) to the create or destroy: a marker written into the guest kernel's"
	echo "trace before the change, to fcoe_ctlr_device_add (create) or to the instance seen"
	echo "gone (destroy, polled every 20 ms)"
	table "DCBX scenario" 36 "$tmp/dcbx"
fi
