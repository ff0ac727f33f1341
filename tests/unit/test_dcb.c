/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check), run at build time, no process role: the DCB engine
 * of monitor/dcb/dcb.c -- the create/destroy decision table row by row, the
 * five-step query sequence, and the retry schedule on a fake clock, with
 * lldpad's answers built in its wire format and run through the real
 * parser (monitor/wire/lldpad_msg.c).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/dcb/dcb.h"

/* ---- a scriptable lldpad: answers in the wire format
 * of doc/kernel.md "lldpad: DCB answers" ---- */

struct sim {
	bool		dcb_on, pfc_en, app_en, pfc_oper, app_oper;
	bool		pfc_syncd, app_syncd;
	uint8_t		pfcup, appcfg;
	unsigned	status;		/* non-zero: every answer is this */
	bool		noecho;		/* ... without the echo */
};

static const struct sim good = {
	true, true, true, true, true, true, true, 0x08, 0x08, 0, false
};

static void
prio(char out[9], uint8_t map)
{
	int i;

	for (i = 0; i < 8; i++)
		out[i] = (map & (1u << i)) ? '1' : '0';
	out[8] = '\0';
}

static void
sim_text(const struct sim *s, enum dcb_step st, const char *ifname,
    char *buf, size_t size)
{
	char echo[64], p[9];

	snprintf(echo, sizeof(echo), "C3%02x%02x00%02x%s", dcb_step_cmd(st),
	    dcb_step_feature(st), (unsigned)strlen(ifname), ifname);
	if (s->status != 0 && s->noecho) {
		snprintf(buf, size, "R%02x", s->status);
		return;
	}
	if (s->status != 0) {
		snprintf(buf, size, "R%02x%s", s->status, echo);
		return;
	}
	switch (st) {
	case DCB_Q_DCB_STATE:
		snprintf(buf, size, "R00%s%d", echo, s->dcb_on);
		break;
	case DCB_Q_PFC_CONFIG:
		prio(p, s->pfcup);
		snprintf(buf, size, "R00%s%d11%s8", echo, s->pfc_en, p);
		break;
	case DCB_Q_APP_CONFIG:
		snprintf(buf, size, "R00%s%d1102%02x", echo, s->app_en,
		    s->appcfg);
		break;
	case DCB_Q_PFC_OPER:
		prio(p, s->pfcup);
		snprintf(buf, size, "R00%s000000%d%d%sx", echo, s->pfc_oper,
		    s->pfc_syncd, p);
		break;
	default:
		snprintf(buf, size, "R00%s000000%d%d02%02x", echo,
		    s->app_oper, s->app_syncd, s->appcfg);
		break;
	}
}

static void
msg(struct lldpad_msg *m, const char *s)
{
	lldpad_msg_parse(s, strlen(s), m);
}

static void
sim_answer(const struct sim *s, enum dcb_step st, const char *ifname,
    struct lldpad_msg *m)
{
	char buf[128];

	sim_text(s, st, ifname, buf, sizeof(buf));
	msg(m, buf);
	ck_assert_int_ne(m->kind, LLDPAD_MALFORMED);
}

/* Ask every query the engine wants until it stops; then settle. */
static enum dcb_decision
run_seq(struct dcb_netif *n, const struct sim *s, uint64_t now)
{
	struct lldpad_msg m;
	enum dcb_step st;

	while (dcb_netif_query(n, &st)) {
		dcb_netif_sent(n);
		sim_answer(s, st, n->ifname, &m);
		ck_assert_int_ne(dcb_netif_reply(n, &m), DCB_RX_IGNORED);
	}
	return dcb_netif_settle(n, now);
}

/* The decision of an FCoE interface on n, links up, DCB required. */
static enum dcb_decision
decide_up(const struct dcb_netif *n)
{
	struct dcb_in in = { .links_up = true, .dcb_required = true };

	dcb_netif_in(n, &in);
	return dcb_decide(&in, NULL);
}

static struct dcb_netif
up(const char *ifname)
{
	struct dcb_netif n;

	dcb_netif_init(&n, ifname);
	ck_assert(dcb_netif_link(&n, true));
	return n;
}

/* ---- the decision table (doc/design.md "Engine: decisions",
 * validate_dcbd_info) ---- */

enum preset { I_NONE, I_GOOD, I_GOOD2, I_DCB_OFF, I_APP_DIS, I_MISMATCH,
    I_PFC_DIS, I_PFC_NOPER, I_APP_NOPER, I_NO_OPER, I_CEE, I_APP_DIS_CEE };

static struct dcb_info
preset(enum preset p)
{
	struct dcb_info i = { .dcb_on = true, .pfc_enable = true,
	    .app_enable = true, .pfc_oper = true, .app_oper = true,
	    .pfcup = 0x08, .appcfg = 0x08 };

	switch (p) {
	case I_NONE:		memset(&i, 0, sizeof(i)); break;
	case I_GOOD:		break;
	case I_GOOD2:		i.pfcup = 0x09; i.appcfg = 0x18; break;
	case I_DCB_OFF:		memset(&i, 0, sizeof(i)); break;
	case I_APP_DIS:		i.app_enable = false; break;
	case I_MISMATCH:	i.pfcup = 0x01; break;
	case I_PFC_DIS:		i.pfc_enable = false; break;
	case I_PFC_NOPER:	i.pfc_oper = false; break;
	case I_APP_NOPER:	i.app_oper = false; break;
	case I_NO_OPER:		i.pfc_oper = i.app_oper = false;
				i.pfcup = 0x01; break;
	case I_CEE:		i.pfc_oper = i.app_oper = false;
				i.pfcup = i.appcfg = 0; i.cee_inactive = true;
				break;
	case I_APP_DIS_CEE:	i.app_enable = false; i.pfc_oper = false;
				i.app_oper = false; i.cee_inactive = true;
				break;
	}
	return i;
}

