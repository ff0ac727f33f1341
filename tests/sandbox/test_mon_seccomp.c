/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Sandbox tests (check): the monitor's production seccomp policy
 * (monitor/io/sandbox.c), loaded in a forked child, never in check's own
 * process.  A compromised monitor may open the sockets it needs after its
 * start-up -- a syslog reconnect (AF_UNIX datagram or stream), an
 * rtnetlink resync (AF_NETLINK, NETLINK_ROUTE) -- and nothing else: every
 * other family, unix type or netlink protocol kills it with SIGSYS.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <check.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "monitor/io/sandbox.h"
#include "tests/unit/check_main.h"

/* The child's fate after socket(dom, type, proto) under the policy:
 * 0 it survived, else the signal that ended it. */
static int
fate(int dom, int type, int proto)
{
	struct rlimit none = { 0, 0 };
	int st;
	pid_t pid = fork();

	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		(void)setrlimit(RLIMIT_CORE, &none);
		(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (sandbox_seccomp(FCP_SC_KILL, 2) != 0)
			_exit(99);
		(void)socket(dom, type, proto);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	if (WIFEXITED(st)) {
		ck_assert_int_ne(WEXITSTATUS(st), 99);
		return 0;
	}
	return WTERMSIG(st);
}

START_TEST(sockets_it_needs)
{
	ck_assert_int_eq(fate(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), 0);
	ck_assert_int_eq(fate(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), 0);
	ck_assert_int_eq(fate(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
	    NETLINK_ROUTE), 0);
}
END_TEST

START_TEST(other_netlink_protocols_kill)
{
	ck_assert_int_eq(fate(AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT),
	    SIGSYS);
	ck_assert_int_eq(fate(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC), SIGSYS);
	ck_assert_int_eq(fate(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT), SIGSYS);
	ck_assert_int_eq(fate(AF_NETLINK, SOCK_DGRAM, NETLINK_SOCK_DIAG),
	    SIGSYS);
}
END_TEST

START_TEST(other_unix_types_and_families_kill)
{
	ck_assert_int_eq(fate(AF_UNIX, SOCK_SEQPACKET, 0), SIGSYS);
	ck_assert_int_eq(fate(AF_UNIX, SOCK_RAW, 0), SIGSYS);
	ck_assert_int_eq(fate(AF_INET, SOCK_DGRAM, 0), SIGSYS);
	ck_assert_int_eq(fate(AF_INET6, SOCK_STREAM, 0), SIGSYS);
	ck_assert_int_eq(fate(AF_PACKET, SOCK_RAW, 0), SIGSYS);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("monitor seccomp");
	TCase *tc = tcase_create("socket");

	tcase_add_test(tc, sockets_it_needs);
	tcase_add_test(tc, other_netlink_protocols_kill);
	tcase_add_test(tc, other_unix_types_and_families_kill);
	suite_add_tcase(s, tc);
	return check_run(s);
}
