/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check), run at build time, no process role: the dcbnl parser
 * of monitor/wire/dcbnl.c on messages written here field by field in the
 * layouts of include/uapi/linux/dcbnl.h and linux/netlink.h (little-endian
 * u16/u32 as the x86 kernel sends them), not through the parser's own
 * library: nested IEEE attributes, APP tables with several entries,
 * missing attributes, wrong lengths, truncation.
 *
 * With DCBNL_SEED_DIR set, every well-formed and malformed message built
 * here is also written there, one file each: the fuzz target's seeds.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "monitor/wire/dcbnl.h"
#include "tests/unit/check_main.h"

/* uapi numbers, spelled out so the test does not share the parser's headers */
enum {
	T_NLMSG_ERROR = 2, T_RTM_NEWLINK = 16, T_RTM_GETDCB = 78, T_RTM_SETDCB = 79,
	C_IEEE_SET = 20, C_IEEE_GET = 21, C_GDCBX = 22, C_GPERM_HWADDR = 10, C_SET_ALL = 9,
	A_IFNAME = 1, A_PERM_HWADDR = 8, A_IEEE = 13, A_DCBX = 14, A_CEE = 16,
	I_ETS = 1, I_PFC = 2, I_APP_TABLE = 3, I_PEER_ETS = 4,
	APP_ENTRY = 1,
	ETS_LEN = 59,		/* struct ieee_ets: 3 + 7 * 8 */
	PFC_LEN = 136,		/* struct ieee_pfc: 4 + 2 * 8 * 8, delay at 4 */
};

struct mb {
	uint8_t b[12288];
	size_t n;
	size_t open[8];		/* offsets of open attributes */
	int depth;
};

static struct mb m;
static struct dcbnl_info info;
static int seedno;

static void
u8(uint8_t v)
{
	m.b[m.n++] = v;
}

static void
u16(uint16_t v)
{
	u8(v & 0xff);
	u8(v >> 8);
}

static void
u32(uint32_t v)
{
	u16(v & 0xffff);
	u16(v >> 16);
}

static void
pad(void)
{
	while (m.n % 4)
		u8(0);
}

/* nlmsghdr (len patched by end()) and struct dcbmsg {family, cmd, pad}. */
static void
msg(uint16_t type, uint8_t cmd)
{
	memset(&m, 0, sizeof(m));
	u32(0);			/* nlmsg_len */
	u16(type);
	u16(0);			/* flags */
	u32(7);			/* seq */
	u32(0);			/* pid */
	u8(0);			/* dcb_family AF_UNSPEC */
	u8(cmd);
	u16(0);			/* dcb_pad */
}

static void
begin(uint16_t type)
{
	m.open[m.depth++] = m.n;
	u16(0);
	u16(type);
}

/* Closes the innermost attribute: nla_len without the padding after it. */
static void
end(void)
{
	size_t at = m.open[--m.depth];
	size_t len = m.n - at;

	m.b[at] = len & 0xff;
	m.b[at + 1] = len >> 8;
	pad();
}

static void
attr(uint16_t type, const void *data, size_t len)
{
	begin(type);
	memcpy(m.b + m.n, data, len);
	m.n += len;
	end();
}

static void
ifname(const char *s)
{
	attr(A_IFNAME, s, strlen(s) + 1);
}

/* struct ieee_pfc: pfc_cap, pfc_en, mbc, pad, delay, pad, requests[8],
 * indications[8]; len (>= 8) cuts or stretches the counters. */
static void
pfc(size_t len, uint8_t cap, uint8_t en)
{
	size_t i;

	begin(I_PFC);
	u8(cap);
	u8(en);
	u8(0);
	u8(0);
	u16(0x1234);
	u16(0);
	for (i = 8; i < len; i++)
		u8(0xee);	/* counters */
	end();
}

/* struct ieee_ets: willing, ets_cap, cbs, then 7 arrays of 8 */
static void
ets(size_t len, uint8_t willing)
{
	size_t i, start;

	begin(I_ETS);
	start = m.n;
	u8(willing);
	u8(8);
	u8(0);
	for (i = 0; i < 56; i++)
		u8(i >= 24 && i < 32 ? (uint8_t)(i - 24) : 0);	/* prio_tc[p] = p */
	m.n = start + len;
	end();
}

