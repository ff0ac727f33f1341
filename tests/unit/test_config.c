/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check) of code run by the monitor (unprivileged): the cfg
 * file parser, the directory scan, the hashed list, the reload diff and
 * --check-config output of monitor/config/.
 *
 * The corpus under tests/unit/config-corpus holds NAME.cfg inputs and
 * NAME.expect outputs: the --check-config line of the result (or
 * "rejected"), then every diagnostic, exactly, in order.  Each file is
 * parsed as /etc/fcoe/cfg-eth0.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "monitor/config/config.h"

#ifndef CFG_CORPUS_DIR
#define CFG_CORPUS_DIR "tests/unit/config-corpus"
#endif

static const char *const corpus[] = {
	"good-template", "good-vn2vn", "good-empty", "good-disabled",
	"warn-values", "warn-fabric", "warn-space", "warn-unknown",
	"warn-duplicate", "warn-quotes", "warn-trailing", "warn-ignored",
	"warn-longline", "warn-flood",
	"bad-unquoted", "bad-empty", "bad-mode", "bad-cut", "bad-quotes",
	"bad-toolong", "bad-nul", "bad-long-setting", "bad-long-cut",
};
#define NCORPUS	(sizeof(corpus) / sizeof(corpus[0]))

static const char *
corpus_dir(void)
{
	const char *d = getenv("CFG_CORPUS");

	return d ? d : CFG_CORPUS_DIR;
}

