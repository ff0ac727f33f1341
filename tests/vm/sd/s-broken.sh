# Check "broken" (service boot, last): an install whose monitor cannot run
# (here: its exec bit gone; the first boot of this guest hit it as a missing
# library, exit 127).  The service must give up after a few tries and say
# so, not restart every RestartSec= for ever; fixed, it starts again and
# adopts what runs.
. /fcoelab/lib.sh
MONB=/usr/libexec/fcoemond/fcoemond-monitor
C=$(ctlr_of eth0)
chmod 644 $MONB
c=$(jmark)
systemctl restart $U
sleep 45
unit_log "$c" | grep -v '^AUDIT v=1 seq=[1-9]' | grep -i 'monitor\|exit\|restart\|start' | sed 's/^/  log: /' | tail -8
n=$(prop $U NRestarts)
note "after 45 s: $(prop $U ActiveState)/$(prop $U SubState), result $(prop $U Result), NRestarts $n"
check "the service gave up: failed, start-limit-hit" test "$(prop $U ActiveState) $(prop $U Result)" = "failed start-limit-hit"
check "... after at most 5 restarts ($n)" test "$n" -le 5
check "the instance on eth0 stays up meanwhile (${C##*/})" test "$(ctlr_of eth0)" = "$C" -a "$(cat "$C/enabled" 2>/dev/null)" = 1
chmod 755 $MONB
c=$(jmark)
systemctl reset-failed $U
systemctl start $U
waitfor "fixed and started again: eth0 adopted" "unit_log '$c' | grep -q 'eth0: adopted the existing FCoE instance'" 20
finish
