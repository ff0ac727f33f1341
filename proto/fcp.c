/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Shared by both processes: pure checks and codecs of the monitor<->actuator
 * protocol.  No I/O, no global state: the fuzz target drives these directly.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "proto/fcp.h"

static int
all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--)
		if (*c++ != 0)
			return 0;
	return 1;
}

/*
 * 1-15 bytes of [A-Za-z0-9_.:-], NUL-terminated within 16 and zero after the
 * NUL, not "." or "..": the kernel's own rules are looser, but nothing an
 * FCoE interface is called needs more, and a '/' must never reach a path.
 */
int
fcp_ifname_valid(const char name[FCP_IFNAMSIZ])
{
	const char *nul = memchr(name, '\0', FCP_IFNAMSIZ);
	size_t len, i;

	if (nul == NULL || nul == name)
		return 0;
	len = (size_t)(nul - name);
	if (!all_zero(nul, FCP_IFNAMSIZ - len))
		return 0;
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return 0;
	for (i = 0; i < len; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		    c == ':' || c == '-'))
			return 0;
	}
	return 1;
}

static int
v_hello(const void *p)
{
	const struct fcp_hello *m = p;

	return (m->version == FCP_VERSION && m->pad == 0) ? 0 : EPROTO;
}

static int
v_ifreq(const void *p)
{
	const struct fcp_ifreq *m = p;

	return fcp_ifname_valid(m->ifname) ? 0 : EINVAL;
}

static int
v_fcoe_create(const void *p)
{
	const struct fcp_fcoe_create *m = p;

	if (!fcp_ifname_valid(m->ifname) || m->disabled > 1 ||
	    !all_zero(m->pad, sizeof(m->pad)))
		return EINVAL;
	return (m->mode == FCP_MODE_FABRIC || m->mode == FCP_MODE_VN2VN) ?
	    0 : EINVAL;
}

static int
v_lldpad_send(const void *p)
{
	const struct fcp_lldpad_send *m = p;

	switch (m->kind) {
	case FCP_LQ_ATTACH:
	case FCP_LQ_DETACH:
	case FCP_LQ_PING:
		return all_zero(m->ifname, sizeof(m->ifname)) ? 0 : EINVAL;
	case FCP_LQ_DCB_STATE:
	case FCP_LQ_PFC_CONFIG:
	case FCP_LQ_APP_CONFIG:
	case FCP_LQ_PFC_OPER:
	case FCP_LQ_APP_OPER:
		return fcp_ifname_valid(m->ifname) ? 0 : EINVAL;
	default:
		return EINVAL;
	}
}

static int
v_fip_send(const void *p)
{
	const struct fcp_fip_send *m = p;

	if (!fcp_ifname_valid(m->ifname) || !all_zero(m->pad, sizeof(m->pad)))
		return EINVAL;
	return m->mode <= FCP_MODE_VN2VN ? 0 : EINVAL;
}

/* VID 0 is FCoE on the port itself, 4095 reserved: neither makes a VLAN. */
static int
v_vlan_create(const void *p)
{
	const struct fcp_vlan_create *m = p;

	if (!fcp_ifname_valid(m->ifname) || m->pad != 0)
		return EINVAL;
	if (m->vid < 1 || m->vid > 4094)
		return EINVAL;
	return (m->why == FCP_VLAN_DISCOVERED || m->why == FCP_VLAN_STATIC) ?
	    0 : EINVAL;
}

static int
v_fip_resp(const void *p)
{
	const struct fcp_fip_resp *m = p;

	if (!fcp_ifname_valid(m->ifname) || !all_zero(m->pad, sizeof(m->pad)))
		return EINVAL;
	return m->on <= 1 ? 0 : EINVAL;
}

static int
v_none(const void *p)
{
	(void)p;
	return 0;
}

