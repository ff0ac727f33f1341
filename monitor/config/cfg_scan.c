/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): reads a directory of cfg files --
 * every cfg-<ifname> in name order, backups and templates skipped with a
 * note, each file opened without following a symbolic link and refused
 * unless it is a regular file that only its owner (root or the monitor's
 * own user) can write.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "monitor/config/cfg_int.h"

/* ---- reading a directory ---- */

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && strcmp(s + n - k, suf) == 0;
}

/*
 * Editor backups, swap and lock files, and what rpm, dpkg and ucf leave
 * behind.  fcoemon took cfg-eth0.rpmsave for an interface "eth0.rpmsave";
 * that is a valid name, so this test comes before the name check.
 */
static int
is_backup(const char *name)
{
	static const char *const suf[] = { "~", ".swp", ".swo", ".bak",
	    ".orig", ".rpmsave", ".rpmnew", ".rpmorig", ".dpkg-old",
	    ".dpkg-new", ".dpkg-dist", ".dpkg-bak", ".dpkg-tmp", ".ucf-old",
	    ".ucf-new", ".ucf-dist" };
	size_t i;

	if (name[0] == '.' || (name[0] == '#' && has_suffix(name + 1, "#")))
		return 1;
	for (i = 0; i < sizeof(suf) / sizeof(suf[0]); i++)
		if (has_suffix(name, suf[i]))
			return 1;
	return 0;
}

enum entry_kind { E_IGNORE, E_BACKUP, E_TEMPLATE, E_CFG };

/* Names without "cfg-" (config, README) are none of our business. */
static enum entry_kind
classify(const char *name)
{
	if (strstr(name, CFG_PREFIX) == NULL)
		return E_IGNORE;
	if (is_backup(name))
		return E_BACKUP;
	if (strncmp(name, CFG_PREFIX, strlen(CFG_PREFIX)) != 0)
		return E_IGNORE;
	if (strncmp(name, "cfg-ethx", 8) == 0)
		return E_TEMPLATE;
	return E_CFG;
}

struct names {
	char	**v;
	size_t	  n, cap;
};

static void
names_free(struct names *nm)
{
	while (nm->n)
		free(nm->v[--nm->n]);
	free(nm->v);
}

static int
names_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every name that concerns us, sorted; -1 with errno on failure. */
static int
read_names(DIR *d, struct names *nm)
{
	struct dirent *de;

	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if (classify(de->d_name) == E_IGNORE)
			continue;
		if (cfg_grow(&nm->v, &nm->cap, nm->n + 1, sizeof(*nm->v)) < 0 ||
		    (nm->v[nm->n] = strdup(de->d_name)) == NULL)
			return -1;
		nm->n++;
	}
	if (errno != 0)
		return -1;
	qsort(nm->v, nm->n, sizeof(*nm->v), names_cmp);
	return 0;
}

/*
 * Opens one cfg file for reading, or says why not and returns -1.
 * Whoever can write a cfg file decides where FCoE runs, so a file is
 * refused (an error, the file is skipped) when it is:
 *  - a symbolic link (O_NOFOLLOW: never followed, whatever it points to);
 *  - not a regular file (O_NONBLOCK: a FIFO named cfg-x cannot hang the
 *    daemon while we find out);
 *  - writable by group or others;
 *  - owned by anyone but root or the user reading it (the monitor's own
 *    user, or whoever runs --check-config).
 */
static int
open_cfg(struct cfg_diags *dg, int dfd, const char *name, const char *path)
{
	struct stat st;
	int fd, e;

	if ((fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK | O_NOFOLLOW)) < 0 || fstat(fd, &st) < 0) {
		e = errno;
		if (e == ELOOP)
			cfg_diag_add(dg, path, 0, CFG_ERROR, "a symbolic link; "
			    "not followed (make it a regular file)");
		else
			cfg_diag_add(dg, path, 0, CFG_ERROR, "cannot read: %s",
			    strerror(e));
	} else if (!S_ISREG(st.st_mode))
		cfg_diag_add(dg, path, 0, CFG_ERROR, "not a regular file");
	else if (st.st_mode & (S_IWGRP | S_IWOTH))
		cfg_diag_add(dg, path, 0, CFG_ERROR, "writable by group or "
		    "others (mode %04o); refused: whoever can write it "
		    "controls FCoE on %s", (unsigned)(st.st_mode & 07777),
		    name + strlen(CFG_PREFIX));
	else if (st.st_uid != 0 && st.st_uid != geteuid())
		cfg_diag_add(dg, path, 0, CFG_ERROR, "owned by uid %u; "
		    "refused: only root (or uid %u, reading it) may own a cfg "
		    "file", (unsigned)st.st_uid, (unsigned)geteuid());
	else
		return fd;
	if (fd >= 0)
		close(fd);
	return -1;
}

