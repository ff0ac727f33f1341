/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: the request loop.  One request at a time; framing
 * violations end the actuator and the monitor (the only peer, so a bad
 * frame means it is broken or subverted); signals are relayed as notices.
 * The audit records each request class may cause are budgeted (budget.c):
 * a monitor over budget is slowed (its next request is read later), never
 * a record dropped.  The monitor's stderr is relayed here (relay.c).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>

#include "actuator/actuator.h"
#include "privsep/privsep.h"

#define EXIT_VIOLATION	2
#define IDLE_FLUSH_MS	1000	/* a pending repeat count waits no longer */

static int monitor_pidfd = -1, ready_fd = -1;

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

/* The monitor's pidfd (ACT_FD_PIDFD) and stderr pipe (ACT_FD_RELAY), or -1. */
void
serve_fds(int pidfd, int relay)
{
	monitor_pidfd = pidfd;
	stderr_relay_fd(relay);
}

/* Daemon mode: fd to write one byte to once the monitor's HELLO is served. */
void
serve_ready(int fd)
{
	ready_fd = fd;
}

static void
report_ready(void)
{
	if (ready_fd < 0)
		return;
	(void)!write(ready_fd, "R", 1);
	close(ready_fd);
	ready_fd = -1;
}

/* SIGKILL through the pidfd: the pid cannot have been reused. */
static void
kill_monitor(const char *why)
{
	if (monitor_pidfd < 0)
		return;
	if (syscall(SYS_pidfd_send_signal, monitor_pidfd, SIGKILL, NULL, 0)
	    == 0)
		audit_record(LOG_WARNING, "seq=0 phase=event event=kill "
		    "signo=%d reason=%s", SIGKILL, why);
	else
		log_msg(LOG_ERR, "cannot kill the monitor: %s",
		    strerror(errno));
}

/*
 * The monitor broke the protocol: audited, the monitor killed, and the
 * actuator exits.
 */
void
violation(const char *reason, uint32_t seq)
{
	(void)repeat_flush();
	audit_record(LOG_WARNING, "seq=%u phase=event event=violation "
	    "reason=%s", seq, reason);
	log_msg(LOG_ERR, "protocol violation by the monitor (%s): exiting",
	    reason);
	kill_monitor("violation");
	exit(EXIT_VIOLATION);
}

/* A reply the monitor does not take within CHAN_SEND_WAIT_MS: stalled. */
static int
sent(int r)
{
	if (r != 0 && errno == ETIMEDOUT)
		violation("stalled", 0);
	return r;
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
		if (sent(chan_send(ACT_FD_IPC, FCP_SIGNAL, 0, 0, &n,
		    sizeof(n))) != 0)
			return -1;
	}
	return 0;
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
 * the channel, it is killed after 5 s.
 */
static int
reap(pid_t pid)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int st, i, status;
	pid_t r;

	(void)repeat_flush();
	for (i = 0; i < 600; i++) {
		if (i == 500)
			kill_monitor("no_exit");
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

/*
 * Wait for a request (unless over budget), a stderr line, a FIP frame, a
 * due drop count or a signal.
 */
static int
wait_events(struct pollfd *p)
{
	int wait = budget_wait(), ms = -1, due = fip_due();
	struct timespec ts;

	p[0].fd = wait > 0 ? -1 : ACT_FD_IPC;
	p[1].fd = stderr_relay_fd(-2);
	p[0].revents = p[1].revents = p[2].revents = 0;
	if (wait > 0)
		ms = wait;
	if (repeat_pending() && (ms < 0 || ms > IDLE_FLUSH_MS))
		ms = IDLE_FLUSH_MS;
	if (due >= 0 && (ms < 0 || ms > due))
		ms = due;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	return ppoll(p, 3, ms < 0 ? NULL : &ts, &wait_mask);
}

/*
 * A ppoll that finds a descriptor ready returns without delivering a
 * pending signal (the mask comes back first): a flood of frames or
 * requests would hold SIGTERM off.  A zero-timeout ppoll lets them in.
 */
static void
let_signals_in(void)
{
	struct timespec zero = { 0, 0 };

	(void)ppoll(NULL, 0, &zero, &wait_mask);
}

/* One request of the monitor: -1 when it has hung up. */
static int
serve_one(uint32_t *last_seq)
{
	unsigned char buf[FCP_MAX_MSG];	/* longer records: truncated */
	unsigned long long before;
	struct fcp_hdr h;
	ssize_t n;
	int err;

	n = chan_recv(ACT_FD_IPC, buf, sizeof(buf), &err);
	if (err == CHAN_EOF)
		return -1;
	if (err != CHAN_OK && !(err == CHAN_IO && errno == EAGAIN))
		violation(chan_err_str(err), 0);
	if (n < 0)
		return 0;
	check_frame(buf, n, last_seq, &h);
	before = audit_count();
	if (sent(act_dispatch(&h, buf + sizeof(h))) != 0)
		return -1;
	budget_charge(fcp_msg(h.type)->changes, audit_count() - before);
	if (h.type == FCP_HELLO)
		report_ready();
	return 0;
}

/*
 * Serve until the monitor hangs up; then reap it and return its status.
 * Each round serves a request first and then reads a few FIP frames
 * (fip.c): a flood on the wire cannot starve the monitor's requests.
 * Frames wait until the HELLO: no notice comes before its reply.
 */
int
serve(pid_t monitor)
{
	struct pollfd p[3] = { { .events = POLLIN }, { .events = POLLIN },
	    { .fd = -1, .events = POLLIN } };
	uint32_t last_seq = 0;
	int r;

	for (;;) {
		r = wait_events(p);
		if (r == -1 && errno != EINTR)
			fatal("ppoll");
		if (r > 0)
			let_signals_in();
		if (relay_signals() != 0)
			break;
		if (p[1].revents)
			stderr_relay_read();
		if (r == 0 && repeat_pending())
			(void)repeat_flush();
		if ((p[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    serve_one(&last_seq) != 0)
			break;
		p[2].fd = last_seq != 0 ? ACT_FD_FIP : -1;
		if (last_seq != 0)
			fip_relay();
	}
	return reap(monitor);
}
