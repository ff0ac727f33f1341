/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): whether a disk behind an FCoE
 * instance is still mounted or held, so that the logout at system
 * shutdown never takes a disk that is in use (inuse.c).
 */
#ifndef IO_INUSE_H
#define IO_INUSE_H

#include <stdbool.h>
#include <stddef.h>

#define INUSE_MOUNTINFO	"/proc/self/mountinfo"

/* true, with why in words, when a disk of ifname's instance is in use. */
bool	inuse_instance(const char *ifname, char *why, size_t whysz);

#endif
