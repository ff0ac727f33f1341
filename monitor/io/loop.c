/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): start-up after the fd check -- HELLO,
 * config, adoption, links, sandbox -- and the libevent loop.  Every input
 * callback only records what happened and activates one "cycle" event,
 * which libevent runs after the input of this round: the end of cycle of
 * doc/design.md "Engine: end of cycle".
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <event2/event.h>

#include "monitor/io/loop.h"
#include "monitor/io/adopt.h"
#include "monitor/io/inuse.h"
#include "monitor/io/sandbox.h"
#include "monitor/control/srv.h"
#include "monitor/control/status.h"
#include "monitor/util/clock.h"
#include "monitor/util/log.h"
#include "privsep/privsep.h"

#define LOG_LATER_MS	100	/* how long a cycle's log lines may wait */

static void
log_diags(const struct cfg_list *l)
{
	static const int pri[] = { LOG_INFO, LOG_WARNING, LOG_ERR };
	size_t i;

	if (l->dir_failed)
		log_errx("%s: cannot read the configuration directory",
		    l->dir ? l->dir : "?");
	for (i = 0; i < l->diags.n; i++)
		log_msg(pri[l->diags.v[i].sev], "%s", l->diags.v[i].msg);
	log_info("%s: %zu interface%s configured", l->dir ? l->dir : "?",
	    l->n, l->n == 1 ? "" : "s");
}

/* SIGHUP, fcoectl reload: only the difference is applied; a bad file
 * keeps its entry. */
static void
mon_reload(struct mon *m)
{
	struct cfg_list *next = cfg_scan(m->o->cfgdir);

	if (next == NULL) {
		log_errx("reload: out of memory; configuration unchanged");
		return;
	}
	log_info("reloading %s", m->o->cfgdir);
	log_diags(next);
	if (next->dir_failed) {
		log_errx("reload: configuration unchanged");
		cfg_list_free(next);
		return;
	}
	if (cfg_keep_rejected(next, m->cfg) < 0)
		fatalx("reload: out of memory");
	engine_load(m->eng, m->cfg, next);
	cfg_list_free(m->cfg);
	m->cfg = next;
}

static void
dump_line(void *arg, const char *line)
{
	(void)arg;
	log_info("%s", line);
}

static void
on_signal(struct mon *m, int sig)
{
	switch (sig) {
	case SIGHUP:
		mon_reload(m);
		break;
	case SIGUSR1:
		status_dump(m->eng, clock_ms(), dump_line, NULL);
		break;
	case SIGTERM:
	case SIGINT:
		log_notice("exiting on signal %d; FCoE instances stay up", sig);
		m->status = 0;
		event_base_loopbreak(m->base);
		break;
	default:
		log_debug("ignored relayed signal %d", sig);
	}
}

static void
on_log_flush(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	log_flush();
}

/*
 * A cycle's log lines wait LOG_LATER_MS: a link-up's chain of cycles
 * (FIP request, answer, VLAN, instance) runs without the log's readers
 * (syslogd or journald, woken by every line) taking the CPU between its
 * steps.  A line logged outside a cycle, a full queue or fatal() flushes
 * them sooner (monitor/util/log.c).
 */
static void
log_later(struct mon *m)
{
	struct timeval tv = { 0, LOG_LATER_MS * 1000 };

	if (log_held() > 0 && !evtimer_pending(m->ev_logflush, NULL))
		evtimer_add(m->ev_logflush, &tv);
}

static void
cycle(evutil_socket_t fd, short what, void *arg)
{
	struct mon *m = arg;
	struct timeval tv;
	uint64_t now = clock_ms(), due;
	int sig;

	(void)fd;
	(void)what;
	log_hold(1);	/* until the flush timer: see log_later() */
	/* A relayed signal or FIP frame may be queued while a request is
	 * out: handle it and run again until none is left. */
	for (;;) {
		if (engine_run(m->eng, now) < 0)
			fatalx("actuator: %s; exiting", priv_why(&m->priv));
		if (priv_take_signal(&m->priv, &sig))
			on_signal(m, sig);
		else if (!mon_fip_take(m))
			break;
		now = clock_ms();
	}
	log_hold(0);
	log_later(m);
	ready_cycle(m);
	due = engine_next_due(m->eng);
	if (due == m->timer_at)
		return;
	m->timer_at = due;
	if (due == ENG_NEVER) {
		evtimer_del(m->ev_timer);
		return;
	}
	due = due > now ? due - now : 0;
	tv.tv_sec = (time_t)(due / 1000);
	tv.tv_usec = (suseconds_t)(due % 1000) * 1000;
	evtimer_add(m->ev_timer, &tv);
}

