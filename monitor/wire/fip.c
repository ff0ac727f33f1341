/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the FIP VLAN discovery parser (the
 * frame layout is in fip_frame.h).  Every read is checked against the
 * frame length first; the descriptor walk advances by at least one word
 * per step, so a zero-length descriptor is an error, never a loop.
 */
#include <stdio.h>
#include <string.h>

#include "monitor/wire/fip.h"

_Static_assert(FIP_VIDS_MAX == 370, "the message of FIP_E_VIDS_ROOM");

static const char *const fip_errors[FIP_E_COUNT] = {
	[FIP_OK] = "no error",
	[FIP_E_ETH_SHORT] = "frame shorter than the 14-byte Ethernet header",
	[FIP_E_TAGGED] = "ethertype 0x8100: an 802.1Q-tagged frame (FIP VLAN "
	    "discovery runs untagged)",
	[FIP_E_ETHERTYPE] = "ethertype is not 0x8914 (FIP)",
	[FIP_E_SRC_MAC] = "Ethernet source MAC is multicast or zero",
	[FIP_E_HDR_SHORT] = "frame ends inside the 10-byte FIP header",
	[FIP_E_VERSION] = "FIP version (upper nibble of byte 14) is not 1",
	[FIP_E_OPCODE] = "FIP protocol code is not 0x0004 (VLAN discovery)",
	[FIP_E_SUBCODE] = "FIP subcode is not 1 (request), 2 (notification) "
	    "or 3 (VN2VN notification)",
	[FIP_E_DESC_LEN] = "FIP descriptor list length (32-bit words) runs "
	    "past the end of the frame",
	[FIP_E_TLV_ZERO] = "FIP descriptor has length 0",
	[FIP_E_TLV_OVERRUN] = "FIP descriptor length runs past the "
	    "descriptor list",
	[FIP_E_MAC_LEN] = "MAC address descriptor (type 2) length is not 2 "
	    "words",
	[FIP_E_MAC_DUP] = "second MAC address descriptor (type 2)",
	[FIP_E_MAC_BAD] = "MAC address descriptor (type 2) holds a multicast "
	    "or zero MAC",
	[FIP_E_MAC_MISSING] = "no MAC address descriptor (type 2)",
	[FIP_E_NAME_LEN] = "Name_Identifier descriptor (type 4) length is not "
	    "3 words",
	[FIP_E_VLAN_LEN] = "VLAN descriptor (type 14) length is not 1 word",
	[FIP_E_VLAN_IN_REQ] = "VLAN descriptor (type 14) in a VLAN request",
	[FIP_E_VID_RESERVED] = "VLAN descriptor (type 14) VID is 4095 "
	    "(reserved)",
	[FIP_E_VIDS_ROOM] = "more VLAN descriptors (type 14) than the 370 a "
	    "1500-byte frame holds",
};

const char *
fip_strerror(enum fip_error e)
{
	if ((unsigned)e >= FIP_E_COUNT)
		return "unknown FIP error";
	return fip_errors[e];
}

const char *
fip_perr_format(const struct fip_perr *e, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s (byte %zu, value %u)", fip_strerror(e->code),
	    e->at, e->value);
	return buf;
}

static uint16_t
be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static enum fip_error
fail(struct fip_perr *err, enum fip_error code, size_t at, unsigned value)
{
	err->code = code;
	err->at = at;
	err->value = value;
	return code;
}

/* Ethernet header and FIP header; *dlen = descriptor list bytes. */
static enum fip_error
parse_headers(const uint8_t *b, size_t n, struct fip_vlan_msg *m,
    struct fip_perr *err, size_t *dlen)
{
	if (n < FIP_ETH_HLEN)
		return fail(err, FIP_E_ETH_SHORT, n, (unsigned)n);
	if (be16(b + 12) == 0x8100)
		return fail(err, FIP_E_TAGGED, 12, 0x8100);
	if (be16(b + 12) != FIP_ETHERTYPE)
		return fail(err, FIP_E_ETHERTYPE, 12, be16(b + 12));
	memcpy(m->dst, b, FIP_ETH_ALEN);
	memcpy(m->src, b + 6, FIP_ETH_ALEN);
	if (!fip_mac_unicast(m->src))
		return fail(err, FIP_E_SRC_MAC, 6, b[6]);
	if (n < FIP_DESC_OFF)
		return fail(err, FIP_E_HDR_SHORT, n, (unsigned)n);
	if ((b[14] >> 4) != 1)
		return fail(err, FIP_E_VERSION, 14, b[14] >> 4);
	if (be16(b + 16) != FIP_OP_VLAN)
		return fail(err, FIP_E_OPCODE, 16, be16(b + 16));
	if (b[19] < FIP_SC_VLAN_REQ || b[19] > FIP_SC_VLAN_NOTE_VN2VN)
		return fail(err, FIP_E_SUBCODE, 19, b[19]);
	m->subcode = b[19];
	m->flags = be16(b + 22);
	*dlen = (size_t)be16(b + 20) * 4;
	if (*dlen > n - FIP_DESC_OFF)
		return fail(err, FIP_E_DESC_LEN, 20, be16(b + 20));
	return FIP_OK;
}

