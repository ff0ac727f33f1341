/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator (and linked into the monitor): one SOCK_SEQPACKET
 * record in or out.  Received control messages are never accepted: any fd
 * that arrives anyway is closed before the caller sees the error.  A send
 * never blocks for longer than CHAN_SEND_WAIT_MS: a peer that stops reading
 * must not freeze the actuator (ETIMEDOUT, which it treats as a violation).
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "privsep/privsep.h"

static void
close_passed_fds(struct msghdr *msg)
{
	struct cmsghdr *c;
	size_t i, n;
	int fd;

	for (c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR(msg, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(fd));
			(void)close(fd);
		}
	}
}

/* A zero-length record is not EOF: only a hung-up peer is. */
static int
peer_gone(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLRDHUP };

	return poll(&p, 1, 0) == 1 && (p.revents & (POLLRDHUP | POLLHUP));
}

ssize_t
chan_recv(int fd, void *buf, size_t size, int *err)
{
	union { struct cmsghdr h; char b[CMSG_SPACE(16 * sizeof(int))]; } cb;
	struct iovec iov = { .iov_base = buf, .iov_len = size };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
	    .msg_control = cb.b, .msg_controllen = sizeof(cb.b) };
	ssize_t n;

	do
		n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
	while (n == -1 && errno == EINTR);
	*err = CHAN_OK;
	if (n == -1) {
		*err = (errno == ECONNRESET) ? CHAN_EOF : CHAN_IO;
	} else if (msg.msg_controllen > 0 || (msg.msg_flags & MSG_CTRUNC)) {
		close_passed_fds(&msg);
		*err = CHAN_CMSG;
	} else if (msg.msg_flags & MSG_TRUNC) {
		*err = CHAN_TRUNC;
	} else if (n == 0 && peer_gone(fd)) {
		*err = CHAN_EOF;
	}
	return *err == CHAN_OK ? n : -1;
}

static int
send_bounded(int fd, const void *buf, size_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	ssize_t n;
	int r;

	for (;;) {
		n = send(fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n == (ssize_t)len)
			return 0;
		if (n != -1 || (errno != EAGAIN && errno != EINTR))
			return -1;
		if (errno == EINTR)
			continue;
		do
			r = poll(&p, 1, CHAN_SEND_WAIT_MS);
		while (r == -1 && errno == EINTR);
		if (r == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (r == -1)
			return -1;
	}
}

int
chan_send(int fd, unsigned type, uint32_t seq, int status, const void *payload,
    size_t len)
{
	unsigned char buf[FCP_MAX_RECORD];
	struct fcp_hdr h = { .magic = FCP_MAGIC, .version = FCP_VERSION,
	    .type = (uint16_t)type, .seq = seq, .len = (uint32_t)len,
	    .status = status };
	
	if (len > sizeof(buf) - sizeof(h)) {
		errno = EMSGSIZE;
		return -1;
	}
	memcpy(buf, &h, sizeof(h));
	if (len > 0)
		memcpy(buf + sizeof(h), payload, len);
	return send_bounded(fd, buf, sizeof(h) + len);
}

const char *
chan_err_str(int err)
{
	static const char *s[] = { "ok", "eof", "control_message", "truncated",
	    "io_error" };

	return (err >= 0 && err <= CHAN_IO) ? s[err] : "unknown";
}
