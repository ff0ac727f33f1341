/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the parser of FIP VLAN discovery
 * frames (FC-BB-5 FIP, protocol code 4), the frames doc/fip.md describes.
 * Pure: bytes in, structs out; no I/O, no allocation.
 *
 * A received frame is untrusted bytes from the wire (relayed by the
 * actuator).  It is read with its length, every field is checked, and a
 * frame that does not match the layout exactly is rejected with an error
 * code and the byte offset of the field at fault, never guessed at.
 *
 * The frame layout and the builders are in fip_frame.h.
 */
#ifndef FIP_H
#define FIP_H

#include "monitor/wire/fip_frame.h"

/* Each rejection has its own code; fip_strerror() names the field. */
enum fip_error {
	FIP_OK = 0,
	FIP_E_ETH_SHORT,	/* shorter than the Ethernet header */
	FIP_E_TAGGED,		/* ethertype 0x8100: an 802.1Q tag */
	FIP_E_ETHERTYPE,	/* not 0x8914 */
	FIP_E_SRC_MAC,		/* Ethernet source multicast or zero */
	FIP_E_HDR_SHORT,	/* ends inside the 10-byte FIP header */
	FIP_E_VERSION,		/* FIP version not 1 */
	FIP_E_OPCODE,		/* protocol code not 4 (VLAN discovery) */
	FIP_E_SUBCODE,		/* subcode not 1, 2 or 3 */
	FIP_E_DESC_LEN,		/* descriptor list runs past the frame */
	FIP_E_TLV_ZERO,		/* a descriptor of length 0 */
	FIP_E_TLV_OVERRUN,	/* a descriptor runs past the list */
	FIP_E_MAC_LEN,		/* MAC descriptor not 2 words */
	FIP_E_MAC_DUP,		/* a second MAC descriptor */
	FIP_E_MAC_BAD,		/* MAC descriptor multicast or zero */
	FIP_E_MAC_MISSING,	/* no MAC descriptor */
	FIP_E_NAME_LEN,		/* Name_Identifier descriptor not 3 words */
	FIP_E_VLAN_LEN,		/* VLAN descriptor not 1 word */
	FIP_E_VLAN_IN_REQ,	/* VLAN descriptor in a request */
	FIP_E_VID_RESERVED,	/* VID 4095 */
	FIP_E_VIDS_ROOM,	/* more VLAN descriptors than FIP_VIDS_MAX */
	FIP_E_COUNT		/* number of codes, not a code */
};

/* A parsed VLAN request or notification. */
struct fip_vlan_msg {
	uint8_t		dst[FIP_ETH_ALEN];	/* Ethernet destination */
	uint8_t		src[FIP_ETH_ALEN];	/* Ethernet source */
	uint8_t		subcode;		/* enum fip_subcode */
	uint16_t	flags;			/* FIP flags, as sent */
	uint8_t		mac[FIP_ETH_ALEN];	/* the MAC descriptor */
	bool		has_name;		/* a Name_Identifier came */
	uint64_t	name;			/* its WWN */
	uint16_t	nskipped;		/* other descriptors skipped */
	uint16_t	nprio;			/* VIDs with priority bits */
	uint16_t	prio_raw;		/* the first such field, raw */
	uint16_t	nvid;			/* VLAN descriptors, in order */
	uint16_t	vid[FIP_VIDS_MAX];	/* low 12 bits; 0 = no VLAN */
};

/* Where a rejection was found: byte offset and the offending value. */
struct fip_perr {
	enum fip_error	code;
	size_t		at;	/* byte offset in the frame */
	unsigned	value;	/* the field's value (type, length, VID...) */
};

/*
 * Parses one received frame of n bytes.  The output holds FIP_VIDS_MAX
 * VIDs, all a 1500-byte frame can carry: a frame with more VLAN
 * descriptors (only a jumbo frame has them) is rejected whole with
 * FIP_E_VIDS_ROOM, never cut short.  Bytes after the descriptor list
 * (Ethernet padding to 60 bytes) are allowed; everything else that does
 * not fit is an error.  On error *out is zeroed and *err says what and
 * where (err may be NULL).  A notification may carry no VLAN descriptor;
 * what that means is the discovery's decision (monitor/engine/fipdisc.h).
 */
enum fip_error fip_parse(const uint8_t *buf, size_t n,
    struct fip_vlan_msg *out, struct fip_perr *err);

/* A sentence naming the field at fault ("FIP version ... is not 1"). */
const char *fip_strerror(enum fip_error e);

/* "<sentence> (byte <at>, value <value>)" into buf; returns buf. */
const char *fip_perr_format(const struct fip_perr *e, char *buf, size_t sz);

#endif
