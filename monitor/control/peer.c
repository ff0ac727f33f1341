/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the rules of peer.h.  Nothing here
 * does I/O; the callers (monitor/io/ops.c, clif_srv.c, ctl_srv.c) read
 * the credentials the kernel stamped and act on the answer.
 */
#include <sys/socket.h>

#include "monitor/control/peer.h"

enum peer_lldpad
peer_lldpad_check(uid_t uid, int msg_flags)
{
	if (uid != 0)
		return PEER_LLDPAD_NOT_ROOT;
	/* MSG_TRUNC: longer than lldpad's largest message; parsing its
	 * first bytes would act on half a datagram.  MSG_CTRUNC: the
	 * credentials themselves may be cut. */
	if (msg_flags & (MSG_TRUNC | MSG_CTRUNC))
		return PEER_LLDPAD_TRUNCATED;
	return PEER_LLDPAD_OK;
}

int
peer_may_change(uid_t uid)
{
	return uid == 0;
}

/* 1: serve it; 0: close it at once.  Root is refused only when every
 * slot, its own included, is taken (by root). */
int
peer_ctl_admit(uid_t uid, unsigned open_all, unsigned open_uid)
{
	if (open_all >= PEER_CTL_MAX)
		return 0;
	if (uid == 0)
		return 1;
	return open_all < PEER_CTL_MAX - PEER_CTL_ROOT &&
	    open_uid < PEER_CTL_PER_UID;
}

/* 1: log this one; 0: counted, to be told by peer_limit_flush. */
int
peer_limit(struct peer_limit *l, uint64_t now)
{
	l->total++;
	if (l->untold == 0 && (l->logged == 0 ||
	    now - l->start >= PEER_LOG_WINDOW_MS)) {
		l->start = now;
		l->logged = 0;
	}
	if (l->logged < PEER_LOG_BURST) {
		l->logged++;
		return 1;
	}
	l->untold++;
	return 0;
}

/* When the window is over: how many were not logged (0 if none or not
 * yet over); the next one starts a new window. */
unsigned long
peer_limit_flush(struct peer_limit *l, uint64_t now)
{
	unsigned long n = l->untold;

	if (n == 0 || now - l->start < PEER_LOG_WINDOW_MS)
		return 0;
	l->untold = 0;
	l->logged = 0;
	return n;
}

/* When peer_limit_flush will have something to tell. */
uint64_t
peer_limit_due(const struct peer_limit *l)
{
	return l->start + PEER_LOG_WINDOW_MS;
}
