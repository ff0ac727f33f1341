/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check), no process role: the FIP VLAN discovery codec
 * (monitor/wire/fip.c parses, fip_frame.c builds) on the byte examples of
 * doc/fip.md and on every malformed class; the discovery state machine
 * (monitor/engine/fipdisc.c) on a fake clock, fed with frames the codec
 * parsed; the VLAN names (common/vlan_name.c).
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/vlan_name.h"
#include "monitor/engine/fipdisc.h"
#include "monitor/wire/fip.h"
#include "tests/unit/check_main.h"

static const uint8_t host_mac[6] = { 0x00, 0x1b, 0x21, 0xaa, 0xbb, 0xcc };
static const uint8_t fcf_mac[6] = { 0x00, 0x0d, 0xec, 0x11, 0x22, 0x33 };
static const uint8_t fcf2_mac[6] = { 0x00, 0x0d, 0xec, 0x44, 0x55, 0x66 };

/* doc/fip.md, Frames: request from 00:1b:21:aa:bb:cc, fabric */
static const uint8_t ex_request[32] = {
	0x01, 0x10, 0x18, 0x01, 0x00, 0x02, 0x00, 0x1b,
	0x21, 0xaa, 0xbb, 0xcc, 0x89, 0x14, 0x10, 0x00,
	0x00, 0x04, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00,
	0x02, 0x02, 0x00, 0x1b, 0x21, 0xaa, 0xbb, 0xcc };

/* doc/fip.md, Frames: notification from FCF 00:0d:ec:11:22:33, VLAN 100 */
static const uint8_t ex_note[36] = {
	0x00, 0x1b, 0x21, 0xaa, 0xbb, 0xcc, 0x00, 0x0d,
	0xec, 0x11, 0x22, 0x33, 0x89, 0x14, 0x10, 0x00,
	0x00, 0x04, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00,
	0x02, 0x02, 0x00, 0x0d, 0xec, 0x11, 0x22, 0x33,
	0x0e, 0x01, 0x00, 0x64 };

static struct fip_vlan_msg msg;
static struct fip_perr perr;

/* Parses b; the error it gives, checking a rejection leaves nothing. */
static enum fip_error
parse(const uint8_t *b, size_t n)
{
	static const struct fip_vlan_msg zero;
	uint8_t *heap = malloc(n ? n : 1);	/* exactly n bytes */
	enum fip_error e;

	ck_assert_ptr_nonnull(heap);
	memcpy(heap, b, n);
	e = fip_parse(heap, n, &msg, &perr);
	free(heap);
	ck_assert_int_eq(perr.code, e);
	if (e != FIP_OK)
		ck_assert(memcmp(&msg, &zero, sizeof(msg)) == 0);
	return e;
}

/* ---- the codec: spec examples ---- */

START_TEST(request_fabric_spec_bytes)
{
	uint8_t b[64];
	int e = -1;

	ck_assert_uint_eq(fip_build_request(b, sizeof(b), host_mac,
	    FIP_MODE_FABRIC, &e), sizeof(ex_request));
	ck_assert_int_eq(e, 0);
	ck_assert(memcmp(b, ex_request, sizeof(ex_request)) == 0);
}
END_TEST

/* As fcoe-utils' fipvlan -m vn2vn sends it: MAC descriptor only. */
START_TEST(request_vn2vn_bytes)
{
	uint8_t want[32], b[64];

	memcpy(want, ex_request, sizeof(want));
	want[5] = 0x04;			/* ALL-VN2VN-MACs */
	ck_assert_uint_eq(fip_build_request(b, sizeof(b), host_mac,
	    FIP_MODE_VN2VN, NULL), sizeof(want));
	ck_assert(memcmp(b, want, sizeof(want)) == 0);
	ck_assert_int_eq(parse(b, sizeof(want)), FIP_OK);
	ck_assert_uint_eq(msg.subcode, FIP_SC_VLAN_REQ);
	ck_assert(!msg.has_name);
	ck_assert(memcmp(msg.mac, host_mac, 6) == 0);
	ck_assert(memcmp(msg.dst, fip_all_vn2vn_macs, 6) == 0);
}
END_TEST

/* fnic sends its WWNN along: the parser takes it. */
START_TEST(request_with_name)
{
	uint8_t b[44];

	memcpy(b, ex_request, 32);
	b[21] = 5;
	b[32] = FIP_DT_NAME; b[33] = 3; b[34] = b[35] = 0;
	memcpy(b + 36, "\x20\x00\x00\x1b\x21\xaa\xbb\xcc", 8);
	ck_assert_int_eq(parse(b, sizeof(b)), FIP_OK);
	ck_assert(msg.has_name);
	ck_assert(msg.name == 0x2000001b21aabbccULL);
}
END_TEST

START_TEST(request_parse_padded)
{
	uint8_t b[60];

	memset(b, 0, sizeof(b));	/* the driver pads to 60 */
	memcpy(b, ex_request, sizeof(ex_request));
	ck_assert_int_eq(parse(b, sizeof(b)), FIP_OK);
	ck_assert_uint_eq(msg.subcode, FIP_SC_VLAN_REQ);
	ck_assert(!msg.has_name);
	ck_assert_uint_eq(msg.nvid, 0);
	ck_assert(memcmp(msg.mac, host_mac, 6) == 0);
	ck_assert(memcmp(msg.src, host_mac, 6) == 0);
	ck_assert(memcmp(msg.dst, fip_all_fcf_macs, 6) == 0);
}
END_TEST

START_TEST(note_spec_example)
{
	ck_assert_int_eq(parse(ex_note, sizeof(ex_note)), FIP_OK);
	ck_assert_uint_eq(msg.subcode, FIP_SC_VLAN_NOTE);
	ck_assert(memcmp(msg.mac, fcf_mac, 6) == 0);
	ck_assert(memcmp(msg.src, fcf_mac, 6) == 0);
	ck_assert(memcmp(msg.dst, host_mac, 6) == 0);
	ck_assert_uint_eq(msg.nvid, 1);
	ck_assert_uint_eq(msg.vid[0], 100);
	ck_assert_uint_eq(msg.nprio, 0);
}
END_TEST

START_TEST(note_build_spec_bytes)
{
	const uint16_t v = 100;
	uint8_t b[64];

	ck_assert_uint_eq(fip_build_note(b, sizeof(b), FIP_SC_VLAN_NOTE,
	    fcf_mac, host_mac, &v, 1, NULL), sizeof(ex_note));
	ck_assert(memcmp(b, ex_note, sizeof(ex_note)) == 0);
}
END_TEST

/* doc/fip.md, Frames: a VN2VN notification offering 200, 201, 1002. */
START_TEST(note_vn2vn_doc_bytes)
{
	static const uint8_t want[44] = {
		0x00, 0x1b, 0x21, 0xaa, 0xbb, 0xcc, 0x00, 0x1b,
		0x21, 0x55, 0x66, 0x77, 0x89, 0x14, 0x10, 0x00,
		0x00, 0x04, 0x00, 0x03, 0x00, 0x05, 0x00, 0x00,
		0x02, 0x02, 0x00, 0x1b, 0x21, 0x55, 0x66, 0x77,
		0x0e, 0x01, 0x00, 0xc8, 0x0e, 0x01, 0x00, 0xc9,
		0x0e, 0x01, 0x03, 0xea };
	static const uint8_t resp[6] = { 0x00, 0x1b, 0x21, 0x55, 0x66, 0x77 };
	const uint16_t v[3] = { 200, 201, 1002 };
	uint8_t b[64];

	ck_assert_uint_eq(fip_build_note(b, sizeof(b), FIP_SC_VLAN_NOTE_VN2VN,
	    resp, host_mac, v, 3, NULL), sizeof(want));
	ck_assert(memcmp(b, want, sizeof(want)) == 0);
	ck_assert_int_eq(parse(want, sizeof(want)), FIP_OK);
	ck_assert_uint_eq(msg.subcode, FIP_SC_VLAN_NOTE_VN2VN);
	ck_assert(memcmp(msg.mac, resp, 6) == 0);
	ck_assert_uint_eq(msg.nvid, 3);
	ck_assert_uint_eq(msg.vid[2], 1002);
}
END_TEST