/* struct dcb_app: selector, priority, protocol (u16) */
static void
app(uint8_t sel, uint8_t prio, uint16_t proto)
{
	begin(APP_ENTRY);
	u8(sel);
	u8(prio);
	u16(proto);
	end();
}

static void
dcbx(uint8_t v)
{
	attr(A_DCBX, &v, 1);
}

static void
seed(void)
{
	const char *dir = getenv("DCBNL_SEED_DIR");
	char path[512];
	FILE *f;

	if (dir == NULL)
		return;
	/* check forks each test: the pid keeps their files apart */
	snprintf(path, sizeof(path), "%s/seed-%ld-%03d", dir, (long)getpid(), ++seedno);
	f = fopen(path, "w");
	if (f != NULL) {
		fwrite(m.b, 1, m.n, f);
		fclose(f);
	}
}

/* Ends the message and parses it from a heap block of exactly its size. */
static enum dcbnl_kind
parse_n(size_t n)
{
	uint8_t *copy;
	enum dcbnl_kind k;

	m.b[0] = m.n & 0xff;
	m.b[1] = (m.n >> 8) & 0xff;
	seed();
	copy = malloc(n ? n : 1);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, m.b, n);
	k = dcbnl_parse(copy, n, &info);
	free(copy);
	return k;
}

static enum dcbnl_kind
parse(void)
{
	return parse_n(m.n);
}

static void
malformed(const char *field)
{
	ck_assert_int_eq(parse(), DCBNL_MALFORMED);
	ck_assert_ptr_nonnull(info.why);
	ck_assert_msg(strstr(info.why, field) != NULL, "why '%s' should name %s", info.why, field);
}

/* The IEEE_GET reply of a port lldpad negotiated: FCoE on 3 and 5, iSCSI on 4. */
static void
ieee_reply(uint16_t type, uint8_t cmd)
{
	msg(type, cmd);
	ifname("eth0");
	begin(A_IEEE);
	ets(ETS_LEN, 1);
	pfc(PFC_LEN, 8, 0x28);
	begin(I_APP_TABLE);
	app(1, 3, 0x8906);
	app(2, 4, 3260);
	app(1, 5, 0x8906);
	app(1, 6, 0x8914);	/* FIP: not FCoE's priority */
	end();
	end();
	dcbx(0x09);
}

START_TEST(ieee_get_full)
{
	ieee_reply(T_RTM_GETDCB, C_IEEE_GET);
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert(!info.notification);
	ck_assert_int_eq(info.cmd, C_IEEE_GET);
	ck_assert_str_eq(info.ifname, "eth0");
	ck_assert(info.has_dcbx);
	ck_assert_int_eq(info.dcbx, DCBNL_DCBX_HOST | DCBNL_DCBX_VER_IEEE);
	ck_assert(info.has_ieee && info.has_pfc && info.has_ets && info.has_apps);
	ck_assert_int_eq(info.pfc_cap, 8);
	ck_assert_int_eq(info.pfc_en, 0x28);
	ck_assert_int_eq(info.ets_willing, 1);
	ck_assert_int_eq(info.ets_prio_tc[5], 5);
	ck_assert_uint_eq(info.napps, 4);
	ck_assert_int_eq(info.apps[1].selector, 2);
	ck_assert_int_eq(info.apps[1].priority, 4);
	ck_assert_int_eq(info.apps[1].protocol, 3260);
	ck_assert_int_eq(info.fcoe_prio_mask, 0x28);
	ck_assert_int_eq(info.fcoe_prio, 3);
	ck_assert(!info.has_perm_addr);
	ck_assert_uint_eq(info.msg_len, m.n);
}
END_TEST

START_TEST(ieee_set_notification)
{
	ieee_reply(T_RTM_SETDCB, C_IEEE_SET);
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert(info.notification);
	ck_assert_int_eq(info.cmd, C_IEEE_SET);
	ck_assert_str_eq(dcbnl_cmd_name(info.cmd), "IEEE_SET");
	ck_assert_int_eq(info.fcoe_prio, 3);
}
END_TEST