static enum fip_error
desc_mac(const uint8_t *d, size_t at, struct fip_vlan_msg *m, bool *seen,
    struct fip_perr *err)
{
	if (d[1] != 2)
		return fail(err, FIP_E_MAC_LEN, at + 1, d[1]);
	if (*seen)
		return fail(err, FIP_E_MAC_DUP, at, FIP_DT_MAC);
	if (!fip_mac_unicast(d + 2))
		return fail(err, FIP_E_MAC_BAD, at + 2, d[2]);
	memcpy(m->mac, d + 2, FIP_ETH_ALEN);
	*seen = true;
	return FIP_OK;
}

static enum fip_error
desc_name(const uint8_t *d, size_t at, struct fip_vlan_msg *m,
    struct fip_perr *err)
{
	int i;

	if (d[1] != 3)
		return fail(err, FIP_E_NAME_LEN, at + 1, d[1]);
	m->has_name = true;
	m->name = 0;
	for (i = 4; i < 12; i++)
		m->name = m->name << 8 | d[i];
	return FIP_OK;
}

static enum fip_error
desc_vlan(const uint8_t *d, size_t at, struct fip_vlan_msg *m,
    struct fip_perr *err)
{
	uint16_t raw = be16(d + 2), vid = raw & FIP_VID_MASK;

	if (d[1] != 1)
		return fail(err, FIP_E_VLAN_LEN, at + 1, d[1]);
	if (m->subcode == FIP_SC_VLAN_REQ)
		return fail(err, FIP_E_VLAN_IN_REQ, at, FIP_DT_VLAN);
	if (vid == 0x0fff)
		return fail(err, FIP_E_VID_RESERVED, at + 2, vid);
	if (m->nvid == FIP_VIDS_MAX)
		return fail(err, FIP_E_VIDS_ROOM, at, FIP_VIDS_MAX + 1u);
	if (raw != vid && m->nprio++ == 0)
		m->prio_raw = raw;
	m->vid[m->nvid++] = vid;
	return FIP_OK;
}

/* One descriptor at d (avail bytes left in the list, >= 4). */
static enum fip_error
parse_desc(const uint8_t *d, size_t avail, size_t at, struct fip_vlan_msg *m,
    bool *mac_seen, struct fip_perr *err)
{
	if (d[1] == 0)
		return fail(err, FIP_E_TLV_ZERO, at + 1, d[0]);
	if ((size_t)d[1] * 4 > avail)
		return fail(err, FIP_E_TLV_OVERRUN, at + 1, d[1]);
	switch (d[0]) {
	case FIP_DT_MAC:
		return desc_mac(d, at, m, mac_seen, err);
	case FIP_DT_NAME:
		return desc_name(d, at, m, err);
	case FIP_DT_VLAN:
		return desc_vlan(d, at, m, err);
	default:
		m->nskipped++;	/* FC-BB-5: skipped by its length */
		return FIP_OK;
	}
}

enum fip_error
fip_parse(const uint8_t *b, size_t n, struct fip_vlan_msg *m,
    struct fip_perr *err)
{
	struct fip_perr spare;
	size_t dlen = 0, off;
	bool mac_seen = false;
	enum fip_error e;

	if (err == NULL)
		err = &spare;
	memset(m, 0, sizeof(*m));
	memset(err, 0, sizeof(*err));
	e = parse_headers(b, n, m, err, &dlen);
	/* the list is whole words, so a descriptor header always fits */
	for (off = FIP_DESC_OFF; e == FIP_OK && off < FIP_DESC_OFF + dlen;
	    off += (size_t)b[off + 1] * 4)
		e = parse_desc(b + off, FIP_DESC_OFF + dlen - off, off, m,
		    &mac_seen, err);
	if (e == FIP_OK && !mac_seen)
		e = fail(err, FIP_E_MAC_MISSING, FIP_DESC_OFF, 0);
	if (e != FIP_OK)
		memset(m, 0, sizeof(*m));
	return e;
}

