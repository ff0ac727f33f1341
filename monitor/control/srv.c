/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged), before its sandbox and in the loop:
 * what the two control servers share -- binding an abstract name, and how
 * often what a local client makes them say reaches the log.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <event2/event.h>

#include "monitor/control/srv.h"
#include "monitor/util/clock.h"
#include "monitor/util/log.h"

/* "\0name": a name in this network namespace, first come first served;
 * -1 with errno (EADDRINUSE: taken) if not. */
int
srv_bind_abstract(int type, const char *name)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	int fd, e;

	if (len + 1 > sizeof(a.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) ==
	    -1)
		return -1;
	memcpy(a.sun_path + 1, name, len);
	if (bind(fd, (struct sockaddr *)&a, (socklen_t)(offsetof(struct
	    sockaddr_un, sun_path) + 1 + len)) == 0)
		return fd;
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

static void
arm(struct srv_log *l)
{
	uint64_t now = clock_ms(), due = peer_limit_due(&l->lim);
	struct timeval tv = { 0, 0 };

	if (due > now) {
		tv.tv_sec = (time_t)((due - now) / 1000);
		tv.tv_usec = (suseconds_t)((due - now) % 1000) * 1000;
	}
	evtimer_add(l->ev, &tv);
}

/* The window is over: say how many were not logged. */
static void
summary(evutil_socket_t fd, short what, void *arg)
{
	struct srv_log *l = arg;
	unsigned long n = peer_limit_flush(&l->lim, clock_ms());

	(void)fd;
	(void)what;
	if (n == 0) {
		if (l->lim.untold != 0)
			arm(l);		/* woken early */
		return;
	}
	log_warnx("%s: %lu more refused or malformed requests not logged "
	    "(at most %d lines per %d s; %lu since start)", l->who, n,
	    PEER_LOG_BURST, PEER_LOG_WINDOW_MS / 1000, l->lim.total);
}

void
srv_log_init(struct srv_log *l, struct event_base *base, const char *who)
{
	l->who = who;
	if ((l->ev = evtimer_new(base, summary, l)) == NULL)
		fatalx("libevent: %s", who);
}

void
srv_warn(struct srv_log *l, const char *fmt, ...)
{
	va_list ap;

	if (!peer_limit(&l->lim, clock_ms())) {
		if (!evtimer_pending(l->ev, NULL))
			arm(l);
		return;
	}
	va_start(ap, fmt);
	log_vmsg(LOG_WARNING, fmt, ap);
	va_end(ap);
}
