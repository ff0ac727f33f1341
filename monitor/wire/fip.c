/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the sentence naming the field of each
 * rejection of the FIP parser (proto/fip.c).
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
