/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): what the kernel already has for an
 * interface, read from sysfs at start-up, so a daemon restart adopts running
 * instances instead of tearing storage down.
 */
#ifndef ADOPT_H
#define ADOPT_H

#include "monitor/engine/port.h"

/* root: "" in the daemon, a scratch tree in tests.  0 or an errno. */
int	adopt_state(const char *root, const char *ifname, enum port_state *out,
	    char *ctlr, size_t ctlrsz);

/* The kernel's instance on ifname, for status: ctlr and host -1 if none. */
struct kinst {
	int	ctlr, host;
	int	enabled;
	char	port_state[16];
};
void	adopt_instance(const char *root, const char *ifname, struct kinst *);

#endif
