/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check), run at build time, no process role: the monitor's
 * actuator client stubs (monitor/io/act_client.c) against a fake actuator on
 * the other end of a SOCK_SEQPACKET socketpair.
 *
 * Most tests drive the fake end themselves: the reply (seq is predictable)
 * is queued before the stub is called, then the request the stub sent is
 * read back and compared byte for byte with a literal.  One test forks a
 * fake actuator that only answers after reading, to show the stub really
 * waits.  Frames are built by hand here, not with chan_send(), so a bad
 * frame can be anything.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "monitor/io/act_client.h"
#include "privsep/privsep.h"

/* Payload literals below spell integers in little-endian order. */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "test_act_client.c: byte literals assume little-endian"
#endif

static struct priv_client cl;
static int peer = -1;		/* the fake actuator's end */

static void
pair(void)
{
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0,
	    sv), 0);
	priv_init(&cl, sv[0]);
	peer = sv[1];
}

/* A header with every field chosen by the test. */
static size_t
frame(unsigned char *buf, uint32_t magic, uint16_t version, uint16_t type,
    uint32_t seq, uint32_t len, uint32_t flags, int32_t status,
    const void *payload, size_t plen)
{
	struct fcp_hdr h = { magic, version, type, seq, len, flags, status };

	memcpy(buf, &h, sizeof(h));
	if (plen > 0)
		memcpy(buf + sizeof(h), payload, plen);
	return sizeof(h) + plen;
}

static void
put_raw(const void *buf, size_t n)
{
	ck_assert_int_eq(send(peer, buf, n, 0), (ssize_t)n);
}

/* A well-formed reply to (type, seq). */
static void
put_reply(unsigned type, uint32_t seq, int32_t status, const void *p,
    size_t n)
{
	unsigned char buf[256];

	put_raw(buf, frame(buf, FCP_MAGIC, FCP_VERSION, type | FCP_REPLY, seq,
	    (uint32_t)n, 0, status, p, n));
}

static void
put_ok(unsigned type, uint32_t seq)
{
	unsigned char zero[32];

	memset(zero, 0, sizeof(zero));
	put_reply(type, seq, 0, zero, fcp_msg(type)->rep_size);
}

static void
put_signal(int signo)
{
	struct fcp_signal s = { (uint32_t)signo, 0 };
	unsigned char buf[64];

	put_raw(buf, frame(buf, FCP_MAGIC, FCP_VERSION, FCP_SIGNAL, 0,
	    sizeof(s), 0, 0, &s, sizeof(s)));
}

/* The next record on the fake end must be exactly this request. */
static void
expect_req(unsigned type, uint32_t seq, const void *payload, size_t plen)
{
	unsigned char want[FCP_MAX_MSG], got[FCP_MAX_MSG + 1];
	size_t wn = frame(want, FCP_MAGIC, FCP_VERSION, (uint16_t)type, seq,
	    (uint32_t)plen, 0, 0, payload, plen);
	ssize_t n = recv(peer, got, sizeof(got), MSG_DONTWAIT);

	ck_assert_int_eq(n, (ssize_t)wn);
	ck_assert_msg(memcmp(want, got, wn) == 0, "request bytes of type %u",
	    type);
}

static void
expect_nothing_sent(void)
{
	unsigned char b[FCP_MAX_MSG];

	ck_assert_int_eq(recv(peer, b, sizeof(b), MSG_DONTWAIT), -1);
	ck_assert_int_eq(errno, EAGAIN);
}

static void
hello(void)
{
	struct fcp_hello_rep rep = { FCP_VERSION, FCP_KIF_BUS, FCP_SC_TRAP, 3 };
	struct fcp_hello_rep out;

	put_reply(FCP_HELLO, 1, 0, &rep, sizeof(rep));
	ck_assert_int_eq(priv_hello(&cl, &out), 0);
	ck_assert_mem_eq(&out, &rep, sizeof(rep));
	expect_req(FCP_HELLO, 1, "\x01\0\0\0\0\0\0\0", 8);
}

/* ---- HELLO ---- */