/* A CEE entry (selector 0 = DCB_APP_IDTYPE_ETHTYPE) is not IEEE's FCoE. */
START_TEST(cee_app_is_not_ieee_fcoe)
{
	msg(T_RTM_SETDCB, C_IEEE_SET);
	ifname("eth1");
	begin(A_IEEE);
	begin(I_APP_TABLE);
	app(0, 3, 0x8906);
	end();
	end();
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert_uint_eq(info.napps, 1);
	ck_assert_int_eq(info.fcoe_prio, -1);
	ck_assert_int_eq(info.fcoe_prio_mask, 0);
}
END_TEST

START_TEST(empty_app_table)
{
	msg(T_RTM_GETDCB, C_IEEE_GET);
	ifname("eth0");
	begin(A_IEEE);
	pfc(PFC_LEN, 8, 0);
	begin(I_APP_TABLE);
	end();
	end();
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert(info.has_apps);
	ck_assert_uint_eq(info.napps, 0);
	ck_assert_int_eq(info.fcoe_prio, -1);
	ck_assert(!info.has_ets);
}
END_TEST

/* No DCBX, no APP table, no ifname: nothing is made up for them. */
START_TEST(missing_attributes)
{
	msg(T_RTM_GETDCB, C_IEEE_GET);
	begin(A_IEEE);
	ets(ETS_LEN, 0);
	end();
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert_str_eq(info.ifname, "");
	ck_assert(!info.has_dcbx && !info.has_pfc && !info.has_apps);
	ck_assert(info.has_ets);
	ck_assert_int_eq(info.fcoe_prio, -1);

	msg(T_RTM_GETDCB, C_IEEE_GET);
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert(!info.has_ieee && !info.has_dcbx);
}
END_TEST

/* Later kernels' attributes and CEE nests are skipped, not refused. */
START_TEST(unknown_attributes_skipped)
{
	msg(T_RTM_SETDCB, C_SET_ALL);
	ifname("eth0");
	begin(A_CEE);
	u32(0xdeadbeef);
	end();
	begin(40);
	u8(1);
	end();
	dcbx(0x05);
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert_int_eq(info.dcbx, 0x05);
	ck_assert(!info.has_ieee);

	msg(T_RTM_GETDCB, C_IEEE_GET);
	begin(A_IEEE);
	begin(I_PEER_ETS);
	u8(1);
	end();
	begin(I_APP_TABLE);
	begin(2);		/* DCB_ATTR_DCB_APP of later kernels */
	u32(0x01020304);
	end();
	app(1, 2, 0x8906);
	end();
	end();
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert_uint_eq(info.napps, 1);
	ck_assert_int_eq(info.fcoe_prio, 2);
}
END_TEST

START_TEST(gdcbx_reply)
{
	msg(T_RTM_GETDCB, C_GDCBX);
	dcbx(0x0d);
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert_int_eq(info.cmd, C_GDCBX);
	ck_assert_str_eq(dcbnl_cmd_name(info.cmd), "GDCBX");
	ck_assert(info.has_dcbx);
	ck_assert_int_eq(info.dcbx, 0x0d);

	msg(T_RTM_GETDCB, C_GDCBX);
	dcbx(DCBNL_DCBX_LLD_MANAGED | DCBNL_DCBX_VER_IEEE);
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert_int_eq(info.dcbx & DCBNL_DCBX_HOST, 0);
	ck_assert_int_ne(info.dcbx & DCBNL_DCBX_LLD_MANAGED, 0);
}
END_TEST

/* MAX_ADDR_LEN bytes: permanent MAC, SAN MAC, then filler. */
static void
perm_reply(const uint8_t san[6], uint8_t filler)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0xfc, 0x00, 0x01 };
	int i;

	msg(T_RTM_GETDCB, C_GPERM_HWADDR);
	begin(A_PERM_HWADDR);
	for (i = 0; i < 6; i++)
		u8(mac[i]);
	for (i = 0; i < 6; i++)
		u8(san[i]);
	for (i = 12; i < 32; i++)
		u8(filler);
	end();
}

