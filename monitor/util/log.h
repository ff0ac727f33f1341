/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): its log, in the OpenBSD idiom --
 * syslog (facility daemon) and/or stderr, debug lines only with -d.
 *
 *   fatal(fmt)      cannot go on; appends strerror(errno); exits 1
 *   fatalx(fmt)     cannot go on, no errno involved; exits 1
 *   log_warn(fmt)   something failed and we carry on; appends strerror(errno)
 *   log_warnx(fmt)  something is wrong and we carry on; no errno
 *   log_errx(fmt)   an error the admin must fix (bad config, no access)
 *   log_notice      what changed in the world (an instance made or gone)
 *   log_info        what the daemon decided and why, once per change
 *   log_debug       every step, with -d only
 * doc/HACKING says when to use which.
 */
#ifndef MON_LOG_H
#define MON_LOG_H

#include <stdarg.h>
#include <syslog.h>

/* to_stderr: also (or only, without syslog) on stderr. */
void	log_init(const char *ident, int debug, int to_syslog, int to_stderr);
int	log_debugging(void);
/* Held lines wait, in order, for log_flush() (monitor/io/loop.c: a
 * cycle's lines go once the actions that follow it had their turn). */
void	log_hold(int on);
unsigned log_held(void);
void	log_flush(void);
void	log_msg(int pri, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	log_vmsg(int pri, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_notice(...)	log_msg(LOG_NOTICE, __VA_ARGS__)
#define log_warnx(...)	log_msg(LOG_WARNING, __VA_ARGS__)
void	log_warn(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
#define log_errx(...)	log_msg(LOG_ERR, __VA_ARGS__)
void	fatal(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
