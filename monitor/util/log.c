/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): log lines to syslog and stderr.
 * The syslog socket is opened at log_init (LOG_NDELAY), before the sandbox.
 * While held (log_hold, during a cycle of the event loop), lines wait in a
 * small queue until log_flush (the loop's flush timer, a line logged while
 * not held, a full queue, fatal): each line wakes its reader (syslogd,
 * journald, a pipe), which would otherwise run between a decision and the
 * actions that follow it (the actuator's audit_echo_hold does the same for
 * its stderr copies).  Only the monitor's own lines wait; the actuator's
 * audit records do not.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/util/log.h"

#define HOLD_MAX	16	/* lines a cycle may hold; one more flushes */

struct held {
	int	 pri;
	char	 line[1024];
};

static int	 l_debug, l_syslog, l_stderr = 1;
static const char *l_ident = "fcoemond-monitor";
static int	 l_hold;
static unsigned	 l_nheld;
static struct held l_held[HOLD_MAX];

void
log_init(const char *ident, int debug, int to_syslog, int to_stderr)
{
	l_ident = ident;
	l_debug = debug;
	l_syslog = to_syslog;
	l_stderr = to_stderr;
	if (to_syslog)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

int
log_debugging(void)
{
	return l_debug;
}

static void
emit(int pri, const char *line)
{
	if (l_syslog)
		syslog(pri, "%s", line);
	if (l_stderr)
		fprintf(stderr, "%s: %s\n", l_ident, line);
}

/* The held lines, in order. */
void
log_flush(void)
{
	unsigned i;

	for (i = 0; i < l_nheld; i++)
		emit(l_held[i].pri, l_held[i].line);
	l_nheld = 0;
}

/* On: lines wait for log_flush; off: the next line flushes them first. */
void
log_hold(int on)
{
	l_hold = on;
}

unsigned
log_held(void)
{
	return l_nheld;
}

void
log_vmsg(int pri, const char *fmt, va_list ap)
{
	char line[1024];

	if (pri == LOG_DEBUG && !l_debug)
		return;
	if (l_hold) {
		if (l_nheld == HOLD_MAX)
			log_flush();
		l_held[l_nheld].pri = pri;
		vsnprintf(l_held[l_nheld++].line, sizeof(line), fmt, ap);
		return;
	}
	log_flush();		/* in order */
	vsnprintf(line, sizeof(line), fmt, ap);
	emit(pri, line);
}

void
log_msg(int pri, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(pri, fmt, ap);
	va_end(ap);
}

/* log_warnx with ": strerror(errno)" appended (OpenBSD's log_warn). */
void
log_warn(const char *fmt, ...)
{
	char what[768];
	va_list ap;
	int err = errno;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	log_msg(LOG_WARNING, "%s: %s", what, strerror(err));
}

static void __attribute__((noreturn))
vfatal(int err, const char *fmt, va_list ap)
{
	char what[768];

	vsnprintf(what, sizeof(what), fmt, ap);
	log_hold(0);		/* what led here goes first */
	if (err)
		log_msg(LOG_CRIT, "fatal: %s: %s", what, strerror(err));
	else
		log_msg(LOG_CRIT, "fatal: %s", what);
	exit(1);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	int err = errno;

	va_start(ap, fmt);
	vfatal(err, fmt, ap);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfatal(0, fmt, ap);
}
