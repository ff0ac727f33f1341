/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the sentences of the FIP parser's
 * rejections.  The parser itself is proto/fip.h, shared with the actuator.
 */
#ifndef FIP_H
#define FIP_H

#include "proto/fip.h"
#include "monitor/wire/fip_frame.h"

/* A sentence naming the field at fault ("FIP version ... is not 1"). */
const char *fip_strerror(enum fip_error e);

/* "<sentence> (byte <at>, value <value>)" into buf; returns buf. */
const char *fip_perr_format(const struct fip_perr *e, char *buf, size_t sz);

#endif
