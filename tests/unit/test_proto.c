/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check): the pure validators and codecs of proto/fcp.c, and
 * the monitor's check of the actuator's replies (monitor/wire/fcp_reply.c).
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "proto/fcp.h"
#include "monitor/wire/fcp_reply.h"
#include "tests/unit/check_main.h"

/* A 16-byte, zero-filled name buffer holding up to 16 bytes of s. */
static void
mkname(char out[FCP_IFNAMSIZ], const char *s, size_t n)
{
	memset(out, 0, FCP_IFNAMSIZ);
	memcpy(out, s, n > FCP_IFNAMSIZ ? FCP_IFNAMSIZ : n);
}

static int
name_ok(const char *s)
{
	char n[FCP_IFNAMSIZ];

	mkname(n, s, strlen(s));
	return fcp_ifname_valid(n);
}

/* A framed request in buf: header for type, payload bytes copied in. */
static size_t
mkframe(unsigned char *buf, unsigned type, uint32_t len, const void *pl)
{
	struct fcp_hdr h = { FCP_MAGIC, FCP_VERSION, (uint16_t)type, 7, len,
	    0, 0 };

	memcpy(buf, &h, sizeof(h));
	if (len && pl)
		memcpy(buf + sizeof(h), pl, len);
	else if (len)
		memset(buf + sizeof(h), 0, len);
	return sizeof(h) + len;
}

static void
hdr_set(unsigned char *buf, size_t off, const void *v, size_t n)
{
	memcpy(buf + off, v, n);
}

/* ---- interface names ---- */

START_TEST(ifname_lengths)
{
	char n[FCP_IFNAMSIZ];

	ck_assert_int_eq(name_ok("a"), 1);
	ck_assert_int_eq(name_ok("eth0"), 1);
	ck_assert_int_eq(name_ok("abcdefghijklmno"), 1);	/* 15 */
	/* 16 bytes, no NUL anywhere */
	memcpy(n, "abcdefghijklmnop", FCP_IFNAMSIZ);
	ck_assert_int_eq(fcp_ifname_valid(n), 0);
	/* empty */
	memset(n, 0, sizeof(n));
	ck_assert_int_eq(fcp_ifname_valid(n), 0);
}
END_TEST

START_TEST(ifname_dots)
{
	ck_assert_int_eq(name_ok("."), 0);
	ck_assert_int_eq(name_ok(".."), 0);
	ck_assert_int_eq(name_ok("..."), 1);	/* only "." and ".." are special */
	ck_assert_int_eq(name_ok(".a"), 1);
	ck_assert_int_eq(name_ok("eth0.100"), 1);
}
END_TEST

START_TEST(ifname_bad_chars)
{
	static const char *bad[] = { "a/b", "/", "a b", " eth0", "eth0 ",
	    "a%b", "%d", "a\nb", "eth0\n", "a\tb", "a\\b", "a*b", "a$b",
	    "a=b", "a\"b", "a'b", "a@b", "a+b", "a,b", "a;b", "\x7f",
	    "eth\x80", "\xff", "a\x01" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(name_ok(bad[i]) == 0, "accepted bad name #%zu",
		    i);
}
END_TEST

START_TEST(ifname_allowed_punct)
{
	ck_assert_int_eq(name_ok("a_b.c:d-e"), 1);
	ck_assert_int_eq(name_ok("_"), 1);
	ck_assert_int_eq(name_ok(":"), 1);
	ck_assert_int_eq(name_ok("-"), 1);
	ck_assert_int_eq(name_ok("ABCxyz0189"), 1);
	ck_assert_int_eq(name_ok("eth0.100-fcoe"), 1);
}
END_TEST

START_TEST(ifname_garbage_after_nul)
{
	char n[FCP_IFNAMSIZ];
	int i;

	for (i = 5; i < FCP_IFNAMSIZ; i++) {
		mkname(n, "eth0", 4);
		n[i] = 'x';
		ck_assert_msg(fcp_ifname_valid(n) == 0,
		    "garbage at byte %d accepted", i);
	}
	/* the last byte only */
	mkname(n, "abcdefghijklmn", 14);
	n[15] = 1;
	ck_assert_int_eq(fcp_ifname_valid(n), 0);
	/* NUL first, garbage after: still empty */
	memset(n, 0, sizeof(n));
	n[1] = 'a';
	ck_assert_int_eq(fcp_ifname_valid(n), 0);
}
END_TEST

/* ---- payload validation per type ---- */

START_TEST(validate_hello)
{
	struct fcp_hello h = { FCP_VERSION, 0 };

	ck_assert_int_eq(fcp_validate(FCP_HELLO, &h), 0);
	h.version = 2;
	ck_assert_int_ne(fcp_validate(FCP_HELLO, &h), 0);
	h.version = 0;
	ck_assert_int_ne(fcp_validate(FCP_HELLO, &h), 0);
	h.version = FCP_VERSION;
	h.pad = 1;
	ck_assert_int_ne(fcp_validate(FCP_HELLO, &h), 0);
}
END_TEST

START_TEST(validate_fcoe_create)
{
	struct fcp_fcoe_create c;
	int i;

	memset(&c, 0, sizeof(c));
	mkname(c.ifname, "eth0", 4);
	c.mode = FCP_MODE_FABRIC;
	ck_assert_int_eq(fcp_validate(FCP_FCOE_CREATE, &c), 0);
	c.mode = FCP_MODE_VN2VN;
	ck_assert_int_eq(fcp_validate(FCP_FCOE_CREATE, &c), 0);
	c.mode = 2;
	ck_assert_int_eq(fcp_validate(FCP_FCOE_CREATE, &c), EINVAL);
	c.mode = 255;
	ck_assert_int_eq(fcp_validate(FCP_FCOE_CREATE, &c), EINVAL);
	c.mode = 0;
	/* disabled: 0 or 1 (made before link-up), nothing else */
	c.disabled = 1;
	ck_assert_int_eq(fcp_validate(FCP_FCOE_CREATE, &c), 0);
	c.disabled = 2;
	ck_assert_int_eq(fcp_validate(FCP_FCOE_CREATE, &c), EINVAL);
	c.disabled = 0x80;
	ck_assert_int_eq(fcp_validate(FCP_FCOE_CREATE, &c), EINVAL);
	c.disabled = 0;
	for (i = 0; i < (int)sizeof(c.pad); i++) {
		c.pad[i] = 0x80;
		ck_assert_msg(fcp_validate(FCP_FCOE_CREATE, &c) == EINVAL,
		    "pad[%d] accepted", i);
		c.pad[i] = 0;
	}
	mkname(c.ifname, "..", 2);
	ck_assert_int_eq(fcp_validate(FCP_FCOE_CREATE, &c), EINVAL);
	mkname(c.ifname, "", 0);
	ck_assert_int_eq(fcp_validate(FCP_FCOE_CREATE, &c), EINVAL);
}
END_TEST

START_TEST(validate_ifreq_types)
{
	static const unsigned t[] = { FCP_FCOE_DESTROY, FCP_FCOE_ENABLE,
	    FCP_FCOE_DISABLE, FCP_FCOE_RESET, FCP_FCOE_SCAN };
	struct fcp_ifreq r;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		mkname(r.ifname, "eth0", 4);
		ck_assert_int_eq(fcp_validate(t[i], &r), 0);
		mkname(r.ifname, "abcdefghijklmno", 15);
		ck_assert_int_eq(fcp_validate(t[i], &r), 0);
		memcpy(r.ifname, "abcdefghijklmnop", 16);
		ck_assert_int_eq(fcp_validate(t[i], &r), EINVAL);
		mkname(r.ifname, "a/b", 3);
		ck_assert_int_eq(fcp_validate(t[i], &r), EINVAL);
		mkname(r.ifname, ".", 1);
		ck_assert_int_eq(fcp_validate(t[i], &r), EINVAL);
		mkname(r.ifname, "eth0", 4);
		r.ifname[10] = 'x';
		ck_assert_int_eq(fcp_validate(t[i], &r), EINVAL);
	}
}
END_TEST

