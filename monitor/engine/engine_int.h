/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the engine's internal structures,
 * shared by its files (listed below by layer).  Not for other modules:
 * they use engine.h.
 */
#ifndef ENGINE_INT_H
#define ENGINE_INT_H

#include "monitor/engine/engine.h"
#include "monitor/engine/fipdisc.h"
#include "monitor/util/nmap.h"

#define ENG_RING	8	/* lldpad requests awaiting an answer */
/*
 * A link-down disable waits this long.  Deleting a device that is up sends
 * its link-down first and unregisters it under RTNL; a sysfs write to its
 * ctlr in that window deadlocks Debian's 6.1 kernel (the VM suite's
 * repro-vlan-del-deadlock.sh).  The DELLINK that follows within a few ms
 * turns the disable into nothing, and a short flap disables nothing.
 */
#define ENG_DOWN_SETTLE_MS	500
/*
 * The same wait holds before an instance is made (or enabled) ahead of
 * link-up (fcoemond(8) "What exists when"): the interface must have been
 * there, down, this long.  A device deleted while up, or deleted just
 * after it was added, gets no write at all.
 */

struct eng_real;
struct eng_fip;

/* An operator's request waiting for its answer. */
struct eng_waiter {
	struct eng_waiter *next;
	void		*token;
	enum eng_admin	 what;
};

/* A sequence's outcome as last logged: one line per change. */
enum seq_log { SL_NONE = 0, SL_READY, SL_BAD, SL_RETRY, SL_GAVE_UP };

/* One configured FCoE interface (one cfg file). */
struct eng_port {
	struct nmap_node node;
	struct eng_port	*prev, *next;		/* all ports */
	struct eng_port	*dep_prev, *dep_next;	/* ports on the same real */
	struct eng_port	*dirty_next;
	struct cfg_iface cfg;
	struct eng_real	*real;		/* NULL until its link is known */
	bool		 present;	/* the link exists */
	bool		 oper_up;
	bool		 admin_up;	/* IFF_UP: see eng_run.c early() */
	bool		 dellink;	/* the last link message was a delete */
	bool		 dirty;
	bool		 removed;	/* gone from the config: finish, free */
	bool		 recreate;	/* MODE changed: destroy, create */
	bool		 managed;	/* made or adopted by this daemon */
	bool		 counted;	/* in real->dcb_users */
	bool		 logout_keep;	/* shutdown: its disks are in use */
	struct port	 port;
	enum dcb_why	 why;		/* last decision's reason, logged */
	bool		 why_valid;
	bool		 admin_made;	/* by fcoeadm/fcoectl, no cfg file */
	const char	*cause;		/* an operator's request, for the log */
	struct eng_waiter *waiters;
	uint64_t	 last_op_at;
	uint64_t	 down_due;	/* deferred disable runs then; 0 none */
	struct eng_port	*down_next;
	bool		 down_queued;
	/* FIP (eng_fip.c): discovery of an AUTO_VLAN entry on a physical
	 * interface; or, for a VLAN entry discovery made (no cfg file),
	 * the entry it was made for and the VID. */
	struct eng_fip	*fip;
	char		 auto_parent[LINK_NAMESZ];	/* "": not one */
	unsigned	 auto_vid;
	bool		 fip_vlan_logged;	/* "AUTO_VLAN on a VLAN" said */
	/* A static VN2VN name <real>.<vid>-fcoe: its VLAN is made when the
	 * real interface is there (static_vid 0: not such a name). */
	char		 static_real[LINK_NAMESZ];
	unsigned	 static_vid;
	int		 static_err;		/* last create's errno logged */
	bool		 static_tried;		/* for this appearance of real */
	/* FIP_RESP of the real interface's entry, applied to this VN2VN
	 * instance: what the kernel was last told, its errno. */
	bool		 resp_on;
	int		 resp_err;
	bool		 resp_cfg;		/* FIP_RESP seen in its own cfg */
	/* Its VLAN was just created by this daemon: not a device someone
	 * is deleting, so its instance need not wait the settle time. */
	bool		 vlan_fresh;
	bool		 parked_logged;	/* "AUTO_VLAN: ... VID 0" said */
};

/* One VID discovery offered to an auto entry. */
struct eng_avid {
	unsigned	 vid;
	char		 name[LINK_NAMESZ];	/* its VLAN device */
	bool		 made;		/* created (or adopted) by the daemon */
	bool		 create;	/* VLAN_CREATE to ask */
	bool		 withdrawn;	/* to remove once its instance went */
	int		 err;		/* last VLAN_CREATE errno, 0 ok */
};

/* FIP VLAN discovery of one auto entry (eng_fip.c). */
struct eng_fip {
	struct eng_fip	*next;
	struct eng_port	*port;		/* NULL: entry gone, VLANs to remove */
	char		 real[LINK_NAMESZ];
	enum cfg_mode	 mode;
	bool		 dcb_required;
	struct fipdisc	 d;
	bool		 up;		/* link state fipdisc was told */
	bool		 vid0;		/* FCoE on the port itself offered */
	bool		 send;		/* a VLAN request to ask */
	int		 send_err;	/* last errno logged, 0 ok */
	uint32_t	 bad;		/* frames fip_parse() rejected */
	uint32_t	 drops;		/* dropped by the actuator (a flood) */
	uint64_t	 bad_logged;	/* when the last rejection was logged */
	unsigned	 nv;
	struct eng_avid	 v[FIPDISC_VIDS_CAP];
};

