/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check): the actuator's dispatch table (actuator/dispatch.c),
 * its audit argument formatters, and act_dispatch() end to end -- reply
 * frames and the begin/end audit records -- in a child of the test with the
 * channel on fd 3 (check itself keeps a file on fd 3 in the test process).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <check.h>
#include <errno.h>
#include <stddef.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proto/fcp.h"
#include "privsep/privsep.h"
#include "actuator/actuator.h"
#include "monitor/wire/fcp_reply.h"
#include "tests/unit/fakesys.h"
#include "tests/unit/check_main.h"

static void
skip(const char *why)
{
	fprintf(stderr, "SKIP: %s\n", why);
}

/* ---- the table ---- */

/* Both halves of every row, to the table's real end, and nothing else. */
START_TEST(every_request_has_an_op)
{
	unsigned t, rows = 0;

	for (t = 0; t < FCP_TYPE_MAX; t++) {
		const struct act_op *op = act_op(t);

		ck_assert_msg((op != NULL) == (fcp_msg(t) != NULL),
		    "type %u: actuator row %p, protocol row %p", t,
		    (const void *)op, (const void *)fcp_msg(t));
		if (op == NULL)
			continue;
		ck_assert_msg(op->execute != NULL, "type %u: no execute", t);
		ck_assert_msg(op->audit != NULL, "type %u: no audit", t);
		rows++;
	}
	ck_assert_uint_eq(rows, 13);
}
END_TEST

START_TEST(no_op_for_non_requests)
{
	static const unsigned bad[] = { 0, 8, 9, FCP_SIGNAL, FCP_FIP_FRAME,
	    FCP_FIP_DROPS, FCP_TYPE_MAX, 100, 0x8000, 0x8001, 0x800b, 0xffff, 0xffffffffu };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(act_op(bad[i]) == NULL, "op for type %#x",
		    bad[i]);
}
END_TEST

START_TEST(changes_flag)
{
	unsigned t;

	for (t = 0; t < FCP_TYPE_MAX; t++) {
		int want = (t >= FCP_FCOE_CREATE && t <= FCP_FCOE_SCAN) ||
		    t == FCP_VLAN_CREATE || t == FCP_VLAN_DESTROY ||
		    t == FCP_FIP_RESP;

		if (fcp_msg(t) == NULL)
			continue;
		ck_assert_msg(!!fcp_msg(t)->changes == want,
		    "type %u (%s): changes=%d, want %d", t, fcp_msg(t)->name,
		    fcp_msg(t)->changes, want);
	}
}
END_TEST

START_TEST(execute_functions)
{
	ck_assert_ptr_eq((void *)act_op(FCP_FCOE_CREATE)->execute,
	    (void *)op_fcoe_create);
	ck_assert_ptr_eq((void *)act_op(FCP_FCOE_DESTROY)->execute,
	    (void *)op_fcoe_destroy);
	ck_assert_ptr_eq((void *)act_op(FCP_FCOE_ENABLE)->execute,
	    (void *)op_fcoe_enable);
	ck_assert_ptr_eq((void *)act_op(FCP_FCOE_DISABLE)->execute,
	    (void *)op_fcoe_disable);
	ck_assert_ptr_eq((void *)act_op(FCP_FCOE_RESET)->execute,
	    (void *)op_fcoe_reset);
	ck_assert_ptr_eq((void *)act_op(FCP_FCOE_SCAN)->execute,
	    (void *)op_fcoe_scan);
	ck_assert_ptr_eq((void *)act_op(FCP_LLDPAD_SEND)->execute,
	    (void *)op_lldpad_send);
	ck_assert_ptr_eq((void *)act_op(FCP_LLDPAD_CONNECT)->execute,
	    (void *)op_lldpad_connect);
	ck_assert_ptr_eq((void *)act_op(FCP_FIP_SEND)->execute,
	    (void *)op_fip_send);
	ck_assert_ptr_eq((void *)act_op(FCP_VLAN_CREATE)->execute,
	    (void *)op_vlan_create);
	ck_assert_ptr_eq((void *)act_op(FCP_VLAN_DESTROY)->execute,
	    (void *)op_vlan_destroy);
	ck_assert_ptr_eq((void *)act_op(FCP_FIP_RESP)->execute,
	    (void *)op_fip_resp);
}
END_TEST

