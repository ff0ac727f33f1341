/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the framing check of what the actuator
 * sends it.  Only the monitor receives replies, so this is not linked into
 * the actuator (nothing privileged that no request reaches).
 */
#ifndef FCP_REPLY_H
#define FCP_REPLY_H

#include <stddef.h>
#include <stdint.h>

#include "proto/fcp.h"

/*
 * The reply to request (type, seq), or a notice (seq 0: SIGNAL, FIP_FRAME,
 * FIP_DROPS, checked by fcp_check_notice): FCP_FRAME_OK, else the enum
 * fcp_frame_err that says why it is neither.  A reply's length is then
 * exactly the type's reply size; a notice's within its row's bounds.
 */
int	fcp_check_reply(const void *buf, size_t n, unsigned type,
	    uint32_t seq);

#endif
