# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/guest/demo.sh - run inside the VM by `make demo`: fcoemond on the
# real kernel FCoE stack, step by step with timestamps, for a person to
# watch; every step is also checked, and the last line is the verdict.
. /guest/lib.sh
SCEN=demo
T0=$(up)
STEP=0 FAILED=""
step() {
	STEP=$((STEP + 1)); CUR="$*"
	echo
	echo "[+$(awk -v a="$T0" -v b="$(up)" 'BEGIN { printf "%6.2f", b - a }') s] step $STEP: $*"
}
say() { echo "           $*"; }
show() { sed 's/^/           | /'; }
miss() { bad "step $STEP ($CUR): $*"; case " $FAILED " in *" $STEP "*) ;; *) FAILED="$FAILED $STEP";; esac; }
need() { _d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$_d"; else miss "$_d"; fi; }

modprobe -a 8021q fcoe tcm_fc sd_mod
reset_guest	# also drops the cfg-ethx template the fcoe-utils package ships
step "the machine: Debian's own kernel and FCoE modules"
say "kernel $(uname -r); modules: $(lsmod | awk 'NR > 1 { print $1 }' | grep -E '^(fcoe|libfcoe|libfc|8021q|tcm_fc|scsi_transport_fc)$' | sort | tr '\n' ' ')"
say "NICs: eth0 $(cat /sys/class/net/eth0/address) (initiator), eth1 $(cat /sys/class/net/eth1/address) (LIO FCoE target), one virtual hub"

step "an FCoE target on eth1 (LIO tcm_fc, 32 MiB ramdisk), VN2VN: no FCF needed"
target_setup
say "target port $(cat "$(fchost_of eth1)/port_name") on eth1, LUN 0 mapped to initiator 20:00:$(cat /sys/class/net/eth0/address)"

step "the configuration fcoemond reads (/etc/fcoe, fcoemon's format)"
cfg eth0 vn2vn no
cfg eth0.100 fabric no
for f in /etc/fcoe/cfg-*; do say "$f:"; show < "$f"; done
ip link set eth0 down

step "fcoemond starts as root and drops privilege"
mark=$(mark_log)
fcoemond_start || miss "fcoemond did not start"
grep -e 'event=start' -e 'event=sandbox' -e 'monitor: sandbox' $DLOG | sed 's/^\[[0-9.]*\] //' | show
say "actuator pid $DPID: $(grep -E '^(Uid|CapEff|CapBnd|NoNewPrivs|Seccomp):' /proc/$DPID/status | tr -s '\t' ' ' | tr '\n' ' ')"
say "monitor  pid $MPID: $(grep -E '^(Uid|CapEff|CapBnd|NoNewPrivs|Seccomp):' /proc/$MPID/status | tr -s '\t' ' ' | tr '\n' ' ')"
need "actuator keeps CAP_NET_ADMIN and CAP_KILL only" grep -q '^CapEff:.*0000000000001020' /proc/$DPID/status
need "monitor runs as _fcoemon with no capabilities" sh -c "grep -q '^Uid:.998' /proc/$MPID/status && grep -q '^CapEff:.0000000000000000' /proc/$MPID/status"

step "the link comes up: ip link set eth0 up"
if o=$(fcwait -u eth0 enabled 10); then say "$o"; ok "instance enabled"; else say "$o"; miss "no enabled instance"; fi
grep 'eth0: ' $DLOG | grep -v 'eth0.100' | sed 's/^\[[0-9.]*\] //' | show

step "the FCoE instance and its fc_host"
C=$(ctlr_of eth0) H=$(fchost_of eth0)
if [ -n "$C" ] && [ -n "$H" ]; then
	say "$C -> $(readlink -f "$C")"
	say "  enabled=$(cat $C/enabled) mode=$(cat $C/mode)"
	for a in symbolic_name port_name node_name port_id port_state; do say "  $H/$a = $(cat $H/$a)"; done
	ok "instance and fc_host present"
else miss "no ctlr or fc_host for eth0"; fi

step "VN2VN login to the target and its LUN as a SCSI disk"
if o=$(fcwait eth0 online 20); then say "$o"; else miss "fc_host not Online"; fi
for r in /sys/class/fc_remote_ports/rport-*; do [ -e "$r" ] && say "${r##*/}: port_name $(cat $r/port_name) roles '$(cat $r/roles)' $(cat $r/port_state)"; done
i=0; while [ -z "$(disk)" ] && [ $i -lt 200 ]; do usleep 100000; i=$((i + 1)); done
D=$(disk)
if [ -n "$D" ]; then
	say "/dev/$D: $(cat /sys/block/$D/device/vendor) $(cat /sys/block/$D/device/model) $(($(cat /sys/block/$D/size) / 2048)) MiB"
	[ -e /dev/$D ] || mknod /dev/$D b $(tr ':' ' ' < /sys/block/$D/dev)
	echo "written over FCoE by the demo" | dd of=/dev/$D bs=512 conv=sync,fsync 2>/dev/null
	echo 3 > /proc/sys/vm/drop_caches
	say "read back: $(dd if=/dev/$D bs=512 count=1 2>/dev/null | tr -d '\0')"
	need "data written to the LUN reads back" sh -c "dd if=/dev/$D bs=512 count=1 2>/dev/null | grep -q 'written over FCoE'"
else miss "no SCSI disk appeared"; fi

step "a VLAN appears: ip link add link eth0 name eth0.100 type vlan id 100"
ip link add link eth0 name eth0.100 type vlan id 100
if o=$(fcwait -u eth0.100 enabled 10); then say "$o"; say "fc_host: $(cat "$(fchost_of eth0.100)/symbolic_name")"; ok "instance on eth0.100"
else say "$o"; miss "no instance on eth0.100"; fi

step "fcoectl status"
if command -v fcoectl >/dev/null; then
	if fcoectl status > /tmp/fcoectl.out 2>&1; then show < /tmp/fcoectl.out; ok "fcoectl status"
	else show < /tmp/fcoectl.out; miss "fcoectl status failed"; fi
else
	say "fcoectl: not built (build/fcoectl missing)"; miss "fcoectl: not built"
fi

step "the VLAN is taken down and deleted: ip link set eth0.100 down; ip link del eth0.100"
# Down first: deleting a VLAN that is up under an instance can deadlock the
# 6.1 kernel (scenario vlan-del-live, README "VM suite").  Where DCB is not
# required fcoemond writes nothing at a link-down (the instance stays
# enabled and the kernel stops its FCoE link itself), so no write of the
# daemon's can meet the delete (doc/kernel.md).
ip link set eth0.100 down
usleep 700000		# past the monitor's half-second settle
say "eth0.100 down: instance enabled=$(cat "$(ctlr_of eth0.100)/enabled") (kept: DCB not required, nothing written at link-down)"
del_vlan eth0.100; rc=$?
if [ $rc = 0 ]; then
	say "$GONE"
	if grep -q 'eth0.100: interface gone' $DLOG || { usleep 500000; grep -q 'eth0.100: interface gone' $DLOG; }; then
		grep 'eth0.100: interface gone' $DLOG | sed 's/^\[[0-9.]*\] //' | show; ok "instance gone, logged"
	else miss "instance gone but no log line saying why"; fi
elif [ $rc = 2 ]; then
	say "the kernel is stuck: $STUCK (see README, VM suite)"
	miss "kernel deadlock on VLAN delete"
else say "$GONE"; miss "instance still there"; fi

step "FIP VLAN discovery: the fabric moves FCoE to VLAN 200 and announces it"
# eth1's target goes to eth1.200, whose instance answers FIP VLAN requests
# (the kernel's responder); cfg-eth0 becomes what fcoe-utils' template and
# dracut write, AUTO_VLAN="yes", and fcoemond reloads (SIGHUP).
echo eth1 > /sys/bus/fcoe/ctlr_destroy
vlan_target 200
say "eth1.200: $(cat "$(ctlr_of eth1.200)/mode"), fip_vlan_responder=$(cat "$(ctlr_of eth1.200)/fip_vlan_responder"), target $(cat "$(fchost_of eth1.200)/port_name")"
cfg_auto eth0 vn2vn
say "/etc/fcoe/cfg-eth0:"; show < /etc/fcoe/cfg-eth0
m3=$(mark_log); t3=$(up)
kill -HUP "$DPID"
if o=$(fcwait eth0.200-fcoe enabled 30); then
	say "$(awk -v a="$t3" -v b="$(up)" 'BEGIN { printf "%.2f s", b - a }') after SIGHUP: $o"
	ok "discovered VLAN eth0.200-fcoe with an enabled instance"
else say "$o"; miss "no enabled instance on eth0.200-fcoe"; fi
say "VLANs over eth0: $(awk -F' *\\| *' '$3 == "eth0" { printf "%s (VID %s) ", $1, $2 }' /proc/net/vlan/config)"
grep -e 'FIP' -e 'VLAN' $DLOG | tail -6 | sed 's/^\[[0-9.]*\] //' | show
if o=$(fcwait eth0.200-fcoe online 20); then say "$o"; else miss "fc_host on eth0.200-fcoe not Online"; fi
i=0; while [ -z "$(disk_on eth0.200-fcoe)" ] && [ $i -lt 200 ]; do usleep 100000; i=$((i + 1)); done
D=$(disk_on eth0.200-fcoe)
if [ -n "$D" ]; then
	[ -e /dev/$D ] || mknod /dev/$D b $(tr ':' ' ' < /sys/block/$D/dev)
	say "/dev/$D over VLAN 200, read back: $(dd if=/dev/$D bs=512 count=1 2>/dev/null | tr -d '\0')"
	need "the data written before reads back over the discovered VLAN" sh -c "dd if=/dev/$D bs=512 count=1 2>/dev/null | grep -q 'written over FCoE'"
else miss "no SCSI disk over VLAN 200"; fi
command -v fcoectl >/dev/null && fcoectl status eth0 2>&1 | show
audit_since "$m3" | grep -e 'op=fip_send' -e 'op=vlan_create' | grep 'phase=end' | head -3 | sed 's/^.*AUDIT v=2 run=[0-9a-f]* rec=[0-9]* //' | show

step "the audit records of every privileged request (syslog authpriv)"
audit_since "$mark" | sed 's/^.*AUDIT v=2 run=[0-9a-f]* rec=[0-9]* //' | show
need "every request has its begin and end record" test "$(audit_since "$mark" | grep -c 'phase=begin')" = "$(audit_since "$mark" | grep -c 'phase=end')"

echo
if [ -z "$FAILED" ]; then
	echo "demo: all $STEP steps happened ($(awk -v a="$T0" -v b="$(up)" 'BEGIN { printf "%.1f", b - a }') s)"
else
	echo "demo: FAILED: step(s)$FAILED of $STEP did not happen"
fi
[ -e /run/wedged ] || { daemon_stop; reset_guest; }
[ -z "$FAILED" ]