static const struct row {
	const char		*name;
	bool			 dellink, links_up, dcb_required;
	enum dcb_step		 step;
	unsigned		 retries;
	bool			 armed;
	enum preset		 info;
	enum dcb_decision	 want;
	enum dcb_why		 why;
} rows[] = {
	{ "dellink wins over good DCB", true, true, true, DCB_DONE, 0, false,
	    I_GOOD, DCB_DESTROY, DCB_WHY_DELLINK },
	{ "dellink with links down", true, false, false, DCB_OFF, 0, false,
	    I_NONE, DCB_DESTROY, DCB_WHY_DELLINK },
	{ "dellink while querying", true, true, true, DCB_Q_PFC_OPER, 3, true,
	    I_NONE, DCB_DESTROY, DCB_WHY_DELLINK },
	{ "link down, DCB good: disable", false, false, true, DCB_DONE, 0,
	    false, I_GOOD, DCB_DISABLE, DCB_WHY_LINK_DOWN },
	{ "link down, no DCB: disable", false, false, false, DCB_OFF, 0,
	    false, I_NONE, DCB_DISABLE, DCB_WHY_LINK_DOWN },
	{ "link down, retries out: disable, not destroy", false, false, true,
	    DCB_GAVE_UP, 10, false, I_PFC_NOPER, DCB_DISABLE,
	    DCB_WHY_LINK_DOWN },
	{ "no DCB required: create", false, true, false, DCB_OFF, 0, false,
	    I_NONE, DCB_CREATE_OR_ENABLE, DCB_WHY_NO_DCB },
	{ "no DCB required, DCB bad anyway: create", false, true, false,
	    DCB_DONE, 0, false, I_DCB_OFF, DCB_CREATE_OR_ENABLE,
	    DCB_WHY_NO_DCB },
	{ "DCB required, not started: wait", false, true, true, DCB_OFF, 0,
	    false, I_NONE, DCB_WAIT, DCB_WHY_IDLE },
	{ "querying DCB state: wait", false, true, true, DCB_Q_DCB_STATE, 0,
	    false, I_NONE, DCB_WAIT, DCB_WHY_QUERYING },
	{ "querying PFC config: wait", false, true, true, DCB_Q_PFC_CONFIG,
	    0, false, I_NONE, DCB_WAIT, DCB_WHY_QUERYING },
	{ "querying App config: wait", false, true, true, DCB_Q_APP_CONFIG,
	    0, false, I_NONE, DCB_WAIT, DCB_WHY_QUERYING },
	{ "querying PFC oper: wait", false, true, true, DCB_Q_PFC_OPER, 0,
	    false, I_NONE, DCB_WAIT, DCB_WHY_QUERYING },
	{ "querying App oper, 10 retries: wait", false, true, true,
	    DCB_Q_APP_OPER, 10, false, I_NONE, DCB_WAIT, DCB_WHY_QUERYING },
	{ "all good: create", false, true, true, DCB_DONE, 0, false, I_GOOD,
	    DCB_CREATE_OR_ENABLE, DCB_WHY_DCB_GOOD },
	{ "good, partial intersection: create", false, true, true, DCB_DONE,
	    0, false, I_GOOD2, DCB_CREATE_OR_ENABLE, DCB_WHY_DCB_GOOD },
	{ "good after 10 retries: create", false, true, true, DCB_DONE, 10,
	    false, I_GOOD, DCB_CREATE_OR_ENABLE, DCB_WHY_DCB_GOOD },
	{ "DCB disabled: destroy", false, true, true, DCB_DONE, 0, false,
	    I_DCB_OFF, DCB_DESTROY, DCB_WHY_DCB_BAD },
	{ "App:FCoE disabled: destroy", false, true, true, DCB_DONE, 0, false,
	    I_APP_DIS, DCB_DESTROY, DCB_WHY_DCB_BAD },
	{ "App:FCoE disabled, CEE inactive: destroy", false, true, true,
	    DCB_DONE, 0, false, I_APP_DIS_CEE, DCB_DESTROY, DCB_WHY_DCB_BAD },
	{ "both oper, no common priority: destroy", false, true, true,
	    DCB_DONE, 0, false, I_MISMATCH, DCB_DESTROY, DCB_WHY_DCB_BAD },
	{ "PFC disabled: retry", false, true, true, DCB_DONE, 0, false,
	    I_PFC_DIS, DCB_RETRY, DCB_WHY_UNSETTLED },
	{ "PFC not operational: retry", false, true, true, DCB_DONE, 0, false,
	    I_PFC_NOPER, DCB_RETRY, DCB_WHY_UNSETTLED },
	{ "App not operational: retry", false, true, true, DCB_DONE, 0, false,
	    I_APP_NOPER, DCB_RETRY, DCB_WHY_UNSETTLED },
	{ "neither oper, no common priority: retry", false, true, true,
	    DCB_DONE, 0, false, I_NO_OPER, DCB_RETRY, DCB_WHY_UNSETTLED },
	{ "CEE inactive (status 09): retry", false, true, true, DCB_DONE, 0,
	    false, I_CEE, DCB_RETRY, DCB_WHY_UNSETTLED },
	{ "unsettled, 9 retries: retry", false, true, true, DCB_DONE, 9,
	    false, I_PFC_NOPER, DCB_RETRY, DCB_WHY_UNSETTLED },
	{ "unsettled, 10th retry armed: retry", false, true, true, DCB_DONE,
	    10, true, I_PFC_NOPER, DCB_RETRY, DCB_WHY_UNSETTLED },
	{ "unsettled, 10th retry failed: destroy", false, true, true,
	    DCB_DONE, 10, false, I_PFC_NOPER, DCB_DESTROY,
	    DCB_WHY_RETRIES_OUT },
	{ "query error: retry", false, true, true, DCB_ERROR, 0, false,
	    I_NONE, DCB_RETRY, DCB_WHY_QUERY_ERROR },
	{ "query error, 10th retry armed: retry", false, true, true,
	    DCB_ERROR, 10, true, I_NONE, DCB_RETRY, DCB_WHY_QUERY_ERROR },
	{ "query error, 10th retry failed: destroy", false, true, true,
	    DCB_ERROR, 10, false, I_NONE, DCB_DESTROY, DCB_WHY_RETRIES_OUT },
	{ "gave up: destroy", false, true, true, DCB_GAVE_UP, 10, false,
	    I_PFC_NOPER, DCB_DESTROY, DCB_WHY_RETRIES_OUT },
	{ "DCB disabled after retries: destroy", false, true, true, DCB_DONE,
	    10, false, I_DCB_OFF, DCB_DESTROY, DCB_WHY_DCB_BAD },
};
#define NROWS	((int)(sizeof(rows) / sizeof(rows[0])))

/* A preset's findings as the CEE sequence reports them to the judge. */
static struct dcb_verdict
verdict(enum preset p)
{
	struct dcb_info i = preset(p);
	struct dcb_verdict v;

	dcb_cee_verdict(&i, &v);
	return v;
}

START_TEST(decision_row)
{
	const struct row *r = &rows[_i];
	struct dcb_in in = { r->dellink, r->links_up, r->dcb_required,
	    r->step, r->retries, r->armed, verdict(r->info) };
	enum dcb_why why = (enum dcb_why)-1;
	enum dcb_decision d = dcb_decide(&in, &why);

	ck_assert_msg(d == r->want && why == r->why,
	    "row \"%s\": got %s (%s), want %s (%s)", r->name,
	    dcb_decision_str(d), dcb_why_str(why), dcb_decision_str(r->want),
	    dcb_why_str(r->why));
	ck_assert_int_eq(dcb_decide(&in, NULL), d);
}
END_TEST

START_TEST(judge_problems)
{
	struct dcb_verdict i;
	unsigned p;

	i = verdict(I_GOOD);
	ck_assert_int_eq(dcb_judge(&i, &p), DCB_J_GOOD);
	ck_assert_uint_eq(p, 0);
	i = verdict(I_DCB_OFF);
	ck_assert_int_eq(dcb_judge(&i, &p), DCB_J_BAD);
	ck_assert_uint_eq(p, DCB_P_DCB_OFF);
	i = verdict(I_MISMATCH);
	ck_assert_int_eq(dcb_judge(&i, &p), DCB_J_BAD);
	ck_assert_uint_eq(p, DCB_P_MISMATCH);
	i = verdict(I_NO_OPER);
	ck_assert_int_eq(dcb_judge(&i, &p), DCB_J_UNSETTLED);
	ck_assert_uint_eq(p, DCB_P_PFC_NOT_OPER | DCB_P_APP_NOT_OPER);
	i = verdict(I_CEE);
	ck_assert_int_eq(dcb_judge(&i, &p), DCB_J_UNSETTLED);
	ck_assert_uint_eq(p, DCB_P_CEE_INACTIVE);
	i = verdict(I_PFC_DIS);
	ck_assert_int_eq(dcb_judge(&i, NULL), DCB_J_UNSETTLED);
}
END_TEST

/* The judge reads a source-independent verdict: an IEEE DCBX verdict
 * (dcbnl, later) is judged by the same rules as lldpad's CEE sequence. */
START_TEST(judge_ieee_verdict)
{
	struct dcb_verdict v = { .source = DCB_SRC_IEEE, .enabled = true,
	    .pfc_enabled = true, .app_enabled = true, .oper_known = true,
	    .pfc_oper = true, .app_oper = true, .pfc_prios = 0x08,
	    .fcoe_prios = 0x08 };
	unsigned p;

	ck_assert_int_eq(dcb_judge(&v, &p), DCB_J_GOOD);
	ck_assert_uint_eq(p, 0);
	v.fcoe_prios = 0x10;
	ck_assert_int_eq(dcb_judge(&v, &p), DCB_J_BAD);
	ck_assert_uint_eq(p, DCB_P_MISMATCH);
	v.fcoe_prios = 0x08;
	v.app_oper = false;
	ck_assert_int_eq(dcb_judge(&v, &p), DCB_J_UNSETTLED);
	ck_assert_uint_eq(p, DCB_P_APP_NOT_OPER);
	v.enabled = false;
	ck_assert_int_eq(dcb_judge(&v, &p), DCB_J_BAD);
	ck_assert_uint_eq(p, DCB_P_DCB_OFF);
}
END_TEST

