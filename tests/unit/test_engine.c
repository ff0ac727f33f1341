/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Test of the monitor's engine (monitor/engine*.c) on a fake clock with a
 * recording actuator: the decisions of
 * doc/design.md "Engine: decisions" end to end -- link
 * events, the DCB query sequence against lldpad answers in the bytes of
 * doc/kernel.md "lldpad: DCB answers", the retry
 * schedule in milliseconds, and operators' requests
 * answered when the engine decides.  No I/O: every eng_ops call lands here.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "monitor/engine/engine.h"
#include "monitor/util/log.h"
#include "monitor/control/status.h"
#include "common/ctl_msg.h"

#define MAXREC	256
#define ENG_DOWN_MS	500u	/* monitor/engine/engine_int.h ENG_DOWN_SETTLE_MS */

static struct {
	struct link_info links[4];
	int	nlinks;
	struct { enum port_op op; char ifname[16]; enum cfg_mode mode; }
		fcoe[MAXREC];
	int	nfcoe;
	int	fcoe_err;		/* errno of the next fcoe calls */
	struct { enum fcp_lq kind; char ifname[16]; } lq[MAXREC];
	int	nlq;
	struct { void *token; int err; char msg[160]; } done[16];
	int	ndone;
	char	adopted[16];		/* the instance sysfs shows at start */
	enum port_state adopted_st;
	int	connect_err;		/* lldpad_connect's answer */
	struct { unsigned cmd; char ifname[16]; uint32_t seq; } nl[MAXREC];
	int	nnl, nl_answered;	/* dcbnl requests, those answered */
} W;

static int
op_fcoe(void *arg, enum port_op op, const char *ifname, enum cfg_mode mode)
{
	(void)arg;
	ck_assert_int_lt(W.nfcoe, MAXREC);
	W.fcoe[W.nfcoe].op = op;
	snprintf(W.fcoe[W.nfcoe].ifname, 16, "%s", ifname);
	W.fcoe[W.nfcoe++].mode = mode;
	return W.fcoe_err;
}

static int
op_lldpad(void *arg, enum fcp_lq kind, const char *ifname)
{
	(void)arg;
	ck_assert_int_lt(W.nlq, MAXREC);
	W.lq[W.nlq].kind = kind;
	snprintf(W.lq[W.nlq++].ifname, 16, "%s", ifname);
	return 0;
}

static int
op_connect(void *arg)
{
	(void)arg;
	return W.connect_err;
}

static int
op_dcbnl(void *arg, unsigned cmd, const char *ifname, uint32_t *seq)
{
	(void)arg;
	ck_assert_int_lt(W.nnl, MAXREC);
	W.nl[W.nnl].cmd = cmd;
	snprintf(W.nl[W.nnl].ifname, 16, "%s", ifname);
	*seq = W.nl[W.nnl].seq = 1000 + (uint32_t)W.nnl;
	W.nnl++;
	return 0;
}

static struct link_info *
find_link(const char *name)
{
	int i;

	for (i = 0; i < W.nlinks; i++)
		if (strcmp(W.links[i].name, name) == 0)
			return &W.links[i];
	return NULL;
}

static const struct link_info *
op_link(void *arg, const char *name)
{
	(void)arg;
	return find_link(name);
}

static int
op_adopt(void *arg, const char *ifname, enum port_state *st)
{
	(void)arg;
	*st = strcmp(ifname, W.adopted) == 0 ? W.adopted_st : PS_ABSENT;
	return 0;
}

static void
op_done(void *arg, void *token, int err, const char *msg)
{
	(void)arg;
	W.done[W.ndone].token = token;
	W.done[W.ndone].err = err;
	snprintf(W.done[W.ndone++].msg, 160, "%s", msg);
}

static const struct eng_ops OPS = { .fcoe = op_fcoe, .lldpad = op_lldpad,
    .lldpad_connect = op_connect, .link = op_link, .adopt = op_adopt,
    .admin_done = op_done };
/* The same with the kernel's dcbnl (IEEE DCBX). */
static const struct eng_ops OPS_NL = { .fcoe = op_fcoe, .lldpad = op_lldpad,
    .lldpad_connect = op_connect, .link = op_link, .adopt = op_adopt,
    .admin_done = op_done, .dcbnl = op_dcbnl };
static const struct eng_ops *ops = &OPS;
/* A link set "down" keeps IFF_UP and loses its carrier (a cable, the peer
 * of a veth); otherwise it is set administratively down.  CK_FORK: each
 * test starts with false. */
static bool carrier_down;

/* ---- the world ---- */

static struct link_info *
link_set(const char *name, bool up)
{
	struct link_info *li = find_link(name);

	if (li == NULL) {
		li = &W.links[W.nlinks++];
		memset(li, 0, sizeof(*li));
		snprintf(li->name, sizeof(li->name), "%s", name);
		li->ifindex = W.nlinks;
	}
	li->oper_up = up;
	li->admin_up = up || carrier_down;
	return li;
}

static void
link_event(struct engine *e, const char *name, bool up)
{
	struct link_event ev = { .type = LINK_CHANGE };

	ev.link = *link_set(name, up);
	engine_link(e, &ev);
}

static struct engine *
start(const char *ifname, bool dcb, bool link_up)
{
	struct cfg_list *none = cfg_list_new(), *l = cfg_list_new();
	struct cfg_iface c = { .fcoe_enable = true, .dcb_required = dcb };
	struct engine *e;

	memset(&W, 0, sizeof(W));
	log_init("test_engine", 0, 0, 0);
	if (ifname != NULL) {
		link_set(ifname, link_up);
		snprintf(c.ifname, sizeof(c.ifname), "%s", ifname);
		ck_assert_int_eq(cfg_list_add(l, &c), 0);
	}
	link_set("veth1", true);
	e = engine_new(ops);
	engine_load(e, none, l);
	cfg_list_free(none);
	cfg_list_free(l);
	return e;
}

static void
lldpad(struct engine *e, const char *bytes, uint64_t now)
{
	struct lldpad_msg m;

	lldpad_msg_parse(bytes, strlen(bytes), &m);
	engine_lldpad(e, &m, now);
	ck_assert_int_eq(engine_run(e, now), 0);
}

/* The five answers of doc/kernel.md "lldpad: DCB answers"
 * for veth0, all good. */
static const char *const GOOD[] = {
	"R00C301010005veth01",
	"R00C301030005veth0111000100008",
	"R00C301050005veth01110208",
	"R00C303030005veth00000001100010000x",
	"R00C303050005veth0000000110208",
};

