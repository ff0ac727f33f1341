# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/sd/target.sh - fcoelab-target.service in the fstab boot: links up
# (the distribution's network configuration would), and a LIO tcm_fc target
# on eth1 in VN2VN mode exporting two fresh 16 MiB ext4 file systems,
# labels FCOELUN0 and FCOELUN1, to eth0's WWPN.  The target's side is lab
# set-up; fcoemond manages only eth0 (cfg-eth0).
set -e
for i in eth0 eth1 eth2; do ip link set "$i" up; done
modprobe -a fcoe tcm_fc target_core_file
grep -q " configfs " /proc/mounts || mount -t configfs configfs /sys/kernel/config
mkdir -p /var/lib/fcoelab/files
echo "written by the lab before boot" > /var/lib/fcoelab/files/hello
for n in 0 1; do
	mkfs.ext4 -q -F -L FCOELUN$n -d /var/lib/fcoelab/files /var/lib/fcoelab/lun$n.img 16M
done
echo eth1 > /sys/bus/fcoe/ctlr_create
for c in /sys/bus/fcoe/devices/ctlr_*; do
	[ "$(basename "$(dirname "$(readlink -f "$c")")")" = eth1 ] && t=$c
done
echo vn2vn > "$t/mode"
tw=$(sed 's/^0x//; s/\(..\)/\1:/g; s/:$//' "$(echo "$t"/host*/fc_host/host*)/port_name")
iw=20:00:$(cat /sys/class/net/eth0/address)	# fcoe's WWPN: 0x2000 + MAC
k=/sys/kernel/config/target
for n in 0 1; do
	mkdir -p $k/core/fileio_$n/lun$n
	echo "fd_dev_name=/var/lib/fcoelab/lun$n.img,fd_dev_size=16777216" > $k/core/fileio_$n/lun$n/control
	echo 1 > $k/core/fileio_$n/lun$n/enable
	mkdir -p $k/fc/$tw/tpgt_1/lun/lun_$n $k/fc/$tw/tpgt_1/acls/$iw/lun_$n
	ln -s $k/core/fileio_$n/lun$n $k/fc/$tw/tpgt_1/lun/lun_$n/lun$n
	ln -s $k/fc/$tw/tpgt_1/lun/lun_$n $k/fc/$tw/tpgt_1/acls/$iw/lun_$n/map
done
echo 1 > "$t/enabled"
echo "fcoelab-target: $tw on eth1 exports LUN 0 and 1 to $iw"
