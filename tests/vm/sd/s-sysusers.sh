# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Check "sysusers" (service boot): the monitor's user as a package's
# postinst creates it, by Debian's systemd-sysusers from the installed entry.
. /fcoelab/lib.sh
check "the image has no _fcoemon before systemd-sysusers" sh -c '! getent passwd _fcoemon'
check "make install put the sysusers entry in /usr/lib/sysusers.d" test -f /usr/lib/sysusers.d/fcoemond.conf
systemd-sysusers 2>&1 | sed 's/^/  systemd-sysusers | /'
getent passwd _fcoemon | sed 's/^/  passwd: /'
check "systemd-sysusers created _fcoemon (home /nonexistent, shell nologin)" sh -c \
	'getent passwd _fcoemon | grep -Eq "^_fcoemon:x:[0-9]+:[0-9]+:[^:]*:/nonexistent:/usr/sbin/nologin$"'
check "_fcoemon is a system user (uid below 1000)" test "$(id -u _fcoemon)" -lt 1000
check "... with a group of its own" test "$(id -gn _fcoemon)" = _fcoemon
finish
