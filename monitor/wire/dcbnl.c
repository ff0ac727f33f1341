/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the dcbnl message parser of
 * monitor/wire/dcbnl.h.  Every level of attributes goes through libnl-3's
 * nla_parse() with a policy that fixes each length; nothing is read at a
 * computed offset except the members of the uapi structs the policy has
 * already sized.
 */
#include <errno.h>
#include <stdalign.h>
#include <string.h>

#include <linux/dcbnl.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "monitor/wire/dcbnl.h"

#define PERM_ADDR_MAX	32	/* MAX_ADDR_LEN: what the kernel sends */

/* Top level of a dcbnl message: only what the monitor reads. */
static struct nla_policy top_policy[DCB_ATTR_MAX + 1] = {
	[DCB_ATTR_IFNAME] = { .type = NLA_STRING, .minlen = 2, .maxlen = DCBNL_IFNAMSIZ },
	[DCB_ATTR_DCBX] = { .type = NLA_U8, .minlen = 1, .maxlen = 1 },
	/* NLA_UNSPEC, not NLA_NESTED: libnl's NLA_NESTED wants at least one
	 * attribute inside, and the kernel sends empty nests. */
	[DCB_ATTR_IEEE] = { .type = NLA_UNSPEC },
	[DCB_ATTR_PERM_HWADDR] = { .type = NLA_UNSPEC, .minlen = 6, .maxlen = PERM_ADDR_MAX },
};

static struct nla_policy ieee_policy[DCB_ATTR_IEEE_MAX + 1] = {
	[DCB_ATTR_IEEE_ETS] = { .type = NLA_UNSPEC, .minlen = sizeof(struct ieee_ets),
				.maxlen = sizeof(struct ieee_ets) },
	[DCB_ATTR_IEEE_PFC] = { .type = NLA_UNSPEC, .minlen = sizeof(struct ieee_pfc),
				.maxlen = sizeof(struct ieee_pfc) },
	[DCB_ATTR_IEEE_APP_TABLE] = { .type = NLA_UNSPEC },
};

/* Entries of DCB_ATTR_IEEE_APP_TABLE; DCB_ATTR_DCB_APP and others of later
 * kernels are not FCoE's and are skipped. */
static struct nla_policy app_policy[DCB_ATTR_IEEE_APP + 1] = {
	[DCB_ATTR_IEEE_APP] = { .type = NLA_UNSPEC, .minlen = sizeof(struct dcb_app),
				.maxlen = sizeof(struct dcb_app) },
};

static const char *const top_names[DCB_ATTR_MAX + 1] = {
	[DCB_ATTR_IFNAME] = "DCB_ATTR_IFNAME", [DCB_ATTR_DCBX] = "DCB_ATTR_DCBX",
	[DCB_ATTR_IEEE] = "DCB_ATTR_IEEE", [DCB_ATTR_PERM_HWADDR] = "DCB_ATTR_PERM_HWADDR",
};
static const char *const ieee_names[DCB_ATTR_IEEE_MAX + 1] = {
	[DCB_ATTR_IEEE_ETS] = "DCB_ATTR_IEEE_ETS", [DCB_ATTR_IEEE_PFC] = "DCB_ATTR_IEEE_PFC",
	[DCB_ATTR_IEEE_APP_TABLE] = "DCB_ATTR_IEEE_APP_TABLE",
};

const char *
dcbnl_cmd_name(unsigned cmd)
{
	static const char *const names[] = {
		[DCB_CMD_GSTATE] = "GSTATE", [DCB_CMD_SSTATE] = "SSTATE",
		[DCB_CMD_PGTX_SCFG] = "PGTX_SCFG", [DCB_CMD_PGRX_SCFG] = "PGRX_SCFG",
		[DCB_CMD_PFC_SCFG] = "PFC_SCFG", [DCB_CMD_SET_ALL] = "SET_ALL",
		[DCB_CMD_GPERM_HWADDR] = "GPERM_HWADDR", [DCB_CMD_GCAP] = "GCAP",
		[DCB_CMD_SAPP] = "SAPP", [DCB_CMD_IEEE_SET] = "IEEE_SET",
		[DCB_CMD_IEEE_GET] = "IEEE_GET", [DCB_CMD_GDCBX] = "GDCBX",
		[DCB_CMD_SDCBX] = "SDCBX", [DCB_CMD_IEEE_DEL] = "IEEE_DEL",
		[DCB_CMD_CEE_GET] = "CEE_GET",
	};

	if (cmd < sizeof(names) / sizeof(names[0]) && names[cmd] != NULL)
		return names[cmd];
	return "?";
}