START_TEST(validate_lldpad_send)
{
	struct fcp_lldpad_send s;
	unsigned k;

	for (k = FCP_LQ_ATTACH; k <= FCP_LQ_PING; k++) {
		memset(&s, 0, sizeof(s));
		s.kind = k;
		ck_assert_int_eq(fcp_validate(FCP_LLDPAD_SEND, &s), 0);
		mkname(s.ifname, "eth2", 4);
		ck_assert_msg(fcp_validate(FCP_LLDPAD_SEND, &s) == EINVAL,
		    "kind %u with an ifname accepted", k);
		memset(s.ifname, 0, sizeof(s.ifname));
		s.ifname[15] = 1;
		ck_assert_int_eq(fcp_validate(FCP_LLDPAD_SEND, &s), EINVAL);
	}
	for (k = FCP_LQ_DCB_STATE; k <= FCP_LQ_APP_OPER; k++) {
		memset(&s, 0, sizeof(s));
		s.kind = k;
		ck_assert_msg(fcp_validate(FCP_LLDPAD_SEND, &s) == EINVAL,
		    "kind %u without ifname accepted", k);
		mkname(s.ifname, "eth2", 4);
		ck_assert_int_eq(fcp_validate(FCP_LLDPAD_SEND, &s), 0);
		mkname(s.ifname, "eth2/", 5);
		ck_assert_int_eq(fcp_validate(FCP_LLDPAD_SEND, &s), EINVAL);
	}
	memset(&s, 0, sizeof(s));
	s.kind = 0;
	ck_assert_int_eq(fcp_validate(FCP_LLDPAD_SEND, &s), EINVAL);
	s.kind = 9;
	ck_assert_int_eq(fcp_validate(FCP_LLDPAD_SEND, &s), EINVAL);
	s.kind = 0xffffffffu;
	ck_assert_int_eq(fcp_validate(FCP_LLDPAD_SEND, &s), EINVAL);
	mkname(s.ifname, "eth2", 4);
	s.kind = 9;
	ck_assert_int_eq(fcp_validate(FCP_LLDPAD_SEND, &s), EINVAL);
}
END_TEST

START_TEST(validate_connect_and_unknown)
{
	unsigned char zero[32] = { 0 };

	ck_assert_int_eq(fcp_validate(FCP_LLDPAD_CONNECT, zero), 0);
	ck_assert_int_eq(fcp_validate(0, zero), EINVAL);
	ck_assert_int_eq(fcp_validate(FCP_SIGNAL, zero), EINVAL);
	ck_assert_int_eq(fcp_validate(FCP_TYPE_MAX, zero), EINVAL);
	ck_assert_int_eq(fcp_validate(0x8001, zero), EINVAL);
	ck_assert_int_eq(fcp_validate(0xffffffffu, zero), EINVAL);
}
END_TEST

