/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the
 * engine of doc/design.md "Engine" -- the FCoE
 * interface list (one entry per cfg file), the real-interface list (link
 * state and the DCB query sequence), the lldpad connection, and the end-of-
 * cycle actions.  It does no I/O of its own: everything goes through
 * struct eng_ops, and time is the caller's monotonic clock in ms, so unit
 * tests drive it on a fake clock with a recording actuator.
 *
 * Per event the cost does not grow with the number of interfaces: entries
 * are hashed by name, and a cycle works only on what the event touched.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "monitor/config/config.h"
#include "monitor/dcb/dcb.h"
#include "monitor/engine/link.h"
#include "monitor/dcb/lldpad_conn.h"
#include "monitor/wire/lldpad_msg.h"
#include "monitor/engine/port.h"
#include "proto/fcp.h"

#define ENG_NEVER	UINT64_MAX

struct eng_ops {
	void	*arg;
	/* Actuator requests: 0, an errno (>0), or -1 when the actuator
	 * client is dead (the engine stops; the caller exits). */
	int	(*fcoe)(void *arg, enum port_op op, const char *ifname,
		    enum cfg_mode mode);
	int	(*lldpad)(void *arg, enum fcp_lq kind, const char *ifname);
	int	(*lldpad_connect)(void *arg);
	/* The current state of a link, NULL if there is none. */
	const struct link_info *(*link)(void *arg, const char *name);
	/* Instance already in the kernel (adoption): 0 or an errno. */
	int	(*adopt)(void *arg, const char *ifname, enum port_state *st);
	/* Ask the kernel's dcbnl (RTM_GETDCB, cmd a DCB_CMD_*) about a real
	 * interface: 0 with *seq its netlink sequence number (the answer
	 * comes through engine_dcbnl), or an errno.  NULL: no dcbnl at all;
	 * every DCB sequence then asks lldpad (CEE) only. */
	int	(*dcbnl)(void *arg, unsigned cmd, const char *ifname,
		    uint32_t *seq);
	/* The answer to an engine_admin() that returned ENG_PENDING. */
	void	(*admin_done)(void *arg, void *token, int err, const char *msg);
	/* FIP VLAN discovery (doc/fip.md), actuator requests as above.  A
	 * VLAN request on the real interface ifname (the actuator builds
	 * it); a VLAN vid on real, named by common/vlan_name.h, for a VID
	 * discovery was offered (is_static false) or for a static VN2VN
	 * entry's name; the removal of a VLAN of the daemon's naming; the
	 * kernel's VLAN responder of the instance on ifname on or off. */
	int	(*fip_send)(void *arg, const char *ifname, enum cfg_mode mode);
	int	(*vlan_create)(void *arg, const char *real, unsigned vid,
		    bool is_static);
	int	(*vlan_destroy)(void *arg, const char *name);
	int	(*fip_resp)(void *arg, const char *ifname, bool on);
	/* Calls fn for each VLAN device whose parent is real (from the
	 * kernel's IFLA_LINK and IFLA_VLAN_ID, never from names). */
	void	(*vlans_of)(void *arg, const char *real,
		    void (*fn)(void *, const struct link_info *), void *fnarg);
};

/* Requests of an operator (fcoeadm, fcoectl), already checked as root. */
enum eng_admin { EA_CREATE = 1, EA_DESTROY, EA_RESET, EA_SCAN };
#define ENG_PENDING	(-2)

struct engine;

struct engine	*engine_new(const struct eng_ops *ops);
void		 engine_free(struct engine *);

/* A FIP frame the actuator relayed from ifindex (doc/fip.md), and the
 * count of frames it dropped since its last report (a flood). */
void		 engine_fip_frame(struct engine *, int ifindex,
		    const uint8_t *frame, size_t len, uint64_t now);
void		 engine_fip_drops(struct engine *, int ifindex, uint32_t n,
		    uint64_t now);

/* (Re)load: new entries start, removed ones are destroyed if this daemon
 * made or adopted them, unchanged ones are not touched. */
void		 engine_load(struct engine *, const struct cfg_list *prev,
		    const struct cfg_list *next);
void		 engine_link(struct engine *, const struct link_event *);
void		 engine_lldpad(struct engine *, const struct lldpad_msg *,
		    uint64_t now);
void		 engine_timer(struct engine *, uint64_t now);
/* A dcbnl message: the answer to the request seq about ifname (the
 * caller matched it), or with seq 0 an RTNLGRP_DCB notification. */
