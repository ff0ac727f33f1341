/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests of fcoectl's rendering (ctl/render.c, ctl/render_json.c):
 * what a user reads in `fcoectl status` and what a script parses from
 * `fcoectl --json status`.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/render.h"
#include "tests/fuzz/json_check.h"
#include "tests/unit/check_main.h"

/* A configured interface the daemon created, with its kernel instance. */
static struct ctl_row
row_up(void)
{
	struct ctl_row r;

	memset(&r, 0, sizeof(r));
	strcpy(r.ifname, "eth0.100-fcoe");
	strcpy(r.real, "eth0");
	r.link = CTL_LINK_UP;
	r.real_link = CTL_LINK_UP;
	r.dcb_required = 1;
	r.enable = 1;
	r.managed = 1;
	r.state = CTL_ST_ENABLED;
	r.dcb_step = CTL_DCB_DONE;
	r.max_retries = 10;
	r.last_op = CTL_OP_CREATE;
	r.last_op_age_ms = 12000;
	r.next_retry_ms = -1;
	r.lldpad_status = 0;
	r.lldpad_step = CTL_DCB_Q_APP_OPER;
	r.dcbx = CTL_DCBX_CEE;		/* CEE through lldpad decided */
	r.pfc_prios = 0x08;
	r.fcoe_prios = 0x08;
	r.dcbx_mode = -1;
	r.kernel_enabled = 1;
	r.ctlr = 0;
	r.host = 2;
	strcpy(r.port_state, "Online");
	strcpy(r.why, "link up, DCB ready: FCoE enabled");
	ck_assert_int_eq(ctl_row_check(&r), 0);
	return r;
}

/* Down, never created, everything that does not apply at -1. */
static struct ctl_row
row_down(void)
{
	struct ctl_row r;

	memset(&r, 0, sizeof(r));
	strcpy(r.ifname, "veth1");
	r.link = CTL_LINK_DOWN;
	r.mode = 1;
	r.source = CTL_SRC_ADMIN;
	r.retries = 3;
	r.max_retries = 10;
	r.last_op = CTL_OP_CREATE;
	r.last_err = EACCES;
	r.last_op_age_ms = -1;
	r.next_retry_ms = 600;
	r.lldpad_status = -1;
	r.dcbx_mode = -1;
	r.ctlr = -1;
	r.host = -1;
	strcpy(r.why, "link down: \"waiting\" \\ for carrier");
	ck_assert_int_eq(ctl_row_check(&r), 0);
	return r;
}

static char *
render(int json, const struct ctl_row *rows, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(json ? render_json(f, rows, n) :
	    render_table(f, rows, n), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static char *
json_str(const char *s, size_t max)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	render_json_string(f, s, max);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

START_TEST(json_escaping)
{
	static const struct { const char *in; size_t max; const char *out; }
	    t[] = {
		{ "plain", 100, "\"plain\"" },
		{ "a\"b\\c", 100, "\"a\\\"b\\\\c\"" },
		{ "tab\there\n", 100, "\"tab\\u0009here\\u000a\"" },
		{ "\x01\x1f\x7f\xff", 100, "\"\\u0001\\u001f\\u007f\\u00ff\"" },
		{ "cut here", 3, "\"cut\"" },
		{ "", 10, "\"\"" },
		{ "</script>", 100, "\"</script>\"" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *s = json_str(t[i].in, t[i].max);

		ck_assert_str_eq(s, t[i].out);
		ck_assert(json_valid(s));
		free(s);
	}
}
END_TEST

static const char *const fields[] = {
	"ifname", "real", "link", "real_link", "dcb_required", "mode",
	"enable", "source", "managed", "state", "dcb_step", "retries",
	"max_retries", "last_op", "last_err", "last_err_name",
	"last_op_age_ms", "next_retry_ms", "lldpad_status", "lldpad_step",
	"dcbx", "dcbx_mode", "pfc_prios", "fcoe_prios", "app", "dcbnl_err",
	"dcbnl_err_name", "kernel_enabled", "ctlr", "host", "port_state", "why",
	"fip", "auto_vlan"
};

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay++;
	}
	return n;
}

START_TEST(json_every_field_once_per_row)
{
	struct ctl_row r[2] = { row_up(), row_down() };
	char *s = render(1, r, 2), key[40];
	size_t i;

	ck_assert(json_valid(s));
	ck_assert(strncmp(s, "{\"version\":3,\"interfaces\":[{", 28) == 0);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		snprintf(key, sizeof(key), "\"%s\":", fields[i]);
		ck_assert_msg(count(s, key) == 2, "%s in %s", key, s);
	}
	ck_assert_ptr_null(strstr(s, "\"pad\""));
	free(s);
}
END_TEST

