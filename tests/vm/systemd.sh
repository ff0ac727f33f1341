#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/systemd.sh - `make vm-systemd`: fcoemond as a distribution runs it.
# Boots Debian's kernel (the VM suite's, tests/vm/run.sh) under qemu with a
# Debian root file system made by debootstrap (tests/vm/sd/mkroot.sh, cached
# beside the kernel) and Debian's systemd as PID 1, installs fcoemond into it
# with `make install PREFIX=/usr DESTDIR=...`, and runs the checks of
# tests/vm/sd/ in two boots:
#   service  systemd-sysusers, enable --now, the sandbox read from /proc,
#            the journal's audit records, reload/restart/stop, socket
#            activation by fcoeadm, no cfg file, no fcoe module (loaded
#            later), an instance made before the start (boot from SAN) and
#            a second fcoemond, /usr/etc/fcoe/config, a monitor that
#            cannot run; poweroff
#   fstab    fcoemond enabled at boot, two ext4 LUNs over VN2VN (LIO tcm_fc
#            target on eth1) mounted from /etc/fstab, a unit ordered after
#            fcoemond.service (readiness), the shutdown order and the
#            logout at shutdown; reboot
#
#   tests/vm/systemd.sh [service|fstab]...   (default: both)
# Options: -T force TCG, -t SECS timeout per boot, -L DIR keep the console
# logs there, -b build the cache only.  SD_CHECKS="sysusers enable" runs just
# those checks of the service boot (tests/vm/sd/s-*.sh).  Prints PASS:/FAIL:/XFAIL: lines;
# XFAIL ("needs: <feature>") is a check of a daemon feature not there yet:
# neither a pass nor a failure.  Exit status 0 when no check failed and every
# boot powered off on its own within the timeout.
set -euo pipefail
VM=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$VM/../.." && pwd)
CACHE=${FCOEMOND_VM_CACHE:-$ROOT/build/vm-cache}
TIMEOUT=420 ACCEL=auto LOGDIR='' BUILD_ONLY=0
usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while getopts "Tt:L:bh" o; do case $o in
	T) ACCEL=tcg ;; t) TIMEOUT=$OPTARG ;; L) LOGDIR=$OPTARG ;; b) BUILD_ONLY=1 ;; *) usage ;; esac; done
shift $((OPTIND - 1))
BOOTS=${*:-service fstab}
for b in $BOOTS; do [ -r "$VM/sd/boot-$b.sh" ] || { echo "sd: no boot '$b'" >&2; exit 2; }; done
for t in debootstrap qemu-system-x86_64 cpio gcc sha1sum timeout flock systemctl; do
	command -v "$t" >/dev/null || { echo "sd: missing host tool '$t' (sh tests/deps.sh)" >&2; exit 2; }
done

# ------------------------------------------------------------ cached image
t0=$(date +%s)
# The suite's kernel and its modules (run.sh builds them with its own image).
if [ ! -s "$CACHE/kpkg" ] || [ ! -d "$CACHE/$(cat "$CACHE/kpkg")" ]; then bash "$VM/run.sh" -b >/dev/null; fi
KPKG=$(cat "$CACHE/kpkg")
KDIR=$CACHE/$KPKG
KEY=$(cat "$VM/sd/mkroot.sh" <(echo "$KPKG") | sha1sum | cut -c1-12)
IMG=$CACHE/sd-root-$KEY.cpio
exec 9> "$CACHE/.sd-lock"; flock 9
if [ ! -s "$IMG" ]; then
	echo "sd: building $IMG" >&2
	bash "$VM/sd/mkroot.sh" "$KDIR" "$IMG"
	find "$CACHE" -maxdepth 1 -name 'sd-root-*' ! -name "sd-root-$KEY*" -exec rm -rf {} +
