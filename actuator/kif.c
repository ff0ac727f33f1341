/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: which kernel FCoE interface is present, and the only
 * two ways it touches sysfs: write a short string to a file, and find an
 * entry of a known directory.  Every path is a constant plus a validated
 * interface name or a name the kernel listed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "actuator/actuator.h"
#include "privsep/privsep.h"

/*
 * The fcoe bus (3.9 and later), else libfcoe's parameters (2.6.39 and
 * later).  The older fcoe module parameters exist on no kernel a
 * distribution still supports and are not used.
 */
static const char *const probe[] = {
	[FCP_KIF_BUS] = "/sys/bus/fcoe/ctlr_create",
	[FCP_KIF_LIBFCOE] = "/sys/module/libfcoe/parameters/create",
};

/* root is "" in the daemon; unit tests point it at a scratch tree. */
int
kif_detect(const char *root)
{
	char path[PATH_MAX];
	int k;

	for (k = FCP_KIF_BUS; k <= FCP_KIF_LIBFCOE; k++) {
		snprintf(path, sizeof(path), "%s%s", root, probe[k]);
		if (faccessat(AT_FDCWD, path, F_OK, 0) == 0)
			return k;
	}
	return FCP_KIF_NONE;
}

/* One write(2) of the bare string to an open file, which it closes; the
 * kernel's errno comes back as is. */
int
kif_write_fd(int fd, const char *value)
{
	size_t len = strlen(value);
	ssize_t n = write(fd, value, len);
	int err = n == -1 ? errno : (size_t)n != len ? EIO : 0;

	close(fd);
	return err;
}

int
sysfs_write(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	return fd == -1 ? errno : kif_write_fd(fd, value);
}

/* First entry of dir named prefix + digits ("ctlr_3", "host7"). */
static int
find_entry(const char *dir, const char *prefix, char *out, size_t outsz)
{
	size_t plen = strlen(prefix);
	struct dirent *e;
	DIR *d = opendir(dir);
	int err = ENOENT;

	if (d == NULL)
		return errno;
	while (err == ENOENT && (e = readdir(d)) != NULL) {
		const char *p = e->d_name + plen;
		if (strncmp(e->d_name, prefix, plen) != 0 || *p == '\0' ||
		    strspn(p, "0123456789") != strlen(p) ||
		    strlen(e->d_name) >= outsz)
			continue;
		strcpy(out, e->d_name);
		err = 0;
	}
	closedir(d);
	return err;
}

/*
 * The ctlr last found under each interface name, so that an enable or
 * disable need not read the interface's directory (doc/design.md
 * "Actuator: kernel operations").  Fixed size, names from the kernel's
 * listing only; an entry is only a guess: kif_ctlr_open() proves it by
 * opening the path, which exists only while that ctlr is a child of the
 * device now named so.
 */
#define CTLR_CACHE	64
static struct { char ifname[IFNAMSIZ], ctlr[32]; } ctlr_cache[CTLR_CACHE];

static unsigned
cache_slot(const char *ifname)
{
	unsigned h = 2166136261u;

	while (*ifname)
		h = (h ^ (unsigned char)*ifname++) * 16777619u;
	return h % CTLR_CACHE;
}

static int
ctlr_lookup(const char *ifname, char *out, size_t outsz)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "/sys/class/net/%s", ifname);
	return find_entry(dir, "ctlr_", out, outsz);
}

/* The bus operations' lookup, remembered (kif_host()'s, on any kernel
 * interface, is not: only a ctlr found while the bus is used may skip
 * the probe). */
int
kif_ctlr(const char *ifname, char *out, size_t outsz)
{
	unsigned i = cache_slot(ifname);
	int err = ctlr_lookup(ifname, out, outsz);

	if (err == 0 && strlen(ifname) < IFNAMSIZ &&
	    strlen(out) < sizeof(ctlr_cache[i].ctlr)) {
		strcpy(ctlr_cache[i].ifname, ifname);
		strcpy(ctlr_cache[i].ctlr, out);
	}
	return err;
}

/*
 * /sys/class/net/<ifname>/<ctlr>/<attr> opened for writing, the ctlr being
 * the one kif_ctlr() last found there (copied to out); -1 if none was, or
 * if it is gone.  The open succeeding proves the interface, the fcoe bus and
 * that ctlr under it, as kif_detect() and kif_ctlr() would.
 */
int
kif_ctlr_open(const char *ifname, const char *attr, char *out, size_t outsz)
{
	unsigned i = cache_slot(ifname);
	char path[PATH_MAX];
	int fd;

	if (strcmp(ctlr_cache[i].ifname, ifname) != 0 ||
	    strlen(ctlr_cache[i].ctlr) >= outsz)
		return -1;
	snprintf(path, sizeof(path), "/sys/class/net/%s/%s/%s", ifname,
	    ctlr_cache[i].ctlr, attr);
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) != -1)
		strcpy(out, ctlr_cache[i].ctlr);
	return fd;
}

int
kif_host(const char *ifname, char *out, size_t outsz)
{
	char dir[PATH_MAX], ctlr[32];
	int err = ctlr_lookup(ifname, ctlr, sizeof(ctlr));

	if (err != 0)
		return err;
	snprintf(dir, sizeof(dir), "/sys/class/net/%s/%s", ifname, ctlr);
	return find_entry(dir, "host", out, outsz);
}

/* NUL-padded copy of an interface name into a kernel struct field. */
void
name_copy(char *dst, size_t size, const char *src)
{
	memset(dst, 0, size);
	memcpy(dst, src, strnlen(src, size - 1));
}

/* Checked against the kernel at execution, not only in proto/. */
int
if_exists(const char *ifname)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	name_copy(ifr.ifr_name, IFNAMSIZ, ifname);
	return ioctl(ACT_FD_IOCTL, SIOCGIFINDEX, &ifr) == 0 ? 0 : errno;
}
