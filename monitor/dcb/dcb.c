/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the DCB engine's state machines and
 * decisions (doc/design.md "Engine: decisions";
 * doc/kernel.md "lldpad: DCB answers").  Pure: state
 * lives in the caller's structs, time comes in as an argument.
 *
 * Where this departs from fcoemon 1.0.34, on purpose:
 *  - every failure counts against the same ten retries, lldpad error
 *    replies included (fcoemon retried those forever, with an ever longer
 *    delay and a log line each time);
 *  - an answer that does not parse still answers the query in flight and
 *    counts as a failure (fcoemon left the query pending for good);
 *  - after the tenth retry fails the verdict is DESTROY and the sequence
 *    rests until an lldpad event, a re-attach or a link change.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/dcbnl.h>

#include "monitor/dcb/dcb.h"

static const struct {
	unsigned	cmd;
	unsigned	feature;
	const char	*name;
} steps[] = {
	[DCB_Q_DCB_STATE] = { LLDPAD_GET_CONFIG, LLDPAD_F_DCB, "DCB state" },
	[DCB_Q_PFC_CONFIG] = { LLDPAD_GET_CONFIG, LLDPAD_F_PFC, "PFC config" },
	[DCB_Q_APP_CONFIG] = { LLDPAD_GET_CONFIG, LLDPAD_F_APP,
	    "App:FCoE config" },
	[DCB_Q_PFC_OPER] = { LLDPAD_GET_OPER, LLDPAD_F_PFC, "PFC oper" },
	[DCB_Q_APP_OPER] = { LLDPAD_GET_OPER, LLDPAD_F_APP, "App:FCoE oper" },
};

static bool
is_query(enum dcb_step s)
{
	return s >= DCB_Q_DCB_STATE && s <= DCB_Q_APP_OPER;
}

unsigned
dcb_step_cmd(enum dcb_step s)
{
	return is_query(s) ? steps[s].cmd : 0;
}

unsigned
dcb_step_feature(enum dcb_step s)
{
	return is_query(s) ? steps[s].feature : 0;
}

const char *
dcb_step_str(enum dcb_step s)
{
	switch (s) {
	case DCB_OFF:		return "off";
	case DCB_DONE:		return "done";
	case DCB_ERROR:		return "error";
	case DCB_GAVE_UP:	return "gave up";
	case DCB_Q_DCBNL:	return "kernel DCB state (dcbnl)";
	default:		break;
	}
	return is_query(s) ? steps[s].name : "unknown";
}

uint64_t
dcb_retry_delay_ms(unsigned retry)
{
	/* Linear, as fcoemon: 0.2 s for the first retry ... 2.0 s for the tenth. */
	return (uint64_t)retry * DCB_RETRY_STEP_MS;
}

void
dcb_netif_init(struct dcb_netif *n, const char *ifname)
{
	size_t len = strnlen(ifname, LLDPAD_IFNAMSIZ - 1);

	memset(n, 0, sizeof(*n));
	memcpy(n->ifname, ifname, len);
	n->ifname[len] = '\0';
	n->step = DCB_OFF;
}

/*
 * Back to the first query; as fcoemon, old values are forgotten.  The
 * kernel's DCBX mode is kept until its next answer: it says whether lldpad
 * is needed at all (firmware DCBX), which must not flicker on a restart.
 */
static void
restart(struct dcb_netif *n)
{
	struct dcb_ieee *ie = &n->ieee;
	bool known = ie->dcbx_known;
	uint8_t dcbx = ie->dcbx;

	n->step = n->use_dcbnl ? DCB_Q_DCBNL : DCB_Q_DCB_STATE;
	n->pending = false;
	n->source = DCB_SRC_CEE;
	memset(&n->info, 0, sizeof(n->info));
	memset(ie, 0, sizeof(*ie));
	ie->dcbx_known = known;
	ie->dcbx = dcbx;
}

static void
forget_retries(struct dcb_netif *n)
{
	n->retries = 0;
	n->retry_armed = false;
	n->retry_at = 0;
	n->fail = DCB_F_NONE;
}

/*
 * Operstate of the real interface changed.  Down cancels the sequence,
 * the query in flight included; up starts it from the beginning.  Either
 * way the retry count starts over: a flap is not a DCB failure.  Repeated
 * reports of the same state change nothing.
 */
