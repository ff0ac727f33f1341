/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the engine's two lists -- FCoE
 * interfaces from the config, real interfaces from the links -- and how
 * config loads and link events change them.  Decisions wait for the end of
 * the cycle (eng_run.c); this file only records state and marks what an
 * event touched as dirty.  Layer 2 of the engine: it calls eng_core.c and
 * eng_timer.c only.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/engine/engine_int.h"
#include "monitor/util/log.h"

struct engine *
engine_new(const struct eng_ops *ops)
{
	struct engine *e = calloc(1, sizeof(*e));

	if (e == NULL)
		return NULL;
	e->ops = *ops;
	nmap_init(&e->ports_by_name);
	nmap_init(&e->reals_by_name);
	e->q_tail = &e->q_head;
	e->down_tail = &e->down_head;
	lc_init(&e->lc);
	return e;
}

void
engine_free(struct engine *e)
{
	struct eng_port *p;

	if (e == NULL)
		return;
	while ((p = e->ports) != NULL) {
		p->dirty = false;	/* not on a list we walk any more */
		eng_port_free(e, p);
	}
	while (e->fips != NULL) {
		struct eng_fip *f = e->fips;

		e->fips = f->next;
		free(f);
	}
	nmap_free(&e->ports_by_name);
	nmap_free(&e->reals_by_name);
	free(e->heap);
	free(e);
}

/* ---- real interfaces ---- */

static void
real_link(struct eng_real *r, const struct link_info *li)
{
	r->present = li != NULL;
	r->oper_up = li != NULL && li->oper_up;
}

static struct eng_real *
real_get(struct engine *e, const char *name)
{
	struct eng_real *r = eng_real_find(e, name);

	if (r != NULL)
		return r;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		fatal("real interface %s", name);
	snprintf(r->name, sizeof(r->name), "%s", name);
	dcb_netif_init(&r->dcb, name);
	r->heap_idx = -1;
	r->last_status = -1;
	if (nmap_put(&e->reals_by_name, &r->node, r->name) != 0)
		fatal("real interface %s", name);
	r->next = e->reals;
	if (e->reals)
		e->reals->prev = r;
	e->reals = r;
	e->nreals++;
	real_link(r, e->ops.link(e->ops.arg, name));
	return r;
}

static void
real_put(struct engine *e, struct eng_real *r)
{
	struct eng_real **d;

	if (r->users > 0)
		return;
	eng_timer_del(e, r);
	eng_real_forget(e, r);
	for (d = &e->dirty_reals; *d; d = &(*d)->dirty_next)
		if (*d == r) {
			*d = r->dirty_next;
			break;
		}
	nmap_del(&e->reals_by_name, &r->node);
	if (r->prev)
		r->prev->next = r->next;
	else
		e->reals = r->next;
	if (r->next)
		r->next->prev = r->prev;
	e->nreals--;
	free(r);
}

/*
 * The sequence runs while some entry on r needs DCB and the link is up;
 * link down cancels it, link up starts it from the beginning.
 */
void
eng_real_sync(struct engine *e, struct eng_real *r)
{
	bool run = r->dcb_users > 0 && r->present && r->oper_up;

	r->dcb.use_dcbnl = e->ops.dcbnl != NULL;
	if (dcb_netif_link(&r->dcb, run)) {
		eng_real_firmware(e, r);
		if (!run)
			eng_timer_del(e, r);
		else
			eng_query_queue(e, r);
		log_debug("%s: DCB query sequence %s", r->name,
		    run ? "started" : "stopped");
	}
	eng_real_dirty(e, r);
}

static bool
needs_dcb(const struct eng_port *p)
{
	return !p->removed && p->cfg.fcoe_enable && p->cfg.dcb_required;
}

/* Keeps real->dcb_users and the engine's total in step with p. */
void
eng_count_dcb(struct engine *e, struct eng_port *p)
{
	bool want = p->real != NULL && needs_dcb(p);

	if (want == p->counted)
		return;
	p->counted = want;
	p->real->dcb_users += want ? 1 : -1;
	e->dcb_users += want ? 1 : -1;
	if (p->real->firmware)
		e->fw_users += want ? 1 : -1;
	eng_real_sync(e, p->real);
}

static void
port_detach(struct engine *e, struct eng_port *p)
{
	struct eng_real *r = p->real;
	bool removed = p->removed;

	if (r == NULL)
		return;
	p->removed = true;		/* uncount, whatever the config says */
	eng_count_dcb(e, p);
	p->removed = removed;
	if (p->dep_prev)
		p->dep_prev->dep_next = p->dep_next;
	else
		r->deps = p->dep_next;
	if (p->dep_next)
		p->dep_next->dep_prev = p->dep_prev;
	p->dep_prev = p->dep_next = NULL;
	p->real = NULL;
	r->users--;
	real_put(e, r);
}

static void
port_attach(struct engine *e, struct eng_port *p, const char *real)
{
	struct eng_real *r;

	if (p->real != NULL && strcmp(p->real->name, real) == 0)
		return;
	port_detach(e, p);
	r = real_get(e, real);
	p->real = r;
	p->dep_next = r->deps;
	if (r->deps)
		r->deps->dep_prev = p;
	r->deps = p;
	r->users++;
	eng_count_dcb(e, p);
	eng_real_dirty(e, r);
}

/* The real interface comes from netlink (kind and parent), not the name. */
static void
port_link(struct engine *e, struct eng_port *p, const struct link_info *li)
{
	if (li == NULL) {
		p->present = p->oper_up = p->admin_up = false;
		return;
	}
	p->present = true;
	p->dellink = false;
	p->oper_up = li->oper_up;
	p->admin_up = li->admin_up;
	port_attach(e, p, strcmp(li->kind, "vlan") == 0 &&
	    li->parent_name[0] ? li->parent_name : li->name);
}