START_TEST(hello_first_and_once)
{
	struct fcp_hello_rep out;

	pair();
	ck_assert_int_eq(priv_fcoe_destroy(&cl, "eth0"), ENOTCONN);
	ck_assert_int_eq(priv_lldpad_connect(&cl), ENOTCONN);
	expect_nothing_sent();
	hello();
	ck_assert_int_eq(priv_hello(&cl, &out), EALREADY);
	expect_nothing_sent();
	ck_assert(!priv_is_dead(&cl));
}
END_TEST

START_TEST(hello_wrong_version_is_fatal)
{
	struct fcp_hello_rep rep = { 2, 0, 0, 0 }, out;

	pair();
	put_reply(FCP_HELLO, 1, 0, &rep, sizeof(rep));
	ck_assert_int_eq(priv_hello(&cl, &out), -1);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert(priv_is_dead(&cl));
}
END_TEST

/* ---- exact bytes of every request, seq strictly increasing ---- */

/* "eth0" in a 16-byte field, then the rest of a literal payload. */
#define ETH0	"eth0\0\0\0\0\0\0\0\0\0\0\0\0"

START_TEST(request_bytes)
{
	static const struct {
		unsigned type;
		const char *payload;
		size_t len;
	} want[] = {
		{ FCP_FCOE_CREATE, ETH0 "\x01\0\0\0", 20 },
		{ FCP_FCOE_CREATE, ETH0 "\0\0\0\0", 20 },
		{ FCP_FCOE_DESTROY, ETH0, 16 },
		{ FCP_FCOE_ENABLE, ETH0, 16 },
		{ FCP_FCOE_DISABLE, ETH0, 16 },
		{ FCP_FCOE_RESET, ETH0, 16 },
		{ FCP_FCOE_SCAN, "abcdefghijklmno\0", 16 },
		{ FCP_LLDPAD_SEND,
		    "\x03\0\0\0" "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20 },
		{ FCP_LLDPAD_SEND, "\x04\0\0\0" ETH0, 20 },
		{ FCP_LLDPAD_SEND, "\x08\0\0\0" ETH0, 20 },
		{ FCP_LLDPAD_CONNECT, "", 0 },
	};
	uint32_t seq;
	size_t i;
	int r = -1;

	pair();
	hello();
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		seq = (uint32_t)i + 2;
		put_ok(want[i].type, seq);
		switch (i) {
		case 0: r = priv_fcoe_create(&cl, "eth0", FCP_MODE_VN2VN); break;
		case 1: r = priv_fcoe_create(&cl, "eth0", FCP_MODE_FABRIC);
			break;
		case 2: r = priv_fcoe_destroy(&cl, "eth0"); break;
		case 3: r = priv_fcoe_enable(&cl, "eth0"); break;
		case 4: r = priv_fcoe_disable(&cl, "eth0"); break;
		case 5: r = priv_fcoe_reset(&cl, "eth0"); break;
		case 6: r = priv_fcoe_scan(&cl, "abcdefghijklmno"); break;
		case 7: r = priv_lldpad_send(&cl, FCP_LQ_PING, NULL); break;
		case 8: r = priv_lldpad_send(&cl, FCP_LQ_DCB_STATE, "eth0");
			break;
		case 9: r = priv_lldpad_send(&cl, FCP_LQ_APP_OPER, "eth0");
			break;
		case 10: r = priv_lldpad_connect(&cl); break;
		}
		ck_assert_msg(r == 0, "request %zu: %d", i, r);
		expect_req(want[i].type, seq, want[i].payload, want[i].len);
	}
	ck_assert(!priv_is_dead(&cl));
}
END_TEST