/* fcoemon writes past its buffer from the second VID on: all must come. */
START_TEST(note_vn2vn_many_vids)
{
	static uint16_t v[FIP_VIDS_MAX + 1];
	static uint8_t b[FIP_FRAME_MAX + 8];
	size_t i, n;

	for (i = 0; i < FIP_VIDS_MAX + 1; i++)
		v[i] = (uint16_t)(i * 11);	/* 0 first: the port itself */
	n = fip_build_note(b, sizeof(b), FIP_SC_VLAN_NOTE_VN2VN, host_mac,
	    fcf_mac, v, 5, NULL);
	ck_assert_uint_eq(n, 24 + 8 + 5 * 4);
	ck_assert_uint_eq(b[20] << 8 | b[21], 7);	/* 2 + 5 words */
	ck_assert_int_eq(parse(b, n), FIP_OK);
	ck_assert_uint_eq(msg.subcode, FIP_SC_VLAN_NOTE_VN2VN);
	ck_assert_uint_eq(msg.nvid, 5);
	for (i = 0; i < 5; i++)
		ck_assert_uint_eq(msg.vid[i], v[i]);
	/* the most a 1500-byte frame holds, and not one more */
	n = fip_build_note(b, sizeof(b), FIP_SC_VLAN_NOTE_VN2VN, host_mac,
	    fcf_mac, v, FIP_VIDS_MAX, NULL);
	ck_assert_uint_eq(FIP_VIDS_MAX, 370);
	ck_assert_uint_eq(n, 24 + 8 + 370 * 4);
	ck_assert_uint_le(n, FIP_FRAME_MAX);
	ck_assert_int_eq(parse(b, n), FIP_OK);
	ck_assert_uint_eq(msg.nvid, 370);
	ck_assert_uint_eq(msg.vid[369], 369 * 11);
}
END_TEST

START_TEST(note_build_refusals)
{
	static const uint8_t mcast[6] = { 0x01, 0x10, 0x18, 0x01, 0x00, 0x04 };
	static const uint8_t zero[6];
	static uint16_t many[FIP_VIDS_MAX + 1];
	uint16_t v[3] = { 100, 200, 100 }, bad = 4095;
	uint8_t b[FIP_FRAME_MAX + 8];
	size_t i;
	int e;

	for (i = 0; i <= FIP_VIDS_MAX; i++)
		many[i] = (uint16_t)(i + 1);
#define REFUSED(call, code) do { e = 0; \
	ck_assert_uint_eq((call), 0); ck_assert_int_eq(e, (code)); } while (0)
	REFUSED(fip_build_note(b, sizeof(b), FIP_SC_VLAN_NOTE, fcf_mac,
	    host_mac, v, 3, &e), EINVAL);		/* VID twice */
	REFUSED(fip_build_note(b, sizeof(b), FIP_SC_VLAN_NOTE, fcf_mac,
	    host_mac, &bad, 1, &e), EINVAL);		/* 4095 */
	REFUSED(fip_build_note(b, sizeof(b), FIP_SC_VLAN_NOTE, fcf_mac,
	    host_mac, v, 0, &e), EINVAL);		/* none */
	REFUSED(fip_build_note(b, sizeof(b), FIP_SC_VLAN_NOTE, fcf_mac,
	    host_mac, many, FIP_VIDS_MAX + 1, &e), EINVAL);
	REFUSED(fip_build_note(b, sizeof(b), FIP_SC_VLAN_NOTE, fcf_mac,
	    mcast, v, 2, &e), EINVAL);		/* dst multicast */
	REFUSED(fip_build_note(b, sizeof(b), FIP_SC_VLAN_NOTE, zero,
	    host_mac, v, 2, &e), EINVAL);		/* src zero */
	REFUSED(fip_build_note(b, sizeof(b), FIP_SC_VLAN_REQ, fcf_mac,
	    host_mac, v, 2, &e), EINVAL);		/* not a notification */
	REFUSED(fip_build_note(b, 39, FIP_SC_VLAN_NOTE, fcf_mac,
	    host_mac, v, 2, &e), ENOBUFS);		/* needs 40 */
	REFUSED(fip_build_request(b, 31, host_mac, FIP_MODE_FABRIC, &e),
	    ENOBUFS);
	REFUSED(fip_build_request(b, 31, host_mac, FIP_MODE_VN2VN, &e),
	    ENOBUFS);
	REFUSED(fip_build_request(b, sizeof(b), mcast, FIP_MODE_FABRIC, &e),
	    EINVAL);
	REFUSED(fip_build_request(b, sizeof(b), host_mac, (enum fip_mode)2,
	    &e), EINVAL);
	ck_assert_uint_eq(fip_build_note(b, 40, FIP_SC_VLAN_NOTE, fcf_mac,
	    host_mac, v, 2, NULL), 40);
#undef REFUSED
}
END_TEST

/* ---- the codec: every malformed class ---- */

static uint8_t f[2048];

static size_t
note_copy(void)
{
	memset(f, 0, sizeof(f));
	memcpy(f, ex_note, sizeof(ex_note));
	return sizeof(ex_note);
}

/* fip_offers() on n bytes copied to the heap: an overread is ASan's. */
static bool
offers(const uint8_t *b, size_t n, unsigned vid)
{
	uint8_t *heap = malloc(n ? n : 1);
	bool r;

	ck_assert_ptr_nonnull(heap);
	memcpy(heap, b, n);
	r = fip_offers(heap, n, vid);
	free(heap);
	return r;
}

/*
 * The actuator's permission check (proto/fip_frame.c): yes for a VID a
 * notification lists, no for anything else, for a request, and for each
 * malformed class where the VID cannot be read safely.
 */
START_TEST(offer_check)
{
	static const uint8_t vn[44] = {
		0x00, 0x1b, 0x21, 0xaa, 0xbb, 0xcc, 0x00, 0x1b,
		0x21, 0x55, 0x66, 0x77, 0x89, 0x14, 0x10, 0x00,
		0x00, 0x04, 0x00, 0x03, 0x00, 0x05, 0x00, 0x00,
		0x02, 0x02, 0x00, 0x1b, 0x21, 0x55, 0x66, 0x77,
		0x0e, 0x01, 0x00, 0xc8, 0x0e, 0x01, 0x00, 0xc9,
		0x0e, 0x01, 0x03, 0xea };
	size_t n = note_copy(), i;

	ck_assert(offers(f, n, 100));
	ck_assert(!offers(f, n, 101) && !offers(f, n, 0));
	ck_assert(offers(vn, 44, 200) && offers(vn, 44, 201) &&
	    offers(vn, 44, 1002) && !offers(vn, 44, 202));
	ck_assert(!offers(ex_request, sizeof(ex_request), 0));
	for (i = 0; i < n; i++)		/* every truncation */
		ck_assert(!offers(f, i, 100));
	f[19] = FIP_SC_VLAN_REQ;	/* a request never offers */
	ck_assert(!offers(f, n, 100));
	n = note_copy();
	f[21] = 4;			/* the list runs past the frame */
	ck_assert(!offers(f, n, 100));
	n = note_copy();
	f[25] = 0;			/* a zero-length descriptor first */
	ck_assert(!offers(f, n, 100));
	n = note_copy();
	f[33] = 2;			/* the VLAN descriptor overruns */
	ck_assert(!offers(f, n, 100));
	n = note_copy();
	f[12] = 0x81; f[13] = 0x00;	/* tagged */
	ck_assert(!offers(f, n, 100));
	n = note_copy();
	f[14] = 0x20;			/* version 2 */
	ck_assert(!offers(f, n, 100));
	n = note_copy();
	f[17] = 0x02;			/* another protocol code */
	ck_assert(!offers(f, n, 100));
	n = note_copy();
	f[34] = 0x70;			/* priority bits: masked, as fip_parse */
	ck_assert(offers(f, n, 100));
	n = note_copy();
	f[21] = 2;			/* the VLAN descriptor after the list */
	ck_assert(!offers(f, n, 100));
}
END_TEST

