# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/sd/boot-fstab.sh - the "fstab" boot of tests/vm/systemd.sh: the
# system as a user left it after installing fcoemond for SAN disks, booted:
# fcoemond.socket and fcoemond.service enabled, cfg-eth0 in VN2VN mode, two
# LUNs of the LIO target on eth1 (fcoelab-target.service) in /etc/fstab,
#   /srv/lun0  _netdev                      (what FCoE/iSCSI guides say)
#   /srv/lun1  _netdev,x-systemd.requires=fcoemond.service,x-systemd.device-timeout=60s
# and a unit ordered After=fcoemond.service that needs the disk.  Checks
# that the mounts came after the LUNs, then reboots; fcoelab-witness.service
# reports the shutdown order (tests/vm/sd/witness.sh).
if [ "${1:-}" = --stage ]; then
	# On the host: STAGE is this boot's payload (make install done), IMGETC
	# the image's /etc files.  What the package's postinst and the user did:
	set -e
	cp "$IMGETC"/passwd "$IMGETC"/group "$IMGETC"/shadow "$IMGETC"/gshadow "$STAGE/etc/"
	systemd-sysusers --root="$STAGE" "$STAGE/usr/lib/sysusers.d/fcoemond.conf" 2>/dev/null
	mkdir -p "$STAGE/etc/target"	# LIO's db_root, or it says so on the console
	printf 'FCOE_ENABLE="yes"\nDCB_REQUIRED="no"\nAUTO_VLAN="no"\nMODE="vn2vn"\n' > "$STAGE/etc/fcoe/cfg-eth0"
	cat > "$STAGE/etc/fstab" <<-'FSTAB'
	# /etc/fstab of the fcoemond systemd guest (tests/vm/sd/boot-fstab.sh)
	LABEL=FCOELUN0 /srv/lun0 ext4 _netdev 0 0
	LABEL=FCOELUN1 /srv/lun1 ext4 _netdev,x-systemd.requires=fcoemond.service,x-systemd.device-timeout=60s 0 0
	FSTAB
	mkdir -p "$STAGE/srv/lun0" "$STAGE/srv/lun1"
	# fcoe-utils' units off, as README says (they conflict with fcoemond's).
	ln -s /dev/null "$STAGE/etc/systemd/system/fcoe-utils.service"
	ln -s /dev/null "$STAGE/etc/systemd/system/fcoemon.socket"
	systemctl --root="$STAGE" enable -q fcoemond.socket fcoemond.service \
		fcoelab-target.service fcoelab-witness.service fcoelab-needs-lun.service
	echo "@@SD-WITNESS-DONE@@"	# the console must show the witness ran
	exit 0
