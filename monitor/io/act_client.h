/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the client stubs of the actuator's
 * typed requests (doc/design.md "Monitor-actuator protocol",
 * SECURITY.md §3), one function per operation.
 *
 * One request is in flight at a time: each stub sends its request and
 * blocks until the matching reply arrives or the timeout runs out.  SIGNAL
 * notices that arrive meanwhile are queued for priv_take_signal().
 *
 * Return values of the request stubs (priv_hello ... priv_lldpad_connect):
 *    0        done;
 *   >0        the errno the actuator replied (ENODEV, EEXIST, ENOPKG...),
 *             or a local refusal that never reached the wire: EINVAL for
 *             an argument the proto validators reject (the actuator would
 *             have replied the same errno, see fcp_validate()), ENOTCONN
 *             before priv_hello(), EALREADY for a second priv_hello();
 *   -1        FATAL, errno says why: EPROTO (a record that is not the
 *             matching reply or a notice: wrong seq, type, magic,
 *             version, length, a control message, truncation), ETIMEDOUT
 *             (no reply in time), EPIPE (EOF: the actuator is gone), or the
 *             errno of a failed send/poll/recv.  The client is then dead:
 *             every later call returns -1 at once with the same errno, and
 *             the caller must exit -- the two sides no longer agree on what
 *             was done, and the actuator exits with us
 *             (doc/design.md "Processes and trust").
 */
#ifndef ACT_CLIENT_H
#define ACT_CLIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "proto/fcp.h"

#define PRIV_TIMEOUT_MS	10000	/* a sysfs write takes ms */
#define PRIV_SIGQ	8	/* relayed signals: TERM, HUP, USR1 */
/* FIP frames received while a request waits or before the loop takes
 * them; more are dropped and counted (the actuator rate-limits them to
 * 50/s in all, and a request waits milliseconds). */
#define PRIV_FIPQ	8
#define PRIV_DROPQ	8

/* A relayed FIP frame (FIP_FRAME notice), as checked by fcp_check_notice. */
struct priv_fip {
	uint32_t	ifindex;
	uint8_t		pkttype;
	uint16_t	len;
	uint8_t		bytes[FCP_FIP_MAX];
};

/* Fields are private to act_client.c; the struct is public so it needs
 * no allocation. */
struct priv_client {
	int		fd;		/* FCP_FD_IPC in production */
	uint32_t	seq;		/* last seq sent; 0 before HELLO */
	int		timeout_ms;
	int		state;		/* PRIV_S_* in act_client.c */
	int		dead_errno;	/* the fatal errno, once dead */
	const char     *why;		/* short reason for the log */
	unsigned	nsig;
	int		sigq[PRIV_SIGQ];
	unsigned	fip_head, nfip;
	struct priv_fip	fipq[PRIV_FIPQ];
	uint32_t	fip_lost;	/* frames the queue had no room for */
	unsigned	ndrop;
	struct { uint32_t ifindex, dropped; } dropq[PRIV_DROPQ];
	/* Called after a request if notices were queued while it waited:
	 * their bytes are read, so the channel will not wake the loop for
	 * them again (a SIGTERM relayed during a request was lost). */
	void	      (*queued)(void *);
	void	       *queued_arg;
};

void	priv_init(struct priv_client *c, int fd);
void	priv_set_timeout(struct priv_client *c, int ms);
int	priv_is_dead(const struct priv_client *c);
const char *priv_why(const struct priv_client *c);

int	priv_hello(struct priv_client *c, struct fcp_hello_rep *out);
int	priv_fcoe_create(struct priv_client *c, const char *ifname,
	    enum fcp_mode mode);
int	priv_fcoe_prepare(struct priv_client *c, const char *ifname,
	    enum fcp_mode mode);
int	priv_fcoe_destroy(struct priv_client *c, const char *ifname);
int	priv_fcoe_enable(struct priv_client *c, const char *ifname);
int	priv_fcoe_disable(struct priv_client *c, const char *ifname);
int	priv_fcoe_reset(struct priv_client *c, const char *ifname);
int	priv_fcoe_scan(struct priv_client *c, const char *ifname);
int	priv_lldpad_send(struct priv_client *c, enum fcp_lq kind,
	    const char *ifname);
int	priv_lldpad_connect(struct priv_client *c);
int	priv_sd_ready(struct priv_client *c, unsigned up, unsigned wanted,
	    bool timed_out);
int	priv_fip_send(struct priv_client *c, const char *ifname,
	    enum fcp_mode mode);
int	priv_vlan_create(struct priv_client *c, const char *real,
	    unsigned vid, enum fcp_vlan_why why);
int	priv_vlan_destroy(struct priv_client *c, const char *ifname);
int	priv_fip_resp(struct priv_client *c, const char *ifname, int on);

/* 1 and *out filled with the oldest queued FIP frame, else 0. */
int	priv_take_fip(struct priv_client *c, struct priv_fip *out);
/* 1 and the frames the actuator dropped on ifindex (0: not one of its
 * table) since the last report, coalesced per interface; else 0. */
int	priv_take_drops(struct priv_client *c, uint32_t *ifindex,
	    uint32_t *dropped);

/* 1 and *signo set if a relayed signal was queued, else 0. */
int	priv_take_signal(struct priv_client *c, int *signo);

/*
 * For the event loop when fd 3 is readable while no request is in flight:
 * reads at most one record without blocking.  1: a notice was queued
 * (take it with priv_take_signal, priv_take_fip, priv_take_drops); 0:
 * nothing to read; -1: fatal as above (EPIPE on EOF, EPROTO for anything
 * but a notice).
 */
int	priv_poll_notice(struct priv_client *c);

#endif
