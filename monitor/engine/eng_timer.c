/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the engine's retry timers, one per
 * real interface, in an indexed min-heap so arming, cancelling and finding
 * the next one cost O(log n) whatever the number of interfaces.
 * Layer 1 of the engine: it calls eng_core.c only.
 */
#include <stdlib.h>

#include "monitor/engine/engine_int.h"
#include "monitor/util/log.h"

static void
place(struct engine *e, size_t i, struct eng_real *r)
{
	e->heap[i] = r;
	r->heap_idx = (long)i;
}

static void
up(struct engine *e, size_t i)
{
	struct eng_real *r = e->heap[i];

	while (i > 0 && e->heap[(i - 1) / 2]->timer_at > r->timer_at) {
		place(e, i, e->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	place(e, i, r);
}

static void
down(struct engine *e, size_t i)
{
	struct eng_real *r = e->heap[i];
	size_t c;

	while ((c = 2 * i + 1) < e->heap_n) {
		if (c + 1 < e->heap_n &&
		    e->heap[c + 1]->timer_at < e->heap[c]->timer_at)
			c++;
		if (e->heap[c]->timer_at >= r->timer_at)
			break;
		place(e, i, e->heap[c]);
		i = c;
	}
	place(e, i, r);
}

void
eng_timer_del(struct engine *e, struct eng_real *r)
{
	size_t i;

	if (r->heap_idx < 0)
		return;
	i = (size_t)r->heap_idx;
	r->heap_idx = -1;
	if (--e->heap_n == i)
		return;
	place(e, i, e->heap[e->heap_n]);
	if (i > 0 && e->heap[(i - 1) / 2]->timer_at > e->heap[i]->timer_at)
		up(e, i);
	else
		down(e, i);
}

void
eng_timer_set(struct engine *e, struct eng_real *r, uint64_t at)
{
	struct eng_real **h;

	eng_timer_del(e, r);
	if (e->heap_n == e->heap_cap) {
		e->heap_cap = e->heap_cap ? e->heap_cap * 2 : 16;
		if ((h = realloc(e->heap, e->heap_cap * sizeof(*h))) == NULL)
			fatal("timers");
		e->heap = h;
	}
	r->timer_at = at;
	place(e, e->heap_n++, r);
	up(e, e->heap_n - 1);
}

/* The next real whose timer is due, taken off the heap; NULL if none. */
struct eng_real *
eng_timer_due(struct engine *e, uint64_t now)
{
	struct eng_real *r;

	if (e->heap_n == 0 || e->heap[0]->timer_at > now)
		return NULL;
	r = e->heap[0];
	eng_timer_del(e, r);
	return r;
}

uint64_t
eng_timer_first(const struct engine *e)
{
	return e->heap_n ? e->heap[0]->timer_at : ENG_NEVER;
}

/* ---- deferred link-down disables: equal delays, so a FIFO ---- */

/* True once p's link has been down ENG_DOWN_SETTLE_MS; queues it first. */
bool
eng_down_settled(struct engine *e, struct eng_port *p, uint64_t now)
{
	if (p->down_due == 0)
		p->down_due = now + ENG_DOWN_SETTLE_MS;
	if (now >= p->down_due)
		return true;
	if (!p->down_queued) {
		p->down_queued = true;
		p->down_next = NULL;
		*e->down_tail = p;
		e->down_tail = &p->down_next;
	}
	return false;
}

static struct eng_port *
down_pop(struct engine *e)
{
	struct eng_port *p = e->down_head;

	if ((e->down_head = p->down_next) == NULL)
		e->down_tail = &e->down_head;
	p->down_queued = false;
	return p;
}

/* Ports whose settle time is over are looked at again. */
void
eng_down_due(struct engine *e, uint64_t now)
{
	struct eng_port *p;

	while (e->down_head != NULL && (e->down_head->down_due == 0 ||
	    e->down_head->down_due <= now)) {
		p = down_pop(e);
		if (p->down_due != 0)
			eng_port_dirty(e, p);
	}
}

void
eng_down_forget(struct engine *e, struct eng_port *p)
{
	struct eng_port **q;

	if (!p->down_queued)
		return;
	for (q = &e->down_head; *q != p; q = &(*q)->down_next)
		;
	*q = p->down_next;
	if (*q == NULL)
		e->down_tail = q;
	p->down_queued = false;
}

uint64_t
eng_down_first(const struct engine *e)
{
	const struct eng_port *p;

	for (p = e->down_head; p != NULL; p = p->down_next)
		if (p->down_due != 0)
			return p->down_due;
	return ENG_NEVER;
}