static struct engine *
start_dcb_attached(const char *ifname, bool enable)
{
	struct engine *e = start(ifname, true, true);

	if (!enable) {		/* as a cfg file with FCOE_ENABLE="no" */
		struct cfg_list *a = cfg_list_new(), *b = cfg_list_new();
		struct cfg_iface c = { .fcoe_enable = true,
		    .dcb_required = true };

		snprintf(c.ifname, sizeof(c.ifname), "%s", ifname);
		cfg_list_add(a, &c);
		c.fcoe_enable = false;
		cfg_list_add(b, &c);
		engine_load(e, a, b);
		cfg_list_free(a);
		cfg_list_free(b);
	}
	ck_assert_int_eq(engine_run(e, 0), 0);
	if (enable) {
		ck_assert_int_eq(W.nlq, 1);
		ck_assert_int_eq(W.lq[0].kind, FCP_LQ_ATTACH);
		lldpad(e, "R00A", 1);
	}
	return e;
}

static void
answer_good(struct engine *e, uint64_t now)
{
	size_t i;

	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(W.lq[W.nlq - 1].kind, FCP_LQ_DCB_STATE + i);
		ck_assert_str_eq(W.lq[W.nlq - 1].ifname, "veth0");
		lldpad(e, GOOD[i], now);
	}
}

START_TEST(no_dcb_creates_and_a_flap_never_destroys)
{
	struct engine *e = start("veth0", false, true);
	int i;

	ck_assert_int_eq(engine_run(e, 0), 0);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(W.fcoe[0].op, PO_CREATE);
	ck_assert_int_eq(engine_run(e, 1), 0);
	ck_assert_int_eq(W.nfcoe, 1);		/* nothing to do twice */
	/* Armed: the instance stays enabled through each flap; the kernel
	 * takes its FCoE link down and up (fcoemond(8) "What exists when"). */
	for (i = 0; i < 3; i++) {
		uint64_t t = 2000 * (uint64_t)(i + 1);

		link_event(e, "veth0", false);
		engine_run(e, t);
		ck_assert_uint_eq(engine_next_due(e), ENG_NEVER);
		engine_timer(e, t + 2 * ENG_DOWN_MS);
		engine_run(e, t + 2 * ENG_DOWN_MS);
		link_event(e, "veth0", true);
		engine_run(e, t + 1200);
	}
	ck_assert_int_eq(W.nfcoe, 1);		/* the create only */
	ck_assert_int_eq(W.nlq, 0);		/* lldpad never asked */
	engine_free(e);
}
END_TEST

/* fcoectl logout at system shutdown: what this daemon made is destroyed
 * at once, what is in use is kept, and afterwards no link event makes or
 * enables anything again. */
static bool
keep_none(void *arg, const char *ifname)
{
	(void)arg;
	(void)ifname;
	return false;
}

static bool
keep_all(void *arg, const char *ifname)
{
	(void)arg;
	(void)ifname;
	return true;
}

START_TEST(logout_destroys_and_makes_nothing_after)
{
	struct engine *e = start("veth0", false, true);
	unsigned gone = 99;

	ck_assert_int_eq(engine_run(e, 0), 0);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(engine_logout(e, 10, keep_none, NULL, &gone), 0);
	ck_assert_uint_eq(gone, 1);
	ck_assert_int_eq(W.nfcoe, 2);
	ck_assert_int_eq(W.fcoe[1].op, PO_DESTROY);
	link_event(e, "veth0", false);
	engine_run(e, 1000);
	engine_timer(e, 1000 + ENG_DOWN_MS);
	engine_run(e, 1000 + ENG_DOWN_MS);
	link_event(e, "veth0", true);
	ck_assert_int_eq(engine_run(e, 5000), 0);
	ck_assert_int_eq(W.nfcoe, 2);		/* nothing made again */
	engine_free(e);
}
END_TEST

START_TEST(logout_keeps_an_instance_in_use)
{
	struct engine *e = start("veth0", false, true);
	unsigned gone = 99;

	ck_assert_int_eq(engine_run(e, 0), 0);
	ck_assert_int_eq(engine_logout(e, 10, keep_all, NULL, &gone), 0);
	ck_assert_uint_eq(gone, 0);
	ck_assert_int_eq(W.nfcoe, 1);		/* the create only */
	ck_assert_int_eq(engine_logout(e, 20, keep_none, NULL, &gone), 0);
	ck_assert_uint_eq(gone, 1);		/* freed: a second logout */
	ck_assert_int_eq(W.fcoe[1].op, PO_DESTROY);
	engine_free(e);
}
END_TEST

/* A flap shorter than the settle time disables nothing; a delete right
 * after its link-down (a device unregistered while up) disables nothing
 * either: no write to a ctlr that the kernel is removing. */
START_TEST(short_flap_and_delete_while_up_write_no_disable)
{
	struct engine *e = start("veth0", false, true);
	struct link_event del = { .type = LINK_DEL };

	engine_run(e, 0);
	link_event(e, "veth0", false);
	engine_run(e, 100);
	link_event(e, "veth0", true);
	engine_run(e, 300);
	engine_timer(e, 700);
	engine_run(e, 700);
	ck_assert_int_eq(W.nfcoe, 1);		/* the create only */
	ck_assert_uint_eq(engine_next_due(e), ENG_NEVER);

	link_event(e, "veth0", false);
	engine_run(e, 1000);
	del.link = *find_link("veth0");
	engine_link(e, &del);
	engine_run(e, 1005);
	engine_timer(e, 2000);
	engine_run(e, 2000);
	ck_assert_int_eq(W.nfcoe, 2);
	ck_assert_int_eq(W.fcoe[1].op, PO_DESTROY);
	engine_free(e);
}
END_TEST

START_TEST(dcb_creates_after_the_five_answers)
{
	struct engine *e = start_dcb_attached("veth0", true);

	ck_assert_int_eq(W.nfcoe, 0);
	answer_good(e, 5);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(W.fcoe[0].op, PO_CREATE);
	engine_free(e);
}
END_TEST

/* DCB_REQ_RETRY_TIMEOUT × retry, ten retries, then nothing until an
 * event; an instance is never made. */
