/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator at start-up, as root and before the drop: fcoectl's
 * control socket.  The monitor may create no file (Landlock, seccomp), and
 * an abstract name can be taken by any local user first, so the actuator
 * makes a pathname socket in a directory only root may write,
 * /run/fcoemond/ctl, and hands it to the monitor as its fd FCP_FD_CTL; or it
 * takes systemd's (fcoemond-ctl.socket, FileDescriptorName=ctl) over by
 * name.  It never accepts, reads or writes on it.
 *
 * Bounded on purpose: one directory made or checked (root's, not writable
 * by group or others, not a symlink), one stale socket of ours removed,
 * one socket bound and listening, one audit record.  No failure here stops
 * the daemon from managing FCoE: it is logged and the monitor runs without
 * fcoectl.  Only a live fcoemond already serving the path stops it, since
 * two managers would undo each other's work.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include "actuator/actuator.h"
#include "privsep/privsep.h"

#define CTL_BACKLOG	16

/* Where systemd's fd i goes, by its FileDescriptorName. */
static int
slot_of(const char *name, size_t len, int nfds)
{
	if (len == strlen("ctl") && strncmp(name, "ctl", len) == 0)
		return ACT_FD_CTL;
	if (len == strlen("fcm_clif") && strncmp(name, "fcm_clif", len) == 0)
		return ACT_FD_CLIF;
	/* fcoemond.socket of old, without FileDescriptorName=: one fd,
	 * @fcm_clif (the monitor checks its kind). */
	return nfds == 1 ? ACT_FD_CLIF : -1;
}

/*
 * systemd's sockets (LISTEN_PID is us, LISTEN_FDS 1 or 2), moved to
 * ACT_FD_CLIF and ACT_FD_CTL by LISTEN_FDNAMES before privsep_sanitize()
 * closes everything else.  Called first thing, while fds 3 and 4 are still
 * systemd's.  Whatever else was inherited on those two numbers is closed:
 * it must not pass for systemd's.
 */
void
ctlsock_listen(void)
{
	const char *pid = getenv("LISTEN_PID"), *n = getenv("LISTEN_FDS");
	const char *names = getenv("LISTEN_FDNAMES"), *p, *e;
	int nfds = 0, i, to, clif = 0, ctl = 0;
	char me[24];

	snprintf(me, sizeof(me), "%ld", (long)getpid());
	if (pid != NULL && n != NULL && strcmp(pid, me) == 0 &&
	    (strcmp(n, "1") == 0 || strcmp(n, "2") == 0))
		nfds = n[0] - '0';
	for (i = 0, p = names ? names : ""; i < nfds; i++) {
		e = strchrnul(p, ':');
		to = slot_of(p, (size_t)(e - p), nfds);
		p = *e ? e + 1 : e;
		if (to != -1 && dup3(3 + i, to, O_CLOEXEC) == to) {
			clif |= to == ACT_FD_CLIF;
			ctl |= to == ACT_FD_CTL;
		}
	}
	if (!clif)
		(void)close(ACT_FD_CLIF);
	if (!ctl)
		(void)close(ACT_FD_CTL);
}

/* Is a fcoemond already serving the path?  Only root can have made it. */
static int
alive(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0), r;

	if (fd == -1)
		return 0;
	memcpy(a.sun_path, FCP_CTL_PATH, sizeof(FCP_CTL_PATH));
	r = connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0 ||
	    errno == EAGAIN;
	close(fd);
	return r;
}

/* The directory: made 0755 if missing; must be root's and writable by
 * root only.  reason names what is wrong. */
static int
rundir(const char **reason)
{
	struct stat st;
	int dfd;

	*reason = "mkdir";
	if (mkdir(FCP_CTL_DIR, 0755) == -1 && errno != EEXIST)
		return -1;
	*reason = "open_dir";	/* ELOOP: a symlink */
	if ((dfd = open(FCP_CTL_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return -1;
	*reason = "stat";
	if (fstat(dfd, &st) == 0) {
		*reason = st.st_uid != 0 ? "not_root_owned" :
		    (st.st_mode & 022) ? "writable_by_others" : "chmod";
		errno = EPERM;
		/* umask 077 made it 0700: others must reach the socket */
		if (st.st_uid == 0 && !(st.st_mode & 022) &&
		    fchmod(dfd, 0755) == 0)
			return dfd;
	}
	close(dfd);
	return -1;
}

/* Bound, listening and on ACT_FD_CTL: 0, or -1 with reason and errno. */
static int
make(const char **reason)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int dfd = rundir(reason), fd, r, e;
	mode_t old;

	if (dfd == -1)
		return -1;
	*reason = "unlink";
	r = unlinkat(dfd, FCP_CTL_NAME, 0);	/* our socket of a past run */
	close(dfd);
	if (r == -1 && errno != ENOENT)
		return -1;
	*reason = "socket";
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	memcpy(a.sun_path, FCP_CTL_PATH, sizeof(FCP_CTL_PATH));
	old = umask(0111);		/* srw-rw-rw-: anyone may connect */
	r = bind(fd, (struct sockaddr *)&a, sizeof(a));
	umask(old);
	*reason = r == -1 ? "bind" : "listen";
	if (r == 0 && listen(fd, CTL_BACKLOG) == 0) {
		*reason = "dup";
		if (privsep_move_fd(fd, ACT_FD_CTL) == 0)
			return 0;
	}
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* No fcoectl socket: said once in the log and in the audit trail. */
static void
unavailable(const char *reason)
{
	int e = errno;

	log_msg(LOG_ERR, "%s: cannot create fcoectl's socket (%s: %s); FCoE "
	    "is managed without it", FCP_CTL_PATH, reason, strerror(e));
	audit_record(LOG_NOTICE, "seq=0 phase=event event=ctl_socket path=%s "
	    "source=actuator result=fail reason=%s errno=%d", FCP_CTL_PATH,
	    reason, e);
}

/*
 * After open_all(), before the spawn: ACT_FD_CTL is systemd's, or the
 * socket made here, or closed (fcoectl unavailable, FCoE managed all the
 * same).  Audited either way.
 */
void
ctlsock_open(void)
{
	const char *reason = "", *source = "systemd";

	if (fcntl(ACT_FD_CTL, F_GETFD) == -1) {
		if (alive())
			fatalx("%s: another fcoemond is running; exiting",
			    FCP_CTL_PATH);
		if (make(&reason) == -1) {
			unavailable(reason);
			return;
		}
		source = "actuator";
	}
	audit_record(LOG_NOTICE, "seq=0 phase=event event=ctl_socket path=%s "
	    "source=%s result=ok", FCP_CTL_PATH, source);
}