/* ---- the query sequence ---- */

START_TEST(seq_spec_examples)
{
	static const char *const answers[] = {
		"R00C301010004eth21", "R00C301030004eth2111000100008",
		"R00C301050004eth21110208",
		"R00C303030004eth20000001100010000x",
		"R00C303050004eth2000000110208",
	};
	static const enum dcb_step order[] = { DCB_Q_DCB_STATE,
	    DCB_Q_PFC_CONFIG, DCB_Q_APP_CONFIG, DCB_Q_PFC_OPER,
	    DCB_Q_APP_OPER };
	struct dcb_netif n = up("eth2");
	struct lldpad_msg m;
	enum dcb_step st;
	int k;

	for (k = 0; k < 5; k++) {
		ck_assert(dcb_netif_query(&n, &st));
		ck_assert_int_eq(st, order[k]);
		dcb_netif_sent(&n);
		ck_assert(!dcb_netif_query(&n, &st));	/* one at a time */
		msg(&m, answers[k]);
		ck_assert_int_eq(dcb_netif_reply(&n, &m),
		    k < 4 ? DCB_RX_NEXT : DCB_RX_DONE);
	}
	ck_assert_int_eq(n.step, DCB_DONE);
	ck_assert(!dcb_netif_query(&n, &st));
	ck_assert(n.info.dcb_on && n.info.pfc_enable && n.info.app_enable);
	ck_assert(n.info.pfc_oper && n.info.app_oper);
	ck_assert_uint_eq(n.info.pfcup, 0x08);
	ck_assert_uint_eq(n.info.appcfg, 0x08);
	ck_assert_int_eq(dcb_netif_settle(&n, 0), DCB_CREATE_OR_ENABLE);
	ck_assert_int_eq(decide_up(&n), DCB_CREATE_OR_ENABLE);
}
END_TEST

START_TEST(seq_query_table)
{
	/* The command and feature of each step, as the
	 * table of doc/kernel.md "lldpad: DCB queries". */
	ck_assert_uint_eq(dcb_step_cmd(DCB_Q_DCB_STATE), 1);
	ck_assert_uint_eq(dcb_step_feature(DCB_Q_DCB_STATE), 1);
	ck_assert_uint_eq(dcb_step_feature(DCB_Q_PFC_CONFIG), 3);
	ck_assert_uint_eq(dcb_step_feature(DCB_Q_APP_CONFIG), 5);
	ck_assert_uint_eq(dcb_step_cmd(DCB_Q_PFC_OPER), 3);
	ck_assert_uint_eq(dcb_step_feature(DCB_Q_PFC_OPER), 3);
	ck_assert_uint_eq(dcb_step_cmd(DCB_Q_APP_OPER), 3);
	ck_assert_uint_eq(dcb_step_feature(DCB_Q_APP_OPER), 5);
	ck_assert_uint_eq(dcb_step_cmd(DCB_DONE), 0);
	ck_assert_str_eq(dcb_step_str(DCB_Q_PFC_OPER), "PFC oper");
}
END_TEST

START_TEST(seq_dcb_off_ends_early)
{
	struct dcb_netif n = up("eth2");
	struct lldpad_msg m;

	dcb_netif_sent(&n);
	msg(&m, "R00C301010004eth20");
	ck_assert_int_eq(dcb_netif_reply(&n, &m), DCB_RX_DONE);
	ck_assert_int_eq(dcb_netif_settle(&n, 0), DCB_DESTROY);
	ck_assert_int_eq(decide_up(&n), DCB_DESTROY);
}
END_TEST

START_TEST(seq_ignores_other_replies)
{
	static const char *const others[] = {
		"R00C301030004eth2111000100008",	/* other step */
		"R00C301010004eth31",			/* other interface */
		"R00C301010005eth201",			/* eth20 */
		"R00PPONG42", "R00A", "R00D", "R00L",
		"E5204eth2030011",			/* events: not here */
		"E5204eth2XX0011",
	};
	struct dcb_netif n = up("eth2");
	struct lldpad_msg m;
	size_t k;

	/* Not pending yet: bare and malformed answers are not ours. */
	msg(&m, "R04");
	ck_assert_int_eq(dcb_netif_reply(&n, &m), DCB_RX_IGNORED);
	msg(&m, "R04junk");
	ck_assert_int_eq(dcb_netif_reply(&n, &m), DCB_RX_IGNORED);
	dcb_netif_sent(&n);
	for (k = 0; k < sizeof(others) / sizeof(others[0]); k++) {
		msg(&m, others[k]);
		if (m.kind == LLDPAD_MALFORMED && m.answer)
			continue;	/* counts: see seq_error_answers */
		ck_assert_msg(dcb_netif_reply(&n, &m) == DCB_RX_IGNORED,
		    "%s", others[k]);
		ck_assert_int_eq(n.step, DCB_Q_DCB_STATE);
		ck_assert(n.pending);
	}
	/* App:iSCSI (subtype 1) does not answer App:FCoE. */
	n.step = DCB_Q_APP_CONFIG;
	msg(&m, "R00C301050104eth21110210");
	ck_assert_int_eq(dcb_netif_reply(&n, &m), DCB_RX_IGNORED);
	msg(&m, "R00C301050004eth21110208");
	ck_assert_int_eq(dcb_netif_reply(&n, &m), DCB_RX_NEXT);
	/* Link down: nothing is an answer. */
	dcb_netif_link(&n, false);
	msg(&m, "R00C303030004eth20000001100010000x");
	ck_assert_int_eq(dcb_netif_reply(&n, &m), DCB_RX_IGNORED);
	ck_assert_int_eq(n.step, DCB_OFF);
}
END_TEST

/* Each error answer at a step: next state and recorded failure. */
static void
error_at(enum dcb_step step, const char *answer, enum dcb_rx want,
    enum dcb_fail fail, unsigned status)
{
	struct dcb_netif n = up("eth2");
	struct lldpad_msg m;

	n.step = step;
	dcb_netif_sent(&n);
	msg(&m, answer);
	ck_assert_msg(dcb_netif_reply(&n, &m) == want, "%s", answer);
	ck_assert(!n.pending);
	if (want == DCB_RX_ERROR) {
		ck_assert_int_eq(n.step, DCB_ERROR);
		ck_assert_int_eq(n.fail, fail);
		ck_assert_int_eq(n.fail_step, step);
		ck_assert_uint_eq(n.fail_status, status);
		ck_assert_int_eq(decide_up(&n), DCB_RETRY);
	}
}

START_TEST(seq_error_answers)
{
	/* 09 on an oper query: done, as fcoemon (CEE engine inactive). */
	error_at(DCB_Q_PFC_OPER, "R09C303030004eth2", DCB_RX_DONE, 0, 0);
	error_at(DCB_Q_APP_OPER, "R09C303050004eth2", DCB_RX_DONE, 0, 0);
	/* 09 elsewhere, and every other status: error. */
	error_at(DCB_Q_DCB_STATE, "R09C301010004eth2", DCB_RX_ERROR,
	    DCB_F_STATUS, 9);
	error_at(DCB_Q_DCB_STATE, "R08C301010004eth2", DCB_RX_ERROR,
	    DCB_F_STATUS, 8);
	error_at(DCB_Q_PFC_CONFIG, "R02C301030004eth2", DCB_RX_ERROR,
	    DCB_F_STATUS, 2);
	error_at(DCB_Q_PFC_OPER, "R01C303030004eth200000011", DCB_RX_ERROR,
	    DCB_F_STATUS, 1);
	error_at(DCB_Q_APP_OPER, "R06C303050004eth2", DCB_RX_ERROR,
	    DCB_F_STATUS, 6);
	/* Not synchronised with the peer. */
	error_at(DCB_Q_PFC_OPER, "R00C303030004eth20000001000010000x",
	    DCB_RX_ERROR, DCB_F_NOT_SYNCD, 0);
	error_at(DCB_Q_APP_OPER, "R00C303050004eth2000000100208",
	    DCB_RX_ERROR, DCB_F_NOT_SYNCD, 0);
	/* Early failures without echo: fcoemon's stuck-pending case. */
	error_at(DCB_Q_DCB_STATE, "R04", DCB_RX_ERROR, DCB_F_NO_ECHO, 4);
	error_at(DCB_Q_APP_CONFIG, "R02", DCB_RX_ERROR, DCB_F_NO_ECHO, 2);
	error_at(DCB_Q_PFC_OPER, "R0a", DCB_RX_ERROR, DCB_F_NO_ECHO, 10);
	/* Answers that do not parse still answer the query. */
	error_at(DCB_Q_DCB_STATE, "R00C301010004eth22", DCB_RX_ERROR,
	    DCB_F_MALFORMED, 0);
	error_at(DCB_Q_PFC_CONFIG, "R05junk", DCB_RX_ERROR, DCB_F_MALFORMED,
	    5);
}
END_TEST