START_TEST(retry_schedule_on_the_fake_clock)
{
	struct engine *e = start_dcb_attached("veth0", true);
	uint64_t now = 1, due;
	int retry, starts = 1;

	lldpad(e, "R08C301010005veth0", now);
	for (retry = 1; retry <= 10; retry++) {
		due = engine_next_due(e);
		ck_assert_uint_eq(due - now, 200u * (unsigned)retry);
		now = due;
		engine_timer(e, now);
		ck_assert_int_eq(engine_run(e, now), 0);
		ck_assert_int_eq(W.lq[W.nlq - 1].kind, FCP_LQ_DCB_STATE);
		starts++;
		lldpad(e, "R08C301010005veth0", now);
	}
	ck_assert_int_eq(starts, 11);
	due = engine_next_due(e);
	ck_assert(due == ENG_NEVER || due - now >= 5000);  /* keepalive only */
	ck_assert_int_eq(W.nfcoe, 0);
	engine_free(e);
}
END_TEST

START_TEST(operator_create_and_destroy)
{
	struct engine *e = start(NULL, false, true);
	char msg[160];
	int tok;

	ck_assert_int_eq(engine_admin(e, EA_CREATE, "veth1", CFG_MODE_VN2VN,
	    &tok, msg, sizeof(msg)), ENG_PENDING);
	ck_assert_int_eq(W.ndone, 0);
	engine_run(e, 0);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(W.fcoe[0].op, PO_CREATE);
	ck_assert_int_eq(W.fcoe[0].mode, CFG_MODE_VN2VN);
	ck_assert_int_eq(W.ndone, 1);
	ck_assert_ptr_eq(W.done[0].token, &tok);
	ck_assert_int_eq(W.done[0].err, 0);
	ck_assert_str_eq(W.done[0].msg, "veth1: FCoE instance created");
	ck_assert_int_eq(engine_admin(e, EA_CREATE, "veth1", CFG_MODE_FABRIC,
	    &tok, msg, sizeof(msg)), EEXIST);
	ck_assert_int_eq(engine_admin(e, EA_DESTROY, "veth1", CFG_MODE_FABRIC,
	    &tok, msg, sizeof(msg)), ENG_PENDING);
	engine_run(e, 1);
	ck_assert_int_eq(W.fcoe[1].op, PO_DESTROY);
	ck_assert_int_eq(W.ndone, 2);
	ck_assert_int_eq(W.done[1].err, 0);
	ck_assert_int_eq(engine_admin(e, EA_DESTROY, "veth1", CFG_MODE_FABRIC,
	    &tok, msg, sizeof(msg)), EALREADY);
	ck_assert_int_eq(engine_admin(e, EA_RESET, "veth1", CFG_MODE_FABRIC,
	    &tok, msg, sizeof(msg)), ENXIO);
	ck_assert_int_eq(engine_admin(e, EA_SCAN, "nope0", CFG_MODE_FABRIC,
	    &tok, msg, sizeof(msg)), ENOENT);
	ck_assert_int_eq(engine_admin(e, EA_CREATE, "nope0", CFG_MODE_FABRIC,
	    &tok, msg, sizeof(msg)), ENODEV);
	ck_assert_int_eq(W.nfcoe, 2);
	engine_free(e);
}
END_TEST

/* A cfg list of (name, MODE vn2vn, FIP_RESP) entries, FCoE enabled,
 * no DCB; freed by the caller. */
static struct cfg_list *
cfg_of(const char *a, bool vn2vn, bool fip, const char *b)
{
	struct cfg_list *l = cfg_list_new();
	struct cfg_iface c = { .fcoe_enable = true };

	snprintf(c.ifname, sizeof(c.ifname), "%s", a);
	c.mode = vn2vn ? CFG_MODE_VN2VN : CFG_MODE_FABRIC;
	c.fip_resp = fip;
	ck_assert_int_eq(cfg_list_add(l, &c), 0);
	if (b != NULL) {
		memset(&c, 0, sizeof(c));
		c.fcoe_enable = true;
		snprintf(c.ifname, sizeof(c.ifname), "%s", b);
		ck_assert_int_eq(cfg_list_add(l, &c), 0);
	}
	return l;
}

/* One SIGHUP-style reload from prev to a list built like next. */
static void
reload(struct engine *e, struct cfg_list *prev, struct cfg_list *next,
    uint64_t now)
{
	engine_load(e, prev, next);
	ck_assert_int_eq(engine_run(e, now), 0);
	ck_assert_int_eq(engine_run(e, now + 10000), 0);
}

static void
keep_one(void *arg, const struct eng_row *r)
{
	*(struct eng_row *)arg = *r;
}

/*
 * An instance found at start (a daemon restart, fipvlan, an earlier
 * fcoeadm) is adopted: never re-created, never destroyed by a reload,
 * even one that changes its file in a field that needs no new instance.
 */
START_TEST(adopted_instance_is_never_recreated_or_destroyed)
{
	struct cfg_list *none = cfg_list_new(), *a = cfg_of("veth0", false,
	    false, NULL), *b = cfg_of("veth0", false, false, NULL),
	    *c = cfg_of("veth0", false, true, NULL);
	struct engine *e;
	struct eng_row row;

	memset(&W, 0, sizeof(W));
	log_init("test_engine", 0, 0, 0);
	snprintf(W.adopted, sizeof(W.adopted), "veth0");
	W.adopted_st = PS_ENABLED;
	link_set("veth0", true);
	e = engine_new(&OPS);
	engine_load(e, none, a);
	ck_assert_int_eq(engine_run(e, 0), 0);
	ck_assert_int_eq(W.nfcoe, 0);		/* not created again */
	ck_assert_int_eq(engine_status(e, "veth0", 0, keep_one, &row), 0);
	ck_assert_int_eq(row.state, PS_ENABLED);
	ck_assert(row.managed);			/* ours now: a removal destroys */
	reload(e, a, b, 100);			/* identical */
	reload(e, b, c, 20000);			/* FIP_RESP only */
	link_event(e, "veth0", true);		/* and a link event on top */
	ck_assert_int_eq(engine_run(e, 30000), 0);
	ck_assert_int_eq(W.nfcoe, 0);
	ck_assert_int_eq(engine_status(e, "veth0", 0, keep_one, &row), 0);
	ck_assert_int_eq(row.state, PS_ENABLED);
	ck_assert_int_eq(row.last_op, PO_NONE);
	engine_free(e);
	cfg_list_free(none);
	cfg_list_free(a);
	cfg_list_free(b);
	cfg_list_free(c);
}
END_TEST

/*
 * A reload with the same files issues no actuator request and no lldpad
 * query, and keeps what an operator did since: an fcoeadm destroy lasts
 * until that interface's file changes, so an identical reload must not
 * bring the instance back.
 */
