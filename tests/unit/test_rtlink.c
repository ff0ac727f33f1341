/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check), run at build time, no process role: the link message
 * parser of monitor/wire/rtlink.c on messages written here field by field
 * in the layouts of linux/netlink.h, rtnetlink.h and if_link.h
 * (little-endian, as the x86 kernel sends them): a VLAN with its nested
 * IFLA_INFO_DATA, DELLINK, a bridge port's AF_BRIDGE message, the end and
 * error of a dump, wrong and truncated lengths; and the messages of a real
 * RTM_GETLINK dump of the namespace the test runs in.
 *
 * With RTLINK_SEED_DIR set, every message parsed here, well-formed or not
 * and the kernel's too, is also written there, one file each: the fuzz
 * target's seeds.
 */
#include <check.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/netlink.h>

#include "monitor/wire/rtlink.h"
#include "tests/unit/check_main.h"

/* uapi numbers, spelled out so the test does not share the parser's headers */
enum {
	T_DONE = 3, T_ERROR = 2, T_NOOP = 1, T_NEWLINK = 16, T_DELLINK = 17,
	T_NEWADDR = 20,
	F_MULTI = 2, F_DUMP_INTR = 16,
	FAM_UNSPEC = 0, FAM_BRIDGE = 7, FAM_INET6 = 10,
	A_IFNAME = 3, A_MTU = 4, A_LINK = 5, A_STATS = 7, A_OPERSTATE = 16,
	A_LINKINFO = 18, A_STATS64 = 23,
	I_KIND = 1, I_DATA = 2,
	V_ID = 1, V_FLAGS = 2,
	NESTED = 0x8000,
	IFF_UP_ = 1, OPER_UP = 6, OPER_DOWN = 2,
};

struct mb {
	uint8_t b[8192];
	size_t n;
	size_t open[8];
	int depth;
};

static struct mb m;
static struct rtlink_msg out;
static int seedno;

static void u8(uint8_t v) { m.b[m.n++] = v; }
static void u16(uint16_t v) { u8(v & 0xff); u8(v >> 8); }
static void u32(uint32_t v) { u16(v & 0xffff); u16(v >> 16); }

static void
pad(void)
{
	while (m.n % 4)
		u8(0);
}

static void
nlhdr(uint16_t type, uint16_t flags)
{
	u32(0);			/* nlmsg_len, patched by done() */
	u16(type);
	u16(flags);
	u32(42);		/* seq */
	u32(0);			/* pid */
}

/* nlmsghdr + struct ifinfomsg {family, pad, type, index, flags, change} */
static void
link_msg(uint16_t type, uint8_t family, int32_t index, uint32_t flags)
{
	memset(&m, 0, sizeof(m));
	nlhdr(type, 0);
	u8(family);
	u8(0);
	u16(1);			/* ARPHRD_ETHER */
	u32((uint32_t)index);
	u32(flags);
	u32(0);
}

static void
begin(uint16_t type)
{
	m.open[m.depth++] = m.n;
	u16(0);
	u16(type);
}

static void
end(void)
{
	size_t at = m.open[--m.depth];
	size_t len = m.n - at;

	m.b[at] = len & 0xff;
	m.b[at + 1] = (uint8_t)(len >> 8);
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
str(uint16_t type, const char *s)
{
	attr(type, s, strlen(s) + 1);
}

static void
attr_u8(uint16_t type, uint8_t v)
{
	attr(type, &v, 1);
}

static void
attr_u32(uint16_t type, uint32_t v)
{
	begin(type);
	u32(v);
	end();
}

/* Statistics as the kernel sends them: big, and never read. */
static void
stats(void)
{
	begin(A_STATS64);
	for (int i = 0; i < 200; i++)
		u8(0xab);
	end();
}

static void
vlan_info(const char *kind, int with_data, uint16_t vid)
{
	begin(A_LINKINFO | NESTED);
	str(I_KIND, kind);
	if (with_data) {
		begin(I_DATA | NESTED);
		begin(V_FLAGS);		/* struct ifla_vlan_flags */
		u32(1);
		u32(0xffffffff);
		end();
		begin(V_ID);
		u16(vid);
		end();
		end();
	}
	end();
}

static void
seed_bytes(const uint8_t *b, size_t n)
{
	const char *dir = getenv("RTLINK_SEED_DIR");
	char path[512];
	FILE *f;

	if (dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/seed-%ld-%03d", dir, (long)getpid(),
		 ++seedno);
	if ((f = fopen(path, "w")) != NULL) {
		fwrite(b, 1, n, f);
		fclose(f);
	}
}

/* Patches nlmsg_len and parses from a heap block of exactly n bytes. */
static enum rtlink_kind
parse_n(size_t n)
{
	uint8_t *copy = malloc(n ? n : 1);
	enum rtlink_kind k;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, m.b, n);
	seed_bytes(copy, n);
	k = rtlink_parse(copy, n, &out);
	free(copy);
	return k;
}

