/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by fcoectl (any local user) and its tests: turns the rows the
 * daemon sent, already checked by ctl_row_check, into the status table
 * or JSON.  Pure apart from writing to the given stream, so it is unit
 * tested and fuzzed without a daemon.
 */
#ifndef RENDER_H
#define RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "common/ctl_msg.h"

#define RENDER_CELLSZ	64	/* one table cell, why excepted */
#define RENDER_FIPSZ	160	/* the FIP cell: a VID list, a MAC */

/* The cells of one table row, in column order; why is the row's own. */
enum render_col {
	COL_IFNAME, COL_REAL, COL_LINK, COL_STATE, COL_DCB, COL_RETRY,
	COL_ACTION, COL_INSTANCE, COL_NCELLS
};

struct render_cells {
	char		 c[COL_NCELLS][RENDER_CELLSZ];
	const char	*why;
};

void	render_cells(const struct ctl_row *, struct render_cells *);
/* The FIP column, shown only when some row has FIP discovery: for an
 * AUTO_VLAN entry its state, requests, the VIDs and who offered them; for
 * a VLAN discovery made, its VID and entry; "-" otherwise. */
void	render_fip(const struct ctl_row *, char *, size_t);
/* A duration as people read it: "0.6s", "42s", "5m", "3h", "2d". */
void	render_duration(int32_t ms, char *, size_t);
/* "EACCES", or "errno 4000" when libc has no name for it. */
const char *render_errno(int err, char *, size_t);

int	render_table(FILE *, const struct ctl_row *, size_t);
int	render_json(FILE *, const struct ctl_row *, size_t);
/* s (at most max bytes, stopping at NUL) as a quoted JSON string. */
void	render_json_string(FILE *, const char *s, size_t max);

#endif