/* The protocol rows of the requests in FCP_REQUESTS (proto/fcp.h). */
#define ROW(type, name, req, rep, changes)				\
	[type] = { #name, sizeof(struct fcp_##req),			\
	    sizeof(struct fcp_##rep), changes, v_##req },

static const struct fcp_msg msgs[FCP_TYPE_MAX] = { FCP_REQUESTS(ROW) };

/* The row of a request type; NULL for anything the monitor may not send. */
const struct fcp_msg *
fcp_msg(unsigned type)
{
	if (type >= FCP_TYPE_MAX || msgs[type].name == NULL)
		return NULL;
	return &msgs[type];
}

static int
n_signal(const void *p, size_t len)
{
	const struct fcp_signal *m = p;

	(void)len;
	return (m->signo > 0 && m->signo < 65 && m->pad == 0) ? 0 : EPROTO;
}

/* len says exactly how many bytes follow; a relayed frame is never sent
 * by the actuator itself (PACKET_OUTGOING, 4, is filtered out). */
static int
n_fip_frame(const void *p, size_t len)
{
	const struct fcp_fip_frame *m = p;

	if (m->ifindex == 0 || m->pkttype > 3 || m->pad != 0)
		return EPROTO;
	if (m->len < FCP_FIP_MIN || m->len > FCP_FIP_MAX ||
	    len != sizeof(*m) + m->len)
		return EPROTO;
	return 0;
}

static int
n_fip_drops(const void *p, size_t len)
{
	const struct fcp_fip_drops *m = p;

	(void)len;
	return (m->dropped > 0 && m->total >= m->dropped) ? 0 : EPROTO;
}

#define NROW(type, name, fixed, extra)					\
	[type] = { #name, sizeof(struct fcp_##fixed), extra, n_##name },

static const struct fcp_notice notices[FCP_TYPE_MAX] = { FCP_NOTICES(NROW) };

/* The row of a notice type; NULL for anything the actuator may not send. */
const struct fcp_notice *
fcp_notice(unsigned type)
{
	if (type >= FCP_TYPE_MAX || notices[type].name == NULL)
		return NULL;
	return &notices[type];
}

/* Header fields every record must have right; copies the header out. */
int
fcp_check_hdr(const void *buf, size_t n, struct fcp_hdr *h)
{
	if (n < sizeof(*h))
		return FCP_FRAME_SHORT;
	memcpy(h, buf, sizeof(*h));
	if (h->magic != FCP_MAGIC)
		return FCP_FRAME_MAGIC;
	if (h->version != FCP_VERSION)
		return FCP_FRAME_VERSION;
	if (h->flags != 0)
		return FCP_FRAME_FLAGS;
	return FCP_FRAME_OK;
}

/* Framing of a monitor request; any non-zero result is a violation. */
int
fcp_check_request(const void *buf, size_t n)
{
	struct fcp_hdr h;
	const struct fcp_msg *m;
	int err;

	if ((err = fcp_check_hdr(buf, n, &h)) != FCP_FRAME_OK)
		return err;
	if (h.status != 0)
		return FCP_FRAME_STATUS;
	if ((m = fcp_msg(h.type)) == NULL)
		return FCP_FRAME_TYPE;
	if (h.len != m->req_size || n != sizeof(h) + h.len)
		return FCP_FRAME_LENGTH;
	return FCP_FRAME_OK;
}

/*
 * Framing and payload of a notice from the actuator, as strict as a
 * request's: seq and status 0, a notice type, the fixed part and at most
 * max_extra bytes after it, and the row's payload check.  Any non-zero
 * result means the two sides disagree: the monitor treats it as fatal.
 */
int
fcp_check_notice(const void *buf, size_t n)
{
	const unsigned char *b = buf;
	const struct fcp_notice *m;
	struct fcp_hdr h;
	int err;

	if ((err = fcp_check_hdr(buf, n, &h)) != FCP_FRAME_OK)
		return err;
	if (h.seq != 0 || h.status != 0)
		return FCP_FRAME_STATUS;
	if ((m = fcp_notice(h.type)) == NULL)
		return FCP_FRAME_TYPE;
	if (h.len < m->size || h.len - m->size > m->max_extra ||
	    n != sizeof(h) + h.len)
		return FCP_FRAME_LENGTH;
	return m->validate(b + sizeof(h), h.len) == 0 ? FCP_FRAME_OK :
	    FCP_FRAME_PAYLOAD;
}

const char *
fcp_frame_err_str(int err)
{
	static const char *s[] = { "ok", "short", "bad_magic", "bad_version",
	    "bad_flags", "bad_status", "bad_type", "bad_length",
	    "bad_payload" };

	if (err < 0 || (size_t)err >= sizeof(s) / sizeof(s[0]))
		return "unknown";
	return s[err];
}

/* Semantic check of a framed request's payload: 0 or the errno to reply. */
int
fcp_validate(unsigned type, const void *payload)
{
	const struct fcp_msg *m = fcp_msg(type);

	return m == NULL ? EINVAL : m->validate(payload);
}

/*
 * The exact datagram lldpad expects (doc/kernel.md "lldpad: session
 * commands", "lldpad: DCB queries"): one ASCII command, no
 * NUL.  "C" + version 3 + command + feature + subtype 0 + length + ifname.
 */
int
fcp_lldpad_format(unsigned kind, const char ifname[FCP_IFNAMSIZ], char *out,
    size_t outsz)
{
	static const struct { const char *fixed; unsigned cmd, feat; } q[] = {
		[FCP_LQ_ATTACH] = { "A", 0, 0 },
		[FCP_LQ_DETACH] = { "D", 0, 0 },
		[FCP_LQ_PING] = { "P", 0, 0 },
		[FCP_LQ_DCB_STATE] = { NULL, 1, 1 },
		[FCP_LQ_PFC_CONFIG] = { NULL, 1, 3 },
		[FCP_LQ_APP_CONFIG] = { NULL, 1, 5 },
		[FCP_LQ_PFC_OPER] = { NULL, 3, 3 },
		[FCP_LQ_APP_OPER] = { NULL, 3, 5 },
	};
	struct fcp_lldpad_send m;
	int n;

	memset(&m, 0, sizeof(m));
	m.kind = kind;
	memcpy(m.ifname, ifname, sizeof(m.ifname));
	if (v_lldpad_send(&m) != 0)
		return -EINVAL;
	if (q[kind].fixed != NULL)
		n = snprintf(out, outsz, "%s", q[kind].fixed);
	else
		n = snprintf(out, outsz, "C3%02x%02x00%02x%s", q[kind].cmd,
		    q[kind].feat, (unsigned)strlen(ifname), ifname);
	return (n < 0 || (size_t)n >= outsz) ? -ENOSPC : n;
}

static const char *
name_of(const char *const *names, size_t count, unsigned i)
{
	return (i < count && names[i] != NULL) ? names[i] : "unknown";
}

#define NAME_OF(tab, i)	name_of(tab, sizeof(tab) / sizeof(tab[0]), i)

const char *
fcp_lq_name(unsigned kind)
{
	static const char *const s[] = { NULL, "attach", "detach", "ping",
	    "dcb_state", "pfc_config", "app_config", "pfc_oper", "app_oper" };
	return NAME_OF(s, kind);
}

const char *
fcp_kif_name(unsigned kif)
{
	static const char *const s[] = { "none", "bus", "libfcoe" };
	return NAME_OF(s, kif);
}

const char *
fcp_mode_name(unsigned mode)
{
	static const char *const s[] = { "fabric", "vn2vn" };
	return NAME_OF(s, mode);
}

const char *
fcp_vlan_why_name(unsigned why)
{
	static const char *const s[] = { NULL, "discovered", "static" };
	return NAME_OF(s, why);
}

const char *
fcp_seccomp_name(unsigned mode)
{
	static const char *const s[] = { "kill", "trap", "log" };
	return NAME_OF(s, mode);
}
