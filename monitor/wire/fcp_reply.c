/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): checks one record from the actuator
 * against the request outstanding.  Anything else means the two sides
 * disagree about the conversation, which the caller treats as fatal.
 * Pure: no I/O, no state; fuzzed by tests/fuzz/fuzz_fcp.c.
 */
#include "monitor/wire/fcp_reply.h"

int
fcp_check_reply(const void *buf, size_t n, unsigned type, uint32_t seq)
{
	const struct fcp_msg *m = fcp_msg(type);
	struct fcp_hdr h;
	uint32_t size;
	int err;

	if ((err = fcp_check_hdr(buf, n, &h)) != FCP_FRAME_OK)
		return err;
	/* A notice (SIGNAL, FIP_FRAME, FIP_DROPS) may come at any time; it
	 * is checked as strictly as a reply: its row's size, maximum and
	 * payload check. */
	if (h.seq == 0 && fcp_notice(h.type) != NULL)
		return fcp_check_notice(buf, n);
	if (m != NULL && h.type == (type | FCP_REPLY) && h.seq == seq)
		size = m->rep_size;
	else
		return FCP_FRAME_TYPE;
	if (h.status < 0)
		return FCP_FRAME_STATUS;
	if (h.len != size || n != sizeof(h) + size)
		return FCP_FRAME_LENGTH;
	return FCP_FRAME_OK;
}
