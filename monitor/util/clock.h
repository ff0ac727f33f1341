/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the monotonic clock in milliseconds,
 * the only clock the monitor uses.  The engine never reads it: the caller
 * passes the time in, so tests run the engine on a fake clock.
 */
#ifndef UTIL_CLOCK_H
#define UTIL_CLOCK_H

#include <stdint.h>

uint64_t	clock_ms(void);

#endif
