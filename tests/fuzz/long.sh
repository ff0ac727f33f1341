#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/fuzz/long.sh - run by `make fuzz-long` (not by make check): every
# libFuzzer target to FUZZ_LONG_RUNS executions (default 10 million), at
# nice 19, FUZZ_LONG_JOBS targets at a time (default 2, the machine's
# cores).  FUZZ_LONG_TIME seconds per target (default 3600) is only a guard
# against a target that hangs or slows down: a target it stops is marked
# "time cap" and fails the run, since its figure is not the one asked for.
# Each starts from its seeds and its kept corpus, tests/fuzz/long/NAME/;
# afterwards only the inputs that add coverage to that kept corpus are
# merged into it (libFuzzer -merge=1), so it stays small.  Prints one line
# per target: executions, seconds, cov and ft (libFuzzer's edge and feature
# counts), crashes (the artifact files written under build/), then the
# date, the wall time and the load average before and after.
# Arguments: "NAME BINARY MAX_LEN SEED_DIR" lines on stdin.
cd "$(dirname "$0")/../.." || exit 1
runs=${FUZZ_LONG_RUNS:-10000000}
secs=${FUZZ_LONG_TIME:-3600}
jobs=${FUZZ_LONG_JOBS:-2}
out=${BUILD:-build}/tests/fuzz-long

# One target, run by xargs below: its result line goes to $out/NAME.result.
one() {
	name=$1 bin=$2 maxlen=$3 seeds=$4
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
	note=
	[ "$st" = 0 ] || note=" (exit $st)"
	[ "${execs:-0}" -ge "$runs" ] || note="$note (time cap)"
	nice -n 19 "$bin" -merge=1 -max_len="$maxlen" "$keep" "$work" \
		> "$out/$name.merge.log" 2>&1 || note="$note (merge failed)"
	printf '%-8s %12s %8s %8s %8s %s\n' "$name" "${execs:-?}" $((t1 - t0)) \
		"${cov:-?}" "${ft:-?}" "$crashes$note" > "$out/$name.result"
	[ -z "$note" ] && [ "$crashes" = 0 ] || tail -30 "$out/$name.log" >&2
}

if [ "$1" = --one ]; then
	shift
	one "$@"
	exit 0
fi

mkdir -p "$out"
list=$(grep -v '^ *$')
for name in $(echo "$list" | cut -d' ' -f1); do rm -f "$out/$name.result"; done
load0=$(cut -d' ' -f1-3 /proc/loadavg)
w0=$(date +%s)
echo "$list" | xargs -P "$jobs" -L 1 sh tests/fuzz/long.sh --one
w1=$(date +%s)
rc=0
printf '%-8s %12s %8s %8s %8s %s\n' target executions seconds cov ft crashes
for name in $(echo "$list" | cut -d' ' -f1); do
	if [ -f "$out/$name.result" ]; then
		cat "$out/$name.result"
		grep -q '^[^ ]* *[0-9?]* *[0-9]* *[0-9?]* *[0-9?]* 0$' \
			"$out/$name.result" || rc=1
	else
		echo "$name: no result"; rc=1
	fi
done
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $((w1 - w0)) s wall, $jobs at a time," \
	"runs=$runs, cap ${secs} s; load average before $load0, after" \
	"$(cut -d' ' -f1-3 /proc/loadavg)"
exit $rc
