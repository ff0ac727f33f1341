/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Test of FIP VLAN discovery in the engine (monitor/engine/eng_fip.c) on a
 * fake clock with a recording actuator: what a user of AUTO_VLAN="yes"
 * would see -- VLAN requests on the wire and how often, the VLANs asked
 * for and removed, FCoE instances on them with the parent's MODE, VID 0 on
 * the port itself, reuse of a VLAN the admin made, a cfg file that says
 * FCOE_ENABLE="no", link down/up, DELLINK, SIGHUP turning AUTO_VLAN off,
 * restart adoption, static VN2VN names and FIP_RESP.  Frames are built
 * with the codec's builder and go through fip_parse() as on the wire.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tests/unit/check_main.h"
#include "monitor/engine/engine.h"
#include "monitor/wire/fip.h"
#include "monitor/util/log.h"
#include "monitor/control/status.h"
#include "common/ctl_msg.h"

#define MAXREC	256
#define NLINK	16

static const uint8_t host[6] = { 0x00, 0x1b, 0x21, 0xaa, 0xbb, 0xcc };
static const uint8_t fcf[6] = { 0x00, 0x0d, 0xec, 0x11, 0x22, 0x33 };

struct call { char name[16]; unsigned n; int mode; };

static struct {
	struct link_info links[NLINK];
	int	nlinks;
	struct call fcoe[MAXREC];	/* n = enum port_op */
	int	nfcoe;
	struct call send[MAXREC];	/* mode = enum cfg_mode */
	int	nsend;
	struct call create[MAXREC];	/* n = vid, mode = is_static */
	int	ncreate;
	struct call destroy[MAXREC];
	int	ndestroy;
	struct call resp[MAXREC];	/* n = on */
	int	nresp;
	int	create_err, resp_err, fcoe_err;
	char	adopted[4][16];		/* instances sysfs shows at start */
} W;

static void
rec(struct call *v, int *n, const char *name, unsigned x, int mode)
{
	ck_assert_int_lt(*n, MAXREC);
	snprintf(v[*n].name, 16, "%s", name);
	v[*n].n = x;
	v[(*n)++].mode = mode;
}

static int
op_fcoe(void *arg, enum port_op op, const char *ifname, enum cfg_mode mode)
{
	(void)arg;
	rec(W.fcoe, &W.nfcoe, ifname, op, mode);
	return W.fcoe_err;
}

static int
op_lldpad(void *arg, enum fcp_lq kind, const char *ifname)
{
	(void)arg;
	(void)kind;
	(void)ifname;
	return 0;
}

static int
op_connect(void *arg)
{
	(void)arg;
	return 0;
}

static struct link_info *
find(const char *name)
{
	int i;

	for (i = 0; i < W.nlinks; i++)
		if (W.links[i].ifindex != 0 && strcmp(W.links[i].name,
		    name) == 0)
			return &W.links[i];
	return NULL;
}

static const struct link_info *
op_link(void *arg, const char *name)
{
	(void)arg;
	return find(name);
}

static int
op_adopt(void *arg, const char *ifname, enum port_state *st)
{
	int i;

	(void)arg;
	*st = PS_ABSENT;
	for (i = 0; i < 4; i++)
		if (strcmp(W.adopted[i], ifname) == 0)
			*st = PS_ENABLED;
	return 0;
}

static void
op_done(void *arg, void *token, int err, const char *msg)
{
	(void)arg;
	(void)token;
	(void)err;
	(void)msg;
}

static int
op_send(void *arg, const char *ifname, enum cfg_mode mode)
{
	(void)arg;
	rec(W.send, &W.nsend, ifname, 0, mode);
	return 0;
}

static int
op_create(void *arg, const char *real, unsigned vid, bool is_static)
{
	(void)arg;
	rec(W.create, &W.ncreate, real, vid, is_static);
	return W.create_err;
}

static int
op_destroy(void *arg, const char *name)
{
	(void)arg;
	rec(W.destroy, &W.ndestroy, name, 0, 0);
	return 0;
}

static int
op_resp(void *arg, const char *ifname, bool on)
{
	(void)arg;
	rec(W.resp, &W.nresp, ifname, on, 0);
	return W.resp_err;
}

