/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by the monitor (unprivileged) and by fcoectl: the control protocol
 * of fcoemond's own socket (doc/design.md "Control sockets").  A pathname
 * AF_UNIX stream socket, /run/fcoemond/ctl, in a directory only root may
 * write; per connection the
 * client sends one struct ctl_req, the monitor answers with one struct
 * ctl_reply and, for CTL_STATUS, reply.nrows struct ctl_row records, then
 * closes.  Fixed-size records in host byte order (client and daemon come
 * from one build and one host).  Pure: no I/O, so it is fuzzed whole.
 *
 * Who may ask: anyone for CTL_STATUS and CTL_VERSION; uid 0 (SO_PEERCRED)
 * for the rest.  fcoectl in turn checks the server is uid 0 or the
 * daemon's user, so nobody else can answer it even if the
 * directory were misconfigured.
 */
#ifndef CTL_MSG_H
#define CTL_MSG_H

#include <stddef.h>
#include <stdint.h>

/* FCP_CTL_PATH (proto/fcp.h), where the actuator or systemd makes it;
 * spelled out so the Python mirror (tests/mirror) checks it too. */
#define CTL_SOCK_PATH	"/run/fcoemond/ctl"
#define CTL_MAGIC	0x31434346u	/* "FCC1" on little-endian */
#define CTL_VERSION	3	/* 2: the DCBX flavour and values; 3: FIP */
#define CTL_IFNAMSIZ	16
#define CTL_MSGSZ	200
#define CTL_WHYSZ	128
#define CTL_MAX_ROWS	65536		/* more interfaces than any host has */
#define CTL_FIP_VIDS	16		/* VIDs listed in a row (of up to 64) */

enum ctl_cmd {
	CTL_STATUS = 1,		/* ifname "" = every interface */
	CTL_CREATE,		/* flags: CTL_F_VN2VN */
	CTL_DESTROY,
	CTL_RESET,
	CTL_SCAN,
	CTL_RELOAD,		/* as SIGHUP */
	CTL_VERSIONQ,		/* reply.msg = daemon version and sandbox */
	CTL_CMD_MAX
};

#define CTL_F_VN2VN	0x1

struct ctl_req {
	uint32_t magic;
	uint16_t version;
	uint16_t cmd;
	char	 ifname[CTL_IFNAMSIZ];	/* NUL-padded */
	uint32_t flags;
	uint32_t zero;
};
_Static_assert(sizeof(struct ctl_req) == 32, "ctl_req");

/* reply.status: 0, or an errno (EPERM: not root; ENOENT: no such
 * interface in the daemon; EEXIST: already created; ...).  msg says it in
 * words, NUL-terminated. */
struct ctl_reply {
	uint32_t magic;
	uint16_t version;
	uint16_t cmd;
	int32_t	 status;
	uint32_t nrows;
	char	 msg[CTL_MSGSZ];
};
_Static_assert(sizeof(struct ctl_reply) == 216, "ctl_reply");

enum ctl_link { CTL_LINK_ABSENT = 0, CTL_LINK_DOWN, CTL_LINK_UP };
enum ctl_state { CTL_ST_ABSENT = 0, CTL_ST_ENABLED, CTL_ST_DISABLED };
enum ctl_op {
	CTL_OP_NONE = 0, CTL_OP_CREATE, CTL_OP_ENABLE, CTL_OP_DISABLE,
	CTL_OP_DESTROY
};
/* cfg file, fcoeadm/fcoectl, or FIP VLAN discovery (AUTO_VLAN) */
enum ctl_source { CTL_SRC_CFG = 0, CTL_SRC_ADMIN, CTL_SRC_FIP };
/* FIP VLAN discovery of an AUTO_VLAN entry: none = not such an entry. */
enum ctl_fip { CTL_FIP_NONE = 0, CTL_FIP_IDLE, CTL_FIP_SOLICITING,
	CTL_FIP_FOUND };
/* The DCB step of the real interface: the monitor's enum dcb_step. */
enum ctl_dcb {
	CTL_DCB_OFF = 0, CTL_DCB_Q_DCB_STATE, CTL_DCB_Q_PFC_CONFIG,
	CTL_DCB_Q_APP_CONFIG, CTL_DCB_Q_PFC_OPER, CTL_DCB_Q_APP_OPER,
	CTL_DCB_DONE, CTL_DCB_ERROR, CTL_DCB_GAVE_UP, CTL_DCB_Q_DCBNL,
	CTL_DCB_MAX
};
/* Which DCBX decided: none yet, CEE through lldpad, IEEE through dcbnl. */
enum ctl_dcbx { CTL_DCBX_NONE = 0, CTL_DCBX_CEE, CTL_DCBX_IEEE };

/* One FCoE interface.  Strings are NUL-terminated within their field;
 * numbers that do not apply are -1. */