bool
dcb_netif_link(struct dcb_netif *n, bool up)
{
	if (up == (n->step != DCB_OFF))
		return false;
	forget_retries(n);
	if (up) {
		restart(n);
	} else {
		n->step = DCB_OFF;
		n->pending = false;
		memset(&n->info, 0, sizeof(n->info));
		memset(&n->ieee, 0, sizeof(n->ieee));
	}
	return true;
}

/*
 * An lldpad event about PFC or App:FCoE, or lldpad (re)attached: query
 * again from the start, at once -- lldpad says something changed, and a
 * good answer ends the trouble now rather than at the next retry.  The
 * pending flag is dropped because the answer in flight may never come
 * (lldpad restarted) or no longer matches.  An armed retry timer stays
 * armed and dcb_netif_settle() does not count failures while it is, so an
 * event storm cannot shorten the retry window.  After giving up, this
 * begins a fresh round of ten retries.
 */
bool
dcb_netif_restart(struct dcb_netif *n)
{
	if (n->step == DCB_OFF)
		return false;
	if (n->step == DCB_GAVE_UP)
		forget_retries(n);
	restart(n);
	return true;
}

/*
 * The query to send now, if any: one at a time.  While a retry waits the
 * sequence rests in DONE or ERROR, so only a restart queries early.
 */
bool
dcb_netif_query(const struct dcb_netif *n, enum dcb_step *step)
{
	if (!is_query(n->step) || n->pending)
		return false;
	*step = n->step;
	return true;
}

void
dcb_netif_sent(struct dcb_netif *n)
{
	if (is_query(n->step))
		n->pending = true;
}

static enum dcb_rx
failed(struct dcb_netif *n, enum dcb_fail f, unsigned status,
    const char *detail)
{
	n->fail = f;
	n->fail_step = n->step;
	n->fail_status = status;
	n->fail_detail = detail;
	n->step = DCB_ERROR;
	return DCB_RX_ERROR;
}

/* Does this echoed answer belong to the current step of this interface? */
static bool
matches(const struct dcb_netif *n, const struct lldpad_dcb *d)
{
	if (d->cmd != steps[n->step].cmd ||
	    d->feature != steps[n->step].feature)
		return false;
	if (d->feature == LLDPAD_F_APP && d->subtype != LLDPAD_APP_FCOE)
		return false;
	return strcmp(d->ifname, n->ifname) == 0;
}

static enum dcb_rx
next(struct dcb_netif *n, enum dcb_step s)
{
	n->step = s;
	return s == DCB_DONE ? DCB_RX_DONE : DCB_RX_NEXT;
}

/* A status-00 answer of the current step: keep its values, move on. */
static enum dcb_rx
advance(struct dcb_netif *n, const struct lldpad_dcb *d)
{
	struct dcb_info *i = &n->info;

	switch (n->step) {
	case DCB_Q_DCB_STATE:
		i->dcb_on = d->dcb_state;
		/* DCB off settles it: nothing else to ask. */
		return next(n, i->dcb_on ? DCB_Q_PFC_CONFIG : DCB_DONE);
	case DCB_Q_PFC_CONFIG:
		i->pfc_enable = d->enable;
		i->pfc_advertise = d->advertise;
		i->pfc_willing = d->willing;
		return next(n, DCB_Q_APP_CONFIG);
	case DCB_Q_APP_CONFIG:
		i->app_enable = d->enable;
		i->app_advertise = d->advertise;
		i->app_willing = d->willing;
		return next(n, DCB_Q_PFC_OPER);
	case DCB_Q_PFC_OPER:
		if (!d->syncd)
			return failed(n, DCB_F_NOT_SYNCD, 0, NULL);
		i->pfc_oper = d->oper_mode;
		i->pfc_error = d->error;
		i->pfcup = d->pfcup;
		return next(n, DCB_Q_APP_OPER);
	case DCB_Q_APP_OPER:
		if (!d->syncd)
			return failed(n, DCB_F_NOT_SYNCD, 0, NULL);
		i->app_oper = d->oper_mode;
		i->app_error = d->error;
		i->appcfg = d->appcfg;
		return next(n, DCB_DONE);
	default:
		return DCB_RX_IGNORED;
	}
}

