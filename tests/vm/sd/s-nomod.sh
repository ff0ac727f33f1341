# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Check "nomod" (service boot): the service started under its real sandbox
# when the FCoE modules are not loaded and cannot be (a kernel without
# them, or modprobe refused: ExecStartPre= is '-'): a clear message, no
# crash, no restart loop, no spin; and whether it notices fcoe loaded later.
. /fcoelab/lib.sh
systemctl stop fcoemond.service 2>&1 | sed 's/^/  systemctl stop | /'
destroy_all
rm -f /etc/fcoe/cfg-eth*[0-9]
cfg eth0 vn2vn no
for m in fcoe libfcoe; do rmmod $m 2>/dev/null; done
check "fcoe and libfcoe unloaded" test ! -d /sys/module/fcoe -a ! -d /sys/module/libfcoe
printf 'install fcoe /bin/false\ninstall libfcoe /bin/false\n' > /etc/modprobe.d/fcoelab-nofcoe.conf
c=$(jmark)
systemctl reset-failed $U 2>/dev/null
systemctl start $U; rc=$?
sleep 3
unit_log "$c" | grep -v '^AUDIT v=2 .* seq=[1-9]' | sed 's/^/  log: /' | head -14
check "the service starts or fails on its own, systemctl start returned ($rc)" true
check "a clear message: the kernel's FCoE interface is missing" sh -c \
	"journalctl -q --after-cursor='$c' -u $U -o cat | grep -qi 'fcoe.*\(not loaded\|no kernel\|missing\|none\|not available\)\|kernel.*interface.*none'"
quiet_check "fcoe not loaded" 10
check "the fcoe module still not loaded (nothing worked around the refusal)" test ! -d /sys/module/fcoe
rm -f /etc/modprobe.d/fcoelab-nofcoe.conf
modprobe fcoe
c2=$(jmark)
if fcwait eth0 enabled 15 >/dev/null; then
	ok "fcoe loaded later: the running daemon creates eth0's instance"
else
	xfail "the kernel interface re-detected when fcoe appears" "fcoe loaded later: no instance on eth0 within 15 s"
	systemctl restart $U
	timed "after systemctl restart: instance on eth0 enabled" eth0 enabled 20
fi
unit_log "$c2" | grep -v '^AUDIT v=2 .* seq=[1-9]' | sed 's/^/  log: /' | head -8
finish
