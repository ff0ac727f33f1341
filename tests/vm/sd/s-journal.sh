# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Check "journal" (service boot, after "enable"): the actuator's audit
# records, sent to /dev/log, reach journald with the fields journald itself
# sets (_UID, _SYSTEMD_UNIT) and facility authpriv, one begin and one end per
# request; a record forged by another user is told apart by those fields.
. /fcoelab/lib.sh
c=$(cat /run/fcoelab.enable.cursor)
audit_since "$c" > /tmp/audit.all
n=$(wc -l < /tmp/audit.all)
sed 's/^/  journal: /' /tmp/audit.all | head -30
check "audit records of the service in the journal since enable --now ($n)" test "$n" -gt 0
nt=$(awk '$1 != 0 || $2 != 10 || $3 != "fcoemond.service"' /tmp/audit.all | wc -l)
check "every one: _UID=0, SYSLOG_FACILITY=10 (authpriv), _SYSTEMD_UNIT=fcoemond.service ($nt not)" test "$nt" = 0
# One begin and one end for each request: per actuator (_PID) and seq.
awk '{ seq = ""; ph = ""; for (i = 5; i <= NF; i++) { if ($i ~ /^seq=/) seq = substr($i, 5); if ($i ~ /^phase=/) ph = substr($i, 7) }
	if (seq != "" && seq != "0") { k = $4 " " seq; if (ph == "begin") b[k]++; else if (ph == "end") e[k]++; keys[k] = 1 } }
	END { for (k in keys) print k, b[k] + 0, e[k] + 0 }' /tmp/audit.all | sort -n > /tmp/audit.pairs
np=$(wc -l < /tmp/audit.pairs)
odd=$(awk '$3 != 1 || $4 != 1' /tmp/audit.pairs)
[ -z "$odd" ] || echo "$odd" | sed 's/^/  pid seq begins ends: /'
check "one begin and one end for each of the $np requests" test "$np" -gt 0 -a -z "$odd"
for i in eth0 eth1; do
	check "fcoe_create $i: begin and end result=ok" sh -c "grep -q 'phase=begin op=fcoe_create .*ifname=$i' /tmp/audit.all &&
		grep -q 'phase=end op=fcoe_create .*ifname=$i.* result=ok' /tmp/audit.all"
done
check "the start and sandbox events (seq=0) are there" sh -c "grep -q 'event=start ' /tmp/audit.all && grep -q 'event=sandbox ' /tmp/audit.all"
# What a compromised monitor (uid _fcoemon) could write to /dev/log.
c2=$(jmark)
setpriv --reuid=_fcoemon --regid=_fcoemon --clear-groups logger -p authpriv.notice -t fcoemond \
	"AUDIT v=2 run=0000000000000000 rec=99 seq=99 phase=begin op=fcoe_destroy ifname=eth0"
sleep 1
f=$(audit_since "$c2" | grep 'seq=99 ')
note "forged: $f"
check "a forged record reaches the journal with the forger's _UID, not the service's" sh -c \
	"echo '$f' | awk '{ exit !(\$1 == $(id -u _fcoemon) && \$3 != \"fcoemond.service\") }'"
check "... and trusted_since (uid 0, the service's cgroup) leaves it out" sh -c "! (. /fcoelab/lib.sh; trusted_since '$c2') | grep -q seq=99"
finish
