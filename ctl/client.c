/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by fcoectl (any local user): the client end of the control
 * protocol (common/ctl_msg.h) on /run/fcoemond/ctl.  The directory is
 * root's, so only fcoemond (or systemd for it) can have made the socket;
 * still, the server's credentials (SO_PEERCRED, taken at its listen()) are
 * checked before a request is sent, and nothing it answers is printed
 * before ctl_reply_check and ctl_row_check accepted it.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <err.h>
#include <poll.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctl/client.h"

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Non-blocking: a full backlog (a busy daemon, or a squatter that never
 * accepts) is EAGAIN, tried again until the deadline, never a hang. */
static int
connect_ctl(long long deadline)
{
	struct sockaddr_un sa;
	socklen_t len;
	int fd, rc;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		warn("socket");
		return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, CTL_SOCK_PATH, sizeof(CTL_SOCK_PATH));
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
	    sizeof(CTL_SOCK_PATH));
	while ((rc = connect(fd, (struct sockaddr *)&sa, len)) == -1 &&
	    (errno == EAGAIN || errno == EINTR) && now_ms() < deadline)
		poll(NULL, 0, 100);
	if (rc == 0)
		return fd;
	if (errno == ECONNREFUSED || errno == ENOENT)
		warnx("fcoemond is not running (no control socket %s)",
		    CTL_SOCK_PATH);
	else if (errno == EAGAIN)
		warnx("%s accepts no connection (fcoemond busy?)",
		    CTL_SOCK_PATH);
	else
		warn("connect %s", CTL_SOCK_PATH);
	close(fd);
	return -1;
}

static int
peer_ok(int fd, uid_t daemon_uid)
{
	struct ucred uc;
	socklen_t len = sizeof(uc);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) == -1) {
		warn("SO_PEERCRED");
		return 0;
	}
	if (uc.uid == 0 || (daemon_uid != (uid_t)-1 && uc.uid == daemon_uid))
		return 1;
	warnx("refusing to talk to %s: it is held by uid %u (pid %d), not by "
	    "root or the daemon's user (see --user)", CTL_SOCK_PATH,
	    (unsigned)uc.uid, (int)uc.pid);
	return 0;
}

/* 32 bytes into a fresh connection's empty buffer: it does not block. */
static int
send_req(int fd, const struct ctl_req *req)
{
	ssize_t k;

	do
		k = send(fd, req, sizeof(*req), MSG_NOSIGNAL);
	while (k == -1 && errno == EINTR);
	if (k == (ssize_t)sizeof(*req))
		return 0;
	if (k >= 0)
		errno = EPIPE;
	return -1;
}

/* All of buf, or -1 on error, end of stream or the deadline. */
static int
read_full(int fd, void *buf, size_t n, long long deadline)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char *p = buf;
	ssize_t k;
	long long left;

	while (n > 0) {
		left = deadline - now_ms();
		if (left <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (poll(&pfd, 1, (int)left) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pfd.revents == 0)
			continue;
		k = read(fd, p, n);
		if (k == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EPIPE;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static void
io_warn(const char *what, int timeout_ms)
{
	if (errno == ETIMEDOUT)
		warnx("no answer from fcoemond within %d s (%s)",
		    timeout_ms / 1000, what);
	else if (errno == EPIPE || errno == ECONNRESET)
		warnx("fcoemond closed the connection early (%s)", what);
	else
		warn("%s", what);
}

static int
read_rows(int fd, struct ctl_answer *ans, long long deadline, int tmo)
{
	uint32_t i, n = ans->reply.nrows;

	ans->rows = calloc(n > 0 ? n : 1, sizeof(*ans->rows));
	if (ans->rows == NULL) {
		warn("calloc");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (read_full(fd, &ans->rows[i], sizeof(ans->rows[i]),
		    deadline) == -1) {
			io_warn("reading the status rows", tmo);
			return -1;
		}
		if (ctl_row_check(&ans->rows[i]) != 0) {
			warnx("protocol error: malformed status row %u of %u "
			    "from fcoemond", i + 1, n);
			return -1;
		}
	}
	return 0;
}

/* status IFNAME is answered with that interface's row, or not at all. */
static int
one_asked_one_told(const struct ctl_req *req, const struct ctl_answer *ans)
{
	if (req->cmd != CTL_STATUS || req->ifname[0] == '\0' ||
	    ans->reply.status != 0)
		return 0;
	if (ans->reply.nrows == 1 &&
	    strcmp(ans->rows[0].ifname, req->ifname) == 0)
		return 0;
	warnx("protocol error: asked for %s, fcoemond answered with %u other "
	    "rows", req->ifname, ans->reply.nrows);
	return -1;
}

static int
exchange(int fd, const struct ctl_req *req, long long deadline, int tmo,
    struct ctl_answer *ans)
{
	if (send_req(fd, req) == -1) {
		io_warn("sending the request", tmo);
		return -1;
	}
	if (read_full(fd, &ans->reply, sizeof(ans->reply), deadline) == -1) {
		int timedout = errno == ETIMEDOUT;

		io_warn("reading the reply", tmo);
		/* the daemon keeps the request after we are gone */
		if (timedout && req->cmd >= CTL_CREATE &&
		    req->cmd <= CTL_SCAN)
			warnx("the %s may still happen: see fcoectl status",
			    ctl_cmd_name(req->cmd));
		return -1;
	}
	if (ctl_reply_check(&ans->reply, req) != 0) {
		warnx("protocol error: malformed reply from fcoemond");
		return -1;
	}
	if (read_rows(fd, ans, deadline, tmo) == -1)
		return -1;
	return one_asked_one_told(req, ans);
}

int
ctl_call(const struct ctl_req *req, uid_t daemon_uid, int timeout_ms,
    struct ctl_answer *ans)
{
	long long deadline = now_ms() + timeout_ms;
	int fd, rc = -1;

	memset(ans, 0, sizeof(*ans));
	if ((fd = connect_ctl(deadline)) == -1)
		return -1;
	if (peer_ok(fd, daemon_uid))
		rc = exchange(fd, req, deadline, timeout_ms, ans);
	close(fd);
	if (rc == -1) {
		free(ans->rows);
		ans->rows = NULL;
	}
	return rc;
}