START_TEST(json_values)
{
	struct ctl_row r = row_up();
	char *s = render(1, &r, 1);

	ck_assert(json_valid(s));
	ck_assert_str_eq(s, "{\"version\":3,\"interfaces\":[{"
	    "\"ifname\":\"eth0.100-fcoe\",\"real\":\"eth0\",\"link\":\"up\","
	    "\"real_link\":\"up\",\"dcb_required\":true,\"mode\":\"fabric\","
	    "\"enable\":true,\"source\":\"cfg\",\"managed\":true,"
	    "\"state\":\"enabled\",\"dcb_step\":\"done\",\"retries\":0,"
	    "\"max_retries\":10,\"last_op\":\"create\",\"last_err\":0,"
	    "\"last_err_name\":null,\"last_op_age_ms\":12000,"
	    "\"next_retry_ms\":null,\"lldpad_status\":0,"
	    "\"lldpad_step\":\"app-oper\",\"dcbx\":\"cee\","
	    "\"dcbx_mode\":null,\"pfc_prios\":8,\"fcoe_prios\":8,"
	    "\"app\":null,\"dcbnl_err\":0,\"dcbnl_err_name\":null,"
	    "\"kernel_enabled\":true,"
	    "\"ctlr\":0,\"host\":2,\"port_state\":\"Online\","
	    "\"why\":\"link up, DCB ready: FCoE enabled\","
	    "\"fip\":null,\"auto_vlan\":null}]}\n");
	free(s);
}
END_TEST

START_TEST(json_nulls_and_names)
{
	struct ctl_row r = row_down();
	char *s = render(1, &r, 1);

	ck_assert(json_valid(s));
	ck_assert_ptr_nonnull(strstr(s, "\"real\":null,"));
	ck_assert_ptr_nonnull(strstr(s, "\"real_link\":\"absent\","));
	ck_assert_ptr_nonnull(strstr(s, "\"link\":\"down\","));
	ck_assert_ptr_nonnull(strstr(s, "\"mode\":\"vn2vn\","));
	ck_assert_ptr_nonnull(strstr(s, "\"source\":\"admin\","));
	ck_assert_ptr_nonnull(strstr(s, "\"state\":\"none\","));
	ck_assert_ptr_nonnull(strstr(s, "\"dcb_step\":\"off\","));
	ck_assert_ptr_nonnull(strstr(s, "\"last_err\":13,"));
	ck_assert_ptr_nonnull(strstr(s, "\"last_err_name\":\"EACCES\","));
	ck_assert_ptr_nonnull(strstr(s, "\"last_op_age_ms\":null,"));
	ck_assert_ptr_nonnull(strstr(s, "\"next_retry_ms\":600,"));
	ck_assert_ptr_nonnull(strstr(s, "\"lldpad_status\":null,"));
	ck_assert_ptr_nonnull(strstr(s, "\"ctlr\":null,\"host\":null,"
	    "\"port_state\":null,"));
	ck_assert_ptr_nonnull(strstr(s,
	    "\"why\":\"link down: \\\"waiting\\\" \\\\ for carrier\","));
	free(s);
}
END_TEST

/* IEEE DCBX decided: the flavour, the kernel's mode, the APP entry. */
static struct ctl_row
row_ieee(void)
{
	struct ctl_row r = row_up();

	r.lldpad_status = -1;
	r.lldpad_step = CTL_DCB_OFF;
	r.dcbx = CTL_DCBX_IEEE;
	r.dcbx_mode = 0x09;
	r.pfc_prios = 0x18;
	r.fcoe_prios = 0x08;
	r.app_valid = 1;
	r.app_selector = 1;
	r.app_priority = 3;
	r.app_protocol = 0x8906;
	ck_assert_int_eq(ctl_row_check(&r), 0);
	return r;
}

