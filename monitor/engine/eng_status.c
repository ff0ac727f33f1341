/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the engine's state as neutral status
 * rows (struct eng_row) -- per FCoE interface what the daemon knows and, in
 * words, why the instance is or is not there and what happens next.  The
 * engine knows no wire format: monitor/control turns a row into fcoectl's
 * record.  Layer 3 of the engine: it reads; it calls eng_core.c and
 * engine.c (eng_early) only.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "monitor/engine/engine_int.h"

/* An armed instance (eng_run.c early()) waits for nothing of ours. */
static void
link_down_text(const struct eng_port *p, char *buf, size_t n)
{
	const struct eng_real *r = p->real;
	const char *down = !p->oper_up || r == NULL ? p->cfg.ifname : r->name;

	if (eng_early(p) && p->port.state == PS_ENABLED)
		snprintf(buf, n, "armed: link down on %s; enabled, the kernel "
		    "starts it at link-up", down);
	else if (eng_early(p) && p->port.state == PS_DISABLED)
		snprintf(buf, n, "ready: link down on %s; disabled while %s is "
		    "administratively down, enabled at link-up", down,
		    p->cfg.ifname);
	else
		snprintf(buf, n, "waiting: link down on %s", down);
}

static void
why_text(const struct eng_port *p, uint64_t now, char *buf, size_t n)
{
	const struct eng_real *r = p->real;
	bool active = p->port.state == PS_ENABLED;
	char dcb[ENG_WHYSZ - 12];	/* room for "active; DCB " */

	if (p->removed)
		snprintf(buf, n, "removed from the configuration; %s",
		    p->managed ? "destroying the instance" : "not ours, left");
	else if (!p->cfg.fcoe_enable)
		snprintf(buf, n, "off: %s", p->admin_made || p->cause ?
		    "destroyed by an operator" : "FCOE_ENABLE is not yes");
	else if (p->port.state == PS_ABSENT && p->port.last_err != 0 &&
	    port_op_makes(p->port.last_op))
		snprintf(buf, n, "failed: create: %s; tried again on the next "
		    "link or DCB event", strerror(p->port.last_err));
	else if (!p->present)
		snprintf(buf, n, "waiting: %s does not exist", p->cfg.ifname);
	else if (!p->oper_up || r == NULL || !r->present || !r->oper_up)
		link_down_text(p, buf, n);
	else if (!p->cfg.dcb_required)
		snprintf(buf, n, "%s: link up, DCB not required", active ?
		    "active" : p->port.state == PS_DISABLED ? "disabled" :
		    "creating");
	else {
		dcb_netif_explain(&r->dcb, now, dcb, sizeof(dcb));
		snprintf(buf, n, "%s%s", active ? "active; DCB " : "", dcb);
	}
}

static int32_t
ms_until(uint64_t at, uint64_t now)
{
	uint64_t d = at > now ? at - now : 0;

	return d > INT32_MAX ? INT32_MAX : (int32_t)d;
}

static enum eng_link
link_of(bool present, bool up)
{
	return !present ? ENG_LINK_ABSENT : up ? ENG_LINK_UP : ENG_LINK_DOWN;
}

/* Which DCBX decided and the values it saw (IEEE: the APP entry too). */
static void
fill_dcbx(const struct dcb_netif *n, struct eng_row *w)
{
	struct dcb_verdict v;

	w->dcbx_mode = n->ieee.dcbx_known ? n->ieee.dcbx : -1;
	w->dcbnl_err = n->ieee.err;
	if (n->step != DCB_DONE && n->step != DCB_GAVE_UP)
		return;
	w->flavour = n->source == DCB_SRC_IEEE ? ENG_DCBX_IEEE : ENG_DCBX_CEE;
	dcb_netif_verdict(n, &v);
	w->pfc_prios = v.pfc_prios;
	w->fcoe_prios = v.fcoe_prios;
	if (n->source == DCB_SRC_IEEE && n->ieee.has_app) {
		w->has_app = true;
		w->app = n->ieee.fcoe_app;
	}
}

