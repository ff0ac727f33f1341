/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (fcoemond-monitor, exec'd by the actuator as an
 * unprivileged user with fds 3 and 4): start-up, the sandbox, and the
 * libevent loop that feeds the engine and ends every cycle with
 * engine_run().  Also `--check-config [DIR]`, which needs neither fd.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <event2/event.h>

#include "monitor/config/config.h"
#include "monitor/io/loop.h"
#include "monitor/io/sandbox.h"
#include "monitor/util/log.h"
#include "privsep/privsep.h"

#ifndef VERSION
#define VERSION	"0.0.0"
#endif

static void __attribute__((noreturn))
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: fcoemond-monitor [-dsV] [-c DIR] [--seccomp=kill|trap|log]"
	    "\n       fcoemond-monitor --check-config [DIR]\n"
	    "       fcoemond-monitor --dump-policy\n"
	    "Normally started by fcoemond, which passes fds 3 and 4.\n");
	exit(status);
}

static int
check_config(const char *dir)
{
	struct cfg_list *l = cfg_scan(dir);

	if (l == NULL) {
		fprintf(stderr, "fcoemond: %s: out of memory\n", dir);
		return 2;
	}
	return cfg_check_print(l, stdout, stderr);
}

static void
parse(int argc, char **argv, struct mon_opts *o)
{
	static const char *const sc[] = { "kill", "trap", "log" };
	static const struct option lo[] = {
		{ "config-dir", required_argument, NULL, 'c' },
		{ "check-config", no_argument, NULL, 'C' },
		{ "seccomp", required_argument, NULL, 'S' },
		{ "dump-policy", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	int c, i;

	while ((c = getopt_long(argc, argv, "c:dsVh", lo, NULL)) != -1) {
		switch (c) {
		case 'c': o->cfgdir = optarg; break;
		case 'd': o->debug = 1; break;
		case 's': o->stderr_only = 1; break;
		case 'C': o->check = 1; break;
		case 'S':
			for (i = 0; i < 3 && strcmp(optarg, sc[i]); i++)
				;
			if (i == 3)
				usage(1);
			o->seccomp = (enum fcp_seccomp)i;
			break;
		case 'P':
			sandbox_seccomp_dump(stdout);
			sandbox_landlock_dump(stdout, CFG_DIR);
			exit(0);
		case 'V': printf("fcoemond-monitor %s\n", VERSION); exit(0);
		case 'h': usage(0);
		default: usage(1);
		}
	}
	if (o->check && optind < argc)
		o->cfgdir = argv[optind++];
	if (optind != argc)
		usage(1);
}

/* fds 3 and 4 must be what the actuator passed: fail early and clearly. */
static void
check_fds(void)
{
	struct stat st;

	if (fstat(FCP_FD_IPC, &st) != 0 || !S_ISSOCK(st.st_mode) ||
	    fstat(FCP_FD_LLDPAD, &st) != 0 || !S_ISSOCK(st.st_mode))
		fatalx("fds 3 and 4 are not sockets: fcoemond-monitor is "
		    "started by fcoemond (try --check-config to test a "
		    "configuration)");
}

int
main(int argc, char **argv)
{
	struct mon_opts o = { .cfgdir = CFG_DIR, .seccomp = FCP_SC_KILL };
	struct stat st;

	/* First: no process of our user may trace us or take our fds. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		return 1;
	/* Before anything opens an fd: is systemd's @fcm_clif on fd 5,
	 * fcoectl's socket on fd 6? */
	o.clif_fd = fstat(FCP_FD_CLIF, &st) == 0 && S_ISSOCK(st.st_mode) ?
	    FCP_FD_CLIF : -1;
	o.ctl_fd = fstat(FCP_FD_CTL, &st) == 0 && S_ISSOCK(st.st_mode) ?
	    FCP_FD_CTL : -1;
	parse(argc, argv, &o);
	if (o.check)
		return check_config(o.cfgdir);
	log_init("fcoemond-monitor", o.debug, !o.stderr_only,
	    o.debug || o.stderr_only);
	check_fds();
	return mon_run(&o);
}
