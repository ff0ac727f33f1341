/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the link message parser of
 * monitor/wire/rtlink.h.  One bounded walk over the attributes of each
 * level: an attribute is read only after its header and its whole length
 * were found inside the level that holds it; the strings must end in a NUL
 * inside their attribute (libnl's NLA_STRING rule, which the monitor used
 * before); numbers must have at least their size.  Of a repeated attribute
 * the last counts, as with nla_parse().
 */
#include <string.h>
#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "monitor/wire/rtlink.h"

/* One attribute, found inside its level. */
struct attr {
	const uint8_t	*data;
	size_t		len;		/* of the payload */
};

/* The attributes of a level that the parser keeps; the others are passed. */
struct level {
	const uint16_t	*want;		/* types, 0-terminated */
	struct attr	*got;		/* got[i] for want[i]; data NULL if absent */
};

static enum rtlink_kind
bad(struct rtlink_msg *out, const char *why)
{
	out->kind = RTLINK_MALFORMED;
	out->why = why;
	return out->kind;
}

static uint16_t
get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t
get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* NULL, or why the level's attributes do not fit in it. */
static const char *
walk(const uint8_t *p, size_t len, const struct level *lv)
{
	while (len >= NLA_HDRLEN) {
		size_t alen = get16(p), step;
		uint16_t type = get16(p + 2) & NLA_TYPE_MASK;

		if (alen < NLA_HDRLEN || alen > len)
			return "attribute length outside its message";
		for (int i = 0; lv->want[i] != 0; i++)
			if (lv->want[i] == type) {
				lv->got[i].data = p + NLA_HDRLEN;
				lv->got[i].len = alen - NLA_HDRLEN;
			}
		step = NLA_ALIGN(alen);
		if (step >= len)
			return NULL;
		p += step;
		len -= step;
	}
	return len == 0 ? NULL : "trailing bytes shorter than an attribute";
}

/* A string attribute ending in its NUL: its length, or -1. */
static int
str_len(const struct attr *a)
{
	const void *nul;

	if (a->len == 0 || (nul = memchr(a->data, '\0', a->len)) == NULL)
		return -1;
	return (int)((const uint8_t *)nul - a->data);
}

/* IFLA_INFO_DATA of a VLAN: its id. */
static const char *
parse_vlan(const struct attr *data, struct rtlink_msg *out)
{
	static const uint16_t want[] = { IFLA_VLAN_ID, 0 };
	struct attr got[1] = { { 0 } };
	struct level lv = { want, got };
	const char *why = walk(data->data, data->len, &lv);

	if (why != NULL)
		return why;
	if (got[0].data == NULL)
		return NULL;		/* a VLAN without an id: none kept */
	if (got[0].len < 2)
		return "IFLA_VLAN_ID shorter than 2 bytes";
	out->vid = get16(got[0].data);
	if (out->vid > RTLINK_VID_MAX)
		return "IFLA_VLAN_ID above 4095";
	out->has_vid = true;
	return NULL;
}

static const char *
parse_linkinfo(const struct attr *li, struct rtlink_msg *out)
{
	static const uint16_t want[] = { IFLA_INFO_KIND, IFLA_INFO_DATA, 0 };
	struct attr got[2] = { { 0 }, { 0 } };
	struct level lv = { want, got };
	const char *why = walk(li->data, li->len, &lv);
	int n;

	if (why != NULL)
		return why;
	if (got[0].data == NULL)
		return NULL;
	if ((n = str_len(&got[0])) < 0)
		return "IFLA_INFO_KIND without its NUL";
	if (n > RTLINK_KINDSZ - 1)
		n = RTLINK_KINDSZ - 1;
	memcpy(out->link_kind, got[0].data, (size_t)n);
	if (got[1].data != NULL && strcmp(out->link_kind, "vlan") == 0)
		return parse_vlan(&got[1], out);
	return NULL;
}

enum {
	A_IFNAME, A_OPERSTATE, A_LINK, A_LINKINFO, A_N
};

static const char *
parse_attrs(const struct attr *got, struct rtlink_msg *out)
{
	int n;

	if (got[A_IFNAME].data != NULL) {
		if ((n = str_len(&got[A_IFNAME])) < 0)
			return "IFLA_IFNAME without its NUL";
		if (n == 0 || n > RTLINK_IFNAMSIZ - 1)
			return "IFLA_IFNAME empty or longer than 15 bytes";
		memcpy(out->name, got[A_IFNAME].data, (size_t)n);
	} else if (out->kind == RTLINK_NEW)
		return "RTM_NEWLINK without IFLA_IFNAME";
	if (got[A_OPERSTATE].data != NULL) {
		if (got[A_OPERSTATE].len < 1)
			return "IFLA_OPERSTATE empty";
		out->has_operstate = true;
		out->operstate = got[A_OPERSTATE].data[0];
	}
	if (got[A_LINK].data != NULL) {
		if (got[A_LINK].len < 4)
			return "IFLA_LINK shorter than 4 bytes";
		out->link = (int)get32(got[A_LINK].data);
	}
	if (got[A_LINKINFO].data != NULL)
		return parse_linkinfo(&got[A_LINKINFO], out);
	return NULL;
}