static void
done(void)
{
	m.b[0] = m.n & 0xff;
	m.b[1] = (uint8_t)(m.n >> 8);
	m.b[2] = m.b[3] = 0;
}

static enum rtlink_kind
parse(void)
{
	done();
	return parse_n(m.n);
}

static void
eth(const char *name, int index, uint8_t oper)
{
	link_msg(T_NEWLINK, FAM_UNSPEC, index, IFF_UP_);
	str(A_IFNAME, name);
	attr_u32(A_MTU, 1500);
	attr_u8(A_OPERSTATE, oper);
	stats();
}

START_TEST(plain_link)
{
	eth("eth0", 2, OPER_UP);
	ck_assert_int_eq(parse(), RTLINK_NEW);
	ck_assert_int_eq(out.ifindex, 2);
	ck_assert_str_eq(out.name, "eth0");
	ck_assert_str_eq(out.link_kind, "");
	ck_assert(out.has_operstate);
	ck_assert_int_eq(out.operstate, OPER_UP);
	ck_assert_uint_eq(out.flags, IFF_UP_);
	ck_assert(!out.has_vid);
	ck_assert_uint_eq(out.msg_len, m.n);
	ck_assert_uint_eq(out.seq, 42);
}
END_TEST

START_TEST(vlan_nested_data)
{
	eth("eth0.100", 7, OPER_DOWN);
	attr_u32(A_LINK, 2);
	vlan_info("vlan", 1, 100);
	ck_assert_int_eq(parse(), RTLINK_NEW);
	ck_assert_str_eq(out.link_kind, "vlan");
	ck_assert_int_eq(out.link, 2);
	ck_assert(out.has_vid);
	ck_assert_uint_eq(out.vid, 100);
	ck_assert_int_eq(out.operstate, OPER_DOWN);
}
END_TEST

START_TEST(vlan_id_limits)
{
	eth("v", 7, OPER_UP);
	vlan_info("vlan", 1, 4095);
	ck_assert_int_eq(parse(), RTLINK_NEW);
	ck_assert_uint_eq(out.vid, 4095);
	eth("v", 7, OPER_UP);
	vlan_info("vlan", 1, 4096);
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	ck_assert_str_eq(out.why, "IFLA_VLAN_ID above 4095");
	ck_assert_str_eq(out.name, "");		/* nothing half-read */
}
END_TEST

/* A VLAN id is a VLAN's: the same attribute number under another kind
 * (macvlan's IFLA_MACVLAN_MODE is 1 too) is not one. */
START_TEST(vid_only_for_vlan)
{
	eth("mv0", 8, OPER_UP);
	attr_u32(A_LINK, 2);
	vlan_info("macvlan", 1, 4);
	ck_assert_int_eq(parse(), RTLINK_NEW);
	ck_assert_str_eq(out.link_kind, "macvlan");
	ck_assert(!out.has_vid);
	ck_assert_uint_eq(out.vid, 0);
	ck_assert_int_eq(out.link, 2);		/* the caller decides */
}
END_TEST

