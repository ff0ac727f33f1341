/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): when to attach to lldpad, keep the
 * connection alive, notice lldpad going away and come
 * back (doc/kernel.md "lldpad: keeping the connection").
 * Unlike fcoemon, a re-attach is reported (LC_EV_ATTACHED) so the caller
 * restarts every interface's query sequence: nothing stays stuck pending.
 */
#include <errno.h>
#include <stdio.h>

#include "monitor/dcb/lldpad_conn.h"

void
lc_init(struct lconn *c)
{
	*c = (struct lconn){ .state = LC_IDLE, .due = LC_NEVER };
}

bool
lc_up(const struct lconn *c)
{
	return c->state == LC_UP;
}

/*
 * lldpad's socket takes our queries and nothing comes back for a whole
 * keepalive period: lldpad is wedged, not gone (upstream lldpad stops
 * answering everyone once about a dozen of its replies to some local
 * client are left unread).  Told apart from "not reachable" so an
 * operator restarts lldpad instead of waiting on our retries.
 */
bool
lc_unresponsive(const struct lconn *c)
{
	return c->unanswered > 0 && c->state != LC_UP;
}

/* True once per episode: the caller logs it. */
bool
lc_tell_unresponsive(struct lconn *c)
{
	if (!lc_unresponsive(c) || c->unresponsive_told)
		return false;
	c->unresponsive_told = true;
	return true;
}

/* lldpad is only contacted while some entry needs DCB (fcoemon's fix). */
static enum lc_do
not_needed(struct lconn *c)
{
	enum lc_state was = c->state;

	c->state = LC_IDLE;
	c->due = LC_NEVER;
	c->ping_pending = false;
	return (was == LC_UP || was == LC_ATTACHING) ? LC_DO_DETACH :
	    LC_DO_NOTHING;
}

/* The one action due now, if any; called at the end of every cycle. */
enum lc_do
lc_step(struct lconn *c, bool needed, uint64_t now)
{
	if (!needed)
		return c->state == LC_IDLE ? LC_DO_NOTHING : not_needed(c);
	if (c->state == LC_IDLE) {
		c->state = LC_DOWN;
		c->due = now;
	}
	if (now < c->due)
		return LC_DO_NOTHING;
	switch (c->state) {
	case LC_UP:
		if (c->ping_pending) {		/* a whole period unanswered */
			c->losses++;
			c->unanswered++;
			break;
		}
		c->ping_pending = true;
		c->due = now + LC_KEEPALIVE_MS;
		return LC_DO_PING;
	case LC_ATTACHING:			/* attach never answered */
		c->unanswered++;
		break;
	case LC_DOWN:
	case LC_IDLE:
		break;
	}
	c->state = LC_ATTACHING;
	c->ping_pending = false;
	c->due = now + LC_KEEPALIVE_MS;
	return LC_DO_ATTACH;
}

/*
 * Result of the actuator request(s) for an action.  Nobody listening
 * (ECONNREFUSED, ENOENT) is retried at the keepalive period, a send that
 * failed on a live connection soon: lldpad restarts quickly.
 */
void
lc_sent(struct lconn *c, enum lc_do what, int err, uint64_t now)
{
	if (err == 0 || what == LC_DO_DETACH || what == LC_DO_NOTHING)
		return;
	if (c->state == LC_UP)
		c->losses++;
	c->unanswered = 0;		/* not wedged: gone */
	c->unresponsive_told = false;
	c->state = LC_DOWN;
	c->ping_pending = false;
	c->due = now + ((what == LC_DO_ATTACH &&
	    (err == ECONNREFUSED || err == ENOENT)) ? LC_KEEPALIVE_MS :
	    LC_RETRY_MS);
}

enum lc_ev
lc_reply(struct lconn *c, const struct lldpad_msg *m, uint64_t now)
{
	if (!m->answer || !m->has_status)
		return LC_EV_NONE;
	c->unanswered = 0;
	c->unresponsive_told = false;
	if (m->status == LLDPAD_ST_NO_ACCESS) {
		c->no_access = true;
		return LC_EV_NO_ACCESS;
	}
	if (m->kind == LLDPAD_ATTACHED && c->state == LC_ATTACHING &&
	    m->status == LLDPAD_ST_SUCCESS) {
		c->state = LC_UP;
		c->no_access = false;
		c->attaches++;
		c->due = now + LC_KEEPALIVE_MS;
		return LC_EV_ATTACHED;
	}
	if (m->kind == LLDPAD_PONG)
		c->ping_pending = false;
	return LC_EV_NONE;
}

/* Any query sent is proof of life enough to put the next ping off. */
void
lc_activity(struct lconn *c, uint64_t now)
{
	if (c->state == LC_UP && !c->ping_pending)
		c->due = now + LC_KEEPALIVE_MS;
}

int
lc_explain(const struct lconn *c, uint64_t now, char *buf, size_t sz)
{
	double in = (c->due == LC_NEVER || c->due < now) ? 0 :
	    (double)(c->due - now) / 1000.0;

	if (c->no_access)
		return snprintf(buf, sz, "lldpad refuses our queries (R0a: "
		    "sender not uid 0): check that fcoemond runs as root");
	if (lc_unresponsive(c))
		return snprintf(buf, sz, "lldpad unresponsive: %u queries "
		    "unanswered for %u s each; restart lldpad", c->unanswered,
		    LC_KEEPALIVE_MS / 1000);
	switch (c->state) {
	case LC_IDLE:
		return snprintf(buf, sz, "lldpad not needed (no DCB_REQUIRED "
		    "entry)");
	case LC_DOWN:
		return snprintf(buf, sz, "lldpad not reachable, next attempt "
		    "in %.1f s", in);
	case LC_ATTACHING:
		return snprintf(buf, sz, "attaching to lldpad");
	case LC_UP:
		return snprintf(buf, sz, "attached to lldpad%s",
		    c->ping_pending ? ", keepalive ping unanswered" : "");
	}
	return snprintf(buf, sz, "unknown");
}
