/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the engine's side of the kernel's
 * dcbnl (doc/design.md "Engine: IEEE DCBX") -- each DCB sequence begins by
 * asking the kernel for the port's DCBX mode (GDCBX) and its IEEE view
 * (IEEE_GET); the answers, and the RTNLGRP_DCB notifications lldpad's or a
 * firmware agent's changes make the kernel send, come back here.  Only
 * reads: nothing is ever written to dcbnl.  Layer 3 of the engine: it
 * calls eng_core.c and eng_timer.c.
 */
#include <errno.h>
#include <string.h>
#include <linux/dcbnl.h>

#include "monitor/engine/engine_int.h"
#include "monitor/util/log.h"

/* The sequence moved: to lldpad's queries, or done. */
static void
moved(struct engine *e, struct eng_real *r)
{
	const struct dcb_ieee *ie = &r->dcb.ieee;

	eng_real_firmware(e, r);
	if (ie->err != r->dcbnl_logged) {
		if (ie->err != 0)
			log_info("%s: the kernel's dcbnl answers %s to %s: "
			    "no IEEE DCBX here; CEE through lldpad only",
			    r->name, strerror(ie->err),
			    ie->err_cmd == DCB_CMD_GDCBX ? "GDCBX" :
			    "IEEE_GET");
		r->dcbnl_logged = ie->err;
	}
	if (r->dcb.step == DCB_DONE)
		log_debug("%s: dcbnl: DCBX mode 0x%02x, IEEE decides", r->name,
		    ie->dcbx);
	else
		eng_query_queue(e, r);
	eng_real_dirty(e, r);
}

static void
ask(struct engine *e, struct eng_real *r, unsigned cmd)
{
	uint32_t seq = 0;
	int err = e->ops.dcbnl(e->ops.arg, cmd, r->name, &seq);

	log_debug("%s: asked the kernel (dcbnl %s)%s%s", r->name,
	    cmd == DCB_CMD_GDCBX ? "GDCBX" : "IEEE_GET", err ? ": " : "",
	    err ? strerror(err) : "");
	dcb_netif_dcbnl_sent(&r->dcb, cmd, seq, err);
}

/*
 * Every queued real whose sequence starts with dcbnl asks it now; the
 * others stay queued, in order, for lldpad.  dcbnl is not lldpad: no
 * connection and no one-at-a-time rule stand in the way.
 */
void
eng_dcbnl_ask(struct engine *e)
{
	struct eng_real *head = NULL, **tail = &head, *r, *next;

	if (e->ops.dcbnl == NULL || e->dead)
		return;
	while ((r = eng_query_pop(e)) != NULL) {
		r->q_next = NULL;
		*tail = r;
		tail = &r->q_next;
	}
	for (r = head; r != NULL; r = next) {
		next = r->q_next;
		if (!dcb_netif_dcbnl_due(&r->dcb)) {
			eng_query_queue(e, r);
			continue;
		}
		ask(e, r, DCB_CMD_GDCBX);
		ask(e, r, DCB_CMD_IEEE_GET);
		if (dcb_netif_dcbnl_asked(&r->dcb))
			moved(e, r);
	}
}

static void
restart(struct engine *e, struct eng_real *r)
{
	eng_timer_del(e, r);
	eng_query_queue(e, r);
	eng_real_dirty(e, r);
}

void
engine_dcbnl(struct engine *e, const char *ifname, uint32_t seq,
    const struct dcbnl_info *i)
{
	struct eng_real *r = eng_real_find(e, ifname);

	if (r == NULL || r->dcb_users == 0)
		return;
	if (seq == 0) {
		/* A notification: what it says is read again, whole. */
		if (dcb_netif_restart(&r->dcb)) {
			log_debug("%s: kernel DCB notification (command %u): "
			    "query sequence restarted", r->name, i->cmd);
			restart(e, r);
		}
		return;
	}
	if (dcb_netif_dcbnl(&r->dcb, seq, i))
		moved(e, r);
}

void
engine_dcbnl_resync(struct engine *e)
{
	struct eng_real *r;

	for (r = e->reals; r != NULL; r = r->next)
		if (r->dcb_users > 0 && dcb_netif_restart(&r->dcb))
			restart(e, r);
}