/* IFLA_INFO_DATA before IFLA_INFO_KIND: the order does not matter. */
START_TEST(data_before_kind)
{
	eth("eth0.5", 9, OPER_UP);
	begin(A_LINKINFO | NESTED);
	begin(I_DATA | NESTED);
	begin(V_ID);
	u16(5);
	end();
	end();
	str(I_KIND, "vlan");
	end();
	ck_assert_int_eq(parse(), RTLINK_NEW);
	ck_assert(out.has_vid);
	ck_assert_uint_eq(out.vid, 5);
}
END_TEST

START_TEST(long_kind_cut)
{
	eth("x0", 3, OPER_UP);
	vlan_info("a_kind_of_twenty_chars", 0, 0);
	ck_assert_int_eq(parse(), RTLINK_NEW);
	ck_assert_uint_eq(strlen(out.link_kind), RTLINK_KINDSZ - 1);
}
END_TEST

START_TEST(dellink)
{
	link_msg(T_DELLINK, FAM_UNSPEC, 7, 0);
	str(A_IFNAME, "eth0.100");
	ck_assert_int_eq(parse(), RTLINK_DEL);
	ck_assert_int_eq(out.ifindex, 7);
	ck_assert_str_eq(out.name, "eth0.100");
	link_msg(T_DELLINK, FAM_UNSPEC, 7, 0);	/* no name: still a DEL */
	ck_assert_int_eq(parse(), RTLINK_DEL);
	ck_assert_str_eq(out.name, "");
}
END_TEST

/* The bridge's per-port messages carry the port's index: not links. */
START_TEST(bridge_family)
{
	link_msg(T_NEWLINK, FAM_BRIDGE, 4, IFF_UP_);
	str(A_IFNAME, "veth0");
	attr_u32(A_LINK, 4);
	ck_assert_int_eq(parse(), RTLINK_IGNORED);
	ck_assert_int_eq(out.ifindex, 0);
	link_msg(T_DELLINK, FAM_BRIDGE, 4, 0);
	str(A_IFNAME, "veth0");
	ck_assert_int_eq(parse(), RTLINK_IGNORED);
	link_msg(T_NEWLINK, FAM_INET6, 4, 0);
	ck_assert_int_eq(parse(), RTLINK_IGNORED);
	/* a bridge master is an AF_UNSPEC link like any other */
	eth("br0", 5, OPER_UP);
	vlan_info("bridge", 0, 0);
	ck_assert_int_eq(parse(), RTLINK_NEW);
	ck_assert_str_eq(out.link_kind, "bridge");
}
END_TEST

START_TEST(bad_names)
{
	eth("", 2, OPER_UP);
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	eth("sixteen_chars_xx", 2, OPER_UP);
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	ck_assert_str_eq(out.why, "IFLA_IFNAME empty or longer than 15 bytes");
	eth("fifteen_chars_x", 2, OPER_UP);
	ck_assert_int_eq(parse(), RTLINK_NEW);
	ck_assert_str_eq(out.name, "fifteen_chars_x");
	link_msg(T_NEWLINK, FAM_UNSPEC, 2, 0);
	attr(A_IFNAME, "eth0", 4);			/* no NUL */
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	ck_assert_str_eq(out.why, "IFLA_IFNAME without its NUL");
	link_msg(T_NEWLINK, FAM_UNSPEC, 2, 0);	/* no name at all */
	attr_u8(A_OPERSTATE, OPER_UP);
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	link_msg(T_NEWLINK, FAM_UNSPEC, 2, 0);
	begin(A_LINKINFO | NESTED);
	attr(I_KIND, "vlan", 4);			/* kind without NUL */
	end();
	str(A_IFNAME, "eth0");
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
}
END_TEST

START_TEST(bad_index)
{
	eth("eth0", 0, OPER_UP);
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	eth("eth0", -3, OPER_UP);
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
}
END_TEST

START_TEST(short_numbers)
{
	eth("eth0", 2, OPER_UP);
	attr(A_LINK, "\x02\x00", 2);
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	ck_assert_str_eq(out.why, "IFLA_LINK shorter than 4 bytes");
	link_msg(T_NEWLINK, FAM_UNSPEC, 2, 0);
	str(A_IFNAME, "eth0");
	attr(A_OPERSTATE, "", 0);
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	eth("v", 7, OPER_UP);
	begin(A_LINKINFO | NESTED);
	str(I_KIND, "vlan");
	begin(I_DATA | NESTED);
	attr(V_ID, "\x05", 1);
	end();
	end();
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	ck_assert_str_eq(out.why, "IFLA_VLAN_ID shorter than 2 bytes");
}
END_TEST

