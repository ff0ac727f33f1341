/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Shared by both processes (the actuator sends with it): builds FIP VLAN
 * requests from typed arguments, every argument checked, every write
 * inside cap; and finds a VID offered in a received notification, every
 * read inside the frame.
 */
#include <errno.h>
#include <string.h>

#include "proto/fip_frame.h"

const uint8_t fip_all_fcf_macs[FIP_ETH_ALEN] = {
	0x01, 0x10, 0x18, 0x01, 0x00, 0x02 };
const uint8_t fip_all_vn2vn_macs[FIP_ETH_ALEN] = {
	0x01, 0x10, 0x18, 0x01, 0x00, 0x04 };

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

bool
fip_mac_unicast(const uint8_t m[FIP_ETH_ALEN])
{
	if (m[0] & 0x01)
		return false;
	return (m[0] | m[1] | m[2] | m[3] | m[4] | m[5]) != 0;
}

void
fip_put_header(uint8_t *b, const uint8_t dst[FIP_ETH_ALEN],
    const uint8_t src[FIP_ETH_ALEN], uint8_t sub, uint16_t dwords)
{
	memcpy(b, dst, FIP_ETH_ALEN);
	memcpy(b + 6, src, FIP_ETH_ALEN);
	put16(b + 12, FIP_ETHERTYPE);
	b[14] = 0x10;			/* version 1 in the upper nibble */
	b[15] = 0;
	put16(b + 16, FIP_OP_VLAN);
	b[18] = 0;
	b[19] = sub;
	put16(b + 20, dwords);
	put16(b + 22, 0);		/* flags */
	b[24] = FIP_DT_MAC;		/* every VLAN frame starts with one */
	b[25] = 2;
	memcpy(b + 26, src, FIP_ETH_ALEN);
}

static size_t
build_fail(int *err, int e)
{
	if (err != NULL)
		*err = e;
	return 0;
}

size_t
fip_build_request(uint8_t *b, size_t cap, const uint8_t src[FIP_ETH_ALEN],
    enum fip_mode mode, int *err)
{
	if (!fip_mac_unicast(src) ||
	    (mode != FIP_MODE_FABRIC && mode != FIP_MODE_VN2VN))
		return build_fail(err, EINVAL);
	if (cap < FIP_DESC_OFF + 8)
		return build_fail(err, ENOBUFS);
	/* fcoe-utils sends the MAC descriptor alone in both modes (seen
	 * from its fipvlan on the wire); the kernel's responder takes it */
	fip_put_header(b, mode == FIP_MODE_VN2VN ? fip_all_vn2vn_macs :
	    fip_all_fcf_macs, src, FIP_SC_VLAN_REQ, 2);
	if (err != NULL)
		*err = 0;
	return FIP_DESC_OFF + 8;
}


static unsigned
be16(const uint8_t *p)
{
	return (unsigned)(p[0] << 8 | p[1]);
}

bool
fip_offers(const uint8_t *b, size_t n, unsigned vid)
{
	size_t at, len, end;

	if (n < FIP_DESC_OFF || be16(b + 12) != FIP_ETHERTYPE ||
	    (b[14] >> 4) != 1 || be16(b + 16) != FIP_OP_VLAN ||
	    (b[19] != FIP_SC_VLAN_NOTE && b[19] != FIP_SC_VLAN_NOTE_VN2VN))
		return false;
	end = FIP_DESC_OFF + 4 * (size_t)be16(b + 20);
	for (at = FIP_DESC_OFF; at < end && end <= n; at += len) {
		len = 4 * (size_t)b[at + 1];
		if (len == 0 || at + len > end)
			return false;
		if (b[at] == FIP_DT_VLAN && len == 4 &&
		    (be16(b + at + 2) & FIP_VID_MASK) == vid)
			return true;
	}
	return false;
}
