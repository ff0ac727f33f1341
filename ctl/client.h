/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by fcoectl (any local user): one request to fcoemond's control
 * socket and its answer, with the server's identity checked first.
 */
#ifndef CLIENT_H
#define CLIENT_H

#include <sys/types.h>

#include "common/ctl_msg.h"

struct ctl_answer {
	struct ctl_reply reply;
	struct ctl_row	*rows;		/* reply.nrows, each checked; free() */
};

/*
 * Sends req and reads the whole answer within timeout_ms.  The server
 * must run as uid 0 or daemon_uid (-1: only uid 0).  Returns 0 with *ans
 * filled and checked, or -1 after printing why (not running, squatter,
 * timeout, malformed answer).
 */
int	ctl_call(const struct ctl_req *, uid_t daemon_uid, int timeout_ms,
	    struct ctl_answer *);

#endif
