#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
#
# Build check run by tests/run-all.sh (no daemon process): comments cite the
# project's own documents by section name (doc/design.md "Engine: end of
# cycle", doc/kernel.md "lldpad protocol"), never the numbered sections of
# the notes the project was started from, which are not in the tree.
cd "$(dirname "$0")/.." || exit 1
d=DESIGN; s=spec; w=/work	# spelt apart: this file must not match itself
pat="$d §\\|$s §\\|$s/fcoe-interfaces\\|$w/shared"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	hits=$(git grep -n "$pat" -- . ':!doc/')
else
	hits=$(grep -rn --exclude-dir=build --exclude-dir=doc --exclude-dir=.git "$pat" .)
fi
if [ -n "$hits" ]; then
	echo "$hits"
	echo "check-refs: cite doc/design.md or doc/kernel.md sections by name instead"
	exit 1
fi

# Every cited section exists: a heading renamed without its citations fails.
bad=0
for f in $(if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files; else find . -type f ! -path './build/*' ! -path './.git/*'; fi); do
	[ -f "$f" ] || continue
	grep -o '\(design\|kernel\)\.md "[^"]*"' "$f" 2>/dev/null | sort -u |
	while IFS= read -r ref; do
		doc=doc/${ref%% *}; sec=${ref#* \"}; sec=${sec%\"}
		sed -n 's/^#\{1,6\} //p' "$doc" 2>/dev/null | grep -qxF "$sec" ||
		    { echo "$f: cites $doc \"$sec\": no such heading"; exit 1; }
	done || bad=1
done
[ $bad = 0 ] || { echo "check-refs: cite an existing heading of doc/design.md or doc/kernel.md"; exit 1; }
echo "check-refs: no reference to notes outside the tree; every cited section exists"