struct ctl_row {
	char	 ifname[CTL_IFNAMSIZ];	/* as configured (maybe a VLAN) */
	char	 real[CTL_IFNAMSIZ];	/* the real interface, "" unknown */
	uint8_t	 link;			/* enum ctl_link, of ifname */
	uint8_t	 real_link;		/* enum ctl_link, of real */
	uint8_t	 dcb_required;
	uint8_t	 mode;			/* 0 fabric, 1 vn2vn */
	uint8_t	 enable;		/* FCOE_ENABLE as in force */
	uint8_t	 source;		/* enum ctl_source */
	uint8_t	 managed;		/* made or adopted by this daemon */
	uint8_t	 state;			/* enum ctl_state, daemon's view */
	uint8_t	 dcb_step;		/* enum ctl_dcb */
	uint8_t	 retries;		/* 0..max_retries */
	uint8_t	 max_retries;
	uint8_t	 last_op;		/* enum ctl_op */
	int32_t	 last_err;		/* errno of last_op, 0 ok */
	int32_t	 last_op_age_ms;	/* -1 never */
	int32_t	 next_retry_ms;		/* -1 none armed */
	int32_t	 lldpad_status;		/* last lldpad answer's status, -1 */
	uint8_t	 lldpad_step;		/* enum ctl_dcb it answered */
	uint8_t	 kernel_enabled;	/* from sysfs, when ctlr >= 0 */
	uint8_t	 pad[2];
	int32_t	 ctlr;			/* ctlr_N in sysfs */
	int32_t	 host;			/* fc_host hostM */
	char	 port_state[16];	/* fc_host port_state ("Online") */
	char	 why[CTL_WHYSZ];	/* in words */
	/* The DCB values the decision saw (meaningful when dcbx != 0). */
	uint8_t	 dcbx;			/* enum ctl_dcbx */
	uint8_t	 pfc_prios;		/* PFC priorities (IEEE: pfc_en) */
	uint8_t	 fcoe_prios;		/* FCoE priorities (CEE App:FCoE,
					 * IEEE the APP table's 0x8906) */
	uint8_t	 app_valid;		/* IEEE: the APP entry below */
	uint8_t	 app_selector;		/* 1: ethertype */
	uint8_t	 app_priority;
	uint16_t app_protocol;		/* 0x8906 */
	int32_t	 dcbx_mode;		/* kernel's DCB_ATTR_DCBX, -1 unknown */
	int32_t	 dcbnl_err;		/* the kernel's errno for dcbnl, 0 */
	/* FIP VLAN discovery, for an AUTO_VLAN entry (fip != NONE). */
	uint8_t	 fip;			/* enum ctl_fip */
	uint8_t	 fip_vid0;		/* VID 0 offered: FCoE on the port */
	uint8_t	 fip_mac[6];		/* FCF or responder that answered
					 * last; zero none */
	uint32_t fip_requests;		/* VLAN requests sent */
	uint32_t fip_notes;		/* notifications taken */
	uint32_t fip_ignored;		/* notifications ignored (MODE, caps) */
	uint32_t fip_bad;		/* frames rejected by the parser */
	uint32_t fip_drops;		/* frames the actuator dropped (flood) */
	uint16_t fip_nvid;		/* VIDs offered, 0..64 */
	uint16_t auto_vid;		/* source FIP: the VID of this VLAN */
	uint16_t fip_vid[CTL_FIP_VIDS];	/* the first offered, ascending */
	char	 auto_parent[CTL_IFNAMSIZ];	/* source FIP: its entry */
	uint8_t	 vlan_made;		/* source FIP: VLAN made by us */
	uint8_t	 pad2[7];
};
_Static_assert(sizeof(struct ctl_row) == 320, "ctl_row");

/* Monitor side: 0 if the request is well-formed, else an errno (EPROTO
 * framing, EINVAL bad command/flags/name) for the refusal reply. */
int	ctl_req_check(const struct ctl_req *);
/* Client side: 0 if the reply header / a row is well-formed, else EPROTO. */
int	ctl_reply_check(const struct ctl_reply *, const struct ctl_req *);
int	ctl_row_check(const struct ctl_row *);

void	ctl_req_init(struct ctl_req *, enum ctl_cmd, const char *ifname,
	    uint32_t flags);
void	ctl_reply_init(struct ctl_reply *, const struct ctl_req *, int status,
	    uint32_t nrows, const char *msg);

const char	*ctl_cmd_name(unsigned);
const char	*ctl_link_name(unsigned);
const char	*ctl_state_name(unsigned);
const char	*ctl_op_name(unsigned);
const char	*ctl_dcb_name(unsigned);
const char	*ctl_source_name(unsigned);
const char	*ctl_dcbx_name(unsigned);
const char	*ctl_fip_name(unsigned);

#endif
