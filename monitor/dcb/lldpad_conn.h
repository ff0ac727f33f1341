/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the lldpad connection as a pure state
 * machine on the caller's monotonic clock (milliseconds).  The caller sends
 * what it is told through the actuator (LLDPAD_CONNECT, LLDPAD_SEND) and
 * feeds back the results and lldpad's answers.
 */
#ifndef LLDPAD_CONN_H
#define LLDPAD_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "monitor/wire/lldpad_msg.h"

#define LC_KEEPALIVE_MS	10000	/* fcoemon's DCBD_CONNECT_TIMEOUT */
#define LC_RETRY_MS	1000	/* after a failed send: lldpad just died */
#define LC_NEVER	UINT64_MAX

enum lc_state { LC_IDLE, LC_DOWN, LC_ATTACHING, LC_UP };
enum lc_do { LC_DO_NOTHING, LC_DO_ATTACH, LC_DO_PING, LC_DO_DETACH };
enum lc_ev { LC_EV_NONE, LC_EV_ATTACHED, LC_EV_NO_ACCESS, LC_EV_LOST };

struct lconn {
	enum lc_state	state;
	uint64_t	due;		/* next time lc_step has work */
	bool		ping_pending;
	bool		no_access;	/* lldpad said R0a: a setup error */
	unsigned	attaches;	/* successful attaches so far */
	unsigned	losses;		/* times lldpad went away */
	unsigned	unanswered;	/* attaches/pings in a row that lldpad's
					 * socket took but nobody answered */
	bool		unresponsive_told;
};

void		lc_init(struct lconn *);
enum lc_do	lc_step(struct lconn *, bool needed, uint64_t now);
void		lc_sent(struct lconn *, enum lc_do, int err, uint64_t now);
enum lc_ev	lc_reply(struct lconn *, const struct lldpad_msg *, uint64_t now);
void		lc_activity(struct lconn *, uint64_t now);
bool		lc_up(const struct lconn *);
bool		lc_unresponsive(const struct lconn *);
bool		lc_tell_unresponsive(struct lconn *);
int		lc_explain(const struct lconn *, uint64_t now, char *, size_t);

#endif
