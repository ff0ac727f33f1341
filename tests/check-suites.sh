#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
#
# Build check run by tests/run-all.sh (no daemon process): no test suite can
# drop out of `make check` unseen.  Every tests/*.mk is pulled in by the
# Makefile with a hard `include` (a `-include` of a missing file is silent),
# and every C test source is built by some tests/*.mk (a test file nobody
# builds never fails).  run-all.sh itself fails a suite that counts nothing.
cd "$(dirname "$0")/.." || exit 1
bad=0
for mk in tests/*.mk; do
	grep -Eq "^include .*(^| )$mk( |\$)" Makefile && continue
	grep -Eq "^include ([^ ]+ )*$mk( |\$)" Makefile && continue
	echo "check-suites: $mk is not pulled in by a hard 'include' line of the Makefile"
	bad=1
done
if grep -n '^-include tests/' Makefile; then
	echo "check-suites: a test fragment included with -include drops silently when missing"
	bad=1
fi
for src in tests/unit/test_*.c tests/sandbox/*.c tests/fuzz/fuzz_*.c tests/links/*.c; do
	[ -e "$src" ] || continue
	b=${src##*/}; b=${b%.c}
	grep -qF "$src" tests/*.mk && continue		# named, or built by
	grep -qE "/$b( |\$|:)" tests/*.mk && continue	# a pattern rule
	echo "check-suites: $src is built by no tests/*.mk: its tests never run"
	bad=1
done
[ $bad = 0 ] || exit 1
echo "check-suites: $(ls tests/*.mk | wc -l) test fragments included, every C test source built"
