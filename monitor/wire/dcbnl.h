/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the parser of the kernel's dcbnl
 * messages -- RTM_GETDCB replies to DCB_CMD_IEEE_GET, DCB_CMD_GDCBX and
 * DCB_CMD_GPERM_HWADDR, and the RTM_SETDCB notifications of RTNLGRP_DCB
 * (layouts: include/uapi/linux/dcbnl.h; doc/kernel.md, "dcbnl").  Pure:
 * bytes in, struct out; no socket, no allocation, no clock.
 *
 * The bytes come from the kernel, but what they say was set by lldpad, a
 * firmware agent or whoever holds CAP_NET_ADMIN, so they are read like any
 * untrusted input: libnl-3's attribute parser with a policy per level,
 * every length exact, anything else DCBNL_MALFORMED with the attribute
 * named.
 */
#ifndef DCBNL_H
#define DCBNL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DCBNL_IFNAMSIZ	16	/* IFNAMSIZ */
#define DCBNL_MSG_MAX	8192	/* a reply with a full APP table fits many times */
#define DCBNL_MAX_APPS	64	/* entries kept; more is DCBNL_MALFORMED */
#define DCBNL_NPRIO	8	/* IEEE_8021QAZ_MAX_TCS: priorities 0-7 */
#define DCBNL_ETH_P_FCOE 0x8906

/* dcbx capability/mode bits (DCB_CAP_DCBX_*). */
#define DCBNL_DCBX_HOST		0x01
#define DCBNL_DCBX_LLD_MANAGED	0x02
#define DCBNL_DCBX_VER_CEE	0x04
#define DCBNL_DCBX_VER_IEEE	0x08
#define DCBNL_DCBX_STATIC	0x10

enum dcbnl_kind {
	DCBNL_MALFORMED = 0,	/* see why */
	DCBNL_KERNEL_ERROR,	/* NLMSG_ERROR: kernel_errno (EOPNOTSUPP: no dcbnl) */
	DCBNL_MESSAGE		/* a dcbnl message; what it held is flagged has_* */
};

struct dcbnl_app {
	uint8_t		selector;	/* IEEE_8021QAZ_APP_SEL_*, or CEE's 0/1 */
	uint8_t		priority;
	uint16_t	protocol;	/* host order */
};

struct dcbnl_info {
	enum dcbnl_kind	kind;
	const char	*why;		/* DCBNL_MALFORMED: a static reason */
	size_t		msg_len;	/* bytes of this message, aligned: the next starts there */
	int		kernel_errno;	/* DCBNL_KERNEL_ERROR: positive errno */
	bool		notification;	/* RTM_SETDCB (RTNLGRP_DCB), not a reply */
	uint8_t		cmd;		/* DCB_CMD_* */
	char		ifname[DCBNL_IFNAMSIZ];	/* "" when absent */

	bool		has_dcbx;
	uint8_t		dcbx;		/* DCBNL_DCBX_* */

	bool		has_ieee;	/* a DCB_ATTR_IEEE nest */
	bool		has_pfc;
	uint8_t		pfc_cap;
	uint8_t		pfc_en;		/* bit n: PFC on priority n */
	bool		has_ets;
	uint8_t		ets_willing;
	uint8_t		ets_prio_tc[DCBNL_NPRIO];
	bool		has_apps;	/* a DCB_ATTR_IEEE_APP_TABLE (maybe empty) */
	unsigned	napps;
	struct dcbnl_app apps[DCBNL_MAX_APPS];
	/* FCoE from the IEEE APP table: selector ethertype (1), 0x8906. */
	uint8_t		fcoe_prio_mask;	/* every priority it maps to */
	int		fcoe_prio;	/* the lowest of them, -1 if none */

	bool		has_perm_addr;
	uint8_t		perm_addr[6];
	bool		has_san_mac;	/* a SAN MAC after the permanent one */
	uint8_t		san_mac[6];
};

/*
 * Parses the one netlink message at the start of buf (len bytes).  Fills
 * *out and returns out->kind; never reads outside buf.
 */
enum dcbnl_kind dcbnl_parse(const void *buf, size_t len, struct dcbnl_info *out);

/* "IEEE_GET", "GDCBX", ...: for logs; "?" for a command it does not know. */
const char *dcbnl_cmd_name(unsigned cmd);

#endif
