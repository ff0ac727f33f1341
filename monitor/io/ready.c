/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): when start-up is over, for systemd's
 * readiness (fcoemond(8) "Readiness").  Over means every configured
 * interface (FCOE_ENABLE="yes", not given up on for bad DCB) has its
 * instance enabled with the fc_host port Online -- logged in, so the
 * kernel is scanning its LUNs -- or READY_WAIT_MS have passed since the
 * monitor started.  Then the actuator, systemd's MainPID, is asked once to
 * send READY=1 (FCP_SD_READY: counts only).  Until then the engine's rows
 * and sysfs are looked at after every cycle (a link, a create, a DCB
 * answer) and once at the deadline; only the login itself -- an instance
 * enabled, its port not yet Online -- changes without an event the monitor
 * sees, so only then a short timer polls.  An idle monitor still waiting
 * for a link wakes up for nothing; afterwards nothing runs here.
 */
#include <stdio.h>
#include <string.h>
#include <event2/event.h>

#include "monitor/io/loop.h"
#include "monitor/io/adopt.h"
#include "monitor/util/clock.h"
#include "monitor/util/log.h"

#define READY_WAIT_MS	30000	/* the bounded wait: well inside systemd's
				 * default start timeout (90 s) */
#define READY_POLL_MS	250	/* the port's login, looked at */
#define READY_EVENT_MS	400	/* full checks after events, at most */

struct tally {
	unsigned	 up, wanted;
	unsigned	 logging_in;	/* enabled, port not Online yet */
	char		 first[64];	/* the first one still waited for */
	char		 first_if[16];	/* its interface */
	unsigned	 more;		/* and how many others */
};

/* What the engine's own view says is still missing, before any sysfs. */
static const char *
waiting_link(const struct eng_row *r)
{
	if (r->link == ENG_LINK_ABSENT)
		return "no such interface yet";
	if (r->link == ENG_LINK_DOWN)
		return "link down";
	return NULL;
}

static const char *
waiting_inst(const struct kinst *k)
{
	if (k->ctlr < 0)
		return "no instance yet";
	if (!k->enabled)
		return "instance disabled";
	return NULL;
}

static void
count(void *arg, const struct eng_row *r)
{
	struct tally *t = arg;
	const char *why;
	struct kinst k = { .ctlr = -1 };

	if (!r->enable || r->admin_made || r->dcb_step == DCB_GAVE_UP)
		return;		/* nothing to wait for: it will not be made */
	t->wanted++;
	/* sysfs only where the link is up: a link storm at boot is when
	 * this runs most, and most of its rows are then down */
	if ((why = waiting_link(r)) == NULL) {
		adopt_instance("", r->ifname, &k);
		why = waiting_inst(&k);
	}
	if (why == NULL && strcmp(k.port_state, "Online") == 0) {
		t->up++;
		return;
	}
	t->logging_in += why == NULL;
	if (t->first[0] != '\0') {
		t->more++;
		return;
	}
	snprintf(t->first_if, sizeof(t->first_if), "%s", r->ifname);
	if (why != NULL)
		snprintf(t->first, sizeof(t->first), "%s (%s)", r->ifname, why);
	else
		snprintf(t->first, sizeof(t->first), "%s (port %s)", r->ifname,
		    k.port_state[0] ? k.port_state : "unknown");
}

