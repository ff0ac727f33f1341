/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the instance side of one FCoE
 * interface -- what the kernel has (as far as this daemon knows), what is
 * wanted, and the one actuator operation that moves one towards the other.
 * Pure: the caller runs the operation and reports its errno.
 */
#ifndef PORT_H
#define PORT_H

#include <stdbool.h>

#include "monitor/dcb/dcb.h"

enum port_state { PS_ABSENT = 0, PS_ENABLED, PS_DISABLED };
/* PW_READY: exists; made disabled if absent, else left as it is. */
enum port_want { PW_KEEP = 0, PW_ENABLED, PW_DISABLED, PW_ABSENT, PW_READY };
/* PO_RESET and PO_SCAN: on request only, never planned.  PO_PREPARE: a
 * create that leaves the instance disabled (made while the interface is
 * administratively down). */
enum port_op { PO_NONE = 0, PO_CREATE, PO_ENABLE, PO_DISABLE, PO_DESTROY,
	PO_RESET, PO_SCAN, PO_PREPARE };

struct port {
	enum port_state	state;
	enum port_op	last_op;	/* for status: what was tried last */
	int		last_err;	/* its errno, 0 ok */
	unsigned	failures;	/* consecutive failures, same errno */
};

enum port_want	port_want_of(enum dcb_decision, bool fcoe_enable);
enum port_op	port_plan(const struct port *, enum port_want);
void		port_done(struct port *, enum port_op, int err);
bool		port_op_makes(enum port_op);	/* a create, enabled or not */
const char	*port_state_str(enum port_state);
const char	*port_op_str(enum port_op);

#endif
