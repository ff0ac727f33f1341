# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# tests/vm/sd/boot-service.sh - the "service" boot of tests/vm/systemd.sh:
# /fcoelab/run in the guest (fcoelab-run.service, after multi-user.target).
# Nothing of fcoemond is enabled at boot: the checks do what a user does,
# one after the other on the state the previous one left, then poweroff.
# With --stage (on the host, STAGE=payload dir): what the boot needs beyond
# `make install` -- nothing here.
[ "${1:-}" = --stage ] && exit 0
. /fcoelab/lib.sh
SCEN=boot
echo "@@SD-BOOTED uptime=$(up)s kernel=$(uname -r)@@"
systemctl is-system-running --wait >/dev/null 2>&1
note "$(systemctl --version | head -1); $(systemd-analyze time 2>&1 | head -1)"
check "systemd is PID 1" test "$(cat /proc/1/comm)" = systemd
state=$(systemctl is-system-running)
systemctl --failed --no-legend --plain | sed 's/^/  failed unit: /'
# Debian's fcoe-utils.service fails at boot when no cfg file names an
# interface (its fcoemon exits): Debian's, not fcoemond's.
check "the boot finished ($state), no unit failed but Debian's fcoe-utils.service" \
	test -z "$(systemctl --failed --no-legend --plain | awk '{ print $1 }' | grep -vx fcoe-utils.service)"
for i in eth0 eth1 eth2; do ip link set "$i" up; done
failed=""
for s in $(cat /fcoelab/checks 2>/dev/null || echo sysusers enable journal reload sockact nocfg nomod san vendor broken); do
	t0=$(up)
	echo "=== $s"
	SCEN=$s timeout 300 sh /fcoelab/s-$s.sh || failed="$failed $s"
	echo "=== $s: $(awk -v a="$t0" -v b="$(up)" 'BEGIN { printf "%.1f", b - a }') s"
done
[ -z "$failed" ] || { echo "sd: failed:$failed"; journalctl -q -b -u fcoemond.service -u fcoemond.socket --no-pager | tail -60; }
echo "@@SD-EXIT=$([ -z "$failed" ] && echo 0 || echo 1) uptime=$(up)s@@"
systemctl poweroff --no-block
