/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests of monitor/dcb/lldpad_conn.c (run by the monitor) on a fake
 * clock: a wedged lldpad -- its socket takes our queries, nothing answers
 * -- is told apart from an absent one, reported once per episode, and
 * forgotten at the first answer.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "monitor/dcb/lldpad_conn.h"
#include "tests/unit/check_main.h"

static enum lc_ev
feed(struct lconn *c, const char *s, uint64_t now)
{
	struct lldpad_msg m;

	lldpad_msg_parse(s, strlen(s), &m);
	return lc_reply(c, &m, now);
}

START_TEST(attach_unanswered_is_unresponsive_once)
{
	struct lconn c;
	char why[160];

	lc_init(&c);
	ck_assert_int_eq(lc_step(&c, true, 0), LC_DO_ATTACH);
	lc_sent(&c, LC_DO_ATTACH, 0, 0);	/* the socket took it */
	ck_assert(!lc_unresponsive(&c));	/* not yet a whole period */
	ck_assert(!lc_tell_unresponsive(&c));
	ck_assert_int_eq(lc_step(&c, true, LC_KEEPALIVE_MS), LC_DO_ATTACH);
	lc_sent(&c, LC_DO_ATTACH, 0, LC_KEEPALIVE_MS);
	ck_assert(lc_unresponsive(&c));
	ck_assert(lc_tell_unresponsive(&c));
	ck_assert(!lc_tell_unresponsive(&c));	/* once */
	lc_explain(&c, LC_KEEPALIVE_MS, why, sizeof(why));
	ck_assert_str_eq(why, "lldpad unresponsive: 1 queries unanswered for "
	    "10 s each; restart lldpad");
	ck_assert_int_eq(lc_step(&c, true, 2 * LC_KEEPALIVE_MS),
	    LC_DO_ATTACH);
	ck_assert_uint_eq(c.unanswered, 2);
	ck_assert(!lc_tell_unresponsive(&c));	/* still the same episode */
	/* lldpad answers: the episode is over */
	lc_sent(&c, LC_DO_ATTACH, 0, 2 * LC_KEEPALIVE_MS);
	ck_assert_int_eq(feed(&c, "R00A", 2 * LC_KEEPALIVE_MS + 3),
	    LC_EV_ATTACHED);
	ck_assert(!lc_unresponsive(&c));
	ck_assert_uint_eq(c.unanswered, 0);
}
END_TEST

START_TEST(ping_unanswered_is_unresponsive)
{
	struct lconn c;

	lc_init(&c);
	(void)lc_step(&c, true, 0);
	lc_sent(&c, LC_DO_ATTACH, 0, 0);
	ck_assert_int_eq(feed(&c, "R00A", 1), LC_EV_ATTACHED);
	ck_assert_int_eq(lc_step(&c, true, 1 + LC_KEEPALIVE_MS), LC_DO_PING);
	lc_sent(&c, LC_DO_PING, 0, 1 + LC_KEEPALIVE_MS);
	ck_assert_int_eq(lc_step(&c, true, 1 + 2 * LC_KEEPALIVE_MS),
	    LC_DO_ATTACH);
	ck_assert(lc_unresponsive(&c));
	ck_assert(lc_tell_unresponsive(&c));
}
END_TEST

START_TEST(absent_lldpad_is_not_unresponsive)
{
	struct lconn c;
	char why[160];

	lc_init(&c);
	(void)lc_step(&c, true, 0);
	lc_sent(&c, LC_DO_ATTACH, 0, 0);
	(void)lc_step(&c, true, LC_KEEPALIVE_MS);
	ck_assert(lc_unresponsive(&c));
	/* now nobody listens at all: "not reachable", a different fix */
	lc_sent(&c, LC_DO_ATTACH, ECONNREFUSED, LC_KEEPALIVE_MS);
	ck_assert(!lc_unresponsive(&c));
	ck_assert(!lc_tell_unresponsive(&c));
	lc_explain(&c, LC_KEEPALIVE_MS, why, sizeof(why));
	ck_assert(strncmp(why, "lldpad not reachable", 20) == 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("lldpad unresponsive");
	TCase *tc = tcase_create("wedged");

	tcase_add_test(tc, attach_unanswered_is_unresponsive_once);
	tcase_add_test(tc, ping_unanswered_is_unresponsive);
	tcase_add_test(tc, absent_lldpad_is_not_unresponsive);
	suite_add_tcase(s, tc);
	return check_run(s);
}
