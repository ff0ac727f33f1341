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
 * VIDs.  Each FCF (fabric) or responder (VN2VN) is known by the MAC in its
 * MAC descriptor and holds the set its latest notification offered.  The
 * VIDs offered are the union over all of them.  A VID is withdrawn only
 * when a later notification from a MAC that offered it no longer lists it
 * and no other MAC offers it.  Silence withdraws nothing (an FCF that
 * misses a re-solicitation may be busy or rebooting; the kernel's own
 * keep-alives handle a lost FCF), nor does link down: a wrong destroy
 * takes a user's disks away.  DELLINK forgets everything (the kernel
 * deleted the VLANs with their parent) and reports them removed.
 */
#ifndef FIPDISC_H
#define FIPDISC_H

#include <stdbool.h>
#include <stdint.h>

#include "monitor/wire/fip.h"

#define FIPDISC_SOLICIT_MS	1000
#define FIPDISC_RESOLICIT_MS	60000
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
	struct fipdisc_vidset	vids;		/* what that one offered */
};

struct fipdisc {
	int			ifindex;
	enum fip_mode		mode;
	enum fipdisc_state	state;
	uint64_t		next_ms;	/* next request due */
	uint32_t		requests;	/* sent, for status */
	uint32_t		notes;		/* notifications taken */
	uint32_t		ignored;	/* notifications ignored */
	uint8_t			last_mac[FIP_ETH_ALEN];	/* who answered last */
	unsigned		npeer;
	struct fipdisc_peer	peer[FIPDISC_PEERS_MAX];
	struct fipdisc_vidset	offered;	/* union over the peers */
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

bool fipdisc_vid_has(const struct fipdisc_vidset *s, unsigned vid);
/* The lowest VID in s at or above from, or -1: for (v = next(s, 0); ...). */
int fipdisc_vid_next(const struct fipdisc_vidset *s, unsigned from);

const char *fipdisc_state_name(enum fipdisc_state s);
const char *fipdisc_event_name(enum fipdisc_event e);
const char *fipdisc_ignore_name(enum fipdisc_ignore i);

#endif