/* The FIP requests (doc/fip.md), byte for byte. */
START_TEST(fip_request_bytes)
{
	pair();
	hello();
	put_ok(FCP_FIP_SEND, 2);
	ck_assert_int_eq(priv_fip_send(&cl, "eth0", FCP_MODE_VN2VN), 0);
	expect_req(FCP_FIP_SEND, 2, ETH0 "\x01\0\0\0", 20);
	put_ok(FCP_VLAN_CREATE, 3);
	ck_assert_int_eq(priv_vlan_create(&cl, "eth0", 1002,
	    FCP_VLAN_DISCOVERED), 0);
	expect_req(FCP_VLAN_CREATE, 3, ETH0 "\xea\x03\x01\0", 20);
	put_ok(FCP_VLAN_CREATE, 4);
	ck_assert_int_eq(priv_vlan_create(&cl, "eth0", 200, FCP_VLAN_STATIC),
	    0);
	expect_req(FCP_VLAN_CREATE, 4, ETH0 "\xc8\0\x02\0", 20);
	put_ok(FCP_VLAN_DESTROY, 5);
	ck_assert_int_eq(priv_vlan_destroy(&cl, "eth0.200-fcoe"), 0);
	expect_req(FCP_VLAN_DESTROY, 5, "eth0.200-fcoe\0\0\0", 16);
	put_reply(FCP_FIP_RESP, 6, ENOTSUP, NULL, 0);
	ck_assert_int_eq(priv_fip_resp(&cl, "eth0", 1), ENOTSUP);
	expect_req(FCP_FIP_RESP, 6, ETH0 "\x01\0\0\0", 20);
	/* refused locally, nothing sent: VID 0 and 4095 are not VLANs */
	ck_assert_int_eq(priv_vlan_create(&cl, "eth0", 0, FCP_VLAN_STATIC),
	    EINVAL);
	ck_assert_int_eq(priv_vlan_create(&cl, "eth0", 4095,
	    FCP_VLAN_DISCOVERED), EINVAL);
	ck_assert_int_eq(priv_fip_send(&cl, "eth0", (enum fcp_mode)7), EINVAL);
	expect_nothing_sent();
	ck_assert(!priv_is_dead(&cl));
}
END_TEST

/* A FIP_FRAME notice: fixed part, then len bytes. */
static void
put_fip(uint32_t seq, uint32_t ifindex, uint8_t pkttype, uint16_t len,
    uint32_t hlen, size_t bytes)
{
	static unsigned char buf[FCP_MAX_RECORD + 64], pl[FCP_MAX_RECORD];
	struct fcp_fip_frame f = { ifindex, pkttype, 0, len };
	size_t i;

	memcpy(pl, &f, sizeof(f));
	for (i = 0; i < bytes; i++)
		pl[sizeof(f) + i] = (unsigned char)(i + len);
	put_raw(buf, frame(buf, FCP_MAGIC, FCP_VERSION, FCP_FIP_FRAME, seq,
	    hlen, 0, 0, pl, sizeof(f) + bytes));
}

static void
put_drops(uint32_t ifindex, uint32_t n, uint64_t total)
{
	struct fcp_fip_drops d = { ifindex, n, total };
	unsigned char buf[64];

	put_raw(buf, frame(buf, FCP_MAGIC, FCP_VERSION, FCP_FIP_DROPS, 0,
	    sizeof(d), 0, 0, &d, sizeof(d)));
}

/* Frames that come while a request waits are kept for the loop, in
 * order; the biggest one fits; a full queue drops and counts. */
START_TEST(fip_frames_queued_around_a_reply)
{
	struct priv_fip f;
	uint32_t ifx, n;
	int i;

	pair();
	hello();
	put_fip(0, 3, 2, 36, 8 + 36, 36);
	put_fip(0, 4, 0, FCP_FIP_MAX, 8 + FCP_FIP_MAX, FCP_FIP_MAX);
	put_drops(3, 5, 5);
	put_drops(3, 2, 7);
	put_ok(FCP_FIP_SEND, 2);
	ck_assert_int_eq(priv_fip_send(&cl, "eth0", FCP_MODE_FABRIC), 0);
	expect_req(FCP_FIP_SEND, 2, ETH0 "\0\0\0\0", 20);
	ck_assert_int_eq(priv_take_fip(&cl, &f), 1);
	ck_assert_uint_eq(f.ifindex, 3);
	ck_assert_uint_eq(f.pkttype, 2);
	ck_assert_uint_eq(f.len, 36);
	ck_assert_uint_eq(f.bytes[0], 36);
	ck_assert_uint_eq(f.bytes[35], 36 + 35);
	ck_assert_int_eq(priv_take_fip(&cl, &f), 1);
	ck_assert_uint_eq(f.ifindex, 4);
	ck_assert_uint_eq(f.len, FCP_FIP_MAX);
	ck_assert_int_eq(priv_take_fip(&cl, &f), 0);
	ck_assert_int_eq(priv_take_drops(&cl, &ifx, &n), 1);
	ck_assert_uint_eq(ifx, 3);
	ck_assert_uint_eq(n, 7);			/* coalesced */
	ck_assert_int_eq(priv_take_drops(&cl, &ifx, &n), 0);
	/* idle: through priv_poll_notice; past the queue's room, counted */
	for (i = 0; i < PRIV_FIPQ + 3; i++) {
		put_fip(0, 3, 0, 40, 8 + 40, 40);
		ck_assert_int_eq(priv_poll_notice(&cl), 1);
	}
	ck_assert_uint_eq(cl.fip_lost, 3);
	for (i = 0; i < PRIV_FIPQ; i++)
		ck_assert_int_eq(priv_take_fip(&cl, &f), 1);
	ck_assert_int_eq(priv_take_fip(&cl, &f), 0);
	ck_assert(!priv_is_dead(&cl));
}
END_TEST

