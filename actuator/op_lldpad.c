/*
 * Run by the actuator: the lldpad relay.  lldpad answers only uid 0, so the
 * actuator sends a fixed set of read-only queries, formatted here from the
 * validated kind and name; the monitor reads every answer on its copy of
 * the same socket.  Nothing the monitor sends reaches lldpad verbatim.
 * The monitor shares the open socket and can connect() it anywhere, so
 * every query names lldpad's address itself: the peer is never trusted.
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

int
lldpad_connect(int fd)
{
	struct sockaddr_un a;
	socklen_t len = lldpad_addr(&a);

	if (connect(fd, (struct sockaddr *)&a, len) == -1)
		return errno;
	return 0;
}

int
op_lldpad_send(const void *req, void *rep, char *extra, size_t sz)
{
	const struct fcp_lldpad_send *r = req;
	char buf[64];
	int n = fcp_lldpad_format(r->kind, r->ifname, buf, sizeof(buf));
	struct sockaddr_un a;
	socklen_t len = lldpad_addr(&a);

	(void)rep;
	(void)extra;
	(void)sz;
	if (n < 0)
		return -n;
	/* Never block: a full lldpad queue is the monitor's to retry. */
	if (sendto(ACT_FD_LLDPAD, buf, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT,
	    (struct sockaddr *)&a, len) != n)
		return errno;
	return 0;
}

int
op_lldpad_connect(const void *req, void *rep, char *extra, size_t sz)
{
	(void)req;
	(void)rep;
	(void)extra;
	(void)sz;
	return lldpad_connect(ACT_FD_LLDPAD);
}