static void
op_vlans(void *arg, const char *real,
    void (*fn)(void *, const struct link_info *), void *fnarg)
{
	int i;

	(void)arg;
	for (i = 0; i < W.nlinks; i++)
		if (W.links[i].ifindex != 0 &&
		    strcmp(W.links[i].kind, "vlan") == 0 &&
		    strcmp(W.links[i].parent_name, real) == 0)
			fn(fnarg, &W.links[i]);
}

static const struct eng_ops OPS = { .fcoe = op_fcoe, .lldpad = op_lldpad,
    .lldpad_connect = op_connect, .link = op_link, .adopt = op_adopt,
    .admin_done = op_done, .fip_send = op_send, .vlan_create = op_create,
    .vlan_destroy = op_destroy, .fip_resp = op_resp, .vlans_of = op_vlans };

/* ---- the world ---- */

static struct link_info *
link_put(const char *name, const char *parent, unsigned vid, bool up)
{
	struct link_info *li = find(name);

	if (li == NULL) {
		ck_assert_int_lt(W.nlinks, NLINK);
		li = &W.links[W.nlinks++];
		memset(li, 0, sizeof(*li));
		snprintf(li->name, sizeof(li->name), "%s", name);
		li->ifindex = W.nlinks;
	}
	if (parent != NULL) {
		snprintf(li->kind, sizeof(li->kind), "vlan");
		snprintf(li->parent_name, sizeof(li->parent_name), "%s",
		    parent);
		li->parent_ifindex = op_link(NULL, parent)->ifindex;
		li->vid = (uint16_t)vid;
	}
	li->oper_up = li->admin_up = up;
	return li;
}

static void
link_ev(struct engine *e, const char *name, const char *parent, unsigned vid,
    bool up, uint64_t now)
{
	struct link_event ev = { .type = LINK_NEW };

	ev.link = *link_put(name, parent, vid, up);
	engine_link(e, &ev);
	ck_assert_int_eq(engine_run(e, now), 0);
}

static void
link_del(struct engine *e, const char *name, uint64_t now)
{
	struct link_info *li = find(name);
	struct link_event ev = { .type = LINK_DEL };

	ev.link = *li;
	li->ifindex = 0;		/* gone from the table */
	engine_link(e, &ev);
	ck_assert_int_eq(engine_run(e, now), 0);
}

static struct cfg_iface
entry(const char *name, bool enable, bool auto_vlan, enum cfg_mode mode)
{
	struct cfg_iface c = { .fcoe_enable = enable, .auto_vlan = auto_vlan,
	    .mode = mode };

	snprintf(c.ifname, sizeof(c.ifname), "%s", name);
	return c;
}

static struct cfg_list *
list_of(const struct cfg_iface *v, size_t n)
{
	struct cfg_list *l = cfg_list_new();
	size_t i;

	for (i = 0; i < n; i++)
		ck_assert_int_eq(cfg_list_add(l, &v[i]), 0);
	return l;
}

static struct cfg_list *cur;

static struct engine *
start(const struct cfg_iface *v, size_t n)
{
	struct cfg_list *none = cfg_list_new();
	struct engine *e = engine_new(&OPS);

	cur = list_of(v, n);
	engine_load(e, none, cur);
	cfg_list_free(none);
	ck_assert_int_eq(engine_run(e, 0), 0);
	return e;
}

static void
reload(struct engine *e, const struct cfg_iface *v, size_t n, uint64_t now)
{
	struct cfg_list *next = list_of(v, n);

	engine_load(e, cur, next);
	cfg_list_free(cur);
	cur = next;
	ck_assert_int_eq(engine_run(e, now), 0);
}

static void
stop(struct engine *e)
{
	engine_free(e);
	cfg_list_free(cur);
	cur = NULL;
}

static void
setup(void)
{
	memset(&W, 0, sizeof(W));
	log_init("test_eng_fip", 0, 0, 0);
}