START_TEST(json_ieee)
{
	struct ctl_row r = row_ieee();
	char *s = render(1, &r, 1);

	ck_assert(json_valid(s));
	ck_assert_ptr_nonnull(strstr(s, "\"dcbx\":\"ieee\",\"dcbx_mode\":9,"
	    "\"pfc_prios\":24,\"fcoe_prios\":8,\"app\":{\"selector\":1,"
	    "\"priority\":3,\"protocol\":35078},\"dcbnl_err\":0,"));
	free(s);
	r = row_down();
	r.dcb_required = 1;
	r.dcbnl_err = EOPNOTSUPP;
	s = render(1, &r, 1);
	ck_assert_ptr_nonnull(strstr(s, "\"dcbx\":null,\"dcbx_mode\":null,"
	    "\"pfc_prios\":null,\"fcoe_prios\":null,\"app\":null,"
	    "\"dcbnl_err\":95,\"dcbnl_err_name\":\"EOPNOTSUPP\","));
	free(s);
}
END_TEST

START_TEST(cells_ieee)
{
	struct ctl_row r = row_ieee();
	struct render_cells c;

	render_cells(&r, &c);
	ck_assert_str_eq(c.c[COL_DCB], "done IEEE fcoe 0x08 pfc 0x18 "
	    "app 1/3/0x8906");
	/* An APP entry needs its flag; a priority beyond 7 is refused. */
	r.app_valid = 0;
	ck_assert_int_eq(ctl_row_check(&r), EPROTO);
	r = row_ieee();
	r.app_priority = 8;
	ck_assert_int_eq(ctl_row_check(&r), EPROTO);
	r = row_ieee();
	r.dcbx = 3;
	ck_assert_int_eq(ctl_row_check(&r), EPROTO);
}
END_TEST

/* An AUTO_VLAN entry and a VLAN its discovery made, as fcoectl shows
 * them: state, requests, VIDs, who answered, and the VLAN of each. */
static void
fip_rows(struct ctl_row r[2])
{
	static const uint8_t mac[6] = { 0x00, 0x0d, 0xec, 0x11, 0x22, 0x33 };

	r[0] = row_up();
	memset(r[0].ifname, 0, sizeof(r[0].ifname));	/* names NUL-padded */
	memset(r[0].real, 0, sizeof(r[0].real));
	snprintf(r[0].ifname, sizeof(r[0].ifname), "eth2");
	snprintf(r[0].real, sizeof(r[0].real), "eth2");
	r[0].fip = CTL_FIP_FOUND;
	r[0].fip_requests = 12;
	r[0].fip_notes = 3;
	r[0].fip_bad = 2;
	memcpy(r[0].fip_mac, mac, 6);
	r[0].fip_nvid = 2;
	r[0].fip_vid[0] = 100;
	r[0].fip_vid[1] = 1002;
	r[1] = row_up();
	r[1].source = CTL_SRC_FIP;
	r[1].auto_vid = 100;
	r[1].vlan_made = 1;
	snprintf(r[1].auto_parent, sizeof(r[1].auto_parent), "eth2");
	ck_assert_int_eq(ctl_row_check(&r[0]), 0);
	ck_assert_int_eq(ctl_row_check(&r[1]), 0);
}

START_TEST(json_fip)
{
	struct ctl_row r[2];
	char *s;

	fip_rows(r);
	s = render(1, r, 2);
	ck_assert(json_valid(s));
	ck_assert_ptr_nonnull(strstr(s, "\"fip\":{\"state\":\"found\","
	    "\"requests\":12,\"notifications\":3,\"ignored\":0,"
	    "\"rejected\":2,\"dropped\":0,\"port_itself\":false,"
	    "\"vids_offered\":2,\"vids\":[100,1002],"
	    "\"mac\":\"00:0d:ec:11:22:33\"},\"auto_vlan\":null}"));
	ck_assert_ptr_nonnull(strstr(s, "\"source\":\"fip\","));
	ck_assert_ptr_nonnull(strstr(s, "\"fip\":null,\"auto_vlan\":"
	    "{\"parent\":\"eth2\",\"vid\":100,\"vlan_made\":true}}"));
	free(s);
}
END_TEST

START_TEST(table_fip_column_only_when_used)
{
	struct ctl_row r[2];
	char *s;

	fip_rows(r);
	s = render(0, r, 2);
	ck_assert_ptr_nonnull(strstr(s, "  FIP  "));
	ck_assert_ptr_nonnull(strstr(s, "found, 12 requests, VLAN 100,1002 "
	    "from 00:0d:ec:11:22:33; ignored 0, rejected 2, dropped 0"));
	ck_assert_ptr_nonnull(strstr(s, "VID 100 of eth2 (VLAN made)"));
	free(s);
	r[0] = row_up();
	s = render(0, r, 1);
	ck_assert_ptr_null(strstr(s, "FIP"));
	free(s);
}
END_TEST

