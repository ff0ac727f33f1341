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
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/keyctl.h>

#include "privsep/privsep.h"

/* Nothing inherited may reach the sandbox: fds (but systemd's sockets,
 * already moved to ACT_FD_CLIF and ACT_FD_CTL or closed there by
 * ctlsock_listen), environment, signal state. */
void
privsep_sanitize(void)
{
	sigset_t none;
	int fd, sig;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 &&
		    open("/dev/null", O_RDWR) != fd)
			_exit(1);
	if (close_range(3, ACT_FD_CLIF - 1, 0) == -1 ||
	    close_range(ACT_FD_CTL + 1, ~0U, 0) == -1)
		_exit(1);
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
 * What the monitor must not inherit from whoever started the actuator by
 * hand: the session and controlling terminal (TIOCSTI would type into the
 * root shell), the working directory, fds 0-2 (the terminal), root's
 * session keyring.  stdin and stdout become /dev/null; stderr is the
 * relay pipe the actuator reads (relay), or the actuator's own with -d.
 */
static void
detach(int relay)
{
	int null;

	if (setsid() == -1)
		child_fail("setsid", strerror(errno));
	if (chdir("/") == -1)
		child_fail("chdir /", strerror(errno));
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null == -1 || dup2(null, 0) != 0 || dup2(null, 1) != 1 ||
	    (relay && dup2(ACT_FD_RELAY_W, 2) != 2) ||
	    (!relay && fcntl(2, F_GETFD) == -1 && dup2(null, 2) != 2))
		child_fail("stdio", strerror(errno));
	close(null);
}

/*
 * The child: a session of its own, clean stdio, the two sockets on fds 3
 * and 4 (and systemd's @fcm_clif, if any, on 5, fcoectl's socket, if
 * any, on 6), nothing else; become the
 * monitor user with nothing, check that, join a fresh session keyring (made
 * after the uid change, so the user owns it) and exec.  PDEATHSIG is set
 * after the uid change, which clears it; it reaches the other uid because
 * the actuator keeps CAP_KILL.
 */
static void __attribute__((noreturn))
child_exec(const char *path, char *const argv[], uid_t uid, gid_t gid,
    pid_t parent, int relay)
{
	static const int move[][2] = { { ACT_FD_CHILD, FCP_FD_IPC },
	    { ACT_FD_LLDPAD, FCP_FD_LLDPAD }, { ACT_FD_CLIF, FCP_FD_CLIF },
	    { ACT_FD_CTL, FCP_FD_CTL } };
	char *const envp[] = { NULL };
	char why[128];
	size_t i;

	detach(relay);
	/* In this order no source is overwritten before it is moved; an
	 * absent socket (no systemd's, no fcoectl's) leaves its number closed. */
	for (i = 0; i < sizeof(move) / sizeof(move[0]); i++)
		if (fcntl(move[i][0], F_GETFD) != -1 ?
		    dup2(move[i][0], move[i][1]) != move[i][1] :
		    close(move[i][1]) == -1 && errno != EBADF)
			child_fail("dup2", strerror(errno));
	if (close_range(FCP_FD_CTL + 1, ~0U, 0) == -1)
		child_fail("close_range", strerror(errno));
	if (drop_child(uid, gid) != 0)
		child_fail("dropping privileges failed", strerror(errno));
	if (verify_child(uid, gid, why, sizeof(why)) != 0)
		child_fail("privilege check failed", why);
	if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) == -1)
		child_fail("new session keyring", strerror(errno));
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != parent)
		child_fail("parent is gone", NULL);
	execve(path, argv, envp);
	child_fail("cannot execute monitor", strerror(errno));
}

/*
 * Returns the monitor's pid, or -1 with errno set.  relay: its stderr is
 * ACT_FD_RELAY_W.  The parent holds a pidfd of it on ACT_FD_PIDFD, so that
 * a kill can never reach a process that reused the pid.
 */
pid_t
privsep_spawn(const char *path, char *const argv[], uid_t uid, gid_t gid,
    int relay)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	int fd;

	if (pid == 0)
		child_exec(path, argv, uid, gid, parent, relay);
	if (pid == -1)
		return -1;
	fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (fd == -1 || privsep_move_fd(fd, ACT_FD_PIDFD) == -1)
		return -1;
	return pid;
}

/* fd onto number want (close-on-exec), the old number closed. */
int
privsep_move_fd(int fd, int want)
{
	if (fd == want)
		return fcntl(fd, F_SETFD, FD_CLOEXEC) == -1 ? -1 : 0;
	if (dup3(fd, want, O_CLOEXEC) != want)
		return -1;
	close(fd);
	return 0;
}