START_TEST(kif_forced_or_detected)
{
	act_set_kif(FCP_KIF_LIBFCOE);
	ck_assert_int_eq(act_kif(), FCP_KIF_LIBFCOE);
	act_set_kif(FCP_KIF_BUS);
	ck_assert_int_eq(act_kif(), FCP_KIF_BUS);
	act_set_kif(FCP_KIF_NONE);
	ck_assert_int_eq(act_kif(), FCP_KIF_NONE);
	act_set_kif(-1);
	ck_assert_int_eq(act_kif(), kif_detect(""));
}
END_TEST

/* ---- audit argument formatters ---- */

static const char *
fmt(unsigned type, const void *req)
{
	static char buf[256];

	memset(buf, 'X', sizeof(buf));
	act_op(type)->audit(req, buf, sizeof(buf));
	ck_assert_msg(memchr(buf, '\0', sizeof(buf)) != NULL,
	    "type %u: not terminated", type);
	ck_assert_msg(strpbrk(buf, "\n\r") == NULL, "type %u: newline", type);
	return buf;
}

static void
setname(char n[FCP_IFNAMSIZ], const char *s)
{
	memset(n, 0, FCP_IFNAMSIZ);
	memcpy(n, s, strlen(s));
}

START_TEST(audit_ifreq_ops)
{
	static const unsigned t[] = { FCP_FCOE_DESTROY, FCP_FCOE_ENABLE,
	    FCP_FCOE_DISABLE, FCP_FCOE_RESET, FCP_FCOE_SCAN };
	struct fcp_ifreq r;
	size_t i;

	setname(r.ifname, "eth0");
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_str_eq(fmt(t[i], &r), "ifname=eth0");
	setname(r.ifname, "abcdefghijklmno");
	ck_assert_str_eq(fmt(FCP_FCOE_SCAN, &r), "ifname=abcdefghijklmno");
}
END_TEST

START_TEST(audit_fcoe_create)
{
	struct fcp_fcoe_create c;

	memset(&c, 0, sizeof(c));
	setname(c.ifname, "eth0");
	c.mode = FCP_MODE_FABRIC;
	ck_assert_str_eq(fmt(FCP_FCOE_CREATE, &c), "ifname=eth0 mode=fabric");
	setname(c.ifname, "enp1s0f1");
	c.mode = FCP_MODE_VN2VN;
	ck_assert_str_eq(fmt(FCP_FCOE_CREATE, &c),
	    "ifname=enp1s0f1 mode=vn2vn");
}
END_TEST

START_TEST(audit_lldpad_send)
{
	static const char *const kinds[] = { NULL, "attach", "detach", "ping",
	    "dcb_state", "pfc_config", "app_config", "pfc_oper", "app_oper" };
	struct fcp_lldpad_send s;
	char want[64];
	unsigned k;

	for (k = FCP_LQ_ATTACH; k <= FCP_LQ_PING; k++) {
		memset(&s, 0, sizeof(s));
		s.kind = k;
		snprintf(want, sizeof(want), "kind=%s", kinds[k]);
		ck_assert_str_eq(fmt(FCP_LLDPAD_SEND, &s), want);
	}
	for (k = FCP_LQ_DCB_STATE; k <= FCP_LQ_APP_OPER; k++) {
		memset(&s, 0, sizeof(s));
		s.kind = k;
		setname(s.ifname, "eth2");
		snprintf(want, sizeof(want), "kind=%s ifname=eth2", kinds[k]);
		ck_assert_str_eq(fmt(FCP_LLDPAD_SEND, &s), want);
	}
}
END_TEST

START_TEST(audit_hello_connect)
{
	struct fcp_hello h = { FCP_VERSION, 0 };
	const char *s;

	/* undocumented fields: only well-formed key=value text or "-" */
	s = fmt(FCP_HELLO, &h);
	ck_assert_msg(strcmp(s, "-") == 0 || strchr(s, '=') != NULL,
	    "hello args '%s'", s);
	s = fmt(FCP_LLDPAD_CONNECT, &h);
	ck_assert_msg(strlen(s) < 64, "connect args '%s'", s);
}
END_TEST

