/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged), first thing at start-up, before its
 * sandbox (Landlock then hides /proc): other processes of the monitor's
 * user could signal it and, were it ever dumpable, take its descriptors
 * (pidfd_getfd), so the admin is told to give it a user of its own; and
 * the kernel keeps a process exec'd from a file its user cannot read
 * undumpable until its first prctl, so a binary others can read or that
 * is not root's is reported too.  Warnings only, which the monitor works
 * out about itself, so the privileged side parses nothing of /proc; a
 * subverted monitor gains nothing by keeping them quiet.
 */
#include <dirent.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "monitor/io/loop.h"
#include "monitor/util/log.h"

/* Is pid's real, effective or saved uid ours?  (/proc/PID/status) */
static int
runs_as(const char *pid, uid_t uid)
{
	char path[64], line[256];
	unsigned long r, e, s, f;
	int mine = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%.20s/status", pid);
	if ((fp = fopen(path, "re")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (sscanf(line, "Uid: %lu %lu %lu %lu", &r, &e, &s, &f) == 4) {
			mine = r == uid || e == uid || s == uid;
			break;
		}
	fclose(fp);
	return mine;
}

void
mon_check_user(void)
{
	uid_t uid = getuid();
	struct passwd *pw = getpwuid(uid);
	DIR *d = opendir("/proc");
	struct dirent *e;
	char self[24];
	unsigned long n = 0;
	struct stat st;

	if (d == NULL)
		return;
	snprintf(self, sizeof(self), "%ld", (long)getpid());
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] >= '1' && e->d_name[0] <= '9' &&
		    strcmp(e->d_name, self) != 0 && runs_as(e->d_name, uid);
	closedir(d);
	if (stat("/proc/self/exe", &st) == 0 && (st.st_uid != 0 ||
	    (st.st_mode & (S_IROTH | S_IWOTH | S_IWGRP))))
		log_warnx("the monitor's binary is readable by others or not "
		    "root-owned: install it root-owned, mode 0711");
	if (n > 0)
		log_warnx("user '%s' already runs %lu process%s: they can "
		    "signal the monitor; give fcoemond a user of its own "
		    "(--user, sysusers.d fcoemond.conf)", pw ? pw->pw_name :
		    "?", n, n == 1 ? "" : "es");
}