START_TEST(validate_fip_requests)
{
	struct fcp_fip_send f;
	struct fcp_vlan_create v;
	struct fcp_fip_resp r;

	memset(&f, 0, sizeof(f));
	mkname(f.ifname, "eth2", 4);
	ck_assert_int_eq(fcp_validate(FCP_FIP_SEND, &f), 0);
	f.mode = FCP_MODE_VN2VN;
	ck_assert_int_eq(fcp_validate(FCP_FIP_SEND, &f), 0);
	f.mode = 2;
	ck_assert_int_eq(fcp_validate(FCP_FIP_SEND, &f), EINVAL);
	f.mode = 0;
	f.pad[2] = 1;
	ck_assert_int_eq(fcp_validate(FCP_FIP_SEND, &f), EINVAL);
	f.pad[2] = 0;
	mkname(f.ifname, "../x", 4);
	ck_assert_int_eq(fcp_validate(FCP_FIP_SEND, &f), EINVAL);

	memset(&v, 0, sizeof(v));
	mkname(v.ifname, "eth2", 4);
	v.vid = 100;
	v.why = FCP_VLAN_DISCOVERED;
	ck_assert_int_eq(fcp_validate(FCP_VLAN_CREATE, &v), 0);
	v.why = FCP_VLAN_STATIC;
	ck_assert_int_eq(fcp_validate(FCP_VLAN_CREATE, &v), 0);
	v.why = 0;
	ck_assert_int_eq(fcp_validate(FCP_VLAN_CREATE, &v), EINVAL);
	v.why = 3;
	ck_assert_int_eq(fcp_validate(FCP_VLAN_CREATE, &v), EINVAL);
	v.why = 1;
	v.vid = 0;	/* FCoE on the port itself: no VLAN to make */
	ck_assert_int_eq(fcp_validate(FCP_VLAN_CREATE, &v), EINVAL);
	v.vid = 4095;
	ck_assert_int_eq(fcp_validate(FCP_VLAN_CREATE, &v), EINVAL);
	v.vid = 4094;
	ck_assert_int_eq(fcp_validate(FCP_VLAN_CREATE, &v), 0);
	v.pad = 1;
	ck_assert_int_eq(fcp_validate(FCP_VLAN_CREATE, &v), EINVAL);

	memset(&r, 0, sizeof(r));
	mkname(r.ifname, "eth2.100-fcoe", 13);
	ck_assert_int_eq(fcp_validate(FCP_FIP_RESP, &r), 0);
	r.on = 1;
	ck_assert_int_eq(fcp_validate(FCP_FIP_RESP, &r), 0);
	r.on = 2;
	ck_assert_int_eq(fcp_validate(FCP_FIP_RESP, &r), EINVAL);
	r.on = 1;
	r.pad[0] = 1;
	ck_assert_int_eq(fcp_validate(FCP_FIP_RESP, &r), EINVAL);
}
END_TEST

/* ---- notices ---- */

static size_t
mknotice(unsigned char *buf, unsigned type, uint32_t ifindex, uint16_t len,
    size_t bytes)
{
	struct fcp_fip_frame f = { ifindex, 2, 0, len };
	size_t n = mkframe(buf, type, (uint32_t)(sizeof(f) + bytes), NULL);

	memcpy(buf + sizeof(struct fcp_hdr), &f, sizeof(f));
	hdr_set(buf, 8, &(uint32_t){ 0 }, 4);	/* notices: seq 0 */
	return n;
}

START_TEST(notice_table)
{
	unsigned t, rows = 0;

	for (t = 0; t < FCP_TYPE_MAX; t++) {
		if (fcp_notice(t) == NULL)
			continue;
		rows++;
		/* a direction per type: never both a request and a notice */
		ck_assert_ptr_null(fcp_msg(t));
	}
	ck_assert_uint_eq(rows, 3);
	ck_assert_str_eq(fcp_notice(FCP_FIP_FRAME)->name, "fip_frame");
	ck_assert_uint_eq(fcp_notice(FCP_FIP_FRAME)->size, 8);
	ck_assert_uint_eq(fcp_notice(FCP_FIP_FRAME)->max_extra, FCP_FIP_MAX);
	ck_assert_uint_eq(fcp_notice(FCP_FIP_DROPS)->size, 16);
	ck_assert_uint_eq(fcp_notice(FCP_SIGNAL)->size, 8);
	ck_assert_ptr_null(fcp_notice(FCP_FIP_SEND));
	ck_assert_ptr_null(fcp_notice(FCP_HELLO));
	ck_assert_ptr_null(fcp_notice(FCP_TYPE_MAX));
	ck_assert_ptr_null(fcp_notice(0xffff));
}
END_TEST

START_TEST(check_notice_fip_frame)
{
	static unsigned char buf[FCP_MAX_RECORD + 64];
	size_t n;

	n = mknotice(buf, FCP_FIP_FRAME, 3, 60, 60);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_OK);
	n = mknotice(buf, FCP_FIP_FRAME, 3, FCP_FIP_MIN, FCP_FIP_MIN);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_OK);
	n = mknotice(buf, FCP_FIP_FRAME, 3, FCP_FIP_MAX, FCP_FIP_MAX);
	ck_assert_uint_eq(n, FCP_MAX_RECORD);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_OK);
	/* more than the maximum: the length, whatever len says */
	n = mknotice(buf, FCP_FIP_FRAME, 3, FCP_FIP_MAX, FCP_FIP_MAX + 1);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_LENGTH);
	/* len beyond the record, len short of it, len too small */
	n = mknotice(buf, FCP_FIP_FRAME, 3, 61, 60);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_PAYLOAD);
	n = mknotice(buf, FCP_FIP_FRAME, 3, 59, 60);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_PAYLOAD);
	n = mknotice(buf, FCP_FIP_FRAME, 3, FCP_FIP_MIN - 1, FCP_FIP_MIN - 1);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_PAYLOAD);
	/* the fixed part cut */
	n = mkframe(buf, FCP_FIP_FRAME, 7, NULL);
	hdr_set(buf, 8, &(uint32_t){ 0 }, 4);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_LENGTH);
	/* the record shorter than hdr.len says */
	n = mknotice(buf, FCP_FIP_FRAME, 3, 60, 60);
	ck_assert_int_eq(fcp_check_notice(buf, n - 1), FCP_FRAME_LENGTH);
	/* ifindex 0, pad, outgoing */
	n = mknotice(buf, FCP_FIP_FRAME, 0, 60, 60);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_PAYLOAD);
	n = mknotice(buf, FCP_FIP_FRAME, 3, 60, 60);
	buf[sizeof(struct fcp_hdr) + 5] = 1;
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_PAYLOAD);
	buf[sizeof(struct fcp_hdr) + 5] = 0;
	buf[sizeof(struct fcp_hdr) + 4] = 4;
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_PAYLOAD);
}
END_TEST

