#!/bin/bash
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/sd/mkroot.sh KDIR OUT - run on the host by tests/vm/systemd.sh when
# the cached image is missing or this recipe changed (its hash names OUT):
# the systemd guest's root file system, a Debian root made by debootstrap
# from the host's own release and mirror (as a distribution installs it:
# Debian's systemd, udev, dbus, journald, lldpad and fcoe-utils with their
# postinst defaults), plus the modules of the VM kernel in KDIR that FCoE,
# the LIO target and the LUN's file system need, packed as an uncompressed
# initramfs OUT booted with rdinit=/sbin/init.  fcoemond is not in it: each
# run installs it (tests/vm/systemd.sh).
set -euo pipefail
KDIR=$1 OUT=$2
DEBS=${FCOEMOND_VM_DEBS:-$(dirname "$OUT")/sd-debs}	# debootstrap's .deb cache
PKGS=systemd,systemd-sysv,udev,dbus,kmod,iproute2,lldpad,fcoe-utils,e2fsprogs,procps
# what fcoemond links (ldd of the three binaries)
PKGS=$PKGS,libcap-ng0,libevent-core-2.1-7,libnl-3-200,libnl-route-3-200,libseccomp2
# virtio NICs, the FCoE initiator, VLANs, the LIO target with a file backstore
# (the LUN's data survives nothing but is made fresh each boot), the SCSI
# disk and ext4 for the LUN's file system, autofs4 for systemd's automounts.
MODULES="virtio_pci virtio_net 8021q fcoe tcm_fc target_core_file sd_mod ext4 autofs4"

. /etc/os-release
MIRROR=$(apt-cache policy | awk -v s="$VERSION_CODENAME/main" '$3 == s && $4 == "amd64" { print $2; exit }')
[ -n "$MIRROR" ] || { echo "sd: no $VERSION_CODENAME/main mirror in the host's apt sources" >&2; exit 2; }
r=$OUT.d
rm -rf "$r"; mkdir -p "$DEBS"
echo "sd: debootstrap --variant=minbase $VERSION_CODENAME from $MIRROR" >&2
debootstrap --variant=minbase --include="$PKGS" --cache-dir="$DEBS" \
	"$VERSION_CODENAME" "$r" "$MIRROR" > "$OUT.debootstrap.log" 2>&1 ||
	{ tail -20 "$OUT.debootstrap.log" >&2; exit 1; }

# Nothing the guest reads: package caches and lists, docs, locales.
rm -rf "$r"/var/cache/apt/* "$r"/var/lib/apt/lists/* "$r"/var/cache/debconf/*-old \
	"$r"/usr/share/{doc,man,info,locale,lintian,bash-completion,zsh}
mkdir -p "$r"/usr/share/man	# man-db's postinst paths stay valid

kver=$(ls "$KDIR/lib/modules")
for p in $MODULES; do modprobe -d "$KDIR" -S "$kver" --show-depends "$p"; done |
	awk '$1 == "insmod" { print $2 }' | sort -u | while read -r f; do
		d=$r/usr/${f#"$KDIR"/}; mkdir -p "$(dirname "$d")"; cp "$f" "$d"; done
cp "$KDIR/lib/modules/$kver"/modules.{order,builtin,builtin.modinfo} "$r/usr/lib/modules/$kver/"
depmod -b "$r/usr" "$kver"

echo fcoe-sd > "$r/etc/hostname"
: > "$r/etc/machine-id"		# a new one each boot: no first-boot units
# The guest has a serial console only and no login: no gettys; nothing of
# the package timers runs in a boot that lasts a minute.
systemctl --root="$r" mask -q getty@.service serial-getty@.service apt-daily.timer \
	apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer fstrim.timer e2scrub_reap.service
# journald to RAM only (the guest has no disk); its rate limit off so that a
# burst of audit records is not cut.
mkdir -p "$r/etc/systemd/journald.conf.d"
printf '[Journal]\nStorage=volatile\nRateLimitBurst=0\n' > "$r/etc/systemd/journald.conf.d/fcoelab.conf"
# /etc and /var up to date: no ldconfig, hwdb or catalog rebuild at each boot
# (the payload's directories carry an older mtime, tests/vm/systemd.sh).
touch "$r/etc/.updated" "$r/var/.updated"
# What the runner's staged install must see of the image's /etc: make
# install keeps an existing /etc/fcoe/config, and systemd-sysusers --root
# (the fstab boot's postinst) adds to the image's users.
rm -rf "$OUT.etc"; mkdir -p "$OUT.etc"
cp -a "$r/etc/fcoe" "$r/etc/passwd" "$r/etc/group" "$r/etc/shadow" "$r/etc/gshadow" "$OUT.etc/"
# The shared libraries the image has, so that the runner can say which one
# fcoemond needs and the image lacks (a new dependency), instead of a
# service that exits 127.
(cd "$r" && find usr/lib lib* -name 'lib*.so*' -printf '%f\n' 2>/dev/null) | sort -u > "$OUT.etc/libs"

# The kernel unpacks the initramfs into rootfs, which can never be pivoted
# or moved away from, and systemd builds a unit's mount namespace by moving
# mounts (MS_MOVE).  A real system runs from a real root, so /init does what
# an initramfs does: the root onto a tmpfs, then switch_root (which frees
# rootfs as it goes).  About a second of boot under TCG.
cat > "$r/init" <<'INIT'
#!/bin/sh
mkdir -p /sysroot && mount -t tmpfs -o mode=0755 root /sysroot &&
	cp -ax /. /sysroot/ && exec switch_root /sysroot /sbin/init
echo "/init: could not move the root to a tmpfs" >&2
INIT
chmod 755 "$r/init"

(cd "$r" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > "$OUT.tmp"
rm -rf "$r"
mv "$OUT.tmp" "$OUT"