static enum dcbnl_kind
bad(struct dcbnl_info *out, const char *why)
{
	out->kind = DCBNL_MALFORMED;
	out->why = why;
	return out->kind;
}

/*
 * After nla_parse() refused a level: the first attribute its policy
 * refuses, by name, so the log says which field was wrong.
 */
static const char *
refused(struct nlattr *head, int len, int maxtype, struct nla_policy *policy,
    const char *const *names, const char *level)
{
	struct nlattr *a;
	int rem, t;

	nla_for_each_attr(a, head, len, rem) {
		t = nla_type(a);
		if (t > 0 && t <= maxtype && nla_validate(a, a->nla_len, maxtype, policy) < 0)
			return names[t] != NULL ? names[t] : level;
	}
	return level;
}

/* Bytes after the last whole attribute of a level (nla_parse() only logs
 * them): an attribute cut short, or garbage. */
static bool
has_leftover(struct nlattr *head, int len)
{
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, head, len, rem)
		;
	return rem > 0;
}

/* One APP table entry: its priority must be one of the eight. */
static int
parse_app(struct nlattr *a, struct dcbnl_info *out)
{
	struct dcb_app app;

	if (out->napps == DCBNL_MAX_APPS)
		return -1;
	memcpy(&app, nla_data(a), sizeof(app));
	if (app.priority >= DCBNL_NPRIO)
		return -2;
	out->apps[out->napps].selector = app.selector;
	out->apps[out->napps].priority = app.priority;
	out->apps[out->napps].protocol = app.protocol;
	out->napps++;
	if (app.selector == IEEE_8021QAZ_APP_SEL_ETHERTYPE && app.protocol == DCBNL_ETH_P_FCOE)
		out->fcoe_prio_mask |= (uint8_t)(1u << app.priority);
	return 0;
}

static enum dcbnl_kind
parse_app_table(struct nlattr *table, struct dcbnl_info *out)
{
	struct nlattr *a;
	int rem, r;

	out->has_apps = true;
	if (nla_validate(nla_data(table), nla_len(table), DCB_ATTR_IEEE_APP, app_policy) < 0)
		return bad(out, "DCB_ATTR_IEEE_APP: length is not that of struct dcb_app");
	nla_for_each_nested(a, table, rem) {
		if (nla_type(a) != DCB_ATTR_IEEE_APP)
			continue;
		r = parse_app(a, out);
		if (r == -1)
			return bad(out, "DCB_ATTR_IEEE_APP_TABLE: more entries than the monitor keeps");
		if (r == -2)
			return bad(out, "DCB_ATTR_IEEE_APP: priority above 7");
	}
	if (rem > 0)	/* < 0: the last entry's padding was left out, harmless */
		return bad(out, "DCB_ATTR_IEEE_APP_TABLE: trailing bytes");
	out->fcoe_prio = out->fcoe_prio_mask ? __builtin_ctz(out->fcoe_prio_mask) : -1;
	return out->kind;
}

static enum dcbnl_kind
parse_ieee(struct nlattr *nest, struct dcbnl_info *out)
{
	struct nlattr *tb[DCB_ATTR_IEEE_MAX + 1];
	struct ieee_pfc pfc;
	struct ieee_ets ets;

	out->has_ieee = true;
	if (nla_parse_nested(tb, DCB_ATTR_IEEE_MAX, nest, ieee_policy) < 0)
		return bad(out, refused(nla_data(nest), nla_len(nest), DCB_ATTR_IEEE_MAX,
		    ieee_policy, ieee_names, "DCB_ATTR_IEEE: bad nested attributes"));
	if (has_leftover(nla_data(nest), nla_len(nest)))
		return bad(out, "DCB_ATTR_IEEE: an attribute runs past the nest");
	if (tb[DCB_ATTR_IEEE_PFC] != NULL) {
		memcpy(&pfc, nla_data(tb[DCB_ATTR_IEEE_PFC]), sizeof(pfc));
		out->has_pfc = true;
		out->pfc_cap = pfc.pfc_cap;
		out->pfc_en = pfc.pfc_en;
	}
	if (tb[DCB_ATTR_IEEE_ETS] != NULL) {
		memcpy(&ets, nla_data(tb[DCB_ATTR_IEEE_ETS]), sizeof(ets));
		out->has_ets = true;
		out->ets_willing = ets.willing;
		memcpy(out->ets_prio_tc, ets.prio_tc, sizeof(out->ets_prio_tc));
	}
	if (tb[DCB_ATTR_IEEE_APP_TABLE] != NULL)
		return parse_app_table(tb[DCB_ATTR_IEEE_APP_TABLE], out);
	return out->kind;
}

