/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check), run at build time, no process role: the lldpad
 * reply and event parser of monitor/wire/lldpad_msg.c on every byte example of
 * doc/kernel.md "lldpad: DCB answers" and
 * "lldpad: events", and on malformed input, each
 * rejected with its reason, field and offset.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/wire/lldpad_msg.h"

static struct lldpad_msg m;

/*
 * Parse from a heap copy of exactly len bytes, so nothing after the
 * datagram (no NUL) is there to be read.
 */
static enum lldpad_kind
parsen(const char *s, size_t len)
{
	char *copy = malloc(len ? len : 1);
	enum lldpad_kind k;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, s, len);
	k = lldpad_msg_parse(copy, len, &m);
	free(copy);
	return k;
}

static enum lldpad_kind
parse(const char *s)
{
	return parsen(s, strlen(s));
}

/* A DCB reply with its echo. */
static void
dcb_ok(const char *s, unsigned status, unsigned cmd, unsigned feature,
    unsigned subtype, const char *ifname)
{
	ck_assert_int_eq(parse(s), LLDPAD_REPLY_DCB);
	ck_assert(m.answer);
	ck_assert(m.has_status);
	ck_assert_uint_eq(m.status, status);
	ck_assert_int_eq(m.echo, 'C');
	ck_assert_uint_eq(m.dcb.version, 3);
	ck_assert_uint_eq(m.dcb.cmd, cmd);
	ck_assert_uint_eq(m.dcb.feature, feature);
	ck_assert_uint_eq(m.dcb.subtype, subtype);
	ck_assert_str_eq(m.dcb.ifname, ifname);
	ck_assert_int_eq(m.dcb.decoded, status == 0);
}

#define BADN(s, n, why, fld, off)					\
	do {								\
		ck_assert_int_eq(parsen((s), (n)), LLDPAD_MALFORMED);	\
		ck_assert_str_eq(m.reason, (why));			\
		if ((fld) == NULL)					\
			ck_assert_ptr_null(m.field);			\
		else							\
			ck_assert_str_eq(m.field, (const char *)(fld));	\
		ck_assert_uint_eq(m.at, (off));				\
	} while (0)
#define BAD(s, why, fld, off)	BADN((s), strlen(s), (why), (fld), (off))

/* ---- doc/kernel.md "lldpad: DCB answers" example 1: DCB state ---- */

START_TEST(ex1_dcb_state_on)
{
	dcb_ok("R00C301010004eth21", 0, LLDPAD_GET_CONFIG, LLDPAD_F_DCB, 0,
	    "eth2");
	ck_assert(m.dcb.dcb_state);
	ck_assert_uint_eq(m.dcb.ignored, 0);
}
END_TEST

START_TEST(ex1_dcb_state_off)
{
	dcb_ok("R00C301010004eth20", 0, LLDPAD_GET_CONFIG, LLDPAD_F_DCB, 0,
	    "eth2");
	ck_assert(!m.dcb.dcb_state);
}
END_TEST

START_TEST(ex1_not_capable)
{
	dcb_ok("R08C301010004eth2", LLDPAD_ST_NOT_CAPABLE, LLDPAD_GET_CONFIG,
	    LLDPAD_F_DCB, 0, "eth2");
	ck_assert(!m.dcb.decoded);
	ck_assert_uint_eq(m.dcb.ignored, 0);
	ck_assert_str_eq(lldpad_status_str(m.status), "not DCB capable");
}
END_TEST

/* ---- example 2: PFC config ---- */

START_TEST(ex2_pfc_config)
{
	static const uint8_t prio[8] = { 0, 0, 0, 1, 0, 0, 0, 0 };

	dcb_ok("R00C301030004eth2111000100008", 0, LLDPAD_GET_CONFIG,
	    LLDPAD_F_PFC, 0, "eth2");
	ck_assert(m.dcb.enable && m.dcb.advertise && m.dcb.willing);
	ck_assert_mem_eq(m.dcb.pfc, prio, 8);
	ck_assert_uint_eq(m.dcb.pfcup, 0x08);
	ck_assert_int_eq(m.dcb.num_tcs, 8);
}
END_TEST