#define REJECTS(n, code, at_) do { \
	ck_assert_int_eq(parse(f, (n)), (code)); \
	ck_assert_uint_eq(perr.at, (at_)); } while (0)

START_TEST(bad_ethernet)
{
	size_t n;

	n = note_copy();
	REJECTS(13, FIP_E_ETH_SHORT, 13);
	REJECTS(0, FIP_E_ETH_SHORT, 0);
	/* an 802.1Q tag: rejected, not skipped as fcoemon does */
	memmove(f + 16, f + 12, n - 12);
	f[12] = 0x81; f[13] = 0x00; f[14] = 0x00; f[15] = 0x64;
	REJECTS(n + 4, FIP_E_TAGGED, 12);
	ck_assert_uint_eq(perr.value, 0x8100);
	n = note_copy();
	f[12] = 0x08; f[13] = 0x00;
	REJECTS(n, FIP_E_ETHERTYPE, 12);
	ck_assert_uint_eq(perr.value, 0x0800);
	n = note_copy();
	f[6] = 0x01;			/* multicast source */
	REJECTS(n, FIP_E_SRC_MAC, 6);
	n = note_copy();
	memset(f + 6, 0, 6);
	REJECTS(n, FIP_E_SRC_MAC, 6);
}
END_TEST

START_TEST(bad_fip_header)
{
	size_t n = note_copy();

	REJECTS(23, FIP_E_HDR_SHORT, 23);
	f[14] = 0x20;
	REJECTS(n, FIP_E_VERSION, 14);
	ck_assert_uint_eq(perr.value, 2);
	n = note_copy();
	f[16] = 0x00; f[17] = 0x01;	/* discovery, not VLAN */
	REJECTS(n, FIP_E_OPCODE, 16);
	n = note_copy();
	f[19] = 4;
	REJECTS(n, FIP_E_SUBCODE, 19);
	f[19] = 0;
	REJECTS(n, FIP_E_SUBCODE, 19);
}
END_TEST

START_TEST(bad_lengths)
{
	size_t n = note_copy();

	/* truncated: the list says 3 words, 11 bytes are there */
	REJECTS(n - 1, FIP_E_DESC_LEN, 20);
	f[21] = 4;			/* longer than the frame */
	REJECTS(n, FIP_E_DESC_LEN, 20);
	f[20] = 0xff; f[21] = 0xff;
	REJECTS(n, FIP_E_DESC_LEN, 20);
	ck_assert_uint_eq(perr.value, 0xffff);
	/* a zero-length descriptor: fcoemon loops forever on it */
	n = note_copy();
	f[33] = 0;
	REJECTS(n, FIP_E_TLV_ZERO, 33);
	ck_assert_uint_eq(perr.value, FIP_DT_VLAN);
	n = note_copy();
	f[32] = 0x80;			/* unknown type: also not a loop */
	f[33] = 0;
	REJECTS(n, FIP_E_TLV_ZERO, 33);
	ck_assert_uint_eq(perr.value, 0x80);
	/* an unknown descriptor longer than what is left of the list */
	n = note_copy();
	f[32] = 0x80; f[33] = 2;
	REJECTS(n, FIP_E_TLV_OVERRUN, 33);
	/* bytes after the list (padding) are fine, the list ends first */
	n = note_copy();
	f[21] = 2;
	ck_assert_int_eq(parse(f, n), FIP_OK);
	ck_assert_uint_eq(msg.nvid, 0);
}
END_TEST

START_TEST(bad_mac_descriptor)
{
	size_t n = note_copy();

	f[25] = 3;
	f[21] = 4;			/* room for it, still wrong */
	REJECTS(n + 4, FIP_E_MAC_LEN, 25);
	ck_assert_uint_eq(perr.value, 3);
	n = note_copy();
	f[26] = 0x01;
	REJECTS(n, FIP_E_MAC_BAD, 26);
	/* a second MAC descriptor */
	n = note_copy();
	memcpy(f + 36, f + 24, 8);
	f[21] = 5;
	REJECTS(n + 8, FIP_E_MAC_DUP, 36);
	/* none at all: the VLAN descriptor alone */
	n = note_copy();
	memmove(f + 24, f + 32, 4);
	f[21] = 1;
	REJECTS(n - 8, FIP_E_MAC_MISSING, 24);
}
END_TEST

START_TEST(bad_vlan_descriptor)
{
	size_t n = note_copy();
	uint8_t b[64];

	f[33] = 2;
	f[21] = 4;
	REJECTS(n + 4, FIP_E_VLAN_LEN, 33);
	n = note_copy();
	f[34] = 0x0f; f[35] = 0xff;
	REJECTS(n, FIP_E_VID_RESERVED, 34);
	f[34] = 0xff;			/* priority bits do not hide it */
	REJECTS(n, FIP_E_VID_RESERVED, 34);
	/* a VLAN descriptor in a request */
	memcpy(b, ex_request, 32);
	b[32] = FIP_DT_VLAN; b[33] = 1; b[34] = 0; b[35] = 100;
	b[21] = 3;
	memcpy(f, b, 36);
	REJECTS(36, FIP_E_VLAN_IN_REQ, 32);
	/* a Name_Identifier of the wrong size */
	memcpy(b, ex_request, 32);
	b[32] = FIP_DT_NAME; b[33] = 2;
	memset(b + 34, 0, 6);
	b[21] = 4;
	memcpy(f, b, 40);
	REJECTS(40, FIP_E_NAME_LEN, 33);
}
END_TEST

START_TEST(vid_priority_bits)
{
	size_t n = note_copy();

	f[34] = 0x30;			/* priority 3 set over VID 100 */
	ck_assert_int_eq(parse(f, n), FIP_OK);
	ck_assert_uint_eq(msg.vid[0], 100);
	ck_assert_uint_eq(msg.nprio, 1);
	ck_assert_uint_eq(msg.prio_raw, 0x3064);
}
END_TEST

START_TEST(unknown_descriptor_skipped)
{
	size_t n = note_copy();

	/* a 3-word descriptor of type 0x80 between MAC and VLAN */
	memmove(f + 44, f + 32, 4);
	f[32] = 0x80; f[33] = 3;
	memset(f + 34, 0xee, 10);
	f[21] = 6;
	ck_assert_int_eq(parse(f, n + 12), FIP_OK);
	ck_assert_uint_eq(msg.nskipped, 1);
	ck_assert_uint_eq(msg.nvid, 1);
	ck_assert_uint_eq(msg.vid[0], 100);
}
END_TEST

