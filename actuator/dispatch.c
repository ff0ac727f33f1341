/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: the dispatch table, and the handling of one framed
 * request: validate, audit begin, execute, audit end, reply.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "actuator/actuator.h"
#include "privsep/privsep.h"

static int forced_kif = -1;
static struct fcp_hello_rep hello;

void
act_set_kif(int forced)
{
	forced_kif = forced;
}

int
act_kif(void)
{
	return forced_kif >= 0 ? forced_kif : kif_detect("");
}

void
act_set_hello(const struct fcp_hello_rep *h)
{
	hello = *h;
}

static int
op_hello(const void *req, void *rep, char *extra, size_t sz)
{
	(void)req;
	(void)extra;
	(void)sz;
	hello.kif = (uint32_t)act_kif();
	memcpy(rep, &hello, sizeof(hello));
	return 0;
}

static void
a_none(const void *req, char *buf, size_t sz)
{
	(void)req;
	snprintf(buf, sz, "%s", "");
}

static void
a_hello(const void *req, char *buf, size_t sz)
{
	snprintf(buf, sz, "version=%u",
	    ((const struct fcp_hello *)req)->version);
}

static void
a_ifreq(const void *req, char *buf, size_t sz)
{
	snprintf(buf, sz, "ifname=%s", ((const struct fcp_ifreq *)req)->ifname);
}

static void
a_create(const void *req, char *buf, size_t sz)
{
	const struct fcp_fcoe_create *r = req;

	snprintf(buf, sz, "ifname=%s mode=%s%s", r->ifname,
	    fcp_mode_name(r->mode), r->disabled ? " disabled=1" : "");
}

static void
a_vlan(const void *req, char *buf, size_t sz)
{
	const struct fcp_vlan_create *r = req;

	snprintf(buf, sz, "ifname=%s vid=%u", r->ifname, (unsigned)r->vid);
}

static void
a_lldpad(const void *req, char *buf, size_t sz)
{
	const struct fcp_lldpad_send *r = req;

	snprintf(buf, sz, "kind=%s%s%s", fcp_lq_name(r->kind),
	    r->ifname[0] ? " ifname=" : "", r->ifname);
}

static const struct act_op ops[FCP_TYPE_MAX] = {
	[FCP_HELLO] = { FCP_HELLO, op_hello, a_hello, 0 },
	[FCP_FCOE_CREATE] = { FCP_FCOE_CREATE, op_fcoe_create, a_create, 1 },
	[FCP_FCOE_DESTROY] = { FCP_FCOE_DESTROY, op_fcoe_destroy, a_ifreq, 1 },
	[FCP_FCOE_ENABLE] = { FCP_FCOE_ENABLE, op_fcoe_enable, a_ifreq, 1 },
	[FCP_FCOE_DISABLE] = { FCP_FCOE_DISABLE, op_fcoe_disable, a_ifreq, 1 },
	[FCP_FCOE_RESET] = { FCP_FCOE_RESET, op_fcoe_reset, a_ifreq, 1 },
	[FCP_FCOE_SCAN] = { FCP_FCOE_SCAN, op_fcoe_scan, a_ifreq, 1 },
	[FCP_VLAN_CREATE] = { FCP_VLAN_CREATE, op_vlan_create, a_vlan, 1 },
	[FCP_VLAN_DESTROY] = { FCP_VLAN_DESTROY, op_vlan_destroy, a_ifreq, 1 },
	[FCP_LLDPAD_SEND] = { FCP_LLDPAD_SEND, op_lldpad_send, a_lldpad, 0 },
	[FCP_LLDPAD_CONNECT] = { FCP_LLDPAD_CONNECT, op_lldpad_connect,
	    a_none, 0 },
};

const struct act_op *
act_op(unsigned type)
{
	if (type >= FCP_TYPE_MAX || ops[type].execute == NULL)
		return NULL;
	return &ops[type];
}

#define SEP(s)	((s)[0] ? " " : "")	/* a space before non-empty fields */

static long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/*
 * One well-framed request.  Returns -1 only when the reply could not be
 * sent (the monitor is gone).  If the begin record cannot be written the
 * request is refused with EIO before anything is done.
 */
int
act_dispatch(const struct fcp_hdr *h, const void *payload)
{
	const struct act_op *op = act_op(h->type);
	const struct fcp_msg *m = fcp_msg(h->type);
	unsigned char rep[FCP_MAX_MSG];
	char args[160], extra[2 * OBJ_MAX] = "";
	int level = op->changes ? LOG_NOTICE : LOG_INFO;
	int err = fcp_validate(h->type, payload);
	const char *result = "denied";
	long t0 = now_us();

	memset(rep, 0, sizeof(rep));
	if (err != 0) {
		memcpy(args, "payload_hex=", 12);
		audit_hex(payload, m->req_size, args + 12, sizeof(args) - 12);
	} else {
		op->audit(payload, args, sizeof(args));
	}
	if (audit_record(level, "seq=%u phase=begin op=%s%s%s", h->seq,
	    m->name, SEP(args), args) != 0)
		return chan_send(ACT_FD_IPC, h->type | FCP_REPLY, h->seq, EIO,
		    rep, m->rep_size);
	if (err == 0) {
		err = op->execute(payload, rep, extra, sizeof(extra));
		result = err ? "fail" : "ok";
	}
	if (err != 0)
		memset(rep, 0, sizeof(rep));
	(void)audit_record(level, "seq=%u phase=end op=%s%s%s%s%s result=%s "
	    "errno=%d dur_us=%ld", h->seq, m->name, SEP(args), args,
	    SEP(extra), extra, result, err, now_us() - t0);
	return chan_send(ACT_FD_IPC, h->type | FCP_REPLY, h->seq, err, rep,
	    m->rep_size);
}
