# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/sd/witness.sh - ExecStop= of fcoelab-witness.service in the fstab
# boot: at shutdown, after the LUNs' mounts and fcoemond.service stopped
# (the unit is ordered Before= them), what had happened and in which order.
. /fcoelab/lib.sh
SCEN=shutdown
exec > /dev/ttyS0 2>&1
echo "=== shutdown: $(systemctl is-system-running)"
tf=$(prop $U ActiveExitTimestampMonotonic)
for n in 0 1; do
	m=srv-lun$n.mount
	tu=$(prop $m InactiveEnterTimestampMonotonic)
	check "/srv/lun$n unmounted, $m stopped cleanly (result $(prop $m Result))" sh -c \
		"! grep -q ' /srv/lun$n ' /proc/mounts && [ '$(prop $m Result)' = success ]"
	check "/srv/lun$n unmounted before fcoemond.service began to stop ($tu <= $tf us)" test -n "$tu" -a "$tu" != 0 -a "$tu" -le "$tf"
done
check "fcoemond.service stopped cleanly (result $(prop $U Result))" test "$(prop $U ActiveState) $(prop $U Result)" = "inactive success"
C=$(ctlr_of eth0) H=$(fchost_of eth0)
note "eth0 ${C##*/} enabled=$(cat "$C/enabled" 2>/dev/null) ${H##*/} $(cat "$H/port_state" 2>/dev/null)"
check "no I/O or ext4 error while the LUNs were unmounted" sh -c "! dmesg | grep -q 'I/O error\|EXT4-fs error\|EXT4-fs warning'"
# Logout at shutdown (the unit's ExecStop=, fcoemond(8) "Shutdown"): the
# instance destroyed (a disable sends no LOGO: the target kept eth0's port
# Online) while the link is still up, and the target's side (LIO on eth1)
# no longer has eth0's WWPN logged in.
check "logout at shutdown: eth0's instance destroyed (${C:-no ctlr})" test -z "$C"
check "logout at shutdown: eth0's link still up when fcoemond had stopped ($(cat /sys/class/net/eth0/operstate))" \
	test "$(cat /sys/class/net/eth0/operstate)" = up
check "logout at shutdown: the daemon said so in the journal" sh -c \
	"journalctl -q -b -u $U -o cat | grep -q 'logged out: 1 FCoE instance destroyed'"
check "logout at shutdown: audit fcoe_destroy eth0 ok" sh -c \
	"journalctl -q -b -u $U -o cat | grep -q 'phase=end op=fcoe_destroy .*ifname=eth0.* result=ok'"
iw=0x2000$(tr -d : < /sys/class/net/eth0/address)
T=$(fchost_of eth1); tn=${T##*/host}
ts=""
for r in /sys/class/fc_remote_ports/rport-"$tn":*; do
	[ "$(cat "$r/port_name" 2>/dev/null)" = "$iw" ] && ts="$ts$(cat "$r/port_state") "
done
note "the target's view of $iw (eth0) on host$tn: ${ts:-no remote port}"
check "logout at shutdown: the target no longer sees eth0's port Online (${ts:-gone})" \
	sh -c "! echo '$ts' | grep -q Online"
echo "@@SD-WITNESS-DONE@@"
