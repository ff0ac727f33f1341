/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): who may speak on each socket it
 * serves or reads, and how often a local user's misbehaviour is logged.
 * Pure decisions on kernel-stamped credentials and a clock passed in, so
 * each rule has a unit test that fails if the rule goes
 * (tests/unit/test_peer.c).
 */
#ifndef PEER_H
#define PEER_H

#include <stdint.h>
#include <sys/types.h>

/* The lldpad socket (fd 4): only root (lldpad) speaks there, and a
 * datagram cut short (over LLDPAD_MSG_MAX, or its credentials) is dropped
 * whole, never parsed from its first bytes. */
enum peer_lldpad { PEER_LLDPAD_OK = 0, PEER_LLDPAD_NOT_ROOT,
	PEER_LLDPAD_TRUNCATED };
enum peer_lldpad peer_lldpad_check(uid_t uid, int msg_flags);

/* fcoeadm (@fcm_clif) and fcoectl: only uid 0 changes FCoE instances;
 * status, version and fcoeadm's pid query are for anyone. */
int	peer_may_change(uid_t uid);

/* fcoectl's connections: at most PEER_CTL_MAX at once, of which
 * PEER_CTL_ROOT are kept for uid 0, and at most PEER_CTL_PER_UID for any
 * other uid; each must send its request within PEER_CTL_READ_MS of its
 * accept, however it trickles. */
#define PEER_CTL_MAX		16
#define PEER_CTL_ROOT		4
#define PEER_CTL_PER_UID	4
#define PEER_CTL_READ_MS	5000
int	peer_ctl_admit(uid_t uid, unsigned open_all, unsigned open_uid);

/*
 * Warnings a local client can cause (refused, malformed, too many):
 * PEER_LOG_BURST lines per PEER_LOG_WINDOW_MS, then one summary with the
 * count of those not logged.  The window does not restart while some are
 * untold, so the summary always comes before the next burst.
 */
#define PEER_LOG_BURST		10
#define PEER_LOG_WINDOW_MS	10000
struct peer_limit {
	uint64_t	 start;		/* of the window */
	unsigned	 logged;	/* in this window */
	unsigned long	 untold;	/* not logged, not yet summarised */
	unsigned long	 total;		/* since start-up */
};
int	peer_limit(struct peer_limit *, uint64_t now_ms);
unsigned long peer_limit_flush(struct peer_limit *, uint64_t now_ms);
uint64_t peer_limit_due(const struct peer_limit *);

#endif