static enum dcb_rx
echoed(struct dcb_netif *n, const struct lldpad_msg *m)
{
	bool oper = steps[n->step].cmd == LLDPAD_GET_OPER;

	if (m->status == LLDPAD_ST_NOT_APPLICABLE && oper) {
		/* CEE DCBX engine inactive (IEEE mode): done, as fcoemon;
		 * where dcbnl can be asked, its IEEE view decides. */
		n->info.cee_inactive = true;
		if (n->use_dcbnl)
			n->source = DCB_SRC_IEEE;
		return next(n, DCB_DONE);
	}
	if (m->status != LLDPAD_ST_SUCCESS)
		return failed(n, DCB_F_STATUS, m->status, NULL);
	if (!m->dcb.decoded)
		return failed(n, DCB_F_MALFORMED, 0, "no data");
	return advance(n, &m->dcb);
}

/*
 * One parsed datagram.  Echoed answers are matched by command, feature,
 * subtype and name.  Answers without an echo (R04, R02, R0a) and answers
 * that did not parse name nothing: the caller, which knows which
 * interface's query is in flight, hands them to that interface only, and
 * they count only while its query is pending.
 */
enum dcb_rx
dcb_netif_reply(struct dcb_netif *n, const struct lldpad_msg *m)
{
	if (!is_query(n->step))
		return DCB_RX_IGNORED;
	switch (m->kind) {
	case LLDPAD_REPLY_DCB:
		if (!matches(n, &m->dcb))
			return DCB_RX_IGNORED;
		n->pending = false;
		return echoed(n, m);
	case LLDPAD_REPLY:
		if (!n->pending)
			return DCB_RX_IGNORED;
		n->pending = false;
		return failed(n, DCB_F_NO_ECHO, m->status, NULL);
	case LLDPAD_MALFORMED:
		if (!n->pending || !m->answer)
			return DCB_RX_IGNORED;
		n->pending = false;
		return failed(n, DCB_F_MALFORMED, m->status, m->reason);
	default:
		return DCB_RX_IGNORED;
	}
}

/* PFC and App:FCoE events restart a sequence; PG and the rest do not. */
bool
dcb_event_restarts(const struct lldpad_msg *m)
{
	if (m->kind != LLDPAD_EVENT || m->ev.level != LLDPAD_EV_LEVEL)
		return false;
	if (m->ev.feature == LLDPAD_F_PFC)
		return true;
	return m->ev.feature == LLDPAD_F_APP &&
	    m->ev.subtype == LLDPAD_APP_FCOE;
}

bool
dcb_netif_event(struct dcb_netif *n, const struct lldpad_msg *m)
{
	if (!dcb_event_restarts(m) || strcmp(m->ev.ifname, n->ifname) != 0)
		return false;
	return dcb_netif_restart(n);
}

void
dcb_cee_verdict(const struct dcb_info *i, struct dcb_verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->source = DCB_SRC_CEE;
	v->enabled = i->dcb_on;
	v->pfc_enabled = i->pfc_enable;
	v->app_enabled = i->app_enable;
	v->oper_known = !i->cee_inactive;	/* status 09: IEEE mode? */
	v->pfc_oper = i->pfc_oper;
	v->app_oper = i->app_oper;
	v->pfc_prios = i->pfcup;
	v->fcoe_prios = i->appcfg;
}

/* ---- IEEE DCBX through the kernel's dcbnl ---- */

static bool
mode_ieee(const struct dcb_ieee *ie)
{
	return ie->dcbx_known &&
	    (ie->dcbx & (DCBNL_DCBX_VER_IEEE | DCBNL_DCBX_LLD_MANAGED));
}

bool
dcb_netif_firmware(const struct dcb_netif *n)
{
	return n->ieee.dcbx_known && (n->ieee.dcbx & DCBNL_DCBX_LLD_MANAGED);
}

bool
dcb_netif_dcbnl_due(const struct dcb_netif *n)
{
	return n->step == DCB_Q_DCBNL && !n->pending;
}