/* A FIP notice that breaks its row is as fatal as a bad reply. */
START_TEST(fip_bad_notice_is_fatal)
{
	pair();
	hello();
	switch (_i) {
	case 0:	put_fip(0, 3, 0, 40, 8 + 41, 41); break;	/* len != */
	case 1:	put_fip(0, 3, 0, 40, 8 + 40 + 1, 40); break;	/* hdr.len */
	case 2:	put_fip(2, 3, 0, 40, 8 + 40, 40); break;	/* a seq */
	case 3:	put_fip(0, 3, 4, 40, 8 + 40, 40); break;	/* OUTGOING */
	case 4:	put_fip(0, 0, 0, 40, 8 + 40, 40); break;	/* ifindex 0 */
	case 5:	put_fip(0, 3, 0, 10, 8 + 10, 10); break;	/* < FIP_MIN */
	case 6:	put_fip(0, 3, 0, FCP_FIP_MAX + 1, 8 + FCP_FIP_MAX + 1,
		    FCP_FIP_MAX + 1); break;			/* > FIP_MAX */
	case 7:	put_drops(3, 0, 0); break;			/* 0 dropped */
	case 8:	put_drops(3, 5, 4); break;			/* total < */
	}
	ck_assert_int_eq(priv_poll_notice(&cl), -1);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert(priv_is_dead(&cl));
	ck_assert_int_eq(priv_fip_send(&cl, "eth0", FCP_MODE_FABRIC), -1);
	expect_nothing_sent();
}
END_TEST

/* ---- errno replies pass through; the client stays usable ---- */