/* A notification from the FCF (or a VN2VN responder) arriving on real. */
static void
offer(struct engine *e, const char *real, enum fip_subcode sub,
    const uint16_t *v, size_t n, uint64_t now)
{
	uint8_t b[FIP_FRAME_MAX];
	size_t len = fip_build_note(b, sizeof(b), sub, fcf, host, v, n, NULL);

	ck_assert_uint_gt(len, 0);
	engine_fip_frame(e, op_link(NULL, real)->ifindex, b, len, now);
	ck_assert_int_eq(engine_run(e, now), 0);
}

static void
tick(struct engine *e, uint64_t now)
{
	engine_timer(e, now);
	ck_assert_int_eq(engine_run(e, now), 0);
}

/* Runs the clock to `to` the way the loop does: at each due time. */
static void
run_until(struct engine *e, uint64_t to)
{
	uint64_t t;

	while ((t = engine_next_due(e)) <= to)
		tick(e, t);
}

static int
count_op(const char *name, enum port_op op)
{
	int i, n = 0;

	for (i = 0; i < W.nfcoe; i++)
		n += W.fcoe[i].n == (unsigned)op &&
		    strcmp(W.fcoe[i].name, name) == 0;
	return n;
}

static struct ctl_row got;

static void
take_row(void *arg, const struct eng_row *r)
{
	(void)arg;
	status_to_ctl(r, &got);
	ck_assert_int_eq(ctl_row_check(&got), 0);
}

/* ---- tests ---- */

START_TEST(requests_every_second_then_every_minute)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_FABRIC);
	const uint16_t vid = 100;
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	e = start(&c, 1);
	ck_assert_int_eq(W.nsend, 1);			/* at once */
	ck_assert_str_eq(W.send[0].name, "eth2");
	ck_assert_int_eq(W.send[0].mode, CFG_MODE_FABRIC);
	ck_assert_int_eq(W.nfcoe, 0);		/* nothing on eth2 itself */
	ck_assert_uint_eq(engine_next_due(e), 1000);
	run_until(e, 10000);				/* silence: 1 s */
	ck_assert_int_eq(W.nsend, 11);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &vid, 1, 10050);
	ck_assert_int_eq(W.ncreate, 1);
	ck_assert_str_eq(W.create[0].name, "eth2");
	ck_assert_uint_eq(W.create[0].n, 100);
	ck_assert_int_eq(W.create[0].mode, 0);		/* discovered */
	run_until(e, 10050 + 60000 - 1);
	ck_assert_int_eq(W.nsend, 11);			/* backed off */
	run_until(e, 10050 + 60000);
	ck_assert_int_eq(W.nsend, 12);
	ck_assert_int_eq(W.ncreate, 1);
	ck_assert_int_eq(W.ndestroy, 0);
	stop(e);
}
END_TEST

START_TEST(vlan_appears_then_instance_with_parent_mode)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_VN2VN);
	const uint16_t vid = 200;
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	e = start(&c, 1);
	ck_assert_int_eq(W.send[0].mode, CFG_MODE_VN2VN);
	/* a fabric answer is not for a VN2VN entry */
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &vid, 1, 10);
	ck_assert_int_eq(W.ncreate, 0);
	offer(e, "eth2", FIP_SC_VLAN_NOTE_VN2VN, &vid, 1, 20);
	ck_assert_int_eq(W.ncreate, 1);
	ck_assert_int_eq(W.nfcoe, 0);		/* the VLAN is not there yet */
	link_ev(e, "eth2.200-fcoe", "eth2", 200, true, 30);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_str_eq(W.fcoe[0].name, "eth2.200-fcoe");
	ck_assert_uint_eq(W.fcoe[0].n, PO_CREATE);
	ck_assert_int_eq(W.fcoe[0].mode, CFG_MODE_VN2VN);
	/* the same answer again: nothing new */
	run_until(e, 60020);
	offer(e, "eth2", FIP_SC_VLAN_NOTE_VN2VN, &vid, 1, 60030);
	run_until(e, 62000);
	ck_assert_int_eq(W.ncreate, 1);
	ck_assert_int_eq(W.nfcoe, 1);
	stop(e);
}
END_TEST