/*
 * Both answers in: the kernel's DCBX mode picks the source.  IEEE (lldpad
 * in IEEE mode, or a firmware agent, LLD_MANAGED, whatever its version)
 * is settled here from the IEEE view; anything else asks lldpad (CEE).
 * An lldpad that then says "not applicable" (R09) hands it back to the
 * IEEE view (echoed()).
 */
static bool
dcbnl_complete(struct dcb_netif *n)
{
	if (n->step != DCB_Q_DCBNL || !n->pending || n->ieee.seq_dcbx != 0 ||
	    n->ieee.seq_ieee != 0)
		return false;
	n->pending = false;
	if (mode_ieee(&n->ieee)) {
		n->source = DCB_SRC_IEEE;
		n->step = DCB_DONE;
	} else {
		n->step = DCB_Q_DCB_STATE;
	}
	return true;
}

static void
dcbnl_failed(struct dcb_ieee *ie, unsigned cmd, int err)
{
	ie->err = err;
	ie->err_cmd = cmd;
	if (cmd == DCB_CMD_GDCBX)
		ie->dcbx_known = false;
}

/* One request went out (seq) or could not (err). */
void
dcb_netif_dcbnl_sent(struct dcb_netif *n, unsigned cmd, uint32_t seq, int err)
{
	if (n->step != DCB_Q_DCBNL || n->pending)
		return;
	if (err != 0)
		dcbnl_failed(&n->ieee, cmd, err);
	else if (cmd == DCB_CMD_GDCBX)
		n->ieee.seq_dcbx = seq;
	else
		n->ieee.seq_ieee = seq;
}

/* Both requests are out (or failed): wait for their answers. */
bool
dcb_netif_dcbnl_asked(struct dcb_netif *n)
{
	if (n->step != DCB_Q_DCBNL)
		return false;
	n->pending = true;
	return dcbnl_complete(n);
}

/* The IEEE view of an IEEE_GET answer (or notification). */
static void
take_ieee(struct dcb_ieee *ie, const struct dcbnl_info *i)
{
	unsigned k;

	ie->ieee_known = true;
	ie->pfc_en = i->has_pfc ? i->pfc_en : 0;
	ie->fcoe_prios = i->fcoe_prio_mask;
	ie->has_app = false;
	for (k = 0; k < i->napps && i->fcoe_prio >= 0; k++) {
		if (i->apps[k].selector == 1 &&
		    i->apps[k].protocol == DCBNL_ETH_P_FCOE &&
		    i->apps[k].priority == i->fcoe_prio) {
			ie->fcoe_app = i->apps[k];
			ie->has_app = true;
			break;
		}
	}
	if (i->has_dcbx) {
		ie->dcbx_known = true;
		ie->dcbx = i->dcbx;
	}
}

/*
 * An answer to one of this sequence's requests, matched by its netlink
 * sequence number: a late answer to a request of an earlier round is
 * not this round's.
 */
bool
dcb_netif_dcbnl(struct dcb_netif *n, uint32_t seq, const struct dcbnl_info *i)
{
	struct dcb_ieee *ie = &n->ieee;
	unsigned cmd;
	int err = 0;

	if (n->step != DCB_Q_DCBNL || seq == 0)
		return false;
	if (seq == ie->seq_dcbx) {
		cmd = DCB_CMD_GDCBX;
		ie->seq_dcbx = 0;
	} else if (seq == ie->seq_ieee) {
		cmd = DCB_CMD_IEEE_GET;
		ie->seq_ieee = 0;
	} else {
		return false;
	}
	if (i->kind == DCBNL_KERNEL_ERROR)
		err = i->kernel_errno;
	else if (i->kind != DCBNL_MESSAGE)
		err = EBADMSG;
	else if (cmd == DCB_CMD_GDCBX && !i->has_dcbx)
		err = ENODATA;
	if (err != 0)
		dcbnl_failed(ie, cmd, err);
	else if (cmd == DCB_CMD_GDCBX) {
		ie->dcbx_known = true;
		ie->dcbx = i->dcbx;
	} else
		take_ieee(ie, i);
	return dcbnl_complete(n);
}