START_TEST(pfc_config_values)
{
	/* E=1 A=0 W=0, priority 0 on, 7 "invalid" (2), 4 TCs. */
	dcb_ok("R00C301030004eth2100100000024", 0, LLDPAD_GET_CONFIG,
	    LLDPAD_F_PFC, 0, "eth2");
	ck_assert(m.dcb.enable && !m.dcb.advertise && !m.dcb.willing);
	ck_assert_uint_eq(m.dcb.pfc[0], 1);
	ck_assert_uint_eq(m.dcb.pfc[7], 2);
	ck_assert_uint_eq(m.dcb.pfcup, 0x01);
	ck_assert_int_eq(m.dcb.num_tcs, 4);
}
END_TEST

/* ---- example 3: App:FCoE config ---- */

START_TEST(ex3_app_config)
{
	dcb_ok("R00C301050004eth21110208", 0, LLDPAD_GET_CONFIG, LLDPAD_F_APP,
	    0, "eth2");
	ck_assert(m.dcb.enable && m.dcb.advertise && m.dcb.willing);
	ck_assert_uint_eq(m.dcb.app_len, 1);
	ck_assert_uint_eq(m.dcb.appcfg, 0x08);
}
END_TEST

START_TEST(app_config_lengths)
{
	dcb_ok("R00C301050004eth200000", 0, LLDPAD_GET_CONFIG, LLDPAD_F_APP,
	    0, "eth2");
	ck_assert(!m.dcb.enable);
	ck_assert_uint_eq(m.dcb.app_len, 0);
	ck_assert_uint_eq(m.dcb.appcfg, 0);
	/* Two bytes: the first is the bitmap. */
	dcb_ok("R00C301050104eth2111041880", 0, LLDPAD_GET_CONFIG,
	    LLDPAD_F_APP, 1, "eth2");
	ck_assert_uint_eq(m.dcb.app_len, 2);
	ck_assert_uint_eq(m.dcb.appcfg, 0x18);
}
END_TEST

/* ---- example 4: PFC operational ---- */

START_TEST(ex4_pfc_oper)
{
	dcb_ok("R00C303030004eth20000001100010000x", 0, LLDPAD_GET_OPER,
	    LLDPAD_F_PFC, 0, "eth2");
	ck_assert_uint_eq(m.dcb.oper_version, 0);
	ck_assert_uint_eq(m.dcb.max_version, 0);
	ck_assert_uint_eq(m.dcb.error, 0);
	ck_assert(m.dcb.oper_mode);
	ck_assert(m.dcb.syncd);
	ck_assert_uint_eq(m.dcb.pfcup, 0x08);
	ck_assert_int_eq(m.dcb.num_tcs, -1);
}
END_TEST

START_TEST(ex4_pfc_oper_ieee)
{
	dcb_ok("R09C303030004eth2", LLDPAD_ST_NOT_APPLICABLE, LLDPAD_GET_OPER,
	    LLDPAD_F_PFC, 0, "eth2");
	ck_assert_uint_eq(m.dcb.ignored, 0);
}
END_TEST

START_TEST(oper_fields)
{
	/* oper v1, max v2, errors 0x21, mode 0, not syncd, no priority. */
	dcb_ok("R00C303030004eth20102210000000000x", 0, LLDPAD_GET_OPER,
	    LLDPAD_F_PFC, 0, "eth2");
	ck_assert_uint_eq(m.dcb.oper_version, 1);
	ck_assert_uint_eq(m.dcb.max_version, 2);
	ck_assert_uint_eq(m.dcb.error,
	    LLDPAD_ERR_NO_PEER_FEAT | LLDPAD_ERR_MISMATCH);
	ck_assert(!m.dcb.oper_mode);
	ck_assert(!m.dcb.syncd);
	ck_assert_uint_eq(m.dcb.pfcup, 0);
}
END_TEST

