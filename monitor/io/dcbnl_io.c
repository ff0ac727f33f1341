/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the dcbnl adapter (dcbnl_io.h).  The
 * socket is opened at start-up, before the sandbox; afterwards only
 * sendmsg and recvmsg on it.  Every datagram must come from the kernel
 * (port id 0); each netlink message in it is parsed by dcbnl_parse() and
 * handed on.  Error answers carry no interface name, so the requests in
 * flight are remembered by sequence number.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/dcbnl.h>
#include <linux/rtnetlink.h>
#include <event2/event.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "monitor/io/dcbnl_io.h"
#include "monitor/util/log.h"

#define ASKED_MAX	64	/* requests in flight remembered */

struct asked {
	uint32_t	seq;		/* 0: free */
	char		ifname[DCBNL_IFNAMSIZ];
};

struct dcbnl_io {
	struct nl_sock	*sk;
	struct event	*ev;
	dcbnl_io_cb	 cb;
	dcbnl_io_lost_cb lost;
	void		*arg;
	struct asked	 asked[ASKED_MAX];
	unsigned	 next;		/* round robin: the oldest goes */
	unsigned long	 foreign;	/* datagrams not from the kernel */
};

int
dcbnl_io_ask(struct dcbnl_io *d, unsigned cmd, const char *ifname,
    uint32_t *seq)
{
	struct dcbmsg hdr = { .dcb_family = AF_UNSPEC, .cmd = (uint8_t)cmd };
	struct nl_msg *msg;
	struct asked *a;
	int rc;

	if (d == NULL)
		return EOPNOTSUPP;
	if ((msg = nlmsg_alloc_simple(RTM_GETDCB, NLM_F_REQUEST)) == NULL)
		return ENOMEM;
	if (nlmsg_append(msg, &hdr, sizeof(hdr), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(msg, DCB_ATTR_IFNAME, ifname) < 0) {
		nlmsg_free(msg);
		return ENOMEM;
	}
	rc = nl_send_auto(d->sk, msg);
	*seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	if (rc < 0)
		return EIO;
	a = &d->asked[d->next];
	d->next = (d->next + 1) % ASKED_MAX;
	a->seq = *seq;
	snprintf(a->ifname, sizeof(a->ifname), "%s", ifname);
	return 0;
}

/* The interface a reply answers; forgets the request.  NULL: not ours. */
static const char *
answered(struct dcbnl_io *d, uint32_t seq, char *buf)
{
	unsigned k;

	for (k = 0; seq != 0 && k < ASKED_MAX; k++)
		if (d->asked[k].seq == seq) {
			d->asked[k].seq = 0;
			memcpy(buf, d->asked[k].ifname, DCBNL_IFNAMSIZ);
			return buf;
		}
	return NULL;
}

static void
one(struct dcbnl_io *d, const struct nlmsghdr *h, size_t len)
{
	struct dcbnl_info info;
	char name[DCBNL_IFNAMSIZ];
	const char *ifname;

	dcbnl_parse(h, len, &info);
	/* A notification carries the sequence number and port of whoever
	 * made the change (lldpad): never taken for an answer of ours. */
	if (h->nlmsg_type == RTM_SETDCB) {
		if (info.kind == DCBNL_MESSAGE && info.ifname[0] != '\0')
			d->cb(d->arg, info.ifname, 0, &info);
		else
			log_debug("dcbnl: notification not understood: %s",
			    info.why ? info.why : "no interface name");
		return;
	}
	if (h->nlmsg_pid != nl_socket_get_local_port(d->sk) ||
	    (ifname = answered(d, h->nlmsg_seq, name)) == NULL) {
		log_debug("dcbnl: message of seq %u answers nothing asked",
		    h->nlmsg_seq);
		return;
	}
	if (info.kind == DCBNL_MALFORMED)
		log_warnx("dcbnl: malformed answer about %s: %s", ifname,
		    info.why ? info.why : "?");
	d->cb(d->arg, ifname, h->nlmsg_seq, &info);
}

static void
on_read(evutil_socket_t fd, short what, void *arg)
{
	struct dcbnl_io *d = arg;
	struct sockaddr_nl from;
	unsigned char *buf = NULL;
	struct nlmsghdr *h;
	int n, i;

	(void)fd;
	(void)what;
	for (i = 0; i < 64; i++) {
		n = nl_recv(d->sk, &from, &buf, NULL);
		if (n == -NLE_NOMEM) {
			log_warnx("dcbnl: notifications lost (receive buffer "
			    "overrun); asking again");
			d->lost(d->arg);
			continue;
		}
		if (n <= 0)
			break;
		if (from.nl_pid != 0) {
			if (d->foreign++ == 0)
				log_warnx("dcbnl: dropped a datagram not from "
				    "the kernel (port %u)", from.nl_pid);
		} else {
			for (h = (struct nlmsghdr *)buf; nlmsg_ok(h, n);
			    h = nlmsg_next(h, &n))
				one(d, h, (size_t)h->nlmsg_len);
		}
		free(buf);
		buf = NULL;
	}
	free(buf);
}

int
dcbnl_io_open(struct dcbnl_io **out, struct event_base *base, dcbnl_io_cb cb,
    dcbnl_io_lost_cb lost, void *arg)
{
	struct dcbnl_io *d = calloc(1, sizeof(*d));
	int rc = -NLE_NOMEM;

	*out = NULL;
	if (d == NULL || (d->sk = nl_socket_alloc()) == NULL)
		goto fail;
	d->cb = cb;
	d->lost = lost;
	d->arg = arg;
	/* Answers and notifications share the socket: sequence numbers
	 * are matched here, not by libnl. */
	nl_socket_disable_seq_check(d->sk);
	/* Answers only; a failed request still gets its NLMSG_ERROR. */
	nl_socket_disable_auto_ack(d->sk);
	if ((rc = nl_connect(d->sk, NETLINK_ROUTE)) < 0 ||
	    (rc = nl_socket_add_membership(d->sk, RTNLGRP_DCB)) < 0 ||
	    (rc = nl_socket_set_nonblocking(d->sk)) < 0)
		goto fail;
	d->ev = event_new(base, nl_socket_get_fd(d->sk), EV_READ | EV_PERSIST,
	    on_read, d);
	if (d->ev == NULL || event_add(d->ev, NULL) != 0) {
		rc = -NLE_NOMEM;
		goto fail;
	}
	*out = d;
	return 0;
fail:
	if (d != NULL) {
		if (d->ev != NULL)
			event_free(d->ev);
		if (d->sk != NULL)
			nl_socket_free(d->sk);
		free(d);
	}
	errno = rc == -NLE_NOMEM ? ENOMEM : EIO;
	log_warnx("dcbnl: %s", nl_geterror(rc));
	return -1;
}