/* Something changed: run the end of cycle once this round's input is in. */
static void
mon_kick(struct mon *m)
{
	event_active(m->ev_cycle, EV_TIMEOUT, 0);
}

/* Notices that came in while a request waited, wherever it was made (the
 * end of cycle, readiness, a control server): run the cycle for them. */
static void
kick_queued(void *arg)
{
	mon_kick(arg);
}

static void
on_ipc(evutil_socket_t fd, short what, void *arg)
{
	struct mon *m = arg;
	int r;

	(void)fd;
	(void)what;
	while ((r = priv_poll_notice(&m->priv)) == 1)
		;
	if (r < 0) {
		if (errno == EPIPE) {
			log_notice("the actuator is gone; exiting");
			exit(0);
		}
		fatalx("actuator: %s; exiting", priv_why(&m->priv));
	}
	mon_kick(m);
}

static void
on_lldpad(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	mon_lldpad_read(arg);
	mon_kick(arg);
}

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct mon *m = arg;

	(void)fd;
	(void)what;
	m->timer_at = ENG_NEVER;
	engine_timer(m->eng, clock_ms());
	mon_kick(m);
}

static void
on_link(const struct link_event *ev, void *arg)
{
	struct mon *m = arg;

	engine_link(m->eng, ev);
	mon_kick(m);
}

static void
on_dcbnl(void *arg, const char *ifname, uint32_t seq,
    const struct dcbnl_info *info)
{
	struct mon *m = arg;

	engine_dcbnl(m->eng, ifname, seq, info);
	mon_kick(m);
}

static void
on_dcbnl_lost(void *arg)
{
	struct mon *m = arg;

	engine_dcbnl_resync(m->eng);
	mon_kick(m);
}

/*
 * After the control servers are open: the actuator takes a served HELLO as
 * the end of start-up (fcoemond without -f exits 0 then), so by that time
 * fcoeadm and fcoectl can be answered, and a second daemon (whose @fcm_clif
 * is taken) has already stopped, failing the start.
 */
static void
hello(struct mon *m)
{
	const struct fcp_hello_rep *h = &m->hello;
	int r = priv_hello(&m->priv, &m->hello);

	if (r != 0)
		fatalx("actuator HELLO: %s", r < 0 ? priv_why(&m->priv) :
		    strerror(r));
	log_info("actuator: protocol %u, kernel interface %s, seccomp %s, "
	    "landlock %s", h->version, fcp_kif_name(h->kif),
	    fcp_seccomp_name(h->seccomp), h->landlock_abi > 0 ? "on" : "off");
	snprintf(m->version, sizeof(m->version), "fcoemond %s; kernel "
	    "interface %s; actuator seccomp %s, landlock %s; monitor seccomp "
	    "%s", VERSION, fcp_kif_name(h->kif), fcp_seccomp_name(h->seccomp),
	    h->landlock_abi > 0 ? "on" : "off",
	    fcp_seccomp_name(m->o->seccomp));
}

static void
sandbox(struct mon *m)
{
	char why[128];
	int abi = sandbox_landlock(m->o->cfgdir, why, sizeof(why));

	if (abi == 0)
		log_warnx("landlock not in force: %s", why);
	if (sandbox_seccomp(m->o->seccomp, 2) != 0)
		fatal("loading the seccomp filter");
	log_info("sandbox: no capabilities, seccomp %s, landlock %s",
	    fcp_seccomp_name(m->o->seccomp), abi > 0 ? "on" : "off");
}

/* ---- what the control servers are given at open time ---- */

static void
srv_kick(void *arg)
{
	mon_kick(arg);
}

static void
srv_reload(void *arg)
{
	mon_reload(arg);
}

static bool
srv_link_exists(void *arg, const char *ifname)
{
	struct mon *m = arg;

	return m->links != NULL && links_by_name(m->links, ifname) != NULL;
}