/* Whole file into a malloc'd buffer (NUL-terminated for convenience). */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(1 << 17);
	size_t n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_ptr_nonnull(buf);
	n = fread(buf, 1, (1 << 17) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* Next line of *p (modified in place), or NULL at the end. */
static char *
next_line(char **p)
{
	char *s = *p, *nl;

	if (*s == '\0')
		return NULL;
	if ((nl = strchr(s, '\n')) != NULL) {
		*nl = '\0';
		*p = nl + 1;
	} else
		*p = s + strlen(s);
	return s;
}

/* ---- corpus ---- */

START_TEST(corpus_file)
{
	char path[4096], line[128], *input, *expect, *p, *want;
	struct cfg_diags d = { 0 };
	struct cfg_iface ifc;
	size_t len, i;
	int rc;

	snprintf(path, sizeof(path), "%s/%s.cfg", corpus_dir(), corpus[_i]);
	input = slurp(path, &len);
	snprintf(path, sizeof(path), "%s/%s.expect", corpus_dir(), corpus[_i]);
	p = expect = slurp(path, NULL);

	rc = cfg_parse("/etc/fcoe/cfg-eth0", "eth0", input, len, &ifc, &d);
	want = next_line(&p);
	ck_assert_ptr_nonnull(want);
	if (rc == 0) {
		cfg_iface_format(&ifc, line, sizeof(line));
		ck_assert_str_eq(line, want);
		ck_assert_uint_eq(d.count[CFG_ERROR], 0);
	} else {
		ck_assert_str_eq("rejected", want);
		ck_assert_uint_gt(d.count[CFG_ERROR], 0);
	}
	for (i = 0; (want = next_line(&p)) != NULL; i++) {
		ck_assert_msg(i < d.n, "%s: missing message \"%s\"",
		    corpus[_i], want);
		ck_assert_str_eq(d.v[i].msg, want);
	}
	ck_assert_msg(i == d.n, "%s: unexpected message \"%s\"", corpus[_i],
	    i < d.n ? d.v[i].msg : "");
	ck_assert_uint_eq(d.lost, 0);
	cfg_diags_free(&d);
	free(input);
	free(expect);
}
END_TEST

/* Every NAME.cfg in the corpus is in the list above, and has its .expect. */
START_TEST(corpus_complete)
{
	DIR *dir = opendir(corpus_dir());
	struct dirent *de;
	char path[4096];
	size_t i, ncfg = 0, n;

	ck_assert_ptr_nonnull(dir);
	while ((de = readdir(dir)) != NULL) {
		n = strlen(de->d_name);
		if (n < 4 || strcmp(de->d_name + n - 4, ".cfg") != 0)
			continue;
		ncfg++;
		for (i = 0; i < NCORPUS; i++)
			if (strlen(corpus[i]) == n - 4 &&
			    strncmp(corpus[i], de->d_name, n - 4) == 0)
				break;
		ck_assert_msg(i < NCORPUS, "%s is not tested", de->d_name);
		snprintf(path, sizeof(path), "%s/%s.expect", corpus_dir(),
		    corpus[i]);
		ck_assert_msg(access(path, R_OK) == 0, "no %s", path);
	}
	closedir(dir);
	ck_assert_uint_eq(ncfg, NCORPUS);
}
END_TEST

/* ---- the value rules, key by key, as fcoemon reads them ---- */

struct vrow {
	const char	*line;
	int		 enable, dcb, vlan, fip, vn2vn;	/* -1: not checked */
	int		 nwarn;
};

static const struct vrow vrows[] = {
	{ "FCOE_ENABLE=\"yes\"", 1, 0, 0, 0, 0, 0 },
	{ "FCOE_ENABLE=\"YES\"", 1, 0, 0, 0, 0, 0 },
	{ "FCOE_ENABLE=\"yEs\"", 1, 0, 0, 0, 0, 0 },
	{ "FCOE_ENABLE='no'", 0, 0, 0, 0, 0, 0 },
	{ "FCOE_ENABLE=\"yesterday\"", 1, 0, 0, 0, 0, 1 },
	{ "FCOE_ENABLE=\"ye\"", 0, 0, 0, 0, 0, 1 },
	{ "FCOE_ENABLE=\"y\"", 0, 0, 0, 0, 0, 1 },
	{ "DCB_REQUIRED=\"yes\"", -1, 1, 0, 0, 0, 1 },	/* + enable unset */
	{ "DCB_REQUIRED=\"Yes-please\"", -1, 1, 0, 0, 0, 2 },
	{ "AUTO_VLAN=\"YESS\"", -1, 0, 1, 0, 0, 2 },
	{ "FIP_RESP=\"yes\"", -1, 0, 0, 1, 0, 1 },
	{ "FIP_RESP=\"YES\"", -1, 0, 0, 1, 0, 1 },
	{ "FIP_RESP=\"yess\"", -1, 0, 0, 0, 0, 2 },
	{ "MODE=\"vn2vn\"", -1, 0, 0, 0, 1, 1 },
	{ "MODE=\"Vn2Vn\"", -1, 0, 0, 0, 1, 1 },
	{ "MODE=\"vn2vn2\"", -1, 0, 0, 0, 1, 2 },
	{ "MODE=\"fabric\"", -1, 0, 0, 0, 0, 1 },
	{ "MODE=\"FABRIC\"", -1, 0, 0, 0, 0, 1 },
	{ "MODE=\"fabrics\"", -1, 0, 0, 0, 0, 2 },
	{ "MODE=\"12345678901234567890\"", -1, 0, 0, 0, -2, 0 },
};

START_TEST(value_rules)
{
	const struct vrow *r = &vrows[_i];
	struct cfg_diags d = { 0 };
	struct cfg_iface ifc;
	int rc;

	rc = cfg_parse("f", "eth0", r->line, strlen(r->line), &ifc, &d);
	if (r->vn2vn == -2) {		/* unknown mode: an error */
		ck_assert_int_eq(rc, -1);
		ck_assert_uint_eq(d.count[CFG_ERROR], 1);
		cfg_diags_free(&d);
		return;
	}
	ck_assert_msg(rc == 0, "%s", r->line);
	if (r->enable >= 0)
		ck_assert_int_eq(ifc.fcoe_enable, r->enable);
	ck_assert_int_eq(ifc.dcb_required, r->dcb);
	ck_assert_int_eq(ifc.auto_vlan, r->vlan);
	ck_assert_int_eq(ifc.fip_resp, r->fip);
	ck_assert_int_eq(ifc.mode, r->vn2vn ? CFG_MODE_VN2VN :
	    CFG_MODE_FABRIC);
	ck_assert_msg(d.count[CFG_WARNING] == (size_t)r->nwarn,
	    "%s: %zu warnings", r->line, d.count[CFG_WARNING]);
	cfg_diags_free(&d);
}
END_TEST

/* Text from disk is escaped in messages: no forged lines, no escapes. */
START_TEST(messages_escaped)
{
	static const char in[] = "FO\x1b[2JO=\"x\"\nFCOE_ENABLE=\"\\yes\n";
	struct cfg_diags d = { 0 };
	struct cfg_iface ifc;

	cfg_parse("/etc/fcoe/cfg-e\nth0", "eth0", in, sizeof(in) - 1, &ifc,
	    &d);
	ck_assert_uint_eq(d.n, 2);
	ck_assert_str_eq(d.v[0].msg, "/etc/fcoe/cfg-e\\x0ath0:1: warning: "
	    "FO\\x1b[2JO: unknown key, ignored");
	ck_assert_str_eq(d.v[1].msg, "/etc/fcoe/cfg-e\\x0ath0:2: error: "
	    "FCOE_ENABLE=\"\\\\yes: missing closing quote; fcoemon rejects "
	    "the file");
	cfg_diags_free(&d);
}
END_TEST

/* ---- interface names ---- */

START_TEST(ifname_rules)
{
	ck_assert_int_eq(cfg_ifname_valid("eth0", 4), 1);
	ck_assert_int_eq(cfg_ifname_valid("eth0.100", 8), 1);
	ck_assert_int_eq(cfg_ifname_valid("bond0_a-b", 9), 1);
	/* An alias is an address on eth0, not an interface. */
	ck_assert_int_eq(cfg_ifname_valid("bond0:1_a-b", 11), 0);
	ck_assert_int_eq(cfg_ifname_valid("eth0:1", 6), 0);
	ck_assert_int_eq(cfg_ifname_valid("abcdefghijklmno", 15), 1);
	ck_assert_int_eq(cfg_ifname_valid("abcdefghijklmnop", 16), 0);
	ck_assert_int_eq(cfg_ifname_valid("", 0), 0);
	ck_assert_int_eq(cfg_ifname_valid(".", 1), 0);
	ck_assert_int_eq(cfg_ifname_valid("..", 2), 0);
	ck_assert_int_eq(cfg_ifname_valid("...", 3), 1);
	ck_assert_int_eq(cfg_ifname_valid("eth 0", 5), 0);
	ck_assert_int_eq(cfg_ifname_valid("eth/0", 5), 0);
	ck_assert_int_eq(cfg_ifname_valid("eth0\n", 5), 0);
	ck_assert_int_eq(cfg_ifname_valid("\xc3\xa9", 2), 0);
}
END_TEST

static const char *const bad_names[][2] = {
	{ "", "f: error: interface name: empty after \"cfg-\"" },
	{ "abcdefghijklmnop", "f: error: interface name \"abcdefghijklmnop\":"
	    " longer than 15 characters; fcoemon would truncate it to "
	    "\"abcdefghijklmno\"" },
	{ "..", "f: error: interface name \"..\": not an interface name" },
	{ "eth0 copy", "f: error: interface name \"eth0 copy\": ' ' is not "
	    "allowed (only letters, digits and _ . -)" },
	{ "eth\t0", "f: error: interface name \"eth\\x090\": '\\x09' is not "
	    "allowed (only letters, digits and _ . -)" },
	{ "eth0:1", "f: error: interface name \"eth0:1\": ':' makes an "
	    "address alias, not an interface; name the interface itself "
	    "(eth0)" },
};

START_TEST(ifname_messages)
{
	struct cfg_diags d = { 0 };
	struct cfg_iface ifc;

	ck_assert_int_eq(cfg_parse("f", bad_names[_i][0], "", 0, &ifc, &d),
	    -1);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].msg, bad_names[_i][1]);
	cfg_diags_free(&d);
}
END_TEST

