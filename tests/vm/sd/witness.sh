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
xcheck "logout at shutdown (instances disabled when the system stops, not on a restart)" \
	"the instance on eth0 was disabled at shutdown, so the target saw a logout" test "$(cat "$C/enabled" 2>/dev/null)" = 0
echo "@@SD-WITNESS-DONE@@"
