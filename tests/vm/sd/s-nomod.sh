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
# Readiness cannot come from an instance that cannot be made: the bounded
# wait (30 s) ends the start, and says what it stopped waiting for.
check "the bounded wait: start-up done with 0 of 1 instances up, after at most 31 s" sh -c \
	"journalctl -q --after-cursor='$c' -u $U -o cat | grep -q 'start-up done after \(29\|30\|31\)\.[0-9] s: 0 of 1 configured FCoE instance up; stopped waiting for eth0'"
check "... and systemd has it as the status ($(prop $U StatusText))" \
	test "$(prop $U StatusText)" = "0 of 1 configured FCoE instance up; stopped waiting for the rest"
quiet_check "fcoe not loaded" 10
check "the fcoe module still not loaded (nothing worked around the refusal)" test ! -d /sys/module/fcoe
rm -f /etc/modprobe.d/fcoelab-nofcoe.conf
r0=$(prop $U NRestarts)
c2=$(jmark)
modprobe fcoe
# The daemon notices (every 2 s), exits with 75, and the unit starts it
# again at once (RestartForceExitStatus=75, after RestartSec=): the new
# actuator's sandbox admits the kernel files that exist now.
timed "fcoe loaded later: the service makes eth0's instance by itself" eth0 enabled 20
unit_log "$c2" | grep -v '^AUDIT v=2 .* seq=[1-9]' | sed 's/^/  log: /' | head -8
check "fcoe loaded later: a clear log line says the kernel interface appeared" sh -c \
	"journalctl -q --after-cursor='$c2' -u $U -o cat | grep -q \"the kernel's FCoE interface appeared (bus)\""
check "fcoe loaded later: restarted once by systemd, not a failure ($(prop $U NRestarts) restarts, $(prop $U ActiveState), result $(prop $U Result))" \
	test "$(prop $U NRestarts)" = $((r0 + 1)) -a "$(prop $U ActiveState) $(prop $U Result)" = "active success"
finish