/*
 * The IEEE view as a verdict (doc/design.md "Engine: IEEE DCBX"): FCoE's
 * priorities are those of the APP table's ethertype 0x8906 entries, and
 * PFC must be on for one of them.  DCB is on in IEEE mode: the kernel's
 * DCBX mode says so.  Both troubles are "not operational", confirmed over
 * the retry schedule before a destroy: the kernel's table is rewritten
 * piecewise (lldpad deletes and re-adds its APP entries when it restarts
 * or the peer changes, PFC and APP are separate calls), so one read can
 * catch a state that lasts milliseconds.
 */
void
dcb_ieee_verdict(const struct dcb_ieee *ie, struct dcb_verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->source = DCB_SRC_IEEE;
	v->enabled = true;
	if (!ie->ieee_known) {
		v->unreadable = true;
		return;
	}
	if (!mode_ieee(ie)) {
		/* lldpad said IEEE (R09), the kernel not yet: a mode
		 * switch under way, unsettled until both agree. */
		v->pfc_enabled = v->app_enabled = true;
		return;
	}
	v->oper_known = true;
	v->pfc_enabled = ie->pfc_en != 0;
	v->app_enabled = true;		/* no entry: not operational */
	v->app_oper = ie->fcoe_prios != 0;
	v->pfc_oper = (ie->pfc_en & ie->fcoe_prios) != 0;
	v->pfc_prios = ie->pfc_en;
	v->fcoe_prios = ie->fcoe_prios;
}

void
dcb_netif_verdict(const struct dcb_netif *n, struct dcb_verdict *v)
{
	if (n->source == DCB_SRC_IEEE)
		dcb_ieee_verdict(&n->ieee, v);
	else
		dcb_cee_verdict(&n->info, v);
}

const char *
dcb_source_str(enum dcb_source s)
{
	return s == DCB_SRC_IEEE ? "IEEE" : "CEE";
}

/*
 * doc/kernel.md "lldpad: DCB answers" (validate_dcbd_info): good when DCB,
 * PFC and App:FCoE are enabled and both operational with a common priority;
 * bad when DCB or App:FCoE is off, or both are operational without a common
 * priority.  The same rules whatever the source of the verdict.
 */
enum dcb_judgement
dcb_judge(const struct dcb_verdict *v, unsigned *problems)
{
	unsigned p = 0;

	if (v->unreadable) {
		p = DCB_P_UNREADABLE;	/* nothing can be known */
	} else if (!v->enabled) {
		p = DCB_P_DCB_OFF;	/* nothing else was asked */
	} else {
		if (!v->app_enabled)
			p |= DCB_P_APP_DISABLED;
		if (!v->pfc_enabled)
			p |= DCB_P_PFC_DISABLED;
		if (!v->oper_known)
			p |= DCB_P_CEE_INACTIVE;
		else if (!v->pfc_oper)
			p |= DCB_P_PFC_NOT_OPER;
		if (v->oper_known && !v->app_oper)
			p |= DCB_P_APP_NOT_OPER;
		if (v->pfc_oper && v->app_oper &&
		    (v->pfc_prios & v->fcoe_prios) == 0)
			p |= DCB_P_MISMATCH;
	}
	if (problems != NULL)
		*problems = p;
	if (p & DCB_P_DESTROY)
		return DCB_J_BAD;
	return p == 0 ? DCB_J_GOOD : DCB_J_UNSETTLED;
}

/* The CEE sequence of n, judged. */
static enum dcb_judgement
judge_netif(const struct dcb_netif *n, struct dcb_verdict *v,
    unsigned *problems)
{
	dcb_netif_verdict(n, v);
	return dcb_judge(v, problems);
}

/*
 * End of a cycle, once per real interface: count a failed or unsettled
 * sequence and arm its retry, or give up after the tenth retry; a settled
 * one (good or bad) ends the episode and the count.  A failure while a
 * retry is armed (a sequence an event started) is not counted: the count
 * follows the schedule.  Idempotent: calling it again before anything
 * changes does nothing more.
 */
