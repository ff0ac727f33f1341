/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check) of code run by the monitor (unprivileged): its log,
 * monitor/util/log.c, with stderr a pipe the test reads.  Held lines (a
 * cycle of the event loop holds them until its flush timer) come out
 * whole, in order, none lost: at log_flush, before a line logged while
 * not held, when the queue is full, and before fatal's own line.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "monitor/util/log.h"
#include "tests/unit/check_main.h"

static int rd = -1;	/* the read end of the pipe that is now stderr */

static void
setup(void)
{
	int p[2];

	ck_assert_int_eq(pipe2(p, O_NONBLOCK), 0);
	ck_assert_int_eq(dup2(p[1], 2), 2);
	close(p[1]);
	rd = p[0];
	log_init("t", 1, 0, 1);
	log_hold(0);
	log_flush();
}

/* Everything written to stderr since the last call. */
static const char *
out(void)
{
	static char buf[8192];
	ssize_t n = read(rd, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

START_TEST(held_until_flush_in_order)
{
	setup();
	log_hold(1);
	log_notice("one");
	log_debug("two");
	ck_assert_uint_eq(log_held(), 2);
	log_hold(0);
	ck_assert_str_eq(out(), "");
	log_flush();
	ck_assert_str_eq(out(), "t: one\nt: two\n");
	ck_assert_uint_eq(log_held(), 0);
}
END_TEST

START_TEST(unheld_line_flushes_first)
{
	setup();
	log_hold(1);
	log_info("decided");
	log_hold(0);
	log_warnx("later, outside a cycle");
	ck_assert_str_eq(out(), "t: decided\nt: later, outside a cycle\n");
}
END_TEST

START_TEST(full_queue_loses_nothing)
{
	char want[2048] = "";
	int i;

	setup();
	log_hold(1);
	for (i = 0; i < 40; i++) {
		log_info("line %d", i);
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
		    "t: line %d\n", i);
	}
	ck_assert_uint_lt(log_held(), 40);	/* some went already */
	log_flush();
	ck_assert_str_eq(out(), want);
}
END_TEST

START_TEST(debug_off_holds_nothing)
{
	setup();
	log_init("t", 0, 0, 1);
	log_hold(1);
	log_debug("not shown");
	ck_assert_uint_eq(log_held(), 0);
	log_flush();
	ck_assert_str_eq(out(), "");
}
END_TEST

START_TEST(fatal_writes_held_lines_first)
{
	pid_t pid;
	int st;

	setup();
	if ((pid = fork()) == 0) {
		log_hold(1);
		log_notice("what led to it");
		fatalx("the end");
	}
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 1);
	ck_assert_str_eq(out(), "t: what led to it\nt: fatal: the end\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("hold");

	tcase_add_test(tc, held_until_flush_in_order);
	tcase_add_test(tc, unheld_line_flushes_first);
	tcase_add_test(tc, full_queue_loses_nothing);
	tcase_add_test(tc, debug_off_holds_nothing);
	tcase_add_test(tc, fatal_writes_held_lines_first);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(suite());
}