START_TEST(identical_reload_touches_nothing)
{
	struct cfg_list *none = cfg_list_new(), *a = cfg_of("veth0", false,
	    false, "veth1"), *b = cfg_of("veth0", false, false, "veth1");
	struct engine *e;
	char msg[160];
	int tok, nfcoe, nlq;

	memset(&W, 0, sizeof(W));
	log_init("test_engine", 0, 0, 0);
	link_set("veth0", true);
	link_set("veth1", true);
	e = engine_new(&OPS);
	engine_load(e, none, a);
	ck_assert_int_eq(engine_run(e, 0), 0);
	ck_assert_int_eq(W.nfcoe, 2);		/* both created */
	ck_assert_int_eq(engine_admin(e, EA_DESTROY, "veth0", CFG_MODE_FABRIC,
	    &tok, msg, sizeof(msg)), ENG_PENDING);
	ck_assert_int_eq(engine_run(e, 1), 0);
	ck_assert_int_eq(W.nfcoe, 3);
	ck_assert_int_eq(W.fcoe[2].op, PO_DESTROY);
	nfcoe = W.nfcoe;
	nlq = W.nlq;
	reload(e, a, b, 100);
	ck_assert_msg(W.nfcoe == nfcoe, "reload sent %d requests, first %s "
	    "%s", W.nfcoe - nfcoe, port_op_str(W.fcoe[nfcoe].op),
	    W.fcoe[nfcoe].ifname);
	ck_assert_int_eq(W.nlq, nlq);
	engine_free(e);
	cfg_list_free(none);
	cfg_list_free(a);
	cfg_list_free(b);
}
END_TEST

START_TEST(operator_create_waits_for_dcb)
{
	struct engine *e = start_dcb_attached("veth0", false);
	char msg[160];
	int tok;

	ck_assert_int_eq(W.nlq, 0);		/* FCOE_ENABLE=no: no lldpad */
	ck_assert_int_eq(engine_admin(e, EA_CREATE, "veth0", CFG_MODE_FABRIC,
	    &tok, msg, sizeof(msg)), ENG_PENDING);
	engine_run(e, 1);
	ck_assert_int_eq(W.lq[0].kind, FCP_LQ_ATTACH);
	lldpad(e, "R00A", 2);
	ck_assert_int_eq(W.ndone, 0);		/* querying: no answer yet */
	answer_good(e, 3);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(W.ndone, 1);
	ck_assert_int_eq(W.done[0].err, 0);
	engine_free(e);
}
END_TEST

/* On a down link the operator's create makes the instance armed
 * (enabled) once settled, as a cfg entry's is; link-up sends nothing. */
START_TEST(operator_create_on_a_down_link_makes_it_armed)
{
	struct engine *e;
	char msg[160];
	int tok;

	carrier_down = true;
	e = start(NULL, false, true);
	link_set("veth1", false);
	ck_assert_int_eq(engine_admin(e, EA_CREATE, "veth1", CFG_MODE_FABRIC,
	    &tok, msg, sizeof(msg)), ENG_PENDING);
	engine_run(e, 0);
	ck_assert_int_eq(W.ndone, 0);		/* settling: not answered yet */
	engine_timer(e, ENG_DOWN_MS);
	engine_run(e, ENG_DOWN_MS);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(W.fcoe[0].op, PO_CREATE);
	ck_assert_int_eq(W.ndone, 1);
	ck_assert_int_eq(W.done[0].err, 0);
	ck_assert_str_eq(W.done[0].msg, "veth1: FCoE instance created; "
	    "enabled, the kernel starts it when the link comes up");
	link_event(e, "veth1", true);
	engine_run(e, 1000);
	ck_assert_int_eq(W.nfcoe, 1);		/* the kernel starts it */
	ck_assert_int_eq(W.ndone, 1);		/* answered once only */
	engine_free(e);
}
END_TEST

/* fcoemond(8) "What exists when": DCB not required, the interface there
 * but down -- at start-up or just added -- for the settle time, the
 * instance is made enabled (armed), and link-up costs no request. */
START_TEST(instance_armed_before_link_up)
{
	struct engine *e;
	struct cfg_list *none = cfg_list_new(), *l = cfg_list_new();
	struct cfg_iface c = { .fcoe_enable = true, .mode = CFG_MODE_VN2VN };
	struct link_event ev = { .type = LINK_NEW };

	carrier_down = true;
	e = start("veth0", false, false);
	ck_assert_int_eq(engine_run(e, 0), 0);
	ck_assert_int_eq(W.nfcoe, 0);		/* settling */
	ck_assert_uint_eq(engine_next_due(e), ENG_DOWN_MS);
	engine_timer(e, ENG_DOWN_MS);
	engine_run(e, ENG_DOWN_MS);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(W.fcoe[0].op, PO_CREATE);
	ck_assert_str_eq(W.fcoe[0].ifname, "veth0");
	ck_assert_uint_eq(engine_next_due(e), ENG_NEVER);
	link_event(e, "veth0", true);
	engine_run(e, 1000);
	ck_assert_int_eq(W.nfcoe, 1);

	/* an entry whose interface comes later: made once it has been there */
	snprintf(c.ifname, sizeof(c.ifname), "veth2");
	ck_assert_int_eq(cfg_list_add(l, &c), 0);
	engine_load(e, none, l);
	engine_run(e, 1020);
	ck_assert_int_eq(W.nfcoe, 1);		/* no veth2 yet */
	ev.link = *link_set("veth2", false);
	engine_link(e, &ev);
	engine_run(e, 1030);
	ck_assert_int_eq(W.nfcoe, 1);
	engine_timer(e, 1030 + ENG_DOWN_MS);
	engine_run(e, 1030 + ENG_DOWN_MS);
	ck_assert_int_eq(W.nfcoe, 2);
	ck_assert_int_eq(W.fcoe[1].op, PO_CREATE);
	ck_assert_str_eq(W.fcoe[1].ifname, "veth2");
	ck_assert_int_eq(W.fcoe[1].mode, CFG_MODE_VN2VN);
	link_event(e, "veth2", true);
	engine_run(e, 2000);
	ck_assert_int_eq(W.nfcoe, 2);
	cfg_list_free(none);
	cfg_list_free(l);
	engine_free(e);
}
END_TEST

/* A link that was up and went down without an instance (its create
 * failed) gets one only after the settle time, so a device being deleted
 * (link-down, then DELLINK) is never written to; a failed preparation is
 * tried again on the next event, never taken for an instance. */
