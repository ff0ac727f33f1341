/*
 * Run by the monitor (unprivileged): the two control servers -- fcoeadm's
 * @fcm_clif (clif_srv.c) and fcoectl's /run/fcoemond/ctl (ctl_srv.c) -- and
 * what they share.  Both sockets exist before the sandbox (fcoectl's is
 * made by the actuator or systemd, never by the monitor); the loop only
 * receives, accepts and answers.  Losing either never stops the daemon
 * from managing FCoE: it logs and serves without it.
 */
#ifndef SRV_H
#define SRV_H

#include "monitor/control/peer.h"

struct mon;
struct event;
struct event_base;

/* The token of a request the engine answers later (ENG_PENDING): the
 * engine's admin_done calls done(). */
struct admin_token {
	void	(*done)(struct admin_token *, int err, const char *msg);
};

/* @fcm_clif bound, or taken over from systemd (fd FCP_FD_CLIF); fcoectl's
 * listening socket from fd FCP_FD_CTL.  Neither exits if it cannot. */
void	clif_srv_open(struct mon *);
void	ctl_srv_open(struct mon *);

/* srv.c */
int	srv_bind_abstract(int type, const char *name);

/* What a local client can make the daemon say, rate-limited (peer.h):
 * the burst, then a summary of how many were not logged. */
struct srv_log {
	const char	*who;		/* "fcm_clif", "fcoectl" */
	struct peer_limit lim;
	struct event	*ev;		/* the summary's timer */
};
void	srv_log_init(struct srv_log *, struct event_base *, const char *who);
void	srv_warn(struct srv_log *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
