# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/guest/lib.sh - sourced inside the VM by every scenario, the demo
# and the side-by-side comparison: PASS/FAIL checks (counted by make check),
# and starting/stopping the daemon under test or Debian's fcoemon, with a
# log whose lines carry the guest's uptime so timings can be read back.
SCEN=${SCEN:-vm}
FAILS=0
DLOG=/tmp/daemon.log		# stderr of the daemon, each line "[uptime] ..."
SYSLOG=/var/log/messages	# busybox syslogd: audit (authpriv) and monitor lines
MON=/usr/libexec/fcoemond/fcoemond-monitor
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

ok() { echo "PASS: $SCEN: $*"; }
bad() { echo "FAIL: $SCEN: $*"; FAILS=$((FAILS + 1)); }
note() { echo "  $SCEN: $*"; }
check() { _d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$_d"; else bad "$_d"; fi; }
# waitfor DESC 'SHELL-CONDITION' SECS: PASS once it holds, FAIL after SECS
waitfor() {
	_i=0
	while ! eval "$2"; do
		_i=$((_i + 1))
		[ $_i -gt $(($3 * 20)) ] && { bad "$1 (not within $3 s)"; return 1; }
		usleep 50000
	done
	ok "$1"
}
# timed DESC fcwait-ARGS...: PASS with fcwait's millisecond line
timed() {
	_d=$1; shift
	if _out=$(fcwait "$@"); then ok "$_d: $_out"; else bad "$_d: $_out"; return 1; fi
}
up() { read -r _up _ < /proc/uptime; echo "$_up"; }
ctlr_of() {	# sysfs dir of the FCoE ctlr over netdev $1, or nothing
	for _c in /sys/bus/fcoe/devices/ctlr_*; do
		[ -e "$_c" ] && [ "$(basename "$(dirname "$(readlink -f "$_c")")")" = "$1" ] && echo "$_c"
	done
	return 0
}
fchost_of() { _c=$(ctlr_of "$1"); [ -n "$_c" ] && for _h in "$_c"/host*; do echo "/sys/class/fc_host/${_h##*/}"; done; }
# The syslog lines written since mark (a line count taken with mark_log).
mark_log() { wc -l < $SYSLOG; }
log_since() { tail -n +$(($1 + 1)) $SYSLOG; }
audit_since() { log_since "$1" | grep 'authpriv\.[a-z]* fcoemond\[[0-9]*\]: AUDIT v=2 '; }

cfg() {	# cfg IFACE MODE DCB_REQUIRED: one /etc/fcoe/cfg-IFACE as users write it
	mkdir -p /etc/fcoe
	printf 'FCOE_ENABLE="yes"\nDCB_REQUIRED="%s"\nAUTO_VLAN="no"\nMODE="%s"\n' "$3" "$2" > "/etc/fcoe/cfg-$1"
}

# cfg_auto IFACE MODE: an entry that asks for FIP VLAN discovery, as
# fcoe-utils' template and dracut write it (AUTO_VLAN="yes").
cfg_auto() {
	mkdir -p /etc/fcoe
	printf 'FCOE_ENABLE="yes"\nDCB_REQUIRED="no"\nAUTO_VLAN="yes"\nMODE="%s"\n' "$2" > "/etc/fcoe/cfg-$1"
}
# cfg_resp IFACE: FIP_RESP="yes" on a real interface with no FCoE of its
# own (the VN2VN entries on its VLANs are what it announces).
cfg_resp() {
	mkdir -p /etc/fcoe
	printf 'FCOE_ENABLE="no"\nDCB_REQUIRED="no"\nAUTO_VLAN="no"\nMODE="vn2vn"\nFIP_RESP="yes"\n' > "/etc/fcoe/cfg-$1"
}

stamp() { while IFS= read -r _l; do read -r _up _ < /proc/uptime; echo "[$_up] $_l"; done; }

# fcoemond_start [ACTUATOR-OPTIONS...]: runs the pair in the foreground (as
# the service unit does), waits until the monitor's sandbox is in force.
# Its cfg files: $FCOEMOND_CFG, default /etc/fcoe.
fcoemond_start() {
	rm -f /tmp/daemon.fifo; mkfifo /tmp/daemon.fifo
	stamp < /tmp/daemon.fifo >> $DLOG &
	fcoemond -f -d --user _fcoemon --monitor $MON "$@" -- -c "${FCOEMOND_CFG:-/etc/fcoe}" -d \
		> /tmp/daemon.fifo 2>&1 &
	DPID=$!
	echo $DPID > /run/daemon.pid
	_i=0
	until grep -q 'fcoemond-monitor: sandbox: ' $DLOG 2>/dev/null; do
		_i=$((_i + 1))
		if [ $_i -gt 200 ] || ! kill -0 $DPID 2>/dev/null; then
			bad "fcoemond did not start (pid $DPID)"; tail -20 $DLOG; return 1
		fi
		usleep 50000
	done
	MPID=$(grep -o 'event=start .* pid=[0-9]*' $DLOG | tail -1 | sed 's/.*pid=//')
}
# daemon_stop: SIGTERM and wait; its exit status in DRC
daemon_stop() {
	[ -n "${DPID:-}" ] || return 0
	kill -TERM "$DPID" 2>/dev/null; wait "$DPID"; DRC=$?
	DPID=; rm -f /run/daemon.pid
}
# fcoemon_start: Debian's fcoemon on the same /etc/fcoe, logging to stderr
fcoemon_start() {
	printf 'DEBUG="yes"\nUSE_SYSLOG="no"\n' > /etc/fcoe/config
	rm -f /tmp/daemon.fifo; mkfifo /tmp/daemon.fifo
	stamp < /tmp/daemon.fifo >> $DLOG &
	fcoemon --foreground --syslog=yes --debug=yes > /tmp/daemon.fifo 2>&1 &
	DPID=$!
	echo $DPID > /run/daemon.pid
	usleep 500000
}

# Back to a clean guest: no daemon, no instances, no VLANs, no cfg, no lldpad.
reset_guest() {
	[ -s /run/daemon.pid ] && { kill -TERM "$(cat /run/daemon.pid)" 2>/dev/null; usleep 300000; }
	[ -s /run/peer.pid ] && { kill -TERM "$(cat /run/peer.pid)" 2>/dev/null; usleep 300000; }
	# A namespace a scenario moved eth1 into: its end gives eth1 back.
	[ -s /run/peer-ns.pid ] && { kill "$(cat /run/peer-ns.pid)" 2>/dev/null; usleep 500000; rm -f /run/peer-ns.pid; }
	rm -f /run/daemon.pid /run/peer.pid
	for _c in /sys/bus/fcoe/devices/ctlr_*; do
		[ -e "$_c" ] && echo "$(basename "$(dirname "$(readlink -f "$_c")")")" > /sys/bus/fcoe/ctlr_destroy 2>/dev/null
	done
	for _v in /sys/class/net/*.*; do [ -e "$_v" ] && ip link del "${_v##*/}"; done
	lldptool -p >/dev/null 2>&1 && lldpad -k 2>/dev/null
	rm -rf /etc/fcoe /etc/fcoe-eth0; mkdir -p /etc/fcoe
	ip link set eth0 down; ip link set eth1 down
	: > $DLOG
	_i=0; while [ -n "$(ls /sys/bus/fcoe/devices 2>/dev/null)" ] && [ $_i -lt 40 ]; do usleep 50000; _i=$((_i + 1)); done
}