/* Only a jumbo frame can carry more than 370: rejected whole. */
START_TEST(more_vids_than_room)
{
	size_t i, n = note_copy(), nv = FIP_VIDS_MAX + 1;

	for (i = 0; i < nv; i++) {
		f[32 + 4 * i] = FIP_DT_VLAN;
		f[33 + 4 * i] = 1;
		f[34 + 4 * i] = (uint8_t)((i + 1) >> 8);
		f[35 + 4 * i] = (uint8_t)(i + 1);
	}
	f[20] = (uint8_t)((2 + nv) >> 8);
	f[21] = (uint8_t)(2 + nv);
	n = 32 + 4 * nv;
	REJECTS(n, FIP_E_VIDS_ROOM, 32 + 4 * FIP_VIDS_MAX);
	ck_assert_uint_eq(msg.nvid, 0);		/* nothing half-taken */
	f[21]--;				/* 370: taken */
	ck_assert_int_eq(parse(f, n - 4), FIP_OK);
	ck_assert_uint_eq(msg.nvid, FIP_VIDS_MAX);
}
END_TEST

START_TEST(error_texts)
{
	char buf[200];
	int i, j;

	for (i = 1; i < FIP_E_COUNT; i++) {
		ck_assert_uint_gt(strlen(fip_strerror((enum fip_error)i)), 10);
		for (j = 1; j < i; j++)
			ck_assert_str_ne(fip_strerror((enum fip_error)i),
			    fip_strerror((enum fip_error)j));
	}
	ck_assert_str_eq(fip_strerror(FIP_E_COUNT), "unknown FIP error");
	note_copy();
	f[33] = 0;
	parse(f, sizeof(ex_note));
	fip_perr_format(&perr, buf, sizeof(buf));
	ck_assert_str_eq(buf, "FIP descriptor has length 0 (byte 33, value "
	    "14)");
}
END_TEST

/* ---- the state machine, on a fake clock ---- */

static struct fipdisc d;
static struct fipdisc_out o;

/* A notification as the wire brings it: built, then parsed. */
static const struct fip_vlan_msg *
wire_note(enum fip_subcode sub, const uint8_t *from, const uint16_t *v,
    size_t n)
{
	uint8_t b[FIP_FRAME_MAX];
	size_t len;

	if (n == 0) {		/* the builder refuses none: by hand */
		const uint16_t one = 1;

		len = fip_build_note(b, sizeof(b), sub, from, host_mac, &one,
		    1, NULL);
		b[21] = 2;
		len -= 4;
	} else
		len = fip_build_note(b, sizeof(b), sub, from, host_mac, v, n,
		    NULL);
	ck_assert_uint_gt(len, 0);
	ck_assert_int_eq(parse(b, len), FIP_OK);
	return &msg;
}

static void
note(uint64_t now, enum fip_subcode sub, const uint8_t *from,
    const uint16_t *v, size_t n)
{
	fipdisc_note(&d, now, wire_note(sub, from, v, n), &o);
}

static void
set_is(const struct fipdisc_vidset *s, const int *want, size_t n)
{
	int v = fipdisc_vid_next(s, 0);
	size_t i;

	for (i = 0; i < n; i++, v = fipdisc_vid_next(s, (unsigned)v + 1))
		ck_assert_int_eq(v, want[i]);
	ck_assert_int_eq(v, -1);
}

START_TEST(disc_resend_schedule)
{
	uint64_t t;
	int events = 0, sends = 0;

	fipdisc_init(&d, 3, FIP_MODE_FABRIC);
	ck_assert(d.next_ms == FIPDISC_NO_TIMER);
	fipdisc_link(&d, 5000, true, &o);
	ck_assert(o.send);
	ck_assert_int_eq(o.ifindex, 3);
	ck_assert_int_eq(o.mode, FIP_MODE_FABRIC);
	ck_assert_int_eq(o.event, FIPDISC_EV_SOLICITING);
	ck_assert(o.next_ms == 6000);
	fipdisc_timer(&d, 5999, &o);		/* early: nothing */
	ck_assert(!o.send);
	ck_assert(o.next_ms == 6000);
	/* silence for ten minutes: one request a second, no log line */
	for (t = 6000; t <= 605000; t += 1000) {
		fipdisc_timer(&d, t, &o);
		sends += o.send;
		events += o.event != FIPDISC_EV_NONE;
		ck_assert(o.next_ms == t + 1000);
	}
	ck_assert_int_eq(sends, 600);
	ck_assert_int_eq(events, 0);
	ck_assert_uint_eq(d.requests, 601);
	ck_assert_int_eq(d.state, FIPDISC_SOLICITING);
	/* a late timer sends once and counts from now */
	fipdisc_timer(&d, 609500, &o);
	ck_assert(o.send);
	ck_assert(o.next_ms == 610500);
	ck_assert_str_eq(fipdisc_state_name(d.state), "soliciting");
}
END_TEST

START_TEST(disc_found_backs_off)
{
	const uint16_t v[2] = { 200, 100 };
	uint64_t t;
	int sends = 0;

	fipdisc_init(&d, 3, FIP_MODE_FABRIC);
	fipdisc_link(&d, 0, true, &o);
	fipdisc_timer(&d, 1000, &o);
	note(1200, FIP_SC_VLAN_NOTE, fcf_mac, v, 2);
	ck_assert_int_eq(o.event, FIPDISC_EV_FOUND);
	ck_assert_int_eq(o.ignored, FIPDISC_IGN_NONE);
	ck_assert(!o.send);
	ck_assert_uint_eq(o.nadd, 2);
	ck_assert_uint_eq(o.ndel, 0);
	set_is(&o.add, (const int[]){ 100, 200 }, 2);
	ck_assert(o.next_ms == 2000);		/* the round closes */
	ck_assert(d.next_ms == 61200);		/* the next request */
	ck_assert(memcmp(d.last_mac, fcf_mac, 6) == 0);
	ck_assert_uint_eq(d.notes, 1);
	/* from now on one request a minute */
	for (t = 2000; t < 61200; t += 1000) {
		fipdisc_timer(&d, t, &o);
		sends += o.send;
	}
	ck_assert_int_eq(sends, 0);
	fipdisc_timer(&d, 61200, &o);
	ck_assert(o.send);
	ck_assert(o.next_ms == 62200);		/* its round's end */
	ck_assert(d.next_ms == 121200);
	/* the FCF answers the same: no event, nothing to do */
	note(61300, FIP_SC_VLAN_NOTE, fcf_mac, v, 2);
	ck_assert_int_eq(o.event, FIPDISC_EV_NONE);
	ck_assert_uint_eq(o.nadd + o.ndel, 0);
	fipdisc_timer(&d, 62200, &o);
	ck_assert_uint_eq(o.nadd + o.ndel, 0);
	ck_assert(o.next_ms == 121200);
	/* silence at the next re-solicitation withdraws nothing */
	fipdisc_timer(&d, 121200, &o);
	fipdisc_timer(&d, 122200, &o);
	fipdisc_timer(&d, 181200, &o);
	ck_assert(o.send);
	ck_assert_uint_eq(o.ndel, 0);
	ck_assert_uint_eq(d.noffered, 2);
	ck_assert_int_eq(d.state, FIPDISC_FOUND);
}
END_TEST