static void
srv_kernel(void *arg, const char *ifname, struct srv_kernel *out)
{
	struct kinst k;

	(void)arg;
	adopt_instance("", ifname, &k);
	out->ctlr = k.ctlr;
	out->host = k.host;
	out->enabled = k.enabled != 0;
	_Static_assert(sizeof(out->port_state) == sizeof(k.port_state), "ps");
	memcpy(out->port_state, k.port_state, sizeof(out->port_state));
}

/* A disk of the instance still mounted or held: the root of a host
 * booted from SAN stays until the very end. */
static bool
logout_keep(void *arg, const char *ifname)
{
	char why[128];

	(void)arg;
	if (!inuse_instance(ifname, why, sizeof(why)))
		return false;
	log_notice("%s: FCoE instance kept at logout: %s", ifname, why);
	return true;
}

static int
srv_logout(void *arg)
{
	struct mon *m = arg;
	unsigned n;

	if (engine_logout(m->eng, clock_ms(), logout_keep, m, &n) < 0)
		fatalx("actuator: %s; exiting", priv_why(&m->priv));
	return (int)n;
}

static void
srv_readiness(void *arg, char *buf, size_t n)
{
	ready_words(arg, buf, n);
}

/* Before the HELLO and before anything is adopted or made: a second
 * daemon stops here.  m->version is filled at the HELLO, before any client
 * is served. */
static void
open_servers(struct mon *m)
{
	m->srv = (struct srv_env){ .base = m->base, .eng = m->eng,
	    .clif_fd = m->o->clif_fd, .ctl_fd = m->o->ctl_fd,
	    .version = m->version, .arg = m,
	    .kick = srv_kick, .reload = srv_reload,
	    .link_exists = srv_link_exists, .kernel = srv_kernel,
	    .readiness = srv_readiness, .logout = srv_logout };
	clif_srv_open(&m->srv);
	ctl_srv_open(&m->srv);
}

static void
setup_events(struct mon *m)
{
	if ((m->base = event_base_new()) == NULL ||
	    (m->ev_cycle = event_new(m->base, -1, 0, cycle, m)) == NULL ||
	    (m->ev_timer = evtimer_new(m->base, on_timer, m)) == NULL ||
	    (m->ev_logflush = evtimer_new(m->base, on_log_flush, m)) == NULL ||
	    (m->ev_ipc = event_new(m->base, FCP_FD_IPC, EV_READ | EV_PERSIST,
	    on_ipc, m)) == NULL ||
	    (m->ev_lldpad = event_new(m->base, FCP_FD_LLDPAD,
	    EV_READ | EV_PERSIST, on_lldpad, m)) == NULL ||
	    event_add(m->ev_ipc, NULL) != 0 ||
	    event_add(m->ev_lldpad, NULL) != 0)
		fatalx("libevent set-up failed");
}

int
mon_run(const struct mon_opts *o)
{
	static struct mon m;
	struct eng_ops ops;
	struct cfg_list *none;
	uint64_t t0 = clock_ms();

	m.o = o;
	m.status = 1;
	m.timer_at = ENG_NEVER;
	signal(SIGPIPE, SIG_IGN);
	priv_init(&m.priv, FCP_FD_IPC);
	m.priv.queued = kick_queued;
	m.priv.queued_arg = &m;
	mon_check_user();
	setup_events(&m);
	/* IEEE DCBX is read from the kernel, before the sandbox closes
	 * socket(); without it the CEE path through lldpad remains. */
	if (dcbnl_io_open(&m.dcbnl, m.base, on_dcbnl, on_dcbnl_lost, &m) != 0)
		log_warn("dcbnl: IEEE DCBX will not be read");
	mon_ops(&m, &ops);
	if ((m.eng = engine_new(&ops)) == NULL)
		fatalx("out of memory");
	open_servers(&m);
	hello(&m);
	if ((none = cfg_list_new()) == NULL ||
	    (m.cfg = cfg_scan(o->cfgdir)) == NULL)
		fatalx("out of memory");
	log_diags(m.cfg);
	engine_load(m.eng, none, m.cfg);
	cfg_list_free(none);
	if (links_open(&m.links, m.base, on_link, &m) != 0)
		fatal("rtnetlink");
	sandbox(&m);
	ready_start(&m, t0);
	kwatch_start(&m);
	mon_kick(&m);
	event_base_dispatch(m.base);
	log_flush();
	return m.status;
}
