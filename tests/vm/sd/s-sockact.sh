# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Check "sockact" (service boot, after "reload", which leaves the service
# stopped and the socket listening): Debian's fcoeadm sends its create to
# @fcm_clif, systemd starts fcoemond.service with the socket, and the
# create is carried out, on a VLAN no cfg file names.
. /fcoelab/lib.sh
check "before: fcoemond.service stopped, fcoemond.socket listening" \
	test "$(prop $U ActiveState) $(prop fcoemond.socket ActiveState)" = "inactive active"
ip link add link eth0 name eth0.100 type vlan id 100 && ip link set eth0.100 up
c=$(jmark)
out=$(fcoeadm -c eth0.100 -m vn2vn 2>&1); rc=$?
echo "$out" | sed 's/^/  fcoeadm -c eth0.100 -m vn2vn | /'
check "fcoeadm -c eth0.100 -m vn2vn with the daemon stopped: exit 0 ($rc)" test "$rc" = 0
check "the socket started fcoemond.service" test "$(prop $U ActiveState)" = active
check "... through fcoemond.socket (journal: the monitor took @fcm_clif from systemd)" sh -c \
	"journalctl -q --after-cursor='$c' -u $U -o cat | grep -q '@fcm_clif: socket from systemd'"
timed "instance on eth0.100 enabled" eth0.100 enabled 20
check "created as VN2VN" grep -qx VN2VN "$(ctlr_of eth0.100)/mode"
r=$(trusted_since "$c" | grep 'phase=end op=fcoe_create ' | sed 's/.*AUDIT v=2 //')
note "audit: $r"
check "audit: fcoe_create eth0.100 result=ok, by the socket-started service" sh -c "echo '$r' | grep -q 'ifname=eth0.100 .*result=ok'"
check "no request for the adopted eth0, eth1, eth2" sh -c "! (. /fcoelab/lib.sh; requests_since '$c') | grep -q ' eth[012]\$'"
finish