/* DCB not required, the interface and its real interface there: its
 * instance exists while the link is down (eng_run.c early()). */
bool
eng_early(const struct eng_port *p)
{
	return !p->cfg.dcb_required && p->present && p->real != NULL &&
	    p->real->present;
}

/* ---- configuration ---- */

static void
port_adopt(struct engine *e, struct eng_port *p)
{
	enum port_state st = PS_ABSENT;
	int err = e->ops.adopt(e->ops.arg, p->cfg.ifname, &st);

	if (err != 0) {
		log_warnx("%s: cannot read the existing FCoE instance from "
		    "sysfs (%s); assuming there is none", p->cfg.ifname,
		    strerror(err));
		return;
	}
	p->port.state = st;
	if (st != PS_ABSENT) {
		p->managed = true;
		log_notice("%s: adopted the existing FCoE instance (%s)",
		    p->cfg.ifname, port_state_str(st));
	}
}

struct eng_port *
eng_port_new(struct engine *e, const struct cfg_iface *c)
{
	struct eng_port *p = calloc(1, sizeof(*p));

	if (p == NULL)
		fatal("interface %s", c->ifname);
	p->cfg = *c;
	if (nmap_put(&e->ports_by_name, &p->node, p->cfg.ifname) != 0)
		fatal("interface %s", c->ifname);
	p->next = e->ports;
	if (e->ports)
		e->ports->prev = p;
	e->ports = p;
	e->nports++;
	port_adopt(e, p);
	port_link(e, p, e->ops.link(e->ops.arg, c->ifname));
	eng_port_dirty(e, p);
	return p;
}

/* In the new config; c differs from p->cfg, or p was being removed. */
static void
port_update(struct engine *e, struct eng_port *p, const struct cfg_iface *c)
{
	if (p->removed && p->auto_parent[0] == '\0')	/* back before it went */
		p->removed = false;
	else if (p->auto_parent[0] != '\0') {
		/* a VLAN discovery made: its own cfg file now decides */
		log_info("%s: now configured by a cfg file", c->ifname);
		p->auto_parent[0] = '\0';
		p->removed = false;
	} else if (p->admin_made)
		log_info("%s: now configured by a cfg file", c->ifname);
	else
		log_info("%s: configuration changed", c->ifname);
	p->admin_made = false;
	if (p->cfg.mode != c->mode && p->port.state != PS_ABSENT)
		p->recreate = true;
	p->cfg = *c;
	if (p->real)
		eng_count_dcb(e, p);
	eng_port_dirty(e, p);
}

static void
port_remove(struct engine *e, struct eng_port *p)
{
	log_info("%s: removed from the configuration", p->cfg.ifname);
	p->removed = true;
	if (p->real)
		eng_count_dcb(e, p);
	eng_port_dirty(e, p);
}

/* Only the difference is applied: unchanged entries are not touched. */
void
engine_load(struct engine *e, const struct cfg_list *prev,
    const struct cfg_list *next)
{
	struct cfg_diff d;
	struct eng_port *p;
	size_t i;

	if (cfg_diff(prev, next, &d) != 0)
		fatal("configuration");
	for (i = 0; i < d.n; i++) {
		if (d.v[i].what == CFG_UNCHANGED)
			continue;
		if (d.v[i].what == CFG_REMOVED) {
			if ((p = eng_port_find(e, d.v[i].prev->ifname)) != NULL)
				port_remove(e, p);
		} else if ((p = eng_port_find(e, d.v[i].next->ifname)) != NULL)
			port_update(e, p, d.v[i].next);
		else
			(void)eng_port_new(e, d.v[i].next);
	}
	cfg_diff_free(&d);
}

/* Called by eng_run.c once a removed entry needs nothing more. */
void
eng_port_free(struct engine *e, struct eng_port *p)
{
	eng_waiters_flush(e, p, ECANCELED, "the entry was removed");
	eng_down_forget(e, p);
	port_detach(e, p);
	nmap_del(&e->ports_by_name, &p->node);
	if (p->prev)
		p->prev->next = p->next;
	else
		e->ports = p->next;
	if (p->next)
		p->next->prev = p->prev;
	e->nports--;
	free(p);
}

/* ---- links ---- */

static void
link_gone(struct engine *e, const char *name)
{
	struct eng_port *p = eng_port_find(e, name);
	struct eng_real *r = eng_real_find(e, name);

	if (p != NULL) {
		p->present = p->oper_up = p->admin_up = false;
		p->dellink = true;
		eng_port_dirty(e, p);
	}
	if (r != NULL) {
		real_link(r, NULL);
		eng_real_sync(e, r);
	}
}

static void
link_here(struct engine *e, const struct link_info *li)
{
	struct eng_port *p = eng_port_find(e, li->name);
	struct eng_real *r;

	if (p != NULL) {
		port_link(e, p, li);
		eng_port_dirty(e, p);
	}
	if ((r = eng_real_find(e, li->name)) != NULL) {
		real_link(r, li);
		eng_real_sync(e, r);
	}
}

void
engine_link(struct engine *e, const struct link_event *ev)
{
	switch (ev->type) {
	case LINK_DEL:
		link_gone(e, ev->link.name);
		break;
	case LINK_CHANGE:
		/* A rename takes the old name away as a delete would. */
		if (ev->old_name[0] && strcmp(ev->old_name, ev->link.name))
			link_gone(e, ev->old_name);
		link_here(e, &ev->link);
		break;
	case LINK_NEW:
		link_here(e, &ev->link);
		break;
	case LINK_RESYNCED:
		break;
	}
}