enum dcb_decision
dcb_netif_settle(struct dcb_netif *n, uint64_t now)
{
	struct dcb_verdict v;
	enum dcb_judgement j;

	switch (n->step) {
	case DCB_DONE:
		if ((j = judge_netif(n, &v, NULL)) == DCB_J_UNSETTLED)
			break;
		forget_retries(n);
		return j == DCB_J_GOOD ? DCB_CREATE_OR_ENABLE : DCB_DESTROY;
	case DCB_ERROR:
		break;
	case DCB_GAVE_UP:
		return DCB_DESTROY;
	default:
		return DCB_WAIT;
	}
	if (n->retry_armed)
		return DCB_RETRY;
	if (n->retries >= DCB_MAX_RETRIES) {
		n->gave_up_from = n->step;
		n->step = DCB_GAVE_UP;
		return DCB_DESTROY;
	}
	n->retries++;
	n->retry_armed = true;
	n->retry_at = now + dcb_retry_delay_ms(n->retries);
	return DCB_RETRY;
}

/* The retry timer: when due, query again from the start. */
bool
dcb_netif_timer(struct dcb_netif *n, uint64_t now)
{
	if (!n->retry_armed || now < n->retry_at)
		return false;
	n->retry_armed = false;
	/* An event may have restarted it already; its result counts now. */
	if (n->step == DCB_DONE || n->step == DCB_ERROR)
		restart(n);
	return true;
}

bool
dcb_netif_next_timer(const struct dcb_netif *n, uint64_t *at)
{
	if (n->retry_armed)
		*at = n->retry_at;
	return n->retry_armed;
}

/* The sequence's part of a decision's input; the caller sets the rest. */
void
dcb_netif_in(const struct dcb_netif *n, struct dcb_in *in)
{
	in->step = n->step;
	in->retries = n->retries;
	in->retry_armed = n->retry_armed;
	dcb_netif_verdict(n, &in->verdict);
}

static enum dcb_decision
decided(enum dcb_why *why, enum dcb_why w, enum dcb_decision d)
{
	if (why != NULL)
		*why = w;
	return d;
}

/* Not settled: retry, unless the tenth retry has failed already. */
static enum dcb_decision
unsettled(const struct dcb_in *in, enum dcb_why *why, enum dcb_why w)
{
	if (!in->retry_armed && in->retries >= DCB_MAX_RETRIES)
		return decided(why, DCB_WHY_RETRIES_OUT, DCB_DESTROY);
	return decided(why, w, DCB_RETRY);
}

/*
 * The decision for one FCoE interface
 * (doc/design.md "Engine: decisions"), in order: DELLINK
 * destroys; a link down disables (a flap never destroys); without DCB,
 * links up is enough; with DCB, the finished sequence decides.
 */
enum dcb_decision
dcb_decide(const struct dcb_in *in, enum dcb_why *why)
{
	if (in->dellink)
		return decided(why, DCB_WHY_DELLINK, DCB_DESTROY);
	if (!in->links_up)
		return decided(why, DCB_WHY_LINK_DOWN, DCB_DISABLE);
	if (!in->dcb_required)
		return decided(why, DCB_WHY_NO_DCB, DCB_CREATE_OR_ENABLE);
	switch (in->step) {
	case DCB_OFF:
		return decided(why, DCB_WHY_IDLE, DCB_WAIT);
	case DCB_GAVE_UP:
		return decided(why, DCB_WHY_RETRIES_OUT, DCB_DESTROY);
	case DCB_ERROR:
		return unsettled(in, why, DCB_WHY_QUERY_ERROR);
	case DCB_DONE:
		switch (dcb_judge(&in->verdict, NULL)) {
		case DCB_J_GOOD:
			return decided(why, DCB_WHY_DCB_GOOD,
			    DCB_CREATE_OR_ENABLE);
		case DCB_J_BAD:
			return decided(why, DCB_WHY_DCB_BAD, DCB_DESTROY);
		default:
			return unsettled(in, why, DCB_WHY_UNSETTLED);
		}
	default:
		return decided(why, DCB_WHY_QUERYING, DCB_WAIT);
	}
}

const char *
dcb_decision_str(enum dcb_decision d)
{
	switch (d) {
	case DCB_WAIT:			return "wait";
	case DCB_CREATE_OR_ENABLE:	return "create or enable";
	case DCB_DISABLE:		return "disable";
	case DCB_DESTROY:		return "destroy";
	case DCB_RETRY:			return "retry";
	}
	return "unknown";
}

