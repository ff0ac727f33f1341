/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator (fcoemond, started as root): start-up in the order of
 * doc/design.md "Start-up order" -- sanitise, open
 * everything, spawn the monitor, drop, verify,
 * Landlock, seccomp -- then serve until the monitor exits.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include "actuator/actuator.h"
#include "privsep/privsep.h"

#ifndef VERSION
#define VERSION		"0.0.0"
#endif
#ifndef MONITOR_PATH
#define MONITOR_PATH	"/usr/libexec/fcoemond/fcoemond-monitor"
#endif
#define MONITOR_USER	"_fcoemon"
#define MAX_ARGS	32
#define START_WAIT_MS	60000	/* daemon mode: the monitor's HELLO by then */

struct opts {
	int		 foreground, debug, check;
	enum fcp_seccomp seccomp;
	int		 kif;		/* -1: detect */
	char		*monitor;
	const char	*user;
	char		*argv[MAX_ARGS + 4];
};

static void __attribute__((noreturn))
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: fcoemond [-fdV] [--monitor PATH] [--user NAME] "
	    "[--seccomp=kill|trap|log]\n"
	    "                [--kernel-if=auto|bus|libfcoe] "
	    "[--dump-policy] [-- MONITOR-ARGS...]\n"
	    "       fcoemond [--monitor PATH] [--user NAME] --check-config "
	    "[DIR]\n");
	exit(status);
}

static int
lookup(const char *const *names, int count, const char *s)
{
	int i;

	for (i = 0; i < count; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	fprintf(stderr, "fcoemond: unknown value '%s'\n", s);
	usage(1);
}

static void __attribute__((noreturn))
version(void)
{
	int api = seccomp_available(), abi = landlock_abi();

	printf("fcoemond %s\n", VERSION);
	printf("seccomp: %s (libseccomp api %d)\n", api ? "available" :
	    "not available", api);
	if (abi > 0)
		printf("landlock: abi %d\n", abi);
	else
		printf("landlock: not available\n");
	printf("kernel fcoe interface: %s\n", fcp_kif_name(act_kif()));
	exit(0);
}

/* A start-up failure before anything is open: stderr, status 2. */
static void __attribute__((noreturn))
fail(const char *what, const char *detail)
{
	fprintf(stderr, "fcoemond: %s%s%s\n", what, detail ? ": " : "",
	    detail ? detail : "");
	exit(2);
}

/*
 * The monitor checks configurations, as the monitor user with no
 * capability and no_new_privs (privsep/drop.c, as for the daemon): it reads
 * what the daemon would read, and nothing else.  Run by someone else than
 * root, it has nothing to drop and runs as that user.
 */
static void __attribute__((noreturn))
check_config(const struct opts *o, char *dir)
{
	char opt[] = "--check-config", why[128];
	char *argv[] = { o->monitor, opt, dir, NULL };
	struct passwd *pw;

	if (geteuid() != 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
			fail("no_new_privs", strerror(errno));
	} else if ((pw = getpwnam(o->user)) == NULL) {
		fail("no such user (name another with --user)", o->user);
	} else if (pw->pw_uid == 0) {
		fail("the monitor user must not be root", o->user);
	} else if (drop_child(pw->pw_uid, pw->pw_gid) != 0) {
		fail("dropping privileges", strerror(errno));
	} else if (verify_child(pw->pw_uid, pw->pw_gid, why,
	    sizeof(why)) != 0) {
		fail("privilege check failed", why);
	}
	execv(o->monitor, argv);
	fail(o->monitor, strerror(errno));
}

static void
parse(int argc, char **argv, struct opts *o)
{
	static const char *const sc[] = { "kill", "trap", "log" };
	static const char *const kif[] = { "auto", "bus", "libfcoe" };
	static const struct option lo[] = {
		{ "monitor", required_argument, NULL, 'm' },
		{ "user", required_argument, NULL, 'u' },
		{ "seccomp", required_argument, NULL, 's' },
		{ "kernel-if", required_argument, NULL, 'k' },
		{ "dump-policy", no_argument, NULL, 'P' },
		{ "check-config", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	static char debug_opt[] = "-d", trap_opt[] = "--seccomp=trap",
	    log_opt[] = "--seccomp=log";
	int c, i, n;

	while ((c = getopt_long(argc, argv, "fdVh", lo, NULL)) != -1) {
		switch (c) {
		case 'f': o->foreground = 1; break;
		case 'd': o->debug = 1; break;
		case 'm': o->monitor = optarg; break;
		case 'u': o->user = optarg; break;
		case 's': o->seccomp = lookup(sc, 3, optarg); break;
		case 'k': o->kif = lookup(kif, 3, optarg);
			if (o->kif == 0)
				o->kif = -1;
			break;
		case 'V': act_set_kif(o->kif); version();
		case 'P': seccomp_dump(stdout); landlock_dump(stdout); exit(0);
		case 'C': o->check = 1; break;
		case 'h': usage(0);
		default: usage(1);
		}
	}
	if (argc - optind > MAX_ARGS)
		usage(1);
	if (o->check)
		check_config(o, optind < argc ? argv[optind] : NULL);
	/* The monitor follows the actuator's debug and seccomp modes. */
	n = 0;
	o->argv[n++] = o->monitor;
	if (o->debug)
		o->argv[n++] = debug_opt;
	if (o->seccomp != FCP_SC_KILL)
		o->argv[n++] = o->seccomp == FCP_SC_TRAP ? trap_opt : log_opt;
	for (i = optind; i < argc; i++)
		o->argv[n++] = argv[i];
}

/* Each descriptor must land on its fixed number (privsep.h). */
static void
expect_fd(int fd, int want, const char *what)
{
	if (fd == -1)
		fatal("%s", what);
	if (fd != want)
		fatalx("%s: got fd %d, expected %d", what, fd, want);
}

/* The monitor's stderr pipe: read end ACT_FD_RELAY, write end _W. */
static void
open_relay(void)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) == -1 ||
	    privsep_move_fd(p[1], ACT_FD_RELAY_W) == -1 ||
	    privsep_move_fd(p[0], ACT_FD_RELAY) == -1 ||
	    fcntl(ACT_FD_RELAY_W, F_SETFL, 0) == -1)
		fatal("monitor stderr pipe");
}

