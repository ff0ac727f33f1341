# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/guest/compare.sh - run inside the VM by tests/bench/vm_compare.sh
# (make vm-compare), once with WHO=fcoemon (Debian's fcoe-utils 1.0.34) and
# once with WHO=fcoemond, on the same kernel, cfg files and steps, so the
# two daemons can be compared scenario by scenario.  The host prepends the
# WHO= and PART= lines (PART: main, vlan-add, vlan-at-start: a VLAN delete
# can wedge the 6.1 kernel, so each VLAN variant gets a boot of its own).
# Prints "ROW|who|scenario|outcome|link up -> enabled" lines; PART=dcbx
# (DCBX on the dcbsim NIC, tests/vm/guest/dcbx.sh) prints rows whose time
# runs from the decisive DCB change to the create or destroy.
. /guest/lib.sh
SCEN=compare-$WHO
modprobe -a 8021q fcoe tcm_fc sd_mod
row() { echo "ROW|$WHO|$1|$2|$3"; }
start() { if [ "$WHO" = fcoemon ]; then fcoemon_start; else fcoemond_start; fi; }
# The daemon's last word on IFACE that explains a missing instance.
lastlog() {
	{ cat $DLOG; cat $SYSLOG; } | grep -e "$1: link" -e "for $1" | grep -v ': /etc/fcoe' |
		tail -1 | sed 's/^.*\(fcoemon\|fcoemond-monitor\)\(\[[0-9]*\]\)*: //'
}
ms() { echo "$1" | sed -n 's/.* after \([0-9]*\) ms.*/\1 ms/p'; }

# delete_vlan ROW-NAME T: delete eth0.100 under its instance, guarded
delete_vlan() {
	del_vlan eth0.100
	case $? in
	0) row "$1" "enabled on eth0.100; delete: instance gone ($(ms "$GONE"))" "$2" ;;
	1) row "$1" "enabled on eth0.100; delete: instance still there" "$2" ;;
	2) row "$1" "enabled on eth0.100; delete: KERNEL DEADLOCK ($STUCK)" "$2"; exit 0 ;;
	esac
}

case $PART in
main)
reset_guest; cfg eth0 fabric no; start
if o=$(fcwait -u eth0 enabled 10); then
	t=$(ms "$o"); C=$(ctlr_of eth0)
	ip link set eth0 down; fcwait eth0 present 1 >/dev/null
	i=0; while [ "$(cat $C/enabled 2>/dev/null)" = 1 ] && [ $i -lt 100 ]; do usleep 50000; i=$((i + 1)); done
	dis=$(cat $C/enabled 2>/dev/null || echo gone)
	o2=$(fcwait -u eth0 enabled 10); t2=$(ms "$o2")
	if [ "$dis" = 0 ] && [ "$(ctlr_of eth0)" = "$C" ] && [ -n "$t2" ]; then
		row "1 fabric + link flap" "enabled; flap: disabled, re-enabled ($t2), same ctlr" "$t"
	else
		row "1 fabric + link flap" "enabled; flap: enabled=$dis, ctlr $(ctlr_of eth0) (was $C)" "$t"
	fi
else
	row "1 fabric + link flap" "no enabled instance in 10 s" "-"
fi

# 2. VN2VN against the LIO target on eth1: login and a LUN
reset_guest; target_setup; cfg eth0 vn2vn no; start
if o=$(fcwait -u eth0 enabled 10); then
	t=$(ms "$o"); o2=$(fcwait eth0 online 20); t2=$(ms "$o2")
	i=0; while [ -z "$(disk)" ] && [ $i -lt 200 ]; do usleep 100000; i=$((i + 1)); done
	D=$(disk); rb=no
	[ -n "$D" ] && lun_rw $D && rb=yes
	row "2 VN2VN + LIO LUN" "mode $(cat "$(ctlr_of eth0)/mode"), Online +${t2:-never}, disk ${D:-none}, 1 MiB readback $rb" "$t"
else
	row "2 VN2VN + LIO LUN" "no enabled instance in 10 s" "-"
fi

# 5. DCB_REQUIRED=yes with the real lldpad on virtio (no DCB)
reset_guest; lldpad -d; sleep 1; cfg eth0 fabric yes; start
m=$(mark_log); : > $DLOG
ip link set eth0 up
if o=$(fcwait eth0 present 25); then
	row "5 DCB required, no DCB" "instance created ($(ctlr_of eth0))" "$(ms "$o")"
else
	if [ "$WHO" = fcoemon ]; then
		n=$( (cat $DLOG; log_since "$m") | grep -c 'RETRY TIMER' || true)
		g=$( (cat $DLOG; log_since "$m") | grep -ci 'give up\|gave up\|giving up' || true)
		row "5 DCB required, no DCB" "no instance in 25 s; $n retry timers set, give-up line: $([ "$g" -gt 0 ] && echo yes || echo none)" "-"
	else
		n=$(grep -c 'eth0: retry [0-9]* of 10' $DLOG || true)
		g=$(grep -m1 'DCB gave up' $DLOG | sed 's/^\[\([0-9.]*\)\].*/\1/')
		row "5 DCB required, no DCB" "no instance in 25 s; $n retries, then 'DCB gave up' at +$(awk -v a="$(sed -n '1s/^\[\([0-9.]*\)\].*/\1/p' $DLOG)" -v b="${g:-0}" 'BEGIN { printf "%.1f", b - a }') s" "-"
	fi
