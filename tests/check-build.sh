#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# The binaries as built: the actuator links only libc, libseccomp and
# libcap-ng; both have the hardening the Makefile asks for really present
# in the ELF file; install puts the monitor where the actuator looks.
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

[ "$fail" = 0 ] && echo "fcoemond: libs [$libs]; fcoemond and fcoemond-monitor: PIE, full RELRO, NX stack, SSP, FORTIFY; install/uninstall honour DESTDIR, PREFIX"
exit $fail