START_TEST(error_keeps_partial_data)
{
	/* A handler failing after the 8 protocol characters: not data. */
	dcb_ok("R01C303030004eth200000011", LLDPAD_ST_FAILED, LLDPAD_GET_OPER,
	    LLDPAD_F_PFC, 0, "eth2");
	ck_assert(!m.dcb.decoded);
	ck_assert_uint_eq(m.dcb.ignored, 8);
	ck_assert_uint_eq(m.dcb.pfcup, 0);
}
END_TEST

/* ---- example 5: App:FCoE operational ---- */

START_TEST(ex5_app_oper)
{
	dcb_ok("R00C303050004eth2000000110208", 0, LLDPAD_GET_OPER,
	    LLDPAD_F_APP, 0, "eth2");
	ck_assert(m.dcb.oper_mode);
	ck_assert(m.dcb.syncd);
	ck_assert_uint_eq(m.dcb.app_len, 1);
	ck_assert_uint_eq(m.dcb.appcfg, 0x08);
}
END_TEST

/* ---- example 6: session ---- */

START_TEST(ex6_attach)
{
	ck_assert_int_eq(parse("R00A"), LLDPAD_ATTACHED);
	ck_assert_uint_eq(m.status, 0);
	ck_assert_int_eq(m.echo, 'A');
	/* lldpad's attach error path patches status -1 as "ff". */
	ck_assert_int_eq(parse("RffA"), LLDPAD_ATTACHED);
	ck_assert_uint_eq(m.status, 0xff);
	ck_assert_str_eq(lldpad_status_str(m.status), "unknown status");
}
END_TEST

START_TEST(ex6_ping)
{
	ck_assert_int_eq(parse("R00PPONG4321"), LLDPAD_PONG);
	ck_assert_uint_eq(m.status, 0);
	ck_assert_int_eq(m.echo, 'P');
	ck_assert_int_eq(m.pid, 4321);
	/* lldpad before the pid was added. */
	ck_assert_int_eq(parse("R00PPONG"), LLDPAD_PONG);
	ck_assert_int_eq(m.pid, -1);
	ck_assert_int_eq(parse("R00PPONG2147483647"), LLDPAD_PONG);
	ck_assert_int_eq(m.pid, 2147483647);
}
END_TEST

START_TEST(ex6_detach_level)
{
	ck_assert_int_eq(parse("R00D"), LLDPAD_DETACHED);
	ck_assert_uint_eq(m.status, 0);
	ck_assert_int_eq(parse("R01D"), LLDPAD_DETACHED);
	ck_assert_uint_eq(m.status, LLDPAD_ST_FAILED);
	ck_assert_int_eq(parse("R00L"), LLDPAD_LEVEL);
	ck_assert_int_eq(m.echo, 'L');
}
END_TEST

START_TEST(early_failures_without_echo)
{
	static const struct { const char *s; unsigned st; } t[] = {
		{ "R0a", LLDPAD_ST_NO_ACCESS },
		{ "R04", LLDPAD_ST_INVALID },
		{ "R02", LLDPAD_ST_DEVICE_NOT_FOUND },
		{ "R05", LLDPAD_ST_BAD_PARAMS },
		{ "R01", LLDPAD_ST_FAILED },
		{ "R0A", LLDPAD_ST_NO_ACCESS },	/* either case of hex */
		{ "R0b", LLDPAD_ST_AGENT_NOT_SUPPORTED },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_int_eq(parse(t[i].s), LLDPAD_REPLY);
		ck_assert(m.answer);
		ck_assert(m.has_status);
		ck_assert_uint_eq(m.status, t[i].st);
		ck_assert_int_eq(m.echo, '\0');
	}
	ck_assert_str_eq(lldpad_status_str(LLDPAD_ST_NO_ACCESS), "no access");
}
END_TEST

