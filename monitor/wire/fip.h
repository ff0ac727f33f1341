/*
 * Run by the monitor (unprivileged): the codec of FIP VLAN discovery frames
 * (FC-BB-5 FIP, protocol code 4), the frames doc/fip.md describes.  Pure:
 * bytes in, structs out; no I/O, no allocation.
 *
 * A received frame is untrusted bytes from the wire (relayed by the
 * actuator).  It is read with its length, every field is checked, and a
 * frame that does not match the layout exactly is rejected with an error
 * code and the byte offset of the field at fault, never guessed at.
 *
 * Layout (all multi-byte fields big-endian):
 *   0  dst MAC (6)   6  src MAC (6)   12 ethertype 0x8914 (2)
 *   14 version (upper nibble 1)   15 reserved
 *   16 protocol code 0x0004 (2)   18 reserved   19 subcode
 *   20 descriptor list length in 32-bit words (2)   22 flags (2)
 *   24 descriptors: type (1), length in 32-bit words (1), value
 */
#ifndef FIP_H
#define FIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FIP_ETH_ALEN	6
#define FIP_ETH_HLEN	14
#define FIP_ETHERTYPE	0x8914
#define FIP_HDR_OFF	FIP_ETH_HLEN		/* FIP header after Ethernet */
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
 * (1500 - 10 header - 8 MAC descriptor) / 4 = 370 VLAN descriptors, and
 * that is also the room of the parser's output: a received frame with
 * more VLAN descriptors (only a jumbo frame can have them) is rejected
 * whole with FIP_E_VIDS_ROOM, never cut short.
 */
#define FIP_FRAME_MAX	1514
#define FIP_VIDS_MAX	((FIP_FRAME_MAX - FIP_DESC_OFF - 8) / 4)

/* Multicast destinations (FC-BB-5): the FCFs, and the VN2VN ports. */
extern const uint8_t fip_all_fcf_macs[FIP_ETH_ALEN];	/* 01:10:18:01:00:02 */
extern const uint8_t fip_all_vn2vn_macs[FIP_ETH_ALEN];	/* 01:10:18:01:00:04 */

enum fip_mode { FIP_MODE_FABRIC = 0, FIP_MODE_VN2VN = 1 };

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
	FIP_E_BUF,		/* builder: output buffer too small */
	FIP_E_ARG,		/* builder: bad MAC, VID or count */
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
	uint16_t	nprio;			/* VIDs that had priority bits */
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
 * Parses one received frame of n bytes.  Bytes after the descriptor list
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

/* A unicast, non-zero MAC: the only kind a source or descriptor may be. */
bool fip_mac_unicast(const uint8_t mac[FIP_ETH_ALEN]);

/*
 * The WWNN fcoe-utils and the kernel derive from a MAC (NAA 1, IEEE
 * format: 10:00:<MAC>), sent in the Name_Identifier of a VN2VN request.
 */
uint64_t fip_wwnn_from_mac(const uint8_t mac[FIP_ETH_ALEN]);

/*
 * Builds a VLAN request from src (the SAN MAC or the port MAC; also the
 * MAC descriptor) to ALL-FCF-MACs (fabric) or ALL-VN2VN-MACs (vn2vn, with
 * a Name_Identifier descriptor).  Returns the frame length (32 or 44; the
 * driver pads to 60) and 0 on error, with *err set (err may be NULL).
 */
size_t fip_build_request(uint8_t *out, size_t cap,
    const uint8_t src[FIP_ETH_ALEN], enum fip_mode mode,
    enum fip_error *err);

/*
 * Builds a VLAN notification (subcode 2 or 3) from src to dst listing
 * nvid VIDs (1..FIP_VIDS_MAX, each 0..4094, no repeats), in the order
 * given.  Returns the frame length or 0 with *err set.
 */
size_t fip_build_note(uint8_t *out, size_t cap, enum fip_subcode sub,
    const uint8_t src[FIP_ETH_ALEN], const uint8_t dst[FIP_ETH_ALEN],
    const uint16_t *vids, size_t nvid, enum fip_error *err);

#endif
