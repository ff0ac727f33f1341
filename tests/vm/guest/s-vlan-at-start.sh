# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "vlan-at-start" (tests/vm/run.sh): the common boot order: eth0 up
# and eth0.100 already there when fcoemond starts, only cfg-eth0.100
# configured (not eth0).  Bringing the VLAN up must create the instance.
. /guest/lib.sh
ip link set eth0 up
ip link add link eth0 name eth0.100 type vlan id 100
usleep 1500000	# eth0 settled: no more events from it after the daemon starts
cfg eth0.100 fabric no
fcoemond_start || finish
timed "VLAN link up -> enabled instance" -u eth0.100 enabled 10 || {
	grep 'eth0.100' $DLOG | tail -3 | sed 's/^/  /'
	kill -USR1 $DPID; usleep 500000; grep 'status:' $DLOG | sed 's/^/  /'
}
finish
