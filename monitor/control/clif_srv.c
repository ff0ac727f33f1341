/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): fcoeadm's control socket, @fcm_clif
 * (doc/kernel.md "fcoeadm clif protocol").  The
 * same datagrams and replies as fcoemon, so Debian's
 * fcoeadm works unchanged; unlike fcoemon, the sender's credentials are
 * checked (SO_PASSCRED): only uid 0 may create, destroy, reset or scan.
 * A create or destroy is answered when the engine has decided, at most
 * CLIF_WAIT_S later, inside fcoeadm's 30 s.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <event2/event.h>

#include "monitor/control/srv.h"
#include "monitor/engine/engine.h"
#include "monitor/util/log.h"
#include "monitor/util/sockcred.h"
#include "monitor/wire/clif_msg.h"

#define CLIF_WAIT_S	25		/* fcoeadm waits 30 s */
#define CLIF_MAX_WAIT	64		/* answers outstanding */

struct clif_wait {
	struct admin_token tok;		/* first: the engine's token */
	struct clif_wait *next;
	struct sockaddr_un addr;
	socklen_t	 alen;
	struct clif_req	 req;
	struct event	*timer;
};

static struct {
	struct srv_env	 env;
	int		 fd;
	struct event	*ev;
	struct clif_wait *waits;
	unsigned	 nwaits;
	struct srv_log	 log;		/* refused and malformed requests */
} S = { .fd = -1 };

static void
answer(const struct sockaddr_un *to, socklen_t alen, const char *buf,
    size_t len)
{
	if (alen <= offsetof(struct sockaddr_un, sun_path))
		return;			/* unnamed sender: no way back */
	if (sendto(S.fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL,
	    (const struct sockaddr *)to, alen) < 0)
		log_debug("fcm_clif: reply not delivered: %s",
		    strerror(errno));
}

static void
reply(const struct sockaddr_un *to, socklen_t alen, enum clif_status st)
{
	char r[CLIF_REPLY_SIZE];

	clif_reply(st, r);
	answer(to, alen, r, sizeof(r));
}

/* What an engine errno means to fcoeadm for this
 * command (doc/kernel.md "fcoeadm clif protocol"). */
static enum clif_status
status_of(int cmd, int err)
{
	switch (err) {
	case ENOENT:
		return CLIF_EFAIL;		/* not an entry of ours */
	case EALREADY:
		return CLIF_ENOACTION;		/* destroy: nothing there */
	case ENXIO:
		return cmd == CLIF_DESTROY ? CLIF_ENOACTION : CLIF_ENOFCHOST;
	default:
		return clif_status_of_errno(err);
	}
}

static void
wait_free(struct clif_wait *w)
{
	struct clif_wait **p;

	for (p = &S.waits; *p; p = &(*p)->next)
		if (*p == w) {
			*p = w->next;
			break;
		}
	S.nwaits--;
	event_free(w->timer);
	free(w);
}

static void
wait_done(struct admin_token *t, int err, const char *msg)
{
	struct clif_wait *w = (struct clif_wait *)t;
	enum clif_status st = status_of(w->req.cmd, err);

	log_info("fcm_clif: %s %s: %s (%s)", clif_cmd_name((unsigned)w->req.cmd),
	    w->req.ifname, clif_status_name(st), msg);
	reply(&w->addr, w->alen, st);
	wait_free(w);
}

static void
wait_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct clif_wait *w = arg;

	(void)fd;
	(void)what;
	engine_admin_cancel(S.env.eng, w->req.ifname, &w->tok);
	log_warnx("fcm_clif: %s %s: no decision within %d s, answered "
	    "EFAIL; the request stays in force (fcoectl status %s)",
	    clif_cmd_name((unsigned)w->req.cmd), w->req.ifname, CLIF_WAIT_S,
	    w->req.ifname);
	reply(&w->addr, w->alen, CLIF_EFAIL);
	wait_free(w);
}