START_TEST(errno_reply_passed_through)
{
	char out[FCP_IFNAMSIZ];

	pair();
	hello();
	put_reply(FCP_FCOE_CREATE, 2, ENODEV, NULL, 0);
	ck_assert_int_eq(priv_fcoe_create(&cl, "eth9", FCP_MODE_FABRIC),
	    ENODEV);
	expect_req(FCP_FCOE_CREATE, 2, "eth9\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
	    20);
	ck_assert(!priv_is_dead(&cl));
	put_reply(FCP_FCOE_CREATE, 3, EEXIST, NULL, 0);
	ck_assert_int_eq(priv_fcoe_create(&cl, "eth0", FCP_MODE_FABRIC),
	    EEXIST);
	/* Drop the request: request_bytes checks its bytes. */
	ck_assert_int_eq(recv(peer, out, 0, MSG_DONTWAIT | MSG_TRUNC), 44);
	put_ok(FCP_FCOE_DESTROY, 4);
	ck_assert_int_eq(priv_fcoe_destroy(&cl, "eth9"), 0);
	expect_req(FCP_FCOE_DESTROY, 4, "eth9\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	ck_assert(!priv_is_dead(&cl));
}
END_TEST

/* ---- SIGNAL notices ---- */

START_TEST(signal_before_reply_is_queued)
{
	int signo = 0;

	pair();
	hello();
	put_signal(SIGHUP);
	put_signal(SIGTERM);
	put_signal(SIGHUP);		/* coalesced, as pending signals are */
	put_ok(FCP_FCOE_SCAN, 2);
	ck_assert_int_eq(priv_fcoe_scan(&cl, "eth0"), 0);
	expect_req(FCP_FCOE_SCAN, 2, ETH0, 16);
	ck_assert_int_eq(priv_take_signal(&cl, &signo), 1);
	ck_assert_int_eq(signo, SIGHUP);
	ck_assert_int_eq(priv_take_signal(&cl, &signo), 1);
	ck_assert_int_eq(signo, SIGTERM);
	ck_assert_int_eq(priv_take_signal(&cl, &signo), 0);
}
END_TEST

static int kicked;

static void
count_kick(void *arg)
{
	(void)arg;
	kicked++;
}

/* A signal read while a request waited is not on the socket any more: the
 * client must say so, or the loop never runs for it (a SIGTERM relayed
 * during readiness's request was lost in the VM's fip-restart). */
START_TEST(queued_notice_calls_back)
{
	pair();
	hello();
	cl.queued = count_kick;
	kicked = 0;
	put_ok(FCP_FCOE_SCAN, 2);
	ck_assert_int_eq(priv_fcoe_scan(&cl, "eth0"), 0);
	ck_assert_int_eq(kicked, 0);
	put_signal(SIGTERM);
	put_ok(FCP_FCOE_SCAN, 3);
	ck_assert_int_eq(priv_fcoe_scan(&cl, "eth0"), 0);
	ck_assert_int_eq(kicked, 1);
}
END_TEST

START_TEST(poll_notice_idle)
{
	int signo = 0;

	pair();
	ck_assert_int_eq(priv_poll_notice(&cl), 0);	/* before HELLO too */
	hello();
	ck_assert_int_eq(priv_poll_notice(&cl), 0);
	put_signal(SIGUSR1);
	ck_assert_int_eq(priv_poll_notice(&cl), 1);
	ck_assert_int_eq(priv_poll_notice(&cl), 0);
	ck_assert_int_eq(priv_take_signal(&cl, &signo), 1);
	ck_assert_int_eq(signo, SIGUSR1);
	ck_assert(!priv_is_dead(&cl));
}
END_TEST

/* A reply while nothing is outstanding is a mismatch too. */
START_TEST(poll_notice_unsolicited_reply_is_fatal)
{
	pair();
	hello();
	put_ok(FCP_FCOE_SCAN, 2);
	ck_assert_int_eq(priv_poll_notice(&cl), -1);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert(priv_is_dead(&cl));
	ck_assert_int_eq(priv_fcoe_scan(&cl, "eth0"), -1);
	ck_assert_int_eq(errno, EPROTO);
	expect_nothing_sent();
}
END_TEST

START_TEST(poll_notice_eof)
{
	pair();
	hello();
	ck_assert_int_eq(shutdown(peer, SHUT_WR), 0);
	ck_assert_int_eq(priv_poll_notice(&cl), -1);
	ck_assert_int_eq(errno, EPIPE);
	ck_assert(priv_is_dead(&cl));
}
END_TEST

/* ---- mismatches: fatal, and the client stays dead ---- */

static void
bad_frame(int i)
{
	unsigned char b[256], z[200];
	struct fcp_signal s = { SIGHUP, 0 }, spad = { SIGHUP, 1 };
	const uint16_t R = FCP_FCOE_DESTROY | FCP_REPLY;

	memset(b, 0, sizeof(b));
	memset(z, 0, sizeof(z));
	switch (i) {
	case 0:		/* wrong seq */
		put_raw(b, frame(b, FCP_MAGIC, 1, R, 3, 0, 0, 0, NULL, 0));
		break;
	case 1:		/* reply to another type */
		put_raw(b, frame(b, FCP_MAGIC, 1, FCP_FCOE_CREATE | FCP_REPLY,
		    2, 0, 0, 0, NULL, 0));
		break;
	case 2:		/* no reply bit */
		put_raw(b, frame(b, FCP_MAGIC, 1, FCP_FCOE_DESTROY, 2, 0, 0, 0,
		    NULL, 0));
		break;
	case 3:		/* short record */
		put_raw(b, 10);
		break;
	case 4:		/* bad magic */
		put_raw(b, frame(b, 0x32504346u, 1, R, 2, 0, 0, 0, NULL, 0));
		break;
	case 5:		/* bad version */
		put_raw(b, frame(b, FCP_MAGIC, 2, R, 2, 0, 0, 0, NULL, 0));
		break;
	case 6:		/* length not the type's */
		put_raw(b, frame(b, FCP_MAGIC, 1, R, 2, 4, 0, 0, z, 4));
		break;
	case 7:		/* header len disagrees with the record */
		put_raw(b, frame(b, FCP_MAGIC, 1, R, 2, 0, 0, 0, z, 4));
		break;
	case 8:		/* flags */
		put_raw(b, frame(b, FCP_MAGIC, 1, R, 2, 0, 1, 0, NULL, 0));
		break;
	case 9:		/* negative status */
		put_raw(b, frame(b, FCP_MAGIC, 1, R, 2, 0, 0, -1, NULL, 0));
		break;
	case 10:	/* zero-length record */
		put_raw(b, 0);
		break;
	case 11:	/* bigger than any message: truncated */
		put_raw(b, frame(b, FCP_MAGIC, 1, R, 2, 176, 0, 0, z, 176));
		break;
	case 12:	/* SIGNAL with a seq */
		put_raw(b, frame(b, FCP_MAGIC, 1, FCP_SIGNAL, 2, 8, 0, 0, &s,
		    8));
		break;
	case 13:	/* SIGNAL with a non-zero pad */
		put_raw(b, frame(b, FCP_MAGIC, 1, FCP_SIGNAL, 0, 8, 0, 0, &spad,
		    8));
		break;
	case 14:	/* the reply again for an old seq (HELLO's) */
		put_raw(b, frame(b, FCP_MAGIC, 1, FCP_HELLO | FCP_REPLY, 1, 16,
		    0, 0, z, 16));
		break;
	}
}

#define N_BAD_FRAMES	15

START_TEST(mismatch_is_fatal)
{
	pair();
	hello();
	bad_frame(_i);
	put_ok(FCP_FCOE_DESTROY, 2);	/* never reached */
	ck_assert_int_eq(priv_fcoe_destroy(&cl, "eth0"), -1);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert(priv_is_dead(&cl));
	expect_req(FCP_FCOE_DESTROY, 2, ETH0, 16);
	/* Dead: every later call fails at once, nothing more is sent. */
	ck_assert_int_eq(priv_fcoe_enable(&cl, "eth0"), -1);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert_int_eq(priv_lldpad_send(&cl, FCP_LQ_PING, NULL), -1);
	ck_assert_int_eq(priv_poll_notice(&cl), -1);
	ck_assert_int_eq(errno, EPROTO);
	expect_nothing_sent();
}
END_TEST

/* A reply carrying a descriptor: the frame is right, the fd is not. */
START_TEST(control_message_is_fatal)
{
	unsigned char b[64];
	union { struct cmsghdr h; char c[CMSG_SPACE(sizeof(int))]; } cb;
	struct iovec iov;
	struct msghdr m;
	struct cmsghdr *cm;
	int fd = 0;

	pair();
	hello();
	memset(&cb, 0, sizeof(cb));
	iov.iov_base = b;
	iov.iov_len = frame(b, FCP_MAGIC, 1, FCP_FCOE_RESET | FCP_REPLY, 2, 0,
	    0, 0, NULL, 0);
	memset(&m, 0, sizeof(m));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cb.c;
	m.msg_controllen = sizeof(cb.c);
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(fd));
	ck_assert_int_eq(sendmsg(peer, &m, 0), (ssize_t)iov.iov_len);
	ck_assert_int_eq(priv_fcoe_reset(&cl, "eth0"), -1);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert(priv_is_dead(&cl));
}
END_TEST

