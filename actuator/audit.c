/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: audit records and log lines, sent by hand to a
 * datagram socket connected to /dev/log before the sandbox.  glibc's
 * syslog() is not used because it cannot say whether a record was written,
 * and an audit record that cannot be written must refuse the request.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <stdint.h>
#include <sys/random.h>
#include <syslog.h>
#include <unistd.h>

#include "actuator/actuator.h"

#define LOG_PATH	"/dev/log"
#define AUDIT_WAIT	2	/* seconds a record may wait for the log daemon */

static int log_fd = -1;
static int echo;
/*
 * The stderr copy (-d) of a begin record waits until the action is done:
 * the record itself has gone to the log first, as always, but the write to
 * stderr (a pipe or terminal, whose reader may be woken and scheduled
 * first) stays off the path from the request to the kernel.
 */
static int hold;
static char held[900];
/*
 * Every record carries the run id (random, drawn at start) and its number
 * in the run, counted whether or not the send succeeded: a reader sees which
 * run a record belongs to, and a gap shows a record lost on the way (a log
 * daemon's rate limit, a full queue).  Syslog lines anyone can forge lack
 * a consistent run= and rec= sequence.
 */
static char run_id[17] = "0000000000000000";
static unsigned long long rec_no;

/* dprintf would need lseek (stdio attaches to the fd): write(2) only. */
static void
write_line(const char *prefix, const char *msg)
{
	struct iovec v[3] = { { (void *)(uintptr_t)prefix, strlen(prefix) },
	    { (void *)(uintptr_t)msg, strlen(msg) }, { (void *)(uintptr_t)"\n", 1 } };

	(void)!writev(2, v, 3);
}

/* A held stderr copy goes out before anything else is written there. */
static void
flush_held(void)
{
	if (held[0])
		write_line("", held);
	held[0] = '\0';
}

static int
log_connect(int fd)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX, .sun_path = LOG_PATH };

	return connect(fd, (struct sockaddr *)&a, sizeof(a));
}

/*
 * Returns the connected socket, or -1 with errno set.  Sends block while
 * the log daemon catches up, but never more than AUDIT_WAIT: fail closed.
 */
int
audit_open(void)
{
	struct timeval wait = { AUDIT_WAIT, 0 };
	unsigned char r[8];

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
		return -1;
	audit_hex(r, sizeof(r), run_id, sizeof(run_id));

	log_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (log_fd != -1 && (setsockopt(log_fd, SOL_SOCKET, SO_SNDTIMEO, &wait,
	    sizeof(wait)) == -1 || log_connect(log_fd) == -1)) {
		int e = errno;
		close(log_fd);
		log_fd = -1;
		errno = e;
	}
	return log_fd;
}

void
audit_set_echo(int on)
{
	echo = on;
}

/* One syslog datagram; one re-connect in case the log daemon restarted. */
static int
send_syslog(int pri, const char *msg)
{
	char buf[1024];
	int n = snprintf(buf, sizeof(buf), "<%d>fcoemond[%d]: %s", pri,
	    (int)getpid(), msg);

	if (log_fd == -1 || n < 0)
		return -1;
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	if (send(log_fd, buf, (size_t)n, MSG_NOSIGNAL) == n)
		return 0;
	if (errno == EAGAIN || log_connect(log_fd) != 0)
		return -1;
	return send(log_fd, buf, (size_t)n, MSG_NOSIGNAL) == n ? 0 : -1;
}

int
audit_record(int level, const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	int n;

	n = snprintf(msg, sizeof(msg), "AUDIT v=2 run=%s rec=%llu ", run_id,
	    ++rec_no);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	n = send_syslog(LOG_AUTHPRIV | level, msg);
	if (echo) {
		flush_held();
		if (hold)
			memcpy(held, msg, sizeof(held));
		else
			write_line("", msg);
		hold = 0;
	}
	return n;
}

/* On: the next record's stderr copy is held; off: written now. */
void
audit_echo_hold(int on)
{
	hold = on;
	if (!on)
		flush_held();
}

/* Records attempted so far: the request loop charges them to its budget. */
unsigned long long
audit_count(void)
{
	return rec_no;
}

/* Rejected bytes are never echoed raw: hex only. */
void
audit_hex(const void *p, size_t n, char *out, size_t outsz)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < n && 2 * i + 2 < outsz; i++) {
		out[2 * i] = hex[c[i] >> 4];
		out[2 * i + 1] = hex[c[i] & 15];
	}
	out[2 * i] = '\0';
}

void
log_msg(int level, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	flush_held();
	write_line("fcoemond: ", msg);
	(void)send_syslog(LOG_DAEMON | level, msg);
}

void
fatal(const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_msg(LOG_ERR, "%s: %s", msg, strerror(e));
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_msg(LOG_ERR, "%s", msg);
	exit(1);
}