START_TEST(check_notice_header)
{
	static unsigned char buf[FCP_MAX_RECORD];
	struct fcp_fip_drops d = { 3, 5, 7 };
	struct fcp_signal sg = { 15, 0 };
	uint32_t seq = 1;
	int32_t st = 5;
	size_t n;

	n = mkframe(buf, FCP_FIP_DROPS, sizeof(d), &d);
	hdr_set(buf, 8, &(uint32_t){ 0 }, 4);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_OK);
	hdr_set(buf, 8, &seq, 4);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_STATUS);
	hdr_set(buf, 8, &(uint32_t){ 0 }, 4);
	hdr_set(buf, 20, &st, 4);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_STATUS);
	d.dropped = 0;
	n = mkframe(buf, FCP_FIP_DROPS, sizeof(d), &d);
	hdr_set(buf, 8, &(uint32_t){ 0 }, 4);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_PAYLOAD);
	n = mkframe(buf, FCP_FIP_DROPS, sizeof(d) + 1, NULL);
	hdr_set(buf, 8, &(uint32_t){ 0 }, 4);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_LENGTH);
	n = mkframe(buf, FCP_SIGNAL, sizeof(sg), &sg);
	hdr_set(buf, 8, &(uint32_t){ 0 }, 4);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_OK);
	/* a request type is never a notice */
	n = mkframe(buf, FCP_FIP_SEND, 20, NULL);
	hdr_set(buf, 8, &(uint32_t){ 0 }, 4);
	ck_assert_int_eq(fcp_check_notice(buf, n), FCP_FRAME_TYPE);
	ck_assert_str_eq(fcp_frame_err_str(FCP_FRAME_PAYLOAD), "bad_payload");
}
END_TEST

/* ---- message table ---- */

START_TEST(msg_table)
{
	static const struct { unsigned t; uint32_t req, rep; const char *n; }
	    want[] = {
		{ FCP_HELLO, 8, 16, "hello" },
		{ FCP_FCOE_CREATE, 20, 0, "fcoe_create" },
		{ FCP_FCOE_DESTROY, 16, 0, "fcoe_destroy" },
		{ FCP_FCOE_ENABLE, 16, 0, "fcoe_enable" },
		{ FCP_FCOE_DISABLE, 16, 0, "fcoe_disable" },
		{ FCP_FCOE_RESET, 16, 0, "fcoe_reset" },
		{ FCP_FCOE_SCAN, 16, 0, "fcoe_scan" },
		{ FCP_LLDPAD_SEND, 20, 0, "lldpad_send" },
		{ FCP_LLDPAD_CONNECT, 0, 0, "lldpad_connect" },
		{ FCP_FIP_SEND, 20, 0, "fip_send" },
		{ FCP_VLAN_CREATE, 20, 0, "vlan_create" },
		{ FCP_VLAN_DESTROY, 16, 0, "vlan_destroy" },
		{ FCP_FIP_RESP, 20, 0, "fip_resp" },
	};
	size_t i;
	unsigned t, rows = 0;

	ck_assert_int_eq(FCP_HELLO, 1);
	ck_assert_int_eq(FCP_LLDPAD_CONNECT, 11);
	ck_assert_int_eq(FCP_SIGNAL, 12);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct fcp_msg *m = fcp_msg(want[i].t);

		ck_assert_ptr_nonnull(m);
		ck_assert_uint_eq(m->req_size, want[i].req);
		ck_assert_uint_eq(m->rep_size, want[i].rep);
		ck_assert_str_eq(m->name, want[i].n);
		ck_assert_ptr_nonnull(m->validate);
	}
	/* and no other row, up to the table's real end */
	for (t = 0; t < FCP_TYPE_MAX; t++)
		rows += fcp_msg(t) != NULL;
	ck_assert_uint_eq(rows, sizeof(want) / sizeof(want[0]));
	ck_assert_ptr_null(fcp_msg(0));
	ck_assert_ptr_null(fcp_msg(8));		/* was VLAN create */
	ck_assert_ptr_null(fcp_msg(9));		/* was VLAN destroy */
	ck_assert_ptr_null(fcp_msg(FCP_SIGNAL));
	ck_assert_ptr_null(fcp_msg(FCP_FIP_FRAME));
	ck_assert_ptr_null(fcp_msg(FCP_FIP_DROPS));
	ck_assert_ptr_null(fcp_msg(FCP_TYPE_MAX));
	ck_assert_ptr_null(fcp_msg(0x8001));
	ck_assert_ptr_null(fcp_msg(0xffffffffu));
}
END_TEST

/* ---- fcp_check_request ---- */

START_TEST(check_request_valid_all)
{
	unsigned char buf[FCP_MAX_MSG];
	unsigned t;

	for (t = 0; t < FCP_TYPE_MAX; t++) {
		size_t n;

		if (fcp_msg(t) == NULL)
			continue;
		n = mkframe(buf, t, fcp_msg(t)->req_size, NULL);
		ck_assert_msg(fcp_check_request(buf, n) == FCP_FRAME_OK,
		    "type %u: %d", t, fcp_check_request(buf, n));
	}
}
END_TEST

START_TEST(check_request_short)
{
	unsigned char buf[FCP_MAX_MSG];
	size_t i;

	mkframe(buf, FCP_LLDPAD_CONNECT, 0, NULL);
	for (i = 0; i < sizeof(struct fcp_hdr); i++)
		ck_assert_int_eq(fcp_check_request(buf, i), FCP_FRAME_SHORT);
	ck_assert_int_eq(fcp_check_request(buf, 24), FCP_FRAME_OK);
}
END_TEST

