/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): parses one datagram from lldpad into a
 * tagged struct lldpad_msg (doc/kernel.md "lldpad protocol").
 *
 * A cursor walks the buffer with explicit bounds checks before every read;
 * the first problem stops the walk and is recorded with the field it hit
 * and its byte offset.  fcoemon read lldpad's answers as C strings with
 * loose checks and stalled when an early-failure reply (R04, R02) did not
 * look like what it expected; here every answer parses to something the
 * caller can act on.
 */
#include <limits.h>
#include <string.h>

#include "monitor/wire/lldpad_msg.h"

struct cur {
	const unsigned char	*p;
	size_t			 len;
	size_t			 off;	/* always <= len */
	struct lldpad_msg	*m;
};

static bool
fail(struct cur *c, const char *reason, const char *field)
{
	c->m->reason = reason;
	c->m->field = field;
	c->m->at = c->off;
	return false;
}

static int
hexval(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	/* lldpad writes lowercase; its own hexstr2bin takes both cases. */
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* n hex digits (n <= 2) into *v, advancing past them. */
static bool
hex(struct cur *c, size_t n, unsigned *v, const char *field)
{
	size_t i;
	int d;

	if (c->len - c->off < n)
		return fail(c, "truncated", field);
	*v = 0;
	for (i = 0; i < n; i++) {
		if ((d = hexval(c->p[c->off])) < 0)
			return fail(c, "not a hex digit", field);
		*v = (*v << 4) | (unsigned)d;
		c->off++;
	}
	return true;
}

/* One '0' or '1': lldpad prints its booleans with "%1x". */
static bool
flag(struct cur *c, bool *b, const char *field)
{
	if (c->off == c->len)
		return fail(c, "truncated", field);
	if (c->p[c->off] != '0' && c->p[c->off] != '1')
		return fail(c, "not 0 or 1", field);
	*b = c->p[c->off++] == '1';
	return true;
}

static bool
ifname_char_ok(unsigned char ch)
{
	/*
	 * What the kernel's dev_valid_name() refuses ('/', ':', white
	 * space), plus control characters, so a name can be logged as is.
	 */
	return ch > ' ' && ch != 0x7f && ch != '/' && ch != ':';
}

/* An interface name of n bytes, copied NUL-terminated into out. */
static bool
ifname(struct cur *c, size_t n, char out[LLDPAD_IFNAMSIZ])
{
	size_t i;

	if (n == 0)
		return fail(c, "empty ifname", "ifname");
	if (n >= LLDPAD_IFNAMSIZ)
		return fail(c, "ifname longer than 15", "ifname");
	if (c->len - c->off < n)
		return fail(c, "truncated", "ifname");
	for (i = 0; i < n; i++) {
		if (!ifname_char_ok(c->p[c->off + i])) {
			c->off += i;
			return fail(c, "bad character in ifname", "ifname");
		}
	}
	memcpy(out, c->p + c->off, n);
	out[n] = '\0';
	if (strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
		return fail(c, "ifname is . or ..", "ifname");
	c->off += n;
	return true;
}

/* Length (2 hex) and name, the form both the echo and events use. */
static bool
sized_ifname(struct cur *c, char out[LLDPAD_IFNAMSIZ])
{
	unsigned n;

	return hex(c, 2, &n, "ifname length") && ifname(c, n, out);
}

/* Enable, advertise, willing: the head of every GET_CONFIG PFC/APP. */
static bool
proto_config(struct cur *c, struct lldpad_dcb *d)
{
	return flag(c, &d->enable, "enable") &&
	    flag(c, &d->advertise, "advertise") &&
	    flag(c, &d->willing, "willing");
}

/* The 8-character head of every GET_OPER reply. */
static bool
proto_oper(struct cur *c, struct lldpad_dcb *d)
{
	unsigned ov, mv, err;

	if (!hex(c, 2, &ov, "oper version") ||
	    !hex(c, 2, &mv, "max version") ||
	    !hex(c, 2, &err, "error flags") ||
	    !flag(c, &d->oper_mode, "oper mode") ||
	    !flag(c, &d->syncd, "syncd"))
		return false;
	d->oper_version = (uint8_t)ov;
	d->max_version = (uint8_t)mv;
	d->error = (uint8_t)err;
	return true;
}

/* Eight per-priority values, then the number of TCs or 'x'. */
static bool
pfc_data(struct cur *c, struct lldpad_dcb *d)
{
	unsigned v, i;

	for (i = 0; i < LLDPAD_NPRIO; i++) {
		if (!hex(c, 1, &v, "PFC priority"))
			return false;
		d->pfc[i] = (uint8_t)v;
		if (v == 1)
			d->pfcup |= (uint8_t)(1u << i);
	}
	if (c->off < c->len && c->p[c->off] == 'x') {
		/* CLIF_NOT_SUPPLIED: GET_OPER has no TC count. */
		c->off++;
		d->num_tcs = -1;
		return true;
	}
	if (!hex(c, 1, &v, "num TCs"))
		return false;
	d->num_tcs = (int)v;
	return true;
}

/* 2 hex digits giving the number of hex characters, then the AppData. */
static bool
app_data(struct cur *c, struct lldpad_dcb *d)
{
	unsigned n, b, i;

	if (!hex(c, 2, &n, "APP length"))
		return false;
	if (n % 2 != 0)
		return fail(c, "odd APP data length", "APP length");
	for (i = 0; i < n / 2; i++) {
		if (!hex(c, 2, &b, "APP data"))
			return false;
		/* App:FCoE's first byte is the user-priority bitmap. */
		if (i == 0)
			d->appcfg = (uint8_t)b;
	}
	d->app_len = (uint8_t)(n / 2);
	return true;
}

/* The data of a status-00 answer, by command and
 * feature (doc/kernel.md "lldpad: DCB answers"). */
static bool
dcb_data(struct cur *c, struct lldpad_dcb *d)
{
	bool ok;

	if (d->cmd == LLDPAD_GET_CONFIG && d->feature == LLDPAD_F_DCB)
		ok = flag(c, &d->dcb_state, "DCB state");
	else if (d->cmd == LLDPAD_GET_CONFIG && d->feature == LLDPAD_F_PFC)
		ok = proto_config(c, d) && pfc_data(c, d);
	else if (d->cmd == LLDPAD_GET_CONFIG && d->feature == LLDPAD_F_APP)
		ok = proto_config(c, d) && app_data(c, d);
	else if (d->cmd == LLDPAD_GET_OPER && d->feature == LLDPAD_F_PFC)
		ok = proto_oper(c, d) && pfc_data(c, d);
	else if (d->cmd == LLDPAD_GET_OPER && d->feature == LLDPAD_F_APP)
		ok = proto_oper(c, d) && app_data(c, d);
	else
		/* The monitor never asks anything else. */
		ok = fail(c, "no decoder for command and feature", "command");
	d->decoded = ok;
	return ok;
}

/* "C" echo of the request (version, cmd, feature, subtype, name), data. */
static bool
dcb_reply(struct cur *c)
{
	struct lldpad_dcb *d = &c->m->dcb;
	unsigned ver, cmd, feat, sub;

	if (!hex(c, 1, &ver, "version"))
		return false;
	if (ver != LLDPAD_CLIF_VERSION) {
		c->off--;
		return fail(c, "unsupported clif version", "version");
	}
	if (!hex(c, 2, &cmd, "command") || !hex(c, 2, &feat, "feature") ||
	    !hex(c, 2, &sub, "subtype") || !sized_ifname(c, d->ifname))
		return false;
	d->version = (uint8_t)ver;
	d->cmd = (uint8_t)cmd;
	d->feature = (uint8_t)feat;
	d->subtype = (uint8_t)sub;
	c->m->kind = LLDPAD_REPLY_DCB;
	if (c->m->status != LLDPAD_ST_SUCCESS) {
		/*
		 * lldpad keeps whatever a failing handler wrote before it
		 * failed (e.g. the 8 protocol characters of GET_OPER); that
		 * is not data, so it is counted and not interpreted.
		 */
		d->ignored = c->len - c->off;
		c->off = c->len;
		return true;
	}
	return dcb_data(c, d);
}

/* "PONG", then lldpad's pid in decimal (absent before lldpad 0.9.4x). */
static bool
pong(struct cur *c)
{
	long pid = 0;
	size_t start;

	if (c->len - c->off < 4 || memcmp(c->p + c->off, "PONG", 4) != 0)
		return fail(c, "expected PONG", "PONG");
	c->off += 4;
	c->m->kind = LLDPAD_PONG;
	if (c->off == c->len)
		return true;
	start = c->off;
	while (c->off < c->len && c->p[c->off] >= '0' &&
	    c->p[c->off] <= '9') {
		int d = c->p[c->off++] - '0';

		if (pid > (INT_MAX - d) / 10) {
			c->off = start;
			return fail(c, "pid out of range", "pid");
		}
		pid = pid * 10 + d;
	}
	if (c->off == start || pid == 0 || c->p[start] == '0') {
		c->off = start;
		return fail(c, "not a pid", "pid");
	}
	c->m->pid = pid;
	return true;
}

static bool
reply(struct cur *c)
{
	struct lldpad_msg *m = c->m;
	unsigned st;

	c->off = 1;
	if (!hex(c, 2, &st, "status"))
		return false;
	m->status = st;
	m->has_status = true;
	if (c->off == c->len) {
		/* Early failure: lldpad answered before echoing anything. */
		m->kind = LLDPAD_REPLY;
		return true;
	}
	switch (c->p[c->off]) {
	case 'C':
		m->echo = 'C';
		c->off++;
		return dcb_reply(c);
	case 'P':
		m->echo = 'P';
		c->off++;
		return pong(c);
	case 'A':
		m->kind = LLDPAD_ATTACHED;
		break;
	case 'D':
		m->kind = LLDPAD_DETACHED;
		break;
	case 'L':
		m->kind = LLDPAD_LEVEL;
		break;
	default:
		return fail(c, "unexpected command echo", "command echo");
	}
	m->echo = (char)c->p[c->off++];
	return true;
}

/* "E" level version len ifname feature subtype
 * mode config (doc/kernel.md "lldpad: events"). */
static bool
event(struct cur *c)
{
	struct lldpad_event *e = &c->m->ev;
	unsigned ver, feat, sub;

	c->off = 1;
	if (c->off == c->len)
		return fail(c, "truncated", "level");
	if (c->p[c->off] < '0' || c->p[c->off] > '9')
		return fail(c, "not a decimal digit", "level");
	e->level = (uint8_t)(c->p[c->off++] - '0');
	if (!hex(c, 1, &ver, "event version"))
		return false;
	if (ver != LLDPAD_EV_VERSION) {
		c->off--;
		return fail(c, "unsupported event version", "event version");
	}
	e->version = (uint8_t)ver;
	if (!sized_ifname(c, e->ifname) || !hex(c, 2, &feat, "feature") ||
	    !hex(c, 2, &sub, "subtype") ||
	    !flag(c, &e->mode_changed, "mode changed") ||
	    !flag(c, &e->config_changed, "config changed"))
		return false;
	e->feature = (uint8_t)feat;
	e->subtype = (uint8_t)sub;
	c->m->kind = LLDPAD_EVENT;
	return true;
}

static bool
dispatch(struct cur *c)
{
	switch (c->p[0]) {
	case 'R':
		c->m->answer = true;
		return reply(c);
	case 'E':
		return event(c);
	case 'M':
		/* Events of other modules; the monitor attaches to DCBX only. */
		return fail(c, "module-tagged message", "type");
	default:
		return fail(c, "unknown message type", "type");
	}
}

enum lldpad_kind
lldpad_msg_parse(const void *buf, size_t len, struct lldpad_msg *m)
{
	struct cur c = { buf, len, 0, m };
	bool ok;

	memset(m, 0, sizeof(*m));
	m->pid = -1;
	m->dcb.num_tcs = -1;
	if (buf == NULL || len == 0)
		ok = fail(&c, "empty datagram", NULL);
	else if (len > LLDPAD_MSG_MAX)
		ok = fail(&c, "datagram too long", NULL);
	else if ((ok = dispatch(&c)) && c.off != c.len)
		ok = fail(&c, "trailing bytes", NULL);
	if (!ok) {
		/* Nothing half-filled is left for a careless reader. */
		m->kind = LLDPAD_MALFORMED;
		memset(&m->dcb, 0, sizeof(m->dcb));
		m->dcb.num_tcs = -1;
		memset(&m->ev, 0, sizeof(m->ev));
		m->pid = -1;
	}
	return m->kind;
}

const char *
lldpad_kind_str(enum lldpad_kind k)
{
	static const char *const names[] = {
		[LLDPAD_MALFORMED] = "malformed",
		[LLDPAD_REPLY] = "reply",
		[LLDPAD_REPLY_DCB] = "DCB reply",
		[LLDPAD_PONG] = "pong",
		[LLDPAD_ATTACHED] = "attach reply",
		[LLDPAD_DETACHED] = "detach reply",
		[LLDPAD_LEVEL] = "level reply",
		[LLDPAD_EVENT] = "event",
	};

	if ((unsigned)k < sizeof(names) / sizeof(names[0]))
		return names[k];
	return "unknown";
}

const char *
lldpad_status_str(unsigned st)
{
	static const char *const names[] = {
		"success", "failed", "device not found", "agent not found",
		"invalid command", "bad parameters", "peer not present",
		"client version not compatible", "not DCB capable",
		"not applicable", "no access", "agent not supported",
	};

	if (st < sizeof(names) / sizeof(names[0]))
		return names[st];
	return "unknown status";
}

const char *
lldpad_feature_str(unsigned f)
{
	switch (f) {
	case LLDPAD_F_DCB:	return "DCB";
	case LLDPAD_F_PG:	return "PG";
	case LLDPAD_F_PFC:	return "PFC";
	case LLDPAD_F_BCN:	return "BCN";
	case LLDPAD_F_APP:	return "APP";
	case LLDPAD_F_LLINK:	return "LLINK";
	case LLDPAD_F_DCBX:	return "DCBX";
	case LLDPAD_F_PG_DESC:	return "PG_DESC";
	default:		return "unknown feature";
	}
}

const char *
lldpad_cmd_str(unsigned cmd)
{
	switch (cmd) {
	case LLDPAD_GET_CONFIG:	return "get config";
	case LLDPAD_SET_CONFIG:	return "set config";
	case LLDPAD_GET_OPER:	return "get oper";
	case LLDPAD_GET_PEER:	return "get peer";
	default:		return "unknown command";
	}
}
