/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests of monitor/dcb/lldpad_conn.c on a fake clock: attach only when
 * needed, keepalive, lldpad going away and coming back, R0a.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/dcb/lldpad_conn.h"
#include "tests/unit/check_main.h"

/* The parsed form of one datagram from lldpad. */
static struct lldpad_msg
msg(const char *s)
{
	struct lldpad_msg m;

	lldpad_msg_parse(s, strlen(s), &m);
	return m;
}

static enum lc_ev
feed(struct lconn *c, const char *s, uint64_t now)
{
	struct lldpad_msg m = msg(s);

	return lc_reply(c, &m, now);
}

/* Up at t=0: attach sent and answered. */
static void
bring_up(struct lconn *c)
{
	lc_init(c);
	ck_assert_int_eq(lc_step(c, true, 0), LC_DO_ATTACH);
	lc_sent(c, LC_DO_ATTACH, 0, 0);
	ck_assert_int_eq(feed(c, "R00A", 5), LC_EV_ATTACHED);
	ck_assert(lc_up(c));
}

START_TEST(idle_without_dcb)
{
	struct lconn c;

	lc_init(&c);
	ck_assert_int_eq(lc_step(&c, false, 0), LC_DO_NOTHING);
	ck_assert_int_eq(lc_step(&c, false, 1000000), LC_DO_NOTHING);
	ck_assert(c.due == LC_NEVER);	/* no timer wakes an idle monitor */
}
END_TEST

START_TEST(attach_then_keepalive)
{
	struct lconn c;

	bring_up(&c);
	ck_assert_int_eq(c.attaches, 1);
	ck_assert_int_eq(lc_step(&c, true, 9000), LC_DO_NOTHING);
	ck_assert_int_eq(lc_step(&c, true, 10005), LC_DO_PING);
	lc_sent(&c, LC_DO_PING, 0, 10005);
	ck_assert_int_eq(feed(&c, "R00PPONG4321", 10010), LC_EV_NONE);
	ck_assert(!c.ping_pending);
	ck_assert_int_eq(lc_step(&c, true, 15000), LC_DO_NOTHING);
	ck_assert_int_eq(lc_step(&c, true, 20005), LC_DO_PING);
}
END_TEST

START_TEST(activity_defers_ping)
{
	struct lconn c;

	bring_up(&c);
	lc_activity(&c, 8000);
	ck_assert_int_eq(lc_step(&c, true, 10005), LC_DO_NOTHING);
	ck_assert_int_eq(lc_step(&c, true, 18000), LC_DO_PING);
}
END_TEST

START_TEST(unanswered_ping_reattaches)
{
	struct lconn c;

	bring_up(&c);
	ck_assert_int_eq(lc_step(&c, true, 10005), LC_DO_PING);
	lc_sent(&c, LC_DO_PING, 0, 10005);
	/* no PONG for a whole period: lldpad is gone, attach again at once */
	ck_assert_int_eq(lc_step(&c, true, 20005), LC_DO_ATTACH);
	ck_assert_int_eq(c.losses, 1);
	lc_sent(&c, LC_DO_ATTACH, 0, 20005);
	/* and the re-attach tells the caller to restart every sequence */
	ck_assert_int_eq(feed(&c, "R00A", 20010), LC_EV_ATTACHED);
	ck_assert_int_eq(c.attaches, 2);
}
END_TEST

START_TEST(send_failure_retries_soon)
{
	struct lconn c;

	bring_up(&c);
	ck_assert_int_eq(lc_step(&c, true, 10005), LC_DO_PING);
	lc_sent(&c, LC_DO_PING, ECONNREFUSED, 10005);	/* lldpad died */
	ck_assert(!lc_up(&c));
	ck_assert_int_eq(lc_step(&c, true, 10500), LC_DO_NOTHING);
	ck_assert_int_eq(lc_step(&c, true, 11005), LC_DO_ATTACH);
}
END_TEST

START_TEST(absent_lldpad_polled_slowly)
{
	struct lconn c;

	lc_init(&c);
	ck_assert_int_eq(lc_step(&c, true, 0), LC_DO_ATTACH);
	lc_sent(&c, LC_DO_ATTACH, ECONNREFUSED, 0);
	ck_assert_int_eq(lc_step(&c, true, 9999), LC_DO_NOTHING);
	ck_assert_int_eq(lc_step(&c, true, 10000), LC_DO_ATTACH);
}
END_TEST

START_TEST(attach_unanswered)
{
	struct lconn c;

	lc_init(&c);
	ck_assert_int_eq(lc_step(&c, true, 0), LC_DO_ATTACH);
	lc_sent(&c, LC_DO_ATTACH, 0, 0);
	ck_assert_int_eq(lc_step(&c, true, 9000), LC_DO_NOTHING);
	ck_assert_int_eq(lc_step(&c, true, 10000), LC_DO_ATTACH);
	/* a stale attach reply in another state changes nothing */
	c.state = LC_DOWN;
	ck_assert_int_eq(feed(&c, "R00A", 10001), LC_EV_NONE);
}
END_TEST

START_TEST(no_access_reported)
{
	struct lconn c;
	char buf[160];

	lc_init(&c);
	ck_assert_int_eq(lc_step(&c, true, 0), LC_DO_ATTACH);
	ck_assert_int_eq(feed(&c, "R0a", 1), LC_EV_NO_ACCESS);
	ck_assert(c.no_access);
	lc_explain(&c, 1, buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "R0a"));
}
END_TEST

START_TEST(not_needed_detaches)
{
	struct lconn c;

	bring_up(&c);
	ck_assert_int_eq(lc_step(&c, false, 100), LC_DO_DETACH);
	ck_assert_int_eq(c.state, LC_IDLE);
	ck_assert_int_eq(lc_step(&c, false, 200), LC_DO_NOTHING);
	ck_assert_int_eq(lc_step(&c, true, 300), LC_DO_ATTACH);
}
END_TEST

START_TEST(explain_texts)
{
	struct lconn c;
	char buf[160];

	lc_init(&c);
	lc_explain(&c, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "lldpad not needed (no DCB_REQUIRED entry)");
	lc_step(&c, true, 0);
	lc_sent(&c, LC_DO_ATTACH, ECONNREFUSED, 0);
	lc_explain(&c, 4000, buf, sizeof(buf));
	ck_assert_str_eq(buf, "lldpad not reachable, next attempt in 6.0 s");
	bring_up(&c);
	lc_explain(&c, 10, buf, sizeof(buf));
	ck_assert_str_eq(buf, "attached to lldpad");
}
END_TEST

static Suite *
conn_suite(void)
{
	Suite *s = suite_create("lldpad_conn");
	TCase *tc = tcase_create("conn");

	tcase_add_test(tc, idle_without_dcb);
	tcase_add_test(tc, attach_then_keepalive);
	tcase_add_test(tc, activity_defers_ping);
	tcase_add_test(tc, unanswered_ping_reattaches);
	tcase_add_test(tc, send_failure_retries_soon);
	tcase_add_test(tc, absent_lldpad_polled_slowly);
	tcase_add_test(tc, attach_unanswered);
	tcase_add_test(tc, no_access_reported);
	tcase_add_test(tc, not_needed_detaches);
	tcase_add_test(tc, explain_texts);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(conn_suite());
}