START_TEST(check_request_header_fields)
{
	unsigned char buf[FCP_MAX_MSG];
	size_t n = mkframe(buf, FCP_FCOE_DESTROY, 16, NULL);
	uint32_t u32;
	uint16_t u16;
	int32_t i32;

	u32 = FCP_MAGIC ^ 1;
	hdr_set(buf, 0, &u32, 4);
	ck_assert_int_eq(fcp_check_request(buf, n), FCP_FRAME_MAGIC);
	u32 = 0x46435031;	/* byte-swapped magic */
	hdr_set(buf, 0, &u32, 4);
	ck_assert_int_eq(fcp_check_request(buf, n), FCP_FRAME_MAGIC);

	n = mkframe(buf, FCP_FCOE_DESTROY, 16, NULL);
	u16 = 0;
	hdr_set(buf, 4, &u16, 2);
	ck_assert_int_eq(fcp_check_request(buf, n), FCP_FRAME_VERSION);
	u16 = 2;
	hdr_set(buf, 4, &u16, 2);
	ck_assert_int_eq(fcp_check_request(buf, n), FCP_FRAME_VERSION);

	n = mkframe(buf, FCP_FCOE_DESTROY, 16, NULL);
	u32 = 1;
	hdr_set(buf, 16, &u32, 4);
	ck_assert_int_eq(fcp_check_request(buf, n), FCP_FRAME_FLAGS);
	u32 = 0x80000000u;
	hdr_set(buf, 16, &u32, 4);
	ck_assert_int_eq(fcp_check_request(buf, n), FCP_FRAME_FLAGS);

	n = mkframe(buf, FCP_FCOE_DESTROY, 16, NULL);
	i32 = 1;
	hdr_set(buf, 20, &i32, 4);
	ck_assert_int_eq(fcp_check_request(buf, n), FCP_FRAME_STATUS);
	i32 = -1;
	hdr_set(buf, 20, &i32, 4);
	ck_assert_int_eq(fcp_check_request(buf, n), FCP_FRAME_STATUS);
}
END_TEST

START_TEST(check_request_type)
{
	static const unsigned bad[] = { 0, 8, 9, FCP_SIGNAL, FCP_FIP_FRAME,
	    FCP_FIP_DROPS, FCP_TYPE_MAX, 0x8001, 0x8000, 0x800c, 0xffff, 100 };
	unsigned char buf[FCP_MAX_MSG];
	size_t i, n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* length 0 and 8 (SIGNAL's size) and 16: type wins anyway */
		n = mkframe(buf, bad[i], 0, NULL);
		ck_assert_msg(fcp_check_request(buf, n) == FCP_FRAME_TYPE,
		    "type %#x len 0", bad[i]);
		n = mkframe(buf, bad[i], 8, NULL);
		ck_assert_msg(fcp_check_request(buf, n) == FCP_FRAME_TYPE,
		    "type %#x len 8", bad[i]);
		n = mkframe(buf, bad[i], 16, NULL);
		ck_assert_msg(fcp_check_request(buf, n) == FCP_FRAME_TYPE,
		    "type %#x len 16", bad[i]);
	}
}
END_TEST

START_TEST(check_request_length)
{
	unsigned char buf[FCP_MAX_MSG + 8];
	unsigned t;
	size_t n;

	for (t = 0; t < FCP_TYPE_MAX; t++) {
		uint32_t sz;

		if (fcp_msg(t) == NULL)
			continue;
		sz = fcp_msg(t)->req_size;

		/* hdr.len one more, consistent record size */
		n = mkframe(buf, t, sz + 1, NULL);
		ck_assert_int_eq(fcp_check_request(buf, n), FCP_FRAME_LENGTH);
		if (sz > 0) {
			n = mkframe(buf, t, sz - 1, NULL);
			ck_assert_int_eq(fcp_check_request(buf, n),
			    FCP_FRAME_LENGTH);
		}
		/* hdr.len right, record one byte short / long */
		n = mkframe(buf, t, sz, NULL);
		ck_assert_int_eq(fcp_check_request(buf, n + 1),
		    FCP_FRAME_LENGTH);
		if (n > sizeof(struct fcp_hdr))
			ck_assert_int_eq(fcp_check_request(buf, n - 1),
			    FCP_FRAME_LENGTH);
		/* an absurd len must not overflow 24+len */
		{
			uint32_t big = 0xffffffffu - 23;
			hdr_set(buf, 12, &big, 4);
			ck_assert_int_eq(fcp_check_request(buf, n),
			    FCP_FRAME_LENGTH);
			big = 0xffffffffu;
			hdr_set(buf, 12, &big, 4);
			ck_assert_int_eq(fcp_check_request(buf, n),
			    FCP_FRAME_LENGTH);
		}
	}
}
END_TEST

START_TEST(check_request_ignores_payload)
{
	/* framing does not look at the payload: a bad name frames fine */
	unsigned char buf[FCP_MAX_MSG];
	struct fcp_ifreq r;
	size_t n;

	memset(&r, 'x', sizeof(r));
	n = mkframe(buf, FCP_FCOE_DESTROY, sizeof(r), &r);
	ck_assert_int_eq(fcp_check_request(buf, n), FCP_FRAME_OK);
	ck_assert_int_eq(fcp_validate(FCP_FCOE_DESTROY, buf + 24), EINVAL);
}
END_TEST

START_TEST(frame_err_str)
{
	ck_assert_str_eq(fcp_frame_err_str(FCP_FRAME_OK), "ok");
	ck_assert_str_eq(fcp_frame_err_str(FCP_FRAME_SHORT), "short");
	ck_assert_str_eq(fcp_frame_err_str(FCP_FRAME_MAGIC), "bad_magic");
	ck_assert_str_eq(fcp_frame_err_str(FCP_FRAME_VERSION), "bad_version");
	ck_assert_str_eq(fcp_frame_err_str(FCP_FRAME_FLAGS), "bad_flags");
	ck_assert_str_eq(fcp_frame_err_str(FCP_FRAME_STATUS), "bad_status");
	ck_assert_str_eq(fcp_frame_err_str(FCP_FRAME_TYPE), "bad_type");
	ck_assert_str_eq(fcp_frame_err_str(FCP_FRAME_LENGTH), "bad_length");
	ck_assert_str_eq(fcp_frame_err_str(-1), "unknown");
	ck_assert_str_eq(fcp_frame_err_str(99), "unknown");
}
END_TEST

