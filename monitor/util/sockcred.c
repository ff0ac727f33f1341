/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): SCM_CREDENTIALS of a received
 * datagram (sockcred.h).
 */
#include <string.h>
#include <sys/socket.h>

#include "monitor/util/sockcred.h"

void
sockcred_sender(struct msghdr *mh, struct ucred *out)
{
	struct cmsghdr *c;

	*out = (struct ucred){ .pid = -1, .uid = (uid_t)-1, .gid = (gid_t)-1 };
	for (c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c))
		if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_CREDENTIALS &&
		    c->cmsg_len == CMSG_LEN(sizeof(*out)))
			memcpy(out, CMSG_DATA(c), sizeof(*out));
}
