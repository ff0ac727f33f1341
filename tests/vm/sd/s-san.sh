# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Check "san" (service boot): boot from SAN.  An instance made before
# fcoemond starts -- as fcoe-utils' fipvlan or fcoemon make it in the
# initramfs, through the fcoe bus -- is adopted when the service starts
# from the real root: the audit shows no create, destroy or disable, the
# same ctlr stays enabled.  A second fcoemond started by hand while the
# service runs leaves everything as it is, says so, exits 1.
. /fcoelab/lib.sh
systemctl stop $U 2>&1 | sed 's/^/  systemctl stop | /'
destroy_all
rm -f /etc/fcoe/cfg-eth*[0-9]
cfg eth0 vn2vn no
modprobe -a fcoe 8021q
echo eth0 > /sys/bus/fcoe/ctlr_create
C0=$(ctlr_of eth0)
echo vn2vn > "$C0/mode" && echo 1 > "$C0/enabled"
check "before: eth0 ${C0##*/} made and enabled outside fcoemond (the initramfs's)" \
	test -n "$C0" -a "$(cat "$C0/enabled" 2>/dev/null)" = 1
same() { test "$(ctlr_of eth0)" = "$C0" -a "$(cat "$C0/enabled" 2>/dev/null)" = 1; }
c=$(jmark)
systemctl reset-failed $U 2>/dev/null
systemctl start $U; rc=$?
check "systemctl start: exit 0 ($rc)" test "$rc" = 0
waitfor "log: eth0: adopted the existing FCoE instance" "unit_log '$c' | grep -q 'eth0: adopted the existing FCoE instance'" 20
sleep 2
check "eth0: the same ctlr, still enabled (never torn down)" same
r=$(requests_since "$c" | grep '^fcoe_' | tr '\n' ',')
check "the audit shows no create, destroy or disable (${r:-none})" test -z "$r"
unit_log "$c" | grep -v '^AUDIT' | sed 's/^/  log: /' | head -8

# A second start while the service runs (an initramfs that left one
# running, a hand-started daemon, a second unit): it stops before it
# adopts or makes anything.
P=$(actuator_pid) c=$(jmark)
out=$(timeout 30 /usr/sbin/fcoemond -f 2>&1); rc=$?
echo "$out" | sed 's/^/  second fcoemond | /' | head -4
check "a second fcoemond exits with status 1 ($rc)" test "$rc" = 1
check "... and says another fcoemond is running" sh -c "echo '$out' | grep -q 'another fcoemond is running'"
check "... the service untouched (same main pid $P, active)" test "$(actuator_pid) $(prop $U ActiveState)" = "$P active"
check "... eth0: the same ctlr, still enabled" same
r=$(requests_since "$c" | grep '^fcoe_' | tr '\n' ',')
check "... no instance request in the audit (${r:-none})" test -z "$r"
finish
