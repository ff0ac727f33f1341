#!/bin/sh
# The actuator binary as built: only libc, libseccomp and libcap-ng, and the
# hardening the Makefile asks for really present in the ELF file.
cd "$(dirname "$0")/.." || exit 1
bin=build/fcoemond
fail=0
no() { echo "FAIL: $*"; fail=1; }

libs=$(ldd "$bin" | awk '/=>/ { print $1 }' | sort | tr '\n' ' ')
[ "$libs" = "libc.so.6 libcap-ng.so.0 libseccomp.so.2 " ] ||
	no "fcoemond links [$libs], expected libc, libcap-ng and libseccomp only"
ldd "$bin" | grep -Eq 'libnl|libevent' && no "fcoemond links libnl or libevent"
readelf -h "$bin" | grep -q 'Type:.*DYN' || no "not PIE"
readelf -lW "$bin" | grep -q GNU_RELRO || no "no RELRO segment"
readelf -dW "$bin" | grep -Eq 'BIND_NOW|FLAGS.*NOW' || no "not bound now (full RELRO)"
readelf -lW "$bin" | grep GNU_STACK | grep -q RWE && no "executable stack"
nm -D "$bin" | grep -q __stack_chk_fail || no "no stack protector"
nm -D "$bin" | grep -q '_chk@' || no "no FORTIFY_SOURCE checked functions"
stage=$(mktemp -d)
make -s install DESTDIR="$stage" PREFIX=/usr >/dev/null &&
	[ -x "$stage/usr/sbin/fcoemond" ] || no "make install DESTDIR=... PREFIX=/usr"
make -s uninstall DESTDIR="$stage" PREFIX=/usr >/dev/null &&
	[ ! -e "$stage/usr/sbin/fcoemond" ] || no "make uninstall"
rm -rf "$stage"
[ "$fail" = 0 ] && echo "fcoemond: libs [$libs], PIE, full RELRO, NX stack, SSP, FORTIFY; install/uninstall honour DESTDIR, PREFIX"
exit $fail