/* ---- temporary directories ---- */

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void
rmtree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
put(const char *dir, const char *name, const char *text, mode_t mode)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	ck_assert_int_eq(fchmod(fd, mode), 0);
	close(fd);
}

/*
 * main() makes one base directory and removes it at the end, so a failed
 * assertion (which ends the forked test before its own clean-up) leaves
 * nothing behind.
 */
static char tmpbase[] = "/tmp/cfgtest.XXXXXX";

static char *
mktmp(void)
{
	char *d = malloc(sizeof(tmpbase) + 16);

	ck_assert_ptr_nonnull(d);
	snprintf(d, sizeof(tmpbase) + 16, "%s/d.XXXXXX", tmpbase);
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

static void
assert_msgs(const struct cfg_list *l, const char *dir,
    const char *const *want, size_t n)
{
	char buf[8192];
	const char *at;
	size_t i;


	for (i = 0; i < n && i < l->diags.n; i++) {
		/* want[i] is "%s/cfg-...", the %s standing for dir. */
		at = strstr(want[i], "%s");
		ck_assert_ptr_nonnull(at);
		snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - want[i]),
		    want[i], dir, at + 2);
		ck_assert_str_eq(l->diags.v[i].msg, buf);
	}
	ck_assert_msg(l->diags.n == n, "%zu messages, wanted %zu; next: %s",
	    l->diags.n, n, l->diags.n > n ? l->diags.v[n].msg : "-");
}

#define GOOD	"FCOE_ENABLE=\"yes\"\nDCB_REQUIRED=\"yes\"\n"

/* Each message of the scan, %s being the directory. */
static const char *const scan_msgs[] = {
	"%s/#cfg-eth0#: note: skipped: editor backup, hidden file or "
	    "package leftover",
	"%s/.cfg-eth0.swp: note: skipped: editor backup, hidden file or "
	    "package leftover",
	"%s/cfg-: error: interface name: empty after \"cfg-\"",
	"%s/cfg-..: error: interface name \"..\": not an interface name",
	"%s/cfg-dir0: error: not a regular file",
	"%s/cfg-eth 0: error: interface name \"eth 0\": ' ' is not allowed "
	    "(only letters, digits and _ . -)",
	"%s/cfg-eth0.bak: note: skipped: editor backup, hidden file or "
	    "package leftover",
	"%s/cfg-eth0.dpkg-dist: note: skipped: editor backup, hidden file "
	    "or package leftover",
	"%s/cfg-eth0.dpkg-new: note: skipped: editor backup, hidden file or "
	    "package leftover",
	"%s/cfg-eth0.dpkg-old: note: skipped: editor backup, hidden file or "
	    "package leftover",
	"%s/cfg-eth0.orig: note: skipped: editor backup, hidden file or "
	    "package leftover",
	"%s/cfg-eth0.rpmnew: note: skipped: editor backup, hidden file or "
	    "package leftover",
	"%s/cfg-eth0.rpmsave: note: skipped: editor backup, hidden file or "
	    "package leftover",
	"%s/cfg-eth0~: note: skipped: editor backup, hidden file or package "
	    "leftover",
	"%s/cfg-eth1:1: error: FCOE_ENABLE=yes: value not quoted; fcoemon "
	    "rejects the file (\"Invalid format\"); write FCOE_ENABLE=\"yes\"",
	"%s/cfg-eth3: error: writable by group or others (mode 0666); "
	    "refused: whoever can write it controls FCoE on eth3",
	"%s/cfg-ethx: note: skipped: template (fcoemon skips cfg-ethx*)",
	"%s/cfg-ethx0: note: skipped: template (fcoemon skips cfg-ethx*)",
	"%s/cfg-fifo0: error: not a regular file",
	"%s/cfg-verylonginterface0: error: interface name "
	    "\"verylonginterface0\": longer than 15 characters; fcoemon would "
	    "truncate it to \"verylonginterfa\"",
};