/* ---- fcp_check_reply ---- */

static size_t
mkreply(unsigned char *buf, unsigned type, uint32_t seq, int32_t status,
    uint32_t len)
{
	struct fcp_hdr h = { FCP_MAGIC, FCP_VERSION, (uint16_t)type, seq, len,
	    0, status };

	memcpy(buf, &h, sizeof(h));
	memset(buf + sizeof(h), 0, len);
	return sizeof(h) + len;
}

START_TEST(check_reply_matching)
{
	unsigned char buf[FCP_MAX_MSG + 8];
	unsigned t;
	size_t n;

	for (t = 0; t < FCP_TYPE_MAX; t++) {
		uint32_t rs;

		if (fcp_msg(t) == NULL)
			continue;
		rs = fcp_msg(t)->rep_size;

		n = mkreply(buf, t | FCP_REPLY, 42, 0, rs);
		ck_assert_msg(fcp_check_reply(buf, n, t, 42) == FCP_FRAME_OK,
		    "type %u", t);
		/* error reply: positive errno, same fixed size */
		n = mkreply(buf, t | FCP_REPLY, 42, ENODEV, rs);
		ck_assert_int_eq(fcp_check_reply(buf, n, t, 42), FCP_FRAME_OK);
		/* wrong seq */
		n = mkreply(buf, t | FCP_REPLY, 41, 0, rs);
		ck_assert_int_ne(fcp_check_reply(buf, n, t, 42), FCP_FRAME_OK);
		n = mkreply(buf, t | FCP_REPLY, 43, 0, rs);
		ck_assert_int_ne(fcp_check_reply(buf, n, t, 42), FCP_FRAME_OK);
		/* reply bit missing */
		n = mkreply(buf, t, 42, 0, rs);
		ck_assert_int_ne(fcp_check_reply(buf, n, t, 42), FCP_FRAME_OK);
		/* wrong length */
		n = mkreply(buf, t | FCP_REPLY, 42, 0, rs + 1);
		ck_assert_int_eq(fcp_check_reply(buf, n, t, 42),
		    FCP_FRAME_LENGTH);
		n = mkreply(buf, t | FCP_REPLY, 42, 0, rs);
		ck_assert_int_eq(fcp_check_reply(buf, n + 1, t, 42),
		    FCP_FRAME_LENGTH);
		/* negative status */
		n = mkreply(buf, t | FCP_REPLY, 42, -1, rs);
		ck_assert_int_eq(fcp_check_reply(buf, n, t, 42),
		    FCP_FRAME_STATUS);
	}
}
END_TEST

START_TEST(check_reply_wrong_type)
{
	unsigned char buf[FCP_MAX_MSG];
	size_t n;

	/* reply to another request of the same size */
	n = mkreply(buf, FCP_FCOE_ENABLE | FCP_REPLY, 5, 0, 0);
	ck_assert_int_eq(fcp_check_reply(buf, n, FCP_FCOE_DISABLE, 5),
	    FCP_FRAME_TYPE);
	/* expecting a reply to a type that is not a request */
	n = mkreply(buf, FCP_SIGNAL | FCP_REPLY, 5, 0, 8);
	ck_assert_int_ne(fcp_check_reply(buf, n, FCP_SIGNAL, 5), FCP_FRAME_OK);
	n = mkreply(buf, 0 | FCP_REPLY, 5, 0, 0);
	ck_assert_int_ne(fcp_check_reply(buf, n, 0, 5), FCP_FRAME_OK);
	n = mkreply(buf, FCP_FIP_FRAME | FCP_REPLY, 5, 0, 0);
	ck_assert_int_ne(fcp_check_reply(buf, n, FCP_FIP_FRAME, 5),
	    FCP_FRAME_OK);
	n = mkreply(buf, FCP_TYPE_MAX | FCP_REPLY, 5, 0, 0);
	ck_assert_int_ne(fcp_check_reply(buf, n, FCP_TYPE_MAX, 5),
	    FCP_FRAME_OK);
	n = mkreply(buf, 8 | FCP_REPLY, 5, 0, 16);	/* was VLAN create */
	ck_assert_int_ne(fcp_check_reply(buf, n, 8, 5), FCP_FRAME_OK);
}
END_TEST

START_TEST(check_reply_signal)
{
	unsigned char buf[FCP_MAX_MSG];
	struct fcp_signal s = { 15, 0 };
	size_t n;

	n = mkreply(buf, FCP_SIGNAL, 0, 0, sizeof(s));
	memcpy(buf + 24, &s, sizeof(s));
	/* a notice is accepted while waiting for any reply */
	ck_assert_int_eq(fcp_check_reply(buf, n, FCP_FCOE_CREATE, 9),
	    FCP_FRAME_OK);
	ck_assert_int_eq(fcp_check_reply(buf, n, FCP_HELLO, 1), FCP_FRAME_OK);
	/* wrong size */
	n = mkreply(buf, FCP_SIGNAL, 0, 0, 4);
	ck_assert_int_eq(fcp_check_reply(buf, n, FCP_HELLO, 1),
	    FCP_FRAME_LENGTH);
	/* notices carry seq 0 and status 0 */
	n = mkreply(buf, FCP_SIGNAL, 3, 0, 8);
	ck_assert_int_ne(fcp_check_reply(buf, n, FCP_HELLO, 1), FCP_FRAME_OK);
	n = mkreply(buf, FCP_SIGNAL, 0, 1, 8);
	ck_assert_int_ne(fcp_check_reply(buf, n, FCP_HELLO, 1), FCP_FRAME_OK);
	/* with the reply bit it is not a notice */
	n = mkreply(buf, FCP_SIGNAL | FCP_REPLY, 0, 0, 8);
	ck_assert_int_ne(fcp_check_reply(buf, n, FCP_HELLO, 1), FCP_FRAME_OK);
}
END_TEST

