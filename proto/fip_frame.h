/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Shared by both processes: the layout of FIP VLAN discovery frames
 * (FC-BB-5 FIP, protocol code 4), the request builder the actuator sends
 * with (doc/fip.md), from typed arguments only, and the check of an offer
 * its VLAN_CREATE permission runs.  Pure, libc only,
 * no allocation.  The notification builder, which only tests use, is
 * monitor/wire/fip_frame.h.
 *
 * Layout (all multi-byte fields big-endian):
 *   0  dst MAC (6)   6  src MAC (6)   12 ethertype 0x8914 (2)
 *   14 version (upper nibble 1)   15 reserved
 *   16 protocol code 0x0004 (2)   18 reserved   19 subcode
 *   20 descriptor list length in 32-bit words (2)   22 flags (2)
 *   24 descriptors: type (1), length in 32-bit words (1), value
 */
#ifndef PROTO_FIP_FRAME_H
#define PROTO_FIP_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FIP_ETH_ALEN	6
#define FIP_ETH_HLEN	14
#define FIP_ETHERTYPE	0x8914
#define FIP_DESC_OFF	(FIP_ETH_HLEN + 10)	/* first descriptor */
#define FIP_OP_VLAN	0x0004

/* Subcodes of protocol code 4. */
enum fip_subcode {
	FIP_SC_VLAN_REQ = 1,		/* ENode/VN_port asks */
	FIP_SC_VLAN_NOTE = 2,		/* an FCF answers (fabric) */
	FIP_SC_VLAN_NOTE_VN2VN = 3	/* a VN2VN responder answers */
};

/* Descriptor types used here. */
#define FIP_DT_MAC	2	/* length 2 words: type, len, 6-byte MAC */
#define FIP_DT_NAME	4	/* length 3 words: type, len, 2 rsvd, WWN */
#define FIP_DT_VLAN	14	/* length 1 word: type, len, 16-bit VID */

#define FIP_VID_MASK	0x0fff	/* priority bits live in the top 4 */
#define FIP_VID_MAX	4094	/* 4095 is reserved by 802.1Q */

/*
 * Largest frame built here: an untagged Ethernet frame on the standard
 * 1500-byte MTU (no FCS).  A notification then holds at most
 * (1500 - 10 header - 8 MAC descriptor) / 4 = 370 VLAN descriptors; that
 * is also the room of the parser's output (proto/fip.h).
 */
#define FIP_FRAME_MAX	1514
#define FIP_VIDS_MAX	((FIP_FRAME_MAX - FIP_DESC_OFF - 8) / 4)

/* Multicast destinations (FC-BB-5): the FCFs, and the VN2VN ports. */
extern const uint8_t fip_all_fcf_macs[FIP_ETH_ALEN];	/* 01:10:18:01:00:02 */
extern const uint8_t fip_all_vn2vn_macs[FIP_ETH_ALEN];	/* 01:10:18:01:00:04 */

enum fip_mode { FIP_MODE_FABRIC = 0, FIP_MODE_VN2VN = 1 };

/* A unicast, non-zero MAC: the only kind a source or descriptor may be. */
bool fip_mac_unicast(const uint8_t mac[FIP_ETH_ALEN]);

/*
 * A VLAN request from src (the SAN MAC or the port MAC; also the MAC
 * descriptor, the only one) to ALL-FCF-MACs (fabric) or ALL-VN2VN-MACs
 * (vn2vn): byte for byte what fcoe-utils 1.0.34 sends.  Returns the frame
 * length (32; the driver pads to 60), or 0 with *err = EINVAL (src not
 * unicast, bad mode) or ENOBUFS (cap).
 */
size_t fip_build_request(uint8_t *out, size_t cap,
    const uint8_t src[FIP_ETH_ALEN], enum fip_mode mode, int *err);

/*
 * Whether a notification (subcode 2 or 3) of n bytes holds a VLAN
 * descriptor for vid (priority bits masked): VLAN_CREATE's permission,
 * run by the actuator on frames it relayed.  Every read is inside the
 * frame and the descriptor list; otherwise looser than the monitor's
 * fip_parse() (monitor/wire/fip.h), which tests/fuzz/fuzz_fip.c holds it
 * to: whenever fip_parse() accepts a notification listing vid, this says
 * yes.
 */
bool fip_offers(const uint8_t *b, size_t n, unsigned vid);

/*
 * The Ethernet and FIP headers and the MAC descriptor (src) of a VLAN
 * frame with subcode sub and a descriptor list of dwords words: the first
 * FIP_DESC_OFF + 8 bytes of b.
 */
void fip_put_header(uint8_t *b, const uint8_t dst[FIP_ETH_ALEN],
    const uint8_t src[FIP_ETH_ALEN], uint8_t sub, uint16_t dwords);

#endif