START_TEST(audit_small_buffer)
{
	struct fcp_fcoe_create c;
	char buf[8];
	unsigned t;

	memset(&c, 0, sizeof(c));
	setname(c.ifname, "abcdefghijklmno");
	for (t = 0; t < FCP_TYPE_MAX; t++) {
		if (act_op(t) == NULL)
			continue;
		memset(buf, 'X', sizeof(buf));
		act_op(t)->audit(&c, buf, 5);
		ck_assert_msg(memchr(buf, '\0', 5) != NULL,
		    "type %u overran a 5-byte buffer", t);
		ck_assert_int_eq(buf[5], 'X');
	}
}
END_TEST

START_TEST(audit_hex_encoding)
{
	const unsigned char in[] = { 0x00, 0x0f, 0xa5, 0xff, 'a', '\n' };
	char out[64];

	audit_hex(in, sizeof(in), out, sizeof(out));
	ck_assert_str_eq(out, "000fa5ff610a");
	audit_hex(in, sizeof(in), out, 5);	/* room for 2 bytes + NUL */
	ck_assert_str_eq(out, "000f");
	audit_hex(in, 0, out, sizeof(out));
	ck_assert_str_eq(out, "");
}
END_TEST

/* ---- act_dispatch() in a child ---- */

struct dreq {
	unsigned	type;
	uint32_t	seq;
	const void     *pl;
	size_t		len;
};

struct dctx {
	int	ipc[2];		/* [0] -> fd 3 in the child */
	int	lldpad[2];	/* [0] -> fd 5 in the child */
};

/* Child exit codes */
#define D_SETUP		90
#define D_LOG		91
#define D_SEND		92

static int
run_dispatch(struct dctx *c, const struct dreq *r, int n, int want_log,
    int kif)
{
	pid_t p;
	int st, i;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, c->ipc), 0);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, c->lldpad), 0);
	{
		/* queries go to lldpad's address, not to the socket's peer */
		struct sockaddr_un a = { .sun_family = AF_UNIX };

		memcpy(a.sun_path + 1, "/com/intel/lldpad", 17);
		(void)bind(c->lldpad[1], (struct sockaddr *)&a,
		    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 18));
	}
	fflush(NULL);
	p = fork();
	ck_assert_int_ne(p, -1);
	if (p == 0) {
		struct fcp_hello_rep hello = { FCP_VERSION, 0, FCP_SC_TRAP,
		    5 };

		if (dup2(c->ipc[0], ACT_FD_IPC) != ACT_FD_IPC ||
		    dup2(c->lldpad[0], ACT_FD_LLDPAD) != ACT_FD_LLDPAD)
			_exit(D_SETUP);
		/* no check asserts here: fd 3 was check's own file */
		if ((i = socket(AF_UNIX, SOCK_DGRAM, 0)) == -1 ||
		    dup2(i, ACT_FD_IOCTL) != ACT_FD_IOCTL)
			_exit(D_SETUP);
		if (want_log && audit_open() == -1)
			_exit(D_LOG);
		act_set_kif(kif);
		act_set_hello(&hello);
		for (i = 0; i < n; i++) {
			unsigned char pl[FCP_MAX_MSG];
			struct fcp_hdr h = { FCP_MAGIC, FCP_VERSION,
			    (uint16_t)r[i].type, r[i].seq, (uint32_t)r[i].len,
			    0, 0 };

			memset(pl, 0, sizeof(pl));
			memcpy(pl, r[i].pl, r[i].len);
			if (act_dispatch(&h, pl) != 0)
				_exit(D_SEND);
		}
		_exit(0);
	}
	close(c->ipc[0]);
	close(c->lldpad[0]);
	ck_assert_int_eq(waitpid(p, &st, 0), p);
	return st;
}

/* Next reply on the test's end: status, payload copied to pl. */
static int
next_reply(struct dctx *c, unsigned type, uint32_t seq, void *pl,
    size_t plsz)
{
	unsigned char b[FCP_MAX_MSG];
	struct fcp_hdr h;
	ssize_t n = recv(c->ipc[1], b, sizeof(b), MSG_DONTWAIT);

	ck_assert_msg(n >= 24, "no reply to type %u seq %u", type, seq);
	ck_assert_int_eq(fcp_check_reply(b, (size_t)n, type, seq),
	    FCP_FRAME_OK);
	memcpy(&h, b, sizeof(h));
	if (pl != NULL) {
		ck_assert_uint_eq(h.len, plsz);
		memcpy(pl, b + sizeof(h), plsz);
	}
	return h.status;
}