# LIO tcm_fc target on eth1 (VN2VN), one 32 MiB ramdisk LUN for the
# initiator on eth0.  Idempotent: the demo and the comparison call it twice.
# target_setup NETDEV: on that netdev of eth1 instead (a VLAN: see vlan_target).
target_setup() {
	_n=${1:-eth1}
	grep -q " configfs " /proc/mounts || mount -t configfs configfs /sys/kernel/config
	ip link set eth1 up
	[ -n "$(ctlr_of $_n)" ] || echo $_n > /sys/bus/fcoe/ctlr_create
	_t=$(ctlr_of $_n); echo vn2vn > "$_t/mode"
	_tw=$(sed 's/^0x//; s/\(..\)/\1:/g; s/:$//' "$(fchost_of $_n)/port_name")
	_iw=20:00:$(cat /sys/class/net/eth0/address)	# fcoe's WWPN: 0x2000 + MAC
	_k=/sys/kernel/config/target
	mkdir -p $_k/core/rd_mcp_0/ramdisk0
	if [ "$(cat $_k/core/rd_mcp_0/ramdisk0/enable)" != 1 ]; then
		echo rd_pages=8192 > $_k/core/rd_mcp_0/ramdisk0/control
		echo 1 > $_k/core/rd_mcp_0/ramdisk0/enable
	fi
	mkdir -p $_k/fc/$_tw/tpgt_1/lun/lun_0 $_k/fc/$_tw/tpgt_1/acls/$_iw/lun_0
	[ -e $_k/fc/$_tw/tpgt_1/lun/lun_0/ramdisk0 ] || ln -s $_k/core/rd_mcp_0/ramdisk0 $_k/fc/$_tw/tpgt_1/lun/lun_0/ramdisk0
	[ -e $_k/fc/$_tw/tpgt_1/acls/$_iw/lun_0/map ] || ln -s $_k/fc/$_tw/tpgt_1/lun/lun_0 $_k/fc/$_tw/tpgt_1/acls/$_iw/lun_0/map
	echo 1 > "$_t/enabled"
}
# vlan_up REAL VID: the plain VLAN REAL.VID (the fabric's side), up, no IPv6
vlan_up() {
	[ -e /sys/class/net/$1.$2 ] || ip link add link $1 name $1.$2 type vlan id $2
	echo 1 > /proc/sys/net/ipv6/conf/$1.$2/disable_ipv6
	ip link set $1 up; ip link set $1.$2 up
}
# vlan_target VID: the FCoE VLAN a fabric would announce, in VN2VN: the LIO
# target on eth1.VID, its instance answering FIP VLAN requests on eth1 with
# VID (the kernel's responder, fip_vlan_responder: doc/fip.md "Responder").
vlan_target() {
	vlan_up eth1 $1
	target_setup eth1.$1
	echo 1 > "$(ctlr_of eth1.$1)/fip_vlan_responder"
}
# vn2vn_responder REAL VID: a bare VN2VN instance on REAL.VID that answers
# VLAN requests with VID (no target behind it).
vn2vn_responder() {
	vlan_up $1 $2
	[ -n "$(ctlr_of $1.$2)" ] || echo $1.$2 > /sys/bus/fcoe/ctlr_create
	_t=$(ctlr_of $1.$2); echo vn2vn > "$_t/mode"
	echo 1 > "$_t/fip_vlan_responder"; echo 1 > "$_t/enabled"
}
# vlan_of REAL VID: the names of the VLAN devices over REAL with VID
vlan_of() { awk -F' *\\| *' -v r="$1" -v v="$2" '$2 == v && $3 == r { print $1 }' /proc/net/vlan/config 2>/dev/null; }
# audit_ops MARK: "op=... result=..." of the audit's end records since MARK
audit_ops() { audit_since "$1" | grep 'phase=end' | sed 's/.* phase=end //; s/ dur_us=.*//'; }
disk() { ls /sys/block | grep '^sd' | head -1; }
# disk_on NETDEV: the first SCSI disk behind the fc_host of NETDEV's instance
disk_on() {
	_h=$(fchost_of "$1"); [ -n "$_h" ] || return 0
	for _d in /sys/block/sd*; do
		[ -e "$_d" ] && readlink -f "$_d" | grep -q "/${_h##*/}/" && echo "${_d##*/}"
	done | head -1
}
# lun_rw DISK: 1 MiB of random data written to it and read back past the
# page cache; 0 if identical.
lun_rw() {
	[ -e /dev/$1 ] || mknod /dev/$1 b $(tr ':' ' ' < /sys/block/$1/dev)
	dd if=/dev/urandom of=/tmp/pattern bs=64k count=16 2>/dev/null
	dd if=/tmp/pattern of=/dev/$1 bs=64k conv=fsync 2>/dev/null
	blockdev --flushbufs /dev/$1; echo 3 > /proc/sys/vm/drop_caches
	dd if=/dev/$1 of=/tmp/readback bs=64k count=16 2>/dev/null
	cmp -s /tmp/pattern /tmp/readback
}
# del_vlan VLAN: `ip link del` under its FCoE instance.  0: the instance went
# (fcwait's line in GONE); 1: still there; 2: `ip` is stuck in the kernel
# (the 6.1 deadlock, repro-vlan-del-deadlock.sh): STUCK says where, and
# /run/wedged is left for the callers, since rtnl stays held for good.
del_vlan() {
	ip link del "$1" & _ipp=$!
	GONE=$(fcwait "$1" gone 10) && return 0
	[ -d /proc/$_ipp ] || return 1
	STUCK="ip link del in $(head -1 /proc/$_ipp/stack | sed 's/.*\] //; s/+.*//')"
	for _p in $(ls /proc | grep '^[0-9][0-9]*$'); do
		grep -q store_ctlr_enabled /proc/$_p/stack 2>/dev/null &&
			STUCK="$STUCK, $(cat /proc/$_p/comm) in $(head -1 /proc/$_p/stack | sed 's/.*\] //; s/+.*//')"
	done
	echo "  --- ip link del ($_ipp):"; sed 's/^/  /' /proc/$_ipp/stack
	touch /run/wedged
	return 2
}

