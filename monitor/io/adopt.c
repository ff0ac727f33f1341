/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): find an existing FCoE controller under
 * /sys/class/net/<if>/ctlr_N and read whether it is enabled.  Read-only; an
 * interface without a controller is simply absent.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "monitor/io/adopt.h"

/* N of "<prefix>N" (ctlr_3, host2), or -1 for any other name. */
static int
num_after(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *p = name + n;

	if (strncmp(name, prefix, n) != 0 || *p == '\0' || strlen(p) > 8 ||
	    strspn(p, "0123456789") != strlen(p))
		return -1;
	return atoi(p);
}

static int
is_ctlr(const char *name)
{
	return num_after(name, "ctlr_") >= 0;
}

static int
find_ctlr(const char *dir, char *out, size_t outsz)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int err = ENOENT;

	if (d == NULL)
		return errno;
	while (err == ENOENT && (e = readdir(d)) != NULL)
		if (is_ctlr(e->d_name) && strlen(e->d_name) < outsz) {
			memcpy(out, e->d_name, strlen(e->d_name) + 1);
			err = 0;
		}
	closedir(d);
	return err;
}

/* First byte of a small sysfs attribute. */
static int
read_first(const char *path, char *c)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd == -1)
		return errno;
	n = read(fd, c, 1);
	close(fd);
	return n == 1 ? 0 : EIO;
}

int
adopt_state(const char *root, const char *ifname, enum port_state *out,
    char *ctlr, size_t ctlrsz)
{
	char dir[PATH_MAX], path[PATH_MAX + 16], c;
	int err;

	*out = PS_ABSENT;
	snprintf(dir, sizeof(dir), "%s/sys/class/net/%s", root, ifname);
	err = find_ctlr(dir, ctlr, ctlrsz);
	if (err == ENOENT)
		return 0;		/* no interface or no instance */
	if (err != 0)
		return err;
	snprintf(path, sizeof(path), "%s/%s/enabled", dir, ctlr);
	if ((err = read_first(path, &c)) != 0)
		return err;
	*out = c == '1' ? PS_ENABLED : PS_DISABLED;
	return 0;
}

/* "hostM" inside a ctlr directory: M, or -1. */
static int
find_host(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int host = -1;

	if (d == NULL)
		return -1;
	while (host < 0 && (e = readdir(d)) != NULL)
		host = num_after(e->d_name, "host");
	closedir(d);
	return host;
}

/* One line of a small sysfs attribute, without its newline. */
static void
read_line(const char *path, char *out, size_t outsz)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd == -1 ? -1 : read(fd, out, outsz - 1);

	if (fd != -1)
		close(fd);
	out[n > 0 ? n : 0] = '\0';
	out[strcspn(out, "\n")] = '\0';
}

void
adopt_instance(const char *root, const char *ifname, struct kinst *k)
{
	char dir[PATH_MAX], path[PATH_MAX + 128], ctlr[32], c = '0';
	size_t i;

	memset(k, 0, sizeof(*k));
	k->ctlr = k->host = -1;
	snprintf(dir, sizeof(dir), "%s/sys/class/net/%s", root, ifname);
	if (find_ctlr(dir, ctlr, sizeof(ctlr)) != 0)
		return;
	k->ctlr = num_after(ctlr, "ctlr_");
	snprintf(path, sizeof(path), "%s/%s/enabled", dir, ctlr);
	k->enabled = read_first(path, &c) == 0 && c == '1';
	snprintf(path, sizeof(path), "%s/%s", dir, ctlr);
	if ((k->host = find_host(path)) < 0)
		return;
	snprintf(path, sizeof(path), "%s/%s/host%d/fc_host/host%d/port_state",
	    dir, ctlr, k->host, k->host);
	read_line(path, k->port_state, sizeof(k->port_state));
	for (i = 0; k->port_state[i]; i++)	/* shown to users: printable */
		if (k->port_state[i] < 0x20 || k->port_state[i] > 0x7e)
			k->port_state[i] = '?';
}
