/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the engine's neutral status rows
 * (struct eng_row) as fcoectl's records (struct ctl_row, common/ctl_msg.h)
 * and as the lines of SIGUSR1's dump -- one formatter for both.
 */
#ifndef CONTROL_STATUS_H
#define CONTROL_STATUS_H

#include <stdint.h>

#include "monitor/engine/engine.h"
#include "common/ctl_msg.h"

/* The engine's part of the record; the kernel fields are -1/empty. */
void	status_to_ctl(const struct eng_row *, struct ctl_row *);

/* SIGUSR1: the summary, then one line per entry. */
void	status_dump(const struct engine *, uint64_t now,
	    void (*line)(void *, const char *), void *arg);

#endif