START_TEST(name_of_15)
{
	dcb_ok("R00C30101000fabcdefghijklmno1", 0, LLDPAD_GET_CONFIG,
	    LLDPAD_F_DCB, 0, "abcdefghijklmno");
	dcb_ok("R00C30101000eeth0.4094-fcoe1", 0, LLDPAD_GET_CONFIG,
	    LLDPAD_F_DCB, 0, "eth0.4094-fcoe");
}
END_TEST

START_TEST(not_nul_terminated)
{
	/* Only len bytes count: what follows in memory is not read. */
	static const char buf[] = "R00AGARBAGE";

	ck_assert_int_eq(lldpad_msg_parse(buf, 4, &m), LLDPAD_ATTACHED);
	ck_assert_int_eq(lldpad_msg_parse("R00C301010004eth21xyz", 18, &m),
	    LLDPAD_REPLY_DCB);
	ck_assert(m.dcb.dcb_state);
}
END_TEST

/* ---- doc/kernel.md "lldpad: events" ---- */

START_TEST(ev_pfc)
{
	ck_assert_int_eq(parse("E5204eth2030011"), LLDPAD_EVENT);
	ck_assert(!m.answer);
	ck_assert_uint_eq(m.ev.level, 5);
	ck_assert_uint_eq(m.ev.version, 2);
	ck_assert_str_eq(m.ev.ifname, "eth2");
	ck_assert_uint_eq(m.ev.feature, LLDPAD_F_PFC);
	ck_assert_uint_eq(m.ev.subtype, 0);
	ck_assert(m.ev.mode_changed);
	ck_assert(m.ev.config_changed);
}
END_TEST

START_TEST(ev_app_fcoe)
{
	ck_assert_int_eq(parse("E5204eth2050010"), LLDPAD_EVENT);
	ck_assert_uint_eq(m.ev.feature, LLDPAD_F_APP);
	ck_assert_uint_eq(m.ev.subtype, LLDPAD_APP_FCOE);
	ck_assert(m.ev.mode_changed);
	ck_assert(!m.ev.config_changed);
}
END_TEST

START_TEST(ev_pg)
{
	ck_assert_int_eq(parse("E5204eth2020001"), LLDPAD_EVENT);
	ck_assert_uint_eq(m.ev.feature, LLDPAD_F_PG);
	ck_assert(!m.ev.mode_changed);
	ck_assert(m.ev.config_changed);
}
END_TEST

START_TEST(ev_other)
{
	ck_assert_int_eq(parse("E520aeth0.100ab050100"), LLDPAD_EVENT);
	ck_assert_str_eq(m.ev.ifname, "eth0.100ab");
	ck_assert_uint_eq(m.ev.subtype, 1);
	ck_assert_int_eq(parse("E2204eth2060200"), LLDPAD_EVENT);
	ck_assert_uint_eq(m.ev.level, 2);
	ck_assert_uint_eq(m.ev.feature, LLDPAD_F_LLINK);
}
END_TEST

/* ---- malformed: framing ---- */

START_TEST(bad_framing)
{
	char big[LLDPAD_MSG_MAX + 1];

	BAD("", "empty datagram", NULL, 0);
	ck_assert_int_eq(lldpad_msg_parse(NULL, 3, &m), LLDPAD_MALFORMED);
	memset(big, '0', sizeof(big));
	big[0] = 'R';
	BADN(big, sizeof(big), "datagram too long", NULL, 0);
	BAD("X", "unknown message type", "type", 0);
	BAD("r00A", "unknown message type", "type", 0);
	/* Our own request is not an answer. */
	BAD("C301010004eth2", "unknown message type", "type", 0);
	BAD("M001b2101E5204eth2030011", "module-tagged message", "type", 0);
	BADN("\0R00A", 5, "unknown message type", "type", 0);
	ck_assert(!m.answer);
}
END_TEST

/* ---- malformed: status and command echo ---- */