START_TEST(begin_record_unwritable_refuses)
{
	struct fcp_hello hello = { FCP_VERSION, 0 };
	struct fcp_lldpad_send q;
	struct fcp_hello_rep hr, zero;
	struct dreq r[2];
	struct dctx c;
	char buf[64];
	int st;

	memset(&q, 0, sizeof(q));
	q.kind = FCP_LQ_DCB_STATE;
	setname(q.ifname, "eth2");
	r[0] = (struct dreq){ FCP_LLDPAD_SEND, 2, &q, sizeof(q) };
	r[1] = (struct dreq){ FCP_HELLO, 3, &hello, sizeof(hello) };
	/* no audit_open(): every record fails */
	st = run_dispatch(&c, r, 2, 0, FCP_KIF_NONE);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child %#x", st);
	ck_assert_int_eq(next_reply(&c, FCP_LLDPAD_SEND, 2, NULL, 0), EIO);
	memset(&hr, 'X', sizeof(hr));
	ck_assert_int_eq(next_reply(&c, FCP_HELLO, 3, &hr, sizeof(hr)), EIO);
	memset(&zero, 0, sizeof(zero));
	ck_assert_int_eq(memcmp(&hr, &zero, sizeof(zero)), 0);
	/* and nothing was done: no lldpad datagram */
	ck_assert_int_eq(recv(c.lldpad[1], buf, sizeof(buf), MSG_DONTWAIT), -1);
}
END_TEST

/* The next record must match the extended regex pattern exactly. */
static void
expect_record(int fd, const char *pattern)
{
	char rec[1100], full[600];
	regex_t re;
	int rc;

	snprintf(full, sizeof(full), "^<[0-9]+>fcoemond\\[[0-9]+\\]: %s$",
	    pattern);
	ck_assert_int_eq(regcomp(&re, full, REG_EXTENDED | REG_NOSUB), 0);
	ck_assert_msg(log_next(fd, rec, sizeof(rec)) > 0,
	    "no audit record, expected /%s/", pattern);
	rc = regexec(&re, rec, 0, NULL, 0);
	regfree(&re);
	ck_assert_msg(rc == 0, "audit record\n  got:  %s\n  want: /%s/", rec,
	    full);
}

static void
expect_pri(const char *rec, int pri)
{
	char want[16];

	snprintf(want, sizeof(want), "<%d>", pri);
	ck_assert_msg(strncmp(rec, want, strlen(want)) == 0,
	    "record '%s': want PRI %d", rec, pri);
}