START_TEST(perm_hwaddr_san_mac)
{
	static const uint8_t san[6] = { 0x52, 0x54, 0x00, 0x7c, 0x00, 0x01 };
	static const uint8_t ones[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t zero[6];

	perm_reply(san, 0xff);
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert(info.has_perm_addr && info.has_san_mac);
	ck_assert_int_eq(info.perm_addr[5], 0x01);
	ck_assert_mem_eq(info.san_mac, san, 6);

	perm_reply(ones, 0xff);		/* ixgbe without a SAN MAC */
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert(info.has_perm_addr && !info.has_san_mac);

	perm_reply(zero, 0);		/* a driver that leaves the kernel's zeroes */
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert(!info.has_san_mac);
}
END_TEST

START_TEST(wrong_lengths)
{
	msg(T_RTM_GETDCB, C_IEEE_GET);
	begin(A_IEEE);
	pfc(PFC_LEN - 1, 8, 8);
	end();
	malformed("DCB_ATTR_IEEE_PFC");

	msg(T_RTM_GETDCB, C_IEEE_GET);
	begin(A_IEEE);
	pfc(PFC_LEN + 4, 8, 8);
	end();
	malformed("DCB_ATTR_IEEE_PFC");

	msg(T_RTM_GETDCB, C_IEEE_GET);
	begin(A_IEEE);
	ets(ETS_LEN - 3, 1);
	end();
	malformed("DCB_ATTR_IEEE_ETS");

	msg(T_RTM_GETDCB, C_IEEE_GET);
	begin(A_IEEE);
	begin(I_APP_TABLE);
	app(1, 3, 0x8906);
	begin(APP_ENTRY);
	u8(1);
	u8(3);
	u8(0x89);		/* 3 bytes: a struct dcb_app cut short */
	end();
	end();
	end();
	malformed("DCB_ATTR_IEEE_APP");

	msg(T_RTM_GETDCB, C_GDCBX);
	begin(A_DCBX);
	u16(0x0808);
	end();
	malformed("DCB_ATTR_DCBX");

	msg(T_RTM_GETDCB, C_GPERM_HWADDR);
	begin(A_PERM_HWADDR);
	u32(0x00545200);
	end();
	malformed("DCB_ATTR_PERM_HWADDR");
}
END_TEST

START_TEST(bad_ifname)
{
	msg(T_RTM_GETDCB, C_IEEE_GET);
	attr(A_IFNAME, "eth0", 4);	/* no NUL */
	malformed("DCB_ATTR_IFNAME");

	msg(T_RTM_GETDCB, C_IEEE_GET);
	ifname("a-name-too-long-for-ifnamsiz");
	malformed("DCB_ATTR_IFNAME");
}
END_TEST

START_TEST(app_priority_and_count)
{
	int i;

	msg(T_RTM_SETDCB, C_IEEE_SET);
	begin(A_IEEE);
	begin(I_APP_TABLE);
	app(1, 8, 0x8906);
	end();
	end();
	malformed("priority above 7");

	msg(T_RTM_SETDCB, C_IEEE_SET);
	begin(A_IEEE);
	begin(I_APP_TABLE);
	for (i = 0; i < DCBNL_MAX_APPS + 1; i++)
		app(2, i % 8, (uint16_t)(1000 + i));
	end();
	end();
	malformed("more entries");

	msg(T_RTM_SETDCB, C_IEEE_SET);
	begin(A_IEEE);
	begin(I_APP_TABLE);
	for (i = 0; i < DCBNL_MAX_APPS; i++)
		app(2, i % 8, (uint16_t)(1000 + i));
	end();
	end();
	ck_assert_int_eq(parse(), DCBNL_MESSAGE);
	ck_assert_uint_eq(info.napps, DCBNL_MAX_APPS);
}
END_TEST

/* An attribute whose length runs past its nest or the message. */
START_TEST(overrunning_attributes)
{
	msg(T_RTM_GETDCB, C_IEEE_GET);
	begin(A_IEEE);
	begin(I_APP_TABLE);
	app(1, 3, 0x8906);
	end();
	end();
	m.b[m.n - 8] = 0x40;		/* the entry claims 64 bytes */
	malformed("DCB_ATTR_IEEE_APP_TABLE");

	msg(T_RTM_GETDCB, C_IEEE_GET);
	begin(A_IEEE);
	pfc(PFC_LEN, 8, 8);
	end();
	m.b[24] = 0xff;			/* the PFC attribute: past the nest */
	ck_assert_int_eq(parse(), DCBNL_MALFORMED);

	msg(T_RTM_GETDCB, C_GDCBX);
	dcbx(8);
	u16(0x40);			/* half an attribute header, then nothing */
	u16(A_DCBX);
	m.n -= 1;
	malformed("runs past the message");
}
END_TEST

START_TEST(netlink_header)
{
	msg(T_RTM_GETDCB, C_GDCBX);
	dcbx(8);
	ck_assert_int_eq(parse_n(10), DCBNL_MALFORMED);		/* shorter than nlmsghdr */
	ck_assert_int_eq(parse_n(m.n - 1), DCBNL_MALFORMED);	/* nlmsg_len past the datagram */
	ck_assert_str_eq(info.why, "nlmsg_len outside the datagram");

	msg(T_RTM_NEWLINK, 0);
	malformed("not RTM_GETDCB");

	msg(T_RTM_GETDCB, C_GDCBX);
	m.n = 18;			/* half a struct dcbmsg */
	malformed("struct dcbmsg");

	msg(T_RTM_GETDCB, C_GDCBX);
	m.n = 12;
	m.b[0] = 12;
	ck_assert_int_eq(parse_n(16), DCBNL_MALFORMED);	/* nlmsg_len 12 < header */
}
END_TEST

START_TEST(kernel_error)
{
	msg(T_NLMSG_ERROR, 0);
	m.n = 16;
	u32((uint32_t)-95);		/* EOPNOTSUPP: a NIC without dcbnl */
	u32(16);			/* the request's header */
	u16(T_RTM_GETDCB);
	u16(1);
	u32(7);
	u32(0);
	ck_assert_int_eq(parse(), DCBNL_KERNEL_ERROR);
	ck_assert_int_eq(info.kernel_errno, 95);

	msg(T_NLMSG_ERROR, 0);
	m.n = 16;
	u32(0);				/* an ACK is no answer to a GET */
	ck_assert_int_eq(parse(), DCBNL_MALFORMED);

	msg(T_NLMSG_ERROR, 0);
	m.n = 18;
	malformed("nlmsgerr");
}
END_TEST

/* Two messages in one datagram: msg_len says where the second starts. */
START_TEST(two_messages)
{
	size_t first;
	uint8_t *copy;

	msg(T_RTM_GETDCB, C_GDCBX);
	dcbx(0x0d);
	m.b[0] = m.n & 0xff;
	first = m.n;
	memcpy(m.b + first, m.b, first);
	m.n = 2 * first;
	copy = malloc(m.n);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, m.b, m.n);
	ck_assert_int_eq(dcbnl_parse(copy, m.n, &info), DCBNL_MESSAGE);
	ck_assert_uint_eq(info.msg_len, first);
	ck_assert_int_eq(dcbnl_parse(copy + info.msg_len, m.n - first, &info), DCBNL_MESSAGE);
	ck_assert_int_eq(info.dcbx, 0x0d);
	free(copy);
}
END_TEST

