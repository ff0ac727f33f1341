#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/run.sh - run by `make check` (suite "vm"), `make demo` and
# `make vm-compare`: boots Debian 12's own kernel under qemu with the real
# FCoE stack (fcoe, libfcoe, 8021q, tcm_fc modules, lldpad, fcoe-utils) and
# runs fcoemond's scenarios in it, because the host kernel of the CI machine
# has no fcoe or 8021q and the integration tests can only fake sysfs.
#
#   tests/vm/run.sh                  the scenarios of CHECK_SCENARIOS, one boot
#   tests/vm/run.sh vlan restart     just these (any from -l, fcoeadm included)
#   tests/vm/run.sh -x SCRIPT        a guest script with the suite's library
#   tests/vm/run.sh -i               an interactive shell in the guest
# Options: -l list scenarios, -b build the cache only, -T force TCG,
# -t SECS timeout, -L FILE keep the console log, -e FILE copy FILE into
# /guest (a debugging tool, say).  FCOEMOND_VM_LLDPAD=FILE runs that lldpad
# binary instead of Debian's (see s-dcbx-cee.sh).  Exit status: the guest's
# (0 = every scenario passed), 124 timeout, 125 no status from the guest.
set -euo pipefail

# The scenarios `make check` runs, in boot order.  "fcoeadm" waits for the
# monitor's @fcm_clif socket (another branch): add it to this list when that
# lands; until then run it alone with `tests/vm/run.sh fcoeadm`.
# The dcbx-* ones (tests/vm/dcbsim, a DCB-capable NIC) come after "dcb",
# which needs eth0 without DCB, and unload the module when done.
# vlan-del-live stays last: it can wedge the kernel for good.
CHECK_SCENARIOS="sandbox fabric vn2vn libfcoe dcb restart vlan vlan-at-start fip-disc fip-fcoemon fip-resp fip-restart fip-withdraw fip-actuator fip-sanmac fcoeadm dcbx-ieee dcbx-fw dcbx-cee vlan-del-live"

VM=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$VM/../.." && pwd)
# Under build/ so a fresh clone builds it itself; FCOEMOND_VM_CACHE moves it
# somewhere `make clean` does not reach.
CACHE=${FCOEMOND_VM_CACHE:-$ROOT/build/vm-cache}
BUILD=${FCOEMOND_BUILD:-$ROOT/build}
TIMEOUT='' ACCEL=auto BUILD_ONLY=0 SCRIPT='' INTERACTIVE=0 LOG='' EXTRA=''

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while getopts "lbTt:x:iL:e:h" o; do case $o in
	l) for f in "$VM"/guest/s-*.sh; do f=${f##*/s-}; echo "${f%.sh}"; done; exit 0 ;;
	b) BUILD_ONLY=1 ;; T) ACCEL=tcg ;; t) TIMEOUT=$OPTARG ;;
	x) SCRIPT=$OPTARG ;; i) INTERACTIVE=1 ;; L) LOG=$OPTARG ;; e) EXTRA="$EXTRA $OPTARG" ;; *) usage ;; esac; done
shift $((OPTIND - 1))
SCENARIOS=${*:-$CHECK_SCENARIOS}
for s in $SCENARIOS; do
	[ -r "$VM/guest/s-$s.sh" ] || { echo "vm: no scenario '$s' (tests/vm/run.sh -l)" >&2; exit 2; }
done

for t in qemu-system-x86_64 cpio depmod modprobe gcc make dpkg apt-get sha1sum timeout xz flock; do
	command -v "$t" >/dev/null || { echo "vm: missing host tool '$t' (sh tests/deps.sh)" >&2; exit 2; }
done

# ------------------------------------------------------------ cached base image
# Debian's current 6.1 kernel and the guest's userland, all as .debs of the
# release the host runs; the project's binaries are not in it (see payload).
MODULES="virtio_pci virtio_net 8021q fcoe tcm_fc sd_mod"
DEBS="busybox-static fcoe-utils lldpad libc6 libnl-3-200 libconfig9 libpciaccess0 zlib1g"
mkdir -p "$CACHE/debs"
exec 9> "$CACHE/.lock"; flock 9		# one builder at a time (make -j)
if [ ! -s "$CACHE/kpkg" ]; then
	k=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
	if [ -z "$k" ]; then apt-get update -qq; k=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'); fi
	[ -n "$k" ] || { echo "vm: no linux-image-amd64 in the package lists" >&2; exit 2; }
	echo "$k" > "$CACHE/kpkg"