static void
open_all(void)
{
	int sp[2], one = 1, fd;
	struct sockaddr_un { sa_family_t f; } autobind = { AF_UNIX };

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) == -1)
		fatal("socketpair");
	expect_fd(sp[0], ACT_FD_IPC, "socketpair");
	expect_fd(sp[1], ACT_FD_CHILD, "socketpair");
	expect_fd(socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), ACT_FD_LLDPAD,
	    "lldpad socket");
	if (bind(ACT_FD_LLDPAD, (struct sockaddr *)&autobind,
	    sizeof(autobind)) == -1 || setsockopt(ACT_FD_LLDPAD, SOL_SOCKET,
	    SO_PASSCRED, &one, sizeof(one)) == -1)
		fatal("lldpad socket");
	expect_fd(socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), ACT_FD_IOCTL,
	    "ioctl socket");
	expect_fd(audit_open(), ACT_FD_LOG, "cannot connect to /dev/log: audit "
	    "records could not be written, refusing to start");
	if (privsep_move_fd(socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0),
	    ACT_FD_PROBE) == -1)
		fatal("lldpad probe socket");
	if ((fd = fip_open()) == -1 || privsep_move_fd(fd, ACT_FD_FIP) == -1)
		fatal("FIP packet socket (needs the capability CAP_NET_RAW)");
	vlan_open();
	if (lldpad_connect() != 0)
		log_msg(LOG_INFO, "lldpad is not reachable yet");
}

static void
sandbox(enum fcp_seccomp sc, struct fcp_hello_rep *h)
{
	char why[160];

	if (drop_actuator() != 0)
		fatal("dropping privileges");
	if (verify_actuator(why, sizeof(why)) != 0)
		fatalx("privilege check failed: %s", why);
	h->landlock_abi = landlock_actuator(why, sizeof(why));
	if (h->landlock_abi == 0)
		log_msg(LOG_WARNING, "landlock not in force: %s", why);
	if (seccomp_actuator(sc, 2) != 0)
		fatal("loading the seccomp filter");
	h->version = FCP_VERSION;
	h->seccomp = sc;
	audit_record(LOG_NOTICE, "seq=0 phase=event event=sandbox "
	    "caps=net_admin,kill nnp=1 seccomp=%s landlock=%d",
	    fcp_seccomp_name(sc), h->landlock_abi);
}

/*
 * Without -f: fork; the parent exits 0 only when the child reports that
 * start-up went through (the monitor's HELLO was served), else with the
 * child's status (1 if that was 0), so an init script sees a failed start.
 */
