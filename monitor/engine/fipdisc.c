/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the FIP VLAN discovery state machine
 * of one auto entry (schedule and VID rules in fipdisc.h).  Pure: the
 * caller passes the clock and carries out what struct fipdisc_out says.
 */
#include <string.h>

#include "monitor/engine/fipdisc.h"

bool
fipdisc_vid_has(const struct fipdisc_vidset *s, unsigned vid)
{
	return vid < 4096 && (s->bit[vid / 8] >> (vid % 8) & 1) != 0;
}

static void
vid_set(struct fipdisc_vidset *s, unsigned vid)
{
	s->bit[vid / 8] |= (uint8_t)(1u << (vid % 8));
}

int
fipdisc_vid_next(const struct fipdisc_vidset *s, unsigned from)
{
	unsigned v;

	for (v = from; v < 4096; v++)
		if (fipdisc_vid_has(s, v))
			return (int)v;
	return -1;
}

static unsigned
vid_count(const struct fipdisc_vidset *s)
{
	unsigned i, n = 0;

	for (i = 0; i < sizeof(s->bit); i++)
		n += (unsigned)__builtin_popcount(s->bit[i]);
	return n;
}

static void
vid_or(struct fipdisc_vidset *a, const struct fipdisc_vidset *b)
{
	unsigned i;

	for (i = 0; i < sizeof(a->bit); i++)
		a->bit[i] |= b->bit[i];
}

/* out = a minus b; returns how many. */
static unsigned
vid_minus(const struct fipdisc_vidset *a, const struct fipdisc_vidset *b,
    struct fipdisc_vidset *out)
{
	unsigned i;

	for (i = 0; i < sizeof(a->bit); i++)
		out->bit[i] = (uint8_t)(a->bit[i] & ~b->bit[i]);
	return vid_count(out);
}

void
fipdisc_init(struct fipdisc *d, int ifindex, enum fip_mode mode)
{
	memset(d, 0, sizeof(*d));
	d->ifindex = ifindex;
	d->mode = mode;
	d->state = FIPDISC_IDLE;
	d->next_ms = FIPDISC_NO_TIMER;
	d->round_end = FIPDISC_NO_TIMER;
}

uint64_t
fipdisc_due(const struct fipdisc *d)
{
	return d->round_end < d->next_ms ? d->round_end : d->next_ms;
}

static void
out_begin(const struct fipdisc *d, struct fipdisc_out *o)
{
	memset(o, 0, sizeof(*o));
	o->ifindex = d->ifindex;
	o->mode = d->mode;
}

static void
out_end(const struct fipdisc *d, struct fipdisc_out *o)
{
	o->next_ms = fipdisc_due(d);
}

static bool
round_open(const struct fipdisc *d)
{
	return d->round_end != FIPDISC_NO_TIMER;
}

/* What peer p offers now: its closed round, plus the open one so far. */
static void
peer_offer(const struct fipdisc *d, const struct fipdisc_peer *p,
    struct fipdisc_vidset *u)
{
	bool cur = round_open(d) && p->cur_round == d->round;
	unsigned j;

	for (j = 0; j < sizeof(u->bit); j++)
		u->bit[j] |= (uint8_t)(p->vids.bit[j] | (cur ? p->cur.bit[j] :
		    0));
}

/* The union over the peers; returns how many of them some MAC offers. */
static unsigned
union_of(const struct fipdisc *d, struct fipdisc_vidset *u)
{
	unsigned i, n;

	memset(u, 0, sizeof(*u));
	for (i = 0; i < d->npeer; i++)
		peer_offer(d, &d->peer[i], u);
	n = vid_count(u);
	vid_or(u, &d->adopted);
	return n;
}

void
fipdisc_answered(const struct fipdisc *d, struct fipdisc_vidset *s)
{
	unsigned i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < d->npeer; i++)
		peer_offer(d, &d->peer[i], s);
}

/* "found" needs an answer since the link came up that offers something;
 * VIDs remembered from before or adopted are not one. */
static void
note_state(struct fipdisc *d, uint64_t now, bool answer, unsigned by_peers,
    struct fipdisc_out *o)
{
	bool changed = o->nadd > 0 || o->ndel > 0;

	if (answer && by_peers > 0 && d->state == FIPDISC_SOLICITING) {
		d->state = FIPDISC_FOUND;
		d->next_ms = now + FIPDISC_RESOLICIT_MS;
		o->event = FIPDISC_EV_FOUND;
	} else if (d->noffered == 0 && d->state == FIPDISC_FOUND) {
		d->state = FIPDISC_SOLICITING;
		d->next_ms = now + FIPDISC_SOLICIT_MS;
		o->event = FIPDISC_EV_LOST;
	} else if (changed) {
		o->event = FIPDISC_EV_CHANGED;
	}
}

