/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the two control servers -- fcoeadm's
 * @fcm_clif (clif_srv.c) and fcoectl's /run/fcoemond/ctl (ctl_srv.c) -- and
 * what they share.  Both sockets exist before the sandbox (fcoectl's is
 * made by the actuator or systemd, never by the monitor); the loop only
 * receives, accepts and answers.  Losing either never stops the daemon
 * from managing FCoE: it logs and serves without it.
 *
 * The servers sit below the loop: what they need is handed to them at open
 * time in struct srv_env, and they never call into monitor/io.
 */
#ifndef SRV_H
#define SRV_H

#include <stdbool.h>
#include <stddef.h>

#include "monitor/control/peer.h"

struct engine;
struct event;
struct event_base;

/* What the kernel has for an interface (sysfs), for status. */
struct srv_kernel {
	int	ctlr, host;		/* -1 if none */
	bool	enabled;
	char	port_state[16];
};

struct srv_env {
	struct event_base *base;
	struct engine	*eng;		/* requests and status go straight in */
	int		 clif_fd;	/* @fcm_clif from systemd, or -1 */
	int		 ctl_fd;	/* fcoectl's listening socket (fd
					 * FCP_FD_CTL), or -1 */
	const char	*version;	/* fcoectl version's answer */
	void		*arg;		/* for the callbacks */
	/* Something changed: run the end of cycle once this input is in. */
	void		(*kick)(void *arg);
	/* SIGHUP's reload (fcoectl reload). */
	void		(*reload)(void *arg);
	/* The network interface exists now. */
	bool		(*link_exists)(void *arg, const char *ifname);
	/* The kernel's FCoE instance on ifname. */
	void		(*kernel)(void *arg, const char *ifname,
			    struct srv_kernel *);
	/* Whether start-up is over, in words: "ready: ..." or
	 * "starting: ..." (fcoectl status). */
	void		(*readiness)(void *arg, char *buf, size_t n);
	/* fcoectl logout (system shutdown): destroy every instance not in
	 * use, now; how many were, or -1 if the actuator is gone. */
	int		(*logout)(void *arg);
};

/* The token of a request the engine answers later (ENG_PENDING): the
 * engine's admin_done calls done(). */
struct admin_token {
	void	(*done)(struct admin_token *, int err, const char *msg);
};

/* @fcm_clif bound, or taken over from systemd (env->clif_fd); fcoectl's
 * listening socket from env->ctl_fd (the actuator's or systemd's).  Neither
 * exits if it cannot, but @fcm_clif held by another FCoE manager does.
 * env is copied. */
void	clif_srv_open(const struct srv_env *env);
void	ctl_srv_open(const struct srv_env *env);

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
