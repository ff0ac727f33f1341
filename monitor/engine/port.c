/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the per-instance action table.  It
 * fixes two fcoemon defects (doc/kernel.md "fcoemon: port actions"):
 * a failed create is never taken for
 * a created instance, and a link flap never destroys.
 */
#include <errno.h>

#include "monitor/engine/port.h"

/* FCOE_ENABLE="no" means the instance should not exist at all. */
enum port_want
port_want_of(enum dcb_decision d, bool fcoe_enable)
{
	if (!fcoe_enable)
		return PW_ABSENT;
	switch (d) {
	case DCB_CREATE_OR_ENABLE:
		return PW_ENABLED;
	case DCB_DISABLE:
		return PW_DISABLED;
	case DCB_DESTROY:
		return PW_ABSENT;
	case DCB_WAIT:
	case DCB_RETRY:
		break;
	}
	return PW_KEEP;
}

enum port_op
port_plan(const struct port *p, enum port_want w)
{
	switch (w) {
	case PW_ENABLED:
		return p->state == PS_ABSENT ? PO_CREATE :
		    p->state == PS_DISABLED ? PO_ENABLE : PO_NONE;
	case PW_DISABLED:	/* nothing to disable if never made */
		return p->state == PS_ENABLED ? PO_DISABLE : PO_NONE;
	case PW_ABSENT:
		return p->state == PS_ABSENT ? PO_NONE : PO_DESTROY;
	case PW_READY:
		return p->state == PS_ABSENT ? PO_PREPARE : PO_NONE;
	case PW_KEEP:
		break;
	}
	return PO_NONE;
}

bool
port_op_makes(enum port_op op)
{
	return op == PO_CREATE || op == PO_PREPARE;
}

/* The instance vanished under us (its VLAN deleted, module unloaded). */
static bool
gone(int err)
{
	return err == ENODEV || err == ENOENT;
}

void
port_done(struct port *p, enum port_op op, int err)
{
	/* Consecutive failures with the same errno: a new errno starts at 1,
	 * so the caller can report each new failure once. */
	p->failures = err == 0 ? 0 : err == p->last_err ? p->failures + 1 : 1;
	p->last_op = op;
	p->last_err = err;
	switch (op) {
	case PO_CREATE:
		if (err == 0)
			p->state = PS_ENABLED;
		else if (err == EEXIST)	/* exists: make sure it is enabled */
			p->state = PS_DISABLED, p->failures = 0;
		break;
	case PO_PREPARE:		/* made disabled, or found there */
		if (err == 0 || err == EEXIST)
			p->state = PS_DISABLED;
		if (err == EEXIST)
			p->failures = 0;
		break;
	case PO_ENABLE:
	case PO_DISABLE:
		if (err == 0)
			p->state = op == PO_ENABLE ? PS_ENABLED : PS_DISABLED;
		else if (gone(err))
			p->state = PS_ABSENT;
		break;
	case PO_DESTROY:
		if (err == 0 || gone(err))
			p->state = PS_ABSENT;
		break;
	case PO_RESET:
	case PO_SCAN:
	case PO_NONE:
		break;
	}
}

const char *
port_state_str(enum port_state s)
{
	static const char *const n[] = { "absent", "enabled", "disabled" };

	return (unsigned)s < 3 ? n[s] : "unknown";
}

const char *
port_op_str(enum port_op o)
{
	static const char *const n[] = { "none", "create", "enable", "disable",
	    "destroy", "reset", "scan", "prepare" };

	return (unsigned)o < sizeof(n) / sizeof(n[0]) ? n[o] : "unknown";
}