static int
wait_new(const struct clif_req *q, const struct sockaddr_un *to,
    socklen_t alen, struct clif_wait **out)
{
	struct timeval tv = { CLIF_WAIT_S, 0 };
	struct clif_wait *w;

	if (S.nwaits >= CLIF_MAX_WAIT || (w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	if ((w->timer = evtimer_new(S.env.base, wait_timeout, w)) == NULL) {
		free(w);
		return -1;
	}
	w->tok.done = wait_done;
	w->addr = *to;
	w->alen = alen;
	w->req = *q;
	w->next = S.waits;
	S.waits = w;
	S.nwaits++;
	evtimer_add(w->timer, &tv);
	*out = w;
	return 0;
}

/* A checked request from uid 0 for an existing interface. */
static void
run(const struct clif_req *q, const struct sockaddr_un *to, socklen_t alen)
{
	static const enum eng_admin ea[] = { [CLIF_CREATE] = EA_CREATE,
	    [CLIF_DESTROY] = EA_DESTROY, [CLIF_RESET] = EA_RESET,
	    [CLIF_SCAN] = EA_SCAN };
	struct clif_wait *w;
	char msg[160];
	int err;

	if (wait_new(q, to, alen, &w) != 0) {
		log_warnx("fcm_clif: %s %s: too many requests waiting",
		    clif_cmd_name((unsigned)q->cmd), q->ifname);
		reply(to, alen, CLIF_EFAIL);
		return;
	}
	log_info("fcm_clif: %s %s%s requested", clif_cmd_name((unsigned)q->cmd), q->ifname,
	    q->cmd == CLIF_CREATE && q->flags ? " (vn2vn)" : "");
	err = engine_admin(S.env.eng, ea[q->cmd], q->ifname, (q->flags &
	    CLIF_MODE_MASK) ? CFG_MODE_VN2VN : CFG_MODE_FABRIC, &w->tok, msg,
	    sizeof(msg));
	if (err != ENG_PENDING)
		wait_done(&w->tok, err, msg);
}

static void
handle(const char *buf, ssize_t n, const struct ucred *cr,
    const struct sockaddr_un *from, socklen_t alen)
{
	struct clif_req q;
	enum clif_status st = clif_parse(buf, (size_t)n, &q);
	char pid[16];

	if (st != CLIF_SUCCESS) {
		srv_warn(&S.log, "fcm_clif: malformed request (%zd bytes) from "
		    "uid %u pid %d: %s", n, (unsigned)cr->uid, (int)cr->pid,
		    clif_status_name(st));
		reply(from, alen, st);
	} else if (q.cmd == CLIF_PID) {
		snprintf(pid, sizeof(pid), "%d", (int)getpid());
		answer(from, alen, pid, strlen(pid));
	} else if (!peer_may_change(cr->uid)) {
		srv_warn(&S.log, "fcm_clif: %s %s from uid %u pid %d refused: "
		    "only root may change FCoE instances",
		    clif_cmd_name((unsigned)q.cmd), q.ifname, (unsigned)cr->uid,
		    (int)cr->pid);
		reply(from, alen, CLIF_EFAIL);
	} else if (!S.env.link_exists(S.env.arg, q.ifname)) {
		log_info("fcm_clif: %s %s: no such network interface",
		    clif_cmd_name((unsigned)q.cmd), q.ifname);
		reply(from, alen, CLIF_ENOETHDEV);
	} else
		run(&q, from, alen);
}

static void
on_read(evutil_socket_t fd, short what, void *arg)
{
	char buf[CLIF_REQ_SIZE + 8];
	union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(struct ucred))]; }
	    cm;
	struct sockaddr_un from;
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh;
	struct ucred cr;
	ssize_t n;
	int i;

	(void)what;
	(void)arg;
	for (i = 0; i < 32; i++) {
		memset(&mh, 0, sizeof(mh));
		mh.msg_name = &from;
		mh.msg_namelen = sizeof(from);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = &cm;
		mh.msg_controllen = sizeof(cm);
		if ((n = recvmsg(fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC)) < 0)
			return;
		sockcred_sender(&mh, &cr);
		if (mh.msg_flags & MSG_TRUNC)
			n = (ssize_t)sizeof(buf);	/* too long: refused */
		handle(buf, n, &cr, &from, mh.msg_namelen);
		S.env.kick(S.env.arg);
	}
}

