/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): fcoectl's control socket, the
 * pathname stream socket /run/fcoemond/ctl (common/ctl_msg.h), made by the
 * actuator or by systemd (fcoemond-ctl.socket) and passed as fd FCP_FD_CTL:
 * the directory is root's, so no local user can take the name first.  One
 * request per connection.  Anyone may ask for status and version; only
 * uid 0 (SO_PEERCRED, set by the kernel at connect) may create, destroy,
 * reset, scan or reload.  Connections are few and short (peer.h): at most
 * PEER_CTL_MAX at once, PEER_CTL_ROOT of them kept for root, PEER_CTL_PER_UID
 * for any other uid, and PEER_CTL_READ_MS from accept to the whole request
 * -- a deadline set once, which no trickled byte moves -- so no local user
 * can keep root's fcoectl out.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <event2/event.h>

#include "monitor/control/srv.h"
#include "monitor/control/status.h"
#include "monitor/util/clock.h"
#include "monitor/util/log.h"
#include "common/ctl_msg.h"

#define CTL_WAIT_S	25		/* create/destroy: engine decides;
					 * fcoectl waits 30 s */
#define CTL_WRITE_S	5		/* to take the reply */

struct conn {
	struct admin_token tok;		/* first: the engine's token */
	int		 fd;
	struct event	*ev;		/* read, then write */
	struct event	*tmo;		/* the phase's deadline, set once */
	struct ucred	 cred;
	struct ctl_req	 req;
	size_t		 got;
	char		*out;		/* reply being written */
	size_t		 outlen, outoff, outcap;
	int		 waiting;	/* on the engine */
};

static struct {
	struct srv_env	 env;
	int		 fd;
	struct event	*ev;
	unsigned	 nconn;
	struct conn	*conns[PEER_CTL_MAX];
	struct srv_log	 log;		/* refused and malformed requests */
} S = { .fd = -1 };

static void	on_conn(evutil_socket_t, short, void *);

static void
conn_close(struct conn *c)
{
	unsigned i;

	if (c->waiting)
		engine_admin_cancel(S.env.eng, c->req.ifname, &c->tok);
	for (i = 0; i < PEER_CTL_MAX; i++)
		if (S.conns[i] == c)
			S.conns[i] = NULL;
	if (c->ev)
		event_free(c->ev);
	if (c->tmo)
		event_free(c->tmo);
	close(c->fd);
	free(c->out);
	free(c);
	S.nconn--;
}

/* The next phase's deadline, counted from now, never from the last byte. */
static void
deadline(struct conn *c, int ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };

	evtimer_del(c->tmo);
	evtimer_add(c->tmo, &tv);
}

static int
out_add(struct conn *c, const void *p, size_t n)
{
	size_t cap = c->outcap ? c->outcap : 4096;
	char *b;

	while (cap < c->outlen + n)
		cap *= 2;
	if (cap != c->outcap) {
		if ((b = realloc(c->out, cap)) == NULL)
			return -1;
		c->out = b;
		c->outcap = cap;
	}
	memcpy(c->out + c->outlen, p, n);
	c->outlen += n;
	return 0;
}

/* Queue the reply (header first, rows already after it) and write. */
static void
send_reply(struct conn *c, int status, const char *msg)
{
	struct ctl_reply r = { 0 };
	uint32_t nrows = 0;

	if (c->outlen == 0 && out_add(c, &r, sizeof(r)) != 0) {
		c->waiting = 0;		/* out of memory: closed by the timer, */
		event_del(c->ev);	/* not under the caller's feet */
		deadline(c, 0);
		return;
	}
	if (status == 0)
		nrows = (uint32_t)((c->outlen - sizeof(r)) /
		    sizeof(struct ctl_row));
	ctl_reply_init(&r, &c->req, status, nrows, msg);
	memcpy(c->out, &r, sizeof(r));
	if (status != 0)
		c->outlen = sizeof(r);
	c->waiting = 0;
	event_del(c->ev);
	event_assign(c->ev, S.env.base, c->fd, EV_WRITE | EV_PERSIST, on_conn,
	    c);
	event_add(c->ev, NULL);
	deadline(c, CTL_WRITE_S * 1000);
}

static void
admin_done(struct admin_token *t, int err, const char *msg)
{
	struct conn *c = (struct conn *)t;

	c->waiting = 0;			/* the engine forgot it already */
	log_info("fcoectl: %s %s by uid %u: %s", ctl_cmd_name(c->req.cmd),
	    c->req.ifname, (unsigned)c->cred.uid, msg);
	send_reply(c, err, msg);
}

