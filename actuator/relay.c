/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: the monitor's stderr (a pipe, unless -d) relayed
 * line by line to the actuator's log, printable bytes only, at most 100
 * lines and then 10 per second; the rest is counted, never lost silently.
 */
#include <errno.h>
#include <syslog.h>
#include <unistd.h>

#include "actuator/actuator.h"

#define RELAY_LINE	512	/* longer stderr lines are cut */

static struct bucket relay_bucket = { "monitor_stderr", 100, 100, 10, 0, 0 };
static int relay_fd = -1;
static unsigned long relay_dropped;
static char relay_buf[RELAY_LINE + 1];
static size_t relay_len;

/* Set the pipe (fd >= -1) and return the current one (-1: none). */
int
stderr_relay_fd(int fd)
{
	if (fd >= -1)
		relay_fd = fd;
	return relay_fd;
}

/* One stderr line of the monitor: printable bytes only, rate-limited. */
static void
relay_line(void)
{
	size_t i;

	relay_buf[relay_len] = '\0';
	for (i = 0; i < relay_len; i++)
		if (relay_buf[i] < 0x20 || relay_buf[i] == 0x7f)
			relay_buf[i] = '?';
	relay_len = 0;
	bucket_refill(&relay_bucket);
	if (relay_bucket.tokens < 1) {
		relay_dropped++;
		return;
	}
	relay_bucket.tokens -= 1;
	if (relay_dropped > 0) {
		log_msg(LOG_WARNING, "monitor stderr: %lu lines dropped "
		    "(rate limit)", relay_dropped);
		relay_dropped = 0;
	}
	log_msg(LOG_WARNING, "monitor stderr: %s", relay_buf);
}

void
stderr_relay_read(void)
{
	char buf[1024];
	ssize_t n, i;

	n = read(relay_fd, buf, sizeof(buf));
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		if (relay_len > 0)
			relay_line();
		close(relay_fd);
		relay_fd = -1;
		return;
	}
	for (i = 0; i < n; i++) {
		if (buf[i] == '\n' || relay_len == RELAY_LINE) {
			relay_line();
			if (buf[i] == '\n')
				continue;
		}
		relay_buf[relay_len++] = buf[i];
	}
}