fi
. /fcoelab/lib.sh
SCEN=fstab
echo "@@SD-BOOTED uptime=$(up)s kernel=$(uname -r)@@"
systemctl is-system-running --wait >/dev/null 2>&1
note "$(systemd-analyze time 2>&1 | head -1)"
state=$(systemctl is-system-running)
systemctl --failed --no-legend --plain | sed 's/^/  failed unit: /'
check "the boot finished ($state), no unit failed" test "$state" = running
check "fcoemond.service started at boot (enabled)" test "$(prop $U ActiveState) $(prop $U UnitFileState)" = "active enabled"
check "the lab's target is up (fcoelab-target.service)" test "$(prop fcoelab-target.service ActiveState)" = active
journalctl -q -b -u fcoelab-target.service -u $U -o cat | grep -v '^AUDIT' | sed 's/^/  log: /' | head -16
ms() { awk -v t="$1" 'BEGIN { printf "%.2f s", t / 1e6 }'; }	# monotonic usec -> s
tfc=$(prop $U ActiveEnterTimestampMonotonic)
H=$(fchost_of eth0)
note "fcoemond.service active at $(ms "$tfc"); eth0 ${H##*/} $(cat "$H/port_state" 2>/dev/null)"
for n in 0 1; do
	m=srv-lun$n.mount
	dev=$(systemd-escape --path --suffix=device /dev/disk/by-label/FCOELUN$n)
	tdev=$(prop "$dev" ActiveEnterTimestampMonotonic)
	tms=$(prop $m InactiveExitTimestampMonotonic) tma=$(prop $m ActiveEnterTimestampMonotonic)
	note "$m: LUN device at $(ms "$tdev"), mount started $(ms "$tms"), mounted $(ms "$tma"); After=: $(prop $m After | tr ' ' '\n' | grep -E 'fcoemond|remote-fs-pre|device' | tr '\n' ' ')"
	check "$m mounted at boot (active, result success)" test "$(prop $m ActiveState) $(prop $m Result)" = "active success"
	src=$(findmnt -n -o SOURCE /srv/lun$n)
	d=${src#/dev/}
	check "/srv/lun$n is $src, a disk behind eth0's FCoE host ${H##*/}" sh -c "[ -n '$d' ] && readlink -f /sys/class/block/$d | grep -q '/${H##*/}/'"
	check "/srv/lun$n: the mount started after the LUN appeared" test -n "$tdev" -a "$tdev" != 0 -a "$tms" -ge "$tdev"
	check "/srv/lun$n: the lab's file reads back" grep -qx "written by the lab before boot" /srv/lun$n/hello
	echo "written at boot $n" > /srv/lun$n/boot && sync
	check "/srv/lun$n: writable, synced to the LUN" grep -qx "written at boot $n" /srv/lun$n/boot
done
# The passive target the _netdev mounts are ordered after: active only if
# something wants it (fcoemond.service does); inactive, it orders nothing.
check "remote-fs-pre.target active (wanted by fcoemond.service), so the mounts' ordering after fcoemond binds" \
	test "$(prop remote-fs-pre.target ActiveState)" = active
check "no device timeout or failed dependency in this boot's journal" sh -c \
	"! journalctl -q -b -o cat | grep -q 'Timed out waiting for device\|Dependency failed'"
systemd-analyze critical-chain srv-lun0.mount 2>/dev/null | tail -n +3 | sed 's/^/  critical-chain: /' | head -12
# A unit ordered only After=fcoemond.service found the instance up or not
# (Type=notify: fcoemond.service is active once its instances are).
r=$(cat /run/fcoelab-needs-lun 2>/dev/null)
tn=$(prop fcoelab-needs-lun.service ExecMainStartTimestampMonotonic)
note "fcoelab-needs-lun.service ran at $(ms "$tn"): $r; the LUN appeared at $(ms "$(prop "$(systemd-escape --path --suffix=device /dev/disk/by-label/FCOELUN0)" ActiveEnterTimestampMonotonic)")"
note "fcoemond: $(journalctl -q -b -u $U -o cat | grep -m1 'start-up done') (systemd: $(prop $U StatusText))"
check "readiness: fcoemond.service is Type=notify and said why it is ready ($(prop $U Type); $(prop $U StatusText))" \
	test "$(prop $U Type)" = notify -a "$(prop $U StatusText)" = "1 of 1 configured FCoE instance up"
check "readiness: fcoemond.service became active after the instance was up ($(ms "$tfc"))" \
	sh -c "journalctl -q -b -u $U -o cat | grep -q 'start-up done after .*: 1 of 1 configured FCoE instance up'"
check "readiness: a unit ordered After=fcoemond.service found eth0's instance enabled and Online ($r)" \
	sh -c "case '$r' in instance=1/Online*) ;; *) exit 1 ;; esac"
note "the shutdown witness: $(prop fcoelab-witness.service ActiveState) (after $(prop fcoelab-witness.service After | wc -w) units, before: $(prop fcoelab-witness.service Before))"
echo "@@SD-EXIT=$((FAILS > 0)) uptime=$(up)s@@"
systemctl reboot --no-block
