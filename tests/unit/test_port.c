/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests of monitor/engine/port.c: the action table row by row, and the
 * outcomes of each operation (fcoemon's "failed create counts as created"
 * must not come back).
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>

#include "monitor/engine/port.h"
#include "tests/unit/check_main.h"

static const struct {
	enum port_state s;
	enum port_want w;
	enum port_op op;
} plan[] = {
	{ PS_ABSENT, PW_ENABLED, PO_CREATE },
	{ PS_DISABLED, PW_ENABLED, PO_ENABLE },
	{ PS_ENABLED, PW_ENABLED, PO_NONE },
	{ PS_ABSENT, PW_DISABLED, PO_NONE },
	{ PS_DISABLED, PW_DISABLED, PO_NONE },
	{ PS_ENABLED, PW_DISABLED, PO_DISABLE },
	{ PS_ABSENT, PW_ABSENT, PO_NONE },
	{ PS_DISABLED, PW_ABSENT, PO_DESTROY },
	{ PS_ENABLED, PW_ABSENT, PO_DESTROY },
	{ PS_ABSENT, PW_KEEP, PO_NONE },
	{ PS_DISABLED, PW_KEEP, PO_NONE },
	{ PS_ENABLED, PW_KEEP, PO_NONE },
};

START_TEST(plan_table)
{
	struct port p = { .state = plan[_i].s };

	ck_assert_int_eq(port_plan(&p, plan[_i].w), plan[_i].op);
}
END_TEST

START_TEST(want_of_decisions)
{
	ck_assert_int_eq(port_want_of(DCB_CREATE_OR_ENABLE, true), PW_ENABLED);
	ck_assert_int_eq(port_want_of(DCB_DISABLE, true), PW_DISABLED);
	ck_assert_int_eq(port_want_of(DCB_DESTROY, true), PW_ABSENT);
	ck_assert_int_eq(port_want_of(DCB_WAIT, true), PW_KEEP);
	ck_assert_int_eq(port_want_of(DCB_RETRY, true), PW_KEEP);
	ck_assert_int_eq(port_want_of(DCB_CREATE_OR_ENABLE, false), PW_ABSENT);
}
END_TEST

START_TEST(failed_create_not_created)
{
	struct port p = { 0 };

	port_done(&p, PO_CREATE, ENODEV);
	ck_assert_int_eq(p.state, PS_ABSENT);
	ck_assert_int_eq(p.last_err, ENODEV);
	ck_assert_int_eq(p.failures, 1);
	/* the next relevant event tries again: a create, not an enable */
	ck_assert_int_eq(port_plan(&p, PW_ENABLED), PO_CREATE);
	port_done(&p, PO_CREATE, 0);
	ck_assert_int_eq(p.state, PS_ENABLED);
	ck_assert_int_eq(p.failures, 0);
}
END_TEST

/* failures counts repeats of one errno, so each new errno is logged once. */
START_TEST(failures_count_the_same_errno)
{
	struct port p = { 0 };

	port_done(&p, PO_CREATE, EACCES);
	port_done(&p, PO_CREATE, EACCES);
	ck_assert_int_eq(p.failures, 2);
	port_done(&p, PO_CREATE, ENOSPC);
	ck_assert_int_eq(p.failures, 1);
	port_done(&p, PO_CREATE, 0);
	ck_assert_int_eq(p.failures, 0);
	port_done(&p, PO_DISABLE, ENOSPC);
	ck_assert_int_eq(p.failures, 1);
}
END_TEST

START_TEST(create_eexist_then_enable)
{
	struct port p = { 0 };

	port_done(&p, PO_CREATE, EEXIST);
	ck_assert_int_eq(p.state, PS_DISABLED);
	ck_assert_int_eq(port_plan(&p, PW_ENABLED), PO_ENABLE);
}
END_TEST

START_TEST(flap_disables_never_destroys)
{
	struct port p = { .state = PS_ENABLED };

	ck_assert_int_eq(port_plan(&p, port_want_of(DCB_DISABLE, true)),
	    PO_DISABLE);
	port_done(&p, PO_DISABLE, 0);
	ck_assert_int_eq(p.state, PS_DISABLED);
	ck_assert_int_eq(port_plan(&p, port_want_of(DCB_CREATE_OR_ENABLE,
	    true)), PO_ENABLE);
	port_done(&p, PO_ENABLE, 0);
	ck_assert_int_eq(p.state, PS_ENABLED);
}
END_TEST

START_TEST(vanished_instance)
{
	struct port p = { .state = PS_ENABLED };

	port_done(&p, PO_DISABLE, ENODEV);
	ck_assert_int_eq(p.state, PS_ABSENT);
	p.state = PS_ENABLED;
	port_done(&p, PO_DESTROY, ENODEV);	/* VLAN deleted: already gone */
	ck_assert_int_eq(p.state, PS_ABSENT);
	p.state = PS_ENABLED;
	port_done(&p, PO_DESTROY, EBUSY);	/* really failed: still there */
	ck_assert_int_eq(p.state, PS_ENABLED);
	ck_assert_int_eq(port_plan(&p, PW_ABSENT), PO_DESTROY);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(port_state_str(PS_DISABLED), "disabled");
	ck_assert_str_eq(port_op_str(PO_DESTROY), "destroy");
	ck_assert_str_eq(port_op_str((enum port_op)9), "unknown");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("port");
	TCase *tc = tcase_create("port");

	tcase_add_loop_test(tc, plan_table, 0, sizeof(plan) / sizeof(plan[0]));
	tcase_add_test(tc, want_of_decisions);
	tcase_add_test(tc, failed_create_not_created);
	tcase_add_test(tc, failures_count_the_same_errno);
	tcase_add_test(tc, create_eexist_then_enable);
	tcase_add_test(tc, flap_disables_never_destroys);
	tcase_add_test(tc, vanished_instance);
	tcase_add_test(tc, names);
	suite_add_tcase(s, tc);
	return check_run(s);
}
