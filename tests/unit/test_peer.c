/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests of monitor/control/peer.c (run by the monitor): who may speak
 * on the lldpad socket, who may change FCoE instances over fcoeadm's and
 * fcoectl's sockets, fcoectl's connection slots, and the limiter of what
 * local clients can make the daemon log.  Each check fails if its rule is
 * removed from peer.c.
 */
#include <check.h>
#include <sys/socket.h>

#include "monitor/control/peer.h"
#include "tests/unit/check_main.h"

START_TEST(lldpad_only_root_whole)
{
	ck_assert_int_eq(peer_lldpad_check(0, 0), PEER_LLDPAD_OK);
	ck_assert_int_eq(peer_lldpad_check(0, MSG_CMSG_CLOEXEC),
	    PEER_LLDPAD_OK);
	ck_assert_int_eq(peer_lldpad_check(65534, 0), PEER_LLDPAD_NOT_ROOT);
	ck_assert_int_eq(peer_lldpad_check(1, 0), PEER_LLDPAD_NOT_ROOT);
	/* no credentials at all: sockcred_sender gives uid -1 */
	ck_assert_int_eq(peer_lldpad_check((uid_t)-1, 0),
	    PEER_LLDPAD_NOT_ROOT);
	/* from root, but over 4,096 bytes: dropped, not parsed in part */
	ck_assert_int_eq(peer_lldpad_check(0, MSG_TRUNC),
	    PEER_LLDPAD_TRUNCATED);
	ck_assert_int_eq(peer_lldpad_check(0, MSG_CTRUNC),
	    PEER_LLDPAD_TRUNCATED);
	ck_assert_int_eq(peer_lldpad_check(65534, MSG_TRUNC),
	    PEER_LLDPAD_NOT_ROOT);
}
END_TEST

START_TEST(only_root_changes)
{
	ck_assert(peer_may_change(0));
	ck_assert(!peer_may_change(1));
	ck_assert(!peer_may_change(65534));
	ck_assert(!peer_may_change((uid_t)-1));
}
END_TEST

START_TEST(slots_kept_for_root)
{
	unsigned n;

	/* a user gets PEER_CTL_PER_UID at most */
	for (n = 0; n < PEER_CTL_PER_UID; n++)
		ck_assert(peer_ctl_admit(1000, n, n));
	ck_assert(!peer_ctl_admit(1000, PEER_CTL_PER_UID, PEER_CTL_PER_UID));
	/* many users together leave PEER_CTL_ROOT slots to root */
	ck_assert(peer_ctl_admit(1000, PEER_CTL_MAX - PEER_CTL_ROOT - 1, 0));
	ck_assert(!peer_ctl_admit(1000, PEER_CTL_MAX - PEER_CTL_ROOT, 0));
	for (n = PEER_CTL_MAX - PEER_CTL_ROOT; n < PEER_CTL_MAX; n++)
		ck_assert(peer_ctl_admit(0, n, 0));
	/* root has no per-uid limit, only the total */
	ck_assert(peer_ctl_admit(0, PEER_CTL_MAX - 1, PEER_CTL_MAX - 1));
	ck_assert(!peer_ctl_admit(0, PEER_CTL_MAX, 0));
	ck_assert(!peer_ctl_admit((uid_t)-1, PEER_CTL_MAX - PEER_CTL_ROOT, 0));
}
END_TEST

START_TEST(limiter_burst_then_summary)
{
	struct peer_limit l = { 0 };
	uint64_t t = 1000000;
	int i, logged = 0;

	for (i = 0; i < 1000; i++)
		logged += peer_limit(&l, t + (uint64_t)i);
	ck_assert_int_eq(logged, PEER_LOG_BURST);
	ck_assert_uint_eq(l.total, 1000);
	/* nothing to tell before the window ends */
	ck_assert_uint_eq(peer_limit_flush(&l, t + PEER_LOG_WINDOW_MS - 1), 0);
	ck_assert_uint_eq(peer_limit_due(&l), t + PEER_LOG_WINDOW_MS);
	/* late events still wait for the summary */
	ck_assert(!peer_limit(&l, t + 2 * PEER_LOG_WINDOW_MS));
	ck_assert_uint_eq(peer_limit_flush(&l, t + 2 * PEER_LOG_WINDOW_MS),
	    1000 - PEER_LOG_BURST + 1);
	ck_assert_uint_eq(peer_limit_flush(&l, t + 3 * PEER_LOG_WINDOW_MS), 0);
	/* then a new burst */
	ck_assert(peer_limit(&l, t + 3 * PEER_LOG_WINDOW_MS));
	ck_assert_uint_eq(l.total, 1002);
}
END_TEST

START_TEST(limiter_quiet_client_all_logged)
{
	struct peer_limit l = { 0 };
	uint64_t t = 5;
	int i;

	/* one a window, forever: every one logged, nothing to summarise */
	for (i = 0; i < 100; i++) {
		ck_assert(peer_limit(&l, t));
		ck_assert_uint_eq(peer_limit_flush(&l, t), 0);
		t += PEER_LOG_WINDOW_MS;
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("peer");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, lldpad_only_root_whole);
	tcase_add_test(tc, only_root_changes);
	tcase_add_test(tc, slots_kept_for_root);
	tcase_add_test(tc, limiter_burst_then_summary);
	tcase_add_test(tc, limiter_quiet_client_all_logged);
	suite_add_tcase(s, tc);
	return check_run(s);
}
