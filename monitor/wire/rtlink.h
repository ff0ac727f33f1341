/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the parser of the kernel's link
 * messages -- RTM_NEWLINK and RTM_DELLINK of RTNLGRP_LINK and of an
 * RTM_GETLINK dump, with the NLMSG_DONE and NLMSG_ERROR that end a dump
 * (layouts: include/uapi/linux/rtnetlink.h, if_link.h; doc/kernel.md
 * "Link messages (rtnetlink)").  Pure: bytes in, struct out; no socket, no
 * allocation, no clock.
 *
 * Only what the link table keeps is read: the ifinfomsg header, IFLA_IFNAME,
 * IFLA_OPERSTATE, IFLA_LINK, and inside IFLA_LINKINFO the kind and, for
 * "vlan", IFLA_VLAN_ID.  Every other attribute (statistics above all) is
 * stepped over by its length, unread.  The bytes come from the kernel, but
 * names and kinds were chosen by whoever holds CAP_NET_ADMIN: every length
 * is checked before a byte is read; anything else is RTLINK_MALFORMED with
 * the reason.
 */
#ifndef RTLINK_H
#define RTLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RTLINK_IFNAMSIZ	16	/* IFNAMSIZ */
#define RTLINK_KINDSZ	16	/* longer kinds are cut, as the table keeps them */
#define RTLINK_VID_MAX	4095	/* VLAN_VID_MASK */

enum rtlink_kind {
	RTLINK_MALFORMED = 0,	/* see why */
	RTLINK_IGNORED,		/* well formed, not a link of ours (see why) */
	RTLINK_NEW,		/* RTM_NEWLINK of family AF_UNSPEC */
	RTLINK_DEL,		/* RTM_DELLINK of family AF_UNSPEC */
	RTLINK_DONE,		/* NLMSG_DONE: the end of a dump */
	RTLINK_ERROR,		/* NLMSG_ERROR: kernel_errno (0 for an ack) */
};

struct rtlink_msg {
	enum rtlink_kind kind;
	const char	*why;		/* MALFORMED, IGNORED: a static reason */
	size_t		msg_len;	/* bytes of this message, aligned: the next
					 * starts there (all of buf when the
					 * header itself is bad) */
	uint16_t	nl_flags;	/* NLM_F_MULTI, NLM_F_DUMP_INTR */
	uint32_t	seq;
	int		kernel_errno;	/* RTLINK_ERROR: positive errno or 0 */

	/* RTLINK_NEW, RTLINK_DEL */
	int		ifindex;	/* > 0 */
	unsigned	flags;		/* ifi_flags (IFF_*) */
	char		name[RTLINK_IFNAMSIZ];	/* NUL-terminated, non-empty for
						 * NEW; "" in a DEL without it */
	char		link_kind[RTLINK_KINDSZ];	/* IFLA_INFO_KIND, or "" */
	bool		has_operstate;
	uint8_t		operstate;	/* IFLA_OPERSTATE (IF_OPER_*), 0 if absent */
	int		link;		/* IFLA_LINK, 0 if absent */
	bool		has_vid;	/* kind "vlan" with IFLA_VLAN_ID only */
	uint16_t	vid;		/* <= RTLINK_VID_MAX */
};

/*
 * Parses the one netlink message at the start of buf (len bytes).  Fills
 * *out and returns out->kind; never reads outside buf.
 */
enum rtlink_kind rtlink_parse(const void *buf, size_t len,
			      struct rtlink_msg *out);

#endif
