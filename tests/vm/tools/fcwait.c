/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * fcwait: run inside the VM by the scenario scripts (tests/vm/guest) to time
 * what the daemon under test does, to the millisecond: a shell poll loop
 * under TCG forks too slowly to measure "link up to enabled instance".
 *
 *   fcwait [-u] IFACE present|enabled|online|gone SECS
 *
 * -u sets IFACE up first (SIOCSIFFLAGS) and times from that moment.
 * It looks every 2 ms, or every $FCWAIT_POLL_US microseconds: the
 * side-by-side comparison times from the kernel's trace instead and polls
 * rarely, so that this loop does not take the guest's one CPU from the
 * daemons it measures.
 * Prints "fcwait: IFACE STATE after N ms (ctlr_X)" and exits 0, or
 * "fcwait: IFACE not STATE within SECS s" and exits 1.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUS "/sys/bus/fcoe/devices"

static long
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int
read_line(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return -1;
	if (fgets(buf, (int)n, f) == NULL)
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* The ctlr whose netdev is ifname: its sysfs path is .../net/IFNAME/ctlr_N. */
static int
find_ctlr(const char *ifname, char *name, size_t n)
{
	char link[PATH_MAX], target[PATH_MAX], *slash;
	struct dirent *d;
	DIR *dir = opendir(BUS);
	ssize_t len;
	int found = 0;

	if (dir == NULL)
		return 0;
	while (!found && (d = readdir(dir)) != NULL) {
		if (strncmp(d->d_name, "ctlr_", 5) != 0)
			continue;
		snprintf(link, sizeof(link), BUS "/%s", d->d_name);
		if ((len = readlink(link, target, sizeof(target) - 1)) < 0)
			continue;
		target[len] = '\0';
		if ((slash = strrchr(target, '/')) == NULL)
			continue;
		*slash = '\0';
		slash = strrchr(target, '/');
		if (slash != NULL && strcmp(slash + 1, ifname) == 0) {
			snprintf(name, n, "%s", d->d_name);
			found = 1;
		}
	}
	closedir(dir);
	return found;
}

static int
port_online(const char *ctlr)
{
	char path[PATH_MAX], state[64];
	struct dirent *d;
	DIR *dir;
	int on = 0;

	snprintf(path, sizeof(path), BUS "/%s", ctlr);
	if ((dir = opendir(path)) == NULL)
		return 0;
	while ((d = readdir(dir)) != NULL)
		if (strncmp(d->d_name, "host", 4) == 0) {
			snprintf(path, sizeof(path),
			    "/sys/class/fc_host/%s/port_state", d->d_name);
			on = read_line(path, state, sizeof(state)) == 0 &&
			    strcmp(state, "Online") == 0;
			break;
		}
	closedir(dir);
	return on;
}

static int
reached(const char *ifname, const char *want, char *ctlr, size_t n)
{
	char path[PATH_MAX], val[16];
	int have = find_ctlr(ifname, ctlr, n);

	if (strcmp(want, "gone") == 0)
		return !have;
	if (!have)
		return 0;
	if (strcmp(want, "present") == 0)
		return 1;
	if (strcmp(want, "online") == 0)
		return port_online(ctlr);
	snprintf(path, sizeof(path), BUS "/%s/enabled", ctlr);
	return read_line(path, val, sizeof(val)) == 0 && strcmp(val, "1") == 0;
}

static void
link_up(const char *ifname)
{
	struct ifreq r = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	snprintf(r.ifr_name, sizeof(r.ifr_name), "%s", ifname);
	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &r) < 0) {
		fprintf(stderr, "fcwait: %s: %s\n", ifname, strerror(errno));
		exit(2);
	}
	r.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &r) < 0) {
		fprintf(stderr, "fcwait: up %s: %s\n", ifname, strerror(errno));
		exit(2);
	}
	close(fd);
}

int
main(int argc, char **argv)
{
	char ctlr[NAME_MAX + 1] = "";
	int up = argc > 1 && strcmp(argv[1], "-u") == 0;
	long t0, limit, poll_us = 2000;

	argv += up;
	argc -= up;
	if (argc != 4 || (strcmp(argv[2], "present") && strcmp(argv[2],
	    "enabled") && strcmp(argv[2], "online") && strcmp(argv[2], "gone"))) {
		fprintf(stderr, "usage: fcwait [-u] IFACE "
		    "present|enabled|online|gone SECS\n");
		return 2;
	}
	limit = atol(argv[3]) * 1000;
	if (getenv("FCWAIT_POLL_US") != NULL)
		poll_us = atol(getenv("FCWAIT_POLL_US"));
	t0 = now_ms();
	if (up)
		link_up(argv[1]);
	for (;;) {
		long t = now_ms() - t0;

		if (reached(argv[1], argv[2], ctlr, sizeof(ctlr))) {
			printf("fcwait: %s %s after %ld ms%s%s%s\n", argv[1],
			    argv[2], t, ctlr[0] ? " (" : "", ctlr,
			    ctlr[0] ? ")" : "");
			return 0;
		}
		if (t > limit) {
			printf("fcwait: %s not %s within %s s\n", argv[1],
			    argv[2], argv[3]);
			return 1;
		}
		usleep((useconds_t)poll_us);
	}
}