/* A VLAN the daemon just made comes up "unknown" (not oper-up) for a few
 * hundred ms: its instance is made at once, armed (enabled), without the
 * half-second settle meant for devices someone else adds and deletes;
 * link-up then costs nothing: the kernel starts an enabled instance. */
START_TEST(own_fresh_vlan_skips_the_settle)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_VN2VN);
	const uint16_t vid = 200;
	struct link_event ev = { .type = LINK_NEW };
	struct link_info *li;
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	e = start(&c, 1);
	offer(e, "eth2", FIP_SC_VLAN_NOTE_VN2VN, &vid, 1, 10);
	ck_assert_int_eq(W.ncreate, 1);
	/* made by the actuator "create, up": IFF_UP, operstate not up yet */
	li = link_put("eth2.200-fcoe", "eth2", 200, false);
	li->admin_up = true;
	ev.link = *li;
	engine_link(e, &ev);
	ck_assert_int_eq(engine_run(e, 20), 0);
	ck_assert_int_eq(W.nfcoe, 1);
	ck_assert_uint_eq(W.fcoe[0].n, PO_CREATE);
	ck_assert_int_eq(W.fcoe[0].mode, CFG_MODE_VN2VN);
	link_ev(e, "eth2.200-fcoe", "eth2", 200, true, 300);
	run_until(e, 5000);
	ck_assert_int_eq(W.nfcoe, 1);		/* no enable at link-up */
	stop(e);
}
END_TEST

/* The kernel responder's answer: one notification per VID, one MAC. */
START_TEST(one_vid_per_note_and_a_vid_withdrawn)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_VN2VN);
	const uint16_t a = 200, b = 201;
	struct engine *e;
	int r;

	link_put("eth2", NULL, 0, true);
	e = start(&c, 1);
	offer(e, "eth2", FIP_SC_VLAN_NOTE_VN2VN, &b, 1, 2);
	offer(e, "eth2", FIP_SC_VLAN_NOTE_VN2VN, &a, 1, 3);
	ck_assert_int_eq(W.ncreate, 2);
	link_ev(e, "eth2.200-fcoe", "eth2", 200, true, 10);
	link_ev(e, "eth2.201-fcoe", "eth2", 201, true, 11);
	ck_assert_int_eq(count_op("eth2.200-fcoe", PO_CREATE), 1);
	ck_assert_int_eq(count_op("eth2.201-fcoe", PO_CREATE), 1);
	/* five minutes of the same two answers: nothing blinks */
	for (r = 1; r <= 5; r++) {
		uint64_t t = (uint64_t)r * 60000 + 3;

		run_until(e, t);
		offer(e, "eth2", FIP_SC_VLAN_NOTE_VN2VN, &a, 1, t + 1);
		offer(e, "eth2", FIP_SC_VLAN_NOTE_VN2VN, &b, 1, t + 2);
	}
	run_until(e, 5 * 60000 + 2000);
	ck_assert_int_eq(W.nfcoe, 2);
	ck_assert_int_eq(W.ndestroy, 0);
	/* 201 is no longer answered: its instance, then its VLAN */
	run_until(e, 6 * 60000 + 3);
	offer(e, "eth2", FIP_SC_VLAN_NOTE_VN2VN, &a, 1, 6 * 60000 + 4);
	ck_assert_int_eq(W.nfcoe, 2);			/* not before the round ends */
	run_until(e, 6 * 60000 + 1003);
	ck_assert_int_eq(count_op("eth2.201-fcoe", PO_DESTROY), 1);
	ck_assert_int_eq(W.ndestroy, 1);
	ck_assert_str_eq(W.destroy[0].name, "eth2.201-fcoe");
	ck_assert_int_eq(count_op("eth2.200-fcoe", PO_DESTROY), 0);
	/* silence withdraws nothing */
	run_until(e, 20 * 60000);
	ck_assert_int_eq(W.ndestroy, 1);
	ck_assert_int_eq(count_op("eth2.200-fcoe", PO_DESTROY), 0);
	stop(e);
}
END_TEST

