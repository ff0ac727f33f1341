# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Scenario "sandbox" (tests/vm/run.sh): on Debian's real kernel, both
# processes of fcoemond run with the privileges SECURITY.md promises, read
# from /proc/PID/status, not from the daemon's own word.
. /guest/lib.sh
cfg eth0 fabric no
ip link set eth0 up
mark=$(mark_log)
fcoemond_start || finish
st() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$2/status"; }
note "actuator pid $DPID, monitor pid $MPID"
grep -E '^(Uid|CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' /proc/$DPID/status | sed 's/^/  actuator /'
grep -E '^(Uid|CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' /proc/$MPID/status | sed 's/^/  monitor  /'
check "actuator Uid 0" test "$(st Uid $DPID)" = 0
check "actuator CapEff = CAP_NET_ADMIN and CAP_KILL (0000000000001020)" test "$(st CapEff $DPID)" = 0000000000001020
check "actuator CapPrm = CAP_NET_ADMIN and CAP_KILL" test "$(st CapPrm $DPID)" = 0000000000001020
check "actuator CapBnd empty or CAP_NET_ADMIN only" sh -c "echo $(st CapBnd $DPID) | grep -qxE '0000000000000000|0000000000001000'"
check "actuator CapAmb/CapInh empty" test "$(st CapAmb $DPID)$(st CapInh $DPID)" = 00000000000000000000000000000000
check "actuator NoNewPrivs 1" test "$(st NoNewPrivs $DPID)" = 1
check "actuator Seccomp 2 (filter)" test "$(st Seccomp $DPID)" = 2
check "monitor Uid = _fcoemon (998)" test "$(st Uid $MPID)" = 998
check "monitor Gid = _fcoemon (998)" test "$(st Gid $MPID)" = 998
for f in CapEff CapPrm CapBnd CapInh CapAmb; do
	check "monitor $f 0" test "$(st $f $MPID)" = 0000000000000000
done
check "monitor NoNewPrivs 1" test "$(st NoNewPrivs $MPID)" = 1
check "monitor Seccomp 2 (filter)" test "$(st Seccomp $MPID)" = 2
fcoemond -V | sed 's/^/  /'
abi=$(fcoemond -V | sed -n 's/^landlock: abi \([0-9]*\).*/\1/p')
if [ -n "$abi" ] && [ "$abi" -gt 0 ]; then ok "fcoemond -V: landlock abi $abi on $(uname -r)"; else bad "fcoemond -V: no landlock ABI on $(uname -r)"; fi
check "fcoemond -V: kernel fcoe interface detected" sh -c 'fcoemond -V | grep -q "kernel fcoe interface: [a-z]" && ! fcoemond -V | grep -q "interface: none"'
s=$(audit_since "$mark" | grep 'event=sandbox' | tail -1)
note "audit: ${s#*AUDIT }"
check "audit (authpriv): sandbox caps=net_admin,kill nnp=1 seccomp=kill landlock=$abi" sh -c "echo '$s' | grep -q 'caps=net_admin,kill nnp=1 seccomp=kill landlock=$abi'"
m=$(log_since "$mark" | grep 'fcoemond-monitor\[[0-9]*\]: sandbox:' | tail -1)
note "monitor: ${m#*]: }"
check "monitor log: no capabilities, seccomp and landlock in force" sh -c "echo '$m' | grep -q 'no capabilities, seccomp kill, landlock' && ! echo '$m' | grep -qi 'landlock \(off\|not\|none\)'"
# A write the monitor's Landlock does not allow, tried as the monitor would:
# the monitor cannot be asked to, so the check is that its fd table holds
# nothing writable outside its sockets and /dev/null.
w=$(ls -l /proc/$MPID/fd 2>/dev/null | grep -v -e socket: -e /dev/null -e 'pipe:' -e anon_inode -e 'daemon.fifo' | grep -c -- '->' || true)
check "monitor holds no file descriptor to a file (only sockets, pipes, /dev/null)" test "$w" = 0
finish
