#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Runs every test suite of `make check` in turn, keeps going after a failure,
# and closes with one "N passed, N failed" line over all of them.
cd "$(dirname "$0")/.." || exit 1
log=build/test-logs
mkdir -p "$log"
passed=0
failed=0
skipped=0
suites_failed=""
suites_skipped=""

count_check() {	# "100%: Checks: 45, Failures: 0, Errors: 0"
	sed -n 's/.*Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p' "$1" |
	    awk '{ c += $1; f += $2 + $3 } END { print c - f + 0, f + 0 }'
}

count_pytest() {	# "=== 40 passed, 1 skipped, 2 failed in 3.2s ==="
	tail -n 3 "$1" | awk '/ in [0-9.]+s/ { for (i = 1; i <= NF; i++) {
	    if ($i ~ /^passed/) p = $(i-1); if ($i ~ /^(failed|error)/) f += $(i-1)
	    if ($i ~ /^skipped/) s = $(i-1) } }
	    END { print p + 0, f + 0, s + 0 }'
}

# A suite counts as failed when its command fails, when it reports a
# failure, and when it reports no count at all: a target that built
# nothing, a runner that died before its summary, a log without the line
# its counter reads.  Nothing vanishes from the total unseen.  Skipped
# tests are counted and listed at the end (e.g. no 8021q in this kernel).
run() {	# name, counter, command...
	name=$1; counter=$2; shift 2
	echo "=== $name"
	"$@" > "$log/$name.log" 2>&1
	rc=$?
	tail -n 15 "$log/$name.log"
	set -- $($counter "$log/$name.log")
	p=${1:-0}; f=${2:-0}; s=${3:-0}
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	if [ "$p" = 0 ] && [ "$f" = 0 ]; then
		echo "FAIL: $name: no test counted (exit $rc); see $log/$name.log"
		f=1
	fi
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	[ "$f" = 0 ] || suites_failed="$suites_failed $name"
	[ "$s" = 0 ] || suites_skipped="$suites_skipped $name($s)"
}

count_lines() {	# "PASS: ..." and "FAIL: ..." lines (the VM suite)
	tr -d '\r' < "$1" | awk '/^PASS: / { p++ } /^FAIL: / { f++ } END { print p + 0, f + 0 }'
}

count_one() { if grep -q '^RESULT: ok' "$1"; then echo 1 0; else echo 0 1; fi; }

run unit count_check make -s unit-tests
run sandbox count_check make -s sandbox-tests
# One run per target, so each must print its own count line.
run config-unit count_check make -s config-unit-tests
run dcb-unit count_check make -s dcb-unit-tests
run actclient-unit count_check make -s actclient-unit-tests
run ctl-unit count_check make -s ctl-unit-tests
run fip-unit count_check make -s fip-unit-tests
run dcbnl-unit count_check make -s dcbnl-unit-tests
run rtlink-unit count_check make -s rtlink-unit-tests
run fuzz count_one sh -c 'make -s fuzz-tests config-fuzz dcb-fuzz ctl-fuzz fip-fuzz dcbnl-fuzz rtlink-fuzz && echo "RESULT: ok"'
run build count_one sh -c 'sh tests/check-build.sh && echo "RESULT: ok"'
run security-md count_one sh -c 'sh tests/check-security-md.sh && echo "RESULT: ok"'
run units count_one sh -c 'sh tests/check-units.sh && echo "RESULT: ok"'
run license count_one sh -c 'sh tests/check-license.sh && echo "RESULT: ok"'
run suites count_one sh -c 'sh tests/check-suites.sh && echo "RESULT: ok"'
run refs count_one sh -c 'sh tests/check-refs.sh && echo "RESULT: ok"'
run layers count_one sh -c 'sh tests/check-layers.sh && echo "RESULT: ok"'
run links count_pytest make -s links-tests
# The Python codecs the tests use against the C headers they mirror.
run mirror count_pytest /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/mirror
run integration count_pytest /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/integration
# The real kernel's FCoE stack under qemu (tests/vm/run.sh; scenarios there).
run vm count_lines bash tests/vm/run.sh
# The service as installed, with Debian's systemd as PID 1 (tests/vm/systemd.sh).
run vm-systemd count_lines bash tests/vm/systemd.sh

[ -z "$suites_skipped" ] || echo "skipped: $skipped tests in$suites_skipped"
[ -z "$suites_failed" ] || echo "failed suites:$suites_failed (logs in $log/)"
echo "total: $passed passed, $failed failed"
[ "$failed" = 0 ]