START_TEST(vid0_is_the_port_itself)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_FABRIC);
	const uint16_t zero = 0, v = 100;
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	e = start(&c, 1);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &zero, 1, 10);
	ck_assert_int_eq(W.ncreate, 0);			/* no VLAN */
	ck_assert_int_eq(count_op("eth2", PO_CREATE), 1);
	run_until(e, 60010);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &v, 1, 60020);
	run_until(e, 61010);
	ck_assert_int_eq(count_op("eth2", PO_DESTROY), 1);
	ck_assert_int_eq(W.ncreate, 1);
	stop(e);
}
END_TEST

START_TEST(existing_vlan_reused_whatever_its_name)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_FABRIC);
	const uint16_t v = 300, w = 301;
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	link_put("storage", "eth2", 300, true);
	e = start(&c, 1);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &v, 1, 10);
	ck_assert_int_eq(W.ncreate, 0);
	ck_assert_int_eq(count_op("storage", PO_CREATE), 1);
	/* withdrawn: the instance goes, the admin's VLAN stays */
	run_until(e, 60010);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &w, 1, 60020);
	run_until(e, 61010);
	ck_assert_int_eq(count_op("storage", PO_DESTROY), 1);
	ck_assert_int_eq(W.ndestroy, 0);
	stop(e);
}
END_TEST

/* A cfg file for the VLAN's name wins: FCOE_ENABLE="no" makes nothing. */
START_TEST(cfg_file_for_the_vlan_wins)
{
	struct cfg_iface c[2] = { entry("eth2", true, true, CFG_MODE_FABRIC),
	    entry("eth2.100-fcoe", false, false, CFG_MODE_FABRIC) };
	const uint16_t v = 100;
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	e = start(c, 2);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &v, 1, 10);
	ck_assert_int_eq(W.ncreate, 1);			/* the VLAN, yes */
	link_ev(e, "eth2.100-fcoe", "eth2", 100, true, 20);
	ck_assert_int_eq(W.nfcoe, 0);			/* no instance */
	stop(e);
}
END_TEST

START_TEST(link_down_stops_up_restarts_dellink_forgets)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_FABRIC);
	const uint16_t v = 100;
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	e = start(&c, 1);
	run_until(e, 3000);
	ck_assert_int_eq(W.nsend, 4);
	link_ev(e, "eth2", NULL, 0, false, 3500);
	run_until(e, 30000);
	ck_assert_int_eq(W.nsend, 4);			/* down: quiet */
	link_ev(e, "eth2", NULL, 0, true, 30000);
	ck_assert_int_eq(W.nsend, 5);			/* up: at once */
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &v, 1, 30010);
	link_ev(e, "eth2.100-fcoe", "eth2", 100, true, 30020);
	ck_assert_int_eq(count_op("eth2.100-fcoe", PO_CREATE), 1);
	/* the parent deleted: the kernel took its VLANs; nothing to remove */
	link_del(e, "eth2.100-fcoe", 31000);
	link_del(e, "eth2", 31001);
	ck_assert_int_eq(W.ndestroy, 0);
	run_until(e, 200000);
	ck_assert_int_eq(W.nsend, 5);
	/* back: discovery from the start */
	link_ev(e, "eth2", NULL, 0, true, 200000);
	ck_assert_int_eq(W.nsend, 6);
	stop(e);
}
END_TEST

START_TEST(sighup_auto_vlan_off_removes_what_discovery_made)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_FABRIC);
	const uint16_t v[2] = { 100, 101 };
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	link_put("admin101", "eth2", 101, true);
	e = start(&c, 1);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, v, 2, 10);
	link_ev(e, "eth2.100-fcoe", "eth2", 100, true, 20);
	ck_assert_int_eq(count_op("eth2.100-fcoe", PO_CREATE), 1);
	ck_assert_int_eq(count_op("admin101", PO_CREATE), 1);
	c.auto_vlan = false;
	reload(e, &c, 1, 5000);
	ck_assert_int_eq(count_op("eth2.100-fcoe", PO_DESTROY), 1);
	ck_assert_int_eq(count_op("admin101", PO_DESTROY), 1);
	ck_assert_int_eq(W.ndestroy, 1);		/* only the one it made */
	ck_assert_str_eq(W.destroy[0].name, "eth2.100-fcoe");
	/* AUTO_VLAN no: the entry is an ordinary one on eth2 */
	ck_assert_int_eq(count_op("eth2", PO_CREATE), 1);
	run_until(e, 100000);
	ck_assert_int_eq(W.nsend, 1);
	stop(e);
}
END_TEST