START_TEST(disc_link_down_up)
{
	const uint16_t v = 100;

	fipdisc_init(&d, 3, FIP_MODE_FABRIC);
	fipdisc_link(&d, 0, true, &o);
	note(500, FIP_SC_VLAN_NOTE, fcf_mac, &v, 1);
	fipdisc_link(&d, 1000, false, &o);
	ck_assert_int_eq(o.event, FIPDISC_EV_STOPPED);
	ck_assert(o.next_ms == FIPDISC_NO_TIMER);
	ck_assert_uint_eq(o.ndel, 0);		/* the VLAN stays */
	fipdisc_link(&d, 1100, false, &o);	/* again: nothing new */
	ck_assert_int_eq(o.event, FIPDISC_EV_NONE);
	fipdisc_timer(&d, 90000, &o);
	ck_assert(!o.send);
	note(90000, FIP_SC_VLAN_NOTE, fcf_mac, &v, 1);
	ck_assert_int_eq(o.ignored, FIPDISC_IGN_IDLE);
	ck_assert_uint_eq(d.ignored, 1);
	/* up again: from the start, at 1 s */
	fipdisc_link(&d, 100000, true, &o);
	ck_assert_int_eq(o.event, FIPDISC_EV_SOLICITING);
	ck_assert(o.send);
	ck_assert(o.next_ms == 101000);
	fipdisc_link(&d, 100100, true, &o);	/* a repeated NEWLINK */
	ck_assert(!o.send);
	ck_assert_int_eq(o.event, FIPDISC_EV_NONE);
	note(100200, FIP_SC_VLAN_NOTE, fcf_mac, &v, 1);
	ck_assert_int_eq(o.event, FIPDISC_EV_FOUND);
	ck_assert_uint_eq(o.nadd, 0);		/* it exists already */
}
END_TEST

START_TEST(disc_vid0_and_several)
{
	const uint16_t v[4] = { 0, 1002, 4094, 1 };

	fipdisc_init(&d, 7, FIP_MODE_FABRIC);
	fipdisc_link(&d, 0, true, &o);
	note(10, FIP_SC_VLAN_NOTE, fcf_mac, v, 4);
	ck_assert_int_eq(o.event, FIPDISC_EV_FOUND);
	set_is(&o.add, (const int[]){ 0, 1, 1002, 4094 }, 4);
	ck_assert(fipdisc_vid_has(&d.offered, 0));	/* the port itself */
}
END_TEST

/* Moves the clock to t through the timer, as the engine does. */
static void
run_to(uint64_t t)
{
	fipdisc_timer(&d, t, &o);
}

START_TEST(disc_withdrawn)
{
	const uint16_t ab[2] = { 100, 200 }, a = 100, c = 300;

	fipdisc_init(&d, 3, FIP_MODE_FABRIC);
	fipdisc_link(&d, 0, true, &o);
	note(10, FIP_SC_VLAN_NOTE, fcf_mac, ab, 2);
	run_to(1000);				/* the round closes */
	ck_assert_uint_eq(o.ndel, 0);
	run_to(60010);				/* re-solicitation */
	ck_assert(o.send);
	ck_assert(o.next_ms == 61010);		/* its round closes then */
	note(60020, FIP_SC_VLAN_NOTE, fcf_mac, &a, 1);
	ck_assert_int_eq(o.event, FIPDISC_EV_NONE);	/* not yet */
	ck_assert_uint_eq(o.ndel, 0);
	run_to(61010);
	ck_assert(!o.send);
	ck_assert_int_eq(o.event, FIPDISC_EV_CHANGED);
	ck_assert_uint_eq(o.nadd, 0);
	set_is(&o.del, (const int[]){ 200 }, 1);
	ck_assert(o.next_ms == 120010);
	/* a second FCF also offers 100, and 300 */
	run_to(120010);
	note(120020, FIP_SC_VLAN_NOTE, fcf2_mac, (const uint16_t[]){ 100, 300 },
	    2);
	set_is(&o.add, (const int[]){ 300 }, 1);
	note(120030, FIP_SC_VLAN_NOTE, fcf_mac, &a, 1);
	run_to(121010);
	ck_assert_uint_eq(o.nadd + o.ndel, 0);
	/* the first withdraws 100: the second still offers it */
	run_to(180010);
	note(180020, FIP_SC_VLAN_NOTE, fcf_mac, &c, 1);
	note(180030, FIP_SC_VLAN_NOTE, fcf2_mac, (const uint16_t[]){ 100, 300 },
	    2);
	run_to(181010);
	ck_assert_uint_eq(o.ndel, 0);
	ck_assert_uint_eq(d.noffered, 2);
	/* both stop offering 100 */
	run_to(240010);
	note(240020, FIP_SC_VLAN_NOTE, fcf2_mac, &c, 1);
	note(240030, FIP_SC_VLAN_NOTE, fcf_mac, &c, 1);
	ck_assert_uint_eq(o.ndel, 0);
	run_to(241010);
	ck_assert_int_eq(o.event, FIPDISC_EV_CHANGED);
	set_is(&o.del, (const int[]){ 100 }, 1);
	set_is(&d.offered, (const int[]){ 300 }, 1);
}
END_TEST

/*
 * The kernel's VN2VN responder: one notification per instance, each with
 * that instance's VID, all from one MAC.  The VIDs of one round add up;
 * nothing flips, and a VID goes only when a round misses it.
 */
START_TEST(disc_one_vid_per_note)
{
	const uint16_t v200 = 200, v201 = 201, v202 = 202;
	int r;

	fipdisc_init(&d, 5, FIP_MODE_VN2VN);
	fipdisc_link(&d, 0, true, &o);
	note(3, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, &v200, 1);
	ck_assert_int_eq(o.event, FIPDISC_EV_FOUND);
	note(4, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, &v201, 1);
	ck_assert_int_eq(o.event, FIPDISC_EV_CHANGED);
	set_is(&o.add, (const int[]){ 201 }, 1);
	ck_assert_uint_eq(o.ndel, 0);
	note(5, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, &v202, 1);
	ck_assert_uint_eq(o.ndel, 0);
	run_to(1000);
	ck_assert_uint_eq(o.ndel, 0);
	set_is(&d.offered, (const int[]){ 200, 201, 202 }, 3);
	/* ten rounds of the same three answers, in any order: no change */
	for (r = 1; r <= 10; r++) {
		uint64_t t = (uint64_t)r * 60000 + 3;

		run_to(t);
		ck_assert(o.send);
		note(t + 2, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, &v202, 1);
		ck_assert_uint_eq(o.nadd + o.ndel, 0);
		note(t + 3, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, &v200, 1);
		note(t + 4, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, &v201, 1);
		ck_assert_uint_eq(o.nadd + o.ndel, 0);
		run_to(t + 1000);
		ck_assert_uint_eq(o.nadd + o.ndel, 0);
		ck_assert_int_eq(o.event, FIPDISC_EV_NONE);
	}
	/* the instance on 201 went: the next round has two answers */
	run_to(660003);
	note(660005, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, &v200, 1);
	note(660006, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, &v202, 1);
	ck_assert_uint_eq(o.ndel, 0);
	run_to(661003);
	ck_assert_int_eq(o.event, FIPDISC_EV_CHANGED);
	set_is(&o.del, (const int[]){ 201 }, 1);
	set_is(&d.offered, (const int[]){ 200, 202 }, 2);
	/* a round with no answer at all withdraws nothing */
	run_to(720003);
	ck_assert(o.send);
	run_to(721003);
	ck_assert_uint_eq(o.ndel, 0);
	ck_assert_uint_eq(d.noffered, 2);
}
END_TEST

/* A link flap inside the round that found the VIDs keeps them: the
 * silent round after link-up withdraws nothing. */