static void
fill_scan_dir(const char *dir)
{
	static const char *const backups[] = { "cfg-eth0~", ".cfg-eth0.swp",
	    "#cfg-eth0#", "cfg-eth0.rpmsave", "cfg-eth0.rpmnew",
	    "cfg-eth0.dpkg-old", "cfg-eth0.dpkg-new", "cfg-eth0.dpkg-dist",
	    "cfg-eth0.bak", "cfg-eth0.orig", "cfg-ethx", "cfg-ethx0",
	    "cfg-", "cfg-..", "cfg-eth 0", "cfg-verylonginterface0",
	    "config", "README" };
	char path[4096];
	size_t i;

	/* Created out of order: the scan sorts. */
	put(dir, "cfg-eth3", GOOD, 0666);
	put(dir, "cfg-eth2.100", "FCOE_ENABLE=\"yes\"\nMODE=\"vn2vn\"\n",
	    0644);
	put(dir, "cfg-eth1", "FCOE_ENABLE=yes\n", 0644);
	put(dir, "cfg-eth0", GOOD, 0644);
	for (i = 0; i < sizeof(backups) / sizeof(backups[0]); i++)
		put(dir, backups[i], GOOD, 0644);
	snprintf(path, sizeof(path), "%s/cfg-dir0", dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/cfg-fifo0", dir);
	ck_assert_int_eq(mkfifo(path, 0644), 0);
}

START_TEST(scan_dir_mixed)
{
	char *dir = mktmp(), line[128];
	struct cfg_list *l;

	fill_scan_dir(dir);
	l = cfg_scan(dir);
	ck_assert_ptr_nonnull(l);
	ck_assert(!l->dir_failed);
	/* eth3 is writable by all: refused (doc/fcoe-cfg.5, SECURITY.md). */
	ck_assert_uint_eq(l->n, 2);
	ck_assert_str_eq(l->v[0].ifname, "eth0");
	ck_assert_str_eq(l->v[1].ifname, "eth2.100");
	cfg_iface_format(&l->v[1], line, sizeof(line));
	ck_assert_str_eq(line, "eth2.100        fcoe_enable=yes "
	    "dcb_required=no auto_vlan=no mode=vn2vn fip_resp=no");
	ck_assert_ptr_eq(cfg_list_find(l, "eth2.100"), &l->v[1]);
	ck_assert_ptr_null(cfg_list_find(l, "eth3"));
	ck_assert_ptr_null(cfg_list_find(l, "eth1"));
	/* Valid names whose files failed: a reload keeps their settings. */
	ck_assert_uint_eq(l->nrej, 4);
	ck_assert_str_eq(l->rejected[0], "dir0");
	ck_assert_str_eq(l->rejected[1], "eth1");
	ck_assert_str_eq(l->rejected[2], "eth3");
	ck_assert_str_eq(l->rejected[3], "fifo0");
	assert_msgs(l, dir, scan_msgs, sizeof(scan_msgs) /
	    sizeof(scan_msgs[0]));
	ck_assert_uint_eq(l->diags.count[CFG_ERROR], 8);
	ck_assert_uint_eq(l->diags.count[CFG_WARNING], 0);
	ck_assert_uint_eq(l->diags.count[CFG_NOTE], 12);
	cfg_list_free(l);
	rmtree(dir);
	free(dir);
}
END_TEST

/* The one message of a scan of dir holding only cfg-eth0, or NULL. */
static const char *
only_msg(const struct cfg_list *l)
{
	return l->diags.n == 1 ? l->diags.v[0].msg : NULL;
}

/* A symbolic link is never followed, even to a good root-owned file. */
START_TEST(scan_refuses_symlink)
{
	char *dir = mktmp(), path[4096], want[4200];
	struct cfg_list *l;

	put(dir, "good", GOOD, 0644);
	snprintf(path, sizeof(path), "%s/cfg-eth0", dir);
	ck_assert_int_eq(symlink("good", path), 0);
	l = cfg_scan(dir);
	ck_assert_uint_eq(l->n, 0);
	ck_assert_ptr_null(cfg_list_find(l, "eth0"));
	snprintf(want, sizeof(want), "%s/cfg-eth0: error: a symbolic link; "
	    "not followed (make it a regular file)", dir);
	ck_assert_pstr_eq(only_msg(l), want);
	cfg_list_free(l);
	rmtree(dir);
	free(dir);
}
END_TEST

/* Owned by someone else than root or the reader: refused. */
START_TEST(scan_refuses_foreign_owner)
{
	char *dir = mktmp(), path[4096], want[4200];
	struct cfg_list *l;
	uid_t other = geteuid() == 4242 ? 4243 : 4242;

	put(dir, "cfg-eth0", GOOD, 0644);
	snprintf(path, sizeof(path), "%s/cfg-eth0", dir);
	ck_assert_msg(chown(path, other, (gid_t)-1) == 0, "chown: %s (the "
	    "unit tests run as root)", strerror(errno));
	l = cfg_scan(dir);
	ck_assert_uint_eq(l->n, 0);
	snprintf(want, sizeof(want), "%s/cfg-eth0: error: owned by uid %u; "
	    "refused: only root (or uid %u, reading it) may own a cfg file",
	    dir, (unsigned)other, (unsigned)geteuid());
	ck_assert_pstr_eq(only_msg(l), want);
	cfg_list_free(l);
	/* Group-writable is refused like world-writable. */
	ck_assert_int_eq(chown(path, geteuid(), (gid_t)-1), 0);
	ck_assert_int_eq(chmod(path, 0620), 0);
	l = cfg_scan(dir);
	ck_assert_uint_eq(l->n, 0);
	ck_assert_uint_eq(l->diags.count[CFG_ERROR], 1);
	cfg_list_free(l);
	/* Root's (or the reader's) 0644 file is read. */
	ck_assert_int_eq(chmod(path, 0644), 0);
	l = cfg_scan(dir);
	ck_assert_uint_eq(l->n, 1);
	ck_assert_uint_eq(l->diags.count[CFG_ERROR], 0);
	cfg_list_free(l);
	rmtree(dir);
	free(dir);
}
END_TEST

/* A message names file, line and field; it never quotes an input line
 * (a cfg file may hold what it should not, and logs travel). */
START_TEST(messages_never_quote_lines)
{
	static const char in[] = "password hunter2\n"
	    "; token=hunter2\n"
	    "FCOE_ENABLE=\"yes\" hunter2\n";
	struct cfg_diags d = { 0 };
	struct cfg_iface ifc;
	size_t i;

	ck_assert_int_eq(cfg_parse("/etc/fcoe/cfg-eth0", "eth0", in,
	    sizeof(in) - 1, &ifc, &d), 0);
	ck_assert_uint_eq(d.n, 3);
	for (i = 0; i < d.n; i++)
		ck_assert_msg(strstr(d.v[i].msg, "hunter2") == NULL, "%s",
		    d.v[i].msg);
	ck_assert_str_eq(d.v[0].msg, "/etc/fcoe/cfg-eth0:1: warning: line "
	    "ignored: no '=' and no known key");
	ck_assert_str_eq(d.v[2].msg, "/etc/fcoe/cfg-eth0:3: warning: "
	    "FCOE_ENABLE: text after the value ignored (7 characters)");
	cfg_diags_free(&d);
}
END_TEST

START_TEST(scan_dir_missing)
{
	struct cfg_list *l = cfg_scan("/nonexistent/fcoe");

	ck_assert_ptr_nonnull(l);
	ck_assert(l->dir_failed);
	ck_assert_uint_eq(l->n, 0);
	ck_assert_uint_eq(l->diags.n, 1);
	ck_assert_str_eq(l->diags.v[0].msg, "/nonexistent/fcoe: error: "
	    "cannot open: No such file or directory");
	cfg_list_free(l);
}
END_TEST

START_TEST(scan_dir_toolarge)
{
	char *dir = mktmp(), *big = malloc(CFG_FILE_MAX + 2), want[4200];
	struct cfg_list *l;

	memset(big, '#', CFG_FILE_MAX + 1);
	big[CFG_FILE_MAX + 1] = '\0';
	put(dir, "cfg-eth0", big, 0644);
	big[CFG_FILE_MAX] = '\0';		/* exactly the limit: fine */
	put(dir, "cfg-eth1", big, 0644);
	l = cfg_scan(dir);
	ck_assert_uint_eq(l->n, 1);
	ck_assert_str_eq(l->v[0].ifname, "eth1");
	snprintf(want, sizeof(want), "%s/cfg-eth0: error: larger than 65536 "
	    "bytes; not a configuration file", dir);
	ck_assert_str_eq(l->diags.v[0].msg, want);
	cfg_list_free(l);
	rmtree(dir);
	free(dir);
	free(big);
}
END_TEST

/* A host with every VLAN configured: 4,094 files, all loaded, sorted. */
START_TEST(scan_dir_4094)
{
	char *dir = mktmp(), name[32];
	struct cfg_list *l;
	size_t i;

	for (i = 1; i <= 4094; i++) {
		snprintf(name, sizeof(name), "cfg-eth0.%zu", i);
		put(dir, name, GOOD, 0644);
	}
	l = cfg_scan(dir);
	ck_assert_uint_eq(l->n, 4094);
	ck_assert_uint_eq(l->diags.n, 0);
	for (i = 1; i < l->n; i++)
		ck_assert_int_lt(strcmp(l->v[i - 1].ifname, l->v[i].ifname),
		    0);
	for (i = 1; i <= 4094; i++) {
		snprintf(name, sizeof(name), "eth0.%zu", i);
		ck_assert_ptr_nonnull(cfg_list_find(l, name));
	}
	cfg_list_free(l);
	rmtree(dir);
	free(dir);
}
END_TEST

/* ---- the hashed list ---- */

static struct cfg_iface
mk(const char *name, bool en, bool dcb, bool vlan, bool fip, bool vn2vn)
{
	struct cfg_iface i;

	memset(&i, 0, sizeof(i));
	snprintf(i.ifname, sizeof(i.ifname), "%s", name);
	i.fcoe_enable = en;
	i.dcb_required = dcb;
	i.auto_vlan = vlan;
	i.fip_resp = fip;
	i.mode = vn2vn ? CFG_MODE_VN2VN : CFG_MODE_FABRIC;
	return i;
}

/*
 * Lookup cost does not grow with the list: with 4,094 VLANs every name
 * is found in a handful of probes (nodes compared), misses too.
 */
START_TEST(list_lookup_o1)
{
	struct cfg_list *l = cfg_list_new();
	struct cfg_iface ifc;
	char name[CFG_IFNAMSIZ];
	size_t i, p, total = 0, worst = 0;

	for (i = 1; i <= 4094; i++) {
		snprintf(name, sizeof(name), "eth0.%zu", i);
		ifc = mk(name, i & 1, 0, 0, 0, i & 2);
		ck_assert_int_eq(cfg_list_add(l, &ifc), 0);
	}
	/* Chained (util/nmap): at most one entry per bucket on average. */
	ck_assert_uint_ge(l->map.nb, l->n);
	for (i = 1; i <= 4094; i++) {
		snprintf(name, sizeof(name), "eth0.%zu", i);
		ck_assert_str_eq(cfg_list_find(l, name)->ifname, name);
		ck_assert_int_eq(cfg_list_find(l, name)->fcoe_enable, i & 1);
		p = cfg_list_probes(l, name);
		total += p;
		worst = p > worst ? p : worst;
		snprintf(name, sizeof(name), "eth1.%zu", i);
		ck_assert_ptr_null(cfg_list_find(l, name));
		total += cfg_list_probes(l, name);
	}
	ck_assert_msg(total <= 3 * 2 * 4094, "%zu probes", total);
	ck_assert_msg(worst <= 24, "worst %zu probes", worst);
	cfg_list_free(l);
}
END_TEST

START_TEST(list_add_errors)
{
	struct cfg_list *l = cfg_list_new();
	struct cfg_iface a = mk("eth0", 1, 0, 0, 0, 0), bad;

	ck_assert_int_eq(cfg_list_add(l, &a), 0);
	errno = 0;
	ck_assert_int_eq(cfg_list_add(l, &a), -1);
	ck_assert_int_eq(errno, EEXIST);
	bad = mk("eth/0", 1, 0, 0, 0, 0);
	ck_assert_int_eq(cfg_list_add(l, &bad), -1);
	ck_assert_int_eq(errno, EINVAL);
	memset(bad.ifname, 'a', sizeof(bad.ifname));	/* no NUL */
	ck_assert_int_eq(cfg_list_add(l, &bad), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_ptr_null(cfg_list_find(l, "abcdefghijklmnopq"));
	ck_assert_ptr_null(cfg_list_find(l, ""));
	ck_assert_uint_eq(l->n, 1);
	cfg_list_free(l);
}
END_TEST

/* ---- the reload diff, row by row ---- */

#define MAXE 4

struct drow {
	const char		*what;
	struct cfg_iface	 prev[MAXE], next[MAXE];
	struct {
		enum cfg_change	 what;
		const char	*name;
		unsigned	 fields;
	}			 want[2 * MAXE];
	size_t			 count[CFG_NCHANGE];
};

#define I(n, e, d, v, f, m)	{ n, e, d, v, f, m ? CFG_MODE_VN2VN : \
				    CFG_MODE_FABRIC }
#define NONE			{ I("", 0, 0, 0, 0, 0) }
#define D(w, n, f)		{ CFG_ ## w, n, f }

static const struct drow drows[] = {
	{ "both empty", NONE, NONE, { { 0, NULL, 0 } },
	    { 0, 0, 0, 0 } },
	{ "start", NONE, { I("eth0", 1, 1, 0, 0, 0) },
	    { D(ADDED, "eth0", 0) }, { 0, 1, 0, 0 } },
	{ "all files deleted", { I("eth0", 1, 1, 0, 0, 0) }, NONE,
	    { D(REMOVED, "eth0", 0) }, { 0, 0, 1, 0 } },
	{ "nothing changed", { I("eth0", 1, 1, 0, 0, 0),
	    I("eth1", 0, 0, 1, 0, 1) }, { I("eth0", 1, 1, 0, 0, 0),
	    I("eth1", 0, 0, 1, 0, 1) }, { D(UNCHANGED, "eth0", 0),
	    D(UNCHANGED, "eth1", 0) }, { 2, 0, 0, 0 } },
	{ "enable", { I("eth0", 0, 0, 0, 0, 0) }, { I("eth0", 1, 0, 0, 0,
	    0) }, { D(CHANGED, "eth0", CFG_F_ENABLE) }, { 0, 0, 0, 1 } },
	{ "dcb", { I("eth0", 1, 0, 0, 0, 0) }, { I("eth0", 1, 1, 0, 0, 0) },
	    { D(CHANGED, "eth0", CFG_F_DCB) }, { 0, 0, 0, 1 } },
	{ "auto vlan", { I("eth0", 1, 0, 1, 0, 0) }, { I("eth0", 1, 0, 0, 0,
	    0) }, { D(CHANGED, "eth0", CFG_F_AUTO_VLAN) }, { 0, 0, 0, 1 } },
	{ "fip", { I("eth0", 1, 0, 0, 0, 1) }, { I("eth0", 1, 0, 0, 1, 1) },
	    { D(CHANGED, "eth0", CFG_F_FIP_RESP) }, { 0, 0, 0, 1 } },
	{ "mode", { I("eth0", 1, 0, 0, 0, 0) }, { I("eth0", 1, 0, 0, 0, 1) },
	    { D(CHANGED, "eth0", CFG_F_MODE) }, { 0, 0, 0, 1 } },
	{ "everything", { I("eth0", 0, 0, 0, 0, 0) }, { I("eth0", 1, 1, 1,
	    1, 1) }, { D(CHANGED, "eth0", CFG_F_ENABLE | CFG_F_DCB |
	    CFG_F_AUTO_VLAN | CFG_F_FIP_RESP | CFG_F_MODE) }, { 0, 0, 0, 1 } },
	{ "renamed", { I("eth0", 1, 0, 0, 0, 0) }, { I("eth1", 1, 0, 0, 0,
	    0) }, { D(ADDED, "eth1", 0), D(REMOVED, "eth0", 0) },
	    { 0, 1, 1, 0 } },
	{ "mixed", { I("eth0", 1, 1, 0, 0, 0), I("eth1", 1, 0, 0, 0, 0),
	    I("eth2", 1, 0, 0, 0, 0) }, { I("eth0", 1, 1, 0, 0, 0),
	    I("eth2", 1, 0, 0, 0, 1), I("eth3", 1, 0, 0, 0, 0) },
	    { D(UNCHANGED, "eth0", 0), D(CHANGED, "eth2", CFG_F_MODE),
	    D(ADDED, "eth3", 0), D(REMOVED, "eth1", 0) }, { 1, 1, 1, 1 } },
};

static struct cfg_list *
list_of(const struct cfg_iface *v)
{
	struct cfg_list *l = cfg_list_new();
	size_t i;

	for (i = 0; i < MAXE && v[i].ifname[0]; i++)
		ck_assert_int_eq(cfg_list_add(l, &v[i]), 0);
	return l;
}

START_TEST(diff_table)
{
	const struct drow *r = &drows[_i];
	struct cfg_list *prev = list_of(r->prev), *next = list_of(r->next);
	const struct cfg_delta *d;
	struct cfg_diff df;
	size_t i, k;

	ck_assert_int_eq(cfg_diff(prev, next, &df), 0);
	for (i = 0; i < df.n; i++) {
		d = &df.v[i];
		ck_assert_msg(r->want[i].name != NULL, "%s: extra delta",
		    r->what);
		ck_assert_msg(d->what == r->want[i].what, "%s: delta %zu is "
		    "%d", r->what, i, d->what);
		ck_assert_uint_eq(d->fields, r->want[i].fields);
		ck_assert_str_eq((d->next ? d->next : d->prev)->ifname,
		    r->want[i].name);
		ck_assert(d->what == CFG_ADDED ? d->prev == NULL :
		    d->prev == cfg_list_find(prev, r->want[i].name));
		ck_assert(d->what == CFG_REMOVED ? d->next == NULL :
		    d->next == cfg_list_find(next, r->want[i].name));
	}
	ck_assert_msg(r->want[i].name == NULL, "%s: missing delta", r->what);
	for (k = 0; k < CFG_NCHANGE; k++)
		ck_assert_uint_eq(df.count[k], r->count[k]);
	cfg_diff_free(&df);
	cfg_list_free(prev);
	cfg_list_free(next);
}
END_TEST

/* SIGHUP with a typo in a running interface's file: it keeps running. */
START_TEST(reload_keeps_rejected)
{
	char *dir = mktmp(), want[4200];
	struct cfg_list *prev, *next;
	struct cfg_diff df;

	put(dir, "cfg-eth0", "FCOE_ENABLE=\"yes\"\nMODE=\"vn2vn\"\n", 0644);
	put(dir, "cfg-eth1", GOOD, 0644);
	put(dir, "cfg-eth2", GOOD, 0644);
	prev = cfg_scan(dir);
	ck_assert_uint_eq(prev->n, 3);

	put(dir, "cfg-eth0", "FCOE_ENABLE=\"yes\"\nMODE=\"vn2vm\"\n", 0644);
	ck_assert_int_eq(unlink(strcat(strcpy(want, dir), "/cfg-eth2")), 0);
	put(dir, "cfg-eth3", "FCOE_ENABLE=yes\n", 0644);	/* new, bad */
	next = cfg_scan(dir);
	ck_assert_uint_eq(next->n, 1);
	ck_assert_int_eq(cfg_keep_rejected(next, prev), 1);
	ck_assert_uint_eq(next->n, 2);
	ck_assert_str_eq(next->v[0].ifname, "eth0");	/* sorted again */
	ck_assert_int_eq(next->v[0].mode, CFG_MODE_VN2VN);
	ck_assert_ptr_eq(cfg_list_find(next, "eth0"), &next->v[0]);
	ck_assert_ptr_eq(cfg_list_find(next, "eth1"), &next->v[1]);
	snprintf(want, sizeof(want), "%s/cfg-eth0: note: keeping the "
	    "previous settings of eth0 until the errors are fixed", dir);
	ck_assert_str_eq(next->diags.v[next->diags.n - 1].msg, want);

	ck_assert_int_eq(cfg_diff(prev, next, &df), 0);
	ck_assert_uint_eq(df.count[CFG_UNCHANGED], 2);
	ck_assert_uint_eq(df.count[CFG_REMOVED], 1);	/* eth2 */
	ck_assert_uint_eq(df.count[CFG_ADDED], 0);	/* eth3 is bad */
	ck_assert_uint_eq(df.count[CFG_CHANGED], 0);
	cfg_diff_free(&df);
	cfg_list_free(prev);
	cfg_list_free(next);
	rmtree(dir);
	free(dir);
}
END_TEST

/* ---- --check-config ---- */

static int
check_print(const struct cfg_list *l, char **out, char **err)
{
	size_t on, en;
	FILE *o = open_memstream(out, &on), *e = open_memstream(err, &en);
	int rc;

	rc = cfg_check_print(l, o, e);
	fclose(o);
	fclose(e);
	return rc;
}

START_TEST(check_config_output)
{
	char *dir = mktmp(), *out, *err, *out1, want[8192];
	struct cfg_list *l;

	put(dir, "cfg-eth0", GOOD "AUTO_VLAN=\"yes\"\n", 0644);
	put(dir, "cfg-eth0.100", "FCOE_ENABLE=\"yes\"\nMODE=\"vn2vn\"\n"
	    "FIP_RESP=\"yes\"\nDCB_REQUIRE=\"no\"\n", 0644);
	l = cfg_scan(dir);
	ck_assert_int_eq(check_print(l, &out, &err), 0);
	ck_assert_str_eq(out,
	    "eth0            fcoe_enable=yes dcb_required=yes auto_vlan=yes "
	    "mode=fabric fip_resp=no\n"
	    "eth0.100        fcoe_enable=yes dcb_required=no auto_vlan=no "
	    "mode=vn2vn fip_resp=yes\n");
	snprintf(want, sizeof(want), "%s/cfg-eth0.100:4: warning: "
	    "DCB_REQUIRE: unknown key, ignored (did you mean DCB_REQUIRED?)\n"
	    "%s: 2 interfaces, 0 errors, 1 warning\n", dir, dir);
	ck_assert_str_eq(err, want);
	out1 = out;
	free(err);
	cfg_list_free(l);

	put(dir, "cfg-eth1", "MODE=\"vn2vm\"\n", 0644);
	l = cfg_scan(dir);
	ck_assert_int_eq(check_print(l, &out, &err), 1);
	snprintf(want, sizeof(want), "%s/cfg-eth0.100:4: warning: "
	    "DCB_REQUIRE: unknown key, ignored (did you mean DCB_REQUIRED?)\n"
	    "%s/cfg-eth1:1: error: MODE=\"vn2vm\": unknown mode; fcoemon "
	    "would silently use fabric; write MODE=\"fabric\" or "
	    "MODE=\"vn2vn\"\n"
	    "%s: 2 interfaces, 1 error, 1 warning\n", dir, dir, dir);
	ck_assert_str_eq(err, want);
	ck_assert_str_eq(out, out1);	/* eth1 is not listed */
	free(out);
	free(out1);
	free(err);
	cfg_list_free(l);
	rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(check_config_unreadable)
{
	struct cfg_list *l = cfg_scan("/nonexistent/fcoe");
	char *out, *err;

	ck_assert_int_eq(check_print(l, &out, &err), 1);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "/nonexistent/fcoe: error: cannot open: No "
	    "such file or directory\n/nonexistent/fcoe: 0 interfaces, 1 "
	    "error, 0 warnings\n");
	free(out);
	free(err);
	cfg_list_free(l);
}
END_TEST

static Suite *
config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *t;

	t = tcase_create("parse");
	tcase_add_loop_test(t, corpus_file, 0, NCORPUS);
	tcase_add_test(t, corpus_complete);
	tcase_add_loop_test(t, value_rules, 0,
	    sizeof(vrows) / sizeof(vrows[0]));
	tcase_add_test(t, messages_escaped);
	tcase_add_test(t, ifname_rules);
	tcase_add_loop_test(t, ifname_messages, 0,
	    sizeof(bad_names) / sizeof(bad_names[0]));
	suite_add_tcase(s, t);

	t = tcase_create("scan");
	tcase_set_timeout(t, 60);
	tcase_add_test(t, scan_dir_mixed);
	tcase_add_test(t, scan_dir_missing);
	tcase_add_test(t, scan_refuses_symlink);
	tcase_add_test(t, scan_refuses_foreign_owner);
	tcase_add_test(t, messages_never_quote_lines);
	tcase_add_test(t, scan_dir_toolarge);
	tcase_add_test(t, scan_dir_4094);
	suite_add_tcase(s, t);

	t = tcase_create("list");
	tcase_add_test(t, list_lookup_o1);
	tcase_add_test(t, list_add_errors);
	tcase_add_loop_test(t, diff_table, 0,
	    sizeof(drows) / sizeof(drows[0]));
	tcase_add_test(t, reload_keeps_rejected);
	suite_add_tcase(s, t);

	t = tcase_create("check-config");
	tcase_add_test(t, check_config_output);
	tcase_add_test(t, check_config_unreadable);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(config_suite());
	int failed;

	if (mkdtemp(tmpbase) == NULL) {
		perror("mkdtemp");
		return EXIT_FAILURE;
	}
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	rmtree(tmpbase);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
