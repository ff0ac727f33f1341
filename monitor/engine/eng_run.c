/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the end of every event or timer
 * cycle (doc/design.md "Engine: end of cycle").
 * After all input is handled: the lldpad connection
 * and queries, then each touched real interface's sequence is settled,
 * then each touched FCoE interface is decided (dcb_decide) and the one
 * operation that moves its instance towards the decision is run.
 * The top of the engine: it calls every other engine file, none calls it.
 */
#include <errno.h>
#include <string.h>

#include "monitor/engine/engine_int.h"
#include "monitor/util/log.h"

static enum seq_log
seq_state(const struct dcb_netif *n)
{
	struct dcb_verdict v;

	switch (n->step) {
	case DCB_DONE:
		dcb_netif_verdict(n, &v);
		switch (dcb_judge(&v, NULL)) {
		case DCB_J_GOOD:
			return SL_READY;
		case DCB_J_BAD:
			return SL_BAD;
		default:
			return SL_RETRY;
		}
	case DCB_ERROR:
		return SL_RETRY;
	case DCB_GAVE_UP:
		return SL_GAVE_UP;
	default:
		return SL_NONE;		/* querying or off: nothing to say */
	}
}

/* One line per change of outcome; each retry's details at debug. */
static void
log_seq(struct eng_real *r, uint64_t now)
{
	static const int pri[] = { LOG_DEBUG, LOG_INFO, LOG_WARNING,
	    LOG_INFO, LOG_WARNING };
	enum seq_log s = seq_state(&r->dcb);
	char text[256];

	if (s == SL_NONE)
		return;
	dcb_netif_explain(&r->dcb, now, text, sizeof(text));
	log_msg(s == r->seq_logged ? LOG_DEBUG : pri[s], "%s: DCB %s", r->name,
	    text);
	r->seq_logged = s;
}

static void
settle(struct engine *e, struct eng_real *r, uint64_t now)
{
	struct eng_port *p;

	if (r->dcb_users > 0) {
		(void)dcb_netif_settle(&r->dcb, now);
		log_seq(r, now);
		if (r->dcb.retry_armed && (r->heap_idx < 0 ||
		    r->timer_at != r->dcb.retry_at))
			eng_timer_set(e, r, r->dcb.retry_at);
	}
	for (p = r->deps; p; p = p->dep_next)
		eng_port_dirty(e, p);
}

static enum dcb_decision
eng_decide(const struct eng_port *p, enum dcb_why *why)
{
	struct dcb_in in;
	const struct eng_real *r = p->real;

	memset(&in, 0, sizeof(in));
	if (r != NULL)
		dcb_netif_in(&r->dcb, &in);
	in.dellink = p->dellink;
	in.links_up = p->present && p->oper_up && r && r->present &&
	    r->oper_up;
	in.dcb_required = p->cfg.dcb_required;
	return dcb_decide(&in, why);
}

/*
 * Instances before the link (fcoemond(8) "What exists when"): where DCB is
 * not required, an entry whose interface (and real interface) exists but
 * is down has its instance made early.  If the interface is
 * administratively up (no carrier yet), it is made or left enabled,
 * "armed": the kernel's netdev notifier (fcoe_device_notification())
 * starts an enabled instance itself at carrier-up, so link-up costs no
 * request (doc/kernel.md "Link-up of an enabled instance").  If it is
 * administratively down, it is made disabled and enabled at link-up: the
 * kernel's link test (netif_oper_up) ignores IFF_UP, so an enable written
 * then starts FCoE on the down device and the real link-up solicits
 * nothing.  An instance already enabled is left so either way (its
 * link-down reset it).  Where DCB is required, nothing is made before the
 * judgement that follows link-up, and link down disables: DCB must be
 * judged again after every link-up before FCoE may run.
 */
static enum port_want
early(const struct eng_port *p, enum port_want w, enum dcb_why why)
{
	if (w != PW_DISABLED || why != DCB_WHY_LINK_DOWN || !eng_early(p))
		return w;
	return p->admin_up ? PW_ENABLED : PW_READY;
}

/* The decision in words: an early entry's link-down "disable" is none. */
static const char *
decision_str(const struct eng_port *p, enum port_want w, enum dcb_why why,
    enum dcb_decision d)
{
	if (why != DCB_WHY_LINK_DOWN || (w != PW_ENABLED && w != PW_READY))
		return dcb_decision_str(d);
	if (w == PW_ENABLED || p->port.state == PS_ENABLED)
		return "armed: enabled, the kernel starts it at link-up";
	return "ready: disabled while administratively down, enabled at "
	    "link-up";
}

/* One line per change of outcome: a retry loop passes through
 * "querying" each round, which must not count as a change. */