/* The caller's buffer need not be aligned. */
START_TEST(unaligned_buffer)
{
	uint8_t *copy;

	ieee_reply(T_RTM_GETDCB, C_IEEE_GET);
	m.b[0] = m.n & 0xff;
	m.b[1] = m.n >> 8;
	copy = malloc(m.n + 1);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy + 1, m.b, m.n);
	ck_assert_int_eq(dcbnl_parse(copy + 1, m.n, &info), DCBNL_MESSAGE);
	ck_assert_int_eq(info.fcoe_prio, 3);
	free(copy);
}
END_TEST

static Suite *
dcbnl_suite(void)
{
	Suite *s = suite_create("dcbnl");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, ieee_get_full);
	tcase_add_test(tc, ieee_set_notification);
	tcase_add_test(tc, cee_app_is_not_ieee_fcoe);
	tcase_add_test(tc, empty_app_table);
	tcase_add_test(tc, missing_attributes);
	tcase_add_test(tc, unknown_attributes_skipped);
	tcase_add_test(tc, gdcbx_reply);
	tcase_add_test(tc, perm_hwaddr_san_mac);
	tcase_add_test(tc, wrong_lengths);
	tcase_add_test(tc, bad_ifname);
	tcase_add_test(tc, app_priority_and_count);
	tcase_add_test(tc, overrunning_attributes);
	tcase_add_test(tc, netlink_header);
	tcase_add_test(tc, kernel_error);
	tcase_add_test(tc, two_messages);
	tcase_add_test(tc, unaligned_buffer);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(dcbnl_suite());
}