START_TEST(bad_status)
{
	BAD("R", "truncated", "status", 1);
	ck_assert(m.answer);
	ck_assert(!m.has_status);
	BAD("R0", "truncated", "status", 1);
	BAD("R0g", "not a hex digit", "status", 2);
	BAD("R 0", "not a hex digit", "status", 1);
	BAD("R-1", "not a hex digit", "status", 1);
	BAD("Rx0C301010004eth21", "not a hex digit", "status", 1);
}
END_TEST

START_TEST(bad_echo)
{
	BAD("R00X", "unexpected command echo", "command echo", 3);
	/* Still an answer with its status: the caller clears its query. */
	BAD("R04garbage", "unexpected command echo", "command echo", 3);
	ck_assert(m.answer);
	ck_assert(m.has_status);
	ck_assert_uint_eq(m.status, LLDPAD_ST_INVALID);
	ck_assert_int_eq(m.echo, '\0');
	BAD("R00A ", "trailing bytes", NULL, 4);
	BAD("R00Ax", "trailing bytes", NULL, 4);
	BADN("R00D\0", 5, "trailing bytes", NULL, 4);
	BAD("R00L1", "trailing bytes", NULL, 4);
	BAD("R04\n", "unexpected command echo", "command echo", 3);
}
END_TEST

START_TEST(bad_pong)
{
	BAD("R00P", "expected PONG", "PONG", 4);
	BAD("R00PPON", "expected PONG", "PONG", 4);
	BAD("R00PPING", "expected PONG", "PONG", 4);
	BAD("R00PPONG0", "not a pid", "pid", 8);
	BAD("R00PPONG0123", "not a pid", "pid", 8);
	BAD("R00PPONG-1", "not a pid", "pid", 8);
	BAD("R00PPONG 12", "not a pid", "pid", 8);
	BAD("R00PPONG12a", "trailing bytes", NULL, 10);
	BAD("R00PPONG2147483648", "pid out of range", "pid", 8);
	BAD("R00PPONG99999999999999999999", "pid out of range", "pid", 8);
	ck_assert_int_eq(m.pid, -1);
}
END_TEST

/* ---- malformed: the echo of a DCB query ---- */

START_TEST(bad_dcb_echo)
{
	BAD("R00C", "truncated", "version", 4);
	BAD("R08C", "truncated", "version", 4);
	BAD("R00Cz01010004eth21", "not a hex digit", "version", 4);
	BAD("R00C201010004eth21", "unsupported clif version", "version", 4);
	BAD("R00C3", "truncated", "command", 5);
	BAD("R00C30", "truncated", "command", 5);
	BAD("R00C3g1010004eth21", "not a hex digit", "command", 5);
	BAD("R00C301", "truncated", "feature", 7);
	BAD("R00C3010x0004eth21", "not a hex digit", "feature", 8);
	BAD("R00C30101", "truncated", "subtype", 9);
	BAD("R00C301010", "truncated", "subtype", 9);
	BAD("R00C30101000", "truncated", "ifname length", 11);
	BAD("R00C30101000zeth21", "not a hex digit", "ifname length", 12);
	BAD("R08C301010004", "truncated", "ifname", 13);
	BAD("R08C301010004eth", "truncated", "ifname", 13);
	BAD("R00C301010000", "empty ifname", "ifname", 13);
	BAD("R00C301010010abcdefghijklmnop1", "ifname longer than 15",
	    "ifname", 13);
	BAD("R00C3010100ffeth2", "ifname longer than 15", "ifname", 13);
	BAD("R00C301010004et/21", "bad character in ifname", "ifname", 15);
	BAD("R00C301010004et:21", "bad character in ifname", "ifname", 15);
	BAD("R00C301010004et 21", "bad character in ifname", "ifname", 15);
	BAD("R00C301010004eth\n1", "bad character in ifname", "ifname", 16);
	BADN("R00C301010004e\0h21", 18, "bad character in ifname", "ifname",
	    14);
	BAD("R00C301010004\x7f" "th21", "bad character in ifname", "ifname",
	    13);
	BAD("R00C301010002..1", "ifname is . or ..", "ifname", 13);
	BAD("R00C301010001.1", "ifname is . or ..", "ifname", 13);
	/* The data of a reply that is not ours to decode. */
	BAD("R00C304030004eth21111", "no decoder for command and feature",
	    "command", 17);
	BAD("R00C302050004eth2", "no decoder for command and feature",
	    "command", 17);
	BAD("R00C303010004eth21", "no decoder for command and feature",
	    "command", 17);
	BAD("R00C301020004eth2", "no decoder for command and feature",
	    "command", 17);
}
END_TEST