static void
log_why(struct eng_port *p, enum dcb_why why, const char *what)
{
	bool quiet = why == DCB_WHY_QUERYING || why == DCB_WHY_IDLE;

	if (eng_fip_parked(p) != p->parked_logged) {
		p->parked_logged = !p->parked_logged;
		p->why_valid = false;		/* said again when unparked */
		if (p->parked_logged)
			log_info("%s: AUTO_VLAN: FCoE on the VLANs discovery "
			    "finds; on %s itself only if VID 0 is offered",
			    p->cfg.ifname, p->cfg.ifname);
	}
	if (p->parked_logged) {
		log_debug("%s: %s -> %s (AUTO_VLAN, no VID 0)", p->cfg.ifname,
		    dcb_why_str(why), what);
		return;
	}

	if (!quiet && (!p->why_valid || p->why != why)) {
		log_info("%s: %s -> %s", p->cfg.ifname, dcb_why_str(why),
		    what);
		p->why = why;
		p->why_valid = true;
	} else
		log_debug("%s: %s -> %s", p->cfg.ifname, dcb_why_str(why),
		    what);
}

static enum port_want
want_of(struct eng_port *p, enum dcb_why *why, enum dcb_decision *dp)
{
	enum dcb_decision d = eng_decide(p, why);

	*dp = d;
	if (p->removed)
		return p->managed ? PW_ABSENT : PW_KEEP;
	if (p->recreate)
		return PW_ABSENT;
	if (eng_fip_parked(p))		/* AUTO_VLAN: the port itself only
					 * when VID 0 is offered */
		return p->managed ? PW_ABSENT : PW_KEEP;
	return early(p, port_want_of(d, p->cfg.fcoe_enable), *why);
}

/*
 * At system shutdown (engine_logout): every instance this daemon made or
 * adopted is destroyed, which logs it out of the fabric and its targets
 * while the link is still there (a disable drops the session without a
 * LOGO: the target kept the initiator's port Online, tests/vm/sd/
 * witness.sh); one whose disks are still in use is kept.  Nothing is
 * made or enabled again.
 */
static enum port_want
logout_want(struct eng_port *p, enum dcb_why *why, enum dcb_decision *dp)
{
	*why = DCB_WHY_IDLE;
	*dp = DCB_DESTROY;
	p->cause = "logout at system shutdown";
	return p->managed && !p->removed && !p->logout_keep ? PW_ABSENT :
	    PW_KEEP;
}

/* What a create or enable made early leaves for link-up, in words. */
static const char *
early_note(enum port_op op, enum dcb_why why)
{
	if (op == PO_PREPARE)
		return ", disabled until link-up";
	if (why != DCB_WHY_LINK_DOWN || (op != PO_CREATE && op != PO_ENABLE))
		return "";
	return op == PO_CREATE ? "; enabled, the kernel starts it at link-up" :
	    "; the kernel starts it at link-up";
}

static void
log_op(const struct eng_port *p, enum port_op op, int err, enum dcb_why why)
{
	static const char *const done[] = { "", "created", "enabled",
	    "disabled", "destroyed", "", "", "created" };
	bool made = port_op_makes(op);
	const char *cause = p->cause ? p->cause :
	    p->removed ? "removed from the configuration" :
	    p->recreate ? "MODE changed" : !p->cfg.fcoe_enable ?
	    "FCOE_ENABLE is not yes" : dcb_why_str(why);

	if (!made && err == ENODEV) {
		/* The kernel takes an instance with its netdev. */
		log_notice("%s: interface gone; its FCoE instance went with it",
		    p->cfg.ifname);
		return;
	}
	if (err == 0) {
		log_notice("%s: FCoE instance %s%s%s (%s)", p->cfg.ifname,
		    done[op], made ? (p->cfg.mode == CFG_MODE_VN2VN ?
		    ", VN2VN mode" : ", fabric mode") : "", early_note(op, why),
		    cause);
		return;
	}
	/* The same failure again (every event retries it) only at debug. */
	log_msg(p->port.failures > 1 ? LOG_DEBUG : LOG_ERR,
	    "%s: %s failed: %s (%s); %s", p->cfg.ifname, port_op_str(op),
	    strerror(err), cause, made ? "not created, tried "
	    "again on the next link or DCB event" : "tried again on the next "
	    "event");
}

/* What one act() did, for the answers to operators' requests. */
struct acted {
	enum dcb_why	why;
	enum port_op	op;		/* PO_NONE if none ran */
	int		err;
};