START_TEST(armed_waits_after_a_link_down)
{
	struct engine *e;
	struct link_event del = { .type = LINK_DEL };

	carrier_down = true;
	e = start("veth0", false, true);
	W.fcoe_err = EIO;
	engine_run(e, 0);
	ck_assert_int_eq(W.nfcoe, 1);		/* the create, failed */
	W.fcoe_err = 0;
	link_event(e, "veth0", false);
	engine_run(e, 100);
	ck_assert_int_eq(W.nfcoe, 1);		/* settling */
	ck_assert_uint_eq(engine_next_due(e), 100 + ENG_DOWN_MS);
	del.link = *find_link("veth0");
	engine_link(e, &del);
	engine_run(e, 105);
	engine_timer(e, 700);
	engine_run(e, 700);
	ck_assert_int_eq(W.nfcoe, 1);		/* nothing written */

	/* back, up, create fails; down: armed after the settle only */
	link_event(e, "veth0", true);
	W.fcoe_err = EIO;
	engine_run(e, 1000);
	ck_assert_int_eq(W.nfcoe, 2);
	W.fcoe_err = 0;
	link_event(e, "veth0", false);
	engine_run(e, 1100);
	ck_assert_int_eq(W.nfcoe, 2);
	engine_timer(e, 1100 + ENG_DOWN_MS);
	engine_run(e, 1100 + ENG_DOWN_MS);
	ck_assert_int_eq(W.nfcoe, 3);
	ck_assert_int_eq(W.fcoe[2].op, PO_CREATE);
	link_event(e, "veth0", true);
	engine_run(e, 2000);
	ck_assert_int_eq(W.nfcoe, 3);		/* the kernel starts it */
	engine_free(e);
}
END_TEST

/* An interface added and deleted again within the settle time gets no
 * write at all: a ctlr_create (or libfcoe's create) while the kernel
 * unregisters the device is what doc/kernel.md warns about. */
START_TEST(added_then_deleted_writes_nothing)
{
	struct engine *e = start(NULL, false, true);
	struct cfg_list *none = cfg_list_new(), *l = cfg_list_new();
	struct cfg_iface c = { .fcoe_enable = true };
	struct link_event ev = { .type = LINK_NEW };

	snprintf(c.ifname, sizeof(c.ifname), "veth2");
	ck_assert_int_eq(cfg_list_add(l, &c), 0);
	engine_load(e, none, l);
	ev.link = *link_set("veth2", false);
	engine_link(e, &ev);
	engine_run(e, 10);
	ev.type = LINK_DEL;
	engine_link(e, &ev);
	engine_run(e, 20);
	engine_timer(e, 2000);
	engine_run(e, 2000);
	ck_assert_int_eq(W.nfcoe, 0);
	cfg_list_free(none);
	cfg_list_free(l);
	engine_free(e);
}
END_TEST

/* Where DCB is required nothing is made before the judgement: a bad one
 * would destroy it again at every link-up. */
START_TEST(dcb_required_makes_nothing_while_down)
{
	struct engine *e = start("veth0", true, false);

	engine_run(e, 0);
	engine_timer(e, 5000);
	engine_run(e, 5000);
	ck_assert_int_eq(W.nfcoe, 0);
	engine_free(e);
}
END_TEST

START_TEST(operator_gone_gets_no_answer_and_failure_is_reported)
{
	struct engine *e = start_dcb_attached("veth0", false);
	char msg[160];
	int tok, tok2;

	engine_admin(e, EA_CREATE, "veth0", CFG_MODE_FABRIC, &tok, msg,
	    sizeof(msg));
	engine_admin(e, EA_CREATE, "veth0", CFG_MODE_FABRIC, &tok2, msg,
	    sizeof(msg));
	engine_admin_cancel(e, "veth0", &tok);
	engine_run(e, 1);
	lldpad(e, "R00A", 2);
	W.fcoe_err = EACCES;
	answer_good(e, 3);
	ck_assert_int_eq(W.ndone, 1);
	ck_assert_ptr_eq(W.done[0].token, &tok2);
	ck_assert_int_eq(W.done[0].err, EACCES);
	engine_free(e);
}
END_TEST

static struct ctl_row got;

/* The engine's neutral row, as monitor/control turns it into the record. */
static void
keep_row(void *arg, const struct eng_row *r)
{
	(void)arg;
	status_to_ctl(r, &got);
}

START_TEST(status_rows_say_why)
{
	struct engine *e = start("veth0", false, true);

	engine_run(e, 0);
	ck_assert_int_eq(engine_status(e, "veth0", 1500, keep_row, NULL), 0);
	ck_assert_int_eq(ctl_row_check(&got), 0);
	ck_assert_int_eq(got.state, CTL_ST_ENABLED);
	ck_assert_int_eq(got.last_op, CTL_OP_CREATE);
	ck_assert_int_eq(got.last_op_age_ms, 1500);
	ck_assert_str_eq(got.why, "active: link up, DCB not required");
	ck_assert_int_eq(engine_status(e, "nope", 0, keep_row, NULL), ENOENT);
	engine_free(e);

	e = start_dcb_attached("veth0", true);
	lldpad(e, "R08C301010005veth0", 10);
	ck_assert_int_eq(engine_status(e, NULL, 110, keep_row, NULL), 0);
	ck_assert_int_eq(ctl_row_check(&got), 0);
	ck_assert_int_eq(got.dcb_step, CTL_DCB_ERROR);
	ck_assert_int_eq(got.retries, 1);
	ck_assert_int_eq(got.next_retry_ms, 100);
	ck_assert_int_eq(got.lldpad_status, 8);
	ck_assert_int_eq(got.lldpad_step, CTL_DCB_Q_DCB_STATE);
	ck_assert_msg(strncmp(got.why, "waiting: ", 9) == 0, "%s", got.why);
	engine_free(e);
}
END_TEST

/* How many requests of kind op were sent. */
static int
count_op(enum port_op op)
{
	int i, n = 0;

	for (i = 0; i < W.nfcoe; i++)
		n += W.fcoe[i].op == op;
	return n;
}

/* A link down longer than the settle time, then up again. */
static void
flap(struct engine *e, const char *ifname, uint64_t t)
{
	link_event(e, ifname, false);
	ck_assert_int_eq(engine_run(e, t), 0);
	engine_timer(e, t + ENG_DOWN_MS);
	ck_assert_int_eq(engine_run(e, t + ENG_DOWN_MS), 0);
	engine_timer(e, t + 3000);
	ck_assert_int_eq(engine_run(e, t + 3000), 0);
	link_event(e, ifname, true);
	ck_assert_int_eq(engine_run(e, t + 3001), 0);
}

