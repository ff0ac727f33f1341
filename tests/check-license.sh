#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
#
# Build check run by tests/run-all.sh (no daemon process): every source file
# of the tree carries the licence header, two lines at its very top (after a
# "#!" line), in its own comment syntax:
#	SPDX-License-Identifier: ISC
#	Copyright (c) 2026 The fcoemond authors
# A file whose kind has no rule below fails too, so a new kind of file is
# decided once here rather than skipped.
#	sh tests/check-license.sh         check; lists what lacks the header
#	sh tests/check-license.sh --add   add the header where it is missing
#	                                  (idempotent; run at merge time)
cd "$(dirname "$0")/.." || exit 1
SPDX='SPDX-License-Identifier: ISC'
COPY='Copyright (c) 2026 The fcoemond authors'

files() {	# the tracked files, or everything outside build/ in a tarball
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files
	else
		find . -type f ! -path './build/*' ! -path './.git/*' | sed 's|^\./||'
	fi
}

style() {	# the comment syntax of a file, "data" or "unknown"
	case $1 in
	tests/fuzz/corpus*/* | tests/fuzz/long/*/* | tests/unit/config-corpus/*) echo data ;;
	tests/vm/dcbsim/*) echo data ;;	# a test-only kernel module: GPL-2.0, its own SPDX line
	README | LICENSE | *.md | .git*) echo data ;;
	*.c | *.h) echo c ;;
	*.[1-8]) echo man ;;
	doc/*) echo data ;;		# prose: doc/HACKING and the like
	*.py | *.sh | *.mk | Makefile | *.in | *.socket | *.service | *.conf) echo hash ;;
	.ci/* | etc/config | etc/cfg-ethx) echo hash ;;
	*) echo unknown ;;
	esac
}

header() {	# the two header lines of a style
	case $1 in
	c)    l1="/* $SPDX */";  l2="/* $COPY */" ;;
	man)  l1='.\" '"$SPDX"; l2='.\" '"$COPY" ;;
	hash) l1="# $SPDX";      l2="# $COPY" ;;
	esac
}

has_header() {	# file, style: both lines, whole, in the first three
	header "$2"
	head -n 3 "$1" | grep -qxF "$l1" && head -n 3 "$1" | grep -qxF "$l2"
}

add_header() {	# file, style; rewrites in place so the mode bits stay
	header "$2"
	tmp=$(mktemp) || exit 1
	L1=$l1 L2=$l2 awk 'NR == 1 && /^#!/ { print; print ENVIRON["L1"]; print ENVIRON["L2"]; next }
	    NR == 1 { print ENVIRON["L1"]; print ENVIRON["L2"] } { print }
	    END { if (NR == 0) { print ENVIRON["L1"]; print ENVIRON["L2"] } }' "$1" > "$tmp" &&
	    cat "$tmp" > "$1"
	rm -f "$tmp"
}

add=0
[ "${1:-}" = --add ] && add=1
bad=0
n=0
for f in $(files); do
	[ -f "$f" ] || continue
	s=$(style "$f")
	case $s in
	data) continue ;;
	unknown) echo "check-license: $f: no rule for this kind of file;" \
	    "add one to tests/check-license.sh (style)"; bad=1; continue ;;
	esac
	n=$((n + 1))
	has_header "$f" "$s" && continue
	if [ $add = 1 ]; then
		add_header "$f" "$s" && echo "check-license: added the header to $f"
	else
		echo "check-license: $f: no '$SPDX' / '$COPY' in its first lines" \
		    "(sh tests/check-license.sh --add)"
		bad=1
	fi
done
[ $bad = 0 ] || exit 1
echo "check-license: $n source files carry the ISC header"