fi
# The kernel as an uncompressed vmlinux for qemu's PVH entry, as run.sh does
# (the xz decompressor is slow under TCG); kept under its own name so that
# run.sh's cache clean-up never takes it.
KERNEL=$CACHE/sd-vmlinux-$KPKG
if [ ! -s "$KERNEL" ]; then
	f=$(ls "$KDIR"/boot/vmlinuz-*)
	off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$f" | head -1 | cut -d: -f1)
	{ tail -c +$((off + 1)) "$f" | xz -dc > "$KERNEL.tmp" 2>/dev/null; } || true
	if head -c4 "$KERNEL.tmp" | grep -q ELF; then mv "$KERNEL.tmp" "$KERNEL"; else rm -f "$KERNEL.tmp"; KERNEL=$f; fi
fi
flock -u 9
echo "sd: image $(du -m "$IMG" | cut -f1) MB, ready after $(($(date +%s) - t0)) s" >&2
[ "$BUILD_ONLY" = 1 ] && exit 0

# ------------------------------------------------------------ install
# fcoemond as a package installs it: its own build with PREFIX=/usr (a
# separate tree, so the developer's build/ keeps its prefix), installed over
# the image's /etc/fcoe so that `make install` keeps Debian's config as it
# would on the real root.
RUN=$(mktemp -d); trap 'rm -rf "$RUN"' EXIT
SDBUILD=$ROOT/build/vm-systemd
make -s -C "$ROOT" -j2 BUILD="$SDBUILD" PREFIX=/usr all >/dev/null
stage() {	# stage BOOT: the payload of one boot in $RUN/BOOT
	local p=$RUN/$1 f
	mkdir -p "$p/etc" "$p/usr/local/bin" "$p/fcoelab"
	cp -a "$IMG.etc/fcoe" "$p/etc/fcoe"
	make -s -C "$ROOT" BUILD="$SDBUILD" PREFIX=/usr DESTDIR="$p" install >/dev/null
	for f in "$p"/usr/sbin/fcoemond "$p"/usr/libexec/fcoemond/fcoemond-monitor "$p"/usr/bin/fcoectl; do
		ldd "$f" | awk '$2 == "=>" { print $1 }' | while read -r l; do
			grep -qx "$l" "$IMG.etc/libs" || { echo "sd: ${f#"$p"} needs $l, not in the image: add its package to PKGS in tests/vm/sd/mkroot.sh" >&2; exit 2; }
		done || exit 2
	done
	for f in "$VM"/tools/*.c; do
		gcc -std=gnu11 -static -O2 -Wall -Wextra -Werror -o "$p/usr/local/bin/$(basename "$f" .c)" "$f"
	done
	cp "$VM/guest/lib.sh" "$p/fcoelab/vmlib.sh"
	cp "$VM"/sd/lib.sh "$VM"/sd/s-*.sh "$VM"/sd/target.sh "$VM"/sd/witness.sh "$VM"/sd/needs-lun.sh "$p/fcoelab/"
	mkdir -p "$p/etc/systemd/system/multi-user.target.wants"
	cp "$VM"/sd/units/* "$p/etc/systemd/system/"
	ln -s ../fcoelab-run.service "$p/etc/systemd/system/multi-user.target.wants/"
	cp "$VM/sd/boot-$1.sh" "$p/fcoelab/run"
	[ -z "${SD_CHECKS:-}" ] || echo "$SD_CHECKS" > "$p/fcoelab/checks"
	# What the boot needs beyond that (fstab, enabled units).
	STAGE=$p IMGETC=$IMG.etc bash "$VM/sd/boot-$1.sh" --stage > "$RUN/expect-$1"
	# Older than the image's /etc/.updated: no update units at boot.
	find "$p" -type d -exec touch -h -d @1 {} +
	cp "$IMG" "$RUN/initrd-$1"
	(cd "$p" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >> "$RUN/initrd-$1"
}

# ------------------------------------------------------------ boot
if [ "$ACCEL" = auto ]; then
	if [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo; then ACCEL=kvm; else ACCEL=tcg; fi
fi
if [ "$ACCEL" = kvm ]; then Q=(-accel kvm -cpu host -smp 2); else Q=(-accel tcg -smp 1); fi
# Three NICs on one hub: eth0, eth1, eth2 see each other's frames.
for i in 0 1 2; do
	Q+=(-netdev "hubport,id=n$i,hubid=0" -device "virtio-net-pci,netdev=n$i,mac=52:54:00:fc:00:0$((i + 1))")
done
[ -z "$LOGDIR" ] || mkdir -p "$LOGDIR"
for b in $BOOTS; do
	stage "$b"
	log=${LOGDIR:-$RUN}/sd-$b.console.log
	echo "sd: boot '$b' ($KPKG, $ACCEL, $(du -m "$RUN/initrd-$b" | cut -f1) MB initramfs)" >&2
	tb=$(date +%s)
	set +e
	timeout --foreground -k 5 "$TIMEOUT" qemu-system-x86_64 -nodefaults -no-user-config -display none \
		-no-reboot -m 1536M "${Q[@]}" -serial stdio -kernel "$KERNEL" -initrd "$RUN/initrd-$b" \
		-append "console=ttyS0 panic=-1 rdinit=/init net.ifnames=0 quiet systemd.show_status=error" < /dev/null \
		2> >(grep -v 'is not connected to host network' >&2) | tr -d '\r' | tee "$log"
	qrc=${PIPESTATUS[0]}
	set -e
	te=$(date +%s)
	echo "sd: boot '$b': qemu exited $qrc after $((te - tb)) s"
	# The guest's verdict, and the shutdown it ends with: bounded.
	if ! grep -q '^@@SD-EXIT=' "$log"; then
		echo "FAIL: $b: the guest's checks did not finish (qemu rc=$qrc)"
	elif [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
		echo "FAIL: $b: shutdown did not finish within the ${TIMEOUT} s of the boot (qemu killed)"
	else
		echo "PASS: $b: the guest shut down on its own (qemu exit $qrc, $((te - tb)) s for the boot)"
	fi
	# Markers the boot's --stage announced (the shutdown witness, say).
	while read -r m; do
		grep -q "^$m" "$log" && echo "PASS: $b: the console has $m" || echo "FAIL: $b: no $m on the console"
	done < "$RUN/expect-$b"
	# How long the shutdown took, in the guest's uptime: from the checks'
	# marker to the kernel's last line.  A stop job that hangs is cut by
	# systemd after 90 s (DefaultTimeoutStopSec=) and would pass unseen.
	t1=$(sed -n 's/^@@SD-EXIT=[0-9]* uptime=\([0-9.]*\)s@@$/\1/p' "$log" | tail -1)
	t2=$(sed -n 's/^\[ *\([0-9.]*\)\] reboot: .*/\1/p' "$log" | tail -1)
	if [ -n "$t1" ] && [ -n "$t2" ]; then
		d=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", b - a }')
		if awk -v d="$d" 'BEGIN { exit !(d <= 30) }'; then
			echo "PASS: $b: the shutdown took $d s (at most 30)"
		else
			echo "FAIL: $b: the shutdown took $d s (more than 30: a stop job waited)"
		fi
	else
		echo "FAIL: $b: no shutdown timing on the console (exit at '$t1', reboot at '$t2')"
	fi
done 2>&1 | tee "$RUN/summary"
# A boot that never ran (its staging failed) is a failure, not silence.
for b in $BOOTS; do
	grep -q "^sd: boot '$b': qemu exited" "$RUN/summary" || echo "FAIL: $b: not booted (see above)" | tee -a "$RUN/summary"
done
p=$(grep -c '^PASS: ' "$RUN/summary" || true)
f=$(grep -c '^FAIL: ' "$RUN/summary" || true)
x=$(grep -c '^XFAIL: ' "$RUN/summary" || true)
echo "vm-systemd: $p passed, $f failed, $x need daemon features not there yet"
grep '^FAIL: ' "$RUN/summary" | sed 's/^FAIL: /vm-systemd: failed: /' || true
grep '^XFAIL: ' "$RUN/summary" | sed 's/^XFAIL: /vm-systemd: xfail: /' || true
[ "$f" = 0 ]
