# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "vn2vn" (tests/vm/run.sh): cfg-eth0 MODE="vn2vn" against the LIO
# tcm_fc target on eth1 (same qemu hub, no FCF needed): fcoemond brings the
# port Online, the target's LUN arrives as a SCSI disk, and data written to
# it over FCoE reads back.
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
finish
