# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Check "vendor" (service boot): the daemon-wide config in the vendor
# directory (openSUSE's /usr/etc/fcoe/config) is what the unit reads when
# /etc/fcoe/config does not exist, and /etc/fcoe/config wins when it does.
# What is read shows as the modules ExecStartPre= loads (SUPPORTED_DRIVERS;
# tcm_fc stands for an offload driver: a module the guest has, not loaded).
. /fcoelab/lib.sh
[ -e /etc/fcoe/config ] && mv /etc/fcoe/config /tmp/fcoe-config.saved
mkdir -p /usr/etc/fcoe
printf 'DEBUG="no"\nSUPPORTED_DRIVERS="tcm_fc"\n' > /usr/etc/fcoe/config
restart_unloaded() {
	systemctl stop $U
	for m in tcm_fc; do rmmod $m 2>/dev/null; done
	systemctl reset-failed $U 2>/dev/null
	systemctl start $U
}
restart_unloaded
check "no /etc/fcoe/config: /usr/etc/fcoe/config's SUPPORTED_DRIVERS loaded (tcm_fc)" test -d /sys/module/tcm_fc
check "... and the service runs" test "$(prop $U ActiveState)" = active
printf 'SUPPORTED_DRIVERS=""\n' > /etc/fcoe/config
restart_unloaded
check "/etc/fcoe/config present: its SUPPORTED_DRIVERS wins (tcm_fc not loaded)" test ! -d /sys/module/tcm_fc
check "... and the service runs" test "$(prop $U ActiveState)" = active
rm -f /etc/fcoe/config /usr/etc/fcoe/config
[ -e /tmp/fcoe-config.saved ] && mv /tmp/fcoe-config.saved /etc/fcoe/config
finish
