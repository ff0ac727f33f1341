/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged), before its sandbox and in the loop:
 * what the two control servers share -- binding their abstract name, and
 * how often a refused local user is logged.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "monitor/util/log.h"
#include "monitor/control/srv.h"

/* "\0name": a name in this network namespace, first come first served. */
int
srv_bind_abstract(int type, const char *name)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	int fd = socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd == -1)
		fatal("socket for @%s", name);
	if (len + 1 > sizeof(a.sun_path))
		fatalx("@%s: name too long", name);
	memcpy(a.sun_path + 1, name, len);
	if (bind(fd, (struct sockaddr *)&a, (socklen_t)(offsetof(struct
	    sockaddr_un, sun_path) + 1 + len)) == 0)
		return fd;
	if (errno == EADDRINUSE)
		fatalx("@%s is taken: another fcoemond or fcoemon is running "
		    "in this network namespace; exiting", name);
	fatal("bind @%s", name);
}

/* The first 20 refusals, then every 1000th: no local user floods the log. */
int
srv_log_refusal(unsigned long *count)
{
	++*count;
	return *count <= 20 || *count % 1000 == 0;
}