/*
 * The kernel starts an enabled instance itself at link-up (its netdev
 * notifier, doc/kernel.md "Link-up of an enabled instance"): with
 * DCB_REQUIRED=no a flap costs no request at all, and status says the
 * instance is armed while down.  With DCB_REQUIRED=yes the link-down
 * disable stays: DCB is judged again after link-up before FCoE runs.
 */
START_TEST(flap_armed_sends_nothing_dcb_required_disables)
{
	struct engine *e;

	carrier_down = true;
	e = start("veth0", false, true);
	ck_assert_int_eq(engine_run(e, 0), 0);
	ck_assert_int_eq(W.nfcoe, 1);
	link_event(e, "veth0", false);
	ck_assert_int_eq(engine_run(e, 1000), 0);
	engine_timer(e, 1000 + ENG_DOWN_MS);
	ck_assert_int_eq(engine_run(e, 1000 + ENG_DOWN_MS), 0);
	ck_assert_int_eq(engine_status(e, "veth0", 2000, keep_row, NULL), 0);
	ck_assert_int_eq(got.state, CTL_ST_ENABLED);
	ck_assert_str_eq(got.why, "armed: link down on veth0; enabled, the "
	    "kernel starts it at link-up");
	link_event(e, "veth0", true);
	ck_assert_int_eq(engine_run(e, 2000), 0);
	flap(e, "veth0", 5000);
	ck_assert_int_eq(count_op(PO_DISABLE), 0);
	ck_assert_int_eq(count_op(PO_ENABLE), 0);
	ck_assert_int_eq(W.nfcoe, 1);		/* the create only */
	engine_free(e);

	e = start_dcb_attached("veth0", true);
	answer_good(e, 5);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(W.fcoe[0].op, PO_CREATE);
	link_event(e, "veth0", false);
	ck_assert_int_eq(engine_run(e, 1000), 0);
	ck_assert_int_eq(W.nfcoe, 1);		/* settling */
	engine_timer(e, 1000 + ENG_DOWN_MS);
	ck_assert_int_eq(engine_run(e, 1000 + ENG_DOWN_MS), 0);
	ck_assert_int_eq(W.nfcoe, 2);
	ck_assert_int_eq(W.fcoe[1].op, PO_DISABLE);
	link_event(e, "veth0", true);
	ck_assert_int_eq(engine_run(e, 2000), 0);
	ck_assert_int_eq(W.nfcoe, 2);		/* DCB is asked first */
	answer_good(e, 2001);
	ck_assert_int_eq(W.nfcoe, 3);
	ck_assert_int_eq(W.fcoe[2].op, PO_ENABLE);
	engine_free(e);
}
END_TEST

/*
 * Administratively down (IFF_UP off): the kernel's link test ignores IFF_UP,
 * so an enable written now would start FCoE on the down device and the real
 * link-up would solicit nothing.  The instance is made disabled, and
 * link-up costs one enable; once enabled, an administrative down and up
 * sends nothing (the kernel's NETDEV_DOWN resets its link itself).
 */
START_TEST(admin_down_makes_it_disabled_link_up_enables)
{
	struct engine *e = start("veth0", false, false);

	ck_assert_int_eq(engine_run(e, 0), 0);
	ck_assert_int_eq(W.nfcoe, 0);		/* settling */
	engine_timer(e, ENG_DOWN_MS);
	ck_assert_int_eq(engine_run(e, ENG_DOWN_MS), 0);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(W.fcoe[0].op, PO_PREPARE);
	ck_assert_int_eq(engine_status(e, "veth0", 600, keep_row, NULL), 0);
	ck_assert_int_eq(got.state, CTL_ST_DISABLED);
	ck_assert_int_eq(got.last_op, CTL_OP_CREATE);
	ck_assert_str_eq(got.why, "ready: link down on veth0; disabled while "
	    "veth0 is administratively down, enabled at link-up");
	link_event(e, "veth0", true);
	ck_assert_int_eq(engine_run(e, 1000), 0);
	ck_assert_int_eq(W.nfcoe, 2);
	ck_assert_int_eq(W.fcoe[1].op, PO_ENABLE);
	flap(e, "veth0", 2000);			/* administrative, enabled */
	ck_assert_int_eq(W.nfcoe, 2);
	engine_free(e);
}
END_TEST

/* An instance found disabled at start (an operator's echo 0, another
 * tool) on a down link is armed the same way: enabled once settled; and
 * nothing is sent at link-up. */
START_TEST(adopted_disabled_is_armed_while_down)
{
	struct cfg_list *none = cfg_list_new(), *a = cfg_of("veth0", false,
	    false, NULL);
	struct engine *e;

	memset(&W, 0, sizeof(W));
	log_init("test_engine", 0, 0, 0);
	snprintf(W.adopted, sizeof(W.adopted), "veth0");
	W.adopted_st = PS_DISABLED;
	carrier_down = true;
	link_set("veth0", false);
	e = engine_new(&OPS);
	engine_load(e, none, a);
	ck_assert_int_eq(engine_run(e, 0), 0);
	ck_assert_int_eq(W.nfcoe, 0);		/* settling */
	engine_timer(e, ENG_DOWN_MS);
	ck_assert_int_eq(engine_run(e, ENG_DOWN_MS), 0);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(W.fcoe[0].op, PO_ENABLE);
	link_event(e, "veth0", true);
	ck_assert_int_eq(engine_run(e, 1000), 0);
	flap(e, "veth0", 2000);
	ck_assert_int_eq(W.nfcoe, 1);
	engine_free(e);
	cfg_list_free(none);
	cfg_list_free(a);
}
END_TEST

/* An operator's destroy holds across flaps: armed means the entry's
 * instance, not one an operator took away. */
START_TEST(operator_destroy_holds_across_a_flap)
{
	struct engine *e = start("veth0", false, true);
	char msg[160];
	int tok;

	ck_assert_int_eq(engine_run(e, 0), 0);
	ck_assert_int_eq(engine_admin(e, EA_DESTROY, "veth0", CFG_MODE_FABRIC,
	    &tok, msg, sizeof(msg)), ENG_PENDING);
	ck_assert_int_eq(engine_run(e, 1), 0);
	ck_assert_int_eq(W.nfcoe, 2);
	ck_assert_int_eq(W.fcoe[1].op, PO_DESTROY);
	flap(e, "veth0", 1000);
	ck_assert_int_eq(W.nfcoe, 2);
	engine_free(e);
}
END_TEST

/* ---- IEEE DCBX: the kernel's answers as monitor/wire/dcbnl.c gives them */