/* ---- malformed: the data ---- */

START_TEST(bad_dcb_state)
{
	BAD("R00C301010004eth2", "truncated", "DCB state", 17);
	BAD("R00C301010004eth22", "not 0 or 1", "DCB state", 17);
	BAD("R00C301010004eth2x", "not 0 or 1", "DCB state", 17);
	BAD("R00C301010004eth211", "trailing bytes", NULL, 18);
}
END_TEST

START_TEST(bad_pfc_config)
{
	BAD("R00C301030004eth2", "truncated", "enable", 17);
	BAD("R00C301030004eth21", "truncated", "advertise", 18);
	BAD("R00C301030004eth211", "truncated", "willing", 19);
	BAD("R00C301030004eth2112000100008", "not 0 or 1", "willing", 19);
	BAD("R00C301030004eth2111", "truncated", "PFC priority", 20);
	BAD("R00C301030004eth21110001", "truncated", "PFC priority", 24);
	BAD("R00C301030004eth21110001z0008", "not a hex digit",
	    "PFC priority", 24);
	BAD("R00C301030004eth211100010000", "truncated", "num TCs", 28);
	BAD("R00C301030004eth211100010000g", "not a hex digit", "num TCs",
	    28);
	BAD("R00C301030004eth21110001000088", "trailing bytes", NULL, 29);
}
END_TEST

START_TEST(bad_app)
{
	BAD("R00C301050004eth2111", "truncated", "APP length", 20);
	BAD("R00C301050004eth21110", "truncated", "APP length", 20);
	BAD("R00C301050004eth2111030", "odd APP data length", "APP length",
	    22);
	BAD("R00C301050004eth21110408", "truncated", "APP data", 24);
	BAD("R00C301050004eth211102", "truncated", "APP data", 22);
	BAD("R00C301050004eth2111020g", "not a hex digit", "APP data", 23);
	BAD("R00C301050004eth2111020808", "trailing bytes", NULL, 24);
	BAD("R00C303050004eth20000001102", "truncated", "APP data", 27);
	BAD("R00C303050004eth2000000110208 ", "trailing bytes", NULL, 29);
}
END_TEST

START_TEST(bad_oper)
{
	BAD("R00C303030004eth2", "truncated", "oper version", 17);
	BAD("R00C303030004eth2g0", "not a hex digit", "oper version", 17);
	BAD("R00C303030004eth200z0001100010000x", "not a hex digit",
	    "max version", 19);
	BAD("R00C303030004eth20000", "truncated", "error flags", 21);
	BAD("R00C30303 004eth2", "not a hex digit", "subtype", 9);
	BAD("R00C303030004eth20000002100010000x", "not 0 or 1", "oper mode",
	    23);
	BAD("R00C303030004eth20000001x00010000x", "not 0 or 1", "syncd", 24);
	BAD("R00C303030004eth20000001100010000", "truncated", "num TCs", 33);
	BAD("R00C303030004eth20000001100010000xx", "trailing bytes", NULL, 34);
}
END_TEST

/* ---- malformed: events ---- */