START_TEST(records_and_replies)
{
	struct fcp_hello hello = { FCP_VERSION, 0 }, hello2 = { 2, 0 };
	struct fcp_hello_rep hr;
	struct fcp_lldpad_send q;
	struct fcp_fcoe_create bad;
	struct fcp_ifreq gone;
	struct dreq r[5];
	struct dctx c;
	char why[128], rec[1100];
	int st, log;
	ssize_t n;

	if (ns_private(why, sizeof(why)) != 0) {
		skip(why);
		return;
	}
	fake_sys();	/* no kernel FCoE interface: kif=none */
	log = log_sink();
	memset(&q, 0, sizeof(q));
	q.kind = FCP_LQ_DCB_STATE;
	setname(q.ifname, "eth2");
	memset(&bad, 0, sizeof(bad));
	setname(bad.ifname, "eth0");
	bad.mode = 7;
	setname(gone.ifname, "fcoenosuch0");
	r[0] = (struct dreq){ FCP_HELLO, 1, &hello, sizeof(hello) };
	r[1] = (struct dreq){ FCP_LLDPAD_SEND, 2, &q, sizeof(q) };
	r[2] = (struct dreq){ FCP_FCOE_CREATE, 3, &bad, sizeof(bad) };
	r[3] = (struct dreq){ FCP_FCOE_DESTROY, 4, &gone, sizeof(gone) };
	/* a payload the validator refuses: its reply payload is all zero */
	r[4] = (struct dreq){ FCP_HELLO, 5, &hello2, sizeof(hello2) };
	st = run_dispatch(&c, r, 5, 1, -1);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child %#x", st);

	/* replies */
	ck_assert_int_eq(next_reply(&c, FCP_HELLO, 1, &hr, sizeof(hr)), 0);
	ck_assert_uint_eq(hr.version, FCP_VERSION);
	ck_assert_uint_eq(hr.kif, FCP_KIF_NONE);
	ck_assert_uint_eq(hr.seccomp, FCP_SC_TRAP);
	ck_assert_int_eq(hr.landlock_abi, 5);
	ck_assert_int_eq(next_reply(&c, FCP_LLDPAD_SEND, 2, NULL, 0), 0);
	ck_assert_int_eq(next_reply(&c, FCP_FCOE_CREATE, 3, NULL, 0), EINVAL);
	ck_assert_int_eq(next_reply(&c, FCP_FCOE_DESTROY, 4, NULL, 0), ENODEV);
	memset(&hr, 'X', sizeof(hr));
	ck_assert_int_eq(next_reply(&c, FCP_HELLO, 5, &hr, sizeof(hr)),
	    EPROTO);
	{
		struct fcp_hello_rep z;

		memset(&z, 0, sizeof(z));
		ck_assert_msg(memcmp(&hr, &z, sizeof(z)) == 0,
		    "error reply payload not zeroed");
	}
	n = recv(c.lldpad[1], rec, sizeof(rec), MSG_DONTWAIT);
	ck_assert_int_eq(n, 14);
	ck_assert_int_eq(memcmp(rec, "C301010004eth2", 14), 0);

	/* records, in order */
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=1 phase=begin op=hello( .*)?");
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=1 phase=end op=hello( .*)? "
	    "result=ok errno=0 dur_us=[0-9]+");
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=2 phase=begin op=lldpad_send "
	    "kind=dcb_state ifname=eth2");
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=2 phase=end op=lldpad_send "
	    "kind=dcb_state ifname=eth2 result=ok errno=0 dur_us=[0-9]+");
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=3 phase=begin op=fcoe_create "
	    "payload_hex=6574683000000000000000000000000007000000");
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=3 phase=end op=fcoe_create "
	    "payload_hex=6574683000000000000000000000000007000000"
	    "( kif=[a-z]+)? result=denied errno=22 dur_us=[0-9]+");
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=4 phase=begin op=fcoe_destroy "
	    "ifname=fcoenosuch0");
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=4 phase=end op=fcoe_destroy "
	    "ifname=fcoenosuch0 kif=none result=fail errno=19 "
	    "dur_us=[0-9]+");
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=5 phase=begin op=hello "
	    "payload_hex=0200000000000000");
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=5 phase=end op=hello "
	    "payload_hex=0200000000000000 result=denied errno=71 "
	    "dur_us=[0-9]+");
}
END_TEST

/* PRI: authpriv.info (86) for hello/lldpad, authpriv.notice (85) for
 * state-changing ops. */
START_TEST(record_levels)
{
	struct fcp_lldpad_send q;
	struct fcp_ifreq gone;
	struct dreq r[2];
	struct dctx c;
	char why[128], rec[1100];
	int st, log;

	if (ns_private(why, sizeof(why)) != 0) {
		skip(why);
		return;
	}
	fake_sys();
	log = log_sink();
	memset(&q, 0, sizeof(q));
	q.kind = FCP_LQ_PING;
	setname(gone.ifname, "fcoenosuch0");
	r[0] = (struct dreq){ FCP_LLDPAD_SEND, 2, &q, sizeof(q) };
	r[1] = (struct dreq){ FCP_FCOE_ENABLE, 3, &gone, sizeof(gone) };
	st = run_dispatch(&c, r, 2, 1, -1);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child %#x", st);
	ck_assert_int_gt(log_next(log, rec, sizeof(rec)), 0);
	expect_pri(rec, 86);
	ck_assert_int_gt(log_next(log, rec, sizeof(rec)), 0);
	expect_pri(rec, 86);
	ck_assert_int_gt(log_next(log, rec, sizeof(rec)), 0);
	expect_pri(rec, 85);
	ck_assert_int_gt(log_next(log, rec, sizeof(rec)), 0);
	expect_pri(rec, 85);
}
END_TEST

