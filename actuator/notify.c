/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: systemd's readiness notification (sd_notify(3)'s
 * protocol, without libsystemd).  The actuator is the service's MainPID,
 * so the unit keeps NotifyAccess=main and the monitor gets no socket to
 * systemd: it only decides when start-up is over (FCP_SD_READY, numbers
 * only), and this file writes "READY=1" and a STATUS= line made here.
 * $NOTIFY_SOCKET is read before the environment is cleared, connected
 * before the sandbox; afterwards only write(2) on ACT_FD_NOTIFY.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "actuator/actuator.h"
#include "privsep/privsep.h"

static struct sockaddr_un addr;
static socklen_t addr_len;
static int sent_ready;

/* Before privsep_sanitize() clears the environment. */
void
notify_save(void)
{
	const char *p = getenv("NOTIFY_SOCKET");
	size_t n = p ? strlen(p) : 0;

	/* A path or an abstract name ('@'); anything else is not systemd's. */
	if (n < 2 || n >= sizeof(addr.sun_path) || (p[0] != '/' && p[0] != '@'))
		return;
	addr.sun_family = AF_UNIX;
	memcpy(addr.sun_path, p, n);
	if (p[0] == '@')
		addr.sun_path[0] = '\0';
	addr_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
}

/* With the other descriptors (open_all): ACT_FD_NOTIFY, or none. */
void
notify_open(void)
{
	int fd;

	if (addr_len == 0)
		return;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd == -1 || connect(fd, (struct sockaddr *)&addr, addr_len) == -1 ||
	    privsep_move_fd(fd, ACT_FD_NOTIFY) == -1)
		fatal("NOTIFY_SOCKET");
}

/* FCP_SD_READY: once; the STATUS= text comes from numbers only. */
int
op_sd_ready(const void *req, void *rep, char *extra, size_t sz)
{
	const struct fcp_sd_ready *r = req;
	char msg[160];
	int n;

	(void)rep;
	if (sent_ready)
		return EALREADY;
	sent_ready = 1;
	if (addr_len == 0) {
		snprintf(extra, sz, "notify=none");
		return 0;
	}
	n = snprintf(msg, sizeof(msg), "READY=1\nSTATUS=%u of %u configured "
	    "FCoE instance%s up%s", r->up, r->wanted, r->wanted == 1 ? "" :
	    "s", r->timed_out ? "; stopped waiting for the rest" : "");
	snprintf(extra, sz, "notify=systemd");
	return write(ACT_FD_NOTIFY, msg, (size_t)n) == n ? 0 : errno ? errno :
	    EIO;
}