START_TEST(check_reply_header)
{
	unsigned char buf[FCP_MAX_MSG];
	size_t n, i;
	uint32_t u32;
	uint16_t u16;

	n = mkreply(buf, FCP_HELLO | FCP_REPLY, 1, 0, 16);
	for (i = 0; i < 24; i++)
		ck_assert_int_eq(fcp_check_reply(buf, i, FCP_HELLO, 1),
		    FCP_FRAME_SHORT);
	u32 = 0;
	hdr_set(buf, 0, &u32, 4);
	ck_assert_int_eq(fcp_check_reply(buf, n, FCP_HELLO, 1),
	    FCP_FRAME_MAGIC);
	n = mkreply(buf, FCP_HELLO | FCP_REPLY, 1, 0, 16);
	u16 = 3;
	hdr_set(buf, 4, &u16, 2);
	ck_assert_int_eq(fcp_check_reply(buf, n, FCP_HELLO, 1),
	    FCP_FRAME_VERSION);
	n = mkreply(buf, FCP_HELLO | FCP_REPLY, 1, 0, 16);
	u32 = 4;
	hdr_set(buf, 16, &u32, 4);
	ck_assert_int_eq(fcp_check_reply(buf, n, FCP_HELLO, 1),
	    FCP_FRAME_FLAGS);
}
END_TEST

/* ---- lldpad query formatting ---- */

static void
fmt_expect(unsigned kind, const char *ifname, const char *want)
{
	char name[FCP_IFNAMSIZ], out[64];
	int n;

	mkname(name, ifname, strlen(ifname));
	memset(out, 0x55, sizeof(out));
	n = fcp_lldpad_format(kind, name, out, sizeof(out));
	ck_assert_msg(n == (int)strlen(want), "kind %u: returned %d", kind, n);
	ck_assert_msg(memcmp(out, want, strlen(want)) == 0,
	    "kind %u: got '%.*s' want '%s'", kind, n, out, want);
}

START_TEST(lldpad_format_exact)
{
	fmt_expect(FCP_LQ_ATTACH, "", "A");
	fmt_expect(FCP_LQ_DETACH, "", "D");
	fmt_expect(FCP_LQ_PING, "", "P");
	fmt_expect(FCP_LQ_DCB_STATE, "eth2", "C301010004eth2");
	fmt_expect(FCP_LQ_PFC_CONFIG, "eth2", "C301030004eth2");
	fmt_expect(FCP_LQ_APP_CONFIG, "eth2", "C301050004eth2");
	fmt_expect(FCP_LQ_PFC_OPER, "eth2", "C303030004eth2");
	fmt_expect(FCP_LQ_APP_OPER, "eth2", "C303050004eth2");
	/* the length field is the name's length in 2 hex digits */
	fmt_expect(FCP_LQ_DCB_STATE, "e", "C301010001e");
	fmt_expect(FCP_LQ_DCB_STATE, "enp1s0f0", "C301010008enp1s0f0");
	fmt_expect(FCP_LQ_APP_OPER, "abcdefghijklmno",
	    "C30305000fabcdefghijklmno");
	fmt_expect(FCP_LQ_PFC_CONFIG, "eth0.100-fcoe",
	    "C30103000deth0.100-fcoe");
}
END_TEST

START_TEST(lldpad_format_rejects)
{
	char name[FCP_IFNAMSIZ], out[64];

	mkname(name, "eth2", 4);
	/* A/D/P need an all-zero ifname */
	ck_assert_int_eq(fcp_lldpad_format(FCP_LQ_ATTACH, name, out,
	    sizeof(out)), -EINVAL);
	ck_assert_int_eq(fcp_lldpad_format(FCP_LQ_DETACH, name, out,
	    sizeof(out)), -EINVAL);
	ck_assert_int_eq(fcp_lldpad_format(FCP_LQ_PING, name, out,
	    sizeof(out)), -EINVAL);
	/* unknown kinds */
	ck_assert_int_eq(fcp_lldpad_format(0, name, out, sizeof(out)),
	    -EINVAL);
	ck_assert_int_eq(fcp_lldpad_format(9, name, out, sizeof(out)),
	    -EINVAL);
	ck_assert_int_eq(fcp_lldpad_format(FCP_LQ_MAX, name, out, sizeof(out)),
	    -EINVAL);
	ck_assert_int_eq(fcp_lldpad_format(0xffffffffu, name, out,
	    sizeof(out)), -EINVAL);
	memset(name, 0, sizeof(name));
	ck_assert_int_eq(fcp_lldpad_format(0, name, out, sizeof(out)),
	    -EINVAL);
	ck_assert_int_eq(fcp_lldpad_format(9, name, out, sizeof(out)),
	    -EINVAL);
	/* DCB gets need a valid name */
	ck_assert_int_eq(fcp_lldpad_format(FCP_LQ_DCB_STATE, name, out,
	    sizeof(out)), -EINVAL);
	mkname(name, "eth2 x", 6);
	ck_assert_int_eq(fcp_lldpad_format(FCP_LQ_DCB_STATE, name, out,
	    sizeof(out)), -EINVAL);
	memcpy(name, "abcdefghijklmnop", 16);
	ck_assert_int_eq(fcp_lldpad_format(FCP_LQ_APP_OPER, name, out,
	    sizeof(out)), -EINVAL);
}
END_TEST

START_TEST(lldpad_format_enospc)
{
	char name[FCP_IFNAMSIZ], zero[FCP_IFNAMSIZ], out[64];

	mkname(name, "eth2", 4);
	memset(zero, 0, sizeof(zero));
	ck_assert_int_eq(fcp_lldpad_format(FCP_LQ_DCB_STATE, name, out, 4),
	    -ENOSPC);
	ck_assert_int_eq(fcp_lldpad_format(FCP_LQ_DCB_STATE, name, out, 0),
	    -ENOSPC);
	ck_assert_int_eq(fcp_lldpad_format(FCP_LQ_ATTACH, zero, out, 0),
	    -ENOSPC);
	/* big enough: 14 bytes and room for the terminator */
	ck_assert_int_eq(fcp_lldpad_format(FCP_LQ_DCB_STATE, name, out, 64),
	    14);
}
END_TEST