static void
check(struct mon *m)
{
	uint64_t now = clock_ms(), waited = now - m->ready.t0;
	struct timeval tv = { 0, READY_POLL_MS * 1000 };
	struct tally t = { 0 };
	bool timed_out;
	int r;

	m->ready.last = now;
	(void)engine_status(m->eng, NULL, now, count, &t);
	memcpy(m->ready.wait_if, t.first_if, sizeof(m->ready.wait_if));
	timed_out = t.up < t.wanted;
	if (timed_out && waited < READY_WAIT_MS && !m->ready.expired) {
		if (t.logging_in == 0)
			event_del(m->ready.poll);
		else if (!event_pending(m->ready.poll, EV_TIMEOUT, NULL))
			event_add(m->ready.poll, &tv);
		snprintf(m->ready.msg, sizeof(m->ready.msg), "starting: %u of "
		    "%u configured FCoE instances up; waiting for %s%s, at "
		    "most %u s more", t.up, t.wanted, t.first, t.more ?
		    " and others" : "", (unsigned)((READY_WAIT_MS - waited +
		    999) / 1000));
		return;
	}
	m->ready.done = true;
	event_del(m->ready.poll);
	event_del(m->ready.later);
	event_del(m->ready.deadline);
	snprintf(m->ready.msg, sizeof(m->ready.msg), "ready: %u of %u "
	    "configured FCoE instance%s up%s%s%s", t.up, t.wanted,
	    t.wanted == 1 ? "" : "s", timed_out ? "; stopped waiting for " :
	    "", timed_out ? t.first : "", t.more ? " and others" : "");
	log_notice("start-up done after %.1f s: %s", waited / 1000.0,
	    m->ready.msg + strlen("ready: "));
	r = priv_sd_ready(&m->priv, t.up, t.wanted, timed_out);
	if (r > 0)
		log_warnx("readiness not passed on to systemd: %s",
		    strerror(r));
}

/*
 * The login poll.  A full check reads every wanted instance's sysfs: 100
 * VLANs logging in at once, polled 4 times a second, cost the monitor
 * more CPU than their link events (vm-compare's storm).  While the first
 * one the last full check waited for is still not Online, start-up is not
 * over whatever the others do, so only that one is read; when it is
 * Online a full check looks at all (as does one after engine cycles,
 * ready_cycle).  The counts in the status words are the last full check's.
 */
static bool
still_waiting(const struct mon *m)
{
	struct kinst k = { .ctlr = -1 };

	if (m->ready.wait_if[0] == '\0')
		return false;
	adopt_instance("", m->ready.wait_if, &k);
	return k.ctlr < 0 || !k.enabled || strcmp(k.port_state, "Online") != 0;
}

static void
on_poll(evutil_socket_t fd, short what, void *arg)
{
	struct mon *m = arg;

	(void)fd;
	(void)what;
	if (!m->ready.done && !still_waiting(m))
		check(m);
}

static void
on_later(evutil_socket_t fd, short what, void *arg)
{
	struct mon *m = arg;

	(void)fd;
	(void)what;
	if (!m->ready.done)
		check(m);
}

static void
on_deadline(evutil_socket_t fd, short what, void *arg)
{
	struct mon *m = arg;

	(void)fd;
	(void)what;
	m->ready.expired = true;
	check(m);
}

/* After the sandbox, once the configuration is loaded. */
void
ready_start(struct mon *m, uint64_t t0)
{
	uint64_t spent = clock_ms() - t0,
	    left = spent < READY_WAIT_MS ? READY_WAIT_MS - spent : 0;
	struct timeval tv = { (time_t)(left / 1000),
	    (suseconds_t)(left % 1000) * 1000 };

	m->ready.t0 = t0;
	snprintf(m->ready.msg, sizeof(m->ready.msg), "starting");
	if ((m->ready.poll = event_new(m->base, -1, EV_PERSIST, on_poll,
	    m)) == NULL || (m->ready.deadline = evtimer_new(m->base, on_deadline,
	    m)) == NULL || (m->ready.later = evtimer_new(m->base, on_later,
	    m)) == NULL || evtimer_add(m->ready.deadline, &tv) != 0)
		fatalx("libevent set-up failed");
	check(m);	/* nothing configured: ready at once */
}

/*
 * After a cycle of the engine: a full check, at most every READY_EVENT_MS
 * (100 VLANs set up at once are some 300 events in under a second; checked
 * per event they cost the monitor 640 ms of CPU in vm-compare's storm); a
 * cycle sooner than that puts one off until then, once.
 */
void
ready_cycle(struct mon *m)
{
	uint64_t since;
	struct timeval tv;

	if (m->ready.done)
		return;
	since = clock_ms() - m->ready.last;
	if (since >= READY_EVENT_MS) {
		check(m);
		return;
	}
	tv.tv_sec = 0;
	tv.tv_usec = (suseconds_t)(READY_EVENT_MS - since) * 1000;
	if (!evtimer_pending(m->ready.later, NULL))
		(void)evtimer_add(m->ready.later, &tv);
}

void
ready_words(const struct mon *m, char *buf, size_t n)
{
	snprintf(buf, n, "%s", m->ready.msg);
}
