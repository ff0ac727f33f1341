/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): FIP VLAN discovery in the engine
 * (doc/fip.md).  One struct fipdisc per AUTO_VLAN="yes" entry on a
 * physical interface; what it decides becomes VLAN requests, VLANs and
 * FCoE instances on them.  For each VID offered: the VLAN the kernel
 * already has on that parent with that VID, whatever its name, or one the
 * daemon creates with its naming (common/vlan_name.h); then an entry with
 * the parent's MODE and DCB_REQUIRED (a cfg file for that VLAN wins; it is
 * then an entry of its own).  VID 0: the parent entry itself.  A VID
 * withdrawn: its instance is destroyed (as for an entry removed from the
 * configuration: only if this daemon made or adopted it), then its VLAN,
 * only if this daemon made it.  The requests themselves go at the end of
 * the cycle (eng_fip_act.c).  Also: static VN2VN names, FIP_RESP changes.
 * Layer 3: calls engine.c, eng_core.c; called by eng_run.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/vlan_name.h"
#include "monitor/engine/engine_int.h"
#include "monitor/util/log.h"

#define FIP_BAD_LOG_MS	60000	/* a rejected frame: one line a minute */

static struct eng_avid *
avid_find(struct eng_fip *f, unsigned vid)
{
	unsigned i;

	for (i = 0; i < f->nv; i++)
		if (f->v[i].vid == vid)
			return &f->v[i];
	return NULL;
}

/* The entry discovery made for a VID, if it still is one of ours. */
static struct eng_port *
auto_port(const struct engine *e, const struct eng_fip *f,
    const struct eng_avid *a)
{
	struct eng_port *c = eng_port_find(e, a->name);

	return c != NULL && f->port != NULL && strcmp(c->auto_parent,
	    f->port->cfg.ifname) == 0 ? c : NULL;
}

/* What an entry made for a VID looks like: the parent's settings. */
static void
auto_cfg(const struct eng_fip *f, const char *name, struct cfg_iface *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->ifname, sizeof(c->ifname), "%s", name);
	c->fcoe_enable = true;
	c->dcb_required = f->dcb_required;
	c->mode = f->mode;
}

static void
auto_port_make(struct engine *e, struct eng_fip *f, struct eng_avid *a)
{
	struct eng_port *c = eng_port_find(e, a->name);
	struct cfg_iface cfg;

	if (c != NULL && c->auto_parent[0] != '\0') {
		/* offered again before it went, or discovery restarted
		 * (MODE or DCB_REQUIRED reloaded): ours, with today's settings */
		auto_cfg(f, a->name, &cfg);
		if (c->cfg.mode != cfg.mode && c->port.state != PS_ABSENT)
			c->recreate = true;
		c->cfg = cfg;
		c->removed = false;
		snprintf(c->auto_parent, sizeof(c->auto_parent), "%s",
		    f->port->cfg.ifname);
		c->auto_vid = a->vid;
		if (c->real)
			eng_count_dcb(e, c);
		eng_port_dirty(e, c);
		return;
	}
	if (c != NULL) {
		if (!c->admin_made)
			log_info("%s: VLAN %u of %s has a cfg file: its "
			    "settings apply", a->name, a->vid, f->real);
		return;
	}
	auto_cfg(f, a->name, &cfg);
	c = eng_port_new(e, &cfg);
	snprintf(c->auto_parent, sizeof(c->auto_parent), "%s",
	    f->port->cfg.ifname);
	c->auto_vid = a->vid;
}

struct find_vlan {
	unsigned	 vid;
	char		*name;
	bool		 found;
};

static void
find_vlan_fn(void *arg, const struct link_info *li)
{
	struct find_vlan *fv = arg;

	if (!fv->found && li->vid == fv->vid) {
		snprintf(fv->name, LINK_NAMESZ, "%s", li->name);
		fv->found = true;
	}
}

/* Another real interface the engine knows whose name for vid is ours. */
static const char *
name_clash(const struct engine *e, const char *real, unsigned vid)
{
	const char *names[64];
	const struct eng_real *r;
	size_t n = 0;
	int i;

	for (r = e->reals; r && n < 64; r = r->next)
		if (strcmp(r->name, real) != 0)
			names[n++] = r->name;
	i = fip_vlan_name_clash(real, vid, names, n);
	return i < 0 ? NULL : names[i];
}