const char *
dcb_why_str(enum dcb_why w)
{
	switch (w) {
	case DCB_WHY_DELLINK:	  return "interface removed";
	case DCB_WHY_LINK_DOWN:	  return "link down";
	case DCB_WHY_NO_DCB:	  return "link up, DCB not required";
	case DCB_WHY_IDLE:	  return "DCB query not started";
	case DCB_WHY_QUERYING:	  return "querying lldpad";
	case DCB_WHY_DCB_GOOD:	  return "DCB, PFC and App:FCoE operational";
	case DCB_WHY_DCB_BAD:	  return "DCB configuration forbids FCoE";
	case DCB_WHY_UNSETTLED:	  return "DCB not ready";
	case DCB_WHY_QUERY_ERROR: return "DCB query failed";
	case DCB_WHY_RETRIES_OUT: return "retries ran out";
	}
	return "unknown";
}

/* ---- words for the status command ---- */

struct text {
	char	*buf;
	size_t	 size;
	size_t	 len;		/* what would have been written */
};

static void put(struct text *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(t->len < t->size ? t->buf + t->len : NULL,
	    t->len < t->size ? t->size - t->len : 0, fmt, ap);
	va_end(ap);
	if (r > 0)
		t->len += (size_t)r;
}

/* The IEEE view's problems, in its own terms. */
static void
put_ieee_problems(struct text *t, const struct dcb_netif *n, unsigned p)
{
	const struct dcb_ieee *ie = &n->ieee;

	if (p & DCB_P_UNREADABLE) {
		put(t, "lldpad says IEEE mode (R09), the kernel's dcbnl "
		    "unreadable: %s (%s), not retried",
		    strerror(ie->err ? ie->err : ENODATA),
		    ie->err_cmd == DCB_CMD_GDCBX ? "GDCBX" : "IEEE_GET");
		return;
	}
	if (p & DCB_P_CEE_INACTIVE) {
		put(t, "lldpad reports IEEE DCBX, the kernel's DCBX mode 0x%02x "
		    "not yet", ie->dcbx);
		return;
	}
	if (ie->fcoe_prios == 0) {
		put(t, "no FCoE entry (ethertype 0x8906) in the IEEE APP "
		    "table");
		return;
	}
	put(t, "PFC not enabled on FCoE priorities 0x%02x (pfc_en 0x%02x)",
	    ie->fcoe_prios, ie->pfc_en);
}

static void
put_problems(struct text *t, const struct dcb_verdict *v, unsigned p)
{
	static const struct { unsigned bit; const char *words; } w[] = {
		{ DCB_P_DCB_OFF, "DCB disabled" },
		{ DCB_P_APP_DISABLED, "App:FCoE disabled" },
		{ DCB_P_PFC_DISABLED, "PFC disabled" },
		{ DCB_P_CEE_INACTIVE, "CEE DCBX not active (IEEE mode?)" },
		{ DCB_P_PFC_NOT_OPER, "PFC not operational" },
		{ DCB_P_APP_NOT_OPER, "App:FCoE not operational" },
	};
	const char *sep = "";
	size_t k;

	for (k = 0; k < sizeof(w) / sizeof(w[0]); k++) {
		if (p & w[k].bit) {
			put(t, "%s%s", sep, w[k].words);
			sep = ", ";
		}
	}
	if (p & DCB_P_MISMATCH)
		put(t, "%sPFC priorities 0x%02x and App:FCoE priorities "
		    "0x%02x have none in common", sep, v->pfc_prios,
		    v->fcoe_prios);
}

static void
put_failure(struct text *t, const struct dcb_netif *n)
{
	const char *step = dcb_step_str(n->fail_step);

	switch (n->fail) {
	case DCB_F_STATUS:
		put(t, "lldpad error %02x (%s) for %s", n->fail_status,
		    lldpad_status_str(n->fail_status), step);
		break;
	case DCB_F_NO_ECHO:
		put(t, "lldpad error %02x (%s) without echo for %s",
		    n->fail_status, lldpad_status_str(n->fail_status), step);
		break;
	case DCB_F_MALFORMED:
		put(t, "malformed lldpad answer (%s) for %s",
		    n->fail_detail ? n->fail_detail : "?", step);
		break;
	case DCB_F_NOT_SYNCD:
		put(t, "%s not synchronised with the peer",
		    n->fail_step == DCB_Q_PFC_OPER ? "PFC" : "App:FCoE");
		break;
	case DCB_F_NONE:
		put(t, "no failure recorded");
		break;
	}
}

