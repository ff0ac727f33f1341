/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator (drop_actuator, verify_actuator) and by the child that
 * becomes the monitor (drop_child, verify_child; also fcoemond --check-config
 * before it execs the checker): the privilege drops, and a read-back that
 * also tries to regain what was given up.
 */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <cap-ng.h>
#include <linux/capability.h>
#include <linux/securebits.h>

#include "privsep/privsep.h"

#define SECBITS_LOCKED	(SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | \
	SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED)

/* capget or capset of all 64 capabilities (libcap-ng keeps its own copy). */
static int
caps(long nr, struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	return (int)syscall(nr, &h, d);
}

/* Effective and permitted exactly `want`; inheritable, bounding, ambient empty. */
static int
check_caps(uint64_t want, char *why, size_t whysz)
{
	struct __user_cap_data_struct d[2];
	uint64_t eff, prm, inh;
	int cap;

	if (caps(SYS_capget, d) == -1)
		return snprintf(why, whysz, "capget failed"), -1;
	eff = d[0].effective | (uint64_t)d[1].effective << 32;
	prm = d[0].permitted | (uint64_t)d[1].permitted << 32;
	inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
	if (eff != want || prm != want || inh != 0)
		return snprintf(why, whysz, "capabilities eff=%llx prm=%llx "
		    "inh=%llx", (unsigned long long)eff,
		    (unsigned long long)prm, (unsigned long long)inh), -1;
	for (cap = 0; cap < 64; cap++) {
		int b = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
		int a = prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0);
		if (b == -1 && errno == EINVAL)
			break;
		if (b != 0 || a > 0)
			return snprintf(why, whysz, "capability %d left in the "
			    "bounding or ambient set", cap), -1;
	}
	return 0;
}

static int
check_ids(uid_t uid, gid_t gid, char *why, size_t whysz)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;

	if (getresuid(&r, &e, &s) == -1 || r != uid || e != uid || s != uid ||
	    getresgid(&rg, &eg, &sg) == -1 || rg != gid || eg != gid ||
	    sg != gid)
		return snprintf(why, whysz, "uids/gids not all %u/%u",
		    (unsigned)uid, (unsigned)gid), -1;
	if (getgroups(0, NULL) != 0)
		return snprintf(why, whysz, "supplementary groups remain"), -1;
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		return snprintf(why, whysz, "no_new_privs not set"), -1;
	return 0;
}

/*
 * uid 0 stays (it owns the 0200 sysfs files); CAP_NET_ADMIN and CAP_KILL
 * are all it keeps.  CAP_KILL lets it kill the monitor (another uid) and
 * its parent-death signal reach it; seccomp limits its use to SIGKILL
 * through the monitor's pidfd.
 */
int
drop_actuator(void)
{
	if (setgroups(0, NULL) == -1 || capng_lock() != 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == -1)
		return -1;
	capng_clear(CAPNG_SELECT_ALL);
	if (capng_updatev(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED,
	    CAP_NET_ADMIN, CAP_KILL, -1) != 0 ||
	    capng_apply(CAPNG_SELECT_ALL) != 0)
		return -1;
	return 0;
}

int
verify_actuator(char *why, size_t whysz)
{
	struct __user_cap_data_struct d[2];
	int bits = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);

	if (check_ids(0, 0, why, whysz) != 0 ||
	    check_caps(1ULL << CAP_NET_ADMIN | 1ULL << CAP_KILL, why,
	    whysz) != 0)
		return -1;
	if (bits == -1 || (bits & SECBITS_LOCKED) != SECBITS_LOCKED)
		return snprintf(why, whysz, "securebits %#x not locked", bits),
		    -1;
	if (prctl(PR_SET_SECUREBITS, 0, 0, 0, 0) != -1)
		return snprintf(why, whysz, "securebits could be cleared"), -1;
	if (setgroups(1, &(gid_t){ 0 }) != -1)
		return snprintf(why, whysz, "setgroups succeeded"), -1;
	if (caps(SYS_capget, d) == 0) {
		d[0].effective |= 1U << CAP_DAC_OVERRIDE;
		d[0].permitted |= 1U << CAP_DAC_OVERRIDE;
		if (caps(SYS_capset, d) != -1)
			return snprintf(why, whysz, "CAP_DAC_OVERRIDE could be "
			    "regained"), -1;
	}
	return 0;
}

int
drop_child(uid_t uid, gid_t gid)
{
	capng_clear(CAPNG_SELECT_ALL);
	if (capng_change_id((int)uid, (int)gid, CAPNG_DROP_SUPP_GRP |
	    CAPNG_CLEAR_BOUNDING | CAPNG_CLEAR_AMBIENT) != 0)
		return -1;
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

int
verify_child(uid_t uid, gid_t gid, char *why, size_t whysz)
{
	if (check_ids(uid, gid, why, whysz) != 0 ||
	    check_caps(0, why, whysz) != 0)
		return -1;
	if (setresuid(0, 0, 0) != -1 || setresgid(0, 0, 0) != -1)
		return snprintf(why, whysz, "uid/gid 0 could be regained"), -1;
	return 0;
}
