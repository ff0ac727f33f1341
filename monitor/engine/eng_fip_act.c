/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): FIP VLAN discovery's requests to the
 * actuator at the end of a cycle, after the decisions (doc/fip.md): the
 * VLAN requests due, the VLANs discovery asked for (VLAN_CREATE) and
 * those it withdrew once their instance is gone (VLAN_DESTROY, only if
 * this daemon made them), the VLANs of static VN2VN names, and FIP_RESP
 * (the kernel's VLAN responder of each VN2VN instance).  eng_fip.c
 * decides; this file asks.  Layer 3: calls eng_core.c only.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/engine/engine_int.h"
#include "monitor/util/log.h"

static void
fip_free(struct engine *e, struct eng_fip *f)
{
	struct eng_fip **pp;

	for (pp = &e->fips; *pp; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	free(f);
}

static void
send_request(struct engine *e, struct eng_fip *f)
{
	int err;

	f->send = false;
	err = eng_call(e, e->ops.fip_send(e->ops.arg, f->real, f->mode));
	if (err < 0)
		return;
	/* EAGAIN: the actuator's 500 ms spacing (a kick right after a
	 * link-up); the next round asks again */
	if (err != 0 && err != EAGAIN && err != f->send_err)
		log_warnx("%s: FIP VLAN request refused: %s", f->real,
		    strerror(err));
	else
		log_debug("%s: FIP VLAN request %s", f->real, err ?
		    strerror(err) : "sent");
	f->send_err = err;
}

static void
vlan_made_now(struct engine *e, const char *name)
{
	struct eng_port *c = eng_port_find(e, name);

	if (c != NULL)
		c->vlan_fresh = true;
}

static void
vlan_make(struct engine *e, struct eng_fip *f, struct eng_avid *a)
{
	int err;

	a->create = false;
	err = eng_call(e, e->ops.vlan_create(e->ops.arg, f->real, a->vid,
	    false));
	if (err < 0)
		return;
	if (err == 0 || err == EEXIST) {
		a->made = err == 0;
		if (err == 0)
			vlan_made_now(e, a->name);
		if (err == 0)
			log_notice("%s: VLAN %s created (VID %u offered by FIP)",
			    f->real, a->name, a->vid);
	} else if (err != a->err)
		log_errx("%s: VLAN %s (VID %u) not created: %s; tried again "
		    "at the next answer", f->real, a->name, a->vid,
		    strerror(err));
	a->err = err;
}

/* Withdrawn: once its instance is gone, its VLAN, if the daemon made it
 * and no cfg file names it.  1 when the record can go. */
static int
vlan_unmake(struct engine *e, struct eng_fip *f, struct eng_avid *a)
{
	struct eng_port *c = eng_port_find(e, a->name);
	int err;

	if (c != NULL && c->auto_parent[0] != '\0' && !c->removed)
		return 1;		/* offered again: taken back */
	if (c != NULL && c->auto_parent[0] != '\0')
		return 0;		/* its instance is still going */
	if (!a->made || c != NULL || a->name[0] == '\0' ||
	    e->ops.link(e->ops.arg, a->name) == NULL)
		return 1;
	err = eng_call(e, e->ops.vlan_destroy(e->ops.arg, a->name));
	if (err < 0)
		return 0;
	if (err == 0)
		log_notice("%s: VLAN %s removed (VID %u withdrawn)", f->real,
		    a->name, a->vid);
	else
		log_errx("%s: VLAN %s not removed: %s", f->real, a->name,
		    strerror(err));
	return 1;
}

static void
static_make(struct engine *e, struct eng_port *p)
{
	const struct link_info *real;
	int err;

	if (p->present || p->removed) {
		p->static_tried = false;
		return;
	}
	real = e->ops.link(e->ops.arg, p->static_real);
	if (real == NULL) {
		p->static_tried = false;	/* again when it appears */
		return;
	}
	if (p->static_tried)
		return;
	p->static_tried = true;
	err = eng_call(e, e->ops.vlan_create(e->ops.arg, p->static_real,
	    p->static_vid, true));
	if (err == 0) {
		p->vlan_fresh = true;
		log_notice("%s: VLAN created on %s (VID %u, a VN2VN entry's "
		    "name)", p->cfg.ifname, p->static_real, p->static_vid);
	}
	else if (err > 0 && err != p->static_err)
		log_errx("%s: VLAN not created on %s: %s", p->cfg.ifname,
		    p->static_real, strerror(err));
	if (err >= 0)
		p->static_err = err;
}

/* FIP_RESP="yes" on a real interface's entry: the kernel's responder of
 * every VN2VN instance on it (doc/fip.md "Responder"). */
void
eng_fip_resp(struct engine *e, struct eng_port *p)
{
	const struct eng_port *rp = p->real ?
	    eng_port_find(e, p->real->name) : NULL;
	bool want = rp != NULL && rp->cfg.fip_resp && !p->removed &&
	    p->cfg.mode == CFG_MODE_VN2VN && p->port.state != PS_ABSENT;
	int err;

	if (p->port.state == PS_ABSENT)
		p->resp_on = false;	/* went with its instance */
	if (want == p->resp_on || (want && p->resp_err != 0))
		return;
	err = eng_call(e, e->ops.fip_resp(e->ops.arg, p->cfg.ifname, want));
	if (err < 0)
		return;
	if (err == 0) {
		p->resp_on = want;
		log_info("%s: FIP VLAN responder %s (FIP_RESP of %s)",
		    p->cfg.ifname, want ? "on" : "off", p->real->name);
	} else
		log_errx("%s: FIP VLAN responder not %s: %s%s", p->cfg.ifname,
		    want ? "on" : "off", strerror(err), err == ENOTSUP ?
		    " (this kernel has no fip_vlan_responder)" : "");
	p->resp_err = err;
}

/* End of cycle, after the decisions: requests, VLANs made and removed. */
void
eng_fip_run(struct engine *e, uint64_t now)
{
	struct eng_fip *f, *next;
	struct eng_port *p;
	unsigned i;

	(void)now;
	for (p = e->fip_statics ? e->ports : NULL; p && !e->dead; p = p->next)
		if (p->static_vid != 0)
			static_make(e, p);
	for (f = e->fips; f && !e->dead; f = next) {
		next = f->next;
		if (f->send)
			send_request(e, f);
		for (i = 0; i < f->nv && !e->dead; ) {
			struct eng_avid *a = &f->v[i];

			if (a->create)
				vlan_make(e, f, a);
			if (a->withdrawn && vlan_unmake(e, f, a)) {
				f->v[i] = f->v[--f->nv];
				continue;
			}
			i++;
		}
		if (f->port == NULL && f->nv == 0)
			fip_free(e, f);
	}
}
