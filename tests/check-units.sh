#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# The service files, sysusers entry, man pages and sample configuration as a
# packager ships them: systemd's own offline checks of the units, the
# exposure score of the sandbox, the man pages rendering without a single
# groff or man warning, and `make install`/`make uninstall` putting and
# removing exactly these files.
cd "$(dirname "$0")/.." || exit 1
fail=0
no() { echo "FAIL: $*"; fail=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Up to date with the default prefix first: `make install PREFIX=...` below
# would otherwise compile that prefix into the binaries of the build tree.
make -s all >/dev/null || no "make all"

# --- exposure score.  Every remaining exposed item is what the design needs:
# started as root (User=, 0.4: the actuator writes the root-owned 0200 FCoE
# files as their owner), CAP_SET{UID,GID,PCAP} (0.3: the drop itself) and
# capset/setresuid allowed (0.2), CAP_NET_ADMIN (0.2), the host network
# (PrivateNetwork=, 0.5: libfcoe looks interfaces up in init_net),
# PrivateUsers= (0.2: the capabilities must be valid in init_net), AF_UNIX
# and AF_NETLINK (0.1 each), no RootDirectory= (0.1), /dev/rtc read
# (0.1, implied by ProtectClock=); for FIP VLAN discovery (SECURITY.md
# §5a): AF_PACKET (0.2) and CAP_NET_RAW (0.1) for the one filtered packet
# socket opened before the drop, and no ProcSubset=pid (0.1), which would
# hide /proc/sys/net/ipv6/conf, where a new VLAN gets disable_ipv6.
MAX_EXPOSURE=2.1
sed 's|@SBINDIR@|/usr/sbin|g' etc/fcoemond.service.in > "$tmp/fcoemond.service"
out=$(systemd-analyze security --offline=yes --no-pager \
    "$tmp/fcoemond.service" 2>&1)
score=$(printf '%s\n' "$out" |
    sed -n 's/.*Overall exposure level for fcoemond.service: \([0-9.]*\).*/\1/p')
if [ -z "$score" ]; then
	no "systemd-analyze security printed no score:"; printf '%s\n' "$out"
else
	echo "systemd-analyze security --offline=yes fcoemond.service: exposure $score (at most $MAX_EXPOSURE)"
	printf '%s\n' "$out" | grep '✗'
	awk -v s="$score" -v m="$MAX_EXPOSURE" 'BEGIN { exit !(s <= m) }' ||
		no "exposure $score is above $MAX_EXPOSURE"
fi

# --- systemd-analyze verify on the units as installed (PREFIX=/usr into a
# staging directory), ExecStart= pointed into the stage so that verify finds
# the binary, and Documentation= resolved against the installed man pages.
# (Not PREFIX=$stage: out-of-date objects would get that prefix compiled in.)
v="$tmp/v"
make -s install DESTDIR="$v" PREFIX=/usr >"$tmp/install.log" 2>&1 ||
	{ no "make install DESTDIR=$v PREFIX=/usr"; cat "$tmp/install.log"; }
unitdir="$v/usr/lib/systemd/system"
grep -qx "ExecStart=/usr/sbin/fcoemond -f" "$unitdir/fcoemond.service" ||
	no "installed unit's ExecStart= is not \$(SBINDIR)/fcoemond -f"
mkdir "$tmp/units"
sed "s|^ExecStart=/usr/sbin/|ExecStart=$v/usr/sbin/|" \
    "$unitdir/fcoemond.service" > "$tmp/units/fcoemond.service"
cp "$unitdir/fcoemond.socket" "$unitdir/fcoemond-ctl.socket" "$tmp/units/"
if MANPATH="$v/usr/share/man" systemd-analyze verify \
    "$tmp/units/fcoemond.service" "$tmp/units/fcoemond.socket" \
    "$tmp/units/fcoemond-ctl.socket" \
    >"$tmp/verify" 2>&1 && [ ! -s "$tmp/verify" ]; then
	echo "systemd-analyze verify: fcoemond.service fcoemond.socket fcoemond-ctl.socket clean (ExecStart, man pages found)"
else
	no "systemd-analyze verify:"; cat "$tmp/verify"
fi
grep -qx 'ListenDatagram=@fcm_clif' etc/fcoemond.socket &&
    grep -qx 'PassCredentials=yes' etc/fcoemond.socket ||
	no "fcoemond.socket does not listen on @fcm_clif with credentials"
grep -qx 'ListenStream=/run/fcoemond/ctl' etc/fcoemond-ctl.socket &&
    grep -qx 'FileDescriptorName=ctl' etc/fcoemond-ctl.socket &&
    grep -qx 'FileDescriptorName=fcm_clif' etc/fcoemond.socket ||
	no "the socket units do not name their fds fcm_clif and ctl"

# --- sysusers: the monitor's user as systemd-sysusers creates it.
mkdir -p "$tmp/root/etc"
systemd-sysusers --root="$tmp/root" - < etc/sysusers.d/fcoemond.conf \
    >"$tmp/sysusers" 2>&1 || { no "systemd-sysusers"; cat "$tmp/sysusers"; }
grep -Eq '^_fcoemon:x:[0-9]+:[0-9]+:[^:]*:/nonexistent:/usr/sbin/nologin$' \
    "$tmp/root/etc/passwd" 2>/dev/null ||
	no "sysusers did not create _fcoemon without home and login shell"

# --- the samples: what fcoemond makes of them (cfg-ethx is a template and
# skipped even under its own name; a copy of it is a valid, warning-free cfg).
mkdir "$tmp/fcoe"
cp etc/cfg-ethx etc/config "$tmp/fcoe/" && cp etc/cfg-ethx "$tmp/fcoe/cfg-eth0"
build/fcoemond-monitor --check-config "$tmp/fcoe" >"$tmp/cc.out" 2>"$tmp/cc.err" ||
	{ no "--check-config of the samples failed"; cat "$tmp/cc.err"; }
grep -q '^eth0 .*fcoe_enable=yes dcb_required=yes auto_vlan=no mode=fabric' "$tmp/cc.out" &&
    [ "$(wc -l < "$tmp/cc.out")" = 1 ] &&
    grep -q ': 1 interface, 0 errors, 0 warnings$' "$tmp/cc.err" ||
	{ no "a copy of cfg-ethx is not one clean interface"; cat "$tmp/cc.out" "$tmp/cc.err"; }

# --- man pages: no warning from groff or man, and the sections a reader
# looks for.
for m in doc/fcoemond.8 doc/fcoectl.8 doc/fcoe-cfg.5; do
	w=$(LC_ALL=C.UTF-8 groff -man -ww -z -K utf-8 "$m" 2>&1)
	[ -z "$w" ] || no "$m: groff: $w"
	w=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -l \
	    -E UTF-8 "$m" 2>&1 >/dev/null)
	[ -z "$w" ] || no "$m: man: $w"
	for s in NAME SYNOPSIS DESCRIPTION FILES "EXIT STATUS" "SEE ALSO"; do
		grep -q "^\.SH \"\{0,1\}$s\"\{0,1\}\$" "$m" || no "$m: no $s section"
	done
