/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the engine's side of lldpad -- the
 * connection (attach, keepalive, re-attach), the queue of real interfaces
 * whose next DCB query is due, one query in flight, and the answers and
 * events read from fd 4.  lldpad answers every request exactly once and in
 * order, so a FIFO of what was asked tells whose an answer without an echo
 * (R04, R0a) is.  Layer 3 of the engine: it calls eng_core.c and
 * eng_timer.c; the queue and the FIFO themselves are in eng_core.c.
 */
#include <errno.h>
#include <string.h>

#include "monitor/engine/engine_int.h"
#include "monitor/util/log.h"

static int
send_lq(struct engine *e, enum fcp_lq kind, const char *ifname,
    struct eng_real *r)
{
	int rc = eng_call(e, e->ops.lldpad(e->ops.arg, kind, ifname));

	if (rc == 0)
		eng_ring_push(e, r);
	return rc;
}

static void
attach(struct engine *e, uint64_t now)
{
	int err;

	eng_ring_clear(e);
	err = eng_call(e, e->ops.lldpad_connect(e->ops.arg));
	if (err == 0)
		err = send_lq(e, FCP_LQ_ATTACH, "", NULL);
	lc_sent(&e->lc, LC_DO_ATTACH, err, now);
	if (err > 0)
		log_msg(e->lc.losses || e->lc.attaches ? LOG_DEBUG : LOG_INFO,
		    "lldpad not reachable (%s); trying again in %u s",
		    strerror(err), (unsigned)((e->lc.due - now) / 1000));
}

static void
connection(struct engine *e, uint64_t now)
{
	/* Firmware DCBX is read from the kernel alone. */
	enum lc_do d = lc_step(&e->lc, e->dcb_users > e->fw_users, now);
	char why[160];
	int err;

	if (lc_tell_unresponsive(&e->lc)) {	/* once, not every retry */
		lc_explain(&e->lc, now, why, sizeof(why));
		log_errx("%s (its socket takes queries; a local client "
		    "leaving its replies unread wedges it)", why);
	}

	switch (d) {
	case LC_DO_ATTACH:
		if (e->lc.attaches > 0 && e->lc.losses > 0)
			log_debug("lldpad: attaching again");
		attach(e, now);
		break;
	case LC_DO_PING:
		err = send_lq(e, FCP_LQ_PING, "", NULL);
		lc_sent(&e->lc, d, err, now);
		if (err > 0) {
			errno = err;
			log_warn("lldpad went away");
		}
		break;
	case LC_DO_DETACH:
		(void)send_lq(e, FCP_LQ_DETACH, "", NULL);
		eng_ring_clear(e);
		log_info("lldpad no longer needed (no DCB_REQUIRED entry): "
		    "detached");
		break;
	case LC_DO_NOTHING:
		break;
	}
}

/* Re-attached: every sequence starts again (fcoemon's stuck pending). */
static void
restart_all(struct engine *e)
{
	struct eng_real *r;

	e->lc_restart = false;
	for (r = e->reals; r; r = r->next)
		if (dcb_netif_restart(&r->dcb)) {
			eng_timer_del(e, r);
			eng_query_queue(e, r);
			eng_real_dirty(e, r);
		}
}

static void
send_queries(struct engine *e, uint64_t now)
{
	struct eng_real *r;
	enum dcb_step step;
	int err;

	while (lc_up(&e->lc) && e->inflight == NULL && !e->dead &&
	    (r = eng_query_pop(e)) != NULL) {
		if (!dcb_netif_query(&r->dcb, &step))
			continue;
		err = send_lq(e, (enum fcp_lq)(FCP_LQ_DCB_STATE +
		    (step - DCB_Q_DCB_STATE)), r->name, r);
		if (err != 0) {
			eng_query_queue(e, r);	/* asked again on re-attach */
			lc_sent(&e->lc, LC_DO_PING, err, now);
			if (err > 0) {
				errno = err;
				log_warn("lldpad went away");
			}
			return;
		}
		dcb_netif_sent(&r->dcb);
		e->inflight = r;
		lc_activity(&e->lc, now);
		log_debug("%s: asked lldpad for %s", r->name,
		    dcb_step_str(step));
	}
}

void
eng_lldpad_run(struct engine *e, uint64_t now)
{
	connection(e, now);
	if (e->lc_restart)
		restart_all(e);
	/* A (re)started sequence asks the kernel first, lldpad after. */
	eng_dcbnl_ask(e);
	send_queries(e, now);
}

static void
on_reply(struct engine *e, struct eng_real *asked, const struct lldpad_msg *m)
{
	struct eng_real *r = asked;
	enum dcb_step step;
	enum dcb_rx rx;

	if (m->kind == LLDPAD_REPLY_DCB)
		r = eng_real_find(e, m->dcb.ifname);
	if (r == NULL)
		return;
	step = r->dcb.step;
	rx = dcb_netif_reply(&r->dcb, m);
	if (rx == DCB_RX_IGNORED) {
		log_debug("%s: lldpad answer ignored (not the current step)",
		    r->name);
		return;
	}
	r->last_status = m->has_status ? (int)m->status : -1;
	r->last_step = step;
	if (rx == DCB_RX_NEXT)
		eng_query_queue(e, r);
	eng_real_dirty(e, r);
}

static void
on_event(struct engine *e, const struct lldpad_msg *m)
{
	struct eng_real *r;

	if (!dcb_event_restarts(m) ||
	    (r = eng_real_find(e, m->ev.ifname)) == NULL)
		return;
	if (dcb_netif_event(&r->dcb, m)) {
		log_debug("%s: lldpad event (%s): query sequence restarted",
		    r->name, lldpad_feature_str(m->ev.feature));
		eng_timer_del(e, r);
		eng_query_queue(e, r);
		eng_real_dirty(e, r);
	}
}

void
engine_lldpad(struct engine *e, const struct lldpad_msg *m, uint64_t now)
{
	struct eng_real *asked = m->answer ? eng_ring_pop(e) : NULL;
	char why[160];

	switch (lc_reply(&e->lc, m, now)) {
	case LC_EV_ATTACHED:
		log_notice("attached to lldpad");
		eng_ring_clear(e);
		e->lc_restart = true;
		e->no_access_logged = false;
		return;
	case LC_EV_NO_ACCESS:
		if (!e->no_access_logged) {
			lc_explain(&e->lc, now, why, sizeof(why));
			log_errx("%s", why);
			e->no_access_logged = true;
		}
		break;
	case LC_EV_LOST:
	case LC_EV_NONE:
		break;
	}
	if (m->kind == LLDPAD_EVENT)
		on_event(e, m);
	else if (m->answer)
		on_reply(e, asked, m);
}