/* A bus create that succeeds: exact writes, and obj/kif in the record. */
START_TEST(bus_create_record)
{
	struct fcp_fcoe_create cr;
	struct dreq r[1];
	struct dctx c;
	char why[128];
	int st, log;

	if (ns_private(why, sizeof(why)) != 0) {
		skip(why);
		return;
	}
	fake_sys();
	log = log_sink();
	mkfile("/sys/bus/fcoe/ctlr_create", "");
	mkfile("/sys/bus/fcoe/ctlr_destroy", "");
	mkfile("/sys/class/net/lo/ctlr_0/mode", "");
	mkfile("/sys/class/net/lo/ctlr_0/enabled", "0");
	memset(&cr, 0, sizeof(cr));
	setname(cr.ifname, "lo");
	cr.mode = FCP_MODE_VN2VN;
	r[0] = (struct dreq){ FCP_FCOE_CREATE, 9, &cr, sizeof(cr) };
	st = run_dispatch(&c, r, 1, 1, -1);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child %#x", st);
	ck_assert_int_eq(next_reply(&c, FCP_FCOE_CREATE, 9, NULL, 0), 0);
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_create"), "lo");
	ck_assert_str_eq(slurp("/sys/class/net/lo/ctlr_0/mode"), "VN2VN");
	ck_assert_str_eq(slurp("/sys/class/net/lo/ctlr_0/enabled"), "1");
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_destroy"), "");
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=9 phase=begin op=fcoe_create "
	    "ifname=lo mode=vn2vn");
	/* SECURITY.md §4: "... ARGS kif=K [obj=OBJ] [rollback=R] result=R
	 * errno=E dur_us=N" */
	expect_record(log, "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=9 phase=end op=fcoe_create "
	    "ifname=lo mode=vn2vn kif=bus obj=ctlr_0 result=ok errno=0 "
	    "dur_us=[0-9]+");
}
END_TEST

/*
 * A type with no row on either side never gets past fcp_check_request();
 * if one reached act_dispatch() anyway it must be the monitor's violation
 * (audited, the actuator exits 2, no reply), never a NULL dereference.
 */
START_TEST(type_without_a_row_is_a_violation)
{
	static const unsigned bad[] = { 0, 8, 9, FCP_SIGNAL, FCP_TYPE_MAX,
	    0xffff };
	unsigned char zero[FCP_MAX_MSG];
	char b[1100];
	struct dreq r[1];
	struct dctx c;
	char why[128], want[128];
	size_t i;
	int st, log;

	if (ns_private(why, sizeof(why)) != 0) {
		skip(why);
		return;
	}
	fake_sys();
	log = log_sink();
	memset(zero, 0, sizeof(zero));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r[0] = (struct dreq){ bad[i], 7 + (uint32_t)i, zero, 0 };
		st = run_dispatch(&c, r, 1, 1, -1);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 2,
		    "type %#x: child status %#x, want exit 2", bad[i], st);
		/* the child is gone: EOF (0), not a record */
		ck_assert_msg(recv(c.ipc[1], b, sizeof(b), MSG_DONTWAIT) <= 0,
		    "type %#x: a reply was sent", bad[i]);
		snprintf(want, sizeof(want), "AUDIT v=2 run=[0-9a-f]{16} rec=[0-9]+ seq=%u phase=event "
		    "event=violation reason=no_row", 7 + (unsigned)i);
		expect_record(log, want);
		/* the operator's line that goes with it */
		ck_assert_int_gt(log_next(log, b, sizeof(b)), 0);
		close(c.ipc[1]);
		close(c.lldpad[1]);
	}
}
END_TEST

static Suite *
dispatch_suite(void)
{
	Suite *s = suite_create("dispatch");
	TCase *tc;

	tc = tcase_create("table");
	tcase_add_test(tc, every_request_has_an_op);
	tcase_add_test(tc, no_op_for_non_requests);
	tcase_add_test(tc, changes_flag);
	tcase_add_test(tc, execute_functions);
	tcase_add_test(tc, kif_forced_or_detected);
	suite_add_tcase(s, tc);

	tc = tcase_create("audit_args");
	tcase_add_test(tc, audit_ifreq_ops);
	tcase_add_test(tc, audit_fcoe_create);
	tcase_add_test(tc, audit_lldpad_send);
	tcase_add_test(tc, audit_hello_connect);
	tcase_add_test(tc, audit_small_buffer);
	tcase_add_test(tc, audit_hex_encoding);
	suite_add_tcase(s, tc);

	tc = tcase_create("act_dispatch");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, begin_record_unwritable_refuses);
	tcase_add_test(tc, records_and_replies);
	tcase_add_test(tc, record_levels);
	tcase_add_test(tc, bus_create_record);
	tcase_add_test(tc, type_without_a_row_is_a_violation);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(dispatch_suite());
}