static long
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000L +
	    (t.tv_nsec - t0->tv_nsec) / 1000000L;
}

/* A notice does not extend the deadline: it bounds the whole request. */
START_TEST(timeout_is_fatal)
{
	struct timespec t0;
	long ms;
	int signo;

	pair();
	hello();
	priv_set_timeout(&cl, 150);
	put_signal(SIGHUP);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(priv_fcoe_disable(&cl, "eth0"), -1);
	ck_assert_int_eq(errno, ETIMEDOUT);
	ms = ms_since(&t0);
	ck_assert_msg(ms >= 140 && ms < 2000, "waited %ld ms", ms);
	ck_assert(priv_is_dead(&cl));
	ck_assert_int_eq(priv_take_signal(&cl, &signo), 1);
	expect_req(FCP_FCOE_DISABLE, 2, ETH0, 16);
	/* A late reply changes nothing. */
	put_ok(FCP_FCOE_DISABLE, 2);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(priv_fcoe_enable(&cl, "eth0"), -1);
	ck_assert_int_eq(errno, ETIMEDOUT);
	ck_assert_int_lt(ms_since(&t0), 50);
	expect_nothing_sent();
}
END_TEST

/* The actuator hangs up while a request is outstanding. */
START_TEST(eof_while_waiting_is_fatal)
{
	int signo = 0;

	pair();
	hello();
	put_signal(SIGTERM);
	ck_assert_int_eq(shutdown(peer, SHUT_WR), 0);
	ck_assert_int_eq(priv_fcoe_destroy(&cl, "eth0"), -1);
	ck_assert_int_eq(errno, EPIPE);
	ck_assert(priv_is_dead(&cl));
	ck_assert_int_eq(priv_take_signal(&cl, &signo), 1);
	ck_assert_int_eq(signo, SIGTERM);
	expect_req(FCP_FCOE_DESTROY, 2, ETH0, 16);
	ck_assert_int_eq(priv_fcoe_destroy(&cl, "eth0"), -1);
	ck_assert_int_eq(errno, EPIPE);
}
END_TEST