static void
add_row(void *arg, const struct eng_row *r)
{
	struct conn *c = arg;
	struct srv_kernel k;
	struct ctl_row w;

	status_to_ctl(r, &w);
	S.env.kernel(S.env.arg, w.ifname, &k);
	w.ctlr = k.ctlr;
	w.host = k.host;
	w.kernel_enabled = k.ctlr >= 0 && k.enabled;
	_Static_assert(sizeof(w.port_state) == sizeof(k.port_state), "ps");
	memcpy(w.port_state, k.port_state, sizeof(w.port_state));
	if (c->outlen != 0 && out_add(c, &w, sizeof(w)) != 0)
		c->outlen = 0;		/* out of memory: reported below */
}

static void
status(struct conn *c)
{
	struct ctl_reply hdr;
	const char *one = c->req.ifname[0] ? c->req.ifname : NULL;
	char msg[CTL_MSGSZ];
	int err;

	memset(&hdr, 0, sizeof(hdr));
	if (out_add(c, &hdr, sizeof(hdr)) != 0) {
		send_reply(c, ENOMEM, "out of memory");
		return;
	}
	err = engine_status(S.env.eng, one, clock_ms(), add_row, c);
	if (c->outlen == 0)
		err = ENOMEM;
	if (err == ENOENT)
		snprintf(msg, sizeof(msg), "%s: not an FCoE interface of "
		    "fcoemond", one);
	else if (err != 0)
		snprintf(msg, sizeof(msg), "out of memory");
	else
		S.env.readiness(S.env.arg, msg, sizeof(msg));
	send_reply(c, err, msg);
}

static void
version(struct conn *c)
{
	send_reply(c, 0, S.env.version);
}

static void
logout(struct conn *c)
{
	char msg[CTL_MSGSZ];
	int n;

	log_notice("fcoectl: logout by uid 0 pid %d: destroying every FCoE "
	    "instance not in use (system shutdown)", (int)c->cred.pid);
	n = S.env.logout(S.env.arg);
	if (n < 0) {
		send_reply(c, EIO, "the actuator is gone");
		return;
	}
	snprintf(msg, sizeof(msg), "logged out: %d FCoE instance%s destroyed",
	    n, n == 1 ? "" : "s");
	log_notice("%s", msg);
	send_reply(c, 0, msg);
}

static void
request(struct conn *c)
{
	static const enum eng_admin ea[] = { [CTL_CREATE] = EA_CREATE,
	    [CTL_DESTROY] = EA_DESTROY, [CTL_RESET] = EA_RESET,
	    [CTL_SCAN] = EA_SCAN };
	const struct ctl_req *q = &c->req;
	char msg[CTL_MSGSZ];
	int err = ctl_req_check(q);

	if (err != 0) {
		srv_warn(&S.log, "fcoectl: malformed request from uid %u pid %d",
		    (unsigned)c->cred.uid, (int)c->cred.pid);
		send_reply(c, err, "malformed request");
	} else if (q->cmd == CTL_STATUS)
		status(c);
	else if (q->cmd == CTL_VERSIONQ)
		version(c);
	else if (!peer_may_change(c->cred.uid)) {
		srv_warn(&S.log, "fcoectl: %s %s from uid %u pid %d refused: "
		    "only root may change FCoE instances", ctl_cmd_name(q->cmd),
		    q->ifname, (unsigned)c->cred.uid, (int)c->cred.pid);
		send_reply(c, EPERM, "only root may change FCoE instances");
	} else if (q->cmd == CTL_LOGOUT) {
		logout(c);
	} else if (q->cmd == CTL_RELOAD) {
		S.env.reload(S.env.arg);
		snprintf(msg, sizeof(msg), "reloaded: %zu interface%s",
		    engine_count(S.env.eng),
		    engine_count(S.env.eng) == 1 ? "" : "s");
		send_reply(c, 0, msg);
	} else {
		log_info("fcoectl: %s %s requested by uid 0 pid %d",
		    ctl_cmd_name(q->cmd), q->ifname, (int)c->cred.pid);
		c->waiting = 1;
		err = engine_admin(S.env.eng, ea[q->cmd], q->ifname,
		    q->flags & CTL_F_VN2VN ? CFG_MODE_VN2VN : CFG_MODE_FABRIC,
		    &c->tok, msg, sizeof(msg));
		if (err != ENG_PENDING)
			admin_done(&c->tok, err, msg);
	}
}

static void
on_write(struct conn *c)
{
	ssize_t n = send(c->fd, c->out + c->outoff, c->outlen - c->outoff,
	    MSG_DONTWAIT | MSG_NOSIGNAL);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		conn_close(c);
		return;
	}
	c->outoff += (size_t)n;
	if (c->outoff == c->outlen)
		conn_close(c);
}