/* MODE reloaded on the auto entry: the VLAN stays, its instance is made
 * again in the new mode; no VLAN is removed or asked for twice. */
START_TEST(mode_reloaded_recreates_the_instances_only)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_FABRIC);
	const uint16_t v = 100;
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	e = start(&c, 1);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &v, 1, 10);
	link_ev(e, "eth2.100-fcoe", "eth2", 100, true, 20);
	ck_assert_int_eq(count_op("eth2.100-fcoe", PO_CREATE), 1);
	c.mode = CFG_MODE_VN2VN;
	reload(e, &c, 1, 1000);
	ck_assert_int_eq(count_op("eth2.100-fcoe", PO_DESTROY), 1);
	ck_assert_int_eq(count_op("eth2.100-fcoe", PO_CREATE), 2);
	ck_assert_int_eq(W.fcoe[W.nfcoe - 1].mode, CFG_MODE_VN2VN);
	ck_assert_int_eq(W.send[W.nsend - 1].mode, CFG_MODE_VN2VN);
	ck_assert_int_eq(W.ndestroy, 0);
	ck_assert_int_eq(W.ncreate, 1);
	run_until(e, 100000);
	ck_assert_int_eq(W.ndestroy, 0);
	stop(e);
}
END_TEST

/* The AUTO_VLAN entry's cfg file removed: what discovery made goes
 * (instance, then VLAN), and status stays readable throughout. */
START_TEST(entry_removed_takes_what_discovery_made)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_FABRIC);
	const uint16_t v = 100;
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	e = start(&c, 1);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &v, 1, 10);
	link_ev(e, "eth2.100-fcoe", "eth2", 100, true, 20);
	ck_assert_int_eq(count_op("eth2.100-fcoe", PO_CREATE), 1);
	W.fcoe_err = EBUSY;			/* the destroy fails once */
	reload(e, NULL, 0, 1000);
	ck_assert_int_eq(count_op("eth2.100-fcoe", PO_DESTROY), 1);
	ck_assert_int_eq(W.ndestroy, 0);	/* not while it has an instance */
	ck_assert_int_eq(engine_status(e, NULL, 1000, take_row, NULL), 0);
	W.fcoe_err = 0;
	link_ev(e, "eth2.100-fcoe", "eth2", 100, true, 2000);
	ck_assert_int_eq(count_op("eth2.100-fcoe", PO_DESTROY), 2);
	ck_assert_int_eq(W.ndestroy, 1);
	ck_assert_str_eq(W.destroy[0].name, "eth2.100-fcoe");
	ck_assert_int_eq(engine_status(e, NULL, 2000, take_row, NULL), 0);
	ck_assert_uint_eq(engine_count(e), 0);
	run_until(e, 100000);
	ck_assert_int_eq(W.nsend, 1);
	stop(e);
}
END_TEST

/* Restart: the daemon's VLAN and its instance are adopted; nothing is
 * created or destroyed while the fabric still offers it. */
START_TEST(restart_adopts_without_a_blink)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_FABRIC);
	const uint16_t v = 100, w = 102;
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	link_put("eth2.100-fcoe", "eth2", 100, true);
	link_put("eth2.101-fcoe", "eth2", 101, true);
	link_put("other.102", "eth2", 102, true);	/* not our naming */
	snprintf(W.adopted[0], 16, "eth2.100-fcoe");
	snprintf(W.adopted[1], 16, "eth2.101-fcoe");
	e = start(&c, 1);
	ck_assert_int_eq(W.nfcoe, 0);
	ck_assert_int_eq(W.ncreate, 0);
	run_until(e, 5000);				/* no answer yet */
	ck_assert_int_eq(W.nfcoe + W.ncreate + W.ndestroy, 0);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &v, 1, 5010);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &w, 1, 5011);
	ck_assert_int_eq(W.ncreate, 0);			/* 102: other.102 */
	ck_assert_int_eq(count_op("other.102", PO_CREATE), 1);
	run_until(e, 7000);
	/* 101 was not in the answer: its instance and VLAN go */
	ck_assert_int_eq(count_op("eth2.101-fcoe", PO_DESTROY), 1);
	ck_assert_int_eq(W.ndestroy, 1);
	ck_assert_str_eq(W.destroy[0].name, "eth2.101-fcoe");
	ck_assert_int_eq(count_op("eth2.100-fcoe", PO_DESTROY), 0);
	ck_assert_int_eq(count_op("eth2.100-fcoe", PO_CREATE), 0);
	stop(e);
}
END_TEST