static void
vid_add(struct engine *e, struct eng_fip *f, unsigned vid)
{
	struct find_vlan fv = { .vid = vid };
	struct eng_avid *a = avid_find(f, vid);
	const char *other;

	if (a == NULL) {
		if (f->nv >= FIPDISC_VIDS_CAP)
			return;		/* fipdisc caps the VIDs first */
		a = &f->v[f->nv++];
		memset(a, 0, sizeof(*a));
		a->vid = vid;
	}
	a->withdrawn = false;
	fv.name = a->name;
	e->ops.vlans_of(e->ops.arg, f->real, find_vlan_fn, &fv);
	if (fv.found) {
		/* reused whatever its name; ours only if named by the rule */
		a->made = fip_vlan_name_is(a->name, f->real, vid);
		log_info("%s: VLAN %u offered: using %s", f->real, vid, a->name);
	} else if ((other = name_clash(e, f->real, vid)) != NULL) {
		a->name[0] = '\0';
		log_errx("%s: VLAN %u offered, but its name would be that of "
		    "VLAN %u of %s: not made (rename one of them)", f->real,
		    vid, vid, other);
		return;
	} else {
		(void)fip_vlan_name(f->real, vid, a->name);
		a->create = true;
	}
	auto_port_make(e, f, a);
}

static void
vid_del(struct engine *e, struct eng_fip *f, unsigned vid)
{
	struct eng_avid *a = avid_find(f, vid);
	struct eng_port *c;

	if (a == NULL)
		return;
	a->create = false;
	a->withdrawn = true;
	if ((c = auto_port(e, f, a)) != NULL) {
		c->removed = true;
		if (c->real)
			eng_count_dcb(e, c);
		eng_port_dirty(e, c);
	}
}

static void
vids_text(const struct fipdisc_vidset *s, char *buf, size_t n)
{
	size_t at = 0;
	int v;

	buf[0] = '\0';
	for (v = fipdisc_vid_next(s, 0); v >= 0 && at + 8 < n;
	    v = fipdisc_vid_next(s, (unsigned)v + 1))
		at += (size_t)snprintf(buf + at, n - at, "%s%d", at ? "," : "",
		    v);
}

static void
log_event(const struct eng_fip *f, const struct fipdisc_out *o)
{
	char vids[128], mac[18];
	const uint8_t *m = f->d.last_mac;
	struct fipdisc_vidset answered;

	if (o->event == FIPDISC_EV_NONE)
		return;
	/* what the answers offer; a VID kept from before a restart or a
	 * reload (adopted) is not one until an answer names it */
	fipdisc_answered(&f->d, &answered);
	vids_text(&answered, vids, sizeof(vids));
	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1],
	    m[2], m[3], m[4], m[5]);
	switch (o->event) {
	case FIPDISC_EV_SOLICITING:
		log_info("%s: FIP VLAN discovery: asking (%s mode), every "
		    "second until answered", f->real, f->mode ==
		    CFG_MODE_VN2VN ? "VN2VN" : "fabric");
		break;
	case FIPDISC_EV_FOUND:
	case FIPDISC_EV_CHANGED:
		log_notice("%s: FIP VLAN discovery: %s VLAN %s (last from %s)",
		    f->real, o->event == FIPDISC_EV_FOUND ? "found" : "now",
		    vids, mac);
		break;
	case FIPDISC_EV_LOST:
		log_notice("%s: FIP VLAN discovery: every VLAN withdrawn; "
		    "asking every second", f->real);
		break;
	default:
		log_info("%s: FIP VLAN discovery %s", f->real,
		    fipdisc_event_name(o->event));
		break;
	}
}

/* Carries out what fipdisc decided; the requests go at the end of cycle. */
static void
apply(struct engine *e, struct eng_fip *f, const struct fipdisc_out *o)
{
	int v;

	if (o->send)
		f->send = true;
	log_event(f, o);
	for (v = fipdisc_vid_next(&o->del, 0); v >= 0;
	    v = fipdisc_vid_next(&o->del, (unsigned)v + 1))
		if (v == 0)
			f->vid0 = false;
		else
			vid_del(e, f, (unsigned)v);
	for (v = fipdisc_vid_next(&o->add, 0); v >= 0;
	    v = fipdisc_vid_next(&o->add, (unsigned)v + 1))
		if (v == 0)
			f->vid0 = true;
		else
			vid_add(e, f, (unsigned)v);
	if (f->port != NULL && (o->nadd > 0 || o->ndel > 0))
		eng_port_dirty(e, f->port);
}

struct adopt_ctx {
	struct engine	*e;
	struct eng_fip	*f;
};