START_TEST(seq_cee_inactive_done)
{
	struct dcb_netif n = up("eth2");
	struct sim s = good;

	n.step = DCB_Q_PFC_OPER;
	n.info.dcb_on = n.info.pfc_enable = n.info.app_enable = true;
	s.status = LLDPAD_ST_NOT_APPLICABLE;
	ck_assert_int_eq(run_seq(&n, &s, 0), DCB_RETRY);
	ck_assert(n.info.cee_inactive);
	ck_assert_int_eq(n.step, DCB_DONE);
}
END_TEST

START_TEST(seq_events)
{
	static const struct { const char *ev; bool restarts; } t[] = {
		{ "E5204eth2030011", true },	/* PFC */
		{ "E5204eth2030000", true },	/* PFC, flags are only logged */
		{ "E5204eth2050010", true },	/* App:FCoE */
		{ "E5204eth2050110", false },	/* App:iSCSI */
		{ "E5204eth2020001", false },	/* PG */
		{ "E5204eth2060011", false },	/* LLINK */
		{ "E5204eth3030011", false },	/* other interface */
		{ "E4204eth2030011", false },	/* not a DCB event level */
		{ "R00C301010004eth21", false },	/* not an event */
	};
	struct lldpad_msg m;
	size_t k;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		struct dcb_netif n = up("eth2");

		n.step = DCB_Q_APP_OPER;
		n.pending = true;
		n.info.dcb_on = true;
		msg(&m, t[k].ev);
		ck_assert_msg(dcb_netif_event(&n, &m) == t[k].restarts, "%s",
		    t[k].ev);
		ck_assert_int_eq(n.step, t[k].restarts ? DCB_Q_DCB_STATE :
		    DCB_Q_APP_OPER);
		ck_assert_int_eq(n.pending, !t[k].restarts);
		ck_assert_int_eq(n.info.dcb_on, !t[k].restarts);
	}
}
END_TEST

START_TEST(seq_event_restarts_finished_not_off)
{
	struct dcb_netif n = up("eth2");
	struct lldpad_msg ev, m;
	enum dcb_step st;

	ck_assert_int_eq(run_seq(&n, &good, 0), DCB_CREATE_OR_ENABLE);
	msg(&ev, "E5204eth2050010");
	ck_assert(dcb_netif_event(&n, &ev));
	ck_assert(dcb_netif_query(&n, &st));
	ck_assert_int_eq(st, DCB_Q_DCB_STATE);
	ck_assert_int_eq(decide_up(&n), DCB_WAIT);
	/* A stale answer of the old sequence does not match the restart. */
	msg(&m, "R00C303050004eth2000000110208");
	ck_assert_int_eq(dcb_netif_reply(&n, &m), DCB_RX_IGNORED);
	/* Link down: events are ignored until the link is back. */
	dcb_netif_link(&n, false);
	ck_assert(!dcb_netif_event(&n, &ev));
	ck_assert_int_eq(n.step, DCB_OFF);
	ck_assert(!dcb_netif_query(&n, &st));
}
END_TEST

START_TEST(seq_link)
{
	struct dcb_netif n;
	enum dcb_step st;

	dcb_netif_init(&n, "a-very-long-interface-name");
	ck_assert_str_eq(n.ifname, "a-very-long-int");
	ck_assert_int_eq(n.step, DCB_OFF);
	ck_assert(!dcb_netif_query(&n, &st));
	ck_assert(!dcb_netif_link(&n, false));	/* already down */
	ck_assert(dcb_netif_link(&n, true));
	ck_assert(dcb_netif_query(&n, &st));
	ck_assert_int_eq(st, DCB_Q_DCB_STATE);
	dcb_netif_sent(&n);
	ck_assert(!dcb_netif_link(&n, true));	/* repeated: no restart */
	ck_assert(n.pending);
	ck_assert(dcb_netif_link(&n, false));	/* cancels the query */
	ck_assert(!n.pending);
	ck_assert_int_eq(n.step, DCB_OFF);
}
END_TEST

START_TEST(seq_reattach)
{
	struct dcb_netif n = up("eth2");
	struct lldpad_msg m;
	enum dcb_step st;

	/* lldpad died with the PFC oper query in flight. */
	n.step = DCB_Q_PFC_OPER;
	dcb_netif_sent(&n);
	ck_assert(!dcb_netif_query(&n, &st));
	ck_assert(dcb_netif_restart(&n));	/* re-attached */
	ck_assert(dcb_netif_query(&n, &st));
	ck_assert_int_eq(st, DCB_Q_DCB_STATE);
	ck_assert_uint_eq(n.retries, 0);
	/* The new lldpad's bare R01 to a query we no longer wait for. */
	msg(&m, "R01");
	ck_assert_int_eq(dcb_netif_reply(&n, &m), DCB_RX_IGNORED);
	ck_assert_int_eq(run_seq(&n, &good, 0), DCB_CREATE_OR_ENABLE);
	/* Off stays off. */
	dcb_netif_link(&n, false);
	ck_assert(!dcb_netif_restart(&n));
}
END_TEST

/* ---- the retry schedule, on a fake clock ---- */

static uint64_t now;	/* the fake clock, ms */

/* Fire the armed retry timer at exactly its time. */
static void
wait_retry(struct dcb_netif *n)
{
	uint64_t at;
	enum dcb_step st;

	ck_assert(dcb_netif_next_timer(n, &at));
	ck_assert(!dcb_netif_timer(n, at - 1));		/* not early */
	ck_assert(!dcb_netif_query(n, &st));
	now = at;
	ck_assert(dcb_netif_timer(n, now));
	ck_assert(!dcb_netif_next_timer(n, &at));
	ck_assert(dcb_netif_query(n, &st));
	ck_assert_int_eq(st, DCB_Q_DCB_STATE);
}

START_TEST(retry_schedule)
{
	struct dcb_netif n = up("eth2");
	struct sim bad = good;
	uint64_t at;
	unsigned k;

	now = 1000;
	bad.status = LLDPAD_ST_NOT_CAPABLE;	/* R08: error replies count */
	for (k = 1; k <= DCB_MAX_RETRIES; k++) {
		ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);
		ck_assert_uint_eq(n.retries, k);
		ck_assert(dcb_netif_next_timer(&n, &at));
		ck_assert_uint_eq(at - now, 200 * k);	/* 0.2 ... 2.0 s */
		ck_assert_uint_eq(dcb_retry_delay_ms(k), 200 * k);
		/* Idempotent: settling again counts nothing. */
		ck_assert_int_eq(dcb_netif_settle(&n, now + 1), DCB_RETRY);
		ck_assert_uint_eq(n.retries, k);
		ck_assert_int_eq(decide_up(&n), DCB_RETRY);
		wait_retry(&n);
	}
	/* The tenth retry fails too: destroy. */
	ck_assert_int_eq(run_seq(&n, &bad, now), DCB_DESTROY);
	ck_assert_int_eq(n.step, DCB_GAVE_UP);
	ck_assert(!dcb_netif_next_timer(&n, &at));
	ck_assert_int_eq(decide_up(&n), DCB_DESTROY);
	ck_assert_int_eq(dcb_netif_settle(&n, now), DCB_DESTROY);
	/* 1 s + 0.2 + 0.4 + ... + 2.0 s = 12 s. */
	ck_assert_uint_eq(now, 12000);
}
END_TEST

