#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/fuzz/long.sh - run by `make fuzz-long` (not by make check): every
# libFuzzer target for FUZZ_LONG_RUNS executions (default 10 million) or
# FUZZ_LONG_TIME seconds (default 150), whichever comes first, at nice 19.
# Each starts from its seeds and its kept corpus, tests/fuzz/long/NAME/;
# afterwards only the inputs that add coverage to that kept corpus are
# merged into it (libFuzzer -merge=1), so it stays small.  Prints one line
# per target: executions, cov and ft (libFuzzer's edge and feature
# counts), crashes (the artifact files written under build/).
# Arguments: "NAME BINARY MAX_LEN SEED_DIR" lines on stdin.
cd "$(dirname "$0")/../.." || exit 1
runs=${FUZZ_LONG_RUNS:-10000000}
secs=${FUZZ_LONG_TIME:-150}
out=${BUILD:-build}/tests/fuzz-long
mkdir -p "$out"
rc=0
printf '%-8s %12s %8s %8s %8s %s\n' target executions seconds cov ft crashes
while read -r name bin maxlen seeds; do
	[ -n "$name" ] || continue
	keep=tests/fuzz/long/$name; work=$out/$name.corpus; art=$out/$name-artifacts
	rm -rf "$work" "$art"; mkdir -p "$keep" "$work" "$art"
	t0=$(date +%s)
	nice -n 19 "$bin" -runs="$runs" -max_total_time="$secs" -max_len="$maxlen" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$art/" "$work" "$keep" $seeds > "$out/$name.log" 2>&1
	st=$?
	t1=$(date +%s)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log" | tail -1)
	last=$(grep -E '^#[0-9]+' "$out/$name.log" | tail -1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	crashes=$(ls "$art" | wc -l)
	[ "$st" = 0 ] && [ "$crashes" = 0 ] || { rc=1; tail -30 "$out/$name.log"; }
	nice -n 19 "$bin" -merge=1 -max_len="$maxlen" "$keep" "$work" \
		> "$out/$name.merge.log" 2>&1 || rc=1
	printf '%-8s %12s %8s %8s %8s %s\n' "$name" "${execs:-?}" $((t1 - t0)) \
		"${cov:-?}" "${ft:-?}" "$crashes$([ "$st" = 0 ] || echo " (exit $st)")"
done
exit $rc