/* The file's bytes into buf (CFG_FILE_MAX + 1), or -1 after a message. */
static ssize_t
read_file(struct cfg_diags *dg, int dfd, const char *name, const char *path,
    char *buf)
{
	ssize_t r = 0, len = 0;
	int fd, e;

	if ((fd = open_cfg(dg, dfd, name, path)) < 0)
		return -1;
	while (len <= CFG_FILE_MAX && (r = read(fd, buf + len,
	    (size_t)(CFG_FILE_MAX + 1 - len))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		len += r;
	}
	e = errno;
	close(fd);
	if (r < 0)
		cfg_diag_add(dg, path, 0, CFG_ERROR, "cannot read: %s",
		    strerror(e));
	else if (len > CFG_FILE_MAX)
		cfg_diag_add(dg, path, 0, CFG_ERROR, "larger than %d bytes; "
		    "not a configuration file", CFG_FILE_MAX);
	return r < 0 || len > CFG_FILE_MAX ? -1 : len;
}

/* One directory entry; -1 only when out of memory. */
static int
scan_one(struct cfg_list *l, int dfd, const char *name, char *buf)
{
	const char *ifname = name + strlen(CFG_PREFIX);
	struct cfg_iface ifc;
	char path[8192];
	ssize_t len;

	snprintf(path, sizeof(path), "%s/%s", l->dir, name);
	switch (classify(name)) {
	case E_BACKUP:
		cfg_diag_add(&l->diags, path, 0, CFG_NOTE, "skipped: editor "
		    "backup, hidden file or package leftover");
		return 0;
	case E_TEMPLATE:
		cfg_diag_add(&l->diags, path, 0, CFG_NOTE, "skipped: template "
		    "(fcoemon skips cfg-ethx*)");
		return 0;
	case E_IGNORE:
		return 0;
	case E_CFG:
		break;
	}
	if (cfg_name_error(&l->diags, path, ifname))
		return 0;
	if ((len = read_file(&l->diags, dfd, name, path, buf)) < 0 ||
	    cfg_parse(path, ifname, buf, (size_t)len, &ifc, &l->diags) < 0)
		return cfg_reject(l, ifname);
	return cfg_list_add(l, &ifc);
}

static void
dir_error(struct cfg_list *l, const char *what, int e)
{
	l->dir_failed = true;
	cfg_diag_add(&l->diags, l->dir, 0, CFG_ERROR, "%s: %s", what,
	    strerror(e));
}

/* The entries of an opened directory; -1 only when out of memory. */
static int
scan_dir(struct cfg_list *l, DIR *d)
{
	struct names nm = { NULL, 0, 0 };
	char *buf = NULL;
	size_t i;
	int rc = 0;

	if (read_names(d, &nm) < 0) {
		/* A partial listing would look like deleted files. */
		if (errno == ENOMEM)
			rc = -1;
		else
			dir_error(l, "cannot read", errno);
	} else if ((buf = malloc(CFG_FILE_MAX + 1)) == NULL)
		rc = -1;
	for (i = 0; rc == 0 && buf != NULL && i < nm.n; i++)
		rc = scan_one(l, dirfd(d), nm.v[i], buf);
	free(buf);
	names_free(&nm);
	return rc;
}

struct cfg_list *
cfg_scan(const char *dir)
{
	struct cfg_list *l = cfg_list_new();
	DIR *d;

	if (l == NULL || (l->dir = strdup(dir)) == NULL)
		goto nomem;
	if ((d = opendir(dir)) == NULL) {
		dir_error(l, "cannot open", errno);
		return l;
	}
	if (scan_dir(l, d) < 0) {
		closedir(d);
		goto nomem;
	}
	closedir(d);
	return l;
nomem:
	cfg_list_free(l);
	errno = ENOMEM;
	return NULL;
}

