/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check) of code run by the monitor (unprivileged): its one
 * hash table, monitor/util/nmap.c, as the engine, the config list and the
 * link table use it -- names and integer keys side by side, the newest of
 * equal keys first (the link table relies on it while a resync is half
 * applied), through growth, and deletion from inside nmap_foreach.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/util/nmap.h"
#include "tests/unit/check_main.h"

#define N	5000

struct ent {
	struct nmap_node node;		/* first: the node is the entry */
	char	 name[16];
	int	 idx;
};

static struct ent *
ents(void)
{
	struct ent *v = calloc(N, sizeof(*v));
	int i;

	ck_assert_ptr_nonnull(v);
	for (i = 0; i < N; i++) {
		snprintf(v[i].name, sizeof(v[i].name), "eth0.%d", i);
		v[i].idx = i + 1;
	}
	return v;
}

START_TEST(names_and_ints)
{
	struct nmap byname, byidx;
	struct ent *a = ents(), *b = ents();
	int i;

	nmap_init(&byname);
	nmap_init(&byidx);
	for (i = 0; i < N; i++) {
		ck_assert_int_eq(nmap_put(&byname, &a[i].node, a[i].name), 0);
		ck_assert_int_eq(nmap_put_int(&byidx, &b[i].node, b[i].idx), 0);
	}
	ck_assert_uint_eq(byname.n, N);
	ck_assert_uint_ge(byname.nb, byname.n);
	for (i = 0; i < N; i++) {
		ck_assert_ptr_eq(nmap_get(&byname, a[i].name), &a[i].node);
		ck_assert_ptr_eq(nmap_get_int(&byidx, b[i].idx), &b[i].node);
		ck_assert_uint_le(nmap_probes(&byname, a[i].name), 24);
	}
	ck_assert_ptr_null(nmap_get(&byname, "eth1.1"));
	ck_assert_ptr_null(nmap_get_int(&byidx, 0));
	ck_assert_ptr_null(nmap_get_int(&byidx, N + 1));
	/* An integer key never matches a name, whatever the hashes do. */
	ck_assert_ptr_null(nmap_get(&byidx, "1"));
	for (i = 0; i < N; i += 2) {
		nmap_del(&byname, &a[i].node);
		nmap_del(&byidx, &b[i].node);
	}
	for (i = 0; i < N; i++) {
		ck_assert_ptr_eq(nmap_get(&byname, a[i].name),
		    i % 2 ? &a[i].node : NULL);
		ck_assert_ptr_eq(nmap_get_int(&byidx, b[i].idx),
		    i % 2 ? &b[i].node : NULL);
	}
	nmap_free(&byname);
	nmap_free(&byidx);
	free(a);
	free(b);
}
END_TEST

/* Two entries under one name: the one put last is found, also after the
 * table doubled (many times) in between. */
START_TEST(newest_first_through_growth)
{
	struct nmap m;
	struct ent old = { .name = "vlan100" }, new = { .name = "vlan100" };
	struct ent *fill = ents();
	int i;

	nmap_init(&m);
	ck_assert_int_eq(nmap_put(&m, &old.node, old.name), 0);
	ck_assert_int_eq(nmap_put(&m, &new.node, new.name), 0);
	for (i = 0; i < N; i++)
		ck_assert_int_eq(nmap_put(&m, &fill[i].node, fill[i].name), 0);
	ck_assert_ptr_eq(nmap_get(&m, "vlan100"), &new.node);
	nmap_del(&m, &new.node);
	ck_assert_ptr_eq(nmap_get(&m, "vlan100"), &old.node);
	nmap_free(&m);
	free(fill);
}
END_TEST

static void
drop(struct nmap_node *n, void *arg)
{
	struct nmap *m = arg;

	nmap_del(m, n);
	memset(n, 0xa5, sizeof(*n));	/* as if freed */
}

START_TEST(foreach_may_delete)
{
	struct nmap m;
	struct ent *v = ents();
	int i;

	nmap_init(&m);
	for (i = 0; i < N; i++)
		ck_assert_int_eq(nmap_put_int(&m, &v[i].node, v[i].idx), 0);
	nmap_foreach(&m, drop, &m);
	ck_assert_uint_eq(m.n, 0);
	nmap_free(&m);
	free(v);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("nmap");
	TCase *t = tcase_create("nmap");

	tcase_add_test(t, names_and_ints);
	tcase_add_test(t, newest_first_through_growth);
	tcase_add_test(t, foreach_may_delete);
	suite_add_tcase(s, t);
	return check_run(s);
}
