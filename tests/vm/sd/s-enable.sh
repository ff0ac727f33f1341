# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Check "enable" (service boot): `systemctl enable --now fcoemond.socket
# fcoemond-ctl.socket fcoemond.service` as README says, with cfg-eth0 and cfg-eth1 in VN2VN mode
# (eth0 and eth1 see each other on the qemu hub): both processes run under
# the unit's real sandbox, read from /proc/PID/status and mountinfo, not from
# the daemon's word; the instances come up; systemd-analyze security scores
# the running service as tests/check-units.sh scores the file offline.
. /fcoelab/lib.sh
cfg eth0 vn2vn no
cfg eth1 vn2vn no
jmark > /run/fcoelab.enable.cursor
out=$(systemctl enable --now fcoemond.socket fcoemond-ctl.socket fcoemond.service 2>&1); rc=$?
echo "$out" | sed 's/^/  systemctl enable --now | /'
check "systemctl enable --now fcoemond.socket fcoemond-ctl.socket fcoemond.service: exit 0 ($rc)" test "$rc" = 0
check "fcoemond.socket active (listening on @fcm_clif)" test "$(prop fcoemond.socket ActiveState)" = active
check "fcoemond-ctl.socket active (listening on /run/fcoemond/ctl)" test "$(prop fcoemond-ctl.socket ActiveState)" = active
check "fcoemond.service active" test "$(prop $U ActiveState)" = active
# fcoe-utils' units are enabled by Debian's package: Conflicts= stops them.
check "Debian's fcoemon.socket and fcoe-utils.service not active (Conflicts=)" test \
	"$(prop fcoemon.socket ActiveState) $(prop fcoe-utils.service ActiveState)" != "active active" -a \
	"$(prop fcoemon.socket ActiveState)" != active -a "$(prop fcoe-utils.service ActiveState)" != active
timed "cfg-eth0: instance on eth0 enabled" eth0 enabled 20
timed "cfg-eth1: instance on eth1 enabled" eth1 enabled 20
timed "eth0 Online (VN2VN login with eth1)" eth0 online 30
# fcoectl's socket is systemd's (by its name "ctl"), not one the actuator made.
check "the actuator took fcoectl's socket from systemd (audit event=ctl_socket source=systemd)" \
	sh -c "journalctl -q --no-pager -u $U -o cat | grep -q 'event=ctl_socket .*source=systemd.*result=ok'"
check "fcoectl status answers through /run/fcoemond/ctl, as root and as nobody" \
	sh -c "fcoectl status >/dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups fcoectl status >/dev/null"
timed "eth1 Online" eth1 online 30
instances | sed 's/^/  instance: /'

A=$(actuator_pid) M=$(monitor_pid)
note "actuator pid $A ($(cat /proc/$A/comm 2>/dev/null)), monitor pid $M ($(cat /proc/$M/comm 2>/dev/null))"
check "the service's cgroup holds the actuator and one monitor" test -n "$A" -a -n "$M" -a "$A" != 0
[ -n "$M" ] || { bad "no monitor process: the rest needs it"; finish; }
for p in $A $M; do
	grep -E '^(Name|Uid|Gid|Groups|CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp|Seccomp_filters):' /proc/$p/status |
		tr '\t' ' ' | sed "s/^/  pid $p /"
done
check "actuator: uid 0" test "$(st Uid $A)" = 0
# CAP_NET_ADMIN (bit 12) for the FCoE files, CAP_KILL (bit 5) for SIGKILL
# to its own monitor through a pidfd (SECURITY.md "Who outlives whom").
check "actuator: CapEff and CapPrm = CAP_NET_ADMIN and CAP_KILL only" test "$(st CapEff $A) $(st CapPrm $A)" = "0000000000001020 0000000000001020"
check "actuator: CapBnd within CAP_NET_ADMIN CAP_KILL ($(st CapBnd $A))" sh -c "echo $(st CapBnd $A) | grep -qxE '00000000000010[02]0|0000000000000000|0000000000000020'"
check "actuator: CapInh and CapAmb empty" test "$(st CapInh $A)$(st CapAmb $A)" = 00000000000000000000000000000000
check "monitor: uid and gid _fcoemon" test "$(st Uid $M) $(st Gid $M)" = "$(id -u _fcoemon) $(id -g _fcoemon)"
for f in CapEff CapPrm CapBnd CapInh CapAmb; do
	check "monitor: $f 0" test "$(st $f $M)" = 0000000000000000
done
for p in $A $M; do
	n=actuator; [ "$p" = "$M" ] && n=monitor
	check "$n: NoNewPrivs 1" test "$(st NoNewPrivs $p)" = 1
	# systemd's SystemCallFilter= and the program's own, stacked.
	check "$n: Seccomp 2 (filter), systemd's and its own ($(st Seccomp_filters $p) filters)" \
		test "$(st Seccomp $p)" = 2 -a "$(st Seccomp_filters $p)" -ge 2
done

