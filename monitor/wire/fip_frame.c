/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged) and tests: builds FIP VLAN
 * notifications from typed arguments, every argument checked, every write
 * inside cap (the request builder is proto/fip_frame.c).
 */
#include <errno.h>
#include <string.h>

#include "monitor/wire/fip_frame.h"

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static size_t
build_fail(int *err, int e)
{
	if (err != NULL)
		*err = e;
	return 0;
}

/* 1..FIP_VIDS_MAX VIDs of 0..4094, none twice. */
static bool
vids_ok(const uint16_t *vids, size_t n)
{
	uint8_t seen[(FIP_VID_MAX + 1 + 7) / 8];
	size_t i;

	if (n == 0 || n > FIP_VIDS_MAX)
		return false;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < n; i++) {
		if (vids[i] > FIP_VID_MAX || (seen[vids[i] / 8] &
		    (1u << (vids[i] % 8))))
			return false;
		seen[vids[i] / 8] |= (uint8_t)(1u << (vids[i] % 8));
	}
	return true;
}

size_t
fip_build_note(uint8_t *b, size_t cap, enum fip_subcode sub,
    const uint8_t src[FIP_ETH_ALEN], const uint8_t dst[FIP_ETH_ALEN],
    const uint16_t *vids, size_t nvid, int *err)
{
	size_t len = FIP_DESC_OFF + 8 + 4 * nvid, i;
	uint8_t *d;

	if ((sub != FIP_SC_VLAN_NOTE && sub != FIP_SC_VLAN_NOTE_VN2VN) ||
	    !fip_mac_unicast(src) || !fip_mac_unicast(dst) ||
	    !vids_ok(vids, nvid))
		return build_fail(err, EINVAL);
	if (cap < len)
		return build_fail(err, ENOBUFS);
	fip_put_header(b, dst, src, (uint8_t)sub, (uint16_t)(2 + nvid));
	for (i = 0, d = b + FIP_DESC_OFF + 8; i < nvid; i++, d += 4) {
		d[0] = FIP_DT_VLAN;
		d[1] = 1;
		put16(d + 2, vids[i]);
	}
	if (err != NULL)
		*err = 0;
	return len;
}