START_TEST(disc_flap_inside_a_round_keeps_vids)
{
	const uint16_t ab[2] = { 200, 201 };

	fipdisc_init(&d, 3, FIP_MODE_VN2VN);
	fipdisc_link(&d, 0, true, &o);
	note(2, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, ab, 2);
	fipdisc_link(&d, 300, false, &o);
	ck_assert_uint_eq(o.ndel, 0);
	fipdisc_link(&d, 500, true, &o);
	ck_assert(o.send);
	run_to(1500);				/* nobody answered */
	ck_assert_uint_eq(d.noffered, 2);
	ck_assert_uint_eq(o.ndel, 0);
	set_is(&d.offered, (const int[]){ 200, 201 }, 2);
	note(1510, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, &ab[0], 1);
	run_to(2500);
	set_is(&o.del, (const int[]){ 201 }, 1);
}
END_TEST

/* An unsolicited notification (no request open) can add, never remove. */
START_TEST(disc_unsolicited_adds_only)
{
	const uint16_t ab[2] = { 100, 200 }, a = 100;

	fipdisc_init(&d, 3, FIP_MODE_FABRIC);
	fipdisc_link(&d, 0, true, &o);
	note(10, FIP_SC_VLAN_NOTE, fcf_mac, ab, 2);
	run_to(1000);
	note(5000, FIP_SC_VLAN_NOTE, fcf_mac, &a, 1);
	ck_assert_uint_eq(o.nadd + o.ndel, 0);
	note(5001, FIP_SC_VLAN_NOTE, fcf_mac, NULL, 0);
	ck_assert_uint_eq(o.ndel, 0);
	note(5002, FIP_SC_VLAN_NOTE, fcf_mac, (const uint16_t[]){ 300 }, 1);
	set_is(&o.add, (const int[]){ 300 }, 1);
	run_to(7000);
	ck_assert_uint_eq(o.ndel, 0);
	set_is(&d.offered, (const int[]){ 100, 200, 300 }, 3);
}
END_TEST

START_TEST(disc_all_withdrawn)
{
	const uint16_t a = 100;

	fipdisc_init(&d, 3, FIP_MODE_FABRIC);
	fipdisc_link(&d, 0, true, &o);
	note(10, FIP_SC_VLAN_NOTE, fcf_mac, &a, 1);
	run_to(60010);
	note(60020, FIP_SC_VLAN_NOTE, fcf_mac, NULL, 0);
	ck_assert_uint_eq(o.ndel, 0);
	run_to(61010);
	ck_assert_int_eq(o.event, FIPDISC_EV_LOST);
	set_is(&o.del, (const int[]){ 100 }, 1);
	ck_assert_int_eq(d.state, FIPDISC_SOLICITING);
	ck_assert(o.next_ms == 62010);		/* back to every second */
	ck_assert_uint_eq(d.npeer, 0);		/* offers nothing: not kept */
}
END_TEST

/* Restart: the VIDs the daemon made stay until a round answers. */
START_TEST(disc_adopted)
{
	const uint16_t a = 100;

	fipdisc_init(&d, 3, FIP_MODE_FABRIC);
	fipdisc_adopt(&d, 100);
	fipdisc_adopt(&d, 200);
	fipdisc_adopt(&d, 200);
	fipdisc_adopt(&d, 4095);		/* not a VID */
	ck_assert_uint_eq(d.noffered, 2);
	fipdisc_link(&d, 0, true, &o);
	ck_assert_uint_eq(o.nadd, 0);		/* they exist */
	/* silence: nothing goes, discovery keeps asking every second */
	run_to(1000);
	run_to(2000);
	ck_assert(o.send);
	ck_assert_uint_eq(o.ndel, 0);
	ck_assert_int_eq(d.state, FIPDISC_SOLICITING);
	note(2010, FIP_SC_VLAN_NOTE, fcf_mac, &a, 1);
	ck_assert_int_eq(o.event, FIPDISC_EV_FOUND);
	ck_assert_uint_eq(o.nadd + o.ndel, 0);
	run_to(3000);
	set_is(&o.del, (const int[]){ 200 }, 1);
	set_is(&d.offered, (const int[]){ 100 }, 1);
}
END_TEST

START_TEST(disc_subcode_for_mode)
{
	const uint16_t a = 200;
	uint8_t b[64];

	fipdisc_init(&d, 3, FIP_MODE_FABRIC);
	fipdisc_link(&d, 0, true, &o);
	note(10, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, &a, 1);
	ck_assert_int_eq(o.ignored, FIPDISC_IGN_SUBCODE);
	ck_assert_int_eq(o.event, FIPDISC_EV_NONE);
	ck_assert_uint_eq(o.nadd, 0);
	ck_assert_int_eq(d.state, FIPDISC_SOLICITING);
	/* a request (another host's) is not an answer */
	ck_assert_uint_gt(fip_build_request(b, sizeof(b), fcf_mac,
	    FIP_MODE_FABRIC, NULL), 0);
	ck_assert_int_eq(parse(b, 32), FIP_OK);
	fipdisc_note(&d, 20, &msg, &o);
	ck_assert_int_eq(o.ignored, FIPDISC_IGN_REQUEST);

	fipdisc_init(&d, 4, FIP_MODE_VN2VN);
	fipdisc_link(&d, 0, true, &o);
	note(10, FIP_SC_VLAN_NOTE, fcf_mac, &a, 1);
	ck_assert_int_eq(o.ignored, FIPDISC_IGN_SUBCODE);
	ck_assert_uint_eq(d.ignored, 1);
	note(20, FIP_SC_VLAN_NOTE_VN2VN, fcf_mac, &a, 1);
	ck_assert_int_eq(o.ignored, FIPDISC_IGN_NONE);
	ck_assert_int_eq(o.event, FIPDISC_EV_FOUND);
	ck_assert_int_eq(o.mode, FIP_MODE_VN2VN);
}
END_TEST

/* Log lines over a whole life: exactly one per change. */
START_TEST(disc_one_event_per_change)
{
	const uint16_t a = 100, ab[2] = { 100, 200 };
	enum fipdisc_event seen[16];
	int n = 0;
	uint64_t t;

#define EV() do { if (o.event != FIPDISC_EV_NONE) seen[n++] = o.event; \
	} while (0)
	fipdisc_init(&d, 3, FIP_MODE_FABRIC);
	fipdisc_link(&d, 0, true, &o); EV();
	for (t = 1000; t <= 30000; t += 1000) {
		fipdisc_timer(&d, t, &o); EV();
	}
	note(30500, FIP_SC_VLAN_NOTE, fcf_mac, &a, 1); EV();
	note(30600, FIP_SC_VLAN_NOTE, fcf_mac, &a, 1); EV();
	for (t = 31000; t <= 300000; t += 1000) {
		fipdisc_timer(&d, t, &o); EV();
	}
	note(300500, FIP_SC_VLAN_NOTE, fcf_mac, ab, 2); EV();
	fipdisc_link(&d, 301000, false, &o); EV();
	fipdisc_link(&d, 302000, true, &o); EV();
	note(302500, FIP_SC_VLAN_NOTE, fcf_mac, ab, 2); EV();
	fipdisc_kick(&d, 303000, &o); EV();
	ck_assert(o.send);
	ck_assert(o.next_ms == 304000);
	fipdisc_forget(&d, &o); EV();
	set_is(&o.del, (const int[]){ 100, 200 }, 2);
	fipdisc_forget(&d, &o); EV();		/* nothing left to forget */