static void
daemonize(void)
{
	int p[2], st, null;
	pid_t pid;
	char c;

	if (pipe2(p, O_CLOEXEC) == -1 || (pid = fork()) == -1)
		fatal("daemon");
	if (pid > 0) {
		struct pollfd w = { .fd = p[0], .events = POLLIN };

		close(p[1]);
		if (poll(&w, 1, START_WAIT_MS) == 0) {
			fprintf(stderr, "fcoemond: start-up not confirmed within "
			    "%d s: stopping it\n", START_WAIT_MS / 1000);
			kill(pid, SIGTERM);
			_exit(1);
		}
		if (read(p[0], &c, 1) == 1)
			_exit(0);
		if (waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
		    WEXITSTATUS(st) != 0)
			_exit(WEXITSTATUS(st));
		_exit(1);
	}
	close(p[0]);
	null = open("/dev/null", O_RDWR);
	if (setsid() == -1 || chdir("/") == -1 || null == -1 ||
	    dup2(null, 0) != 0 || dup2(null, 1) != 1 || dup2(null, 2) != 2 ||
	    privsep_move_fd(p[1], ACT_FD_READY) == -1)
		fatal("daemon");
	close(null);
	serve_ready(ACT_FD_READY);
}

/*
 * Other processes of the monitor's user could signal it and, were it ever
 * dumpable, take its descriptors (pidfd_getfd): say so at start.
 */
static void
check_user_alone(const char *user, uid_t uid)
{
	char path[64], line[256];
	struct dirent *e;
	DIR *d = opendir("/proc");
	unsigned long n = 0, r, eu, su, fu;
	FILE *f;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%.20s/status", e->d_name);
		if ((f = fopen(path, "re")) == NULL)
			continue;
		while (fgets(line, sizeof(line), f) != NULL)
			if (sscanf(line, "Uid: %lu %lu %lu %lu", &r, &eu, &su,
			    &fu) == 4) {
				n += r == uid || eu == uid || su == uid;
				break;
			}
		fclose(f);
	}
	closedir(d);
	if (n > 0)
		log_msg(LOG_WARNING, "user '%s' already runs %lu process%s: "
		    "they can signal the monitor; give fcoemond a user of its "
		    "own (--user, sysusers.d fcoemond.conf)", user, n,
		    n == 1 ? "" : "es");
}

/* The kernel keeps a process it execs from an unreadable file undumpable. */
static void
check_monitor_mode(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && (st.st_uid != 0 ||
	    (st.st_mode & (S_IROTH | S_IWOTH | S_IWGRP))))
		log_msg(LOG_WARNING, "monitor '%s' is readable by others or "
		    "not root-owned: install it root-owned, mode 0711", path);
}

int
main(int argc, char **argv)
{
	static char default_monitor[] = MONITOR_PATH;
	struct opts o = { .kif = -1, .monitor = default_monitor,
	    .user = MONITOR_USER };
	struct fcp_hello_rep hello = { 0 };
	struct passwd *pw;
	pid_t pid;
	int status;

	parse(argc, argv, &o);
	act_set_kif(o.kif);
	audit_set_echo(o.debug);
	if (geteuid() != 0)
		fatalx("must be started as root (it drops privileges itself)");
	if ((pw = getpwnam(o.user)) == NULL)
		fatalx("user '%s' does not exist: create it (sysusers.d "
		    "fcoemond.conf) or name another with --user", o.user);
	if (pw->pw_uid == 0)
		fatalx("user '%s' is root: the monitor must not be", o.user);
	if (access(o.monitor, X_OK) != 0)
		fatal("monitor '%s'", o.monitor);
	privsep_sanitize(ctlsock_listen());
	if (!o.foreground)
		daemonize();
	open_all();
	ctlsock_open();
	check_monitor_mode(o.monitor);
	check_user_alone(o.user, pw->pw_uid);
	if (!o.debug)
		open_relay();
	if ((pid = privsep_spawn(o.monitor, o.argv, pw->pw_uid,
	    pw->pw_gid, !o.debug)) == -1)
		fatal("spawning the monitor");
	close(ACT_FD_CHILD);
	if (!o.debug)
		close(ACT_FD_RELAY_W);
	serve_fds(ACT_FD_PIDFD, o.debug ? -1 : ACT_FD_RELAY);
	audit_record(LOG_NOTICE, "seq=0 phase=event event=start version=%s "
	    "monitor=%s user=%s uid=%u pid=%d fcm_clif=%s", VERSION,
	    o.monitor, o.user, (unsigned)pw->pw_uid, (int)pid,
	    close(ACT_FD_CLIF) == 0 ? "systemd" : "monitor");
	(void)close(ACT_FD_CTL);
	relay_setup();
	sandbox(o.seccomp, &hello);
	act_set_hello(&hello);
	status = serve(pid);
	audit_record(LOG_NOTICE, "seq=0 phase=event event=shutdown status=%d",
	    status);
	return status;
}