/* What a row may say about FIP, checked by fcoectl before it trusts it. */
START_TEST(row_check_fip_fields)
{
	struct ctl_row r[2], b;

	fip_rows(r);
	b = r[0]; b.fip = 4;
	ck_assert_int_eq(ctl_row_check(&b), EPROTO);
	b = r[0]; b.fip_vid[1] = 100;			/* not ascending */
	ck_assert_int_eq(ctl_row_check(&b), EPROTO);
	b = r[0]; b.fip_vid[2] = 7;			/* past fip_nvid */
	ck_assert_int_eq(ctl_row_check(&b), EPROTO);
	b = r[0]; b.fip_vid[0] = 4095;
	ck_assert_int_eq(ctl_row_check(&b), EPROTO);
	b = r[0]; b.fip = CTL_FIP_NONE;			/* counters without */
	ck_assert_int_eq(ctl_row_check(&b), EPROTO);
	b = r[1]; b.auto_vid = 0;			/* FIP without VID */
	ck_assert_int_eq(ctl_row_check(&b), EPROTO);
	b = r[1]; memset(b.auto_parent, 'a', sizeof(b.auto_parent));
	ck_assert_int_eq(ctl_row_check(&b), EPROTO);
	b = r[0]; b.vlan_made = 1;			/* not a FIP row */
	ck_assert_int_eq(ctl_row_check(&b), EPROTO);
	b = r[0]; b.pad2[3] = 1;
	ck_assert_int_eq(ctl_row_check(&b), EPROTO);
}
END_TEST

START_TEST(json_empty)
{
	char *s = render(1, NULL, 0);

	ck_assert_str_eq(s, "{\"version\":3,\"interfaces\":[]}\n");
	free(s);
}
END_TEST

START_TEST(cells_in_words)
{
	struct ctl_row a = row_up(), b = row_down();
	struct render_cells c;

	render_cells(&a, &c);
	ck_assert_str_eq(c.c[COL_IFNAME], "eth0.100-fcoe");
	ck_assert_str_eq(c.c[COL_REAL], "eth0");
	ck_assert_str_eq(c.c[COL_LINK], "up/up");
	ck_assert_str_eq(c.c[COL_STATE], "enabled fabric cfg");
	ck_assert_str_eq(c.c[COL_DCB], "done CEE fcoe 0x08 pfc 0x08 "
	    "(app-oper R00)");
	ck_assert_str_eq(c.c[COL_RETRY], "-");
	ck_assert_str_eq(c.c[COL_ACTION], "create ok, 12s ago");
	ck_assert_str_eq(c.c[COL_INSTANCE], "ctlr_0 host2 Online enabled");
	ck_assert_str_eq(c.why, "link up, DCB ready: FCoE enabled");

	render_cells(&b, &c);
	ck_assert_str_eq(c.c[COL_REAL], "-");
	ck_assert_str_eq(c.c[COL_LINK], "down/-");
	ck_assert_str_eq(c.c[COL_STATE], "none vn2vn admin");
	ck_assert_str_eq(c.c[COL_DCB], "no");
	ck_assert_str_eq(c.c[COL_RETRY], "3/10 in 0.6s");
	ck_assert_str_eq(c.c[COL_ACTION], "create EACCES");
	ck_assert_str_eq(c.c[COL_INSTANCE], "-");

	b.dcb_required = 1;
	b.dcb_step = CTL_DCB_Q_PFC_CONFIG;
	b.lldpad_step = CTL_DCB_Q_DCB_STATE;
	b.lldpad_status = 8;
	b.next_retry_ms = -1;
	b.last_op = CTL_OP_NONE;
	b.why[0] = '\0';
	render_cells(&b, &c);
	ck_assert_str_eq(c.c[COL_DCB], "pfc-config (dcb-state R08)");
	ck_assert_str_eq(c.c[COL_RETRY], "3/10");
	ck_assert_str_eq(c.c[COL_ACTION], "-");
	ck_assert_str_eq(c.why, "-");
	b.lldpad_status = -1;
	b.ctlr = 3;
	b.kernel_enabled = 0;
	render_cells(&b, &c);
	ck_assert_str_eq(c.c[COL_DCB], "pfc-config");
	ck_assert_str_eq(c.c[COL_INSTANCE], "ctlr_3 disabled");
	ck_assert_str_eq(c.c[COL_STATE], "none vn2vn admin unmanaged");
	b.ctlr = -1;
	b.state = CTL_ST_DISABLED;
	render_cells(&b, &c);
	ck_assert_str_eq(c.c[COL_STATE], "disabled vn2vn admin unmanaged");
	b.managed = 1;
	render_cells(&b, &c);
	ck_assert_str_eq(c.c[COL_STATE], "disabled vn2vn admin");
}
END_TEST