#undef EV
	ck_assert_int_eq(n, 8);
	ck_assert_int_eq(seen[0], FIPDISC_EV_SOLICITING);
	ck_assert_int_eq(seen[1], FIPDISC_EV_FOUND);
	ck_assert_int_eq(seen[2], FIPDISC_EV_CHANGED);
	ck_assert_int_eq(seen[3], FIPDISC_EV_STOPPED);
	ck_assert_int_eq(seen[4], FIPDISC_EV_SOLICITING);
	ck_assert_int_eq(seen[5], FIPDISC_EV_FOUND);
	ck_assert_int_eq(seen[6], FIPDISC_EV_SOLICITING);
	ck_assert_int_eq(seen[7], FIPDISC_EV_FORGOTTEN);
	ck_assert_str_eq(fipdisc_event_name(seen[7]), "forgotten");
}
END_TEST

START_TEST(disc_forget_stops)
{
	const uint16_t a = 100;

	fipdisc_init(&d, 3, FIP_MODE_FABRIC);
	fipdisc_link(&d, 0, true, &o);
	note(10, FIP_SC_VLAN_NOTE, fcf_mac, &a, 1);
	fipdisc_forget(&d, &o);
	ck_assert_uint_eq(o.ndel, 1);
	ck_assert(o.next_ms == FIPDISC_NO_TIMER);
	ck_assert_int_eq(d.state, FIPDISC_IDLE);
	fipdisc_timer(&d, 5000, &o);
	ck_assert(!o.send);
	ck_assert_uint_eq(d.noffered, 0);
	ck_assert_uint_eq(d.requests, 0);
	ck_assert_int_eq(d.ifindex, 3);
	fipdisc_kick(&d, 6000, &o);		/* not running: no request */
	ck_assert(!o.send);
}
END_TEST

START_TEST(disc_bounds)
{
	uint16_t v[FIPDISC_VIDS_CAP + 1];
	uint8_t mac[6] = { 0x00, 0x0d, 0xec, 0, 0, 0 };
	unsigned i;

	for (i = 0; i <= FIPDISC_VIDS_CAP; i++)
		v[i] = (uint16_t)(i + 1);
	fipdisc_init(&d, 3, FIP_MODE_FABRIC);
	fipdisc_link(&d, 0, true, &o);
	note(10, FIP_SC_VLAN_NOTE, fcf_mac, v, FIPDISC_VIDS_CAP + 1);
	ck_assert_int_eq(o.ignored, FIPDISC_IGN_CAP);
	ck_assert_uint_eq(d.noffered, 0);
	ck_assert_uint_eq(d.npeer, 0);
	ck_assert_str_eq(fipdisc_ignore_name(o.ignored),
	    "too many VLANs offered");
	/* eight FCFs fill the table; a ninth is not taken */
	for (i = 0; i < FIPDISC_PEERS_MAX; i++) {
		mac[5] = (uint8_t)(i + 1);
		fipdisc_note(&d, 20, wire_note(FIP_SC_VLAN_NOTE, mac, &v[i],
		    1), &o);
		ck_assert_int_eq(o.ignored, FIPDISC_IGN_NONE);
	}
	mac[5] = 0x99;
	fipdisc_note(&d, 30, wire_note(FIP_SC_VLAN_NOTE, mac, &v[20], 1), &o);
	ck_assert_int_eq(o.ignored, FIPDISC_IGN_PEERS);
	ck_assert_uint_eq(d.noffered, FIPDISC_PEERS_MAX);
	/* one that withdraws everything frees its place once the round
	 * closes */
	run_to(60020);
	ck_assert(o.send);
	mac[5] = 1;
	fipdisc_note(&d, 60040, wire_note(FIP_SC_VLAN_NOTE, mac, NULL, 0), &o);
	run_to(61020);
	ck_assert_uint_eq(d.npeer, FIPDISC_PEERS_MAX - 1);
	mac[5] = 0x99;
	fipdisc_note(&d, 61050, wire_note(FIP_SC_VLAN_NOTE, mac, &v[20], 1),
	    &o);
	ck_assert_int_eq(o.ignored, FIPDISC_IGN_NONE);
	ck_assert(fipdisc_vid_has(&d.offered, 21));
	ck_assert(!fipdisc_vid_has(&d.offered, 1));
}
END_TEST

/* ---- VLAN names ---- */

START_TEST(name_long_form)
{
	char n[FIP_VLAN_NAMSIZ], p[FIP_VLAN_NAMSIZ];
	enum fip_vlan_form form;
	unsigned vid;

	ck_assert_int_eq(fip_vlan_name("eth2", 100, n), 0);
	ck_assert_str_eq(n, "eth2.100-fcoe");
	ck_assert_int_eq(fip_vlan_name("ens1f0", 100, n), 0);
	ck_assert_str_eq(n, "ens1f0.100-fcoe");	/* exactly 15 */
	ck_assert_int_eq(fip_vlan_name_parse(n, p, &vid, &form), 0);
	ck_assert_str_eq(p, "ens1f0");
	ck_assert_uint_eq(vid, 100);
	ck_assert_int_eq(form, FIP_VLAN_LONG);
	ck_assert(fip_vlan_name_is(n, "ens1f0", 100));
	ck_assert(!fip_vlan_name_is(n, "ens1f0", 101));
	ck_assert(!fip_vlan_name_is(n, "ens1f1", 100));
	ck_assert_int_eq(fip_vlan_name_parse("a.b.7-fcoe", p, &vid, &form), 0);
	ck_assert_str_eq(p, "a.b");		/* VID after the last . */
	ck_assert_uint_eq(vid, 7);
}
END_TEST

START_TEST(name_overflow_short_form)
{
	char n[FIP_VLAN_NAMSIZ], p[FIP_VLAN_NAMSIZ], h[6];
	enum fip_vlan_form form;
	unsigned vid;

	/* 20 bytes long; fcoemon would make "enp129s0f0.1002" */
	ck_assert_int_eq(fip_vlan_name("enp129s0f0", 1002, n), 0);
	ck_assert_str_eq(n, "vws71.1002-fcoe");
	ck_assert_uint_eq(strlen(n), 15);
	fip_vlan_name_hash("enp129s0f0", h);
	ck_assert_str_eq(h, "vws71");	/* FNV-1a, pinned: doc/fip.md */
	ck_assert_int_eq(fip_vlan_name_parse(n, p, &vid, &form), 0);
	ck_assert_str_eq(p, "vws71");
	ck_assert_uint_eq(vid, 1002);
	ck_assert_int_eq(form, FIP_VLAN_EITHER);
	ck_assert(fip_vlan_name_is(n, "enp129s0f0", 1002));
	ck_assert(!fip_vlan_name_is(n, "enp129s0f1", 1002));
	/* one interface can need both forms: 15 bytes fit, 16 do not */
	ck_assert_int_eq(fip_vlan_name("ens1f0", 999, n), 0);
	ck_assert_str_eq(n, "ens1f0.999-fcoe");
	ck_assert_int_eq(fip_vlan_name("ens1f0", 4094, n), 0);
	ck_assert_uint_eq(strlen(n), 15);
	ck_assert_str_ne(n, "ens1f0.4094-fco");
	ck_assert(fip_vlan_name_is(n, "ens1f0", 4094));
	/* the longest real name and VID still fit */
	ck_assert_int_eq(fip_vlan_name("abcdefghijklmno", 4094, n), 0);
	ck_assert_uint_le(strlen(n), 15);
}
END_TEST