done
grep -q '^\.SH SIGNALS$' doc/fcoemond.8 && grep -q '^\.SH SECURITY$' doc/fcoemond.8 &&
    grep -q '^\.SH "DIFFERENCES FROM FCOEMON"$' doc/fcoemond.8 ||
	no "fcoemond.8 lacks SIGNALS, SECURITY or DIFFERENCES FROM FCOEMON"
for k in FCOE_ENABLE DCB_REQUIRED AUTO_VLAN MODE FIP_RESP; do
	grep -q "^\.B $k\$\|^\.BR $k " doc/fcoe-cfg.5 || no "fcoe-cfg.5 does not document $k"
done

# --- install/uninstall with DESTDIR: the file list both ways.
list() { (cd "$1" && find . ! -type d | sed 's|^\./||' | LC_ALL=C sort); }
expect="etc/fcoe/cfg-ethx
etc/fcoe/config
usr/lib/systemd/system/fcoemond-ctl.socket
usr/lib/systemd/system/fcoemond.service
usr/lib/systemd/system/fcoemond.socket
usr/lib/sysusers.d/fcoemond.conf
usr/libexec/fcoemond/fcoemond-monitor
usr/sbin/fcoemond
usr/share/man/man5/fcoe-cfg.5
usr/share/man/man8/fcoectl.8
usr/share/man/man8/fcoemond.8"
[ -f build/fcoectl ] && expect=$(printf '%s\nusr/bin/fcoectl' "$expect" | LC_ALL=C sort)
d="$tmp/dest"
make -s install DESTDIR="$d" PREFIX=/usr >"$tmp/i.log" 2>&1 || { no "make install DESTDIR"; cat "$tmp/i.log"; }
got=$(list "$d")
[ "$got" = "$expect" ] || { no "make install DESTDIR=... PREFIX=/usr installed:"; printf '%s\n' "$got" | diff -u - /dev/fd/3 3<<EOT
$expect
EOT
}
grep -qx 'ExecStart=/usr/sbin/fcoemond -f' "$d/usr/lib/systemd/system/fcoemond.service" ||
	no "PREFIX=/usr unit does not start /usr/sbin/fcoemond -f"
# The admin's edits survive a re-install and an uninstall.
echo 'SUPPORTED_DRIVERS="fcoe qedf"' >> "$d/etc/fcoe/config"
cp "$d/etc/fcoe/config" "$tmp/edited"
make -s install DESTDIR="$d" PREFIX=/usr >"$tmp/i.log" 2>&1
cmp -s "$d/etc/fcoe/config" "$tmp/edited" || no "make install overwrote an edited /etc/fcoe/config"
make -s uninstall DESTDIR="$d" PREFIX=/usr >"$tmp/u.log" 2>&1
got=$(list "$d")
[ "$got" = "etc/fcoe/config" ] || no "after uninstall with an edited config: [$got], expected only etc/fcoe/config"
grep -q 'kept .*etc/fcoe/config' "$tmp/u.log" || no "uninstall did not say it kept the edited config"
rm -rf "$d"
make -s install DESTDIR="$d" PREFIX=/usr >/dev/null 2>&1
make -s uninstall DESTDIR="$d" PREFIX=/usr >/dev/null 2>&1
got=$(list "$d")
[ -z "$got" ] || no "make uninstall left: $got"
[ ! -e "$d/etc/fcoe" ] || no "make uninstall left an empty etc/fcoe"

[ "$fail" = 0 ] && echo "units, sysusers, samples, man pages, install/uninstall: ok"
exit $fail