void		 engine_dcbnl(struct engine *, const char *ifname, uint32_t seq,
		    const struct dcbnl_info *);
/* The kernel dropped dcbnl notifications: ask every real again. */
void		 engine_dcbnl_resync(struct engine *);

/* End of cycle: run what is due.  0, or -1 once an ops call returned -1. */
int		 engine_run(struct engine *, uint64_t now);
/* When engine_timer (then engine_run) must next be called; ENG_NEVER. */
uint64_t	 engine_next_due(const struct engine *);

/*
 * An operator's request: 0 or an errno answered at once (msg says it in
 * words), or ENG_PENDING: ops.admin_done(token) answers once the decision
 * is made (created, destroyed, failed, or cannot happen now).  A create
 * for an interface without a cfg file makes an entry with DCB not
 * required, as fcoemon did; create and destroy last until the next change
 * of that interface's cfg file.
 */
int		 engine_admin(struct engine *, enum eng_admin, const char *ifname,
		    enum cfg_mode mode, void *token, char *msg, size_t msgsz);
/* The requester is gone: forget token (no admin_done for it). */
void		 engine_admin_cancel(struct engine *, const char *ifname,
		    void *token);

/* The state of one entry, as plain data; monitor/control turns it into
 * fcoectl's record, the SIGUSR1 dump into lines. */
#define ENG_WHYSZ	128
enum eng_link { ENG_LINK_ABSENT = 0, ENG_LINK_DOWN, ENG_LINK_UP };

struct eng_row {
	char		 ifname[LINK_NAMESZ];	/* as configured */
	char		 real[LINK_NAMESZ];	/* "" until known */
	enum eng_link	 link, real_link;
	bool		 dcb_required, enable;
	bool		 admin_made;		/* by an operator, no cfg file */
	bool		 managed;		/* made or adopted by us */
	enum cfg_mode	 mode;
	enum port_state	 state;			/* the daemon's view */
	enum port_op	 last_op;		/* PO_NONE if none yet */
	int		 last_err;		/* its errno, 0 ok */
	int32_t		 last_op_age_ms;	/* -1 none */
	enum dcb_step	 dcb_step;		/* DCB_OFF unless DCB required */
	unsigned	 retries, max_retries;
	int32_t		 next_retry_ms;		/* -1 none armed */
	int		 lldpad_status;		/* last answer's, -1 none */
	enum dcb_step	 lldpad_step;		/* the step it answered */
	/* What decided the DCB outcome and the values it saw. */
	enum eng_flavour { ENG_DCBX_NONE = 0, ENG_DCBX_CEE, ENG_DCBX_IEEE }
			 flavour;		/* NONE until a sequence is done */
	int		 dcbx_mode;		/* kernel's DCB_ATTR_DCBX, -1 */
	int		 dcbnl_err;		/* kernel errno of dcbnl, 0 */
	uint8_t		 pfc_prios;		/* PFC priorities seen */
	uint8_t		 fcoe_prios;		/* FCoE (APP) priorities seen */
	bool		 has_app;		/* IEEE APP entry seen: */
	struct dcbnl_app app;
	char		 why[ENG_WHYSZ];	/* in words */
	/* FIP VLAN discovery of an AUTO_VLAN entry (doc/fip.md). */
	bool		 fip;			/* discovering */
	const char	*fip_state;		/* fipdisc_state_name() */
	bool		 fip_vid0;
	uint8_t		 fip_mac[6];		/* last to answer, or zero */
	uint32_t	 fip_requests, fip_notes, fip_ignored, fip_bad,
			 fip_drops;
	unsigned	 fip_nvid;		/* VIDs offered */
	uint16_t	 fip_vid[16];		/* the first of them, ascending */
	/* An entry discovery made for a VLAN: its AUTO_VLAN entry, VID,
	 * and whether the daemon made the VLAN device. */
	char		 auto_parent[LINK_NAMESZ];
	unsigned	 auto_vid;
	bool		 vlan_made;
};

/* One row per entry (ifname NULL: all) through row(); ENOENT if ifname
 * is not an entry.  What the kernel has is for the caller to add. */
int		 engine_status(const struct engine *, const char *ifname,
		    uint64_t now, void (*row)(void *, const struct eng_row *),
		    void *arg);
size_t		 engine_count(const struct engine *);
/* "N interfaces, N real, <lldpad connection>" (SIGUSR1's first line). */
void		 engine_summary(const struct engine *, uint64_t now, char *buf,
		    size_t n);

#endif
