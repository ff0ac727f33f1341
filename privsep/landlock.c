/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator before seccomp: a Landlock ruleset so that even a
 * subverted actuator writes only where FCoE control lives, as narrowly as
 * Landlock allows.  Reads are not restricted (it must read sysfs
 * directories); every write-type access is.  Landlock grants on paths that
 * exist when the ruleset is made and cannot be extended later, so:
 *   - the kernel's fixed FCoE files are granted one by one;
 *   - an instance (ctlr_N, its hostM) is made later, beneath its net
 *     device's directory, so each Ethernet net device present at start-up
 *     keeps write_file on its whole directory -- which also covers that
 *     device's own attributes (mtu, ifalias, ...);
 *   - a VLAN made while the daemon runs (cfg-eth0.100, the VLAN added
 *     later) appears beneath /sys/devices/virtual/net, which is granted
 *     whole: every virtual net device, loopback included;
 *   - IPv6's per-device settings, where a VLAN it makes gets disable_ipv6
 *     before it is up (the directory is held open from start-up, so the
 *     rule's inode stays the one the path leads to).
 * No other net device (a physical one that is not ARPHRD_ETHER) gets a rule.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/landlock.h>

#include "privsep/privsep.h"

#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE	(1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV	(1ULL << 15)
#endif

/* write_file on exactly these files, where they exist at start-up. */
static const char *const ll_files[] = {
	"/sys/bus/fcoe/ctlr_create",
	"/sys/bus/fcoe/ctlr_destroy",
	"/sys/module/libfcoe/parameters/create",
	"/sys/module/libfcoe/parameters/create_vn2vn",
	"/sys/module/libfcoe/parameters/destroy",
	"/sys/module/libfcoe/parameters/enable",
	"/sys/module/libfcoe/parameters/disable",
};
#define NET_DIR	"/sys/class/net"
#define VIRT_NET_DIR	"/sys/devices/virtual/net"	/* VLANs made later */
#define IPV6_CONF	"/proc/sys/net/ipv6/conf"	/* disable_ipv6 of new VLANs */
#define ARPHRD_ETHER_S	"1"	/* the `type` of an Ethernet net device */

int
landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);

	return abi < 0 ? 0 : (int)abi;
}

static uint64_t
handled_for(int abi)
{
	uint64_t h = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
	    LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
	    LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
	    LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
	    LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
	    LANDLOCK_ACCESS_FS_MAKE_SYM;

	if (abi >= 2)
		h |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		h |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		h |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return h;
}

/* A missing path is skipped: that kernel interface is not there. */
int
landlock_allow(int ruleset, const char *path, uint64_t access)
{
	struct landlock_path_beneath_attr pb = { .allowed_access = access };
	int r;

	pb.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (pb.parent_fd == -1)
		return errno == ENOENT ? 0 : -1;
	r = (int)syscall(SYS_landlock_add_rule, ruleset,
	    LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
	close(pb.parent_fd);
	return r;
}

/* FCoE runs over Ethernet only; an unreadable type is given the benefit. */
static int
is_ethernet(const char *dir)
{
	char path[PATH_MAX + 8], type[16] = "";
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/type", dir);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 1;
	n = read(fd, type, sizeof(type) - 1);
	close(fd);
	if (n <= 0)
		return 1;
	type[strcspn(type, "\n")] = '\0';
	return strcmp(type, ARPHRD_ETHER_S) == 0;
}

/* ctlr_N and its fc_host appear beneath the net device's own directory. */
static int
allow_net_devices(int ruleset)
{
	char link[PATH_MAX], real[PATH_MAX];
	struct dirent *e;
	DIR *d = opendir(NET_DIR);
	int r = 0;

	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	while (r == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), NET_DIR "/%s", e->d_name);
		if (realpath(link, real) != NULL && is_ethernet(real))
			r = landlock_allow(ruleset, real,
			    LANDLOCK_ACCESS_FS_WRITE_FILE);
	}
	closedir(d);
	return r;
}

/*
 * First step of both policies: a ruleset handling every write-type right
 * of the running kernel's ABI, plus extra.  The ruleset fd and *abi, or -1
 * with why when Landlock cannot be used here.
 */
int
landlock_begin(uint64_t extra, int *abi, char *why, size_t whysz)
{
	struct landlock_ruleset_attr attr = { 0 };
	int rs;

	if ((*abi = landlock_abi()) <= 0) {
		snprintf(why, whysz, "not supported by this kernel");
		return -1;
	}
	attr.handled_access_fs = handled_for(*abi) | extra;
	rs = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (rs == -1)
		snprintf(why, whysz, "ruleset: %s", strerror(errno));
	return rs;
}

/* Returns the ABI enforced, or 0 (with why) when Landlock is not in force. */
int
landlock_actuator(char *why, size_t whysz)
{
	int abi, rs = landlock_begin(0, &abi, why, whysz), r = 0;
	size_t i;

	if (rs == -1)
		return 0;
	for (i = 0; r == 0 && i < sizeof(ll_files) / sizeof(ll_files[0]); i++)
		r = landlock_allow(rs, ll_files[i],
		    LANDLOCK_ACCESS_FS_WRITE_FILE);
	if (r == 0)
		r = landlock_allow(rs, VIRT_NET_DIR,
		    LANDLOCK_ACCESS_FS_WRITE_FILE);
	if (r == 0)
		r = allow_net_devices(rs);
	if (r == 0)
		r = landlock_allow(rs, IPV6_CONF, LANDLOCK_ACCESS_FS_WRITE_FILE);
	return landlock_enforce(rs, r, abi, why, whysz);
}

/* Last step of both policies: enforce ruleset rs unless r says a rule
 * failed; closes rs.  The ABI in force, or 0 with why. */
int
landlock_enforce(int rs, int r, int abi, char *why, size_t whysz)
{
	if (r == 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)
		r = (int)syscall(SYS_landlock_restrict_self, rs, 0);
	else
		r = -1;
	if (r != 0)
		snprintf(why, whysz, "%s", strerror(errno));
	close(rs);
	return r == 0 ? abi : 0;
}

void
landlock_dump(FILE *out)
{
	size_t i;

	fprintf(out, "landlock (actuator): write-type access denied except "
	    "write_file on these files, where present at start-up:\n");
	for (i = 0; i < sizeof(ll_files) / sizeof(ll_files[0]); i++)
		fprintf(out, "  %s\n", ll_files[i]);
	fprintf(out, "and write_file beneath:\n  " VIRT_NET_DIR "\n  "
	    IPV6_CONF " (held open from start-up: disable_ipv6 of new "
	    "VLANs)\n"
	    "  the resolved directory of each " NET_DIR "/* entry present at "
	    "start-up whose type is 1 (Ethernet)\n");
}
