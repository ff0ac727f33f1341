# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "vn2vn" (tests/vm/run.sh): cfg-eth0 MODE="vn2vn" against the LIO
# tcm_fc target on eth1 (same qemu hub, no FCF needed): fcoemond brings the
# port Online, the target's LUN arrives as a SCSI disk, and data written to
# it over FCoE reads back.  Then a link flap of several seconds: the
# instance stays enabled ("armed", fcoemond(8) "What exists when"), the
# kernel logs it in again by itself at link-up, and the actuator is asked
# for nothing.
. /guest/lib.sh
target_setup
note "target: $(cat "$(fchost_of eth1)/port_name") on eth1, ramdisk LUN 0"
cfg eth0 vn2vn no
ip link set eth0 down
fcoemond_start || finish
timed "link up -> enabled instance" -u eth0 enabled 10
check "ctlr mode VN2VN" grep -qx VN2VN "$(ctlr_of eth0)/mode"
# a cycle's log lines are written up to 100 ms after it (doc/HACKING "Errors and the log")
waitfor "monitor log: eth0: FCoE instance created, VN2VN mode" "grep -q 'eth0: FCoE instance created, VN2VN mode' $DLOG" 2
timed "link up -> fc_host Online (VN2VN login)" eth0 online 20
H=$(fchost_of eth0)
note "fc_host ${H##*/}: port_id $(cat $H/port_id) port_state $(cat $H/port_state)"
waitfor "remote port: the target, Online" 'grep -q "FCP Target" /sys/class/fc_remote_ports/rport-*/roles 2>/dev/null' 10
waitfor "the target's LUN appears as a SCSI disk" '[ -n "$(disk)" ]' 20
D=$(disk)
if [ -n "$D" ]; then
	note "/dev/$D: $(cat /sys/block/$D/device/vendor) $(cat /sys/block/$D/device/model) $(($(cat /sys/block/$D/size) / 2048)) MiB"
	check "the disk is the LIO ramdisk (vendor LIO-ORG)" grep -q LIO-ORG /sys/block/$D/device/vendor
	in0=$(cat $H/statistics/fcp_input_requests)
	check "1 MiB written over FCoE reads back identical" lun_rw $D
	in1=$(cat $H/statistics/fcp_input_requests)
	check "the read went over the wire (fcp_input_requests $in0 -> $in1)" test $((in1)) -gt $((in0))
fi
C=$(ctlr_of eth0)
m=$(mark_log)
kernel_linkup_on
ip link set eth0 down
waitfor "link down -> fc_host port_state Linkdown" 'grep -qx Linkdown "$H/port_state"' 10
lost=$(enabled_looks eth0 "$C" 40)
check "link down 4 s: the same ctlr ${C##*/}, enabled at each of 40 looks ($lost not)" test $lost = 0
timed "link up again -> fc_host Online (the kernel's own VN2VN login)" -u eth0 online 20
check "... started by the kernel's notifier (trace: fcoe_ctlr_link_up <-fcoe_device_notification, $(kernel_linkups)x)" test "$(kernel_linkups)" -ge 1
kernel_linkup_off
check "the same ctlr ${C##*/}, enabled" test "$(ctlr_of eth0)" = "$C" -a "$(cat "$C/enabled")" = 1
usleep 500000
no_fcoe_since "$m" "link flap: no fcoe_ request in the audit (no disable, no enable)"
check "monitor log: eth0: link down -> armed" grep -q 'eth0: link down -> armed: enabled, the kernel starts it at link-up' $DLOG
if [ -n "$D" ]; then
	waitfor "the target's remote port Online again" 'grep -q Online /sys/class/fc_remote_ports/rport-*/port_state 2>/dev/null' 20
	check "/dev/$D: 1 MiB still reads back after the flap" lun_rw $D
fi
finish