/* An attribute claiming more than its level holds, at each level. */
START_TEST(overrunning_attributes)
{
	size_t at;

	eth("eth0", 2, OPER_UP);
	at = m.n;
	attr_u32(A_LINK, 2);
	m.b[at] = 200;			/* nla_len past the message */
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	ck_assert_str_eq(out.why, "attribute length outside its message");

	eth("eth0", 2, OPER_UP);
	at = m.n;
	attr_u32(A_LINK, 2);
	m.b[at] = 2;			/* nla_len below its own header */
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);

	eth("v", 7, OPER_UP);
	begin(A_LINKINFO | NESTED);
	str(I_KIND, "vlan");
	at = m.n;
	begin(I_DATA | NESTED);
	begin(V_ID);
	u16(5);
	end();
	end();
	end();
	m.b[at] = 40;			/* INFO_DATA past IFLA_LINKINFO */
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);

	eth("v", 7, OPER_UP);
	begin(A_LINKINFO | NESTED);
	str(I_KIND, "vlan");
	begin(I_DATA | NESTED);
	at = m.n;
	begin(V_ID);
	u16(5);
	end();
	end();
	end();
	m.b[at] = 12;			/* VLAN_ID past INFO_DATA */
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);

	eth("eth0", 2, OPER_UP);
	u16(0);				/* 2 bytes: less than an attribute */
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	ck_assert_str_eq(out.why, "trailing bytes shorter than an attribute");
}
END_TEST

/* Cut anywhere, a message is refused or read within what is left. */
START_TEST(truncated)
{
	size_t n, full;

	eth("eth0.100", 7, OPER_UP);
	attr_u32(A_LINK, 2);
	vlan_info("vlan", 1, 100);
	done();
	full = m.n;
	for (n = 0; n < full; n++) {
		/* the header says full, the datagram is shorter */
		ck_assert_int_eq(parse_n(n), RTLINK_MALFORMED);
		ck_assert_uint_eq(out.msg_len, n);
	}
	for (n = 16; n < full; n++) {
		/* the header agrees with the cut */
		m.b[0] = n & 0xff;
		m.b[1] = (uint8_t)(n >> 8);
		(void)parse_n(n);
		ck_assert(out.kind == RTLINK_MALFORMED || out.kind == RTLINK_NEW);
		if (out.kind == RTLINK_NEW)
			ck_assert(!out.has_vid || out.vid == 100);
	}
}
END_TEST

START_TEST(header_lengths)
{
	link_msg(T_NEWLINK, FAM_UNSPEC, 2, 0);
	done();
	m.b[0] = 8;			/* below the header */
	ck_assert_int_eq(parse_n(m.n), RTLINK_MALFORMED);
	ck_assert_str_eq(out.why, "nlmsg_len outside the datagram");
	memset(&m, 0, sizeof(m));
	nlhdr(T_NEWLINK, 0);		/* no ifinfomsg */
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	ck_assert_str_eq(out.why, "link message shorter than its ifinfomsg");
}
END_TEST

