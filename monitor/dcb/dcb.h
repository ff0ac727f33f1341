/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the DCB engine's pure parts -- the
 * five-step lldpad query sequence of one real interface, its retry
 * schedule, and the create/destroy decision
 * of doc/design.md "Engine: decisions".
 *
 * No I/O and no clock of its own: time is the caller's monotonic clock in
 * milliseconds, passed in as `now`, so tests run the schedule on a fake
 * clock.  The caller sends the query dcb_netif_query() names, feeds every
 * parsed lldpad datagram to dcb_netif_reply()/dcb_netif_event(), and at the
 * end of each event or timer cycle calls dcb_netif_settle() once per real
 * interface, then dcb_decide() once per FCoE interface.
 */
#ifndef DCB_H
#define DCB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "monitor/wire/dcbnl.h"
#include "monitor/wire/lldpad_msg.h"

#define DCB_MAX_RETRIES		10	/* DCBD_MAX_REQ_RETRIES */
#define DCB_RETRY_STEP_MS	200	/* DCBD_REQ_RETRY_TIMEOUT */

enum dcb_step {
	DCB_OFF = 0,		/* no sequence: link down, or never started */
	DCB_Q_DCB_STATE,	/* the five queries, in order */
	DCB_Q_PFC_CONFIG,
	DCB_Q_APP_CONFIG,
	DCB_Q_PFC_OPER,
	DCB_Q_APP_OPER,
	DCB_DONE,		/* finished; values in info */
	DCB_ERROR,		/* a query failed; see fail */
	DCB_GAVE_UP,		/* retries ran out; waits for an event/link */
	DCB_Q_DCBNL		/* asking the kernel's dcbnl (GDCBX, IEEE_GET)
				 * before lldpad: its DCBX mode picks the
				 * source; last, so the others keep their
				 * numbers (fcoectl's records) */
};

/* What one lldpad reply did to the sequence. */
enum dcb_rx {
	DCB_RX_IGNORED = 0,	/* not an answer to the current step */
	DCB_RX_NEXT,		/* accepted; the next query is due */
	DCB_RX_DONE,		/* accepted; the sequence is finished */
	DCB_RX_ERROR		/* accepted; the sequence failed */
};

enum dcb_decision {
	DCB_WAIT = 0,		/* nothing to do yet */
	DCB_CREATE_OR_ENABLE,
	DCB_DISABLE,
	DCB_DESTROY,
	DCB_RETRY		/* not settled; a retry is (to be) scheduled */
};

/* Why dcb_decide() decided what it did: one value per row of its table. */
enum dcb_why {
	DCB_WHY_DELLINK = 0,	/* a needed interface was removed */
	DCB_WHY_LINK_DOWN,	/* a needed link is down */
	DCB_WHY_NO_DCB,		/* DCB not required */
	DCB_WHY_IDLE,		/* DCB sequence not started */
	DCB_WHY_QUERYING,	/* DCB sequence running */
	DCB_WHY_DCB_GOOD,	/* every DCB condition holds */
	DCB_WHY_DCB_BAD,	/* a DCB destroy condition holds */
	DCB_WHY_UNSETTLED,	/* neither: retry */
	DCB_WHY_QUERY_ERROR,	/* the sequence failed: retry */
	DCB_WHY_RETRIES_OUT	/* ten retries failed */
};

/* What the finished sequence found. */
struct dcb_info {
	bool	dcb_on;			/* DCB state */
	bool	pfc_enable;		/* PFC config */
	bool	pfc_advertise;
	bool	pfc_willing;
	bool	app_enable;		/* App:FCoE config */
	bool	app_advertise;
	bool	app_willing;
	bool	pfc_oper;		/* PFC oper: oper_mode */
	uint8_t	pfc_error;
	uint8_t	pfcup;			/* operational PFC priorities */
	bool	app_oper;		/* App:FCoE oper: oper_mode */
	uint8_t	app_error;
	uint8_t	appcfg;			/* operational App:FCoE priorities */
	bool	cee_inactive;		/* status 09 on an oper query */
};

