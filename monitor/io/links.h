/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the link table, kept in step with the
 * kernel through rtnetlink (RTNLGRP_LINK, parsed by monitor/wire/rtlink.c)
 * on a libevent loop.
 * See links.c for how it stays complete across overruns.
 */
#ifndef FCOEMOND_LINKS_H
#define FCOEMOND_LINKS_H

#include <stdbool.h>
#include <stdint.h>

#include "monitor/engine/link.h"

struct event_base;
struct links;

typedef void (*links_cb)(const struct link_event *ev, void *arg);

/*
 * Subscribes, dumps, and calls cb with LINK_NEW for every link present
 * before returning, then for every change from the loop.  *lkp is set
 * before the dump, so a callback may already look up other links (a
 * VLAN's parent); during a callback the table holds the new state.
 * 0, or -1 with errno and *lkp NULL.
 */
int links_open(struct links **lkp, struct event_base *base, links_cb cb,
	       void *arg);
void links_close(struct links *lk);

/* O(1) lookups in the table; the pointer is valid until the next event. */
const struct link_info *links_by_index(const struct links *lk, int ifindex);
const struct link_info *links_by_name(const struct links *lk, const char *name);

/* Calls fn for every link (status, tests); order unspecified. */
void links_foreach(const struct links *lk,
		   void (*fn)(const struct link_info *li, void *arg), void *arg);

size_t links_count(const struct links *lk);
unsigned long links_resyncs(const struct links *lk);	/* for status */
/* Link messages the parser refused (monitor/wire/rtlink.h), in all. */
unsigned long links_rejects(const struct links *lk);

/* SO_RCVBUF of the event socket (capped by net.core.rmem_max).  Tests shrink
 * it to provoke overruns.  0 or -errno. */
int links_set_rcvbuf(struct links *lk, int bytes);

#endif
