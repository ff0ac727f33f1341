/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the bottom of the engine -- finding
 * entries by name, marking what an event touched, the queue of reals whose
 * DCB query is due, the FIFO of lldpad requests awaiting an answer, and the
 * answers owed to operators.  It calls nothing else of the engine: the
 * other engine files are layered on it (engine_int.h lists the order), so
 * there is no call circle inside the engine.
 */
#include <stdio.h>
#include <stdlib.h>

#include "monitor/engine/engine_int.h"

#define PORT_OF(n)	((struct eng_port *)(void *)(n))
#define REAL_OF(n)	((struct eng_real *)(void *)(n))

/* Every ops result passes here: -1 kills the engine for good. */
int
eng_call(struct engine *e, int rc)
{
	if (rc < 0)
		e->dead = true;
	return rc;
}

void
eng_port_dirty(struct engine *e, struct eng_port *p)
{
	if (p->dirty)
		return;
	p->dirty = true;
	p->dirty_next = e->dirty_ports;
	e->dirty_ports = p;
}

void
eng_real_dirty(struct engine *e, struct eng_real *r)
{
	if (r->dirty)
		return;
	r->dirty = true;
	r->dirty_next = e->dirty_reals;
	e->dirty_reals = r;
}

struct eng_real *
eng_real_find(const struct engine *e, const char *name)
{
	return REAL_OF(nmap_get(&e->reals_by_name, name));
}

struct eng_port *
eng_port_find(const struct engine *e, const char *name)
{
	return PORT_OF(nmap_get(&e->ports_by_name, name));
}

/* ---- reals whose next DCB query is due, FIFO ---- */

void
eng_query_queue(struct engine *e, struct eng_real *r)
{
	if (r->queued)
		return;
	r->queued = true;
	r->q_next = NULL;
	*e->q_tail = r;
	e->q_tail = &r->q_next;
}

/*
 * A firmware DCBX agent (LLD_MANAGED) needs no lldpad: the entries on
 * such a real do not keep the lldpad connection up.
 */
void
eng_real_firmware(struct engine *e, struct eng_real *r)
{
	bool fw = dcb_netif_firmware(&r->dcb);

	if (fw == r->firmware)
		return;
	r->firmware = fw;
	if (fw)
		e->fw_users += r->dcb_users;
	else
		e->fw_users -= r->dcb_users;
}

struct eng_real *
eng_query_pop(struct engine *e)
{
	struct eng_real *r = e->q_head;

	if (r == NULL)
		return NULL;
	if ((e->q_head = r->q_next) == NULL)
		e->q_tail = &e->q_head;
	r->queued = false;
	return r;
}

/* ---- lldpad requests awaiting an answer, FIFO ---- */

void
eng_ring_clear(struct engine *e)
{
	e->ring_head = e->ring_n = 0;
	e->inflight = NULL;
}

void
eng_ring_push(struct engine *e, struct eng_real *r)
{
	if (e->ring_n == ENG_RING) {	/* never answered: forget the oldest */
		e->ring_head = (e->ring_head + 1) % ENG_RING;
		e->ring_n--;
	}
	e->ring[(e->ring_head + e->ring_n) % ENG_RING] = r;
	e->ring_n++;
}

/* Whose request an answer answers: NULL for attach, ping, detach. */
struct eng_real *
eng_ring_pop(struct engine *e)
{
	struct eng_real *r;

	if (e->ring_n == 0)
		return NULL;
	r = e->ring[e->ring_head];
	e->ring_head = (e->ring_head + 1) % ENG_RING;
	e->ring_n--;
	if (r != NULL && r == e->inflight)
		e->inflight = NULL;
	return r;
}

/* r is going away: neither queue nor ring may point at it. */
void
eng_real_forget(struct engine *e, struct eng_real *r)
{
	struct eng_real **q;
	unsigned i;

	for (i = 0; i < ENG_RING; i++)
		if (e->ring[i] == r)
			e->ring[i] = NULL;
	if (e->inflight == r)
		e->inflight = NULL;
	if (!r->queued)
		return;
	for (q = &e->q_head; *q; q = &(*q)->q_next)
		if (*q == r) {
			if ((*q = r->q_next) == NULL)
				e->q_tail = q;
			break;
		}
	r->queued = false;
}

/* ---- operators' requests ---- */

/* Every request waiting on p is answered err (the entry goes away). */
void
eng_waiters_flush(struct engine *e, struct eng_port *p, int err,
    const char *why)
{
	struct eng_waiter *w;
	char msg[160];

	while ((w = p->waiters) != NULL) {
		p->waiters = w->next;
		snprintf(msg, sizeof(msg), "%s: %s", p->cfg.ifname, why);
		if (e->ops.admin_done)
			e->ops.admin_done(e->ops.arg, w->token, err, msg);
		free(w);
	}
}