START_TEST(durations)
{
	static const struct { int32_t ms; const char *s; } t[] = {
		{ 0, "0.0s" }, { 600, "0.6s" }, { 9999, "9.9s" },
		{ 10000, "10s" }, { 119999, "119s" }, { 120000, "2m" },
		{ 7199999, "119m" }, { 7200000, "2h" }, { 172800000, "2d" },
		{ INT32_MAX, "24d" },
	};
	char buf[16];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		render_duration(t[i].ms, buf, sizeof(buf));
		ck_assert_str_eq(buf, t[i].s);
	}
}
END_TEST

START_TEST(errno_names)
{
	char buf[32];

	ck_assert_str_eq(render_errno(EACCES, buf, sizeof(buf)), "EACCES");
	ck_assert_str_eq(render_errno(ENODEV, buf, sizeof(buf)), "ENODEV");
	ck_assert_str_eq(render_errno(4000, buf, sizeof(buf)), "errno 4000");
}
END_TEST

/* The column of each header word, and the start of the cell under it. */
START_TEST(table_aligned)
{
	struct ctl_row r[3] = { row_up(), row_down(), row_down() };
	static const char *const heads[] = { "IFNAME", "REAL", "LINK",
	    "STATE", "DCB", "RETRY", "LAST ACTION", "INSTANCE", "WHY" };
	char *s, *lines[4], *save = NULL;
	size_t col[9], i, k;

	strcpy(r[2].ifname, "x");
	strcpy(r[2].why, "short");
	s = render(0, r, 3);
	lines[0] = strtok_r(s, "\n", &save);
	for (i = 1; i < 4; i++)
		lines[i] = strtok_r(NULL, "\n", &save);
	ck_assert_ptr_nonnull(lines[3]);
	ck_assert_ptr_null(strtok_r(NULL, "\n", &save));
	for (k = 0; k < 9; k++) {
		char *h = strstr(lines[0], heads[k]);

		ck_assert_ptr_nonnull(h);
		col[k] = (size_t)(h - lines[0]);
		if (k > 0)
			ck_assert(col[k] > col[k - 1]);
	}
	ck_assert_str_eq(lines[1] + col[8], r[0].why);
	ck_assert_str_eq(lines[2] + col[8], r[1].why);
	ck_assert_str_eq(lines[3] + col[8], "short");
	ck_assert(strncmp(lines[1] + col[6], "create ok, 12s ago", 18) == 0);
	ck_assert(strncmp(lines[2] + col[6], "create EACCES ", 14) == 0);
	ck_assert(strncmp(lines[3] + col[0], "x ", 2) == 0);
	for (i = 1; i < 4; i++)
		for (k = 1; k < 9; k++)
			ck_assert_msg(lines[i][col[k] - 1] == ' ' &&
			    lines[i][col[k]] != ' ', "line %zu col %zu: %s",
			    i, k, lines[i]);
	free(s);
}
END_TEST

START_TEST(table_header_only)
{
	char *s = render(0, NULL, 0);

	ck_assert_str_eq(s, "IFNAME  REAL  LINK  STATE  DCB  RETRY  "
	    "LAST ACTION  INSTANCE  WHY\n");
	free(s);
}
END_TEST

static Suite *
render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("render");

	tcase_add_test(tc, json_escaping);
	tcase_add_test(tc, json_every_field_once_per_row);
	tcase_add_test(tc, json_values);
	tcase_add_test(tc, json_nulls_and_names);
	tcase_add_test(tc, json_empty);
	tcase_add_test(tc, json_fip);
	tcase_add_test(tc, table_fip_column_only_when_used);
	tcase_add_test(tc, row_check_fip_fields);
	tcase_add_test(tc, json_ieee);
	tcase_add_test(tc, cells_ieee);
	tcase_add_test(tc, cells_in_words);
	tcase_add_test(tc, durations);
	tcase_add_test(tc, errno_names);
	tcase_add_test(tc, table_aligned);
	tcase_add_test(tc, table_header_only);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(render_suite());
}
