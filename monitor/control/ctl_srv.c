/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): fcoectl's control socket, the
 * abstract stream socket @fcoemond/ctl (common/ctl_msg.h).  One request per
 * connection.  Anyone may ask for status and version; only uid 0
 * (SO_PEERCRED, set by the kernel at connect) may create, destroy, reset,
 * scan or reload.  Connections are few and short: at most CTL_MAX_CONN at
 * once, CTL_READ_S to send the request, so no local user can tie the
 * daemon up.
 */
#include <errno.h>
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

#define CTL_MAX_CONN	16
#define CTL_READ_S	5
#define CTL_WAIT_S	25		/* create/destroy: engine decides;
					 * fcoectl waits 30 s */

struct conn {
	struct admin_token tok;		/* first: the engine's token */
	int		 fd;
	struct event	*ev;
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
	unsigned long	 refused;
} S = { .fd = -1 };

static void	on_conn(evutil_socket_t, short, void *);

static void
conn_close(struct conn *c)
{
	if (c->waiting)
		engine_admin_cancel(S.env.eng, c->req.ifname, &c->tok);
	event_free(c->ev);
	close(c->fd);
	free(c->out);
	free(c);
	S.nconn--;
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
	struct timeval tv = { CTL_WAIT_S, 0 };

	if (c->outlen == 0 && out_add(c, &r, sizeof(r)) != 0) {
		conn_close(c);
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
	event_add(c->ev, &tv);
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
		snprintf(msg, sizeof(msg), "%zu interface%s",
		    engine_count(S.env.eng),
		    engine_count(S.env.eng) == 1 ? "" : "s");
	send_reply(c, err, msg);
}

static void
version(struct conn *c)
{
	send_reply(c, 0, S.env.version);
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
		log_warnx("fcoectl: malformed request from uid %u pid %d",
		    (unsigned)c->cred.uid, (int)c->cred.pid);
		send_reply(c, err, "malformed request");
	} else if (q->cmd == CTL_STATUS)
		status(c);
	else if (q->cmd == CTL_VERSIONQ)
		version(c);
	else if (c->cred.uid != 0) {
		if (srv_log_refusal(&S.refused))
			log_warnx("fcoectl: %s %s from uid %u pid %d refused: "
			    "only root may change FCoE instances",
			    ctl_cmd_name(q->cmd), q->ifname,
			    (unsigned)c->cred.uid, (int)c->cred.pid);
		send_reply(c, EPERM, "only root may change FCoE instances");
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
		struct timeval tv = { CTL_WAIT_S, 0 };

		event_add(c->ev, &tv);
	}
}

static void
on_conn(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;

	(void)fd;
	if (what & EV_TIMEOUT) {
		if (c->waiting) {
			engine_admin_cancel(S.env.eng, c->req.ifname, &c->tok);
			c->waiting = 0;
			send_reply(c, ETIMEDOUT, "no decision yet; the request "
			    "stays in force (see fcoectl status)");
		} else
			conn_close(c);
	} else if (what & EV_WRITE)
		on_write(c);
	else
		on_read(c);
}

static void
on_accept(evutil_socket_t lfd, short what, void *arg)
{
	struct timeval tv = { CTL_READ_S, 0 };
	socklen_t l = sizeof(struct ucred);
	struct conn *c;
	int fd;

	(void)what;
	(void)arg;
	while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK |
	    SOCK_CLOEXEC)) >= 0) {
		if (S.nconn >= CTL_MAX_CONN ||
		    (c = calloc(1, sizeof(*c))) == NULL) {
			close(fd);	/* busy: the client sees EOF */
			continue;
		}
		c->fd = fd;
		c->tok.done = admin_done;
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &c->cred, &l) != 0) {
			log_warn("fcoectl: SO_PEERCRED; treated as not root");
			c->cred.uid = (uid_t)-1;
		}
		if ((c->ev = event_new(S.env.base, fd, EV_READ | EV_PERSIST,
		    on_conn, c)) == NULL || event_add(c->ev, &tv) != 0) {
			if (c->ev)
				event_free(c->ev);
			close(fd);
			free(c);
			continue;
		}
		S.nconn++;
	}
}

void
ctl_srv_open(const struct srv_env *env)
{
	S.env = *env;
	S.fd = srv_bind_abstract(SOCK_STREAM, CTL_SOCK_NAME);
	if (listen(S.fd, CTL_MAX_CONN) != 0)
		fatal("listen @%s", CTL_SOCK_NAME);
	if ((S.ev = event_new(env->base, S.fd, EV_READ | EV_PERSIST, on_accept,
	    NULL)) == NULL || event_add(S.ev, NULL) != 0)
		fatalx("libevent: @%s", CTL_SOCK_NAME);
}