START_TEST(static_vn2vn_name_and_fip_resp)
{
	struct cfg_iface c[2] = { entry("eth3", false, false, CFG_MODE_VN2VN),
	    entry("eth3.300-fcoe", true, false, CFG_MODE_VN2VN) };
	struct engine *e;

	c[0].fip_resp = true;
	e = start(c, 2);
	ck_assert_int_eq(W.ncreate, 0);			/* no eth3 yet */
	link_ev(e, "eth3", NULL, 0, true, 10);
	ck_assert_int_eq(W.ncreate, 1);
	ck_assert_str_eq(W.create[0].name, "eth3");
	ck_assert_uint_eq(W.create[0].n, 300);
	ck_assert_int_eq(W.create[0].mode, 1);		/* static */
	link_ev(e, "eth3", NULL, 0, true, 20);		/* again: once */
	ck_assert_int_eq(W.ncreate, 1);
	ck_assert_int_eq(W.nsend, 0);			/* no AUTO_VLAN */
	link_ev(e, "eth3.300-fcoe", "eth3", 300, true, 30);
	ck_assert_int_eq(count_op("eth3.300-fcoe", PO_CREATE), 1);
	ck_assert_int_eq(W.nresp, 1);
	ck_assert_str_eq(W.resp[0].name, "eth3.300-fcoe");
	ck_assert_uint_eq(W.resp[0].n, 1);
	/* FIP_RESP="no" on eth3, reloaded: the VLAN's responder goes off */
	c[0].fip_resp = false;
	reload(e, c, 2, 40);
	ck_assert_int_eq(W.nresp, 2);
	ck_assert_str_eq(W.resp[1].name, "eth3.300-fcoe");
	ck_assert_uint_eq(W.resp[1].n, 0);
	stop(e);
}
END_TEST

START_TEST(garbage_and_strangers_change_nothing)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_FABRIC);
	uint8_t junk[64];
	const uint16_t v = 100;
	struct engine *e;
	int i;

	link_put("eth2", NULL, 0, true);
	link_put("eth9", NULL, 0, true);
	e = start(&c, 1);
	for (i = 0; i < (int)sizeof(junk); i++)
		junk[i] = (uint8_t)(i * 37);
	for (i = 0; i < 100; i++)
		engine_fip_frame(e, op_link(NULL, "eth2")->ifindex, junk,
		    (size_t)(i % 64), 10);
	ck_assert_int_eq(engine_run(e, 10), 0);
	/* an offer on an interface without AUTO_VLAN */
	offer(e, "eth9", FIP_SC_VLAN_NOTE, &v, 1, 20);
	ck_assert_int_eq(W.ncreate + W.nfcoe, 0);
	engine_fip_drops(e, op_link(NULL, "eth2")->ifindex, 7, 25);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &v, 1, 30);
	ck_assert_int_eq(W.ncreate, 1);
	stop(e);
}
END_TEST

START_TEST(auto_vlan_on_a_vlan_entry_never_discovers)
{
	struct cfg_iface c = entry("eth2.5", true, true, CFG_MODE_FABRIC);
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	link_put("eth2.5", "eth2", 5, true);
	e = start(&c, 1);
	ck_assert_int_eq(W.nsend, 0);
	ck_assert_int_eq(count_op("eth2.5", PO_CREATE), 1);
	stop(e);
}
END_TEST

/* A refused VLAN_CREATE is asked again at the next offer, not before;
 * a refused request does not stop discovery. */