struct kern {
	uint8_t	dcbx, pfc_en, fcoe;	/* mode, PFC bitmap, APP 0x8906 prios */
};

static void
kern_info(const struct kern *k, unsigned cmd, struct dcbnl_info *i)
{
	unsigned p;

	memset(i, 0, sizeof(*i));
	i->kind = DCBNL_MESSAGE;
	i->cmd = (uint8_t)cmd;
	i->fcoe_prio = -1;
	snprintf(i->ifname, sizeof(i->ifname), "veth0");
	i->has_dcbx = true;
	i->dcbx = k->dcbx;
	if (cmd == 22)				/* GDCBX */
		return;
	i->has_ieee = i->has_pfc = i->has_apps = true;
	i->pfc_en = k->pfc_en;
	for (p = 0; p < 8; p++)
		if (k->fcoe & (1u << p))
			i->apps[i->napps++] = (struct dcbnl_app){ 1,
			    (uint8_t)p, 0x8906 };
	i->fcoe_prio_mask = k->fcoe;
	i->fcoe_prio = k->fcoe ? __builtin_ctz(k->fcoe) : -1;
}

/* The kernel answers every request not answered yet; then end of cycle. */
static void
kernel(struct engine *e, const struct kern *k, uint64_t now)
{
	struct dcbnl_info i;

	ck_assert_int_gt(W.nnl, W.nl_answered);
	for (; W.nl_answered < W.nnl; W.nl_answered++) {
		kern_info(k, W.nl[W.nl_answered].cmd, &i);
		engine_dcbnl(e, W.nl[W.nl_answered].ifname,
		    W.nl[W.nl_answered].seq, &i);
	}
	ck_assert_int_eq(engine_run(e, now), 0);
}

/* An RTNLGRP_DCB notification (lldpad or firmware applied something). */
static void
notify(struct engine *e, uint64_t now)
{
	struct dcbnl_info i;
	struct kern any = { 0x09, 0, 0 };

	kern_info(&any, 20 /* IEEE_SET */, &i);
	i.notification = true;
	engine_dcbnl(e, "veth0", 0, &i);
	ck_assert_int_eq(engine_run(e, now), 0);
}

static const struct kern K_IEEE = { 0x09, 0x08, 0x08 };	/* host + IEEE */
static const struct kern K_CEE = { 0x05, 0x08, 0x08 };	/* host + CEE */

static int
dcb_queries(void)
{
	int i, n = 0;

	for (i = 0; i < W.nlq; i++)
		n += W.lq[i].kind >= FCP_LQ_DCB_STATE &&
		    W.lq[i].kind <= FCP_LQ_DCB_STATE + 4;
	return n;
}

static struct engine *
start_ieee(void)
{
	struct engine *e;

	ops = &OPS_NL;
	e = start("veth0", true, true);
	ops = &OPS;
	ck_assert_int_eq(engine_run(e, 0), 0);
	ck_assert_int_eq(W.nnl, 2);		/* GDCBX, IEEE_GET */
	ck_assert_uint_eq(W.nl[0].cmd, 22);
	ck_assert_uint_eq(W.nl[1].cmd, 21);
	ck_assert_str_eq(W.nl[0].ifname, "veth0");
	return e;
}

START_TEST(ieee_good_creates_from_the_kernel)
{
	struct engine *e = start_ieee();

	lldpad(e, "R00A", 1);
	/* Attached: the sequence restarts, the kernel is asked again. */
	ck_assert_int_eq(W.nnl, 4);
	ck_assert_int_eq(W.nfcoe, 0);
	kernel(e, &K_IEEE, 2);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(W.fcoe[0].op, PO_CREATE);
	ck_assert_int_eq(dcb_queries(), 0);	/* lldpad never asked */
	ck_assert_int_eq(engine_status(e, "veth0", 3, keep_row, NULL), 0);
	ck_assert_int_eq(ctl_row_check(&got), 0);
	ck_assert_int_eq(got.dcbx, CTL_DCBX_IEEE);
	ck_assert_int_eq(got.dcbx_mode, 0x09);
	ck_assert_int_eq(got.pfc_prios, 0x08);
	ck_assert_int_eq(got.fcoe_prios, 0x08);
	ck_assert_int_eq(got.app_valid, 1);
	ck_assert_int_eq(got.app_selector, 1);
	ck_assert_int_eq(got.app_priority, 3);
	ck_assert_int_eq(got.app_protocol, 0x8906);
	ck_assert_msg(strstr(got.why, "IEEE DCBX") != NULL, "%s", got.why);
	engine_free(e);
}
END_TEST

/*
 * The kernel keeps answering k: the ten retries of the CEE schedule (0.2 s
 * x n), the instance kept until the tenth has failed, then destroyed.
 * Returns the time of the destroy.
 */
static uint64_t
ieee_retries_then_destroy(struct engine *e, const struct kern *k,
    uint64_t now)
{
	int retry, made = W.nfcoe;
	uint64_t due;

	for (retry = 1; retry <= 10; retry++) {
		ck_assert_int_eq(W.nfcoe, made);	/* still there */
		due = engine_next_due(e);
		if (due < now + 200u * (unsigned)retry) {
			/* lldpad's keepalive falls in between: answered. */
			engine_timer(e, due);
			ck_assert_int_eq(engine_run(e, due), 0);
			ck_assert_int_eq(W.lq[W.nlq - 1].kind, FCP_LQ_PING);
			lldpad(e, "R00PPONG4321", due);
			due = engine_next_due(e);
		}
		ck_assert_uint_eq(due - now, 200u * (unsigned)retry);
		now = due;
		engine_timer(e, now);
		ck_assert_int_eq(engine_run(e, now), 0);
		kernel(e, k, now);
	}
	ck_assert_int_eq(W.nfcoe, made + 1);
	ck_assert_int_eq(W.fcoe[made].op, PO_DESTROY);
	return now;
}

/* The APP table loses FCoE's entry: confirmed over the retries (lldpad
 * rewrites the table piecewise), then destroyed. */
START_TEST(ieee_app_entry_removed_destroys)
{
	struct engine *e = start_ieee();
	struct kern k = K_IEEE;

	lldpad(e, "R00A", 1);
	kernel(e, &K_IEEE, 2);
	ck_assert_int_eq(W.nfcoe, 1);
	notify(e, 100);
	ck_assert_int_eq(W.nnl, 6);		/* asked again */
	ck_assert_int_eq(W.nfcoe, 1);		/* nothing while asking */
	k.fcoe = 0;
	kernel(e, &k, 101);
	ck_assert_uint_eq(ieee_retries_then_destroy(e, &k, 101), 101 + 11000);
	ck_assert_int_eq(engine_status(e, "veth0", 11200, keep_row, NULL), 0);
	ck_assert_msg(strstr(got.why, "no FCoE entry") != NULL, "%s", got.why);
	engine_free(e);
}
END_TEST