/*
 * What a DCB source says about one real interface, whatever the source:
 * the judgement (dcb_judge) reads only this.  lldpad's CEE query sequence
 * fills it (dcb_cee_verdict); IEEE DCBX read through dcbnl can fill the
 * same fields next to it.
 */
enum dcb_source { DCB_SRC_CEE = 0, DCB_SRC_IEEE };

struct dcb_verdict {
	enum dcb_source	source;
	bool	enabled;		/* DCB on for the interface */
	bool	pfc_enabled;		/* PFC configured on */
	bool	app_enabled;		/* the FCoE application entry is on */
	bool	oper_known;		/* the source can say what is
					 * operational (CEE: its DCBX engine
					 * is active) */
	bool	pfc_oper;		/* PFC operational with the peer */
	bool	app_oper;		/* App:FCoE operational with the peer */
	uint8_t	pfc_prios;		/* priorities with PFC operational */
	uint8_t	fcoe_prios;		/* priorities FCoE is mapped to */
	bool	unreadable;		/* the source cannot be read at all
					 * (IEEE mode, no dcbnl): settled, bad */
};

/* dcb_judge() problem bits. */
#define DCB_P_DCB_OFF		0x01	/* destroy */
#define DCB_P_APP_DISABLED	0x02	/* destroy */
#define DCB_P_MISMATCH		0x04	/* destroy: both oper, no common prio */
#define DCB_P_PFC_DISABLED	0x08
#define DCB_P_CEE_INACTIVE	0x10
#define DCB_P_PFC_NOT_OPER	0x20
#define DCB_P_APP_NOT_OPER	0x40
#define DCB_P_UNREADABLE	0x80	/* destroy: IEEE mode, no dcbnl */
#define DCB_P_DESTROY	(DCB_P_DCB_OFF | DCB_P_APP_DISABLED | DCB_P_MISMATCH | \
			 DCB_P_UNREADABLE)

enum dcb_judgement { DCB_J_GOOD = 0, DCB_J_BAD, DCB_J_UNSETTLED };

enum dcb_fail {
	DCB_F_NONE = 0,
	DCB_F_STATUS,		/* lldpad answered with an error status */
	DCB_F_NO_ECHO,		/* ... before echoing the request (R04) */
	DCB_F_MALFORMED,	/* the answer did not parse */
	DCB_F_NOT_SYNCD		/* oper: not synchronised with the peer */
};

/*
 * What the kernel's dcbnl said about one real interface (doc/kernel.md
 * "dcbnl"): the DCBX mode (GDCBX) and the IEEE view (IEEE_GET): PFC's
 * enabled priorities and FCoE's entry of the APP table.
 */
struct dcb_ieee {
	uint32_t	seq_dcbx;	/* GDCBX out, 0 once answered */
	uint32_t	seq_ieee;	/* IEEE_GET out, 0 once answered */
	int		err;		/* a kernel errno, 0 none */
	unsigned	err_cmd;	/* the DCB_CMD_* it answered */
	bool		dcbx_known;
	uint8_t		dcbx;		/* DCB_CAP_DCBX_* */
	bool		ieee_known;	/* IEEE_GET answered */
	uint8_t		pfc_en;		/* PFC's enabled priorities */
	uint8_t		fcoe_prios;	/* APP ethertype 0x8906 priorities */
	bool		has_app;	/* fcoe_app is the entry seen */
	struct dcbnl_app fcoe_app;	/* the lowest-priority FCoE entry */
};

