# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "fip-actuator" (tests/vm/run.sh fip-actuator): the actuator's FIP
# requests on the real 8021q driver, which the build machine's kernel lacks
# (tests/integration/test_attack_fip.py stops at the kernel's EOPNOTSUPP
# there).  `fipact` (tests/vm/tools/fipact.c) plays the monitor on fd 3 and,
# as root on eth1, an FCF answering VLAN requests with VIDs 200 and 201.
. /guest/lib.sh
ip link set eth0 up; ip link set eth1 up
fipact fcf eth1 200 201 & FCF=$!
OUT=/tmp/fipact.out
run() { fcoemond -f -d --user _fcoemon --monitor /usr/bin/fipact -- "$@" > $OUT 2>&1; }
said() { grep -qx "fipact: $1 -> $2" $OUT; }
m=$(mark_log)
run send:eth0:1 wait:eth0 create:eth0:200:1 create:eth0:202:1 create:eth0:201:2 create:eth0:200:1
check "FIP_SEND; the FCF's notification relayed from eth0" said wait:eth0 0
check "VLAN_CREATE of the offered VID 200 -> 0" said create:eth0:200:1 0
check "VLAN_CREATE of VID 202, offered by nobody -> EPERM" said create:eth0:202:1 1
check "VLAN_CREATE static eth0.201-fcoe (long form) -> 0" said create:eth0:201:2 0
check "VLAN_CREATE of an existing VLAN -> EEXIST" said create:eth0:200:1 17
sed 's/^/  /' $OUT
check "eth0.200-fcoe is VLAN 200 over eth0 (/proc/net/vlan/config)" grep -Eq '^eth0\.200-fcoe +\| 200 +\| eth0$' /proc/net/vlan/config
check "eth0.200-fcoe is up" sh -c 'ip link show eth0.200-fcoe | grep -q "[<,]UP[,>]"'
check "eth0.200-fcoe: disable_ipv6 = 1" test "$(cat /proc/sys/net/ipv6/conf/eth0.200-fcoe/disable_ipv6)" = 1
check "eth0.200-fcoe: no IPv6 address at all" sh -c '! ip -6 addr show dev eth0.200-fcoe | grep -q inet6'
check "eth0.201-fcoe: disable_ipv6 = 1" test "$(cat /proc/sys/net/ipv6/conf/eth0.201-fcoe/disable_ipv6)" = 1
audit_since "$m" | grep -q 'op=vlan_create ifname=eth0 vid=200 why=discovered permit=offered obj=eth0.200-fcoe result=ok' && ok "audit: permit=offered" || bad "audit: permit=offered"
audit_since "$m" | grep -q 'op=vlan_create ifname=eth0 vid=202 why=discovered deny=not_offered result=fail errno=1' && ok "audit: deny=not_offered" || bad "audit: deny=not_offered"
# the cap: 16 of the daemon's naming on eth0 (two made above, 14 here)
for v in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do ip link add link eth0 name eth0.$v-fcoe type vlan id $v; done
ip link add link eth0 name eth0.100 type vlan id 100
run create:eth0:300:2 destroy:eth0.100 destroy:eth0.201-fcoe create:eth0:300:2
check "the 17th VLAN -> EDQUOT" said create:eth0:300:2 122
check "VLAN_DESTROY of the administrator's eth0.100 -> EPERM" said destroy:eth0.100 1
check "eth0.100 still there" ip link show eth0.100
check "VLAN_DESTROY of eth0.201-fcoe -> 0" said destroy:eth0.201-fcoe 0
check "eth0.201-fcoe gone" sh -c '! ip link show eth0.201-fcoe 2>/dev/null'
check "one freed: a 16th static VLAN -> 0" test "$(grep -c 'create:eth0:300:2 -> ' $OUT)" = 2 -a -n "$(grep -x 'fipact: create:eth0:300:2 -> 0' $OUT)"
sed 's/^/  /' $OUT
kill $FCF
for v in /sys/class/net/eth0.*; do ip link set "${v##*/}" down; ip link del "${v##*/}"; done
echo "$SCEN: $FAILS failure(s)"; exit $((FAILS > 0))
