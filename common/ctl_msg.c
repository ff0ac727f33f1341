/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by the monitor (unprivileged) and fcoectl: checks and builds the
 * records of the control protocol (ctl.h).  The monitor checks every
 * field a local user sent; fcoectl checks every field before printing.
 */
#include <errno.h>
#include <string.h>

#include "common/ctl_msg.h"
#include "proto/fcp.h"

/* The path fcoectl connects to is the one the actuator makes. */
_Static_assert(sizeof(CTL_SOCK_PATH) == sizeof(FCP_CTL_PATH),
    "CTL_SOCK_PATH spells FCP_CTL_PATH");

_Static_assert(CTL_IFNAMSIZ == FCP_IFNAMSIZ, "one interface name size");

static int
zeroed(const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n-- > 0)
		if (*c++ != 0)
			return 0;
	return 1;
}

/* NUL-terminated within the field, printable ASCII before the NUL. */
static int
text_ok(const char *s, size_t size)
{
	const char *nul = memchr(s, '\0', size);

	if (nul == NULL)
		return 0;
	for (; s < nul; s++)
		if (*s < 0x20 || *s > 0x7e)
			return 0;
	return 1;
}

static int
cmd_needs_if(unsigned cmd)
{
	return cmd == CTL_CREATE || cmd == CTL_DESTROY || cmd == CTL_RESET ||
	    cmd == CTL_SCAN;
}

int
ctl_req_check(const struct ctl_req *r)
{
	if (r->magic != CTL_MAGIC || r->version != CTL_VERSION ||
	    r->zero != 0)
		return EPROTO;
	if (r->cmd < CTL_STATUS || r->cmd >= CTL_CMD_MAX)
		return EINVAL;
	if ((r->flags & ~(uint32_t)CTL_F_VN2VN) != 0 ||
	    (r->flags != 0 && r->cmd != CTL_CREATE))
		return EINVAL;
	if (cmd_needs_if(r->cmd) || (r->cmd == CTL_STATUS &&
	    r->ifname[0] != '\0'))
		return fcp_ifname_valid(r->ifname) ? 0 : EINVAL;
	return zeroed(r->ifname, sizeof(r->ifname)) ? 0 : EINVAL;
}

int
ctl_reply_check(const struct ctl_reply *p, const struct ctl_req *q)
{
	if (p->magic != CTL_MAGIC || p->version != CTL_VERSION ||
	    p->cmd != q->cmd || !text_ok(p->msg, sizeof(p->msg)))
		return EPROTO;
	if (p->status < 0 || p->status > 4095)
		return EPROTO;
	if (p->nrows > CTL_MAX_ROWS || (p->nrows > 0 &&
	    (p->cmd != CTL_STATUS || p->status != 0)))
		return EPROTO;
	return 0;
}

static int
in_range(int32_t v, int32_t lo)
{
	return v >= lo;
}

/* FIP fields: only on the rows they belong to, VIDs ascending. */
static int
fip_check(const struct ctl_row *r)
{
	size_t i, n = r->fip_nvid < CTL_FIP_VIDS ? r->fip_nvid : CTL_FIP_VIDS;

	if (r->fip > CTL_FIP_FOUND || r->fip_vid0 > 1 || r->vlan_made > 1 ||
	    r->fip_nvid > 64 || r->auto_vid > 4094 ||
	    !text_ok(r->auto_parent, sizeof(r->auto_parent)) ||
	    (r->auto_parent[0] != '\0' && !fcp_ifname_valid(r->auto_parent)))
		return EPROTO;
	for (i = 0; i < sizeof(r->pad2); i++)
		if (r->pad2[i] != 0)
			return EPROTO;
	if (r->fip == CTL_FIP_NONE && (r->fip_vid0 || r->fip_requests ||
	    r->fip_nvid || r->fip_notes || r->fip_ignored || r->fip_bad ||
	    r->fip_drops))
		return EPROTO;
	if ((r->source == CTL_SRC_FIP) != (r->auto_vid != 0) ||
	    (r->source != CTL_SRC_FIP && (r->auto_parent[0] || r->vlan_made)))
		return EPROTO;
	for (i = 0; i < n; i++)
		if (r->fip_vid[i] == 0 || r->fip_vid[i] > 4094 ||
		    (i > 0 && r->fip_vid[i] <= r->fip_vid[i - 1]))
			return EPROTO;
	for (; i < CTL_FIP_VIDS; i++)
		if (r->fip_vid[i] != 0)
			return EPROTO;
	return 0;
}

