/*
 * Run by the monitor (unprivileged): what main.c, loop.c and ops.c share.
 */
#ifndef MONITOR_H
#define MONITOR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "monitor/io/act_client.h"
#include "monitor/config/config.h"
#include "monitor/engine/engine.h"
#include "monitor/io/links.h"
#include "monitor/util/log.h"
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

struct mon {
	const struct mon_opts *o;
	struct act_client act;
	struct fcp_hello_rep hello;
	struct engine	*eng;
	struct links	*links;
	struct cfg_list	*cfg;
	struct event_base *base;
	struct event	*ev_ipc, *ev_lldpad, *ev_timer, *ev_cycle;
	uint64_t	 timer_at;
	int		 status;
	unsigned long	 lldpad_dropped;
	struct peer_limit lldpad_drops;	/* how often that is logged */
};

int		mon_run(const struct mon_opts *);
void		mon_reload(struct mon *);
void		mon_kick(struct mon *);
/* sandbox.c */
int		sandbox_seccomp(enum fcp_seccomp mode, int log_fd);
void		sandbox_seccomp_dump(FILE *out);
int		sandbox_landlock(const char *cfgdir, char *why, size_t whysz);
void		sandbox_landlock_dump(FILE *out, const char *cfgdir);
uint64_t	mon_now(void);
void		mon_ops(struct mon *, struct eng_ops *);
void		mon_lldpad_read(struct mon *);
struct msghdr;
struct ucred;
void		mon_sender(struct msghdr *, struct ucred *);

#endif
