/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): an operator's create, destroy, reset
 * and scan (fcoeadm's @fcm_clif, fcoectl).  The servers have checked the
 * sender is root.  Create and destroy change what the entry wants and let
 * the end of cycle act, so an operator's create obeys the same link and
 * DCB rules as the config; the answer is sent when the decision is made,
 * not when the requester gives up.  Reset and scan act at once.
 * Layer 3 of the engine: it calls engine.c (new entries) and eng_core.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/engine/engine_int.h"
#include "monitor/util/log.h"

#define CAUSE	"requested by an operator"

static void
wait_on(struct eng_port *p, enum eng_admin what, void *token)
{
	struct eng_waiter *w = calloc(1, sizeof(*w));

	if (w == NULL)
		fatal("request for %s", p->cfg.ifname);
	w->token = token;
	w->what = what;
	w->next = p->waiters;
	p->waiters = w;
}

static int
admin_create(struct engine *e, struct eng_port *p, const char *ifname,
    enum cfg_mode mode, char *msg, size_t msgsz)
{
	struct cfg_iface c;
	enum port_state k = PS_ABSENT;

	/* Made by someone else (fipvlan, an earlier fcoeadm): as fcoemon,
	 * "already created" -- never taken over silently. */
	if (p == NULL || p->port.state == PS_ABSENT)
		(void)e->ops.adopt(e->ops.arg, ifname, &k);
	if ((p != NULL && p->port.state != PS_ABSENT) || k != PS_ABSENT) {
		snprintf(msg, msgsz, "%s: an FCoE instance exists already",
		    ifname);
		return EEXIST;
	}
	if (e->ops.link(e->ops.arg, ifname) == NULL) {
		snprintf(msg, msgsz, "%s: no such network interface", ifname);
		return ENODEV;
	}
	if (p == NULL) {
		/* As fcoemon: no cfg file means DCB is not required. */
		memset(&c, 0, sizeof(c));
		snprintf(c.ifname, sizeof(c.ifname), "%s", ifname);
		c.fcoe_enable = true;
		c.mode = mode;
		p = eng_port_new(e, &c);
		p->admin_made = true;
	} else {
		p->cfg.fcoe_enable = true;
		p->cfg.mode = mode;
		eng_count_dcb(e, p);
	}
	return 0;
}

int
engine_admin(struct engine *e, enum eng_admin what, const char *ifname,
    enum cfg_mode mode, void *token, char *msg, size_t msgsz)
{
	struct eng_port *p = eng_port_find(e, ifname);
	int err;

	if (what == EA_CREATE) {
		if ((err = admin_create(e, p, ifname, mode, msg, msgsz)) != 0)
			return err;
		p = eng_port_find(e, ifname);
	} else if (p == NULL) {
		snprintf(msg, msgsz, "%s: not an FCoE interface of fcoemond",
		    ifname);
		return ENOENT;
	} else if (p->port.state == PS_ABSENT) {
		snprintf(msg, msgsz, "%s: no FCoE instance", ifname);
		return what == EA_DESTROY ? EALREADY : ENXIO;
	} else if (what == EA_DESTROY) {
		p->cfg.fcoe_enable = false;
		eng_count_dcb(e, p);
	} else {
		err = eng_call(e, e->ops.fcoe(e->ops.arg, what == EA_RESET ?
		    PO_RESET : PO_SCAN, ifname, p->cfg.mode));
		if (err < 0)
			err = EIO;
		snprintf(msg, msgsz, "%s: %s: %s", ifname, what == EA_RESET ?
		    "reset (LIP)" : "SCSI scan", err ? strerror(err) : "done");
		log_notice("%s (%s)", msg, CAUSE);
		return err;
	}
	p->cause = CAUSE;
	wait_on(p, what, token);
	eng_port_dirty(e, p);
	return ENG_PENDING;
}

void
engine_admin_cancel(struct engine *e, const char *ifname, void *token)
{
	struct eng_port *p = eng_port_find(e, ifname);
	struct eng_waiter **w, *dead;

	for (w = p ? &p->waiters : NULL; w && *w; )
		if ((*w)->token == token) {
			dead = *w;
			*w = dead->next;
			free(dead);
		} else
			w = &(*w)->next;
}

/* A create cannot happen now: why, in an errno and in words; 0 = wait. */
static int
create_blocked(const struct eng_port *p, enum dcb_why why, const char **text)
{
	switch (why) {
	case DCB_WHY_LINK_DOWN:
		if (eng_early(p))
			return 0;	/* made once settled: wait */
		*text = "the link is down; the instance is made when it "
		    "comes up";
		return ENETDOWN;
	case DCB_WHY_DELLINK:
		*text = "the interface was removed";
		return ENODEV;
	case DCB_WHY_DCB_BAD:
		*text = "DCB on the real interface rules FCoE out";
		return EPROTO;
	case DCB_WHY_RETRIES_OUT:
		*text = "lldpad's DCB answers never allowed it";
		return ETIMEDOUT;
	default:
		break;
	}
	if (!p->cfg.fcoe_enable || p->removed) {
		*text = "cancelled by a later destroy or config change";
		return ECANCELED;
	}
	return 0;			/* querying or retrying: wait */
}

/* 1 if w is answered now (err, text set). */
static int
decided(const struct eng_port *p, const struct eng_waiter *w,
    enum dcb_why why, enum port_op ran, int rerr, int *err,
    const char **text)
{
	if (ran != PO_NONE && rerr != 0 && ((w->what == EA_CREATE &&
	    port_op_makes(ran)) ||
	    (w->what == EA_DESTROY && ran == PO_DESTROY))) {
		*err = rerr;
		*text = strerror(rerr);
		return 1;
	}
	if (w->what == EA_DESTROY) {
		*err = 0;
		*text = "FCoE instance destroyed";
		return p->port.state == PS_ABSENT;
	}
	if (p->port.state != PS_ABSENT) {
		*err = 0;
		*text = why != DCB_WHY_LINK_DOWN ? "FCoE instance created" :
		    p->port.state == PS_ENABLED ? "FCoE instance created; "
		    "enabled, the kernel starts it when the link comes up" :
		    "FCoE instance created; disabled until the link comes up";
		return 1;
	}
	return (*err = create_blocked(p, why, text)) != 0;
}

void
eng_admin_settle(struct engine *e, struct eng_port *p, enum dcb_why why,
    enum port_op ran, int rerr)
{
	struct eng_waiter **w = &p->waiters, *done;
	const char *text;
	char msg[160];
	int err;

	while (*w != NULL) {
		if (!decided(p, *w, why, ran, rerr, &err, &text)) {
			w = &(*w)->next;
			continue;
		}
		done = *w;
		*w = done->next;
		snprintf(msg, sizeof(msg), "%s: %s", p->cfg.ifname, text);
		e->ops.admin_done(e->ops.arg, done->token, err, msg);
		free(done);
	}
	if (p->waiters == NULL)
		p->cause = NULL;
}