/* ---- name helpers ---- */

START_TEST(name_helpers)
{
	ck_assert_str_eq(fcp_lq_name(FCP_LQ_ATTACH), "attach");
	ck_assert_str_eq(fcp_lq_name(FCP_LQ_DETACH), "detach");
	ck_assert_str_eq(fcp_lq_name(FCP_LQ_PING), "ping");
	ck_assert_str_eq(fcp_lq_name(FCP_LQ_DCB_STATE), "dcb_state");
	ck_assert_str_eq(fcp_lq_name(FCP_LQ_PFC_CONFIG), "pfc_config");
	ck_assert_str_eq(fcp_lq_name(FCP_LQ_APP_CONFIG), "app_config");
	ck_assert_str_eq(fcp_lq_name(FCP_LQ_PFC_OPER), "pfc_oper");
	ck_assert_str_eq(fcp_lq_name(FCP_LQ_APP_OPER), "app_oper");
	ck_assert_str_eq(fcp_lq_name(0), "unknown");
	ck_assert_str_eq(fcp_lq_name(9), "unknown");
	ck_assert_str_eq(fcp_lq_name(0xffffffffu), "unknown");

	ck_assert_str_eq(fcp_kif_name(FCP_KIF_NONE), "none");
	ck_assert_str_eq(fcp_kif_name(FCP_KIF_BUS), "bus");
	ck_assert_str_eq(fcp_kif_name(FCP_KIF_LIBFCOE), "libfcoe");
	ck_assert_str_eq(fcp_kif_name(3), "unknown");	/* was the fcoe module */

	ck_assert_str_eq(fcp_mode_name(FCP_MODE_FABRIC), "fabric");
	ck_assert_str_eq(fcp_mode_name(FCP_MODE_VN2VN), "vn2vn");
	ck_assert_str_eq(fcp_mode_name(2), "unknown");

	ck_assert_str_eq(fcp_seccomp_name(FCP_SC_KILL), "kill");
	ck_assert_str_eq(fcp_seccomp_name(FCP_SC_TRAP), "trap");
	ck_assert_str_eq(fcp_seccomp_name(FCP_SC_LOG), "log");
	ck_assert_str_eq(fcp_seccomp_name(3), "unknown");
}
END_TEST

START_TEST(enum_values)
{
	/* wire values the contract fixes */
	ck_assert_int_eq(FCP_KIF_NONE, 0);
	ck_assert_int_eq(FCP_KIF_BUS, 1);
	ck_assert_int_eq(FCP_KIF_LIBFCOE, 2);
	ck_assert_int_eq(FCP_SC_KILL, 0);
	ck_assert_int_eq(FCP_SC_TRAP, 1);
	ck_assert_int_eq(FCP_SC_LOG, 2);
	ck_assert_int_eq(FCP_LQ_ATTACH, 1);
	ck_assert_int_eq(FCP_LQ_APP_OPER, 8);
	ck_assert_uint_eq(FCP_MAGIC, 0x31504346u);
	ck_assert_int_eq(FCP_REPLY, 0x8000);
	ck_assert_int_eq(FCP_FD_IPC, 3);
	ck_assert_int_eq(FCP_FD_LLDPAD, 4);
	/* "FCP1" in memory on little-endian hosts */
	{
		uint32_t m = FCP_MAGIC;
		unsigned char b[4];
		memcpy(b, &m, 4);
		if (b[0] == 0x46)
			ck_assert_int_eq(memcmp(b, "FCP1", 4), 0);
	}
}
END_TEST

static Suite *
proto_suite(void)
{
	Suite *s = suite_create("proto");
	TCase *tc;

	tc = tcase_create("ifname");
	tcase_add_test(tc, ifname_lengths);
	tcase_add_test(tc, ifname_dots);
	tcase_add_test(tc, ifname_bad_chars);
	tcase_add_test(tc, ifname_allowed_punct);
	tcase_add_test(tc, ifname_garbage_after_nul);
	suite_add_tcase(s, tc);

	tc = tcase_create("validate");
	tcase_add_test(tc, validate_hello);
	tcase_add_test(tc, validate_fcoe_create);
	tcase_add_test(tc, validate_ifreq_types);
	tcase_add_test(tc, validate_lldpad_send);
	tcase_add_test(tc, validate_connect_and_unknown);
	tcase_add_test(tc, msg_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("check_request");
	tcase_add_test(tc, check_request_valid_all);
	tcase_add_test(tc, check_request_short);
	tcase_add_test(tc, check_request_header_fields);
	tcase_add_test(tc, check_request_type);
	tcase_add_test(tc, check_request_length);
	tcase_add_test(tc, check_request_ignores_payload);
	tcase_add_test(tc, frame_err_str);
	suite_add_tcase(s, tc);

	tc = tcase_create("notices");
	tcase_add_test(tc, validate_fip_requests);
	tcase_add_test(tc, notice_table);
	tcase_add_test(tc, check_notice_fip_frame);
	tcase_add_test(tc, check_notice_header);
	suite_add_tcase(s, tc);

	tc = tcase_create("check_reply");
	tcase_add_test(tc, check_reply_matching);
	tcase_add_test(tc, check_reply_wrong_type);
	tcase_add_test(tc, check_reply_signal);
	tcase_add_test(tc, check_reply_header);
	suite_add_tcase(s, tc);

	tc = tcase_create("lldpad");
	tcase_add_test(tc, lldpad_format_exact);
	tcase_add_test(tc, lldpad_format_rejects);
	tcase_add_test(tc, lldpad_format_enospc);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_test(tc, name_helpers);
	tcase_add_test(tc, enum_values);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(proto_suite());
}