/* Takes the union again; what left it goes to o->del, what came to add. */
static void
reunite(struct fipdisc *d, uint64_t now, bool answer, struct fipdisc_out *o)
{
	struct fipdisc_vidset u, t;
	unsigned by_peers = union_of(d, &u);

	o->nadd += vid_minus(&u, &d->offered, &t);
	vid_or(&o->add, &t);
	o->ndel += vid_minus(&d->offered, &u, &t);
	vid_or(&o->del, &t);
	d->offered = u;
	d->noffered = vid_count(&u);
	if (d->state != FIPDISC_IDLE)
		note_state(d, now, answer, by_peers, o);
}

/*
 * Closes the open round: each MAC that answered it now offers exactly
 * what it answered; a MAC that stayed silent keeps what it offered.
 * A MAC left offering nothing is dropped.  Once some MAC answered, the
 * adopted VIDs count only as far as an answer named them.
 */
static void
round_close(struct fipdisc *d, uint64_t now, struct fipdisc_out *o)
{
	unsigned i = 0;

	if (!round_open(d))
		return;
	while (i < d->npeer) {
		struct fipdisc_peer *p = &d->peer[i];

		if (p->cur_round == d->round)
			p->vids = p->cur;
		if (vid_count(&p->vids) == 0)
			*p = d->peer[--d->npeer];
		else
			i++;
	}
	if (d->answered)
		memset(&d->adopted, 0, sizeof(d->adopted));
	d->round_end = FIPDISC_NO_TIMER;
	d->answered = false;
	reunite(d, now, false, o);
}

/*
 * A round cut short (link down) withdraws nothing, but what it offered
 * was reported added and stays: each MAC's answer so far joins what it
 * offers.
 */
static void
round_abandon(struct fipdisc *d)
{
	unsigned i;

	if (!round_open(d))
		return;
	for (i = 0; i < d->npeer; i++)
		if (d->peer[i].cur_round == d->round)
			vid_or(&d->peer[i].vids, &d->peer[i].cur);
	d->round_end = FIPDISC_NO_TIMER;
	d->answered = false;
}

static void
send_now(struct fipdisc *d, uint64_t now, struct fipdisc_out *o)
{
	round_close(d, now, o);
	o->send = true;
	d->requests++;
	d->round++;
	d->round_end = now + FIPDISC_ROUND_MS;
	d->next_ms = now + (d->state == FIPDISC_FOUND ? FIPDISC_RESOLICIT_MS :
	    FIPDISC_SOLICIT_MS);
}

void
fipdisc_link(struct fipdisc *d, uint64_t now, bool up, struct fipdisc_out *o)
{
	out_begin(d, o);
	if (up && d->state == FIPDISC_IDLE) {
		/* VIDs remembered from before stay until a notification
		 * says otherwise; "found" means found since this link up */
		d->state = FIPDISC_SOLICITING;
		o->event = FIPDISC_EV_SOLICITING;
		send_now(d, now, o);
	} else if (!up && d->state != FIPDISC_IDLE) {
		round_abandon(d);
		d->state = FIPDISC_IDLE;
		d->next_ms = FIPDISC_NO_TIMER;
		o->event = FIPDISC_EV_STOPPED;
	}
	out_end(d, o);
}

void
fipdisc_timer(struct fipdisc *d, uint64_t now, struct fipdisc_out *o)
{
	out_begin(d, o);
	if (d->state != FIPDISC_IDLE && now >= d->round_end)
		round_close(d, now, o);
	if (d->state != FIPDISC_IDLE && now >= d->next_ms)
		send_now(d, now, o);	/* late timers do not bunch up */
	out_end(d, o);
}

void
fipdisc_kick(struct fipdisc *d, uint64_t now, struct fipdisc_out *o)
{
	out_begin(d, o);
	if (d->state != FIPDISC_IDLE) {
		round_close(d, now, o);
		if (d->state == FIPDISC_FOUND)
			o->event = FIPDISC_EV_SOLICITING;
		d->state = FIPDISC_SOLICITING;
		send_now(d, now, o);
	}
	out_end(d, o);
}

void
fipdisc_forget(struct fipdisc *d, struct fipdisc_out *o)
{
	out_begin(d, o);
	if (d->state != FIPDISC_IDLE || d->noffered > 0 || d->npeer > 0)
		o->event = FIPDISC_EV_FORGOTTEN;
	o->del = d->offered;
	o->ndel = d->noffered;
	fipdisc_init(d, d->ifindex, d->mode);
	out_end(d, o);
}