/* A VLAN of the daemon's naming on the parent: made before a restart. */
static void
adopt_fn(void *arg, const struct link_info *li)
{
	struct adopt_ctx *ac = arg;
	struct eng_fip *f = ac->f;
	struct eng_avid *a;

	if (!fip_vlan_name_is(li->name, f->real, li->vid) ||
	    f->nv >= FIPDISC_VIDS_CAP || avid_find(f, li->vid) != NULL)
		return;
	a = &f->v[f->nv++];
	memset(a, 0, sizeof(*a));
	a->vid = li->vid;
	a->made = true;
	snprintf(a->name, sizeof(a->name), "%s", li->name);
	fipdisc_adopt(&f->d, li->vid);
	log_info("%s: adopted VLAN %s (VID %u, the daemon's naming)", f->real,
	    li->name, li->vid);
	auto_port_make(ac->e, f, a);
}

static struct eng_fip *
fip_start(struct engine *e, struct eng_port *p, const struct link_info *li)
{
	struct eng_fip *f = calloc(1, sizeof(*f));
	struct adopt_ctx ac = { e, f };

	if (f == NULL)
		fatal("FIP discovery on %s", p->cfg.ifname);
	f->port = p;
	snprintf(f->real, sizeof(f->real), "%s", li->name);
	f->mode = p->cfg.mode;
	f->dcb_required = p->cfg.dcb_required;
	fipdisc_init(&f->d, li->ifindex, p->cfg.mode == CFG_MODE_VN2VN ?
	    FIP_MODE_VN2VN : FIP_MODE_FABRIC);
	/* An instance on the port itself before a restart: VID 0 was
	 * offered; it stays until a round answers without it. */
	if (p->managed && p->port.state != PS_ABSENT) {
		fipdisc_adopt(&f->d, 0);
		f->vid0 = true;
	}
	e->ops.vlans_of(e->ops.arg, f->real, adopt_fn, &ac);
	f->next = e->fips;
	e->fips = f;
	p->fip = f;
	return f;
}

/* Stops discovery; what it made goes (AUTO_VLAN off, entry removed,
 * MODE changed) or is already gone (DELLINK). */
static void
fip_stop(struct engine *e, struct eng_port *p, const char *why)
{
	struct eng_fip *f = p->fip;
	struct fipdisc_out o;

	log_info("%s: FIP VLAN discovery stopped (%s)", f->real, why);
	fipdisc_forget(&f->d, &o);
	o.event = FIPDISC_EV_NONE;
	apply(e, f, &o);
	f->send = false;
	f->port = NULL;		/* freed once its VLANs are removed */
	p->fip = NULL;
	eng_port_dirty(e, p);
}

static bool
wants_fip(const struct eng_port *p, const struct link_info *li)
{
	return p->cfg.auto_vlan && p->cfg.fcoe_enable && !p->removed &&
	    !p->admin_made && li != NULL && strcmp(li->kind, "vlan") != 0;
}

/* Static VN2VN: cfg-<real>.<vid>-fcoe, the long form exactly. */
static void
static_parse(struct engine *e, struct eng_port *p)
{
	char real[FIP_VLAN_NAMSIZ];
	enum fip_vlan_form form;
	unsigned vid;

	p->static_vid = 0;
	if (p->cfg.mode != CFG_MODE_VN2VN || p->auto_parent[0] != '\0' ||
	    fip_vlan_name_parse(p->cfg.ifname, real, &vid, &form) != 0 ||
	    !fip_vlan_name_is(p->cfg.ifname, real, vid) ||
	    strlen(real) + 1 > sizeof(p->static_real))
		return;
	snprintf(p->static_real, sizeof(p->static_real), "%s", real);
	p->static_vid = vid;
	e->fip_statics = true;
}

/* FIP_RESP of a real interface's entry changed (a reload): every entry
 * on that interface looks at it again. */
static void
resp_changed(struct engine *e, struct eng_port *p)
{
	struct eng_port *d;
	bool want = p->cfg.fip_resp && !p->removed;

	if (want == p->resp_cfg)
		return;
	p->resp_cfg = want;
	if (p->real == NULL || strcmp(p->real->name, p->cfg.ifname) != 0)
		return;
	for (d = p->real->deps; d; d = d->dep_next)
		eng_port_dirty(e, d);
}