/* DCB_CMD_GPERM_HWADDR: the permanent MAC, then (ixgbe's layout) the SAN
 * MAC; a driver without one leaves 00s or ffs there. */
static void
parse_perm_addr(struct nlattr *a, struct dcbnl_info *out)
{
	static const uint8_t zero[6], ones[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	const uint8_t *d = nla_data(a);

	out->has_perm_addr = true;
	memcpy(out->perm_addr, d, 6);
	if (nla_len(a) >= 12 && memcmp(d + 6, zero, 6) != 0 && memcmp(d + 6, ones, 6) != 0 &&
	    !(d[6] & 1)) {
		out->has_san_mac = true;
		memcpy(out->san_mac, d + 6, 6);
	}
}

static enum dcbnl_kind
parse_attrs(struct nlmsghdr *h, struct dcbnl_info *out)
{
	struct nlattr *tb[DCB_ATTR_MAX + 1];

	if (nlmsg_parse(h, sizeof(struct dcbmsg), tb, DCB_ATTR_MAX, top_policy) < 0)
		return bad(out, refused(nlmsg_attrdata(h, sizeof(struct dcbmsg)),
		    nlmsg_attrlen(h, sizeof(struct dcbmsg)), DCB_ATTR_MAX, top_policy,
		    top_names, "dcbnl: bad attributes"));
	if (has_leftover(nlmsg_attrdata(h, sizeof(struct dcbmsg)), nlmsg_attrlen(h, sizeof(struct dcbmsg))))
		return bad(out, "dcbnl: an attribute runs past the message");
	if (tb[DCB_ATTR_IFNAME] != NULL)
		nla_strlcpy(out->ifname, tb[DCB_ATTR_IFNAME], sizeof(out->ifname));
	if (tb[DCB_ATTR_DCBX] != NULL) {
		out->has_dcbx = true;
		out->dcbx = nla_get_u8(tb[DCB_ATTR_DCBX]);
	}
	if (tb[DCB_ATTR_PERM_HWADDR] != NULL)
		parse_perm_addr(tb[DCB_ATTR_PERM_HWADDR], out);
	if (tb[DCB_ATTR_IEEE] != NULL)
		return parse_ieee(tb[DCB_ATTR_IEEE], out);
	return out->kind;
}

static enum dcbnl_kind
parse_error(struct nlmsghdr *h, struct dcbnl_info *out)
{
	struct nlmsgerr e;

	if (!nlmsg_valid_hdr(h, sizeof(e)))
		return bad(out, "NLMSG_ERROR: shorter than struct nlmsgerr");
	memcpy(&e, nlmsg_data(h), sizeof(e));
	if (e.error >= 0 || e.error < -4095)
		return bad(out, "NLMSG_ERROR: error is not a negative errno");
	out->kind = DCBNL_KERNEL_ERROR;
	out->kernel_errno = -e.error;
	return out->kind;
}

enum dcbnl_kind
dcbnl_parse(const void *buf, size_t len, struct dcbnl_info *out)
{
	/* An aligned copy: the caller's buffer may sit anywhere, and libnl's
	 * API takes non-const pointers. */
	alignas(8) uint8_t copy[DCBNL_MSG_MAX];
	struct nlmsghdr *h = (struct nlmsghdr *)copy;
	struct dcbmsg dm;

	memset(out, 0, sizeof(*out));
	out->kind = DCBNL_MESSAGE;
	out->fcoe_prio = -1;
	if (len < NLMSG_HDRLEN)
		return bad(out, "shorter than a netlink header");
	memcpy(copy, buf, len < sizeof(copy) ? len : sizeof(copy));
	if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > len)
		return bad(out, "nlmsg_len outside the datagram");
	if (h->nlmsg_len > sizeof(copy))
		return bad(out, "longer than DCBNL_MSG_MAX");
	out->msg_len = NLMSG_ALIGN(h->nlmsg_len) < len ? NLMSG_ALIGN(h->nlmsg_len) : len;
	if (h->nlmsg_type == NLMSG_ERROR)
		return parse_error(h, out);
	if (h->nlmsg_type != RTM_GETDCB && h->nlmsg_type != RTM_SETDCB)
		return bad(out, "not RTM_GETDCB or RTM_SETDCB");
	if (!nlmsg_valid_hdr(h, sizeof(dm)))
		return bad(out, "shorter than struct dcbmsg");
	memcpy(&dm, nlmsg_data(h), sizeof(dm));
	out->notification = h->nlmsg_type == RTM_SETDCB;
	out->cmd = dm.cmd;
	return parse_attrs(h, out);
}