START_TEST(retry_unsettled_counts)
{
	struct dcb_netif n = up("eth2");
	struct sim s = good;
	unsigned k;

	now = 0;
	s.pfc_oper = false;
	for (k = 1; k <= DCB_MAX_RETRIES; k++) {
		ck_assert_int_eq(run_seq(&n, &s, now), DCB_RETRY);
		wait_retry(&n);
	}
	ck_assert_int_eq(run_seq(&n, &s, now), DCB_DESTROY);
	ck_assert_uint_eq(now, 11000);
}
END_TEST

START_TEST(retry_success_resets)
{
	struct dcb_netif n = up("eth2");
	struct sim bad = good;
	uint64_t at;
	int k;

	now = 0;
	bad.app_syncd = false;
	for (k = 0; k < 5; k++) {
		ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);
		wait_retry(&n);
	}
	ck_assert_int_eq(run_seq(&n, &good, now), DCB_CREATE_OR_ENABLE);
	ck_assert_uint_eq(n.retries, 0);
	ck_assert(!dcb_netif_next_timer(&n, &at));
	/* The next trouble starts over at 0.2 s. */
	ck_assert(dcb_netif_restart(&n));
	ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);
	ck_assert(dcb_netif_next_timer(&n, &at));
	ck_assert_uint_eq(at - now, 200);
}
END_TEST

START_TEST(retry_link_flap_resets)
{
	struct dcb_netif n = up("eth2");
	struct sim bad = good;
	struct dcb_in in = { .links_up = false, .dcb_required = true };
	uint64_t at;
	int k;

	now = 0;
	bad.status = LLDPAD_ST_FAILED;
	for (k = 0; k < 9; k++) {
		ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);
		wait_retry(&n);
	}
	ck_assert_uint_eq(n.retries, 9);
	ck_assert(dcb_netif_link(&n, false));
	dcb_netif_in(&n, &in);
	ck_assert_int_eq(dcb_decide(&in, NULL), DCB_DISABLE);
	ck_assert_uint_eq(n.retries, 0);
	ck_assert(!dcb_netif_next_timer(&n, &at));
	ck_assert(dcb_netif_link(&n, true));
	ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);
	ck_assert(dcb_netif_next_timer(&n, &at));
	ck_assert_uint_eq(at - now, 200);
}
END_TEST

START_TEST(retry_events_look_early)
{
	struct dcb_netif n = up("eth2");
	struct sim bad = good;
	struct lldpad_msg ev;
	enum dcb_step st;
	uint64_t at, due;

	now = 0;
	bad.pfc_oper = false;
	msg(&ev, "E5204eth2030011");
	ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);
	ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);	/* armed */
	ck_assert_uint_eq(n.retries, 1);
	ck_assert(dcb_netif_next_timer(&n, &due));
	ck_assert(!dcb_netif_query(&n, &st));
	/* An event during the wait: query at once... */
	now = 100;
	ck_assert(dcb_netif_event(&n, &ev));
	ck_assert(dcb_netif_query(&n, &st));
	ck_assert_int_eq(st, DCB_Q_DCB_STATE);
	ck_assert_int_eq(decide_up(&n), DCB_WAIT);
	/* ...a failure then is not counted, and the schedule stands... */
	ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);
	ck_assert_uint_eq(n.retries, 1);
	ck_assert(dcb_netif_next_timer(&n, &at));
	ck_assert_uint_eq(at, due);
	/* ...so a storm of events cannot use up the retries. */
	for (now = 101; now < 150; now++) {
		ck_assert(dcb_netif_event(&n, &ev));
		ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);
	}
	ck_assert_uint_eq(n.retries, 1);
	/* The timer, not the events, counts the next failure. */
	now = due;
	ck_assert(dcb_netif_timer(&n, now));
	ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);
	ck_assert_uint_eq(n.retries, 2);
	ck_assert(dcb_netif_next_timer(&n, &at));
	ck_assert_uint_eq(at - now, 400);
	/* An event that finds DCB good ends the trouble without waiting. */
	now += 10;
	ck_assert(dcb_netif_event(&n, &ev));
	ck_assert_int_eq(run_seq(&n, &good, now), DCB_CREATE_OR_ENABLE);
	ck_assert_uint_eq(n.retries, 0);
	ck_assert(!dcb_netif_next_timer(&n, &at));
}
END_TEST

START_TEST(retry_timer_during_event_sequence)
{
	struct dcb_netif n = up("eth2");
	struct sim bad = good;
	struct lldpad_msg ev, m;
	enum dcb_step st;
	uint64_t at;

	now = 0;
	bad.status = LLDPAD_ST_FAILED;
	ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);
	msg(&ev, "E5204eth2050011");
	ck_assert(dcb_netif_event(&n, &ev));
	ck_assert(dcb_netif_query(&n, &st));
	dcb_netif_sent(&n);
	/* The retry falls due with the event's query in flight. */
	ck_assert(dcb_netif_next_timer(&n, &at));
	now = at;
	ck_assert(dcb_netif_timer(&n, now));
	ck_assert(n.pending);
	ck_assert_int_eq(n.step, DCB_Q_DCB_STATE);
	sim_answer(&bad, st, "eth2", &m);
	ck_assert_int_eq(dcb_netif_reply(&n, &m), DCB_RX_ERROR);
	ck_assert_int_eq(dcb_netif_settle(&n, now), DCB_RETRY);
	ck_assert_uint_eq(n.retries, 2);
}
END_TEST

START_TEST(retry_after_giving_up)
{
	struct dcb_netif n = up("eth2");
	struct sim bad = good;
	struct lldpad_msg ev;
	uint64_t at;
	unsigned k;

	now = 0;
	bad.status = LLDPAD_ST_NOT_CAPABLE;
	for (k = 0; k < DCB_MAX_RETRIES; k++) {
		ck_assert_int_eq(run_seq(&n, &bad, now), DCB_RETRY);
		wait_retry(&n);
	}
	ck_assert_int_eq(run_seq(&n, &bad, now), DCB_DESTROY);
	/* It rests: no timer, no query, until an event. */
	ck_assert(!dcb_netif_next_timer(&n, &at));
	msg(&ev, "E5204eth2050011");
	ck_assert(dcb_netif_event(&n, &ev));
	ck_assert_uint_eq(n.retries, 0);
	ck_assert_int_eq(run_seq(&n, &good, now), DCB_CREATE_OR_ENABLE);
	ck_assert_int_eq(decide_up(&n), DCB_CREATE_OR_ENABLE);
}
END_TEST

/*
 * DCB trouble from t=0 for `trouble` ms with lldpad answering at once;
 * what the FCoE interface's decision ends as.  Every decision on the way
 * is checked not to be DESTROY before the end.
 */
static enum dcb_decision
trouble_for(uint64_t trouble, int *destroys)
{
	struct dcb_netif n = up("eth2");
	struct sim bad = good;
	enum dcb_decision d;
	uint64_t at;

	now = 0;
	*destroys = 0;
	bad.pfc_oper = false;
	for (;;) {
		run_seq(&n, now < trouble ? &bad : &good, now);
		d = decide_up(&n);
		if (d == DCB_DESTROY)
			(*destroys)++;
		if (d != DCB_RETRY)
			return d;
		ck_assert(dcb_netif_next_timer(&n, &at));
		now = at;
		dcb_netif_timer(&n, now);
	}
}

