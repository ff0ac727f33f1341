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

/* --kernel-if's choice, or -1: detected at each request. */
int
act_kif_forced(void)
{
	return forced_kif;
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
op_hello(const void *req UNUSED, void *rep, char *extra UNUSED,
    size_t sz UNUSED)
{
	hello.kif = (uint32_t)act_kif();
	memcpy(rep, &hello, sizeof(hello));
	return 0;
}

static void
a_none(const void *req UNUSED, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s", "");
}

static void
a_sd_ready(const void *req, char *buf, size_t sz)
{
	const struct fcp_sd_ready *r = req;

	snprintf(buf, sz, "up=%u wanted=%u timed_out=%u", r->up, r->wanted,
	    r->timed_out);
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
a_fcoe_create(const void *req, char *buf, size_t sz)
{
	const struct fcp_fcoe_create *r = req;

	snprintf(buf, sz, "ifname=%s mode=%s%s", r->ifname,
	    fcp_mode_name(r->mode), r->disabled ? " disabled=1" : "");
}

static void
a_lldpad_send(const void *req, char *buf, size_t sz)
{
	const struct fcp_lldpad_send *r = req;

	snprintf(buf, sz, "kind=%s%s%s", fcp_lq_name(r->kind),
	    r->ifname[0] ? " ifname=" : "", r->ifname);
}

static void
a_fip_send(const void *req, char *buf, size_t sz)
{
	const struct fcp_fip_send *r = req;

	snprintf(buf, sz, "ifname=%s mode=%s", r->ifname,
	    fcp_mode_name(r->mode));
}

static void
a_vlan_create(const void *req, char *buf, size_t sz)
{
	const struct fcp_vlan_create *r = req;

	snprintf(buf, sz, "ifname=%s vid=%u why=%s", r->ifname, r->vid,
	    fcp_vlan_why_name(r->why));
}

static void
a_fip_resp(const void *req, char *buf, size_t sz)
{
	const struct fcp_fip_resp *r = req;

	snprintf(buf, sz, "ifname=%s on=%u", r->ifname, r->on);
}

/* The actuator's half of each request in FCP_REQUESTS (proto/fcp.h). */
#define OP(type, name, req, rep, changes)	[type] = { op_##name, a_##req },

static const struct act_op ops[FCP_TYPE_MAX] = { FCP_REQUESTS(OP) };

const struct act_op *
act_op(unsigned type)
{
	if (type >= FCP_TYPE_MAX || ops[type].execute == NULL)
		return NULL;
	return &ops[type];
}

#define SEP(s)	((s)[0] ? " " : "")	/* a space before non-empty fields */

/* Monotonic microseconds: audit durations, and fip.c's clock. */
long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/*
 * One well-framed request.  Returns -1 only when the reply could not be
 * sent (the monitor is gone).  If the begin record cannot be written the
 * request is refused with EIO before anything is done.  A type without
 * both rows cannot pass fcp_check_request(); should one ever get here, it
 * is the monitor's violation, not a crash.  A harmless request (it changes
 * nothing: the last column of FCP_REQUESTS is 0; or validation refuses it)
 * that repeats the previous one with the same result is only counted
 * (repeat.c).
 */
int
act_dispatch(const struct fcp_hdr *h, const void *payload)
{
	const struct act_op *op = act_op(h->type);
	const struct fcp_msg *m = fcp_msg(h->type);
	unsigned char rep[FCP_MAX_MSG];
	char args[160], extra[2 * OBJ_MAX] = "", what[320];
	const char *result = "denied";
	long t0 = now_us();
	int level, err, harmless, ran = 0;

	if (op == NULL || m == NULL)
		violation("no_row", h->seq);
	level = m->changes ? LOG_NOTICE : LOG_INFO;
	err = fcp_validate(h->type, payload);
	harmless = !m->changes || err != 0;
	memset(rep, 0, sizeof(rep));
	if (harmless && repeat_same(h->type, payload, m->req_size)) {
		if (err == 0) {
			err = op->execute(payload, rep, extra, sizeof(extra));
			result = err ? "fail" : "ok";
			ran = 1;
		}
		if (repeat_count(h->seq, err) == 0)
			goto reply;
	}
	if (repeat_pending() || !harmless)
		repeat_forget();
	if (err != 0 && !ran) {
		memcpy(args, "payload_hex=", 12);
		audit_hex(payload, m->req_size, args + 12, sizeof(args) - 12);
	} else {
		op->audit(payload, args, sizeof(args));
	}
	audit_echo_hold(1);
	if (audit_record(level, "seq=%u phase=begin op=%s%s%s", h->seq,
	    m->name, SEP(args), args) != 0) {
		audit_echo_hold(0);
		return chan_send(ACT_FD_IPC, h->type | FCP_REPLY, h->seq,
		    ran ? err : EIO, rep, m->rep_size);
	}
	if (err == 0 && !ran) {
		err = op->execute(payload, rep, extra, sizeof(extra));
		result = err ? "fail" : "ok";
	}
	audit_echo_hold(0);
	snprintf(what, sizeof(what), "op=%s%s%s%s%s result=%s errno=%d",
	    m->name, SEP(args), args, SEP(extra), extra, result, err);
	(void)audit_record(level, "seq=%u phase=end %s dur_us=%ld", h->seq,
	    what, now_us() - t0);
	if (harmless)
		repeat_remember(h->type, payload, m->req_size, err, level, what);
reply:
	if (err != 0)
		memset(rep, 0, sizeof(rep));
	return chan_send(ACT_FD_IPC, h->type | FCP_REPLY, h->seq, err, rep,
	    m->rep_size);
}
