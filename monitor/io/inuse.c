/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): is a disk behind an FCoE instance
 * still in use?  Asked at system shutdown (fcoectl logout) before an
 * instance is destroyed: the root file system of a host booted from SAN,
 * or a disk under LVM, md or multipath, is still there when fcoemond
 * stops, and taking its instance away would lose what is not yet written.
 * In use means: a SCSI disk of the instance's fc_host, or one of its
 * partitions, is mounted (its major:minor in the monitor's mountinfo,
 * which follows the host's mounts) or has holders in sysfs.  The
 * mountinfo is opened when asked (a Landlock rule admits that one file,
 * monitor/io/sandbox.c): the monitor keeps no descriptor to a file.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "monitor/io/inuse.h"
#include "monitor/io/adopt.h"


static int
read_small(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd == -1)
		return -1;
	r = read(fd, buf, n - 1);
	close(fd);
	if (r <= 0)
		return -1;
	buf[r] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* " 8:1 " as the third field of a mountinfo line; -1 unreadable. */
static int
mounted(const char *majmin)
{
	char buf[8192], pat[40], *p;
	size_t keep = 0;
	ssize_t r;
	int mountinfo = open(INUSE_MOUNTINFO, O_RDONLY | O_CLOEXEC);

	if (mountinfo < 0)
		return -1;
	snprintf(pat, sizeof(pat), " %s ", majmin);
	/* Lines are "ID PARENT MAJ:MIN ...": the pattern with spaces around
	 * can only be that field (IDs have no colon). */
	while ((r = read(mountinfo, buf + keep, sizeof(buf) - 1 - keep)) > 0) {
		buf[keep + (size_t)r] = '\0';
		if (strstr(buf, pat) != NULL)
			break;
		p = strrchr(buf, '\n');
		keep = p ? strlen(p + 1) : 0;
		memmove(buf, p ? p + 1 : buf, keep);
	}
	close(mountinfo);
	return r > 0 ? 1 : r < 0 ? -1 : 0;
}

static int
has_holders(const char *dir)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), "%s/holders", dir);
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n > 0;
}

/* The disk or partition in dir (/sys/block/sda[/sda1]): 1 in use. */
static int
dev_in_use(const char *dir, const char *name, char *why, size_t whysz)
{
	char path[PATH_MAX], mm[32];
	int m;

	if (has_holders(dir)) {
		snprintf(why, whysz, "%s has holders (LVM, md, multipath)", name);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/dev", dir);
	if (read_small(path, mm, sizeof(mm)) != 0)
		return 0;
	if ((m = mounted(mm)) != 0) {
		snprintf(why, whysz, m > 0 ? "%s is mounted" :
		    "%s: the mount table cannot be read", name);
		return 1;
	}
	return 0;
}

/* The disk and its partitions (dir .../block/sda, then sda1, ...). */
static int
disk_in_use(const char *dir, const char *disk, char *why, size_t whysz)
{
	char sub[PATH_MAX + 256];
	struct dirent *e;
	DIR *d;
	int r;

	if ((r = dev_in_use(dir, disk, why, whysz)) != 0 ||
	    (d = opendir(dir)) == NULL)
		return r;
	while (r == 0 && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, disk, strlen(disk)) != 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name);
		r = dev_in_use(sub, e->d_name, why, whysz);
	}
	closedir(d);
	return r;
}

/*
 * Down the fc_host's device tree by directory names only (the monitor's
 * seccomp has no readlink): hostH, rport-N, targetN, H:C:T:L, block, disk.
 * level: 3 in hostH, 2 in rport-N, 1 in targetN, 0 in H:C:T:L, -1 in block.
 */
static const char *const step[] = { "block", ":", "target", "rport-" };

static bool
step_ok(int level, const char *name)
{
	if (name[0] == '.')
		return false;
	if (level == 1)
		return strchr(name, ':') != NULL;
	return strncmp(name, step[level], strlen(step[level])) == 0;
}

static int
walk(const char *dir, int level, char *why, size_t whysz)
{
	char sub[PATH_MAX];
	struct dirent *e;
	DIR *d = opendir(dir);
	int r = 0;

	if (d == NULL)
		return 0;
	while (r == 0 && (e = readdir(d)) != NULL) {
		if (level >= 0 && !step_ok(level, e->d_name))
			continue;
		if (level < 0 && e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", dir,
		    e->d_name) >= sizeof(sub))
			continue;
		r = level >= 0 ? walk(sub, level - 1, why, whysz) :
		    disk_in_use(sub, e->d_name, why, whysz);
	}
	closedir(d);
	return r;
}

bool
inuse_instance(const char *ifname, char *why, size_t whysz)
{
	char dir[PATH_MAX];
	struct kinst k;

	adopt_instance("", ifname, &k);
	if (k.host < 0)
		return false;
	snprintf(dir, sizeof(dir), "/sys/class/net/%s/ctlr_%d/host%d", ifname,
	    k.ctlr, k.host);
	return walk(dir, 3, why, whysz) != 0;
}