START_TEST(retry_intermittent_no_destroy)
{
	int destroys;

	/* Retries at 0.2, 0.6, 1.2, 2.0, 3.0, 4.2, 5.6, 7.2, 9.0, 11.0 s. */
	ck_assert_int_eq(trouble_for(500, &destroys), DCB_CREATE_OR_ENABLE);
	ck_assert_int_eq(trouble_for(10999, &destroys),
	    DCB_CREATE_OR_ENABLE);
	ck_assert_int_eq(destroys, 0);
	ck_assert_uint_eq(now, 11000);
	/* Longer than the window: destroyed once, at 11 s. */
	ck_assert_int_eq(trouble_for(11001, &destroys), DCB_DESTROY);
	ck_assert_int_eq(destroys, 1);
	ck_assert_uint_eq(now, 11000);
}
END_TEST

START_TEST(retry_flapping_dcb_no_destroy)
{
	/*
	 * DCB goes bad for 8 s and good for 1 s, over and over for ten
	 * minutes, with lldpad's event at each change: every bad spell is
	 * shorter than the 11 s window, so nothing is ever destroyed.
	 */
	struct dcb_netif n = up("eth2");
	struct sim bad = good;
	struct lldpad_msg ev;
	uint64_t at, change = 0;
	bool is_bad = false;
	int creates = 0;

	bad.app_oper = false;
	msg(&ev, "E5204eth2050011");
	for (now = 0; now < 600000;) {
		if (now == change) {
			is_bad = !is_bad;
			change = now + (is_bad ? 8000 : 1000);
			dcb_netif_event(&n, &ev);
		}
		dcb_netif_timer(&n, now);
		run_seq(&n, is_bad ? &bad : &good, now);
		switch (decide_up(&n)) {
		case DCB_DESTROY:
			ck_abort_msg("destroyed at %llu ms",
			    (unsigned long long)now);
			break;
		case DCB_CREATE_OR_ENABLE:
			creates++;
			break;
		default:
			break;
		}
		now = dcb_netif_next_timer(&n, &at) && at < change ? at :
		    change;
	}
	ck_assert_int_gt(creates, 60);
}
END_TEST

/* ---- words for the status command ---- */

static const char *
explain(const struct dcb_netif *n)
{
	static char buf[256];

	ck_assert_int_lt(dcb_netif_explain(n, now, buf, sizeof(buf)),
	    (int)sizeof(buf));
	return buf;
}

START_TEST(explain_states)
{
	struct lldpad_msg m;
	struct dcb_netif n;
	struct sim s = good;
	unsigned k;

	now = 0;
	dcb_netif_init(&n, "eth2");
	ck_assert_str_eq(explain(&n), "idle: no DCB query on eth2 (link down)");
	dcb_netif_link(&n, true);
	ck_assert_str_eq(explain(&n), "querying: DCB state on eth2");
	dcb_netif_sent(&n);
	ck_assert_str_eq(explain(&n),
	    "querying: DCB state on eth2 (asked lldpad)");
	sim_answer(&good, DCB_Q_DCB_STATE, "eth2", &m);
	ck_assert_int_eq(dcb_netif_reply(&n, &m), DCB_RX_NEXT);
	ck_assert_str_eq(explain(&n), "querying: PFC config on eth2");
	run_seq(&n, &good, now);
	ck_assert_str_eq(explain(&n), "ready: DCB, PFC and App:FCoE "
	    "operational on eth2, FCoE priorities 0x08");

	/* The example of the brief. */
	n = up("eth2");
	s.pfc_oper = false;
	for (k = 1; k <= 3; k++) {
		run_seq(&n, &s, now);
		if (k < 3)
			wait_retry(&n);
	}
	ck_assert_str_eq(explain(&n),
	    "waiting: PFC not operational on eth2, retry 3/10 in 0.6 s");
	now += 250;
	ck_assert_str_eq(explain(&n),
	    "waiting: PFC not operational on eth2, retry 3/10 in 0.4 s");
	wait_retry(&n);
	ck_assert_str_eq(explain(&n),
	    "querying: DCB state on eth2, after retry 3/10");
}
END_TEST

START_TEST(explain_failures)
{
	struct dcb_netif n = up("eth2");
	struct sim s = good;
	unsigned k;

	now = 0;
	s.status = LLDPAD_ST_NOT_CAPABLE;
	run_seq(&n, &s, now);
	ck_assert_str_eq(explain(&n), "waiting: lldpad error 08 (not DCB "
	    "capable) for DCB state on eth2, retry 1/10 in 0.2 s");
	for (k = 1; k <= DCB_MAX_RETRIES; k++) {
		wait_retry(&n);
		run_seq(&n, &s, now);
	}
	ck_assert_str_eq(explain(&n), "gave up: lldpad error 08 (not DCB "
	    "capable) for DCB state on eth2 after 10 retries; waiting for a "
	    "DCB event or a link change");

	n = up("eth2");
	s = good;
	s.status = LLDPAD_ST_NO_ACCESS;
	s.noecho = true;
	run_seq(&n, &s, now);
	ck_assert_str_eq(explain(&n), "waiting: lldpad error 0a (no access) "
	    "without echo for DCB state on eth2, retry 1/10 in 0.2 s");

	n = up("eth2");
	n.step = DCB_Q_PFC_OPER;
	s = good;
	s.pfc_syncd = false;
	run_seq(&n, &s, now);
	ck_assert_str_eq(explain(&n), "waiting: PFC not synchronised with "
	    "the peer on eth2, retry 1/10 in 0.2 s");
}
END_TEST

START_TEST(explain_destroy)
{
	struct dcb_netif n = up("eth2");
	struct sim s = good;
	char small[12];

	s.dcb_on = false;
	run_seq(&n, &s, 0);
	ck_assert_str_eq(explain(&n), "destroy: DCB disabled on eth2");

	n = up("eth2");
	s = good;
	s.pfcup = 0x01;		/* PFC on 0, App:FCoE on 3 */
	s.appcfg = 0x08;
	run_seq(&n, &s, 0);
	ck_assert_str_eq(explain(&n), "destroy: PFC priorities 0x01 and "
	    "App:FCoE priorities 0x08 have none in common on eth2");

	/* Truncation: NUL-terminated, the length needed returned. */
	ck_assert_int_eq(dcb_netif_explain(&n, 0, small, sizeof(small)),
	    (int)strlen(explain(&n)));
	ck_assert_str_eq(small, "destroy: PF");
	ck_assert_int_eq(dcb_netif_explain(&n, 0, NULL, 0),
	    (int)strlen(explain(&n)));
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(dcb_decision_str(DCB_CREATE_OR_ENABLE),
	    "create or enable");
	ck_assert_str_eq(dcb_decision_str(DCB_RETRY), "retry");
	ck_assert_str_eq(dcb_why_str(DCB_WHY_RETRIES_OUT), "retries ran out");
	ck_assert_str_eq(dcb_step_str(DCB_GAVE_UP), "gave up");
}
END_TEST

/* ---- IEEE DCBX through dcbnl (doc/design.md "Engine: IEEE DCBX") ---- */

/* What the kernel says about a port: its DCBX mode and IEEE view. */
struct kern {
	int		err;		/* every answer is this errno */
	uint8_t		dcbx;		/* DCB_CAP_DCBX_* */
	uint8_t		pfc_en;
	uint8_t		fcoe;		/* APP ethertype 0x8906 priorities */
};

static const struct kern ieee_good = { 0, 0x09, 0x08, 0x08 };	/* host+IEEE */

static void
kern_info(const struct kern *k, const char *ifname, bool gdcbx,
    struct dcbnl_info *i)
{
	unsigned p;

	memset(i, 0, sizeof(*i));
	i->fcoe_prio = -1;
	if (k->err != 0) {
		i->kind = DCBNL_KERNEL_ERROR;
		i->kernel_errno = k->err;
		return;
	}
	i->kind = DCBNL_MESSAGE;
	snprintf(i->ifname, sizeof(i->ifname), "%s", ifname);
	i->has_dcbx = true;
	i->dcbx = k->dcbx;
	if (gdcbx)
		return;
	i->has_ieee = i->has_pfc = i->has_apps = true;
	i->pfc_en = k->pfc_en;
	/* An iSCSI entry first: only ethertype 0x8906 counts. */
	i->apps[i->napps++] = (struct dcbnl_app){ 2, 4, 3260 };
	for (p = 0; p < 8; p++)
		if (k->fcoe & (1u << p))
			i->apps[i->napps++] = (struct dcbnl_app){ 1,
			    (uint8_t)p, 0x8906 };
	i->fcoe_prio_mask = k->fcoe;
	i->fcoe_prio = k->fcoe ? __builtin_ctz(k->fcoe) : -1;
}

