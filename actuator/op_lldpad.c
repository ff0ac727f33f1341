/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: the lldpad relay.  lldpad answers only uid 0, so the
 * actuator sends a fixed set of read-only queries, formatted here from the
 * validated kind and name; the monitor reads every answer on its copy of
 * the same socket.  Nothing the monitor sends reaches lldpad verbatim.
 * The monitor shares the open socket and can connect() it anywhere, so
 * every query names lldpad's address itself: the peer is never trusted.
 * That address may belong to a restarted lldpad which knows nothing of the
 * monitor's attach, so a ping (the monitor's keepalive) first goes over a
 * private socket connected at LLDPAD_CONNECT: once that lldpad is gone the
 * ping fails with ECONNREFUSED, as over a connection, and the monitor
 * attaches again.  The private socket's answers are read and dropped.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "actuator/actuator.h"
#include "privsep/privsep.h"

#define LLDPAD_NAME	"/com/intel/lldpad"	/* abstract: leading NUL */

static socklen_t
lldpad_addr(struct sockaddr_un *a)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path + 1, LLDPAD_NAME, sizeof(LLDPAD_NAME) - 1);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
	    sizeof(LLDPAD_NAME) - 1);
}

/* Both sockets: the shared one (the monitor hears lldpad only) and ours. */
int
lldpad_connect(void)
{
	struct sockaddr_un a;
	socklen_t len = lldpad_addr(&a);

	if (connect(ACT_FD_LLDPAD, (struct sockaddr *)&a, len) == -1 ||
	    connect(ACT_FD_PROBE, (struct sockaddr *)&a, len) == -1)
		return errno;
	return 0;
}

/* Is the lldpad of the last LLDPAD_CONNECT still there?  0 or an errno. */
static int
probe(void)
{
	char c;
	int i;

	for (i = 0; i < 16 && recv(ACT_FD_PROBE, &c, 1, MSG_DONTWAIT |
	    MSG_TRUNC) >= 0; i++)
		;			/* earlier answers: never looked at */
	if (send(ACT_FD_PROBE, "P", 1, MSG_NOSIGNAL | MSG_DONTWAIT) != 1)
		return errno;
	return 0;
}

int
op_lldpad_send(const void *req, void *rep UNUSED, char *extra UNUSED,
    size_t sz UNUSED)
{
	const struct fcp_lldpad_send *r = req;
	char buf[64];
	int n = fcp_lldpad_format(r->kind, r->ifname, buf, sizeof(buf)), err;
	struct sockaddr_un a;
	socklen_t len = lldpad_addr(&a);

	if (n < 0)
		return -n;
	if (r->kind == FCP_LQ_PING && (err = probe()) != 0)
		return err;
	/* Never block: a full lldpad queue is the monitor's to retry. */
	if (sendto(ACT_FD_LLDPAD, buf, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT,
	    (struct sockaddr *)&a, len) != n)
		return errno;
	return 0;
}

int
op_lldpad_connect(const void *req UNUSED, void *rep UNUSED,
    char *extra UNUSED, size_t sz UNUSED)
{
	return lldpad_connect();
}
