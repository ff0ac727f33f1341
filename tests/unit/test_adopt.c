/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests of monitor/io/adopt.c against scratch sysfs trees laid out as the
 * Debian 6.1 kernel has them (doc/kernel.md "fc_host, ctlr, reset and scan").
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "monitor/io/adopt.h"
#include "tests/unit/check_main.h"

static char root[64];

static void
mk(const char *rel, const char *content)
{
	char path[256], cmd[300];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", path);
	ck_assert_int_eq(system(cmd), 0);
	if (content == NULL) {
		ck_assert_int_eq(mkdir(path, 0755), 0);
	} else {
		FILE *f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		fputs(content, f);
		fclose(f);
	}
}

static void
setup(void)
{
	snprintf(root, sizeof(root), "/tmp/adopt-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	(void)!system(cmd);
}

START_TEST(enabled_instance)
{
	enum port_state s;
	char ctlr[32];

	mk("sys/class/net/eth0/address", "52:54:00:fc:00:01\n");
	mk("sys/class/net/eth0/ctlr_3/enabled", "1\n");
	mk("sys/class/net/eth0/ctlr_3/mode", "VN2VN\n");
	ck_assert_int_eq(adopt_state(root, "eth0", &s, ctlr, sizeof(ctlr)), 0);
	ck_assert_int_eq(s, PS_ENABLED);
	ck_assert_str_eq(ctlr, "ctlr_3");
}
END_TEST

START_TEST(disabled_instance)
{
	enum port_state s;
	char ctlr[32];

	mk("sys/class/net/eth0.100-fcoe/ctlr_0/enabled", "0\n");
	ck_assert_int_eq(adopt_state(root, "eth0.100-fcoe", &s, ctlr,
	    sizeof(ctlr)), 0);
	ck_assert_int_eq(s, PS_DISABLED);
}
END_TEST

START_TEST(no_instance_or_no_interface)
{
	enum port_state s = PS_ENABLED;
	char ctlr[32];

	mk("sys/class/net/eth1/address", "x\n");
	mk("sys/class/net/eth1/ctlr_x", NULL);		/* not ctlr_<digits> */
	ck_assert_int_eq(adopt_state(root, "eth1", &s, ctlr, sizeof(ctlr)), 0);
	ck_assert_int_eq(s, PS_ABSENT);
	s = PS_ENABLED;
	ck_assert_int_eq(adopt_state(root, "nosuch0", &s, ctlr, sizeof(ctlr)),
	    0);
	ck_assert_int_eq(s, PS_ABSENT);
}
END_TEST

START_TEST(unreadable_enabled)
{
	enum port_state s;
	char ctlr[32];

	mk("sys/class/net/eth2/ctlr_1", NULL);		/* no enabled file */
	ck_assert_int_eq(adopt_state(root, "eth2", &s, ctlr, sizeof(ctlr)),
	    ENOENT);
	ck_assert_int_eq(s, PS_ABSENT);
}
END_TEST

int
main(void)
{
	Suite *su = suite_create("adopt");
	TCase *tc = tcase_create("adopt");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, enabled_instance);
	tcase_add_test(tc, disabled_instance);
	tcase_add_test(tc, no_instance_or_no_interface);
	tcase_add_test(tc, unreadable_enabled);
	suite_add_tcase(su, tc);
	return check_run(su);
}
