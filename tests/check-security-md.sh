#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# SECURITY.md must show the sandbox policy exactly as the code builds it.
cd "$(dirname "$0")/.." || exit 1
want=$(build/fcoemond --dump-policy && build/fcoemond-monitor --dump-policy) ||
	{ echo "--dump-policy failed"; exit 1; }
have=$(sed -n '/<!-- policy:begin -->/,/<!-- policy:end -->/p' SECURITY.md | sed '1,2d;$d' | sed '$d')
if [ "$want" != "$have" ]; then
	echo "SECURITY.md's policy block differs from the --dump-policy output:"
	printf '%s\n' "$want" > build/policy.want
	printf '%s\n' "$have" > build/policy.have
	diff -u build/policy.have build/policy.want
	exit 1
fi
echo "SECURITY.md policy block matches the code"
