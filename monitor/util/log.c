/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): log lines to syslog and stderr.
 * The syslog socket is opened at log_init (LOG_NDELAY), before the sandbox.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/util/log.h"

static int	 l_debug, l_syslog, l_stderr = 1;
static const char *l_ident = "fcoemond-monitor";

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

void
log_vmsg(int pri, const char *fmt, va_list ap)
{
	char line[1024];

	if (pri == LOG_DEBUG && !l_debug)
		return;
	vsnprintf(line, sizeof(line), fmt, ap);
	if (l_syslog)
		syslog(pri, "%s", line);
	if (l_stderr)
		fprintf(stderr, "%s: %s\n", l_ident, line);
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