static uint32_t kseq = 100;

/* The two requests go out and k answers them (IEEE_GET first). */
static void
kern_answer(struct dcb_netif *n, const struct kern *k)
{
	struct dcbnl_info i;
	uint32_t sd = ++kseq, si = ++kseq;

	ck_assert(dcb_netif_dcbnl_due(n));
	dcb_netif_dcbnl_sent(n, 22 /* GDCBX */, sd, 0);
	dcb_netif_dcbnl_sent(n, 21 /* IEEE_GET */, si, 0);
	ck_assert(!dcb_netif_dcbnl_asked(n));
	ck_assert(!dcb_netif_dcbnl_due(n));
	kern_info(k, n->ifname, false, &i);
	ck_assert(!dcb_netif_dcbnl(n, si, &i));
	/* A late answer of an earlier round is not this round's. */
	kern_info(k, n->ifname, true, &i);
	ck_assert(!dcb_netif_dcbnl(n, sd - 2, &i));
	ck_assert_int_eq(n->step, DCB_Q_DCBNL);
	ck_assert(dcb_netif_dcbnl(n, sd, &i));
}

static struct dcb_netif
up_nl(const char *ifname)
{
	struct dcb_netif n;

	dcb_netif_init(&n, ifname);
	n.use_dcbnl = true;
	ck_assert(dcb_netif_link(&n, true));
	ck_assert_int_eq(n.step, DCB_Q_DCBNL);
	return n;
}

/* The kernel, then lldpad as far as it is asked, then settle. */
static enum dcb_decision
run_nl(struct dcb_netif *n, const struct kern *k, const struct sim *s,
    uint64_t t)
{
	kern_answer(n, k);
	return run_seq(n, s, t);
}

/* lldpad in IEEE mode: config answers as usual, oper queries R09. */
static enum dcb_decision
run_r09(struct dcb_netif *n, uint64_t t)
{
	struct sim r09 = good;
	struct lldpad_msg m;
	enum dcb_step st;

	r09.status = LLDPAD_ST_NOT_APPLICABLE;
	while (dcb_netif_query(n, &st)) {
		dcb_netif_sent(n);
		sim_answer(dcb_step_cmd(st) == LLDPAD_GET_OPER ? &r09 : &good,
		    st, n->ifname, &m);
		ck_assert_int_ne(dcb_netif_reply(n, &m), DCB_RX_IGNORED);
	}
	return dcb_netif_settle(n, t);
}

static const struct ieee_row {
	const char		*name;
	struct kern		 k;
	bool			 r09;	/* lldpad said IEEE, not the kernel */
	enum dcb_judgement	 want;
	unsigned		 problems;	/* these bits at least */
} ieee_rows[] = {
	{ "APP prio 3, PFC on 3: good", { 0, 0x09, 0x08, 0x08 }, false,
	    DCB_J_GOOD, 0 },
	{ "APP prios 3+4, PFC on 4: good", { 0, 0x09, 0x10, 0x18 }, false,
	    DCB_J_GOOD, 0 },
	{ "firmware IEEE (LLD_MANAGED): good", { 0, 0x0a, 0x08, 0x08 }, false,
	    DCB_J_GOOD, 0 },
	{ "firmware CEE, IEEE view good: good", { 0, 0x06, 0x08, 0x08 },
	    false, DCB_J_GOOD, 0 },
	{ "no FCoE APP entry: unsettled", { 0, 0x09, 0x08, 0 }, false,
	    DCB_J_UNSETTLED, DCB_P_APP_NOT_OPER },
	{ "PFC off on FCoE's priority: unsettled", { 0, 0x09, 0x10, 0x08 },
	    false, DCB_J_UNSETTLED, DCB_P_PFC_NOT_OPER },
	{ "PFC off everywhere: unsettled", { 0, 0x09, 0, 0x08 }, false,
	    DCB_J_UNSETTLED, DCB_P_PFC_DISABLED | DCB_P_PFC_NOT_OPER },
	{ "R09, kernel still CEE: unsettled", { 0, 0x05, 0x08, 0x08 }, true,
	    DCB_J_UNSETTLED, DCB_P_CEE_INACTIVE },
	{ "R09, no dcbnl (EOPNOTSUPP): bad", { 95, 0, 0, 0 }, true,
	    DCB_J_BAD, DCB_P_UNREADABLE },
};

START_TEST(ieee_verdict_row)
{
	const struct ieee_row *r = &ieee_rows[_i];
	struct dcb_netif n = up_nl("eth2");
	struct dcb_verdict v;
	unsigned p;

	kern_answer(&n, &r->k);
	if (r->r09) {
		ck_assert_int_eq(n.step, DCB_Q_DCB_STATE);
		(void)run_r09(&n, 0);
	}
	ck_assert_msg(n.step == DCB_DONE, "%s: step %d", r->name, n.step);
	ck_assert_int_eq(n.source, DCB_SRC_IEEE);
	dcb_netif_verdict(&n, &v);
	ck_assert_int_eq(v.source, DCB_SRC_IEEE);
	ck_assert_msg(dcb_judge(&v, &p) == r->want, "%s: problems 0x%x",
	    r->name, p);
	ck_assert_msg((p & r->problems) == r->problems, "%s: 0x%x", r->name,
	    p);
	if (r->want == DCB_J_GOOD)
		ck_assert_uint_eq(p, 0);
}
END_TEST

/* The same settings give the same judgement through either source. */
START_TEST(ieee_next_to_cee)
{
	struct dcb_netif cee = up("eth2"), ieee = up_nl("eth2");
	struct dcb_verdict vc, vi;

	ck_assert_int_eq(run_seq(&cee, &good, 0), DCB_CREATE_OR_ENABLE);
	ck_assert_int_eq(run_nl(&ieee, &ieee_good, &good, 0),
	    DCB_CREATE_OR_ENABLE);
	dcb_netif_verdict(&cee, &vc);
	dcb_netif_verdict(&ieee, &vi);
	ck_assert_int_eq(vc.source, DCB_SRC_CEE);
	ck_assert_int_eq(vi.source, DCB_SRC_IEEE);
	ck_assert_uint_eq(vc.pfc_prios & vc.fcoe_prios,
	    vi.pfc_prios & vi.fcoe_prios);
	ck_assert_int_eq(dcb_judge(&vc, NULL), dcb_judge(&vi, NULL));
	/* lldpad was never asked on the IEEE port. */
	ck_assert_int_eq(ieee.info.dcb_on, false);
}
END_TEST

/* The kernel's mode says CEE: lldpad's five queries decide. */
START_TEST(ieee_mode_cee_asks_lldpad)
{
	struct dcb_netif n = up_nl("eth2");
	struct kern k = ieee_good;
	enum dcb_step st;

	k.dcbx = 0x05;				/* host + CEE */
	kern_answer(&n, &k);
	ck_assert(dcb_netif_query(&n, &st));
	ck_assert_int_eq(st, DCB_Q_DCB_STATE);
	ck_assert_int_eq(run_seq(&n, &good, 0), DCB_CREATE_OR_ENABLE);
	ck_assert_int_eq(n.source, DCB_SRC_CEE);
	ck_assert(!dcb_netif_firmware(&n));
}
END_TEST

/* veth: no dcbnl.  CEE works as before; lldpad in IEEE mode (R09) is
 * settled at once as bad, said in words, and not retried. */