/* One operation towards what the decision wants; false if none ran. */
static bool
act(struct engine *e, struct eng_port *p, uint64_t now, struct acted *a)
{
	enum dcb_decision d;
	enum port_want w = e->logout ? logout_want(p, &a->why, &d) :
	    want_of(p, &a->why, &d);
	enum port_op op = port_plan(&p->port, w);
	const char *what = decision_str(p, w, a->why, d);
	/* Every write on a down link but a destroy waits the settle time
	 * (engine_int.h); a VLAN this daemon just made is no device being
	 * deleted. */
	bool made = port_op_makes(op);
	bool settle = a->why == DCB_WHY_LINK_DOWN && op != PO_NONE &&
	    op != PO_DESTROY && !(made && p->vlan_fresh);
	int err;

	if (!settle)
		p->down_due = 0;		/* not (or no longer) a link down */
	else if (!eng_down_settled(e, p, now))
		op = PO_NONE;
	if (op == PO_NONE) {
		log_why(p, a->why, what);
		return false;
	}
	/*
	 * The request goes out before the decision is logged: a log line
	 * wakes the log's readers, and on a busy CPU they run before the
	 * actuator does (make bench-latency showed ~1.5 ms per link-up).
	 */
	err = eng_call(e, e->ops.fcoe(e->ops.arg, op, p->cfg.ifname,
	    p->cfg.mode));
	log_why(p, a->why, what);
	if (err < 0)
		return false;
	port_done(&p->port, op, err);
	p->last_op_at = now;
	p->vlan_fresh = false;
	a->op = op;
	a->err = err;
	if (made && p->port.state != PS_ABSENT)
		p->managed = true;
	log_op(p, op, err, a->why);
	return err == 0;
}

static void
port_cycle(struct engine *e, struct eng_port *p, uint64_t now)
{
	struct acted a = { .op = PO_NONE };

	/* At most: destroy for a MODE change, then create. */
	if (act(e, p, now, &a) && p->recreate && p->port.state == PS_ABSENT) {
		p->recreate = false;
		(void)act(e, p, now, &a);
	}
	if (p->recreate && p->port.state == PS_ABSENT)
		p->recreate = false;
	if (!e->dead)
		eng_fip_resp(e, p);
	if (e->dead)
		return;
	eng_admin_settle(e, p, a.why, a.op, a.err);
	/* An operator's entry stays after its destroy, as in fcoemon: a
	 * second destroy says "no action", and status shows it. */
	if (p->removed && (p->port.state == PS_ABSENT || !p->managed))
		eng_port_free(e, p);
}

void
engine_timer(struct engine *e, uint64_t now)
{
	struct eng_real *r;

	eng_down_due(e, now);
	eng_fip_timer(e, now);
	while ((r = eng_timer_due(e, now)) != NULL)
		if (dcb_netif_timer(&r->dcb, now)) {
			log_debug("%s: retry %u of %u", r->name,
			    r->dcb.retries, DCB_MAX_RETRIES);
			eng_query_queue(e, r);
			eng_real_dirty(e, r);
		}
}

int
engine_run(struct engine *e, uint64_t now)
{
	struct eng_real *r;
	struct eng_port *p;

	if (e->dead)
		return -1;
	eng_lldpad_run(e, now);
	while ((r = e->dirty_reals) != NULL) {
		e->dirty_reals = r->dirty_next;
		r->dirty = false;
		settle(e, r, now);
	}
	for (p = e->dirty_ports; p; p = p->dirty_next)
		eng_fip_sync(e, p, now);
	while (!e->dead && (p = e->dirty_ports) != NULL) {
		e->dirty_ports = p->dirty_next;
		p->dirty = false;
		port_cycle(e, p, now);
	}
	if (!e->dead)
		eng_fip_run(e, now);
	return e->dead ? -1 : 0;
}

int
engine_logout(struct engine *e, uint64_t now,
    bool (*keep)(void *, const char *), void *arg, unsigned *gone)
{
	struct eng_port *p;
	unsigned before = 0, after = 0;
	int r;

	e->logout = true;
	for (p = e->ports; p != NULL; p = p->next) {
		if (p->managed && p->port.state != PS_ABSENT) {
			before++;
			p->logout_keep = keep(arg, p->cfg.ifname);
		}
		eng_port_dirty(e, p);
	}
	r = engine_run(e, now);
	for (p = e->ports; p != NULL; p = p->next)
		after += p->managed && p->port.state != PS_ABSENT;
	*gone = before - after;
	return r;
}

uint64_t
engine_next_due(const struct engine *e)
{
	uint64_t t = eng_timer_first(e), d = eng_down_first(e);
	uint64_t f = eng_fip_next(e);

	if (f < t)
		t = f;
	if (e->lc.state != LC_IDLE && e->lc.due < t)
		t = e->lc.due;
	return d < t ? d : t;
}
