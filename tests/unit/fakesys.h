/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Test helpers (unit tests only): scratch trees, a private mount and
 * network namespace with tmpfs over /sys/{bus,module,class} and /dev, and a
 * /dev/log receiver.  check forks one process per test, so a namespace made
 * here lives and dies with that test.
 */
#ifndef FAKESYS_H
#define FAKESYS_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* mkdir -p */
static inline void
mkdirs(const char *path)
{
	char p[PATH_MAX], *s;

	snprintf(p, sizeof(p), "%s", path);
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		(void)mkdir(p, 0755);
		*s = '/';
	}
	if (mkdir(p, 0755) == -1)
		ck_assert_msg(errno == EEXIST, "mkdir %s: %s", p,
		    strerror(errno));
}

/* Create (with parents) a file holding exactly content. */
static inline void
mkfile(const char *path, const char *content)
{
	char dir[PATH_MAX], *slash;
	int fd;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		mkdirs(dir);
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_msg(fd >= 0, "create %s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, content, strlen(content)),
	    (ssize_t)strlen(content));
	close(fd);
}

/* The whole content of a small file, NUL-terminated, in a static buffer. */
static inline const char *
slurp(const char *path)
{
	static char buf[4][256];
	static int k;
	char *b = buf[k++ & 3];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	ck_assert_msg(fd >= 0, "open %s: %s", path, strerror(errno));
	n = read(fd, b, sizeof(buf[0]) - 1);
	close(fd);
	ck_assert_int_ge(n, 0);
	b[n] = '\0';
	return b;
}

/*
 * Private mount + network namespace for this test process.  Returns 0, or
 * -1 with the reason to skip in why.
 */
static inline int
ns_private(char *why, size_t whysz)
{
	if (geteuid() != 0)
		return snprintf(why, whysz, "needs root for a mount namespace"),
		    -1;
	if (unshare(CLONE_NEWNS | CLONE_NEWNET) == -1)
		return snprintf(why, whysz, "unshare: %s", strerror(errno)), -1;
	/* nothing mounted below may propagate back to the host */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1)
		return snprintf(why, whysz, "mount --make-rprivate /: %s",
		    strerror(errno)), -1;
	/* room for every record of a test on /dev/log (default 10) */
	{
		int fd = open("/proc/sys/net/unix/max_dgram_qlen", O_WRONLY);

		if (fd >= 0) {
			(void)!write(fd, "256", 3);
			close(fd);
		}
	}
	return 0;
}

static inline void
tmpfs_at(const char *path)
{
	ck_assert_msg(mount("fcoemond-test", path, "tmpfs", MS_NOSUID |
	    MS_NODEV | MS_NOEXEC, "mode=0755,size=1m") == 0,
	    "tmpfs on %s: %s", path, strerror(errno));
}

/* Empty /sys/bus, /sys/module and /sys/class to build a fake FCoE tree in. */
static inline void
fake_sys(void)
{
	tmpfs_at("/sys/bus");
	tmpfs_at("/sys/module");
	tmpfs_at("/sys/class");
}

/* /dev as a tmpfs with a datagram receiver at /dev/log; returns its fd. */
static inline int
log_sink(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd;

	tmpfs_at("/dev");
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	ck_assert_int_ge(fd, 0);
	strcpy(a.sun_path, "/dev/log");
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	return fd;
}

/* Next datagram within 2 s into buf (NUL-terminated); its length or -1. */
static inline ssize_t
log_next(int fd, char *buf, size_t size)
{
	struct pollfd p = { fd, POLLIN, 0 };
	ssize_t n;

	if (poll(&p, 1, 2000) != 1)
		return -1;
	n = recv(fd, buf, size - 1, MSG_DONTWAIT);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

/* A socket on the fixed fd number target (dup2). */
static inline void
socket_at(int target, int type)
{
	int fd = socket(AF_UNIX, type, 0);

	ck_assert_int_ge(fd, 0);
	if (fd != target) {
		ck_assert_int_eq(dup2(fd, target), target);
		close(fd);
	}
}

#endif
