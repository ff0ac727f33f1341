# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/sd/needs-lun.sh - ExecStart= of fcoelab-needs-lun.service in the
# fstab boot, a unit ordered only After=fcoemond.service: what it found when
# it ran, "instance=<enabled>/<port_state> lun=present|absent", for
# tests/vm/sd/boot-fstab.sh.  fcoemond's readiness promises the instance
# (enabled, port Online); the LUN's disk appears when the kernel's scan
# and udev are through, which device units wait for.
. /fcoelab/lib.sh
C=$(ctlr_of eth0) H=$(fchost_of eth0)
e=$(cat "$C/enabled" 2>/dev/null) p=$(cat "$H/port_state" 2>/dev/null)
[ -b /dev/disk/by-label/FCOELUN0 ] && l=present || l=absent
echo "instance=${e:-none}/${p:-none} lun=$l" > /run/fcoelab-needs-lun