void
fipdisc_adopt(struct fipdisc *d, unsigned vid)
{
	if (vid >= 4095 || fipdisc_vid_has(&d->offered, vid))
		return;
	vid_set(&d->adopted, vid);
	vid_set(&d->offered, vid);
	d->noffered++;
}

static enum fipdisc_ignore
note_check(const struct fipdisc *d, const struct fip_vlan_msg *m)
{
	if (d->state == FIPDISC_IDLE)
		return FIPDISC_IGN_IDLE;
	if (m->subcode == FIP_SC_VLAN_REQ)
		return FIPDISC_IGN_REQUEST;
	if (m->subcode != (d->mode == FIP_MODE_VN2VN ?
	    FIP_SC_VLAN_NOTE_VN2VN : FIP_SC_VLAN_NOTE))
		return FIPDISC_IGN_SUBCODE;
	return FIPDISC_IGN_NONE;
}

/* The slot of mac, a free one, or -1 when the table is full. */
static int
peer_slot(const struct fipdisc *d, const uint8_t mac[FIP_ETH_ALEN])
{
	unsigned i;

	for (i = 0; i < d->npeer; i++)
		if (memcmp(d->peer[i].mac, mac, FIP_ETH_ALEN) == 0)
			return (int)i;
	return d->npeer < FIPDISC_PEERS_MAX ? (int)d->npeer : -1;
}

/*
 * Adds what m names to its MAC's answer in the open round (a new MAC gets
 * a slot), or, outside any round, to what that MAC offers: an unsolicited
 * notification can only add.
 */
static void
peer_take(struct fipdisc *t, int slot, const struct fip_vlan_msg *m,
    uint64_t now)
{
	struct fipdisc_peer *p = &t->peer[slot];
	struct fipdisc_vidset *into = &p->vids;
	unsigned i;

	if ((unsigned)slot == t->npeer) {
		t->npeer++;
		memset(p, 0, sizeof(*p));
		memcpy(p->mac, m->mac, FIP_ETH_ALEN);
	}
	p->seen_ms = now;
	if (round_open(t)) {
		if (p->cur_round != t->round) {
			memset(&p->cur, 0, sizeof(p->cur));
			p->cur_round = t->round;
		}
		into = &p->cur;
		t->answered = true;
	}
	for (i = 0; i < m->nvid; i++)
		vid_set(into, m->vid[i]);
	if (!round_open(t) && vid_count(&p->vids) == 0)
		*p = t->peer[--t->npeer];	/* unsolicited and empty */
}

void
fipdisc_note(struct fipdisc *d, uint64_t now, const struct fip_vlan_msg *m,
    struct fipdisc_out *o)
{
	struct fipdisc t;	/* scratch: nothing changes on a refusal */
	struct fipdisc_vidset u;
	int slot = -1;

	out_begin(d, o);
	o->ignored = note_check(d, m);
	if (o->ignored == FIPDISC_IGN_NONE &&
	    (slot = peer_slot(d, m->mac)) < 0)
		o->ignored = FIPDISC_IGN_PEERS;
	if (o->ignored == FIPDISC_IGN_NONE) {
		t = *d;
		peer_take(&t, slot, m, now);
		union_of(&t, &u);
		if (vid_count(&u) > FIPDISC_VIDS_CAP)
			o->ignored = FIPDISC_IGN_CAP;
	}
	if (o->ignored != FIPDISC_IGN_NONE) {
		d->ignored++;
		out_end(d, o);
		return;
	}
	*d = t;
	d->notes++;
	memcpy(d->last_mac, m->mac, FIP_ETH_ALEN);
	reunite(d, now, true, o);
	out_end(d, o);
}

const char *
fipdisc_state_name(enum fipdisc_state s)
{
	static const char *const n[] = { "idle", "soliciting", "found" };

	return (unsigned)s < 3 ? n[s] : "unknown";
}

const char *
fipdisc_event_name(enum fipdisc_event e)
{
	static const char *const n[] = { "none", "soliciting", "found",
	    "changed", "lost", "stopped", "forgotten" };

	return (unsigned)e < 7 ? n[e] : "unknown";
}

const char *
fipdisc_ignore_name(enum fipdisc_ignore i)
{
	static const char *const n[] = { "none", "discovery not running",
	    "a VLAN request, not a notification",
	    "notification subcode does not match the entry's MODE",
	    "too many FCFs or responders", "too many VLANs offered" };

	return (unsigned)i < 6 ? n[i] : "unknown";
}