START_TEST(bad_event)
{
	BAD("E", "truncated", "level", 1);
	BAD("Ex204eth2030011", "not a decimal digit", "level", 1);
	BAD("Ea204eth2030011", "not a decimal digit", "level", 1);
	BAD("E5", "truncated", "event version", 2);
	BAD("E5304eth2030011", "unsupported event version", "event version",
	    2);
	BAD("E16204eth2030011", "unsupported event version", "event version",
	    2);
	BAD("E520", "truncated", "ifname length", 3);
	BAD("E5200eth2030011", "empty ifname", "ifname", 5);
	BAD("E5210eth2030011", "ifname longer than 15", "ifname", 5);
	BAD("E5204eth", "truncated", "ifname", 5);
	BAD("E5204et/2030011", "bad character in ifname", "ifname", 7);
	BAD("E5204eth20", "truncated", "feature", 9);
	BAD("E5204eth2q30011", "not a hex digit", "feature", 9);
	BAD("E5204eth203", "truncated", "subtype", 11);
	BAD("E5204eth2030", "truncated", "subtype", 11);
	BAD("E5204eth20300", "truncated", "mode changed", 13);
	BAD("E5204eth2030021", "not 0 or 1", "mode changed", 13);
	BAD("E5204eth203001", "truncated", "config changed", 14);
	BAD("E5204eth2030012", "not 0 or 1", "config changed", 14);
	BAD("E5204eth20300112", "trailing bytes", NULL, 15);
	ck_assert(!m.answer);
	ck_assert_str_eq(m.ev.ifname, "");
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(lldpad_kind_str(LLDPAD_REPLY_DCB), "DCB reply");
	ck_assert_str_eq(lldpad_kind_str((enum lldpad_kind)99), "unknown");
	ck_assert_str_eq(lldpad_feature_str(LLDPAD_F_APP), "APP");
	ck_assert_str_eq(lldpad_cmd_str(LLDPAD_GET_OPER), "get oper");
	ck_assert_str_eq(lldpad_status_str(LLDPAD_ST_NOT_APPLICABLE),
	    "not applicable");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("lldpad_msg");
	TCase *ok = tcase_create("examples");
	TCase *bad = tcase_create("malformed");

	tcase_add_test(ok, ex1_dcb_state_on);
	tcase_add_test(ok, ex1_dcb_state_off);
	tcase_add_test(ok, ex1_not_capable);
	tcase_add_test(ok, ex2_pfc_config);
	tcase_add_test(ok, pfc_config_values);
	tcase_add_test(ok, ex3_app_config);
	tcase_add_test(ok, app_config_lengths);
	tcase_add_test(ok, ex4_pfc_oper);
	tcase_add_test(ok, ex4_pfc_oper_ieee);
	tcase_add_test(ok, oper_fields);
	tcase_add_test(ok, error_keeps_partial_data);
	tcase_add_test(ok, ex5_app_oper);
	tcase_add_test(ok, ex6_attach);
	tcase_add_test(ok, ex6_ping);
	tcase_add_test(ok, ex6_detach_level);
	tcase_add_test(ok, early_failures_without_echo);
	tcase_add_test(ok, name_of_15);
	tcase_add_test(ok, not_nul_terminated);
	tcase_add_test(ok, ev_pfc);
	tcase_add_test(ok, ev_app_fcoe);
	tcase_add_test(ok, ev_pg);
	tcase_add_test(ok, ev_other);
	tcase_add_test(ok, names);
	suite_add_tcase(s, ok);

	tcase_add_test(bad, bad_framing);
	tcase_add_test(bad, bad_status);
	tcase_add_test(bad, bad_echo);
	tcase_add_test(bad, bad_pong);
	tcase_add_test(bad, bad_dcb_echo);
	tcase_add_test(bad, bad_dcb_state);
	tcase_add_test(bad, bad_pfc_config);
	tcase_add_test(bad, bad_app);
	tcase_add_test(bad, bad_oper);
	tcase_add_test(bad, bad_event);
	suite_add_tcase(s, bad);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