/* PFC off on FCoE's priority: retried on the CEE schedule (0.2 s x n,
 * ten times), then destroyed; never before. */
START_TEST(ieee_pfc_off_destroys_after_the_retries)
{
	struct engine *e = start_ieee();
	struct kern k = K_IEEE;
	uint64_t now = 100, due;
	int retry;

	lldpad(e, "R00A", 1);
	kernel(e, &K_IEEE, 2);
	notify(e, now);
	k.pfc_en = 0x10;
	kernel(e, &k, now);
	for (retry = 1; retry <= 10; retry++) {
		ck_assert_int_eq(W.nfcoe, 1);	/* still there */
		due = engine_next_due(e);
		if (due < now + 200u * (unsigned)retry) {
			/* lldpad's keepalive falls in between: answered. */
			engine_timer(e, due);
			ck_assert_int_eq(engine_run(e, due), 0);
			ck_assert_int_eq(W.lq[W.nlq - 1].kind, FCP_LQ_PING);
			lldpad(e, "R00PPONG4321", due);
			due = engine_next_due(e);
		}
		ck_assert_uint_eq(due - now, 200u * (unsigned)retry);
		now = due;
		engine_timer(e, now);
		ck_assert_int_eq(engine_run(e, now), 0);
		kernel(e, &k, now);
	}
	ck_assert_int_eq(W.nfcoe, 2);
	ck_assert_int_eq(W.fcoe[1].op, PO_DESTROY);
	ck_assert_uint_eq(now, 100 + 11000);
	engine_free(e);
}
END_TEST

/* lldpad switches the port from CEE to IEEE with the same settings: the
 * instance stays, and the record says IEEE decided now. */
START_TEST(cee_to_ieee_same_settings_instance_stays)
{
	struct engine *e = start_ieee();

	lldpad(e, "R00A", 1);
	kernel(e, &K_CEE, 2);
	answer_good(e, 3);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(engine_status(e, "veth0", 4, keep_row, NULL), 0);
	ck_assert_int_eq(got.dcbx, CTL_DCBX_CEE);
	/* The switch: lldpad's event and the kernel's notification. */
	lldpad(e, "E5205veth0030011", 10);
	notify(e, 11);
	kernel(e, &K_IEEE, 12);
	ck_assert_int_eq(W.nfcoe, 1);		/* not destroyed, not touched */
	ck_assert_int_eq(engine_status(e, "veth0", 13, keep_row, NULL), 0);
	ck_assert_int_eq(got.dcbx, CTL_DCBX_IEEE);
	ck_assert_int_eq(got.state, CTL_ST_ENABLED);
	engine_free(e);
}
END_TEST

/* A firmware agent (LLD_MANAGED) and no lldpad at all: decided from the
 * kernel, and no lldpad connection is kept trying. */
START_TEST(firmware_dcbx_without_lldpad)
{
	struct engine *e;
	struct kern fw = { 0x0a, 0x08, 0x08 };	/* LLD_MANAGED + IEEE */
	int i;

	ops = &OPS_NL;
	e = start("veth0", true, true);
	ops = &OPS;
	W.connect_err = ECONNREFUSED;		/* lldpad not running */
	ck_assert_int_eq(engine_run(e, 0), 0);
	kernel(e, &fw, 1);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_int_eq(W.fcoe[0].op, PO_CREATE);
	ck_assert_int_eq(W.nlq, 0);		/* nothing ever sent to lldpad */
	ck_assert_uint_eq(engine_next_due(e), ENG_NEVER);
	/* The firmware changes a setting: followed through notifications. */
	fw.fcoe = 0;
	notify(e, 50);
	kernel(e, &fw, 51);
	ck_assert_uint_eq(ieee_retries_then_destroy(e, &fw, 51), 51 + 11000);
	fw.fcoe = 0x08;
	notify(e, 20000);
	kernel(e, &fw, 20001);
	ck_assert_int_eq(W.nfcoe, 3);
	ck_assert_int_eq(W.fcoe[2].op, PO_CREATE);
	for (i = 0; i < W.nlq; i++)
		ck_assert_int_ne(W.lq[i].kind, FCP_LQ_ATTACH);
	engine_free(e);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("engine");
	TCase *t = tcase_create("engine");

	tcase_add_test(t, no_dcb_creates_and_a_flap_never_destroys);
	tcase_add_test(t, logout_destroys_and_makes_nothing_after);
	tcase_add_test(t, logout_keeps_an_instance_in_use);
	tcase_add_test(t, short_flap_and_delete_while_up_write_no_disable);
	tcase_add_test(t, dcb_creates_after_the_five_answers);
	tcase_add_test(t, retry_schedule_on_the_fake_clock);
	tcase_add_test(t, operator_create_and_destroy);
	tcase_add_test(t, operator_create_waits_for_dcb);
	tcase_add_test(t, operator_create_on_a_down_link_makes_it_armed);
	tcase_add_test(t, instance_armed_before_link_up);
	tcase_add_test(t, armed_waits_after_a_link_down);
	tcase_add_test(t, dcb_required_makes_nothing_while_down);
	tcase_add_test(t, added_then_deleted_writes_nothing);
	tcase_add_test(t, operator_gone_gets_no_answer_and_failure_is_reported);
	tcase_add_test(t, status_rows_say_why);
	tcase_add_test(t, flap_armed_sends_nothing_dcb_required_disables);
	tcase_add_test(t, adopted_disabled_is_armed_while_down);
	tcase_add_test(t, admin_down_makes_it_disabled_link_up_enables);
	tcase_add_test(t, operator_destroy_holds_across_a_flap);
	tcase_add_test(t, ieee_good_creates_from_the_kernel);
	tcase_add_test(t, ieee_app_entry_removed_destroys);
	tcase_add_test(t, ieee_pfc_off_destroys_after_the_retries);
	tcase_add_test(t, cee_to_ieee_same_settings_instance_stays);
	tcase_add_test(t, firmware_dcbx_without_lldpad);
	tcase_add_test(t, adopted_instance_is_never_recreated_or_destroyed);
	tcase_add_test(t, identical_reload_touches_nothing);
	suite_add_tcase(s, t);
	return check_run(s);
}
