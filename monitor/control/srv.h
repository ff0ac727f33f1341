/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the two control servers -- fcoeadm's
 * @fcm_clif (clif_srv.c) and fcoectl's @fcoemond/ctl (ctl_srv.c) -- and
 * what they share.  Both sockets are bound before the sandbox; the loop
 * only receives, accepts and answers.
 */
#ifndef SRV_H
#define SRV_H

struct mon;

/* The token of a request the engine answers later (ENG_PENDING): the
 * engine's admin_done calls done(). */
struct admin_token {
	void	(*done)(struct admin_token *, int err, const char *msg);
};

/* Bound, or taken over from systemd (fd FCP_FD_CLIF); exits with a
 * message if another daemon has the name. */
void	clif_srv_open(struct mon *);
void	ctl_srv_open(struct mon *);

/* srv.c */
int	srv_bind_abstract(int type, const char *name);
int	srv_log_refusal(unsigned long *count);


#endif