/* The sequence of one real interface. */
struct dcb_netif {
	char		ifname[LLDPAD_IFNAMSIZ];
	enum dcb_step	step;
	bool		pending;	/* this step's query sent, unanswered */
	struct dcb_info	info;
	unsigned	retries;	/* failures so far, 0..DCB_MAX_RETRIES */
	bool		retry_armed;
	uint64_t	retry_at;	/* ms, caller's clock */
	enum dcb_step	gave_up_from;	/* DCB_DONE or DCB_ERROR */
	enum dcb_fail	fail;		/* the last failure, for words */
	enum dcb_step	fail_step;
	unsigned	fail_status;
	const char	*fail_detail;	/* parser reason (static) */
	bool		use_dcbnl;	/* the caller can ask dcbnl: every
					 * sequence starts with DCB_Q_DCBNL */
	enum dcb_source	source;		/* which DCBX decides, in DCB_DONE */
	struct dcb_ieee	ieee;
};

/* Input of the decision of one FCoE interface. */
struct dcb_in {
	bool		dellink;	/* last link message was DELLINK */
	bool		links_up;	/* every needed interface is up */
	bool		dcb_required;
	enum dcb_step	step;		/* the real interface's sequence */
	unsigned	retries;
	bool		retry_armed;
	struct dcb_verdict verdict;	/* meaningful when step == DCB_DONE */
};

void		 dcb_netif_init(struct dcb_netif *, const char *ifname);
bool		 dcb_netif_link(struct dcb_netif *, bool up);
bool		 dcb_netif_restart(struct dcb_netif *);
bool		 dcb_netif_query(const struct dcb_netif *, enum dcb_step *);
void		 dcb_netif_sent(struct dcb_netif *);
enum dcb_rx	 dcb_netif_reply(struct dcb_netif *, const struct lldpad_msg *);
bool		 dcb_event_restarts(const struct lldpad_msg *);
bool		 dcb_netif_event(struct dcb_netif *, const struct lldpad_msg *);
enum dcb_decision dcb_netif_settle(struct dcb_netif *, uint64_t now);
bool		 dcb_netif_timer(struct dcb_netif *, uint64_t now);
bool		 dcb_netif_next_timer(const struct dcb_netif *, uint64_t *at);
void		 dcb_netif_in(const struct dcb_netif *, struct dcb_in *);
int		 dcb_netif_explain(const struct dcb_netif *, uint64_t now,
		    char *buf, size_t size);

/* dcbnl: ask now?  The request went (seq) or failed (errno). */
bool		 dcb_netif_dcbnl_due(const struct dcb_netif *);
void		 dcb_netif_dcbnl_sent(struct dcb_netif *, unsigned cmd,
		    uint32_t seq, int err);
bool		 dcb_netif_dcbnl_asked(struct dcb_netif *);
/* A dcbnl answer (seq of the request); true if the sequence moved. */
bool		 dcb_netif_dcbnl(struct dcb_netif *, uint32_t seq,
		    const struct dcbnl_info *);
/* Does the real interface need lldpad at all (not firmware DCBX)? */
bool		 dcb_netif_firmware(const struct dcb_netif *);
/* The verdict of whichever source decides. */
void		 dcb_netif_verdict(const struct dcb_netif *, struct dcb_verdict *);
/* The IEEE (dcbnl) findings as a verdict. */
void		 dcb_ieee_verdict(const struct dcb_ieee *, struct dcb_verdict *);
const char	*dcb_source_str(enum dcb_source);

/* Good, bad (a destroy condition) or unsettled; problems gets DCB_P_*. */
enum dcb_judgement dcb_judge(const struct dcb_verdict *, unsigned *problems);
/* The CEE sequence's findings as a verdict. */
void		 dcb_cee_verdict(const struct dcb_info *, struct dcb_verdict *);
enum dcb_decision dcb_decide(const struct dcb_in *, enum dcb_why *);
uint64_t	 dcb_retry_delay_ms(unsigned retry);

unsigned	 dcb_step_cmd(enum dcb_step);
unsigned	 dcb_step_feature(enum dcb_step);
const char	*dcb_step_str(enum dcb_step);
const char	*dcb_decision_str(enum dcb_decision);
const char	*dcb_why_str(enum dcb_why);

#endif /* DCB_H */
