/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator at start-up, and by its forked child until the exec of
 * the monitor: descriptor and environment hygiene, and the spawn itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "privsep/privsep.h"

/* Nothing inherited may reach the sandbox: fds (but, if keep, systemd's
 * sockets already moved to ACT_FD_CLIF..ACT_FD_CTL by ctlsock_listen),
 * environment, signal state. */
void
privsep_sanitize(int keep)
{
	sigset_t none;
	int fd, sig;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 &&
		    open("/dev/null", O_RDWR) != fd)
			_exit(1);
	if (keep && (close_range(3, ACT_FD_CLIF - 1, 0) == -1 ||
	    close_range(ACT_FD_CTL + 1, ~0U, 0) == -1))
		_exit(1);
	if (!keep && close_range(3, ~0U, 0) == -1)
		for (fd = 3; fd < 1024; fd++)
			(void)close(fd);
	(void)clearenv();
	umask(077);
	for (sig = 1; sig < NSIG; sig++)
		(void)signal(sig, SIG_DFL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
}

static void __attribute__((noreturn))
child_fail(const char *what, const char *detail)
{
	dprintf(2, "fcoemond: monitor child: %s%s%s\n", what,
	    detail ? ": " : "", detail ? detail : "");
	_exit(126);
}

/*
 * The child: move the two sockets to fds 3 and 4 (and systemd's @fcm_clif,
 * if any, to 5, fcoectl's socket, if any, to 6), close the rest, become
 * the monitor user with nothing, check that, and exec.  PDEATHSIG is set
 * after the uid change because changing credentials clears it.
 */
static void __attribute__((noreturn))
child_exec(const char *path, char *const argv[], uid_t uid, gid_t gid,
    pid_t parent)
{
	char *const envp[] = { NULL };
	char why[128];

	int last = FCP_FD_LLDPAD;

	if (dup2(ACT_FD_CHILD, FCP_FD_IPC) != FCP_FD_IPC ||
	    dup2(ACT_FD_LLDPAD, FCP_FD_LLDPAD) != FCP_FD_LLDPAD)
		child_fail("dup2", strerror(errno));
	if (fcntl(ACT_FD_CLIF, F_GETFD) != -1) {
		if (dup2(ACT_FD_CLIF, FCP_FD_CLIF) != FCP_FD_CLIF)
			child_fail("dup2", strerror(errno));
		last = FCP_FD_CLIF;
	}
	if (fcntl(ACT_FD_CTL, F_GETFD) != -1) {
		if (dup2(ACT_FD_CTL, FCP_FD_CTL) != FCP_FD_CTL ||
		    (last != FCP_FD_CLIF && close(FCP_FD_CLIF) == -1))
			child_fail("dup2", strerror(errno));
		last = FCP_FD_CTL;
	}
	if (close_range((unsigned)last + 1, ~0U, 0) == -1)
		child_fail("close_range", strerror(errno));
	if (drop_child(uid, gid) != 0)
		child_fail("dropping privileges failed", strerror(errno));
	if (verify_child(uid, gid, why, sizeof(why)) != 0)
		child_fail("privilege check failed", why);
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 || getppid() != parent)
		child_fail("parent is gone", NULL);
	execve(path, argv, envp);
	child_fail("cannot execute monitor", strerror(errno));
}

/* Returns the monitor's pid, or -1 with errno set. */
pid_t
privsep_spawn(const char *path, char *const argv[], uid_t uid, gid_t gid)
{
	pid_t parent = getpid();
	pid_t pid = fork();

	if (pid == 0)
		child_exec(path, argv, uid, gid, parent);
	return pid;
}
