/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: the request loop.  One request at a time; framing
 * violations end the actuator (the monitor is the only peer, so a bad frame
 * means it is broken or subverted); signals are relayed as notices.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>

#include "actuator/actuator.h"
#include "privsep/privsep.h"

#define EXIT_VIOLATION	2

static const int relayed[] = { SIGTERM, SIGHUP, SIGUSR1, SIGINT };
static volatile sig_atomic_t pending[NSIG];
static sigset_t wait_mask;	/* the mask ppoll waits with */

static void
on_signal(int sig)
{
	pending[sig] = 1;
}

/*
 * Relayed signals stay blocked except while waiting in ppoll: no race.
 * Called before the sandbox, which has no rt_sigaction.
 */
void
relay_setup(void)
{
	struct sigaction sa;
	sigset_t block;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&block);
	for (i = 0; i < sizeof(relayed) / sizeof(relayed[0]); i++) {
		sigaddset(&block, relayed[i]);
		sigaction(relayed[i], &sa, NULL);
	}
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	/* stderr may be a pipe that goes away (a journal stream restart). */
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < sizeof(relayed) / sizeof(relayed[0]); i++)
		sigdelset(&wait_mask, relayed[i]);
}

static int
relay_signals(void)
{
	struct fcp_signal n;
	size_t i;

	for (i = 0; i < sizeof(relayed) / sizeof(relayed[0]); i++) {
		if (!pending[relayed[i]])
			continue;
		pending[relayed[i]] = 0;
		audit_record(LOG_NOTICE, "seq=0 phase=event event=signal "
		    "signo=%d", relayed[i]);
		memset(&n, 0, sizeof(n));
		n.signo = (uint32_t)relayed[i];
		if (chan_send(ACT_FD_IPC, FCP_SIGNAL, 0, 0, &n, sizeof(n)) != 0)
			return -1;
	}
	return 0;
}

/* The monitor broke the protocol: audited, and the actuator exits. */
void
violation(const char *reason, uint32_t seq)
{
	audit_record(LOG_WARNING, "seq=%u phase=event event=violation "
	    "reason=%s", seq, reason);
	log_msg(LOG_ERR, "protocol violation by the monitor (%s): exiting",
	    reason);
	exit(EXIT_VIOLATION);
}

/* Frame, order and sequence checks; returns the checked header. */
static void
check_frame(const unsigned char *buf, ssize_t n, uint32_t *last_seq,
    struct fcp_hdr *h)
{
	int err = fcp_check_request(buf, (size_t)n);

	memset(h, 0, sizeof(*h));
	if (n >= (ssize_t)sizeof(*h))
		memcpy(h, buf, sizeof(*h));
	if (err != FCP_FRAME_OK)
		violation(fcp_frame_err_str(err), h->seq);
	if (h->seq <= *last_seq)
		violation("seq", h->seq);
	if (*last_seq == 0 && h->type != FCP_HELLO)
		violation("no_hello", h->seq);
	if (*last_seq != 0 && h->type == FCP_HELLO)
		violation("hello_again", h->seq);
	*last_seq = h->seq;
}

/*
 * The monitor hung up: it normally exits right after.  If it only closed
 * the channel, give up after 5 s; PDEATHSIG ends it when we exit.
 */
static int
reap(pid_t pid)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int st, i, status;
	pid_t r;

	for (i = 0; i < 500; i++) {
		r = waitpid(pid, &st, WNOHANG);
		if (r == pid) {
			status = WIFEXITED(st) ? WEXITSTATUS(st) :
			    128 + WTERMSIG(st);
			audit_record(LOG_NOTICE, "seq=0 phase=event "
			    "event=peer_exit pid=%d status=%d", (int)pid,
			    status);
			return status;
		}
		if (r == -1 && errno != EINTR)
			break;
		clock_nanosleep(CLOCK_MONOTONIC, 0, &tick, NULL);
	}
	audit_record(LOG_WARNING, "seq=0 phase=event event=peer_exit pid=%d "
	    "status=unknown", (int)pid);
	return 1;
}

/* Serve until the monitor hangs up; then reap it and return its status. */
int
serve(pid_t monitor)
{
	unsigned char buf[FCP_MAX_MSG];	/* longer records: truncated */
	struct pollfd p = { .fd = ACT_FD_IPC, .events = POLLIN };
	uint32_t last_seq = 0;
	struct fcp_hdr h;
	ssize_t n;
	int err;

	for (;;) {
		p.revents = 0;
		if (ppoll(&p, 1, NULL, &wait_mask) == -1 && errno != EINTR)
			fatal("ppoll");
		if (relay_signals() != 0)
			break;
		if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		n = chan_recv(ACT_FD_IPC, buf, sizeof(buf), &err);
		if (err == CHAN_EOF)
			break;
		if (err != CHAN_OK && !(err == CHAN_IO && errno == EAGAIN))
			violation(chan_err_str(err), 0);
		if (n < 0)
			continue;
		check_frame(buf, n, &last_seq, &h);
		if (act_dispatch(&h, buf + sizeof(h)) != 0)
			break;
	}
	return reap(monitor);
}
