/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the actuator client stubs.  Each stub
 * zeroes a request, fills it, runs the same validator the actuator will
 * run, sends it on the socketpair and waits for the matching reply.
 *
 * Whatever is not that reply or a notice (SIGNAL, FIP_FRAME, FIP_DROPS) means the two processes
 * disagree about the conversation, so the client dies
 * on it (doc/design.md "Monitor-actuator protocol"):
 * guessing which request a stray reply belonged to could turn a destroy
 * into a create.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "privsep/privsep.h"
#include "monitor/io/act_client.h"
#include "monitor/wire/fcp_reply.h"

enum { PRIV_S_NEW = 0, PRIV_S_READY, PRIV_S_DEAD };

void
priv_init(struct priv_client *c, int fd)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->timeout_ms = PRIV_TIMEOUT_MS;
	c->state = PRIV_S_NEW;
	c->why = "ok";
}

void
priv_set_timeout(struct priv_client *c, int ms)
{
	c->timeout_ms = ms > 0 ? ms : PRIV_TIMEOUT_MS;
}

int
priv_is_dead(const struct priv_client *c)
{
	return c->state == PRIV_S_DEAD;
}

const char *
priv_why(const struct priv_client *c)
{
	return c->why;
}

/*
 * The client is dead from now on: returns -1 with errno set, it does not
 * exit (the caller logs and exits; fatal() is the log vocabulary's).  Once
 * dead, always dead.
 */
