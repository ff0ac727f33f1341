/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the tests (as root, in a throwaway network namespace): prints one
 * line per callback of monitor/io/links.c, so that pytest can check the link
 * table against the kernel's.  Not installed.
 *
 *   NEW|CHANGE|DEL <ifindex> <name> up=<0|1> oper=<n> admin=<0|1>
 *       kind=<kind|-> parent=<ifindex> pname=<name|-> vid=<n> [old=<name>]
 *       [resync]
 *   RESYNCED count=<links> resyncs=<n>
 *   READY count=<links>                    after the initial dump
 *   TABLE ... (same fields), then END count=<n> resyncs=<n> on SIGUSR1
 *
 * LINKWATCH_RCVBUF=<bytes> shrinks the event socket's buffer (overrun tests).
 * SIGTERM exits 0.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "monitor/io/links.h"

static const char *const names[] = {
	[LINK_NEW] = "NEW", [LINK_CHANGE] = "CHANGE", [LINK_DEL] = "DEL",
	[LINK_RESYNCED] = "RESYNCED",
};

static struct links *lk;
static int errors;

static void
print_link(const char *tag, const struct link_info *li)
{
	printf("%s %d %s up=%d oper=%u admin=%d kind=%s parent=%d pname=%s "
	       "vid=%u", tag, li->ifindex, li->name, li->oper_up,
	       li->operstate, li->admin_up, li->kind[0] ? li->kind : "-",
	       li->parent_ifindex, li->parent_name[0] ? li->parent_name : "-",
	       li->vid);
}

/* The lookups must find the record just reported, by both keys. */
static void
check_lookups(const struct link_info *li)
{
	const struct link_info *a = links_by_index(lk, li->ifindex);
	const struct link_info *b = links_by_name(lk, li->name);

	if (!a || !b || a != b || strcmp(a->name, li->name)) {
		printf("LOOKUP-MISMATCH %d %s\n", li->ifindex, li->name);
		errors++;
	}
}

static void
on_link(const struct link_event *ev, void *arg)
{
	(void)arg;
	if (ev->type == LINK_RESYNCED) {
		printf("RESYNCED count=%zu resyncs=%lu\n",
		       lk ? links_count(lk) : 0, lk ? links_resyncs(lk) : 0);
		return;
	}
	print_link(names[ev->type], &ev->link);
	if (ev->old_name[0])
		printf(" old=%s", ev->old_name);
	printf("%s\n", ev->resync ? " resync" : "");
	if (lk && ev->type != LINK_DEL)
		check_lookups(&ev->link);
	if (lk && ev->type == LINK_DEL &&
	    links_by_index(lk, ev->link.ifindex)) {
		printf("DEL-STILL-PRESENT %d\n", ev->link.ifindex);
		errors++;
	}
}

static void
dump_one(const struct link_info *li, void *arg)
{
	(void)arg;
	print_link("TABLE", li);
	printf("\n");
	check_lookups(li);
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	(void)what;
	if (sig == SIGUSR1) {
		links_foreach(lk, dump_one, NULL);
		printf("END count=%zu resyncs=%lu errors=%d\n",
		       links_count(lk), links_resyncs(lk), errors);
		return;
	}
	event_base_loopbreak(arg);
}

static struct event_base *
new_base(void)
{
	struct event_config *cfg = event_config_new();
	struct event_base *base;

	if (!cfg)
		return NULL;
	event_config_set_flag(cfg, EVENT_BASE_FLAG_NOLOCK |
			      EVENT_BASE_FLAG_IGNORE_ENV);
	base = event_base_new_with_config(cfg);
	event_config_free(cfg);
	return base;
}

int
main(void)
{
	struct event_base *base = new_base();
	struct event *term, *usr1;
	const char *rcv = getenv("LINKWATCH_RCVBUF");

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!base)
		return 1;
	term = evsignal_new(base, SIGTERM, on_signal, base);
	usr1 = evsignal_new(base, SIGUSR1, on_signal, base);
	if (!term || !usr1 || evsignal_add(term, NULL) < 0 ||
	    evsignal_add(usr1, NULL) < 0)
		return 1;
	if (links_open(&lk, base, on_link, NULL) != 0) {
		perror("links_open");
		return 1;
	}
	if (rcv && links_set_rcvbuf(lk, atoi(rcv)) < 0) {
		perror("links_set_rcvbuf");
		return 1;
	}
	printf("READY count=%zu\n", links_count(lk));
	event_base_dispatch(base);
	links_close(lk);
	event_free(term);
	event_free(usr1);
	event_base_free(base);
	return errors ? 2 : 0;
}
