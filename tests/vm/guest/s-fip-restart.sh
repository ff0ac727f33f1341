# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "fip-restart" (tests/vm/run.sh): issue 12's VM test 3.  VLAN 200
# discovered (as in fip-disc: the LIO target on eth1.200 announces it),
# the LUN in use; fcoemond stopped and started again without systemd.  The
# new daemon adopts the VLAN it made (its name says so) and the instance
# on it: the audit shows no VLAN create or destroy and no FCoE create,
# destroy or disable, the ctlr is the same, and the disk stays readable.
# Last, a reload (SIGHUP) with AUTO_VLAN="no" removes what discovery made.
. /guest/lib.sh
vlan_target 200
cfg_auto eth0 vn2vn
ip link set eth0 down
fcoemond_start || finish
ip link set eth0 up
V=eth0.200-fcoe
timed "first start: $V enabled" $V enabled 20
timed "first start: $V Online" $V online 20
waitfor "the target's LUN appears as a SCSI disk" '[ -n "$(disk)" ]' 20
C=$(ctlr_of $V) D=$(disk) X=$(cat /sys/class/net/$V/ifindex 2>/dev/null)
daemon_stop
check "SIGTERM: fcoemond exits 0 (status $DRC)" test "$DRC" = 0
check "after stop: $V still there (ifindex $X)" test -n "$X" -a "$(cat /sys/class/net/$V/ifindex 2>/dev/null)" = "$X"
check "after stop: ${C##*/} on $V still there and enabled" test -n "$C" -a "$(ctlr_of $V)" = "$C" -a "$(cat $C/enabled 2>/dev/null)" = 1
mark=$(mark_log)
: > $DLOG
fcoemond_start || finish
waitfor "log: $V: adopted the existing FCoE instance" "grep -q '$V: adopted the existing FCoE instance' $DLOG" 10
# Long enough for discovery to ask again and get VID 200 back: whatever it
# does with the answer must not be a create.
waitfor "discovery asked again after the restart (audit op=fip_send)" "audit_since $mark | grep 'phase=end' | grep -q 'op=fip_send'" 10
sleep 3
grep -e adopted -e 'FIP VLAN' $DLOG | sed 's/^\[[0-9.]*\] /  log: /'
a=$(audit_ops "$mark" | grep -o 'op=[a-z_]*' | sort | uniq -c | tr '\n' ' ' | tr -s ' ')
note "audit requests since the restart: ${a:-none}"
audit_ops "$mark" | grep -q 'op=vlan_\(create\|destroy\)' && bad "restart: a VLAN create/destroy was requested" || ok "restart: no VLAN create or destroy requested"
audit_ops "$mark" | grep -q 'op=fcoe_\(create\|destroy\|disable\)' && bad "restart: an FCoE create/destroy/disable was requested" || ok "restart: no FCoE create, destroy or disable requested"
check "same VLAN $V (ifindex $X)" test -n "$X" -a "$(cat /sys/class/net/$V/ifindex 2>/dev/null)" = "$X"
check "same ctlr ${C##*/} on $V, enabled" test -n "$C" -a "$(ctlr_of $V)" = "$C" -a "$(cat $C/enabled 2>/dev/null)" = 1
check "fc_host still Online" grep -q Online "$(fchost_of $V)/port_state"
[ -n "$D" ] && check "/dev/$D: 1 MiB still reads back after the restart" lun_rw $D
# The adopted VLAN's instance is managed like its own: a flap of eth0
# keeps it enabled ("armed"), the kernel logs it in again by itself, and
# nothing is sent.
m3=$(mark_log)
ip link set eth0 down
waitfor "adopted $V: eth0 down -> fc_host port_state Linkdown" "grep -qx Linkdown $(fchost_of $V)/port_state" 10
usleep 1000000
check "adopted $V: eth0 down 1 s, instance still enabled (armed)" grep -qx 1 $C/enabled
ip link set eth0 up
timed "adopted $V: eth0 up -> fc_host Online again (the kernel's own login)" $V online 20
audit_ops "$m3" | grep -q 'op=fcoe_' && bad "adopted $V: eth0 flap: an fcoe_ request was sent" || ok "adopted $V: eth0 flap: no fcoe_ request"
check "still ${C##*/}, VLAN not remade" test -n "$C" -a "$(ctlr_of $V)" = "$C" -a "$(cat /sys/class/net/$V/ifindex 2>/dev/null)" = "$X"
# Reload with AUTO_VLAN="no": what discovery made goes (issue 12, "Restart
# and reload"); eth0's entry is then an ordinary one, on eth0 itself.
mark=$(mark_log)
sed -i 's/^AUTO_VLAN="yes"/AUTO_VLAN="no"/' /etc/fcoe/cfg-eth0
kill -HUP $DPID
w=$(fcwait $V gone 20) && ok "SIGHUP, AUTO_VLAN=\"no\": the instance on $V destroyed: $w" || bad "SIGHUP, AUTO_VLAN=\"no\": the instance on $V destroyed: $w"
waitfor "SIGHUP, AUTO_VLAN=\"no\": VLAN $V deleted" "[ ! -e /sys/class/net/$V ]" 15
timed "SIGHUP, AUTO_VLAN=\"no\": an instance on eth0 itself, enabled" eth0 enabled 20
usleep 500000
audit_ops "$mark" | grep -e 'op=vlan' -e 'op=fcoe_destroy' -e 'op=fcoe_create' | sed 's/^/  audit: /'
audit_ops "$mark" | grep 'op=vlan_destroy' | grep -q "$V.*result=ok" && ok "audit: op=vlan_destroy $V ok" || bad "audit: no op=vlan_destroy of $V with result=ok"
finish
