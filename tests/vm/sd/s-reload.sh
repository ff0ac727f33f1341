# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Check "reload" (service boot, after "enable"): `systemctl reload` re-reads
# /etc/fcoe and leaves running instances alone; `systemctl restart` adopts
# them (no create, destroy or disable in the audit); `systemctl stop` leaves
# them up, and the socket keeps listening.
. /fcoelab/lib.sh
C0=$(ctlr_of eth0) C1=$(ctlr_of eth1) P0=$(actuator_pid)
same() { test "$(ctlr_of eth0)" = "$C0" -a "$(cat $C0/enabled)" = 1 -a "$(ctlr_of eth1)" = "$C1" -a "$(cat $C1/enabled)" = 1; }
check "before: eth0 ${C0##*/} and eth1 ${C1##*/} enabled, service active" sh -c "[ -n '$C0' ] && [ -n '$C1' ] && [ $(prop $U ActiveState) = active ]"

c=$(jmark)
cfg eth2 vn2vn no
out=$(systemctl reload $U 2>&1); rc=$?
[ -z "$out" ] || echo "$out" | sed 's/^/  systemctl reload | /'
check "systemctl reload: exit 0 ($rc)" test "$rc" = 0
timed "reload: the new cfg-eth2 read, instance on eth2 enabled" eth2 enabled 20
check "reload: the same processes (main pid $P0)" test "$(actuator_pid)" = "$P0"
check "reload: eth0 and eth1 untouched (same ctlrs, enabled)" same
r=$(requests_since "$c" | grep -v '^hello\|^lldpad' | tr '\n' ',')
note "requests since reload: $r"
check "reload: the only instance request is eth2's create ($r)" test "$r" = "fcoe_create eth2,"
unit_log "$c" | grep -iv '^AUDIT' | sed 's/^/  log: /' | head -10

c=$(jmark)
out=$(systemctl restart $U 2>&1); rc=$?
[ -z "$out" ] || echo "$out" | sed 's/^/  systemctl restart | /'
check "systemctl restart: exit 0 ($rc)" test "$rc" = 0
P1=$(actuator_pid)
check "restart: a new actuator ($P0 -> $P1)" test -n "$P1" -a "$P1" != 0 -a "$P1" != "$P0"
for i in eth0 eth1 eth2; do
	waitfor "restart: log: $i: adopted the existing FCoE instance" "unit_log '$c' | grep -q '$i: adopted the existing FCoE instance'" 20
done
sleep 2
check "restart: eth0 and eth1 untouched (same ctlrs, enabled)" same
r=$(requests_since "$c" | grep '^fcoe_\(create\|destroy\|disable\)' | tr '\n' ',')
check "restart: the audit shows no create, destroy or disable (${r:-none})" test -z "$r"
check "restart: NRestarts 0 (no failure since enable)" test "$(prop $U NRestarts)" = 0

c=$(jmark)
out=$(systemctl stop $U 2>&1); rc=$?
[ -z "$out" ] || echo "$out" | sed 's/^/  systemctl stop | /'
check "systemctl stop: exit 0, service inactive, result success" test "$rc $(prop $U ActiveState) $(prop $U Result)" = "0 inactive success"
check "stop: eth0 and eth1 still up (same ctlrs, enabled)" same
check "stop: eth2 still up" test "$(cat "$(ctlr_of eth2)/enabled" 2>/dev/null)" = 1
check "stop: eth0 still Online" test "$(cat "$(fchost_of eth0)/port_state")" = Online
r=$(requests_since "$c" | grep '^fcoe_' | tr '\n' ',')
check "stop: the audit shows no instance request (${r:-none})" test -z "$r"
check "stop: audit event=shutdown status=0" sh -c "(. /fcoelab/lib.sh; trusted_since '$c') | grep -q 'event=shutdown status=0'"
check "stop: fcoemond.socket still listening" test "$(prop fcoemond.socket ActiveState)" = active
instances | sed 's/^/  instance: /'
finish