START_TEST(dump_end_and_errors)
{
	memset(&m, 0, sizeof(m));
	nlhdr(T_DONE, F_MULTI | F_DUMP_INTR);
	u32(0);
	ck_assert_int_eq(parse(), RTLINK_DONE);
	ck_assert_uint_eq(out.nl_flags & F_DUMP_INTR, F_DUMP_INTR);
	memset(&m, 0, sizeof(m));
	nlhdr(T_DONE, F_MULTI);
	u32((uint32_t)-90);		/* the dump's own EMSGSIZE */
	ck_assert_int_eq(parse(), RTLINK_ERROR);
	ck_assert_int_eq(out.kernel_errno, 90);
	memset(&m, 0, sizeof(m));
	nlhdr(T_ERROR, 0);
	u32((uint32_t)-1);		/* EPERM, then the request echoed */
	nlhdr(18, 0x301);
	ck_assert_int_eq(parse(), RTLINK_ERROR);
	ck_assert_int_eq(out.kernel_errno, 1);
	memset(&m, 0, sizeof(m));
	nlhdr(T_ERROR, 0);
	u32(5);				/* not an errno */
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	memset(&m, 0, sizeof(m));
	nlhdr(T_ERROR, 0);
	u16(0);
	ck_assert_int_eq(parse(), RTLINK_MALFORMED);
	memset(&m, 0, sizeof(m));
	nlhdr(T_NEWADDR, 0);
	ck_assert_int_eq(parse(), RTLINK_IGNORED);
	memset(&m, 0, sizeof(m));
	nlhdr(T_NOOP, 0);
	ck_assert_int_eq(parse(), RTLINK_IGNORED);
}
END_TEST

/* Two messages in one datagram: msg_len says where the second starts. */
START_TEST(two_messages)
{
	uint8_t both[2048];
	size_t first;

	eth("eth0", 2, OPER_UP);
	done();
	first = m.n;
	memcpy(both, m.b, first);
	link_msg(T_DELLINK, FAM_UNSPEC, 3, 0);
	str(A_IFNAME, "eth1");
	done();
	memcpy(both + first, m.b, m.n);
	memcpy(m.b, both, first + m.n);
	ck_assert_int_eq(parse_n(first + m.n), RTLINK_NEW);
	ck_assert_uint_eq(out.msg_len, first);
	ck_assert_int_eq(rtlink_parse(both + first, m.n, &out), RTLINK_DEL);
	ck_assert_int_eq(out.ifindex, 3);
}
END_TEST

/* The kernel's own messages: a dump of the namespace the test runs in
 * (lo at least), every one a NEW with a name the kernel agrees with. */
START_TEST(kernel_dump)
{
	struct {
		struct nlmsghdr h;
		uint8_t ifi[16];
	} req = { { sizeof(req), 18 /* RTM_GETLINK */,
		    NLM_F_REQUEST | NLM_F_DUMP, 1, 0 }, { 0 } };
	static uint8_t buf[65536];
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0);
	int links = 0, finished = 0;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(send(fd, &req, sizeof(req), 0), (int)sizeof(req));
	while (!finished) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		size_t off = 0;

		ck_assert_int_gt(n, 0);
		while (off < (size_t)n) {
			char kname[IF_NAMESIZE];

			seed_bytes(buf + off, (size_t)n - off);
			rtlink_parse(buf + off, (size_t)n - off, &out);
			ck_assert_msg(out.kind == RTLINK_NEW ||
			    out.kind == RTLINK_DONE, "kind %d: %s", out.kind,
			    out.why ? out.why : "");
			if (out.kind == RTLINK_DONE) {
				finished = 1;
				break;
			}
			links++;
			ck_assert_int_gt(out.ifindex, 0);
			if (if_indextoname((unsigned)out.ifindex, kname))
				ck_assert_str_eq(out.name, kname);
			off += out.msg_len;
		}
	}
	close(fd);
	ck_assert_int_ge(links, 1);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("rtlink");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, plain_link);
	tcase_add_test(tc, vlan_nested_data);
	tcase_add_test(tc, vlan_id_limits);
	tcase_add_test(tc, vid_only_for_vlan);
	tcase_add_test(tc, data_before_kind);
	tcase_add_test(tc, long_kind_cut);
	tcase_add_test(tc, dellink);
	tcase_add_test(tc, bridge_family);
	tcase_add_test(tc, bad_names);
	tcase_add_test(tc, bad_index);
	tcase_add_test(tc, short_numbers);
	tcase_add_test(tc, overrunning_attributes);
	tcase_add_test(tc, truncated);
	tcase_add_test(tc, header_lengths);
	tcase_add_test(tc, dump_end_and_errors);
	tcase_add_test(tc, two_messages);
	tcase_add_test(tc, kernel_dump);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(suite());
}