static int
client_dies(struct priv_client *c, int err, const char *why)
{
	if (c->state != PRIV_S_DEAD) {
		c->state = PRIV_S_DEAD;
		c->dead_errno = err;
		c->why = why;
	}
	errno = c->dead_errno;
	return -1;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * Copies a C string into a zeroed 16-byte field.  A name too long to fit
 * fills all 16 bytes with no NUL, and NULL leaves the field empty, so the
 * proto validator (fcp_ifname_valid) rejects both before anything is sent.
 */
static void
copy_name(char dst[FCP_IFNAMSIZ], const char *src)
{
	memset(dst, 0, FCP_IFNAMSIZ);
	if (src != NULL)
		memcpy(dst, src, strnlen(src, FCP_IFNAMSIZ));
}

/* Pending signals coalesce in the kernel; do the same, keep the order. */
static void
queue_signal(struct priv_client *c, int signo)
{
	unsigned i;

	for (i = 0; i < c->nsig; i++)
		if (c->sigq[i] == signo)
			return;
	if (c->nsig < PRIV_SIGQ)
		c->sigq[c->nsig++] = signo;
}

int
priv_take_signal(struct priv_client *c, int *signo)
{
	if (c->nsig == 0)
		return 0;
	*signo = c->sigq[0];
	c->nsig--;
	memmove(c->sigq, c->sigq + 1, c->nsig * sizeof(c->sigq[0]));
	return 1;
}

/* 1: a record in buf; 0: nothing there (yet); -1: fatal. */
static int
read_record(struct priv_client *c, unsigned char *buf, size_t size,
    size_t *n)
{
	ssize_t r;
	int err;

	r = chan_recv(c->fd, buf, size, &err);
	if (err == CHAN_OK) {
		*n = (size_t)r;
		return 1;
	}
	if (err == CHAN_EOF)
		return client_dies(c, EPIPE, "eof");
	if (err == CHAN_IO && (errno == EAGAIN || errno == EWOULDBLOCK))
		return 0;
	if (err == CHAN_IO)
		return client_dies(c, errno, "recv");
	return client_dies(c, EPROTO, chan_err_str(err));
}

/* A frame checked by fcp_check_notice(): fixed part, then len bytes. */
static void
queue_fip(struct priv_client *c, const unsigned char *pl)
{
	struct fcp_fip_frame f;
	struct priv_fip *q;

	if (c->nfip == PRIV_FIPQ) {
		c->fip_lost++;
		return;
	}
	memcpy(&f, pl, sizeof(f));
	q = &c->fipq[(c->fip_head + c->nfip++) % PRIV_FIPQ];
	q->ifindex = f.ifindex;
	q->pkttype = f.pkttype;
	q->len = f.len;
	memcpy(q->bytes, pl + sizeof(f), f.len);
}

static void
queue_drops(struct priv_client *c, const unsigned char *pl)
{
	struct fcp_fip_drops d;
	unsigned i;

	memcpy(&d, pl, sizeof(d));
	for (i = 0; i < c->ndrop; i++)
		if (c->dropq[i].ifindex == d.ifindex) {
			c->dropq[i].dropped += d.dropped;
			return;
		}
	if (c->ndrop == PRIV_DROPQ)
		i = PRIV_DROPQ - 1, d.ifindex = 0;	/* folded into "other" */
	else
		c->dropq[c->ndrop++].dropped = 0;
	c->dropq[i].ifindex = d.ifindex;
	c->dropq[i].dropped += d.dropped;
}

int
priv_take_fip(struct priv_client *c, struct priv_fip *out)
{
	if (c->nfip == 0)
		return 0;
	*out = c->fipq[c->fip_head];
	c->fip_head = (c->fip_head + 1) % PRIV_FIPQ;
	c->nfip--;
	return 1;
}

int
priv_take_drops(struct priv_client *c, uint32_t *ifindex, uint32_t *dropped)
{
	if (c->ndrop == 0)
		return 0;
	c->ndrop--;
	*ifindex = c->dropq[c->ndrop].ifindex;
	*dropped = c->dropq[c->ndrop].dropped;
	return 1;
}

/*
 * One record received while (type, seq) is outstanding; type FCP_SIGNAL
 * when idle, which no reply can match.  1: the reply, its payload copied
 * to rep and its status to *status; 0: a notice, queued; -1: fatal.
 */
static int
take_record(struct priv_client *c, const unsigned char *buf, size_t n,
    unsigned type, void *rep, int *status)
{
	struct fcp_hdr h;
	struct fcp_signal s;
	int ferr;

	if ((ferr = fcp_check_reply(buf, n, type, c->seq)) != FCP_FRAME_OK)
		return client_dies(c, EPROTO, fcp_frame_err_str(ferr));
	memcpy(&h, buf, sizeof(h));
	if (h.type == FCP_SIGNAL) {
		memcpy(&s, buf + sizeof(h), sizeof(s));
		if (s.pad != 0 || s.signo == 0 || s.signo >= NSIG)
			return client_dies(c, EPROTO, "bad_signal");
		queue_signal(c, (int)s.signo);
		return 0;
	}
	if (h.type == FCP_FIP_FRAME || h.type == FCP_FIP_DROPS) {
		if (h.type == FCP_FIP_FRAME)
			queue_fip(c, buf + sizeof(h));
		else
			queue_drops(c, buf + sizeof(h));
		return 0;
	}
	/* fcp_check_reply() has fixed h.len to the type's reply size. */
	if (h.len > 0)
		memcpy(rep, buf + sizeof(h), h.len);
	*status = h.status;
	return 1;
}

/* 0 when fd is readable before the deadline; -1 (fatal) otherwise. */
static int
wait_readable(struct priv_client *c, long deadline)
{
	struct pollfd p = { .fd = c->fd, .events = POLLIN };
	long left;
	int r;

	for (;;) {
		if ((left = deadline - now_ms()) <= 0)
			return client_dies(c, ETIMEDOUT, "timeout");
		/* A relayed signal interrupts poll; the deadline stands. */
		if ((r = poll(&p, 1, (int)left)) > 0)
			return 0;
		if (r == -1 && errno != EINTR)
			return client_dies(c, errno, "poll");
	}
}

/* Notices do not extend the timeout: it bounds the whole request. */
static int
wait_reply(struct priv_client *c, unsigned type, void *rep, int *status)
{
	unsigned char buf[FCP_MAX_RECORD];
	long deadline = now_ms() + c->timeout_ms;
	size_t n;
	int r;

	for (;;) {
		if (wait_readable(c, deadline) != 0)
			return -1;
		if ((r = read_record(c, buf, sizeof(buf), &n)) == 0)
			continue;
		if (r < 0)
			return -1;
		if ((r = take_record(c, buf, n, type, rep, status)) < 0)
			return -1;
		if (r == 1)
			return 0;
	}
}

/*
 * Local refusals come first and consume no seq: a bug in the monitor must
 * not become a protocol violation that ends the actuator.
 */
static int
request(struct priv_client *c, unsigned type, const void *req, void *rep)
{
	const struct fcp_msg *m = fcp_msg(type);
	int err, status;

	if (c->state == PRIV_S_DEAD)
		return client_dies(c, c->dead_errno, c->why);
	if (type == FCP_HELLO && c->state != PRIV_S_NEW)
		return EALREADY;
	if (type != FCP_HELLO && c->state != PRIV_S_READY)
		return ENOTCONN;
	if ((err = fcp_validate(type, req)) != 0)
		return err;
	if (c->seq == UINT32_MAX)
		return client_dies(c, EOVERFLOW, "seq_exhausted");
	c->seq++;
	errno = 0;
	if (chan_send(c->fd, type, c->seq, 0, req, m->req_size) != 0)
		return client_dies(c, errno != 0 ? errno : EIO, "send");
	if (wait_reply(c, type, rep, &status) != 0)
		return -1;
	/* The actuator has seen HELLO, whatever it answered. */
	c->state = PRIV_S_READY;
	if (c->queued != NULL && c->nsig + c->nfip + c->ndrop > 0)
		c->queued(c->queued_arg);
	return status;
}

int
priv_hello(struct priv_client *c, struct fcp_hello_rep *out)
{
	struct fcp_hello req;
	struct fcp_hello_rep rep;
	int r;

	memset(&req, 0, sizeof(req));
	memset(&rep, 0, sizeof(rep));
	req.version = FCP_VERSION;
	if ((r = request(c, FCP_HELLO, &req, &rep)) != 0)
		return r;
	if (rep.version != FCP_VERSION)
		return client_dies(c, EPROTO, "hello_version");
	*out = rep;
	return 0;
}

static int
fcoe_create(struct priv_client *c, const char *ifname, enum fcp_mode mode,
    bool disabled)
{
	struct fcp_fcoe_create req;

	memset(&req, 0, sizeof(req));
	copy_name(req.ifname, ifname);
	/* Out of range must stay out of range after narrowing. */
	req.mode = (unsigned)mode > UINT8_MAX ? UINT8_MAX : (uint8_t)mode;
	req.disabled = disabled;
	return request(c, FCP_FCOE_CREATE, &req, NULL);
}

int
priv_fcoe_create(struct priv_client *c, const char *ifname, enum fcp_mode mode)
{
	return fcoe_create(c, ifname, mode, false);
}

/* An instance made while its interface is administratively down, where
 * an enable would start the FCoE link too early (fcoemond(8) "What exists
 * when"): link-up then costs one enable. */
int
priv_fcoe_prepare(struct priv_client *c, const char *ifname, enum fcp_mode mode)
{
	return fcoe_create(c, ifname, mode, true);
}

static int
ifreq(struct priv_client *c, unsigned type, const char *ifname)
{
	struct fcp_ifreq req;

	memset(&req, 0, sizeof(req));
	copy_name(req.ifname, ifname);
	return request(c, type, &req, NULL);
}

int
priv_fcoe_destroy(struct priv_client *c, const char *ifname)
{
	return ifreq(c, FCP_FCOE_DESTROY, ifname);
}

int
priv_fcoe_enable(struct priv_client *c, const char *ifname)
{
	return ifreq(c, FCP_FCOE_ENABLE, ifname);
}

int
priv_fcoe_disable(struct priv_client *c, const char *ifname)
{
	return ifreq(c, FCP_FCOE_DISABLE, ifname);
}

int
priv_fcoe_reset(struct priv_client *c, const char *ifname)
{
	return ifreq(c, FCP_FCOE_RESET, ifname);
}

int
priv_fcoe_scan(struct priv_client *c, const char *ifname)
{
	return ifreq(c, FCP_FCOE_SCAN, ifname);
}

/* ifname NULL for attach, detach and ping. */
int
priv_lldpad_send(struct priv_client *c, enum fcp_lq kind, const char *ifname)
{
	struct fcp_lldpad_send req;

	memset(&req, 0, sizeof(req));
	req.kind = (uint32_t)kind;
	copy_name(req.ifname, ifname);
	return request(c, FCP_LLDPAD_SEND, &req, NULL);
}

int
priv_lldpad_connect(struct priv_client *c)
{
	return request(c, FCP_LLDPAD_CONNECT, NULL, NULL);
}

/* Out of range must stay out of range after narrowing. */
static uint8_t
narrow(unsigned v)
{
	return v > UINT8_MAX ? UINT8_MAX : (uint8_t)v;
}

int
priv_fip_send(struct priv_client *c, const char *ifname, enum fcp_mode mode)
{
	struct fcp_fip_send req;

	memset(&req, 0, sizeof(req));
	copy_name(req.ifname, ifname);
	req.mode = narrow((unsigned)mode);
	return request(c, FCP_FIP_SEND, &req, NULL);
}

int
priv_vlan_create(struct priv_client *c, const char *real, unsigned vid,
    enum fcp_vlan_why why)
{
	struct fcp_vlan_create req;

	memset(&req, 0, sizeof(req));
	copy_name(req.ifname, real);
	req.vid = vid > UINT16_MAX ? UINT16_MAX : (uint16_t)vid;
	req.why = narrow((unsigned)why);
	return request(c, FCP_VLAN_CREATE, &req, NULL);
}

int
priv_vlan_destroy(struct priv_client *c, const char *ifname)
{
	return ifreq(c, FCP_VLAN_DESTROY, ifname);
}

int
priv_fip_resp(struct priv_client *c, const char *ifname, int on)
{
	struct fcp_fip_resp req;

	memset(&req, 0, sizeof(req));
	copy_name(req.ifname, ifname);
	req.on = narrow((unsigned)on);
	return request(c, FCP_FIP_RESP, &req, NULL);
}

int
priv_poll_notice(struct priv_client *c)
{
	unsigned char buf[FCP_MAX_RECORD];
	size_t n;
	int r, status;

	if (c->state == PRIV_S_DEAD)
		return client_dies(c, c->dead_errno, c->why);
	if ((r = read_record(c, buf, sizeof(buf), &n)) <= 0)
		return r;
	/* Idle: no request is outstanding, so only a notice can match. */
	if (take_record(c, buf, n, FCP_SIGNAL, NULL, &status) < 0)
		return -1;
	return 1;
}

/* Start-up is over (monitor/io/ready.c): the actuator tells systemd. */
int
priv_sd_ready(struct priv_client *c, unsigned up, unsigned wanted,
    bool timed_out)
{
	struct fcp_sd_ready req;

	memset(&req, 0, sizeof(req));
	req.wanted = wanted > FCP_READY_MAX ? FCP_READY_MAX : wanted;
	req.up = up > req.wanted ? req.wanted : up;
	req.timed_out = timed_out;
	return request(c, FCP_SD_READY, &req, NULL);
}