/* The AUTO_VLAN entry's discovery; a discovered VLAN's parent and VID. */
static void
fill_fip(const struct engine *e, const struct eng_port *p, struct eng_row *w)
{
	const struct eng_fip *f = p->fip;
	const struct eng_port *parent;
	unsigned i;
	int v;

	if (p->auto_parent[0] != '\0') {
		snprintf(w->auto_parent, sizeof(w->auto_parent), "%s",
		    p->auto_parent);
		w->auto_vid = p->auto_vid;
		parent = eng_port_find(e, p->auto_parent);
		f = parent != NULL ? parent->fip : NULL;
		for (i = 0; f != NULL && i < f->nv; i++)
			if (f->v[i].vid == p->auto_vid)
				w->vlan_made = f->v[i].made;
		return;
	}
	if (f == NULL)
		return;
	w->fip = true;
	w->fip_state = fipdisc_state_name(f->d.state);
	w->fip_vid0 = f->vid0;
	memcpy(w->fip_mac, f->d.last_mac, sizeof(w->fip_mac));
	w->fip_requests = f->d.requests;
	w->fip_notes = f->d.notes;
	w->fip_ignored = f->d.ignored;
	w->fip_bad = f->bad;
	w->fip_drops = f->drops;
	for (v = fipdisc_vid_next(&f->d.offered, 1); v > 0;
	    v = fipdisc_vid_next(&f->d.offered, (unsigned)v + 1))
		if (w->fip_nvid++ < 16)
			w->fip_vid[w->fip_nvid - 1] = (uint16_t)v;
	if (p->port.state == PS_ABSENT && !f->vid0)
		snprintf(w->why, sizeof(w->why), "FIP VLAN discovery %s: %u "
		    "VLAN%s offered%s", w->fip_state, w->fip_nvid,
		    w->fip_nvid == 1 ? "" : "s", f->d.state ==
		    FIPDISC_SOLICITING ? "; asking every second" : "");
}

static void
fill(const struct engine *e, const struct eng_port *p, uint64_t now,
    struct eng_row *w)
{
	const struct eng_real *r = p->real;

	memset(w, 0, sizeof(*w));
	snprintf(w->ifname, sizeof(w->ifname), "%s", p->cfg.ifname);
	if (r != NULL)
		snprintf(w->real, sizeof(w->real), "%s", r->name);
	w->link = link_of(p->present, p->oper_up);
	w->real_link = r == NULL ? ENG_LINK_ABSENT : link_of(r->present,
	    r->oper_up);
	w->dcb_required = p->cfg.dcb_required;
	w->mode = p->cfg.mode;
	w->enable = p->cfg.fcoe_enable;
	w->admin_made = p->admin_made;
	w->managed = p->managed;
	w->state = p->port.state;
	w->max_retries = DCB_MAX_RETRIES;
	w->last_op = p->port.last_op;
	w->last_err = p->port.last_err;
	w->last_op_age_ms = p->port.last_op != PO_NONE ?
	    ms_until(now, p->last_op_at) : -1;
	w->dcb_step = w->lldpad_step = DCB_OFF;
	w->dcbx_mode = -1;
	w->next_retry_ms = -1;
	w->lldpad_status = -1;
	if (r != NULL && p->cfg.dcb_required) {
		w->dcb_step = r->dcb.step;
		w->retries = r->dcb.retries > DCB_MAX_RETRIES ?
		    DCB_MAX_RETRIES : r->dcb.retries;
		if (r->dcb.retry_armed)
			w->next_retry_ms = ms_until(r->dcb.retry_at, now);
		w->lldpad_status = r->last_status;
		w->lldpad_step = r->last_step;
		fill_dcbx(&r->dcb, w);
	}
	why_text(p, now, w->why, sizeof(w->why));
	fill_fip(e, p, w);
}

/* A port waiting on DCB while lldpad is wedged says so in its row's why
 * (control/status.c passes it on to fcoectl and SIGUSR1's dump): its own
 * query looks merely pending, and the fix (restart lldpad) is elsewhere. */
static void
fill_lc(const struct engine *e, const struct eng_port *p, uint64_t now,
    struct eng_row *w)
{
	fill(e, p, now, w);
	if (w->dcb_required && w->enable && w->link == ENG_LINK_UP &&
	    w->real_link == ENG_LINK_UP && w->dcb_step != DCB_DONE &&
	    lc_unresponsive(&e->lc)) {
		char t[ENG_WHYSZ - 10];

		lc_explain(&e->lc, now, t, sizeof(t));
		snprintf(w->why, sizeof(w->why), "waiting: %s", t);
	}
}

int
engine_status(const struct engine *e, const char *ifname, uint64_t now,
    void (*row)(void *, const struct eng_row *), void *arg)
{
	const struct eng_port *p;
	struct eng_row w;

	if (ifname != NULL) {
		if ((p = eng_port_find(e, ifname)) == NULL)
			return ENOENT;
		fill_lc(e, p, now, &w);
		row(arg, &w);
		return 0;
	}
	for (p = e->ports; p; p = p->next) {
		fill_lc(e, p, now, &w);
		row(arg, &w);
	}
	return 0;
}

size_t
engine_count(const struct engine *e)
{
	return e->nports;
}

/* The first line of SIGUSR1's dump: counts and the lldpad connection. */
void
engine_summary(const struct engine *e, uint64_t now, char *buf, size_t n)
{
	char text[256];

	lc_explain(&e->lc, now, text, sizeof(text));
	snprintf(buf, n, "%zu interfaces, %zu real, %s", e->nports, e->nreals,
	    text);
}
