#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# The binaries as built: the actuator links only libc, libseccomp and
# libcap-ng; both have the hardening the Makefile asks for really present
# in the ELF file; install puts the monitor where the actuator looks; the
# actuator has no unreachable function (and its code lines are printed).
cd "$(dirname "$0")/.." || exit 1
bin=build/fcoemond
fail=0
no() { echo "FAIL: $*"; fail=1; }

libs=$(ldd "$bin" | awk '/=>/ { print $1 }' | sort | tr '\n' ' ')
[ "$libs" = "libc.so.6 libcap-ng.so.0 libseccomp.so.2 " ] ||
	no "fcoemond links [$libs], expected libc, libcap-ng and libseccomp only"
ldd "$bin" | grep -Eq 'libnl|libevent' && no "fcoemond links libnl or libevent"
for b in "$bin" build/fcoemond-monitor; do
	readelf -h "$b" | grep -q 'Type:.*DYN' || no "$b: not PIE"
	readelf -lW "$b" | grep -q GNU_RELRO || no "$b: no RELRO segment"
	readelf -dW "$b" | grep -Eq 'BIND_NOW|FLAGS.*NOW' || no "$b: not bound now (full RELRO)"
	readelf -lW "$b" | grep GNU_STACK | grep -q RWE && no "$b: executable stack"
	nm -D "$b" | grep -q __stack_chk_fail || no "$b: no stack protector"
	nm -D "$b" | grep -q '_chk@' || no "$b: no FORTIFY_SOURCE checked functions"
done
strings "$bin" | grep -q '^/usr/local/libexec/fcoemond/fcoemond-monitor$' ||
	no "fcoemond does not look for its monitor in \$(LIBEXECDIR)"
stage=$(mktemp -d)
make -s install DESTDIR="$stage" PREFIX=/usr >/dev/null &&
	[ -x "$stage/usr/sbin/fcoemond" ] &&
	[ -x "$stage/usr/libexec/fcoemond/fcoemond-monitor" ] ||
	no "make install DESTDIR=... PREFIX=/usr"
make -s uninstall DESTDIR="$stage" PREFIX=/usr >/dev/null &&
	[ ! -e "$stage/usr/sbin/fcoemond" ] &&
	[ ! -e "$stage/usr/libexec/fcoemond" ] || no "make uninstall"
rm -rf "$stage"
# fcoectl: libc only, the same hardening, installed to $(BINDIR).
ctl=build/fcoectl
clibs=$(ldd "$ctl" | awk '/=>/ { print $1 }' | sort | tr '\n' ' ')
[ "$clibs" = "libc.so.6 " ] || no "fcoectl links [$clibs], expected libc only"
readelf -h "$ctl" | grep -q 'Type:.*DYN' || no "$ctl: not PIE"
readelf -dW "$ctl" | grep -Eq 'BIND_NOW|FLAGS.*NOW' || no "$ctl: not bound now"
nm -D "$ctl" | grep -q __stack_chk_fail || no "$ctl: no stack protector"
stage=$(mktemp -d)
make -s install DESTDIR="$stage" PREFIX=/usr >/dev/null &&
	[ -x "$stage/usr/bin/fcoectl" ] || no "make install: no /usr/bin/fcoectl"
make -s uninstall DESTDIR="$stage" PREFIX=/usr >/dev/null &&
	[ ! -e "$stage/usr/bin/fcoectl" ] || no "make uninstall left fcoectl"
rm -rf "$stage"
# The installs above rebuilt fcoemond for PREFIX=/usr: back to this tree's
# own prefix, so what runs after this check (and this check run again) sees
# the build `make` made.
make -s all >/dev/null || no "make all after the install checks"

# The privileged core carries no function that no request and no start-up
# step reaches.  Its objects are rebuilt unoptimised (nothing inlined or
# cloned away, so every call is a real reference) with one section per
# function and linked with --gc-sections: the linker keeps exactly what is
# reachable from the entry point, the dispatch table included, and
# --print-gc-sections names what it dropped.  nm cross-checks: every
# function defined in an actuator/ privsep/ proto/ object is in the binary,
# and the binary exports no function at all.
gc=$(mktemp -d)
if make -s BUILD="$gc" OPTFLAGS="-O0 -g" \
    CFLAGS="-U_FORTIFY_SOURCE -ffunction-sections" \
    LDFLAGS="-Wl,--gc-sections -Wl,--print-gc-sections" \
    "$gc/fcoemond" >"$gc/make.log" 2>&1; then
	dropped=$(sed -n "s#.*removing unused section '\(\.text\.[^']*\)' in file '$gc/\(actuator\|privsep\|proto\)/\([^']*\)'.*#  \2/\3: \1#p" \
	    "$gc/make.log")
	[ -z "$dropped" ] || no "unreachable privileged code (the linker dropped it):
$dropped"
	objs=$(find "$gc/actuator" "$gc/privsep" "$gc/proto" -name '*.o')
	nm --defined-only $objs | awk '$2 ~ /^[Tt]$/ { print $3 }' |
	    sort -u >"$gc/defined"
	nm --defined-only "$gc/fcoemond" | awk '$2 ~ /^[Tt]$/ { print $3 }' |
	    sort -u >"$gc/linked"
	unlinked=$(comm -23 "$gc/defined" "$gc/linked" | tr '\n' ' ')
	[ -z "$unlinked" ] || no "functions of actuator/ privsep/ proto/ not in the binary: $unlinked"
	exported=$(nm -D --defined-only "$gc/fcoemond" | awk '$2 ~ /^[TtWi]$/ { print $3 }' | tr '\n' ' ')
	[ -z "$exported" ] || no "fcoemond exports functions: $exported"
	nfn=$(comm -12 "$gc/defined" "$gc/linked" | wc -l)
else
	no "the reachability build failed: $(tail -5 "$gc/make.log")"
fi
rm -rf "$gc"

# Code lines of the privileged core (no blank lines, no comment-only lines).
core=$(awk '
{
	line = $0; code = ""
	while (length(line) > 0) {
		if (inc) {
			i = index(line, "*/")
			if (i == 0) { line = ""; break }
			line = substr(line, i + 2); inc = 0
		} else {
			i = index(line, "/*")
			if (i == 0) { code = code line; break }
			code = code substr(line, 1, i - 1)
			line = substr(line, i + 2); inc = 1
		}
	}
	sub(/\/\/.*/, "", code)
	if (code ~ /[^ \t]/) n++
}
END { print n }' actuator/*.[ch] privsep/*.[ch] proto/*.[ch])
echo "privileged core (actuator/ privsep/ proto/): $core code lines, ${nfn:-?} functions linked into fcoemond"

[ "$fail" = 0 ] && echo "fcoemond: libs [$libs]; fcoemond and fcoemond-monitor: PIE, full RELRO, NX stack, SSP, FORTIFY; install/uninstall honour DESTDIR, PREFIX"
exit $fail
