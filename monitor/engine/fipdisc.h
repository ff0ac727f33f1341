/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): FIP VLAN discovery for one
 * AUTO_VLAN="yes" entry on a physical interface, as a pure state machine.
 * Events in (link up/down, timer, a parsed notification, DELLINK), each
 * with a millisecond clock; actions out (send a VLAN request, VIDs to
 * instantiate, VIDs to remove, one log event per change of state) and the
 * time the timer is next due.  No I/O, no libevent, no libnl: the engine
 * does the I/O and the tests drive it on a fake clock (doc/fip.md).
 *
 * Schedule.  Link up sends a request at once and every FIPDISC_SOLICIT_MS
 * (1 s, fcoemon's FCM_VLAN_DISC_TIMEOUT) until a notification offers a
 * VLAN, for as long as the link is up (fcoemon retries forever too: an
 * FCF that boots after the host must still be found).  Once something is
 * found it re-solicits every FIPDISC_RESOLICIT_MS (60 s): FC-BB-5 has an
 * ENode repeat discovery only when it has lost its FCFs, which the kernel
 * sees (keep-alives, 2.5 x FKA_ADV_PERIOD = 20 s) and userspace does not;
 * a slow periodic request is how a VLAN the fabric adds or withdraws later
 * is noticed, within a minute, at one 60-byte multicast per port per
 * minute.  fipdisc_kick() goes back to 1 s at once (an FC transport reset
 * on the auto VLAN, as fcoemon rediscovers on a LIP).
 *
 * VIDs, by rounds.  Each request opens a round of FIPDISC_ROUND_MS (1 s);
 * the answers to it arrive within milliseconds.  Each FCF (fabric) or
 * responder (VN2VN) is known by the MAC in its MAC descriptor; what one
 * MAC answers within a round is the union of its notifications in that
 * round, because the kernel's VN2VN responder (fip_vlan_responder) sends
 * one notification per VN2VN instance, each with that instance's VID only,
 * all from the same MAC: the latest notification alone would flip between
 * VIDs.  A VID is offered as soon as any notification names it; it is
 * withdrawn only when the round closes and a MAC that offered it answered
 * that round without it, and no other MAC offers it.  Silence withdraws
 * nothing (an FCF that misses a re-solicitation may be busy or rebooting;
 * the kernel's own keep-alives handle a lost FCF), nor does link down: a
 * wrong destroy takes a user's disks away.  A notification outside any
 * round (unsolicited) can only add.  DELLINK forgets everything (the kernel
 * deleted the VLANs with their parent) and reports them removed.
 *
 * Restart: fipdisc_adopt() seeds a VID the daemon made before it restarted
 * (its VLAN has the daemon's name); it counts as offered, with no MAC,
 * until the first round that some MAC answers closes, then it stays only
 * if an answer in that round named it.
 */
#ifndef FIPDISC_H
#define FIPDISC_H

#include <stdbool.h>
#include <stdint.h>

#include "monitor/wire/fip.h"

#define FIPDISC_SOLICIT_MS	1000
#define FIPDISC_RESOLICIT_MS	60000
#define FIPDISC_ROUND_MS	1000	/* answers to one request */
#define FIPDISC_NO_TIMER	UINT64_MAX
#define FIPDISC_PEERS_MAX	8	/* FCFs/responders remembered */
#define FIPDISC_VIDS_CAP	64	/* VLANs one entry may hold */

/* A set of VIDs 0..4095, one bit each (VID 0 = the physical port). */
struct fipdisc_vidset {
	uint8_t	bit[4096 / 8];
};

enum fipdisc_state {
	FIPDISC_IDLE = 0,	/* link down, or never up */
	FIPDISC_SOLICITING,	/* requests every second */
	FIPDISC_FOUND		/* a VLAN offered; re-solicits every 60 s */
};

/* One per change of state or of the VIDs offered, never per resend. */
enum fipdisc_event {
	FIPDISC_EV_NONE = 0,
	FIPDISC_EV_SOLICITING,	/* link up (or kick): discovery started */
	FIPDISC_EV_FOUND,	/* first VLANs offered since the link came up */
	FIPDISC_EV_CHANGED,	/* the VIDs offered changed */
	FIPDISC_EV_LOST,	/* every VID withdrawn: soliciting again */
	FIPDISC_EV_STOPPED,	/* link down */
	FIPDISC_EV_FORGOTTEN	/* DELLINK */
};

/* Why a notification changed nothing (counted, not logged per frame). */
enum fipdisc_ignore {
	FIPDISC_IGN_NONE = 0,
	FIPDISC_IGN_IDLE,	/* discovery not running (link down) */
	FIPDISC_IGN_REQUEST,	/* subcode 1: the responder's business */
	FIPDISC_IGN_SUBCODE,	/* 3 for a fabric entry, 2 for a VN2VN one */
	FIPDISC_IGN_PEERS,	/* a new MAC, and FIPDISC_PEERS_MAX known */
	FIPDISC_IGN_CAP		/* would hold more than FIPDISC_VIDS_CAP */
};

struct fipdisc_peer {
	uint8_t			mac[FIP_ETH_ALEN];
	uint64_t		seen_ms;	/* its latest notification */
	struct fipdisc_vidset	vids;		/* its last closed round */
	struct fipdisc_vidset	cur;		/* the open round so far */
	uint32_t		cur_round;	/* round cur belongs to */
};

struct fipdisc {
	int			ifindex;
	enum fip_mode		mode;
	enum fipdisc_state	state;
	uint64_t		next_ms;	/* next request due */
	uint64_t		round_end;	/* open round closes; NO_TIMER */
	uint32_t		round;		/* requests sent since init */
	bool			answered;	/* some MAC answered this round */
	uint32_t		requests;	/* sent, for status */
	uint32_t		notes;		/* notifications taken */
	uint32_t		ignored;	/* notifications ignored */
	uint8_t			last_mac[FIP_ETH_ALEN];	/* who answered last */
	unsigned		npeer;
	struct fipdisc_peer	peer[FIPDISC_PEERS_MAX];
	struct fipdisc_vidset	adopted;	/* fipdisc_adopt(), no MAC yet */
	struct fipdisc_vidset	offered;	/* union: peers and adopted */
	unsigned		noffered;
};

/* What the engine is to do after an event. */
struct fipdisc_out {
	bool			send;	/* a VLAN request on ifindex, mode */
	int			ifindex;
	enum fip_mode		mode;
	enum fipdisc_event	event;
	enum fipdisc_ignore	ignored;
	unsigned		nadd, ndel;
	struct fipdisc_vidset	add;	/* newly offered: instantiate */
	struct fipdisc_vidset	del;	/* withdrawn or forgotten: remove */
	uint64_t		next_ms;	/* call fipdisc_timer then */
};

void fipdisc_init(struct fipdisc *d, int ifindex, enum fip_mode mode);
void fipdisc_link(struct fipdisc *d, uint64_t now, bool up,
    struct fipdisc_out *o);
void fipdisc_timer(struct fipdisc *d, uint64_t now, struct fipdisc_out *o);
void fipdisc_note(struct fipdisc *d, uint64_t now,
    const struct fip_vlan_msg *m, struct fipdisc_out *o);
void fipdisc_kick(struct fipdisc *d, uint64_t now, struct fipdisc_out *o);
void fipdisc_forget(struct fipdisc *d, struct fipdisc_out *o);
/* A VID this daemon made before a restart (no output: it exists). */
void fipdisc_adopt(struct fipdisc *d, unsigned vid);
/* The VIDs the answers offer (offered without the adopted ones). */
void fipdisc_answered(const struct fipdisc *d, struct fipdisc_vidset *s);
/* The earlier of the next request and the end of the open round. */
uint64_t fipdisc_due(const struct fipdisc *d);

bool fipdisc_vid_has(const struct fipdisc_vidset *s, unsigned vid);
/* The lowest VID in s at or above from, or -1: for (v = next(s, 0); ...). */
int fipdisc_vid_next(const struct fipdisc_vidset *s, unsigned from);

const char *fipdisc_state_name(enum fipdisc_state s);
const char *fipdisc_event_name(enum fipdisc_event e);
const char *fipdisc_ignore_name(enum fipdisc_ignore i);

#endif