/* Truncation collides (fcoemon); the short form does not. */
START_TEST(name_shared_prefixes)
{
	static const char *const reals[] = { "enp129s0f0np0", "enp129s0f0np1",
	    "enp129s0f0", "enp129s0f1", "enp129s0f0np01" };
	char a[FIP_VLAN_NAMSIZ], b[FIP_VLAN_NAMSIZ], t1[64], t2[64];
	size_t i, j;

	/* fcoemon: "enp129s0f0np0.1" for VIDs 100 and 101 alike */
	snprintf(t1, sizeof(t1), "%s.%d-fcoe", reals[0], 100);
	snprintf(t2, sizeof(t2), "%s.%d-fcoe", reals[0], 101);
	t1[15] = t2[15] = '\0';
	ck_assert_str_eq(t1, t2);
	ck_assert_int_eq(fip_vlan_name(reals[0], 100, a), 0);
	ck_assert_int_eq(fip_vlan_name(reals[0], 101, b), 0);
	ck_assert_str_ne(a, b);
	for (i = 0; i < 5; i++)
		for (j = 0; j < 5; j++) {
			ck_assert_int_eq(fip_vlan_name(reals[i], 1002, a), 0);
			ck_assert_int_eq(fip_vlan_name(reals[j], 1002, b), 0);
			ck_assert_int_eq(strcmp(a, b) == 0, i == j);
			ck_assert_int_eq(fip_vlan_name_is(a, reals[j], 1002),
			    i == j);
		}
	ck_assert_int_eq(fip_vlan_name_clash(reals[0], 1002, reals, 5), -1);
}
END_TEST

static unsigned
hash_value(const char *real)
{
	static const char digits[] = "0123456789abcdefghjkmnpqrstvwxyz";
	char h[6];
	unsigned v = 0, i;

	fip_vlan_name_hash(real, h);
	for (i = 0; i < 5; i++)
		v = v << 5 | (unsigned)(strchr(digits, h[i]) - digits);
	return v;
}

static void
nth_name(unsigned i, char out[32])
{
	snprintf(out, 32, "enp%us%uf%u", i % 256, i / 256 % 256, i / 65536);
}

/* A true 25-bit collision exists (birthday search): it is caught. */
START_TEST(name_hash_collision_caught)
{
	static uint8_t seen[(1u << 25) / 8];
	char a[32], b[32], h[6], ha[FIP_VLAN_NAMSIZ], hb[FIP_VLAN_NAMSIZ];
	const char *list[2];
	unsigned i, j, v = 0;

	for (i = 0; i < (1u << 17); i++) {
		nth_name(i, b);
		v = hash_value(b);
		if (seen[v / 8] & (1u << (v % 8)))
			break;
		seen[v / 8] |= (uint8_t)(1u << (v % 8));
	}
	ck_assert_msg(i < (1u << 17), "no collision in 2^17 names");
	for (j = 0; j < i; j++) {
		nth_name(j, a);
		if (hash_value(a) == v)
			break;
	}
	ck_assert_uint_lt(j, i);
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(fip_vlan_name(a, 1002, ha), 0);
	ck_assert_int_eq(fip_vlan_name(b, 1002, hb), 0);
	ck_assert_str_eq(ha, hb);	/* why the clash check exists */
	list[0] = a;
	list[1] = b;
	ck_assert_int_eq(fip_vlan_name_clash(b, 1002, list, 2), 0);
	ck_assert_int_eq(fip_vlan_name_clash(a, 1002, list, 2), 1);
	/* a real interface named like a hash: its long form clashes too */
	fip_vlan_name_hash("enp129s0f0", h);
	list[0] = h;
	ck_assert_int_eq(fip_vlan_name_clash("enp129s0f0", 1002, list, 1), 0);
	ck_assert_int_eq(fip_vlan_name_clash("enp129s0f0", 1003, list, 1), 0);
	ck_assert_int_eq(fip_vlan_name_clash("eth0", 1002, list, 1), -1);
}
END_TEST

START_TEST(name_refusals)
{
	static const char *const bad[] = { "eth2.100", "eth2.0100-fcoe",
	    "eth2.4095-fcoe", "eth2.0-fcoe", ".100-fcoe", "eth2.-fcoe",
	    "eth2.10a-fcoe", "eth2100-fcoe", "-fcoe", "eth2.12345-fcoe",
	    "abcdefgh.1-fcoe1", "a/b.1-fcoe", "a b.1-fcoe", "a:b.1-fcoe",
	    "abcdefghij.1-fcoe", "..2-fcoe", "...2-fcoe", "" };
	char n[FIP_VLAN_NAMSIZ], p[FIP_VLAN_NAMSIZ];
	enum fip_vlan_form form;
	unsigned vid, i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(fip_vlan_name_parse(bad[i], p, &vid, &form) ==
		    EINVAL, "%s accepted", bad[i]);
	ck_assert_int_eq(fip_vlan_name("eth2", 0, n), EINVAL);
	ck_assert_int_eq(fip_vlan_name("eth2", 4095, n), EINVAL);
	ck_assert_str_eq(n, "");
	ck_assert_int_eq(fip_vlan_name("", 100, n), EINVAL);
	ck_assert_int_eq(fip_vlan_name("abcdefghijklmnop", 100, n), EINVAL);
	ck_assert_int_eq(fip_vlan_name("a/b", 100, n), EINVAL);
	ck_assert_int_eq(fip_vlan_name("..", 100, n), EINVAL);
	ck_assert(!fip_vlan_name_is("eth2.100-fcoe", "eth2", 4095));
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("fip");
	TCase *codec = tcase_create("codec");
	TCase *bad = tcase_create("malformed");
	TCase *disc = tcase_create("discovery");
	TCase *name = tcase_create("names");

	tcase_add_test(codec, request_fabric_spec_bytes);
	tcase_add_test(codec, request_vn2vn_bytes);
	tcase_add_test(codec, request_with_name);
	tcase_add_test(codec, request_parse_padded);
	tcase_add_test(codec, note_spec_example);
	tcase_add_test(codec, note_build_spec_bytes);
	tcase_add_test(codec, note_vn2vn_doc_bytes);
	tcase_add_test(codec, note_vn2vn_many_vids);
	tcase_add_test(codec, note_build_refusals);
	suite_add_tcase(s, codec);

	tcase_add_test(bad, bad_ethernet);
	tcase_add_test(bad, bad_fip_header);
	tcase_add_test(bad, bad_lengths);
	tcase_add_test(bad, bad_mac_descriptor);
	tcase_add_test(bad, bad_vlan_descriptor);
	tcase_add_test(bad, vid_priority_bits);
	tcase_add_test(bad, unknown_descriptor_skipped);
	tcase_add_test(bad, more_vids_than_room);
	tcase_add_test(bad, error_texts);
	tcase_add_test(bad, offer_check);
	suite_add_tcase(s, bad);

	tcase_add_test(disc, disc_resend_schedule);
	tcase_add_test(disc, disc_found_backs_off);
	tcase_add_test(disc, disc_link_down_up);
	tcase_add_test(disc, disc_vid0_and_several);
	tcase_add_test(disc, disc_withdrawn);
	tcase_add_test(disc, disc_one_vid_per_note);
	tcase_add_test(disc, disc_unsolicited_adds_only);
	tcase_add_test(disc, disc_adopted);
	tcase_add_test(disc, disc_flap_inside_a_round_keeps_vids);
	tcase_add_test(disc, disc_all_withdrawn);
	tcase_add_test(disc, disc_subcode_for_mode);
	tcase_add_test(disc, disc_one_event_per_change);
	tcase_add_test(disc, disc_forget_stops);
	tcase_add_test(disc, disc_bounds);
	suite_add_tcase(s, disc);

	tcase_add_test(name, name_long_form);
	tcase_add_test(name, name_overflow_short_form);
	tcase_add_test(name, name_shared_prefixes);
	tcase_add_test(name, name_hash_collision_caught);
	tcase_add_test(name, name_refusals);
	suite_add_tcase(s, name);
	return s;
}

int
main(void)
{
	return check_run(suite());
}