static void
on_read(struct conn *c)
{
	ssize_t n = recv(c->fd, (char *)&c->req + c->got,
	    sizeof(c->req) - c->got, MSG_DONTWAIT);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0 || c->waiting) {	/* gone, or talking out of turn */
		conn_close(c);
		return;
	}
	c->got += (size_t)n;
	if (c->got < sizeof(c->req))
		return;
	event_del(c->ev);		/* one request per connection */
	request(c);
	S.env.kick(S.env.arg);
	if (c->waiting) {		/* the engine answers; watch for EOF */
		event_add(c->ev, NULL);
		deadline(c, CTL_WAIT_S * 1000);
	}
}

static void
on_conn(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	if (what & EV_WRITE)
		on_write(arg);
	else
		on_read(arg);
}

/* Reading: the request came too slowly.  Waiting: no decision yet.
 * Writing: the client does not take its reply. */
static void
on_deadline(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;

	(void)fd;
	(void)what;
	if (c->waiting) {
		engine_admin_cancel(S.env.eng, c->req.ifname, &c->tok);
		c->waiting = 0;
		send_reply(c, ETIMEDOUT, "no decision yet; the request stays "
		    "in force (see fcoectl status)");
	} else
		conn_close(c);
}

static unsigned
open_by(uid_t uid)
{
	unsigned i, n = 0;

	for (i = 0; i < PEER_CTL_MAX; i++)
		n += S.conns[i] != NULL && S.conns[i]->cred.uid == uid;
	return n;
}

/* A slot for this peer (peer_ctl_admit), or NULL: close it. */
static struct conn *
admit(int fd)
{
	struct ucred cr = { .pid = -1, .uid = (uid_t)-1, .gid = (gid_t)-1 };
	socklen_t l = sizeof(cr);
	unsigned i, mine;
	struct conn *c;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &l) != 0) {
		log_warn("fcoectl: SO_PEERCRED; treated as not root");
		cr.uid = (uid_t)-1;
	}
	mine = open_by(cr.uid);
	if (!peer_ctl_admit(cr.uid, S.nconn, mine)) {
		srv_warn(&S.log, "fcoectl: connection from uid %u pid %d "
		    "refused: %u open, %u of them by this uid (%d kept for "
		    "root, %d per uid)", (unsigned)cr.uid, (int)cr.pid,
		    S.nconn, mine, PEER_CTL_ROOT, PEER_CTL_PER_UID);
		return NULL;
	}
	for (i = 0; i < PEER_CTL_MAX && S.conns[i] != NULL; i++)
		;
	if (i == PEER_CTL_MAX || (c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->cred = cr;
	S.conns[i] = c;
	S.nconn++;
	return c;
}

static void
on_accept(evutil_socket_t lfd, short what, void *arg)
{
	struct conn *c;
	int fd;

	(void)what;
	(void)arg;
	while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK |
	    SOCK_CLOEXEC)) >= 0) {
		if ((c = admit(fd)) == NULL) {
			close(fd);	/* busy: the client sees EOF */
			continue;
		}
		c->fd = fd;
		c->tok.done = admin_done;
		if ((c->ev = event_new(S.env.base, fd, EV_READ | EV_PERSIST,
		    on_conn, c)) == NULL || (c->tmo = evtimer_new(S.env.base,
		    on_deadline, c)) == NULL || event_add(c->ev, NULL) != 0) {
			conn_close(c);
			continue;
		}
		deadline(c, PEER_CTL_READ_MS);
	}
}

/* The listening socket the actuator or systemd made, or -1 and why. */
static int
inherited(int fd, const char **why)
{
	int type = 0, dom = 0, acc = 0;
	socklen_t l1 = sizeof(type), l2 = sizeof(dom), l3 = sizeof(acc);

	*why = "fcoemond could not create it (see its start-up messages)";
	if (fd < 0)
		return -1;
	*why = "the descriptor passed is not a listening AF_UNIX stream socket";
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &l1) != 0 ||
	    getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &dom, &l2) != 0 ||
	    getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &acc, &l3) != 0 ||
	    type != SOCK_STREAM || dom != AF_UNIX || !acc ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Without it fcoectl cannot reach us; FCoE is managed all the same. */
void
ctl_srv_open(const struct srv_env *env)
{
	const char *why;

	S.env = *env;
	srv_log_init(&S.log, env->base, "fcoectl");
	if ((S.fd = inherited(env->ctl_fd, &why)) == -1) {
		log_errx("fcoectl's control socket %s: %s; FCoE is managed "
		    "without it", CTL_SOCK_PATH, why);
		return;
	}
	if ((S.ev = event_new(env->base, S.fd, EV_READ | EV_PERSIST, on_accept,
	    NULL)) == NULL || event_add(S.ev, NULL) != 0)
		fatalx("libevent: %s", CTL_SOCK_PATH);
}