fi
;;
vlan-add)	# 3a. a VLAN added while the daemon runs, then deleted
	n="3a VLAN added, deleted"
	reset_guest; ip link set eth0 up; cfg eth0.100 fabric no; start
	ip link add link eth0 name eth0.100 type vlan id 100
	if o=$(fcwait -u eth0.100 enabled 10); then delete_vlan "$n" "$(ms "$o")"
	else row "$n" "no enabled instance in 10 s; its log: $(lastlog eth0.100)" "-"; fi
	;;
vlan-at-start)	# 3b. the VLAN exists (eth0 settled) before the daemon starts
	n="3b VLAN at start, deleted"
	reset_guest; ip link set eth0 up; ip link add link eth0 name eth0.100 type vlan id 100
	sleep 2; cfg eth0.100 fabric no; start
	if o=$(fcwait -u eth0.100 enabled 10); then delete_vlan "$n" "$(ms "$o")"
	else row "$n" "no enabled instance in 10 s; its log: $(lastlog eth0.100)" "-"; fi
	;;
dcbx)	# DCB as negotiated: the decisive change is made on the peer (eth1)
	# or, for firmware DCBX, through the kernel; fcwait times its effect.
	. /guest/dcbx.sh
	modprobe -a 8021q fcoe
	# dcbrow NAME WANT(present|gone) SECS BEFORE: one row for the change just
	# made; BEFORE is the ctlr seen on eth0 right before it ("" for none).
	dcbrow() {
		if [ "$2" = present ] && [ -n "$4" ]; then
			row "$1" "instance already there before the change (${4##*/})" "-"; return
		fi
		[ "$2" = gone ] && [ -z "$4" ] && { row "$1" "no instance to destroy" "-"; return; }
		if o=$(fcwait eth0 "$2" "$3"); then
			[ "$2" = gone ] && w="instance destroyed" || w="instance created ($(ctlr_of eth0 | sed 's,.*/,,'))"
			row "$1" "$w" "$(ms "$o")"
		else
			[ -n "$(ctlr_of eth0)" ] && w="instance still there after $3 s" || w="no instance after $3 s"
			row "$1" "$w; its log: $({ cat $DLOG; cat $SYSLOG; } | grep -e 'fcoemon' -e 'fcoemond-monitor' |
				grep eth0 | grep -v AUDIT | tail -1 | sed 's/.*\(fcoemon\|fcoemond-monitor\)\(\[[0-9]*\]\)*: //' | cut -c1-90)" "-"
		fi
	}
	# CEE: the peer starts with FCoE on 5 and PFC on 3 (no agreement).
	reset_guest; dcbsim_load >/dev/null; cee_setup; cee_negotiated 15 >/dev/null
	dcbtool sc eth1 app:fcoe appcfg:20 >/dev/null
	cfg eth0 fabric yes; start; sleep 3
	b=$(ctlr_of eth0)
	dcbtool sc eth1 app:fcoe appcfg:08 >/dev/null
	dcbrow "6a CEE: App moves to PFC's priority" present 20 "$b"
	b=$(ctlr_of eth0)
	dcbtool sc eth1 app:fcoe appcfg:20 >/dev/null
	dcbrow "6b CEE: App on 5, PFC on 3" gone 15 "$b"
	dcbtool sc eth1 app:fcoe appcfg:08 >/dev/null
	fcwait eth0 present 20 >/dev/null
	b=$(ctlr_of eth0)
	dcbtool sc eth1 app:fcoe e:0 >/dev/null
	dcbrow "6c CEE: peer disables App:FCoE" gone 20 "$b"
	reset_guest; dcbsim_load >/dev/null; ieee_setup
	lldptool -T -i eth1 -V APP -d app=3,1,0x8906 >/dev/null
	waitfor x '[ "$(kpfc eth0)" = 0x08 ]' 20 >/dev/null
	cfg eth0 fabric yes; start; sleep 3
	b=$(ctlr_of eth0)
	lldptool -T -i eth1 -V APP app=3,1,0x8906 >/dev/null
	dcbrow "7a IEEE: peer adds App:FCoE" present 20 "$b"
	b=$(ctlr_of eth0)
	lldptool -T -i eth1 -V APP -d app=3,1,0x8906 >/dev/null
	dcbrow "7b IEEE: peer drops App:FCoE" gone 15 "$b"
	lldptool -T -i eth1 -V APP app=3,1,0x8906 >/dev/null
	fcwait eth0 present 15 >/dev/null
	b=$(ctlr_of eth0)
	lldptool -T -i eth1 -V APP -d app=3,1,0x8906 >/dev/null
	lldptool -T -i eth1 -V APP app=5,1,0x8906 >/dev/null
	dcbrow "7c IEEE: App on 5, PFC on 3" gone 15 "$b"
	reset_guest; dcbsim_load lld_managed=1 >/dev/null
	ip link set eth0 up; dcb pfc set dev eth0 prio-pfc 3:on
	cfg eth0 fabric yes; start; sleep 3
	b=$(ctlr_of eth0)
	dcb app add dev eth0 ethtype-prio 0x8906:3
	dcbrow "8a firmware DCBX: App:FCoE set" present 20 "$b"
	b=$(ctlr_of eth0)
	dcb app del dev eth0 ethtype-prio 0x8906:3
	dcbrow "8b firmware DCBX: App:FCoE removed" gone 15 "$b"
	reset_guest; dcbsim_unload
	;;
esac
reset_guest