/* The actuator is gone before the request: send fails, same verdict. */
START_TEST(eof_before_send_is_fatal)
{
	pair();
	hello();
	close(peer);
	ck_assert_int_eq(priv_fcoe_destroy(&cl, "eth0"), -1);
	ck_assert_int_eq(errno, EPIPE);
	ck_assert(priv_is_dead(&cl));
}
END_TEST

/* ---- local refusals: nothing sent, no seq used, client alive ---- */

START_TEST(invalid_args_refused_locally)
{
	static const char *const bad[] = { "", "abcdefghijklmnop",
	    "eth/0", ".", "..", "eth 0", "eth0\n", "eth\xc3\xa9" };
	size_t i;

	pair();
	hello();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(priv_fcoe_create(&cl, bad[i], 0), EINVAL);
		ck_assert_int_eq(priv_fcoe_destroy(&cl, bad[i]), EINVAL);
		ck_assert_int_eq(priv_fcoe_enable(&cl, bad[i]), EINVAL);
		ck_assert_int_eq(priv_fcoe_disable(&cl, bad[i]), EINVAL);
		ck_assert_int_eq(priv_fcoe_reset(&cl, bad[i]), EINVAL);
		ck_assert_int_eq(priv_fcoe_scan(&cl, bad[i]), EINVAL);
		ck_assert_int_eq(priv_lldpad_send(&cl, FCP_LQ_PFC_OPER, bad[i]),
		    EINVAL);
	}
	ck_assert_int_eq(priv_fcoe_scan(&cl, NULL), EINVAL);
	ck_assert_int_eq(priv_fcoe_create(&cl, "eth0", 2), EINVAL);
	ck_assert_int_eq(priv_fcoe_create(&cl, "eth0", 256), EINVAL);
	ck_assert_int_eq(priv_lldpad_send(&cl, FCP_LQ_PING, "eth0"), EINVAL);
	ck_assert_int_eq(priv_lldpad_send(&cl, FCP_LQ_DCB_STATE, NULL), EINVAL);
	ck_assert_int_eq(priv_lldpad_send(&cl, 0, NULL), EINVAL);
	ck_assert_int_eq(priv_lldpad_send(&cl, FCP_LQ_MAX, "eth0"), EINVAL);
	expect_nothing_sent();
	ck_assert(!priv_is_dead(&cl));
	/* The next real request still carries seq 2. */
	put_ok(FCP_FCOE_ENABLE, 2);
	ck_assert_int_eq(priv_fcoe_enable(&cl, "eth0"), 0);
	expect_req(FCP_FCOE_ENABLE, 2, ETH0, 16);
}
END_TEST

/* ---- a forked fake actuator that answers only after reading ---- */

