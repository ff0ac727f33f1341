# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Check "nocfg" (service boot): the service started under its real sandbox
# with no cfg file at all in /etc/fcoe (the package's config and template
# only): it says so, does not crash, restart or spin, and a cfg file added
# later is picked up by a reload.
. /fcoelab/lib.sh
systemctl stop fcoemond.service 2>&1 | sed 's/^/  systemctl stop | /'
destroy_all
rm -f /etc/fcoe/cfg-eth*[0-9]
ls /etc/fcoe | sed 's/^/  \/etc\/fcoe: /'
c=$(jmark)
systemctl reset-failed $U 2>/dev/null
systemctl start $U; rc=$?
check "systemctl start with no cfg file: exit 0 ($rc)" test "$rc" = 0
sleep 3
unit_log "$c" | grep -v '^AUDIT' | sed 's/^/  log: /' | head -12
check "a clear message: no interface configured in /etc/fcoe" sh -c \
	"journalctl -q --after-cursor='$c' -u $U -o cat | grep -v '^AUDIT' | grep -i '/etc/fcoe' | grep -qi 'no interface\|0 interfaces\|nothing'"
quiet_check "no cfg file" 10
check "no cfg file: the service stays active, waiting for one" test "$(prop $U ActiveState)" = active
check "no instance made" test -z "$(instances)"
cfg eth0 vn2vn no
systemctl reload $U
timed "a cfg-eth0 added and reloaded: instance on eth0 enabled" eth0 enabled 20
finish
