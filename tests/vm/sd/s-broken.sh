# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Check "broken" (service boot, last): an install whose monitor cannot run
# (here: its exec bit gone; the first boot of this guest hit it as a missing
# library, exit 127).  The service must give up after a few tries and say
# so, not restart every RestartSec= for ever; fixed, it starts again, with
# its socket, and adopts what runs.
. /fcoelab/lib.sh
MONB=/usr/libexec/fcoemond/fcoemond-monitor
C=$(ctlr_of eth0)
chmod 644 $MONB
c=$(jmark)
systemctl restart $U
sleep 40
unit_log "$c" | grep -v '^AUDIT v=2 .* seq=[1-9]' | grep -i 'monitor\|exit\|restart\|start' | sed 's/^/  log: /' | tail -8
n=$(prop $U NRestarts)
note "after 40 s: $(prop $U ActiveState)/$(prop $U SubState), result $(prop $U Result), NRestarts $n"
check "the service gave up: failed, start limit hit (\"Start request repeated too quickly\")" sh -c \
	"[ $(prop $U ActiveState) = failed ] && journalctl -q --after-cursor='$c' -u $U -o cat | grep -q 'Start request repeated too quickly'"
sleep 10
check "... and stays down: no restart in the next 10 s (NRestarts $n -> $(prop $U NRestarts))" test "$(prop $U NRestarts)" = "$n" -a "$(prop $U ActiveState)" = failed
check "the instance on eth0 stays up meanwhile (${C##*/})" test "$(ctlr_of eth0)" = "$C" -a "$(cat "$C/enabled" 2>/dev/null)" = 1
note "fcoemond.socket: $(prop fcoemond.socket ActiveState), result $(prop fcoemond.socket Result)"
chmod 755 $MONB
c=$(jmark)
systemctl reset-failed fcoemond.socket $U
systemctl start fcoemond.socket $U
waitfor "fixed, reset-failed and started: eth0 adopted" "unit_log '$c' | grep -q 'eth0: adopted the existing FCoE instance'" 20
check "... with @fcm_clif from fcoemond.socket again" sh -c \
	"[ $(prop fcoemond.socket ActiveState) = active ] && (. /fcoelab/lib.sh; trusted_since '$c') | grep -q 'event=start .*fcm_clif=systemd'"
finish