/* One real interface under one or more FCoE interfaces. */
struct eng_real {
	struct nmap_node node;
	struct eng_real	*prev, *next;		/* all reals */
	struct eng_real	*dirty_next, *q_next;
	struct eng_port	*deps;
	char		 name[LINK_NAMESZ];
	bool		 present, oper_up, dirty, queued;
	bool		 firmware;	/* counted in engine.fw_users */
	int		 dcbnl_logged;	/* the dcbnl errno last logged */
	unsigned	 users, dcb_users;
	struct dcb_netif dcb;
	int		 last_status;	/* last lldpad answer's, -1 none */
	enum dcb_step	 last_step;	/* the step it answered */
	long		 heap_idx;	/* retry timer, -1 if none */
	uint64_t	 timer_at;
	enum seq_log	 seq_logged;
};

struct engine {
	struct eng_ops	 ops;
	struct nmap	 ports_by_name, reals_by_name;
	struct eng_port	*ports;
	struct eng_real	*reals;
	size_t		 nports, nreals, dcb_users;
	size_t		 fw_users;	/* dcb_users on firmware-DCBX reals */
	struct eng_port	*dirty_ports;
	struct eng_real	*dirty_reals;
	struct eng_real	*q_head, **q_tail;	/* reals with a query due */
	struct eng_real	*inflight;		/* the one DCB query out */
	struct eng_real	*ring[ENG_RING];	/* answers awaited, FIFO */
	unsigned	 ring_head, ring_n;
	struct lconn	 lc;
	bool		 lc_restart;		/* re-attached: restart all */
	bool		 no_access_logged;
	struct eng_port	*down_head, **down_tail;	/* deferred disables, FIFO */
	struct eng_fip	*fips;			/* FIP discoveries */
	uint32_t	 fip_drops;		/* FIP frames dropped, total */
	uint64_t	 fip_drops_logged;	/* when that was last said */
	bool		 fip_statics;		/* a static VN2VN name seen */
	struct eng_real	**heap;			/* retry timers, min-heap */
	size_t		 heap_n, heap_cap;
	bool		 dead;
	bool		 logout;	/* system shutdown: disable, make nothing */
};

/*
 * The engine's files in layers; each calls only the layers below it, so
 * there is no call circle (tests/check-layers.sh checks the objects):
 *   4  eng_run.c                end of cycle, timers due
 *   3  eng_lldpad.c eng_dcbnl.c eng_admin.c eng_status.c eng_fip.c
 *      eng_fip_act.c
 *   2  engine.c                 the lists, config loads, link events
 *   1  eng_timer.c              retry heap, link-down settle FIFO
 *   0  eng_core.c               lookups, dirty marks, queues, answers
 */

/* eng_core.c */
int	eng_call(struct engine *, int rc);
void	eng_port_dirty(struct engine *, struct eng_port *);
void	eng_real_dirty(struct engine *, struct eng_real *);
struct eng_real *eng_real_find(const struct engine *, const char *);
struct eng_port *eng_port_find(const struct engine *, const char *);
void	eng_query_queue(struct engine *, struct eng_real *);
struct eng_real *eng_query_pop(struct engine *);
void	eng_ring_clear(struct engine *);
void	eng_ring_push(struct engine *, struct eng_real *);
struct eng_real *eng_ring_pop(struct engine *);
void	eng_real_forget(struct engine *, struct eng_real *);
void	eng_real_firmware(struct engine *, struct eng_real *);
void	eng_waiters_flush(struct engine *, struct eng_port *, int err,
	    const char *why);

/* eng_timer.c */
void	eng_timer_set(struct engine *, struct eng_real *, uint64_t at);
void	eng_timer_del(struct engine *, struct eng_real *);
struct eng_real *eng_timer_due(struct engine *, uint64_t now);
uint64_t eng_timer_first(const struct engine *);
bool	eng_down_settled(struct engine *, struct eng_port *, uint64_t now);
void	eng_down_due(struct engine *, uint64_t now);
void	eng_down_forget(struct engine *, struct eng_port *);
uint64_t eng_down_first(const struct engine *);

/* engine.c */
void	eng_real_sync(struct engine *, struct eng_real *);
void	eng_port_free(struct engine *, struct eng_port *);
struct eng_port *eng_port_new(struct engine *, const struct cfg_iface *);
void	eng_count_dcb(struct engine *, struct eng_port *);
bool	eng_early(const struct eng_port *);

/* eng_admin.c */
void	eng_admin_settle(struct engine *, struct eng_port *, enum dcb_why,
	    enum port_op ran, int err);

/* eng_lldpad.c */
void	eng_lldpad_run(struct engine *, uint64_t now);

/* eng_dcbnl.c (layer 3) */
void	eng_dcbnl_ask(struct engine *);

/* eng_fip.c (layer 3) */
void	eng_fip_sync(struct engine *, struct eng_port *, uint64_t now);
void	eng_fip_timer(struct engine *, uint64_t now);
uint64_t eng_fip_next(const struct engine *);
bool	eng_fip_parked(const struct eng_port *);

/* eng_fip_act.c (layer 3) */
void	eng_fip_run(struct engine *, uint64_t now);
void	eng_fip_resp(struct engine *, struct eng_port *);

#endif
