#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Installs what building and testing fcoemond need, as Debian 12 packages by
# name; does nothing when all are present.  Package services are not started.
set -e
PKGS="gcc make pkg-config libseccomp-dev libcap-ng-dev check clang-14
libclang-rt-14-dev python3 python3-pytest python3-pyroute2 lldpad iproute2
libnl-3-dev libnl-route-3-dev libevent-dev fcoe-utils
util-linux procps binutils
systemd libcap2-bin man-db groff-base
qemu-system-x86 cpio kmod xz-utils libc6-dev libelf1
debootstrap e2fsprogs"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages:$missing (run 'make deps' as root)" >&2
	exit 1
fi
echo "deps: installing$missing"
# Keep lldpad's package from starting a daemon on this host.
policy=/usr/sbin/policy-rc.d
created=
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy"
	created=1
fi
trap '[ -n "$created" ] && rm -f "$policy"' EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	$missing >/dev/null