finish() { daemon_stop; echo "$SCEN: $FAILS failure(s)"; exit $((FAILS > 0)); }
# kernel_linkup_on: the kernel's function tracer on fcoe_ctlr_link_up
# (libfcoe, exported) and fcoe_fip_send (every FIP frame the instance sends,
# its caller named), the buffer emptied; kernel_linkups: how many calls came
# from the fcoe netdev notifier (fcoe_device_notification), i.e. link-ups the
# kernel did by itself (doc/kernel.md "Link-up of an enabled instance").
KT=/sys/kernel/tracing
kernel_linkup_on() {
	grep -q " tracefs " /proc/mounts || mount -t tracefs tracefs $KT
	echo 0 > $KT/tracing_on; echo nop > $KT/current_tracer; : > $KT/trace
	printf 'fcoe_ctlr_link_up\nfcoe_fip_send\n' > $KT/set_ftrace_filter
	echo function > $KT/current_tracer; echo 1 > $KT/tracing_on
}
kernel_linkups() { grep -c 'fcoe_ctlr_link_up <-fcoe_device_notification' $KT/trace; }
kernel_linkup_off() { echo 0 > $KT/tracing_on; echo nop > $KT/current_tracer; : > $KT/set_ftrace_filter; }
# enabled_looks NETDEV CTLR N: of N looks 0.1 s apart, how many did not
# find CTLR under NETDEV, enabled
enabled_looks() {
	_lost=0 _i=0
	while [ $_i -lt $3 ]; do
		[ "$(ctlr_of $1)" = "$2" ] && grep -qx 1 "$2/enabled" || _lost=$((_lost + 1))
		usleep 100000; _i=$((_i + 1))
	done
	echo $_lost
}
# no_fcoe_since MARK DESC: PASS if the audit has no fcoe_ request since MARK
# (those it has are shown)
no_fcoe_since() {
	_a=$(audit_since "$1" | grep 'op=fcoe_' | sed 's/.*AUDIT /  audit: /')
	[ -n "$_a" ] && echo "$_a"
	check "$2" test -z "$_a"
}