int
ctl_row_check(const struct ctl_row *r)
{
	if (!fcp_ifname_valid(r->ifname) || !text_ok(r->real, sizeof(r->real))
	    || (r->real[0] != '\0' && !fcp_ifname_valid(r->real)) ||
	    !text_ok(r->port_state, sizeof(r->port_state)) ||
	    !text_ok(r->why, sizeof(r->why)))
		return EPROTO;
	if (r->link > CTL_LINK_UP || r->real_link > CTL_LINK_UP ||
	    r->dcb_required > 1 || r->mode > 1 || r->enable > 1 ||
	    r->source > CTL_SRC_FIP || r->managed > 1 ||
	    r->state > CTL_ST_DISABLED || r->dcb_step >= CTL_DCB_MAX ||
	    r->retries > r->max_retries || r->last_op > CTL_OP_DESTROY ||
	    r->lldpad_step >= CTL_DCB_MAX || r->kernel_enabled > 1 ||
	    r->pad[0] != 0 || r->pad[1] != 0 || r->dcbx > CTL_DCBX_IEEE ||
	    r->app_valid > 1 || (!r->app_valid && (r->app_selector != 0 ||
	    r->app_priority != 0 || r->app_protocol != 0)) ||
	    r->app_priority > 7 || r->dcbx_mode < -1 || r->dcbx_mode > 255)
		return EPROTO;
	if (fip_check(r) != 0)
		return EPROTO;
	if (!in_range(r->last_err, 0) || !in_range(r->last_op_age_ms, -1) ||
	    !in_range(r->next_retry_ms, -1) ||
	    !in_range(r->lldpad_status, -1) || !in_range(r->ctlr, -1) ||
	    !in_range(r->host, -1) || !in_range(r->dcbnl_err, 0))
		return EPROTO;
	return 0;
}

void
ctl_req_init(struct ctl_req *r, enum ctl_cmd cmd, const char *ifname,
    uint32_t flags)
{
	memset(r, 0, sizeof(*r));
	r->magic = CTL_MAGIC;
	r->version = CTL_VERSION;
	r->cmd = (uint16_t)cmd;
	r->flags = flags;
	if (ifname != NULL)
		strncpy(r->ifname, ifname, sizeof(r->ifname) - 1);
}

void
ctl_reply_init(struct ctl_reply *p, const struct ctl_req *q, int status,
    uint32_t nrows, const char *msg)
{
	memset(p, 0, sizeof(*p));
	p->magic = CTL_MAGIC;
	p->version = CTL_VERSION;
	p->cmd = q->cmd;
	p->status = status;
	p->nrows = nrows;
	if (msg != NULL)
		strncpy(p->msg, msg, sizeof(p->msg) - 1);
}

static const char *
name_in(const char *const *tab, size_t n, unsigned i)
{
	return i < n ? tab[i] : "unknown";
}

#define NAME(tab, i)	name_in(tab, sizeof(tab) / sizeof(tab[0]), i)

const char *
ctl_cmd_name(unsigned c)
{
	static const char *const s[] = { "none", "status", "create",
	    "destroy", "reset", "scan", "reload", "version" };
	return NAME(s, c);
}

const char *
ctl_link_name(unsigned l)
{
	static const char *const s[] = { "absent", "down", "up" };
	return NAME(s, l);
}

const char *
ctl_state_name(unsigned st)
{
	static const char *const s[] = { "none", "enabled", "disabled" };
	return NAME(s, st);
}

const char *
ctl_op_name(unsigned op)
{
	static const char *const s[] = { "none", "create", "enable",
	    "disable", "destroy" };
	return NAME(s, op);
}

const char *
ctl_dcb_name(unsigned d)
{
	static const char *const s[] = { "off", "dcb-state", "pfc-config",
	    "app-config", "pfc-oper", "app-oper", "done", "error",
	    "gave-up", "dcbnl" };
	return NAME(s, d);
}

const char *
ctl_dcbx_name(unsigned x)
{
	static const char *const s[] = { "none", "cee", "ieee" };
	return NAME(s, x);
}

const char *
ctl_source_name(unsigned src)
{
	static const char *const s[] = { "cfg", "admin", "fip" };
	return NAME(s, src);
}

const char *
ctl_fip_name(unsigned f)
{
	static const char *const s[] = { "none", "idle", "soliciting",
	    "found" };
	return NAME(s, f);
}