START_TEST(failed_create_retried_at_the_next_offer)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_FABRIC);
	const uint16_t v = 100;
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	e = start(&c, 1);
	W.create_err = EOPNOTSUPP;
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &v, 1, 10);
	ck_assert_int_eq(W.ncreate, 1);
	run_until(e, 60009);
	ck_assert_int_eq(W.ncreate, 1);
	W.create_err = 0;
	run_until(e, 60010);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &v, 1, 60020);
	ck_assert_int_eq(W.ncreate, 2);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, &v, 1, 60030);
	ck_assert_int_eq(W.ncreate, 2);			/* made: once */
	stop(e);
}
END_TEST

/* fcoectl status: per auto entry its discovery; per VLAN its VID. */
START_TEST(status_rows_show_discovery)
{
	struct cfg_iface c = entry("eth2", true, true, CFG_MODE_FABRIC);
	const uint16_t v[2] = { 100, 200 };
	uint8_t junk[30] = { 0 };
	struct engine *e;

	link_put("eth2", NULL, 0, true);
	e = start(&c, 1);
	run_until(e, 2000);
	ck_assert_int_eq(engine_status(e, "eth2", 2000, take_row, NULL), 0);
	ck_assert_uint_eq(got.fip, CTL_FIP_SOLICITING);
	ck_assert_uint_eq(got.fip_requests, 3);
	ck_assert_uint_eq(got.fip_nvid, 0);
	ck_assert_ptr_nonnull(strstr(got.why, "soliciting"));
	engine_fip_frame(e, find("eth2")->ifindex, junk, sizeof(junk), 2001);
	offer(e, "eth2", FIP_SC_VLAN_NOTE, v, 2, 2002);
	link_ev(e, "eth2.100-fcoe", "eth2", 100, true, 2003);
	ck_assert_int_eq(engine_status(e, "eth2", 2004, take_row, NULL), 0);
	ck_assert_uint_eq(got.fip, CTL_FIP_FOUND);
	ck_assert_uint_eq(got.fip_nvid, 2);
	ck_assert_uint_eq(got.fip_vid[0], 100);
	ck_assert_uint_eq(got.fip_vid[1], 200);
	ck_assert_uint_eq(got.fip_bad, 1);
	ck_assert_mem_eq(got.fip_mac, fcf, 6);
	ck_assert_int_eq(engine_status(e, "eth2.100-fcoe", 2004, take_row,
	    NULL), 0);
	ck_assert_uint_eq(got.source, CTL_SRC_FIP);
	ck_assert_uint_eq(got.auto_vid, 100);
	ck_assert_str_eq(got.auto_parent, "eth2");
	ck_assert_uint_eq(got.vlan_made, 1);
	ck_assert_uint_eq(got.fip, CTL_FIP_NONE);
	stop(e);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("eng_fip");
	TCase *t = tcase_create("discovery");

	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, requests_every_second_then_every_minute);
	tcase_add_test(t, vlan_appears_then_instance_with_parent_mode);
	tcase_add_test(t, one_vid_per_note_and_a_vid_withdrawn);
	tcase_add_test(t, own_fresh_vlan_skips_the_settle);
	tcase_add_test(t, vid0_is_the_port_itself);
	tcase_add_test(t, existing_vlan_reused_whatever_its_name);
	tcase_add_test(t, cfg_file_for_the_vlan_wins);
	tcase_add_test(t, link_down_stops_up_restarts_dellink_forgets);
	tcase_add_test(t, sighup_auto_vlan_off_removes_what_discovery_made);
	tcase_add_test(t, restart_adopts_without_a_blink);
	tcase_add_test(t, mode_reloaded_recreates_the_instances_only);
	tcase_add_test(t, entry_removed_takes_what_discovery_made);
	tcase_add_test(t, static_vn2vn_name_and_fip_resp);
	tcase_add_test(t, garbage_and_strangers_change_nothing);
	tcase_add_test(t, auto_vlan_on_a_vlan_entry_never_discovers);
	tcase_add_test(t, status_rows_show_discovery);
	tcase_add_test(t, failed_create_retried_at_the_next_offer);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return check_run(suite());
}
