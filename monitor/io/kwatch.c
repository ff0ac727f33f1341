/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the fcoe module loaded after the
 * daemon started.  When HELLO said there is no kernel FCoE interface, the
 * monitor looks for one every KWATCH_MS with stat(2) -- the two paths the
 * actuator's kif_detect() probes (doc/kernel.md "Which interface is
 * used").  Once one is there the daemon cannot use it: the actuator's
 * Landlock rules admit only the control files present at its start, and
 * widening them to a parent directory (/sys/bus, /sys/module) would open
 * every bus's bind/unbind and rescan files.  So the monitor exits with
 * EXIT_KIF_APPEARED; the unit restarts the service at once on that status
 * (RestartForceExitStatus=), and the new actuator probes again at start;
 * running instances are adopted as on any restart.  Nothing privileged
 * changes.  The timer exists only while the interface is missing; a uevent
 * socket would notice sooner but would be one more socket and parser in
 * the monitor.
 */
#include <sys/stat.h>
#include <event2/event.h>

#include "monitor/io/loop.h"
#include "monitor/util/log.h"

#define KWATCH_MS	2000
#define EXIT_KIF_APPEARED 75	/* fcoemond(8) EXIT STATUS; the unit's
				 * RestartForceExitStatus= */

static const char *const probe[] = {
	[FCP_KIF_BUS] = "/sys/bus/fcoe/ctlr_create",
	[FCP_KIF_LIBFCOE] = "/sys/module/libfcoe/parameters/create",
};

static int
kif_now(void)
{
	struct stat st;
	int k;

	for (k = FCP_KIF_BUS; k <= FCP_KIF_LIBFCOE; k++)
		if (stat(probe[k], &st) == 0)
			return k;
	return FCP_KIF_NONE;
}

static void
on_kwatch(evutil_socket_t fd, short what, void *arg)
{
	struct mon *m = arg;
	int k = kif_now();

	(void)fd;
	(void)what;
	if (k == FCP_KIF_NONE)
		return;
	event_del(m->ev_kwatch);
	log_notice("the kernel's FCoE interface appeared (%s): exiting with "
	    "status %d to be restarted with it (the service restarts at once; "
	    "by hand: start fcoemond again); FCoE instances stay up",
	    fcp_kif_name((unsigned)k), EXIT_KIF_APPEARED);
	m->status = EXIT_KIF_APPEARED;
	event_base_loopbreak(m->base);
}

/* After the sandbox: only if HELLO found no kernel interface. */
void
kwatch_start(struct mon *m)
{
	struct timeval tv = { KWATCH_MS / 1000, (KWATCH_MS % 1000) * 1000 };

	if (m->hello.kif != FCP_KIF_NONE)
		return;
	log_errx("no kernel FCoE interface (%s, %s): the fcoe module is not "
	    "loaded; instances are made once it is (checked every %d s)",
	    probe[FCP_KIF_BUS], probe[FCP_KIF_LIBFCOE], KWATCH_MS / 1000);
	if ((m->ev_kwatch = event_new(m->base, -1, EV_PERSIST, on_kwatch,
	    m)) == NULL || event_add(m->ev_kwatch, &tv) != 0)
		fatalx("libevent set-up failed");
}