START_TEST(ieee_no_dcbnl)
{
	struct dcb_netif n = up_nl("eth2");
	struct kern none = { 95 /* EOPNOTSUPP */, 0, 0, 0 };
	char text[256];
	uint64_t at;

	ck_assert_int_eq(run_nl(&n, &none, &good, 0), DCB_CREATE_OR_ENABLE);
	ck_assert_int_eq(n.source, DCB_SRC_CEE);
	ck_assert(dcb_netif_restart(&n));
	kern_answer(&n, &none);
	ck_assert_int_eq(run_r09(&n, 0), DCB_DESTROY);
	ck_assert_int_eq(decide_up(&n), DCB_DESTROY);
	ck_assert(!dcb_netif_next_timer(&n, &at));
	ck_assert_uint_eq(n.retries, 0);
	dcb_netif_explain(&n, 0, text, sizeof(text));
	ck_assert_msg(strstr(text, "lldpad says IEEE mode (R09)") != NULL &&
	    strstr(text, "unreadable: Operation not supported") != NULL &&
	    strstr(text, "not retried") != NULL, "%s", text);
}
END_TEST

/* PFC off on FCoE's priority: the CEE retry schedule, then destroy. */
START_TEST(ieee_retry_schedule)
{
	struct dcb_netif n = up_nl("eth2");
	struct kern k = ieee_good;
	uint64_t at;
	unsigned r;

	now = 0;
	k.pfc_en = 0x10;
	for (r = 1; r <= DCB_MAX_RETRIES; r++) {
		ck_assert_int_eq(run_nl(&n, &k, &good, now), DCB_RETRY);
		ck_assert_int_eq(decide_up(&n), DCB_RETRY);
		ck_assert(dcb_netif_next_timer(&n, &at));
		ck_assert_uint_eq(at - now, 200 * r);
		now = at;
		ck_assert(dcb_netif_timer(&n, now));
		ck_assert_int_eq(n.step, DCB_Q_DCBNL);
	}
	ck_assert_int_eq(run_nl(&n, &k, &good, now), DCB_DESTROY);
	ck_assert_int_eq(n.step, DCB_GAVE_UP);
	ck_assert_uint_eq(now, 11000);
	/* PFC back within the window: no destroy, the count starts over. */
	n = up_nl("eth2");
	ck_assert_int_eq(run_nl(&n, &k, &good, 0), DCB_RETRY);
	ck_assert(dcb_netif_timer(&n, 200));
	ck_assert_int_eq(run_nl(&n, &ieee_good, &good, 200),
	    DCB_CREATE_OR_ENABLE);
	ck_assert_uint_eq(n.retries, 0);
}
END_TEST

/* CEE -> IEEE with the same settings: at no point a destroy. */
START_TEST(ieee_mode_switch_same_settings)
{
	struct dcb_netif n = up_nl("eth2");
	struct kern cee = ieee_good;
	char text[256];

	cee.dcbx = 0x05;
	ck_assert_int_eq(run_nl(&n, &cee, &good, 0), DCB_CREATE_OR_ENABLE);
	ck_assert_int_eq(n.source, DCB_SRC_CEE);
	/* lldpad switches: a notification restarts, lldpad says R09 before
	 * the kernel's mode follows: unsettled, never bad. */
	ck_assert(dcb_netif_restart(&n));
	ck_assert_int_eq(decide_up(&n), DCB_WAIT);
	kern_answer(&n, &cee);
	ck_assert_int_eq(decide_up(&n), DCB_WAIT);
	ck_assert_int_eq(run_r09(&n, 0), DCB_RETRY);
	ck_assert_int_eq(n.source, DCB_SRC_IEEE);
	/* The kernel's next notification: IEEE, same values: good. */
	ck_assert(dcb_netif_restart(&n));
	kern_answer(&n, &ieee_good);
	ck_assert_int_eq(n.step, DCB_DONE);
	ck_assert_int_eq(dcb_netif_settle(&n, 0), DCB_CREATE_OR_ENABLE);
	ck_assert_int_eq(decide_up(&n), DCB_CREATE_OR_ENABLE);
	dcb_netif_explain(&n, 0, text, sizeof(text));
	ck_assert_msg(strncmp(text, "ready: IEEE DCBX: FCoE priorities 0x08",
	    38) == 0, "%s", text);
}
END_TEST

/* A firmware agent: decided from the kernel alone, lldpad never asked. */
START_TEST(ieee_firmware)
{
	struct dcb_netif n = up_nl("eth2");
	struct kern fw = ieee_good;
	enum dcb_step st;
	char text[256];

	fw.dcbx = 0x0a;				/* LLD_MANAGED + IEEE */
	kern_answer(&n, &fw);
	ck_assert(!dcb_netif_query(&n, &st));
	ck_assert(dcb_netif_firmware(&n));
	ck_assert_int_eq(dcb_netif_settle(&n, 0), DCB_CREATE_OR_ENABLE);
	dcb_netif_explain(&n, 0, text, sizeof(text));
	ck_assert_msg(strstr(text, "IEEE DCBX (firmware)") != NULL, "%s",
	    text);
	/* The mode is kept through a restart (no lldpad flicker). */
	ck_assert(dcb_netif_restart(&n));
	ck_assert(dcb_netif_firmware(&n));
	/* The APP entry goes: retried (the table may be being rewritten). */
	fw.fcoe = 0;
	kern_answer(&n, &fw);
	ck_assert_int_eq(dcb_netif_settle(&n, 0), DCB_RETRY);
	dcb_netif_explain(&n, 0, text, sizeof(text));
	ck_assert_msg(strstr(text, "no FCoE entry (ethertype 0x8906)") !=
	    NULL, "%s", text);
	/* Link down forgets the mode. */
	ck_assert(dcb_netif_link(&n, false));
	ck_assert(!dcb_netif_firmware(&n));
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("dcb");
	TCase *dec = tcase_create("decision");
	TCase *seq = tcase_create("sequence");
	TCase *ret = tcase_create("retry");
	TCase *txt = tcase_create("explain");
	TCase *ieee = tcase_create("ieee");

	tcase_add_loop_test(dec, decision_row, 0, NROWS);
	tcase_add_test(dec, judge_problems);
	tcase_add_test(dec, judge_ieee_verdict);
	suite_add_tcase(s, dec);

	tcase_add_test(seq, seq_spec_examples);
	tcase_add_test(seq, seq_query_table);
	tcase_add_test(seq, seq_dcb_off_ends_early);
	tcase_add_test(seq, seq_ignores_other_replies);
	tcase_add_test(seq, seq_error_answers);
	tcase_add_test(seq, seq_cee_inactive_done);
	tcase_add_test(seq, seq_events);
	tcase_add_test(seq, seq_event_restarts_finished_not_off);
	tcase_add_test(seq, seq_link);
	tcase_add_test(seq, seq_reattach);
	suite_add_tcase(s, seq);

	tcase_add_test(ret, retry_schedule);
	tcase_add_test(ret, retry_unsettled_counts);
	tcase_add_test(ret, retry_success_resets);
	tcase_add_test(ret, retry_link_flap_resets);
	tcase_add_test(ret, retry_events_look_early);
	tcase_add_test(ret, retry_timer_during_event_sequence);
	tcase_add_test(ret, retry_after_giving_up);
	tcase_add_test(ret, retry_intermittent_no_destroy);
	tcase_add_test(ret, retry_flapping_dcb_no_destroy);
	suite_add_tcase(s, ret);

	tcase_add_loop_test(ieee, ieee_verdict_row, 0,
	    (int)(sizeof(ieee_rows) / sizeof(ieee_rows[0])));
	tcase_add_test(ieee, ieee_next_to_cee);
	tcase_add_test(ieee, ieee_mode_cee_asks_lldpad);
	tcase_add_test(ieee, ieee_no_dcbnl);
	tcase_add_test(ieee, ieee_retry_schedule);
	tcase_add_test(ieee, ieee_mode_switch_same_settings);
	tcase_add_test(ieee, ieee_firmware);
	suite_add_tcase(s, ieee);

	tcase_add_test(txt, explain_states);
	tcase_add_test(txt, explain_failures);
	tcase_add_test(txt, explain_destroy);
	tcase_add_test(txt, names);
	suite_add_tcase(s, txt);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