# The mount view systemd built (ProtectSystem=strict, ProtectHome=,
# PrivateTmp=, PrivateDevices=, ProtectKernelTunables= with the
# ReadWritePaths= holes, ProtectProc=, ProcSubset=): the mount that covers
# each path, as the process sees it.
mnt() {	# mnt PID PATH: the mountinfo line of the mount covering PATH
	awk -v p="$2" '{ m = $5; if (m == p || m == "/" || index(p, m "/") == 1)
		if (length(m) >= l) { l = length(m); b = $0 } } END { print b }' /proc/$1/mountinfo
}
mopt() { mnt "$1" "$2" | awk '{ print $6 }'; }			# per-mount options
msuper() { mnt "$1" "$2" | awk '{ for (i = 7; $i != "-"; i++); print $(i + 1), $(i + 3) }'; }
check "actuator and monitor share one mount namespace, not the host's" test \
	"$(readlink /proc/$A/ns/mnt)" = "$(readlink /proc/$M/ns/mnt)" -a "$(readlink /proc/$A/ns/mnt)" != "$(readlink /proc/1/ns/mnt)"
for p in $A $M; do
	n=actuator; [ "$p" = "$M" ] && n=monitor
	ro="" rw=""
	# /proc/sys read-only (ProtectKernelTunables=) but IPv6's per-device
	# settings, where the actuator turns IPv6 off on a VLAN it makes (hence
	# no ProcSubset=pid any more, which hid /proc/sys whole)
	case ,$(mopt $p /proc/sys), in *,ro,*) ok "$n: /proc/sys read-only" ;; *) bad "$n: /proc/sys is writable: $(mnt $p /proc/sys)" ;; esac
	case ,$(mopt $p /proc/sys/net/ipv6/conf), in *,rw,*) ok "$n: /proc/sys/net/ipv6/conf writable" ;; *) bad "$n: /proc/sys/net/ipv6/conf not writable: $(mnt $p /proc/sys/net/ipv6/conf)" ;; esac
	case ,$(mopt $p /proc/sys/net/ipv4), in *,ro,*) ok "$n: /proc/sys/net/ipv4 read-only" ;; *) bad "$n: /proc/sys/net/ipv4 is writable: $(mnt $p /proc/sys/net/ipv4)" ;; esac
	for d in / /usr /etc /etc/fcoe /var /run /run/systemd /sys /sys/class/net /sys/module /sys/fs/cgroup; do
		case ,$(mopt $p $d), in *,ro,*) ro="$ro $d" ;; *) bad "$n: $d is writable: $(mnt $p $d)" ;; esac
	done
	ok "$n: read-only:$ro"
	for d in /sys/bus/fcoe /sys/devices /sys/module/libfcoe/parameters /run/fcoemond /tmp; do
		case ,$(mopt $p $d), in *,rw,*) rw="$rw $d" ;; *) bad "$n: $d is not writable: $(mnt $p $d)" ;; esac
	done
	ok "$n: writable:$rw"
	check "$n: /tmp is private (PrivateTmp=)" sh -c "awk '\$5 == \"/tmp\"' /proc/$p/mountinfo | grep -q systemd-private"
	check "$n: /home and /root hidden (ProtectHome=)" sh -c "awk '\$5 == \"/home\"' /proc/$p/mountinfo | grep -q . && awk '\$5 == \"/root\"' /proc/$p/mountinfo | grep -q ."
	check "$n: /dev is a private tmpfs without the serial console, with /dev/log" sh -c \
		"[ \"\$(awk '\$5 == \"/dev\" { for (i = 7; \$i != \"-\"; i++); print \$(i + 1) }' /proc/$p/mountinfo | tail -1)\" = tmpfs ] &&
		[ ! -e /proc/$p/root/dev/ttyS0 ] && [ -L /proc/$p/root/dev/log ]"
	check "$n: /proc hidepid=invisible ($(msuper $p /proc))" sh -c "echo '$(msuper $p /proc)' | grep -q 'hidepid=invisible'"
done
note "actuator's mounts:"; awk '{ for (i = 7; $i != "-"; i++); print "   ", $5, $6, $(i + 1) }' /proc/$A/mountinfo | sort -u -k1,1 | head -60

# The exposure score, running and offline, against check-units.sh's limit.
MAX_EXPOSURE=2.1	# tests/check-units.sh
on=$(systemd-analyze security --no-pager $U 2>&1)
off=$(systemd-analyze security --offline=yes --no-pager /usr/lib/systemd/system/$U 2>&1)
son=$(echo "$on" | sed -n 's/.*Overall exposure level for fcoemond.service: \([0-9.]*\).*/\1/p')
soff=$(echo "$off" | sed -n 's/.*Overall exposure level for fcoemond.service: \([0-9.]*\).*/\1/p')
echo "$on" | grep '✗' | sed 's/^/  running: /'
check "systemd-analyze security on the running service: $son, the same as offline ($soff)" test -n "$son" -a "$son" = "$soff"
check "... and at most $MAX_EXPOSURE (tests/check-units.sh)" awk -v s="$son" -v m="$MAX_EXPOSURE" 'BEGIN { exit !(s != "" && s <= m) }'
[ "$son" = "$soff" ] || { echo "$on" > /tmp/on; echo "$off" > /tmp/off; diff /tmp/off /tmp/on | sed 's/^/  offline->running /'; }
finish