/* From engine_run, for each entry an event touched, before decisions. */
void
eng_fip_sync(struct engine *e, struct eng_port *p, uint64_t now)
{
	const struct link_info *li = e->ops.link(e->ops.arg, p->cfg.ifname);
	struct fipdisc_out o;
	struct eng_fip *f = p->fip;

	static_parse(e, p);
	resp_changed(e, p);
	if (f != NULL && (!wants_fip(p, li) || li->ifindex != f->d.ifindex ||
	    f->mode != p->cfg.mode || f->dcb_required != p->cfg.dcb_required))
		fip_stop(e, p, li == NULL ? "interface gone" : p->removed ?
		    "removed from the configuration" : !p->cfg.auto_vlan ?
		    "AUTO_VLAN is no longer yes" : "configuration changed");
	if (p->fip == NULL && wants_fip(p, li))
		(void)fip_start(e, p, li);
	else if (p->fip == NULL && p->cfg.auto_vlan && li != NULL &&
	    !p->fip_vlan_logged) {
		p->fip_vlan_logged = true;
		log_info("%s: AUTO_VLAN=yes on a VLAN interface: no discovery "
		    "(only a physical interface discovers)", p->cfg.ifname);
	}
	if ((f = p->fip) == NULL || f->up == (li->oper_up && p->present))
		return;
	f->up = !f->up;
	fipdisc_link(&f->d, now, f->up, &o);
	apply(e, f, &o);
}

void
eng_fip_timer(struct engine *e, uint64_t now)
{
	struct eng_fip *f;
	struct fipdisc_out o;

	for (f = e->fips; f; f = f->next)
		if (f->port != NULL && fipdisc_due(&f->d) <= now) {
			fipdisc_timer(&f->d, now, &o);
			apply(e, f, &o);
		}
}

uint64_t
eng_fip_next(const struct engine *e)
{
	const struct eng_fip *f;
	uint64_t t = ENG_NEVER;

	for (f = e->fips; f; f = f->next)
		if (f->port != NULL && fipdisc_due(&f->d) < t)
			t = fipdisc_due(&f->d);
	return t;
}

static struct eng_fip *
fip_by_index(const struct engine *e, int ifindex)
{
	struct eng_fip *f;

	for (f = e->fips; f; f = f->next)
		if (f->port != NULL && f->d.ifindex == ifindex)
			return f;
	return NULL;
}

/* A VLAN whose create failed is asked for again when a notification
 * offers it again (the actuator's permission needs a fresh one). */
static void
retry_failed(struct eng_fip *f, const struct fip_vlan_msg *m)
{
	unsigned i, j;

	for (i = 0; i < f->nv; i++)
		for (j = 0; j < m->nvid; j++)
			if (f->v[i].err != 0 && !f->v[i].withdrawn &&
			    f->v[i].name[0] != '\0' && f->v[i].vid == m->vid[j])
				f->v[i].create = true;
}

void
engine_fip_frame(struct engine *e, int ifindex, const uint8_t *frame,
    size_t len, uint64_t now)
{
	struct eng_fip *f = fip_by_index(e, ifindex);
	struct fip_vlan_msg m;
	struct fip_perr pe;
	struct fipdisc_out o;
	char why[160];

	if (f == NULL)
		return;		/* not an auto entry's interface */
	if (fip_parse(frame, len, &m, &pe) != FIP_OK) {
		f->bad++;
		if (f->bad_logged == 0 || now - f->bad_logged >= FIP_BAD_LOG_MS) {
			f->bad_logged = now;
			log_warnx("%s: FIP frame rejected: %s (%u so far; "
			    "logged at most once a minute)", f->real,
			    fip_perr_format(&pe, why, sizeof(why)), f->bad);
		}
		return;
	}
	fipdisc_note(&f->d, now, &m, &o);
	if (o.ignored != FIPDISC_IGN_NONE)
		log_debug("%s: FIP notification ignored: %s", f->real,
		    fipdisc_ignore_name(o.ignored));
	else
		retry_failed(f, &m);
	apply(e, f, &o);
}

/* The actuator's rate limits dropped frames: counted per entry (status);
 * one line a minute at most, a flood must not become a log flood. */
void
engine_fip_drops(struct engine *e, int ifindex, uint32_t n, uint64_t now)
{
	struct eng_fip *f = fip_by_index(e, ifindex);

	e->fip_drops += n;
	if (f != NULL)
		f->drops += n;
	if (e->fip_drops_logged != 0 && now - e->fip_drops_logged <
	    FIP_BAD_LOG_MS)
		return;
	e->fip_drops_logged = now;
	log_warnx("%s: FIP frames dropped by the actuator's rate limit (a "
	    "flood?): %u in all; logged at most once a minute",
	    f != NULL ? f->real : "another interface", e->fip_drops);
}

/* The parent of an auto entry: its own instance only for VID 0. */
bool
eng_fip_parked(const struct eng_port *p)
{
	return p->fip != NULL && !p->fip->vid0;
}