static enum rtlink_kind
parse_link(const uint8_t *p, size_t len, struct rtlink_msg *out)
{
	static const uint16_t want[] = {
		[A_IFNAME] = IFLA_IFNAME, [A_OPERSTATE] = IFLA_OPERSTATE,
		[A_LINK] = IFLA_LINK, [A_LINKINFO] = IFLA_LINKINFO, [A_N] = 0,
	};
	struct attr got[A_N];
	struct level lv = { want, got };
	struct ifinfomsg ifi;
	const char *why;

	if (len < NLMSG_HDRLEN + sizeof(ifi))
		return bad(out, "link message shorter than its ifinfomsg");
	memcpy(&ifi, p + NLMSG_HDRLEN, sizeof(ifi));
	/* Only AF_UNSPEC messages describe a link: the bridge's AF_BRIDGE
	 * ones describe a port's place in its bridge, under the same index
	 * (doc/kernel.md "Link messages (rtnetlink)"). */
	if (ifi.ifi_family != AF_UNSPEC) {
		out->kind = RTLINK_IGNORED;
		out->why = "not of family AF_UNSPEC (a bridge port's)";
		return out->kind;
	}
	if (ifi.ifi_index <= 0)
		return bad(out, "ifi_index not positive");
	out->ifindex = ifi.ifi_index;
	out->flags = ifi.ifi_flags;
	memset(got, 0, sizeof(got));
	why = walk(p + NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(ifi)),
		   len - NLMSG_HDRLEN - NLMSG_ALIGN(sizeof(ifi)), &lv);
	if (why == NULL)
		why = parse_attrs(got, out);
	if (why != NULL) {
		/* Nothing half-read reaches the caller. */
		size_t keep = out->msg_len;
		uint32_t seq = out->seq;
		uint16_t fl = out->nl_flags;

		memset(out, 0, sizeof(*out));
		out->msg_len = keep;
		out->seq = seq;
		out->nl_flags = fl;
		return bad(out, why);
	}
	return out->kind;
}

static enum rtlink_kind
parse_error(const uint8_t *p, size_t len, struct rtlink_msg *out)
{
	int32_t err;

	if (len < NLMSG_HDRLEN + sizeof(err))
		return bad(out, "NLMSG_ERROR shorter than its error code");
	err = (int32_t)get32(p + NLMSG_HDRLEN);
	if (err > 0 || err < -4095)
		return bad(out, "NLMSG_ERROR code not an errno");
	out->kind = RTLINK_ERROR;
	out->kernel_errno = -err;
	return out->kind;
}

enum rtlink_kind
rtlink_parse(const void *buf, size_t len, struct rtlink_msg *out)
{
	const uint8_t *p = buf;
	struct nlmsghdr h;

	memset(out, 0, sizeof(*out));
	out->msg_len = len;
	if (len < NLMSG_HDRLEN)
		return bad(out, "shorter than a netlink header");
	memcpy(&h, p, sizeof(h));
	if (h.nlmsg_len < NLMSG_HDRLEN || h.nlmsg_len > len)
		return bad(out, "nlmsg_len outside the datagram");
	out->msg_len = NLMSG_ALIGN(h.nlmsg_len) < len ?
	    NLMSG_ALIGN(h.nlmsg_len) : len;
	out->nl_flags = h.nlmsg_flags;
	out->seq = h.nlmsg_seq;
	switch (h.nlmsg_type) {
	case RTM_NEWLINK:
		out->kind = RTLINK_NEW;
		return parse_link(p, h.nlmsg_len, out);
	case RTM_DELLINK:
		out->kind = RTLINK_DEL;
		return parse_link(p, h.nlmsg_len, out);
	case NLMSG_DONE:
		/* Its int, when there, is the dump's own error (0 if none). */
		if (h.nlmsg_len >= NLMSG_HDRLEN + 4 &&
		    (int32_t)get32(p + NLMSG_HDRLEN) != 0)
			return parse_error(p, h.nlmsg_len, out);
		out->kind = RTLINK_DONE;
		return out->kind;
	case NLMSG_ERROR:
		return parse_error(p, h.nlmsg_len, out);
	default:
		out->kind = RTLINK_IGNORED;
		out->why = "not a link message";
		return out->kind;
	}
}