/* systemd's socket (ListenDatagram=@fcm_clif), if the actuator passed one. */
static int
inherited(int fd)
{
	int type = 0, dom = 0;
	socklen_t l = sizeof(type), l2 = sizeof(dom);

	if (fd < 0)
		return -1;
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &l) != 0 ||
	    getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &dom, &l2) != 0 ||
	    type != SOCK_DGRAM || dom != AF_UNIX)
		fatalx("fd %d is not an AF_UNIX datagram socket for @%s",
		    fd, CLIF_NAME);
	return fd;
}

/*
 * Who holds @fcm_clif?  Asked for its pid as `fcoeadm -p` does, the holder's
 * answer carries its uid, stamped by the kernel (SO_PASSCRED): root
 * (fcoemon) or our own user (another fcoemond's monitor) is an FCoE
 * manager; any other uid, or silence for a second, is a squatter.
 */
static int
held_by_manager(uid_t *uid)
{
	struct sockaddr_un to = { .sun_family = AF_UNIX };
	sa_family_t me = AF_UNIX;		/* autobind */
	struct clif_req q = { .cmd = CLIF_PID };
	char buf[64];
	union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(struct ucred))]; }
	    cm;
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
	    .msg_control = &cm, .msg_controllen = sizeof(cm) };
	struct pollfd p = { .events = POLLIN };
	struct ucred cr = { .uid = (uid_t)-1 };
	int on = 1;

	memcpy(to.sun_path + 1, CLIF_NAME, strlen(CLIF_NAME));
	if ((p.fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return 0;
	if (setsockopt(p.fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == 0 &&
	    bind(p.fd, (struct sockaddr *)&me, sizeof(me)) == 0 &&
	    sendto(p.fd, &q, sizeof(q), MSG_NOSIGNAL, (struct sockaddr *)&to,
	    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
	    strlen(CLIF_NAME))) == (ssize_t)sizeof(q) &&
	    poll(&p, 1, 1000) == 1 && recvmsg(p.fd, &mh, MSG_DONTWAIT) >= 0)
		sockcred_sender(&mh, &cr);
	close(p.fd);
	*uid = cr.uid;
	return cr.uid == 0 || cr.uid == getuid();
}

/*
 * Without the name fcoeadm cannot reach us.  Another FCoE manager holding
 * it stops us (two would undo each other's work); a local user who bound
 * it first (abstract names have no permissions) does not: the daemon keeps
 * managing FCoE, as without fcoectl's socket, and says so.
 * fcoemond.socket binds the name at boot and closes that window.
 */
static int
bind_or_explain(void)
{
	int fd = srv_bind_abstract(SOCK_DGRAM, CLIF_NAME), e = errno;
	uid_t uid = (uid_t)-1;
	char who[32];

	if (fd != -1)
		return fd;
	if (e == EADDRINUSE && held_by_manager(&uid))
		fatalx("@%s is taken: another fcoemond or fcoemon is running "
		    "in this network namespace (uid %u answers); exiting",
		    CLIF_NAME, (unsigned)uid);
	snprintf(who, sizeof(who), uid == (uid_t)-1 ? "it does not answer" :
	    "uid %u answers", (unsigned)uid);
	if (e == EADDRINUSE)
		log_errx("@%s is held by a local user (%s): fcoeadm cannot "
		    "reach fcoemond; FCoE is managed without it (start "
		    "fcoemond.socket so that systemd holds the name from "
		    "boot)", CLIF_NAME, who);
	else
		log_errx("@%s: %s: fcoeadm cannot reach fcoemond; FCoE is "
		    "managed without it", CLIF_NAME, strerror(e));
	return -1;
}

void
clif_srv_open(const struct srv_env *env)
{
	int on = 1;

	S.env = *env;
	srv_log_init(&S.log, env->base, "fcm_clif");
	if ((S.fd = inherited(env->clif_fd)) != -1)
		log_info("@%s: socket from systemd", CLIF_NAME);
	else if ((S.fd = bind_or_explain()) == -1)
		return;
	if (setsockopt(S.fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) != 0)
		fatal("SO_PASSCRED on @%s", CLIF_NAME);
	if ((S.ev = event_new(env->base, S.fd, EV_READ | EV_PERSIST, on_read,
	    NULL)) == NULL || event_add(S.ev, NULL) != 0)
		fatalx("libevent: @%s", CLIF_NAME);
}