fi
KPKG=$(cat "$CACHE/kpkg")
# iproute2's `dcb` and the libraries it links, copied alone into the guest
# (the whole package would shadow busybox's `ip`, which the scenarios use).
DCB_DEBS="iproute2 libmnl0 libcap2"
KEY=$(cat "$0" "$VM"/tools/*.c "$VM"/dcbsim/* <(echo "$KPKG $MODULES $DEBS $DCB_DEBS") | sha1sum | cut -c1-12)
BASE=$CACHE/base-$KEY.cpio

build_base() {
	local r=$CACHE/root.tmp kdir=$CACHE/$KPKG kver missing="" p f off
	echo "vm: building $BASE" >&2
	for p in $KPKG $DEBS $DCB_DEBS; do ls "$CACHE/debs/${p}_"*.deb >/dev/null 2>&1 || missing="$missing $p"; done
	if [ -n "$missing" ]; then
		# shellcheck disable=SC2086
		(cd "$CACHE/debs" && { apt-get download $missing || { apt-get update -qq && apt-get download $missing; }; }) 2>&1 |
			grep -v unsandboxed >&2 || true
	fi
	for p in $KPKG $DEBS $DCB_DEBS; do ls "$CACHE/debs/${p}_"*.deb >/dev/null 2>&1 || { echo "vm: download of $p failed" >&2; exit 2; }; done
	if [ ! -d "$kdir" ]; then
		rm -rf "$kdir.tmp"; dpkg -x "$CACHE/debs/${KPKG}_"*.deb "$kdir.tmp"
		depmod -b "$kdir.tmp" "$(ls "$kdir.tmp/lib/modules")"; mv "$kdir.tmp" "$kdir"
	fi
	kver=$(ls "$kdir/lib/modules")
	rm -rf "$r"; mkdir -p "$r"
	for p in $DEBS; do dpkg -x "$CACHE/debs/${p}_"*.deb "$r"; done
	rm -rf "$r"/usr/share/{doc,man,locale,lintian,bash-completion,zoneinfo} "$r"/etc/init.d "$r"/lib/systemd \
		"$r"/usr/lib/x86_64-linux-gnu/gconv
	# The modules the scenarios load and what they depend on, with a modules.dep
	# busybox modprobe can read.
	for p in $MODULES; do modprobe -d "$kdir" -S "$kver" --show-depends "$p"; done |
		awk '$1 == "insmod" { print $2 }' | sort -u | while read -r f; do
			mkdir -p "$r/$(dirname "${f#"$kdir"/}")"; cp "$f" "$r/${f#"$kdir"/}"; done
	cp "$kdir/lib/modules/$kver"/modules.{order,builtin,builtin.modinfo} "$r/lib/modules/$kver/"
	build_dcbsim "$kver" "$r/lib/modules/$kver/extra"
	depmod -b "$r" "$kver"
	f=$CACHE/dcb.tmp; rm -rf "$f"
	for p in $DCB_DEBS; do dpkg -x "$CACHE/debs/${p}_"*.deb "$f"; done
	mkdir -p "$r/sbin" "$r/lib/x86_64-linux-gnu"
	cp "$f/sbin/dcb" "$r/sbin/dcb"
	cp -a "$f"/usr/lib/x86_64-linux-gnu/libmnl.so.* "$f"/lib/x86_64-linux-gnu/libcap.so.* "$r/lib/x86_64-linux-gnu/"
	rm -rf "$f"
	mkdir -p "$r"/{sbin,etc/target,proc,sys,dev,tmp,run,root,guest,var/log,var/lib/lldpad,etc/fcoe,usr/bin,usr/sbin,usr/libexec/fcoemond}
	ln -sfn /run "$r/var/run"
	mknod "$r/dev/console" c 5 1
	for f in "$VM"/tools/*.c; do
		gcc -std=gnu11 -static -O2 -Wall -Wextra -Werror -o "$r/usr/bin/$(basename "$f" .c)" "$f"
	done
	printf 'root:x:0:0:root:/root:/bin/sh\n_fcoemon:x:998:998:fcoemond monitor:/nonexistent:/usr/sbin/nologin\n' > "$r/etc/passwd"
	printf 'root:x:0:\n_fcoemon:x:998:\n' > "$r/etc/group"
	cat > "$r/init" <<'EOF'
#!/bin/busybox sh
# /init of the fcoemond VM (written by tests/vm/run.sh): mounts, syslog, then
# /guest/run; the host reads the exit marker from the serial console.
/bin/busybox --install -s
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs dev /dev
mkdir -p /dev/pts /dev/shm /run/lock; mount -t devpts devpts /dev/pts
mount -t tmpfs tmp /tmp; mount -t tmpfs shm /dev/shm	# lldpad needs POSIX shm
hostname fcoe-vm; ip link set lo up
modprobe -a virtio_pci virtio_net
# fcoemond refuses to start without /dev/log: its audit records go there.
syslogd -n -O /var/log/messages & usleep 200000
echo "@@VM-BOOTED uptime=$(cut -d' ' -f1 /proc/uptime)s kernel=$(uname -r)@@"
if [ -f /guest/run ]; then
	cd /guest; sh /guest/run </dev/null; echo "@@VM-EXIT=$?@@"
else
	setsid cttyhack sh -l
fi
sync; poweroff -f
EOF
	chmod 755 "$r/init"
	(cd "$r" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > "$BASE.tmp"
	rm -rf "$r"
	# An uncompressed vmlinux boots through qemu's PVH entry and skips the xz
	# decompressor, which costs seconds under TCG.
	f=$(ls "$kdir"/boot/vmlinuz-*)
	off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$f" | head -1 | cut -d: -f1)
	{ tail -c +$((off + 1)) "$f" | xz -dc > "$CACHE/vmlinux.tmp" 2>/dev/null; } || true
	if head -c4 "$CACHE/vmlinux.tmp" | grep -q ELF; then
		mv "$CACHE/vmlinux.tmp" "$CACHE/vmlinux-$KEY"; echo "$CACHE/vmlinux-$KEY"
	else
		rm -f "$CACHE/vmlinux.tmp"; echo "$f"
	fi > "$CACHE/kernel-$KEY.path"
	find "$CACHE" -maxdepth 1 \( -name 'base-*.cpio' -o -name 'vmlinux-*' -o -name 'kernel-*.path' \) \
		! -name "*$KEY*" -delete
	mv "$BASE.tmp" "$BASE"
}
# tests/vm/dcbsim, the DCB-capable NIC of the DCB scenarios: a module built
# against Debian's headers for the very kernel the guest boots (same
# version as the image, fetched like it), into DIR.
build_dcbsim() {
	local kver=$1 dir=$2 ver hdr common kbuild h=$CACHE/headers-$1 b=$CACHE/dcbsim.tmp p
	ver=$(dpkg-deb -f "$CACHE/debs/${KPKG}_"*.deb Version)
	hdr=linux-headers-$kver
	if [ ! -d "$h" ]; then
		(cd "$CACHE/debs" && { apt-get download "$hdr=$ver" || { apt-get update -qq && apt-get download "$hdr=$ver"; }; }) 2>&1 |
			grep -v unsandboxed >&2 || true
		common=$(dpkg-deb -f "$CACHE/debs/${hdr}_${ver}_"*.deb Depends | tr ',' '\n' |
			sed -n 's/^ *\(linux-headers-[^ ]*-common\) .*/\1/p')
		kbuild=$(dpkg-deb -f "$CACHE/debs/${hdr}_${ver}_"*.deb Depends | tr ',' '\n' |
			sed -n 's/^ *\(linux-kbuild-[0-9.]*\) .*/\1/p')
		(cd "$CACHE/debs" && apt-get download "$common=$ver" "$kbuild=$ver") 2>&1 | grep -v unsandboxed >&2 || true
		rm -rf "$h.tmp"; mkdir -p "$h.tmp"
		for p in "$hdr" "$common" "$kbuild"; do
			ls "$CACHE/debs/${p}_${ver}_"*.deb >/dev/null 2>&1 || { echo "vm: download of $p=$ver failed" >&2; exit 2; }
			dpkg -x "$CACHE/debs/${p}_${ver}_"*.deb "$h.tmp"
		done
		# Its Makefile includes the common tree by absolute path (/usr/src).
		sed -i "s|/usr/src/|$h/usr/src/|" "$h.tmp/usr/src/$hdr/Makefile"
		mv "$h.tmp" "$h"
	fi
	rm -rf "$b"; mkdir -p "$b"; cp "$VM"/dcbsim/* "$b/"
	make -s -C "$h/usr/src/$hdr" M="$b" modules 2>&1 | grep -v 'Skipping BTF generation' >&2 || true
	[ -s "$b/dcbsim.ko" ] || { echo "vm: building tests/vm/dcbsim failed" >&2; exit 2; }
	mkdir -p "$dir"; cp "$b/dcbsim.ko" "$dir/"; rm -rf "$b"
}
if [ ! -s "$BASE" ] || [ ! -s "$CACHE/kernel-$KEY.path" ]; then build_base; fi
flock -u 9
[ "$BUILD_ONLY" = 1 ] && { echo "$BASE"; exit 0; }

# ------------------------------------------------------------ per-run payload
# The binaries under test and the host libraries they link (the host runs the
# same Debian release as the guest's .debs), the guest library, the scenarios.
for b in fcoemond fcoemond-monitor; do
	[ -x "$BUILD/$b" ] || { echo "vm: $BUILD/$b not built (make all)" >&2; exit 2; }
done
RUN=$(mktemp -d); trap 'rm -rf "$RUN"' EXIT
P=$RUN/p
mkdir -p "$P/guest" "$P/usr/sbin" "$P/usr/libexec/fcoemond"
cp "$BUILD/fcoemond" "$P/usr/sbin/"
cp "$BUILD/fcoemond-monitor" "$P/usr/libexec/fcoemond/"
[ ! -x "$BUILD/fcoectl" ] || cp "$BUILD/fcoectl" "$P/usr/sbin/"
for b in "$P"/usr/sbin/* "$P"/usr/libexec/fcoemond/*; do ldd "$b"; done |
	awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u |
	while read -r l; do mkdir -p "$P$(dirname "$l")"; cp -L "$l" "$P$l"; done
cp "$VM"/guest/lib.sh "$VM"/guest/dcbx.sh "$VM"/guest/s-*.sh "$P/guest/"
# Unpacked after the base, so it replaces Debian's lldpad (same release:
# the same libraries).
if [ -n "${FCOEMOND_VM_LLDPAD:-}" ]; then
	[ -x "$FCOEMOND_VM_LLDPAD" ] || { echo "vm: FCOEMOND_VM_LLDPAD: $FCOEMOND_VM_LLDPAD is no executable" >&2; exit 2; }
	cp "$FCOEMOND_VM_LLDPAD" "$P/usr/sbin/lldpad"
fi
# shellcheck disable=SC2086
[ -z "$EXTRA" ] || cp $EXTRA "$P/guest/"
if [ -n "$SCRIPT" ]; then
	cp "$SCRIPT" "$P/guest/run"
elif [ "$INTERACTIVE" = 0 ]; then
	cp "$VM/guest/suite.sh" "$P/guest/run"
	echo "$SCENARIOS" > "$P/guest/scenarios"
fi
cp "$BASE" "$RUN/initrd"
(cd "$P" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >> "$RUN/initrd"

# ------------------------------------------------------------ qemu
if [ "$ACCEL" = auto ]; then
	# A /dev/kvm without vmx/svm (this CI's kvm_pvm) cannot run a stock kernel.
	if [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo; then ACCEL=kvm; else ACCEL=tcg; fi
fi
if [ "$ACCEL" = kvm ]; then Q=(-accel kvm -cpu host -smp 2); else Q=(-accel tcg -smp 1); fi
[ -n "$TIMEOUT" ] || { if [ "$INTERACTIVE" = 1 ]; then TIMEOUT=0; else TIMEOUT=400; fi; }
# Two NICs on one hub: eth0 and eth1 see each other's frames, nothing else.
for i in 0 1; do
	Q+=(-netdev "hubport,id=n$i,hubid=0" -device "virtio-net-pci,netdev=n$i,mac=52:54:00:fc:00:0$((i + 1))")
done
LOG=${LOG:-$RUN/console.log}
SERIAL=stdio STDIN=/dev/null
[ "$INTERACTIVE" = 1 ] && SERIAL=mon:stdio STDIN=/dev/stdin
echo "vm: booting $KPKG ($ACCEL), scenarios: ${SCRIPT:-$SCENARIOS}" >&2
set +e
timeout --foreground -k 5 "$TIMEOUT" qemu-system-x86_64 -nodefaults -no-user-config -display none \
	-no-reboot -m 512M "${Q[@]}" -serial "$SERIAL" -kernel "$(cat "$CACHE/kernel-$KEY.path")" \
	-initrd "$RUN/initrd" -append "console=ttyS0 panic=-1 rdinit=/init quiet" < "$STDIN" \
	2> >(grep -v 'is not connected to host network' >&2) | tr -d '\r' | tee "$LOG"
QRC=${PIPESTATUS[0]}
set -e
GRC=$(sed -n 's/^@@VM-EXIT=\([0-9]*\)@@$/\1/p' "$LOG" | tail -1)
# The failures again, last, where make check's log tail shows them.
if [ -z "$SCRIPT" ] && [ "$INTERACTIVE" = 0 ]; then
	echo "vm: $(grep -c '^PASS: ' "$LOG") passed, $(grep -c '^FAIL: ' "$LOG") failed, $(grep -c '^XFAIL: ' "$LOG") expected failures${GRC:+, guest exit $GRC}"
	grep '^FAIL: ' "$LOG" | sed 's/^FAIL: /vm: failed: /' || true
fi
[ -z "$GRC" ] || exit "$GRC"
if [ "$QRC" = 124 ] || [ "$QRC" = 137 ]; then echo "vm: TIMEOUT after ${TIMEOUT}s" >&2; exit 124; fi
[ "$INTERACTIVE" = 1 ] && exit 0
echo "FAIL: vm: the guest ended without an exit status (qemu rc=$QRC)"; exit 125