/* What went wrong, for DONE (unsettled or bad) and ERROR. */
static void
put_trouble(struct text *t, const struct dcb_netif *n, enum dcb_step s)
{
	struct dcb_verdict v;
	unsigned p;

	if (s == DCB_ERROR) {
		put_failure(t, n);
	} else if (n->source == DCB_SRC_IEEE) {
		(void)judge_netif(n, &v, &p);
		put_ieee_problems(t, n, p);
	} else {
		(void)judge_netif(n, &v, &p);
		put_problems(t, &v, p);
	}
}

static void
put_retry(struct text *t, const struct dcb_netif *n, uint64_t now)
{
	uint64_t left, tenths;

	if (n->retry_armed) {
		left = n->retry_at > now ? n->retry_at - now : 0;
		tenths = (left + 50) / 100;
		put(t, ", retry %u/%u in %u.%u s", n->retries,
		    DCB_MAX_RETRIES, (unsigned)(tenths / 10),
		    (unsigned)(tenths % 10));
	} else if (n->retries >= DCB_MAX_RETRIES) {
		put(t, ", no retry left");
	} else if (n->retries > 0) {
		put(t, ", after retry %u/%u", n->retries, DCB_MAX_RETRIES);
	}
}

/*
 * One line for `fcoectl status`, e.g. "waiting: PFC not operational on
 * eth2, retry 3/10 in 0.6 s".  Returns the length it needed, as snprintf.
 */
int
dcb_netif_explain(const struct dcb_netif *n, uint64_t now, char *buf,
    size_t size)
{
	struct text t = { buf, size, 0 };
	struct dcb_verdict v;
	unsigned p;

	if (size > 0)
		buf[0] = '\0';
	switch (n->step) {
	case DCB_OFF:
		put(&t, "idle: no DCB query on %s (link down)", n->ifname);
		break;
	case DCB_DONE:
		if (judge_netif(n, &v, &p) == DCB_J_GOOD &&
		    n->source == DCB_SRC_IEEE) {
			put(&t, "ready: IEEE DCBX%s: FCoE priorities 0x%02x "
			    "(APP ethertype 0x8906), PFC on 0x%02x on %s",
			    dcb_netif_firmware(n) ? " (firmware)" : "",
			    v.fcoe_prios, v.pfc_prios, n->ifname);
			break;
		}
		if (judge_netif(n, &v, &p) == DCB_J_GOOD) {
			put(&t, "ready: DCB, PFC and App:FCoE operational on "
			    "%s, FCoE priorities 0x%02x", n->ifname,
			    v.pfc_prios & v.fcoe_prios);
			break;
		}
		put(&t, "%s: %s", p & DCB_P_DESTROY ? "destroy" : "waiting",
		    n->source == DCB_SRC_IEEE ? "IEEE DCBX: " : "");
		put_trouble(&t, n, n->step);
		put(&t, " on %s", n->ifname);
		if (!(p & DCB_P_DESTROY))
			put_retry(&t, n, now);
		break;
	case DCB_ERROR:
		put(&t, "waiting: ");
		put_trouble(&t, n, n->step);
		put(&t, " on %s", n->ifname);
		put_retry(&t, n, now);
		break;
	case DCB_GAVE_UP:
		put(&t, "gave up: ");
		put_trouble(&t, n, n->gave_up_from);
		put(&t, " on %s after %u retries; waiting for a DCB event or "
		    "a link change", n->ifname, DCB_MAX_RETRIES);
		break;
	default:
		put(&t, "querying: %s on %s%s", dcb_step_str(n->step),
		    n->ifname, !n->pending ? "" : n->step == DCB_Q_DCBNL ?
		    " (asked the kernel)" : " (asked lldpad)");
		put_retry(&t, n, now);
		break;
	}
	return t.len > INT32_MAX ? INT32_MAX : (int)t.len;
}
