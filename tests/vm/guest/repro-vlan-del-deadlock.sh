# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/guest/repro-vlan-del-deadlock.sh - run by hand:
#   tests/vm/run.sh -t 60 -x tests/vm/guest/repro-vlan-del-deadlock.sh
# The kernel deadlock the "vlan" scenario hits, without any daemon: a write
# to ctlr_N/enabled racing `ip link del` of the instance's netdev leaves
# `ip` blocked in fcoe_device_notification (holding rtnl) and the writer in
# fcoe_enable/fcoe_disable, for good (Debian 6.1.0-56).  Exit 1 = reproduced.
# Toggling /sys/module/libfcoe/parameters/{enable,disable} instead does the
# same (writer in fcoe_transport_enable): the kernel interface is no way out.
modprobe -a 8021q fcoe
ip link set eth0 up
ip link add link eth0 name eth0.100 type vlan id 100; ip link set eth0.100 up; sleep 1
echo eth0.100 > /sys/bus/fcoe/ctlr_create
C=$(ls -d /sys/bus/fcoe/devices/ctlr_*); echo 1 > "$C/enabled"; sleep 1
# Toggle: a write of the value already there returns before fcoe_{en,dis}able.
(while [ -e "$C/enabled" ]; do echo 1 > "$C/enabled"; echo 0 > "$C/enabled"; done) 2>/dev/null & W=$!
usleep 20000
ip link del eth0.100 & IPP=$!
sleep 5
if [ -d /proc/$IPP ]; then
	echo "REPRODUCED: ip link del eth0.100 still blocked after 5 s"
	echo "--- ip ($IPP):"; cat /proc/$IPP/stack
	for p in $(ls /proc | grep '^[0-9]*$'); do
		grep -q 'store_ctlr_enabled' /proc/$p/stack 2>/dev/null && { echo "--- writer ($p):"; cat /proc/$p/stack; }
	done
	exit 1
fi
echo "not reproduced this time (a race): the VLAN went"
kill $W 2>/dev/null
