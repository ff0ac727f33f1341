/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the monitor's state and its event
 * loop (loop.c), and the engine's window on the world (ops.c).  The top
 * of the io room: main.c starts it; nothing below calls back into it --
 * the control servers get what they need when they are opened.
 */
#ifndef IO_LOOP_H
#define IO_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "monitor/io/act_client.h"
#include "monitor/config/config.h"
#include "monitor/engine/engine.h"
#include "monitor/io/dcbnl_io.h"
#include "monitor/io/links.h"
#include "monitor/control/srv.h"
#include "monitor/control/peer.h"

struct event;
struct event_base;

struct mon_opts {
	const char	*cfgdir;
	int		 debug, stderr_only, check;
	int		 clif_fd;	/* FCP_FD_CLIF from systemd, or -1 */
	int		 ctl_fd;	/* FCP_FD_CTL (fcoectl), or -1 */
	enum fcp_seccomp seccomp;
};

/* Start-up's end, for systemd and fcoectl status (ready.c). */
struct mon_ready {
	struct event	*poll;		/* while a login is under way */
	struct event	*deadline;	/* the bounded wait's end */
	struct event	*later;		/* a full check put off (ready_cycle) */
	uint64_t	 t0;		/* when the monitor started */
	uint64_t	 last;		/* the last full check (ready.c) */
	char		 wait_if[16];	/* the first one it still waited for */
	bool		 done;
	bool		 expired;	/* the deadline timer fired */
	char		 msg[200];	/* "ready: ..." or "starting: ..." */
};

struct mon {
	const struct mon_opts *o;
	struct priv_client priv;
	struct fcp_hello_rep hello;
	struct engine	*eng;
	struct links	*links;
	struct dcbnl_io	*dcbnl;		/* NULL: the kernel's dcbnl unusable */
	struct cfg_list	*cfg;
	struct event_base *base;
	struct event	*ev_ipc, *ev_lldpad, *ev_timer, *ev_cycle;
	struct event	*ev_logflush;	/* a cycle's held log lines (loop.c) */
	struct srv_env	 srv;		/* what the control servers use */
	char		 version[160];	/* fcoectl version's answer */
	uint64_t	 timer_at;
	int		 status;
	unsigned long	 lldpad_dropped;
	struct peer_limit lldpad_drops;	/* how often that is logged */
	struct mon_ready ready;
	struct event	*ev_kwatch;	/* until the kernel interface is there */
};

/* loop.c */
int		mon_run(const struct mon_opts *);

/* ops.c: called by loop.c only, calls nothing of it */
void		mon_ops(struct mon *, struct eng_ops *);
void		mon_lldpad_read(struct mon *);
int		mon_fip_take(struct mon *);

/* kwatch.c */
void		kwatch_start(struct mon *);

/* ready.c */
void		ready_start(struct mon *, uint64_t t0);
void		ready_cycle(struct mon *);
void		ready_words(const struct mon *, char *buf, size_t n);

/* alone.c */
void		mon_check_user(void);

#endif
