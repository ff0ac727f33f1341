/*
 * Run by the monitor (unprivileged): the engine's state as fcoectl status
 * rows -- per FCoE interface what the daemon knows and, in words, why the
 * instance is or is not there and what happens next.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "monitor/engine/engine_int.h"
#include "common/ctl_msg.h"

_Static_assert((int)CTL_DCB_GAVE_UP == (int)DCB_GAVE_UP &&
    (int)CTL_DCB_OFF == (int)DCB_OFF && (int)CTL_DCB_DONE == (int)DCB_DONE,
    "ctl_dcb mirrors dcb_step");
_Static_assert((int)CTL_OP_DESTROY == (int)PO_DESTROY &&
    (int)CTL_ST_DISABLED == (int)PS_DISABLED, "ctl mirrors port");

static void
why_text(const struct eng_port *p, uint64_t now, char *buf, size_t n)
{
	const struct eng_real *r = p->real;
	bool active = p->port.state == PS_ENABLED;
	char dcb[CTL_WHYSZ - 12];	/* room for "active; DCB " */

	if (p->removed)
		snprintf(buf, n, "removed from the configuration; %s",
		    p->managed ? "destroying the instance" : "not ours, left");
	else if (!p->cfg.fcoe_enable)
		snprintf(buf, n, "off: %s", p->admin_made || p->cause ?
		    "destroyed by an operator" : "FCOE_ENABLE is not yes");
	else if (p->port.state == PS_ABSENT && p->port.last_err != 0 &&
	    p->port.last_op == PO_CREATE)
		snprintf(buf, n, "failed: create: %s; tried again on the next "
		    "link or DCB event", strerror(p->port.last_err));
	else if (!p->present)
		snprintf(buf, n, "waiting: %s does not exist", p->cfg.ifname);
	else if (!p->oper_up || r == NULL || !r->present || !r->oper_up)
		snprintf(buf, n, "waiting: link down on %s", !p->oper_up ||
		    r == NULL ? p->cfg.ifname : r->name);
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

static void
fill(const struct eng_port *p, uint64_t now, struct ctl_row *w)
{
	const struct eng_real *r = p->real;

	memset(w, 0, sizeof(*w));
	snprintf(w->ifname, sizeof(w->ifname), "%s", p->cfg.ifname);
	if (r != NULL)
		snprintf(w->real, sizeof(w->real), "%s", r->name);
	w->link = !p->present ? CTL_LINK_ABSENT : p->oper_up ? CTL_LINK_UP :
	    CTL_LINK_DOWN;
	w->real_link = r == NULL || !r->present ? CTL_LINK_ABSENT :
	    r->oper_up ? CTL_LINK_UP : CTL_LINK_DOWN;
	w->dcb_required = p->cfg.dcb_required;
	w->mode = p->cfg.mode == CFG_MODE_VN2VN;
	w->enable = p->cfg.fcoe_enable;
	w->source = p->admin_made ? CTL_SRC_ADMIN : CTL_SRC_CFG;
	w->managed = p->managed;
	w->state = (uint8_t)p->port.state;
	w->max_retries = DCB_MAX_RETRIES;
	w->last_op = p->port.last_op <= PO_DESTROY ? (uint8_t)p->port.last_op
	    : CTL_OP_NONE;
	w->last_err = w->last_op ? p->port.last_err : 0;
	w->last_op_age_ms = w->last_op ? ms_until(now, p->last_op_at) : -1;
	w->next_retry_ms = -1;
	w->lldpad_status = -1;
	w->ctlr = w->host = -1;
	if (r != NULL && p->cfg.dcb_required) {
		w->dcb_step = (uint8_t)r->dcb.step;
		w->retries = (uint8_t)(r->dcb.retries > DCB_MAX_RETRIES ?
		    DCB_MAX_RETRIES : r->dcb.retries);
		if (r->dcb.retry_armed)
			w->next_retry_ms = ms_until(r->dcb.retry_at, now);
		w->lldpad_status = r->last_status;
		w->lldpad_step = (uint8_t)r->last_step;
	}
	why_text(p, now, w->why, sizeof(w->why));
}

/* A port waiting on DCB while lldpad is wedged says so: its own query
 * looks merely pending, and the fix (restart lldpad) is elsewhere. */
static void
fill_lc(const struct engine *e, const struct eng_port *p, uint64_t now,
    struct ctl_row *w)
{
	fill(p, now, w);
	if (w->dcb_required && w->enable && w->link == CTL_LINK_UP &&
	    w->real_link == CTL_LINK_UP && w->dcb_step != CTL_DCB_DONE &&
	    lc_unresponsive(&e->lc)) {
		char t[CTL_WHYSZ - 10];

		lc_explain(&e->lc, now, t, sizeof(t));
		snprintf(w->why, sizeof(w->why), "waiting: %s", t);
	}
}

int
engine_status(const struct engine *e, const char *ifname, uint64_t now,
    void (*row)(void *, struct ctl_row *), void *arg)
{
	const struct eng_port *p;
	struct ctl_row w;

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

/* SIGUSR1: the connection, then one line per entry from its status row. */
void
engine_dump(const struct engine *e, uint64_t now,
    void (*line)(void *, const char *), void *arg)
{
	const struct eng_port *p;
	struct ctl_row w;
	char buf[512], text[256];

	lc_explain(&e->lc, now, text, sizeof(text));
	snprintf(buf, sizeof(buf), "status: %zu interfaces, %zu real, %s",
	    e->nports, e->nreals, text);
	line(arg, buf);
	for (p = e->ports; p; p = p->next) {
		fill_lc(e, p, now, &w);
		snprintf(buf, sizeof(buf), "status: %s real=%s link=%s "
		    "instance=%s%s last=%s%s%s: %s", w.ifname,
		    w.real[0] ? w.real : "-", ctl_link_name(w.link),
		    ctl_state_name(w.state), w.managed ? "" : " (not ours)",
		    ctl_op_name(w.last_op), w.last_err ? "/" : "",
		    w.last_err ? strerror(w.last_err) : "", w.why);
		line(arg, buf);
	}
}