/* Exits with the number of requests that were not what it expected. */
static void __attribute__((noreturn))
fake_actuator(int fd)
{
	struct fcp_hello_rep hr = { FCP_VERSION, FCP_KIF_LIBFCOE, 0, 0 };
	unsigned char buf[FCP_MAX_MSG], rep[32];
	const struct fcp_msg *m;
	struct fcp_hdr h;
	uint32_t want = 1;
	struct timespec pause = { 0, 20 * 1000000L };
	struct fcp_signal sig = { SIGUSR1, 0 };
	int bad = 0;
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
		memcpy(&h, buf, sizeof(h));
		if (fcp_check_request(buf, (size_t)n) != FCP_FRAME_OK ||
		    h.seq != want++ ||
		    fcp_validate(h.type, buf + sizeof(h)) != 0)
			bad++;
		m = fcp_msg(h.type);
		memset(rep, 0, sizeof(rep));
		if (h.type == FCP_HELLO)
			memcpy(rep, &hr, sizeof(hr));
		nanosleep(&pause, NULL);
		if (h.type == FCP_FCOE_ENABLE)
			(void)chan_send(fd, FCP_SIGNAL, 0, 0, &sig,
			    sizeof(sig));
		if (m == NULL || chan_send(fd, h.type | FCP_REPLY, h.seq,
		    h.type == FCP_FCOE_RESET ? ENOENT : 0, rep,
		    m->rep_size) != 0)
			_exit(100);
	}
	_exit(n == 0 && want == 10 ? bad : 99);
}

START_TEST(conversation_with_forked_actuator)
{
	struct fcp_hello_rep hr;
	char out[FCP_IFNAMSIZ];
	int sv[2], status, signo = 0;
	pid_t pid;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	if ((pid = fork()) == 0) {
		close(sv[0]);
		fake_actuator(sv[1]);
	}
	ck_assert_int_gt(pid, 0);
	close(sv[1]);
	priv_init(&cl, sv[0]);
	priv_set_timeout(&cl, 5000);
	ck_assert_int_eq(priv_hello(&cl, &hr), 0);
	ck_assert_uint_eq(hr.kif, FCP_KIF_LIBFCOE);
	ck_assert_int_eq(priv_lldpad_connect(&cl), 0);
	ck_assert_int_eq(priv_lldpad_send(&cl, FCP_LQ_ATTACH, NULL), 0);
	ck_assert_int_eq(priv_lldpad_send(&cl, FCP_LQ_PFC_CONFIG, "eth1"), 0);
	strcpy(out, "eth1.7-fcoe");
	ck_assert_int_eq(priv_fcoe_create(&cl, out, FCP_MODE_FABRIC), 0);
	ck_assert_int_eq(priv_fcoe_enable(&cl, out), 0);
	ck_assert_int_eq(priv_fcoe_reset(&cl, out), ENOENT);
	ck_assert_int_eq(priv_fcoe_disable(&cl, out), 0);
	ck_assert_int_eq(priv_fcoe_destroy(&cl, out), 0);
	ck_assert_int_eq(priv_take_signal(&cl, &signo), 1);
	ck_assert_int_eq(signo, SIGUSR1);
	close(sv[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

static Suite *
act_client_suite(void)
{
	Suite *s = suite_create("act_client");
	TCase *t = tcase_create("stubs");

	tcase_set_timeout(t, 10);
	tcase_add_test(t, hello_first_and_once);
	tcase_add_test(t, hello_wrong_version_is_fatal);
	tcase_add_test(t, request_bytes);
	tcase_add_test(t, errno_reply_passed_through);
	tcase_add_test(t, fip_request_bytes);
	tcase_add_test(t, fip_frames_queued_around_a_reply);
	tcase_add_loop_test(t, fip_bad_notice_is_fatal, 0, 9);
	tcase_add_test(t, signal_before_reply_is_queued);
	tcase_add_test(t, queued_notice_calls_back);
	tcase_add_test(t, poll_notice_idle);
	tcase_add_test(t, poll_notice_unsolicited_reply_is_fatal);
	tcase_add_test(t, poll_notice_eof);
	tcase_add_loop_test(t, mismatch_is_fatal, 0, N_BAD_FRAMES);
	tcase_add_test(t, control_message_is_fatal);
	tcase_add_test(t, timeout_is_fatal);
	tcase_add_test(t, eof_while_waiting_is_fatal);
	tcase_add_test(t, eof_before_send_is_fatal);
	tcase_add_test(t, invalid_args_refused_locally);
	tcase_add_test(t, conversation_with_forked_actuator);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(act_client_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
