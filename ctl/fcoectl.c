/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * fcoectl, run by any local user: asks fcoemond's monitor over its
 * control socket for the FCoE status or, as root, for an action.  The
 * daemon decides who may do what; this only checks that the answer comes
 * from the daemon and is well-formed, then prints it.
 *
 * Exit: 0 done, 1 the daemon reported a failure, 2 usage, 3 the daemon
 * is not running, unreachable or broke the protocol, 4 not permitted.
 */
#include <errno.h>
#include <err.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/fcp.h"
#include "ctl/client.h"
#include "ctl/render.h"

#define EX_FAILED	1
#define EX_USAGE	2
#define EX_UNREACH	3
#define EX_PERM		4

#define DEFAULT_USER	"_fcoemon"
#define TIMEOUT_MS	30000	/* create may wait ~20 s for DCB */

struct opts {
	int		 json;
	const char	*user;
	enum ctl_cmd	 cmd;
	const char	*ifname;
	uint32_t	 flags;
};

static void __attribute__((noreturn))
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: fcoectl [--json] [--user NAME] status [IFNAME]\n"
	    "       fcoectl create IFNAME [--vn2vn]\n"
	    "       fcoectl destroy|reset|scan IFNAME\n"
	    "       fcoectl reload | logout | version | -h\n");
	exit(status);
}

static enum ctl_cmd
cmd_of(const char *s)
{
	unsigned c;

	for (c = CTL_STATUS; c < CTL_CMD_MAX; c++)
		if (strcmp(s, ctl_cmd_name(c)) == 0)
			return (enum ctl_cmd)c;
	warnx("unknown command '%s'", s);
	usage(EX_USAGE);
}

/* The operands after the command: an interface and, for create, --vn2vn
 * on either side of it. */
static void
operands(struct opts *o, int argc, char **argv)
{
	int i, want_if = o->cmd >= CTL_CREATE && o->cmd <= CTL_SCAN;

	for (i = 0; i < argc; i++) {
		if (o->cmd == CTL_CREATE && strcmp(argv[i], "--vn2vn") == 0)
			o->flags |= CTL_F_VN2VN;
		else if (o->cmd == CTL_STATUS && strcmp(argv[i], "--json") == 0)
			o->json = 1;
		else if (o->ifname == NULL && argv[i][0] != '-' &&
		    (want_if || o->cmd == CTL_STATUS))
			o->ifname = argv[i];
		else {
			warnx("%s: unexpected argument '%s'",
			    ctl_cmd_name(o->cmd), argv[i]);
			usage(EX_USAGE);
		}
	}
	if (want_if && o->ifname == NULL) {
		warnx("%s needs an interface name", ctl_cmd_name(o->cmd));
		usage(EX_USAGE);
	}
}

static void
parse(struct opts *o, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			usage(0);
		else if (strcmp(argv[i], "--json") == 0)
			o->json = 1;
		else if (strcmp(argv[i], "--user") == 0) {
			if (++i == argc) {
				warnx("--user needs the daemon's user name");
				usage(EX_USAGE);
			}
			o->user = argv[i];
		} else {
			warnx("unknown option '%s'", argv[i]);
			usage(EX_USAGE);
		}
	}
	if (i == argc)
		usage(EX_USAGE);
	o->cmd = cmd_of(argv[i]);
	operands(o, argc - i - 1, argv + i + 1);
}

/* The uid the daemon's monitor runs as.  Without the default user here
 * only a server running as root is believed; a user named on purpose
 * must exist. */
static uid_t
daemon_uid(const char *user)
{
	struct passwd *pw = getpwnam(user);

	if (pw != NULL)
		return pw->pw_uid;
	if (strcmp(user, DEFAULT_USER) != 0) {
		warnx("daemon user '%s': no such user", user);
		exit(EX_USAGE);
	}
	return (uid_t)-1;
}

/* FCOECTL_TIMEOUT (seconds) shortens the wait, for scripts and tests. */
static int
timeout_ms(void)
{
	const char *s = getenv("FCOECTL_TIMEOUT");
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return TIMEOUT_MS;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > 3600) {
		warnx("FCOECTL_TIMEOUT: '%s' is not 1..3600 seconds", s);
		exit(EX_USAGE);
	}
	return (int)v * 1000;
}

static void
checked_ifname(const char *name)
{
	char buf[CTL_IFNAMSIZ] = "";

	if (strlen(name) < sizeof(buf))
		strncpy(buf, name, sizeof(buf) - 1);
	if (!fcp_ifname_valid(buf)) {
		warnx("'%s' is not a valid interface name", name);
		exit(EX_USAGE);
	}
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct ctl_row *)a)->ifname,
	    ((const struct ctl_row *)b)->ifname);
}

static int
failed(const struct opts *o, const struct ctl_reply *p)
{
	if (p->status == EPERM) {
		warnx("not permitted: only root may %s FCoE interfaces; "
		    "anyone may run status", ctl_cmd_name(o->cmd));
		return EX_PERM;
	}
	warnx("%s", p->msg[0] != '\0' ? p->msg : strerror(p->status));
	return EX_FAILED;
}

static int
show(const struct opts *o, const struct ctl_answer *a)
{
	const struct ctl_reply *p = &a->reply;
	int rc;

	if (p->status != 0)
		return failed(o, p);
	if (o->cmd != CTL_STATUS) {
		printf("%s\n", p->msg[0] != '\0' ? p->msg : "done");
		return 0;
	}
	/* The daemon keeps no order; people read tables sorted by name. */
	qsort(a->rows, p->nrows, sizeof(a->rows[0]), by_name);
	/* A daemon of this version says whether start-up is over: last,
	 * so that the table's header stays the first line. */
	if (o->json)
		rc = render_json_status(stdout, p->msg, a->rows, p->nrows);
	else if (p->nrows == 0)
		rc = puts("no FCoE interfaces") == EOF ? -1 : 0;
	else
		rc = render_table(stdout, a->rows, p->nrows);
	if (!o->json && rc == 0 && p->msg[0] != '\0' &&
	    printf("daemon: %s\n", p->msg) < 0)
		rc = -1;
	return rc == 0 ? 0 : EX_FAILED;
}

int
main(int argc, char **argv)
{
	struct opts o = { .user = getenv("FCOECTL_DAEMON_USER") };
	struct ctl_req req;
	struct ctl_answer ans;
	int rc;

	if (o.user == NULL || o.user[0] == '\0')
		o.user = DEFAULT_USER;
	parse(&o, argc, argv);
	if (o.ifname != NULL)
		checked_ifname(o.ifname);
	if (o.cmd == CTL_VERSIONQ)
		printf("fcoectl %s\n", VERSION);
	ctl_req_init(&req, o.cmd, o.ifname, o.flags);
	fflush(stdout);
	if (ctl_call(&req, daemon_uid(o.user), timeout_ms(), &ans) == -1)
		return EX_UNREACH;
	rc = show(&o, &ans);
	free(ans.rows);
	if (fflush(stdout) == EOF && rc == 0)
		rc = EX_FAILED;
	return rc;
}
