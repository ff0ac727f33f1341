/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * libFuzzer target (clang -fsanitize=fuzzer,address,undefined): the
 * control protocol of fcoemond's own socket (common/ctl_msg.c), both ends of
 * it: what the monitor accepts from any local user (ctl_req_check) and
 * what fcoectl accepts from the server (ctl_reply_check, ctl_row_check),
 * then fcoectl's rendering of the rows it accepted.
 *
 * Byte 0 picks the record the rest of the input is: a request, a reply,
 * or up to 9 rows.  Each record is a heap copy of exactly its size.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/render.h"
#include "common/ctl_msg.h"
#include "proto/fcp.h"

#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_check.h"

#define MAX_ROWS	9

static void *
record(const uint8_t *data, size_t size, size_t want)
{
	void *d = calloc(1, want);

	CHECK(d != NULL);
	memcpy(d, data, size < want ? size : want);
	return d;
}

/* NUL-terminated in the field, printable ASCII before it. */
static int
text_ok(const char *s, size_t size)
{
	size_t i;

	for (i = 0; i < size && s[i] != '\0'; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return 0;
	return i < size;
}

static int
name_ok(const char *n)
{
	size_t len = strnlen(n, CTL_IFNAMSIZ), i;

	if (len == 0 || len == CTL_IFNAMSIZ || strcmp(n, ".") == 0 ||
	    strcmp(n, "..") == 0)
		return 0;
	for (i = 0; i < CTL_IFNAMSIZ; i++)
		if (i < len ? strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM"
		    "NOPQRSTUVWXYZ0123456789_.:-", n[i]) == NULL : n[i] != 0)
			return 0;
	return 1;
}

static int
zeroed(const char *p, size_t n)
{
	while (n-- > 0)
		if (*p++ != 0)
			return 0;
	return 1;
}

static void
check_req(const uint8_t *data, size_t size)
{
	struct ctl_req *r = record(data, size, sizeof(*r)), again;
	int v = ctl_req_check(r);

	CHECK(v == 0 || v == EPROTO || v == EINVAL);
	if (v == 0) {
		CHECK(r->magic == CTL_MAGIC && r->version == CTL_VERSION);
		CHECK(r->zero == 0);
		CHECK(r->cmd >= CTL_STATUS && r->cmd < CTL_CMD_MAX);
		CHECK(strcmp(ctl_cmd_name(r->cmd), "unknown") != 0);
		CHECK(r->flags == 0 || (r->cmd == CTL_CREATE &&
		    r->flags == CTL_F_VN2VN));
		if (r->cmd >= CTL_CREATE && r->cmd <= CTL_SCAN)
			CHECK(name_ok(r->ifname));
		else if (r->cmd == CTL_STATUS)
			CHECK(zeroed(r->ifname, CTL_IFNAMSIZ) ||
			    name_ok(r->ifname));
		else
			CHECK(zeroed(r->ifname, CTL_IFNAMSIZ));
		/* what fcoectl would build for it is the same request */
		ctl_req_init(&again, r->cmd, r->ifname, r->flags);
		CHECK(memcmp(&again, r, sizeof(again)) == 0);
	}
	free(r);
}

static void
check_reply(const uint8_t *data, size_t size)
{
	struct ctl_reply *p = record(data, size, sizeof(*p)), again;
	struct ctl_req q;
	int v;

	ctl_req_init(&q, CTL_STATUS, NULL, 0);
	q.cmd = p->cmd;
	v = ctl_reply_check(p, &q);
	CHECK(v == 0 || v == EPROTO);
	if (v == 0) {
		CHECK(p->magic == CTL_MAGIC && p->version == CTL_VERSION);
		CHECK(text_ok(p->msg, sizeof(p->msg)));
		CHECK(p->status >= 0 && p->status <= 4095);
		CHECK(p->nrows <= CTL_MAX_ROWS);
		CHECK(p->nrows == 0 || (p->cmd == CTL_STATUS &&
		    p->status == 0));
		ctl_reply_init(&again, &q, p->status, p->nrows, p->msg);
		CHECK(ctl_reply_check(&again, &q) == 0);
		CHECK(strcmp(again.msg, p->msg) == 0);
		/* an answer to another command is refused */
		q.cmd++;
		CHECK(ctl_reply_check(p, &q) == EPROTO);
	}
	free(p);
}

static void
check_row(const struct ctl_row *r)
{
	CHECK(name_ok(r->ifname));
	CHECK(r->real[0] == '\0' || name_ok(r->real));
	CHECK(text_ok(r->port_state, sizeof(r->port_state)));
	CHECK(text_ok(r->why, sizeof(r->why)));
	CHECK(strcmp(ctl_link_name(r->link), "unknown") != 0);
	CHECK(strcmp(ctl_link_name(r->real_link), "unknown") != 0);
	CHECK(strcmp(ctl_state_name(r->state), "unknown") != 0);
	CHECK(strcmp(ctl_op_name(r->last_op), "unknown") != 0);
	CHECK(strcmp(ctl_dcb_name(r->dcb_step), "unknown") != 0);
	CHECK(strcmp(ctl_dcb_name(r->lldpad_step), "unknown") != 0);
	CHECK(strcmp(ctl_source_name(r->source), "unknown") != 0);
	CHECK(strcmp(ctl_dcbx_name(r->dcbx), "unknown") != 0);
	CHECK(r->app_valid <= 1 && r->app_priority <= 7 &&
	    r->dcbx_mode >= -1 && r->dcbx_mode <= 255 && r->dcbnl_err >= 0);
	CHECK(strcmp(fcp_mode_name(r->mode), "unknown") != 0);
	CHECK(r->dcb_required <= 1 && r->enable <= 1 && r->managed <= 1 &&
	    r->kernel_enabled <= 1);
	CHECK(r->retries <= r->max_retries);
	CHECK(r->last_err >= 0 && r->last_op_age_ms >= -1 &&
	    r->next_retry_ms >= -1 && r->lldpad_status >= -1 &&
	    r->ctlr >= -1 && r->host >= -1);
}

static char *
rendered(int json, const struct ctl_row *rows, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CHECK(f != NULL);
	CHECK((json ? render_json(f, rows, n) : render_table(f, rows, n)) ==
	    0);
	CHECK(fclose(f) == 0);
	CHECK(strlen(buf) == len);
	return buf;
}

/* why, as a JSON string: every '"' and '\' escaped (it is printable). */
static void
check_why_escaped(const char *json, const char *why)
{
	char want[2 * CTL_WHYSZ + 16], *w = want;

	w += sprintf(w, "\"why\":\"");
	for (; *why != '\0'; why++) {
		if (*why == '"' || *why == '\\')
			*w++ = '\\';
		*w++ = *why;
	}
	strcpy(w, "\",\"fip\":");	/* the FIP members follow it */
	CHECK(strstr(json, want) != NULL);
}

static void
check_json(const struct ctl_row *rows, size_t n)
{
	char *s = rendered(1, rows, n);
	const char *p = s;
	size_t k = 0, i;

	CHECK(json_valid(s));
	CHECK(strncmp(s, "{\"version\":3,\"interfaces\":[", 27) == 0 &&
	    CTL_VERSION == 3);
	while ((p = strstr(p, "{\"ifname\":\"")) != NULL) {
		k++;
		p++;
	}
	CHECK(k == n);		/* no string broke out of its quotes */
	for (i = 0; i < n; i++)
		check_why_escaped(s, rows[i].why);
	free(s);
}

/* One line per row under the header, why starting under "WHY". */
static void
check_table(const struct ctl_row *rows, size_t n)
{
	char *s = rendered(0, rows, n), *line, *save = NULL;
	size_t col, i;

	for (i = 0; s[i] != '\0'; i++)
		CHECK(s[i] == '\n' || (s[i] >= 0x20 && s[i] <= 0x7e));
	line = strtok_r(s, "\n", &save);
	CHECK(line != NULL && strstr(line, "  WHY") != NULL);
	col = (size_t)(strstr(line, "  WHY") - line) + 2;
	CHECK(strcmp(line + col, "WHY") == 0);
	for (i = 0; i < n; i++) {
		line = strtok_r(NULL, "\n", &save);
		CHECK(line != NULL && strlen(line) >= col);
		CHECK(strcmp(line + col, rows[i].why[0] ? rows[i].why : "-") ==
		    0);
		CHECK(strncmp(line, rows[i].ifname, strlen(rows[i].ifname)) ==
		    0);
	}
	CHECK(strtok_r(NULL, "\n", &save) == NULL);
	free(s);
}

static void
check_rows(const uint8_t *data, size_t size)
{
	struct ctl_row ok[MAX_ROWS];
	size_t n = 0, off;

	for (off = 0; off < size && off / sizeof(ok[0]) < MAX_ROWS;
	    off += sizeof(ok[0])) {
		struct ctl_row *r = record(data + off, size - off, sizeof(*r));
		int v = ctl_row_check(r);

		CHECK(v == 0 || v == EPROTO);
		if (v == 0) {
			check_row(r);
			ok[n++] = *r;
		}
		free(r);
	}
	check_json(ok, n);
	check_table(ok, n);
}

/* render_json_string on any bytes: still one valid JSON string. */
static void
check_any_string(const uint8_t *data, size_t size)
{
	char *in = record(data, size, size + 1), *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	CHECK(f != NULL);
	render_json_string(f, in, size);
	CHECK(fclose(f) == 0);
	CHECK(json_valid(out) && out[0] == '"');
	free(out);
	free(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	switch (data[0] & 3) {
	case 0:
		check_req(data + 1, size - 1);
		break;
	case 1:
		check_reply(data + 1, size - 1);
		break;
	default:
		check_rows(data + 1, size - 1);
		break;
	}
	check_any_string(data + 1, size - 1 < 256 ? size - 1 : 256);
	return 0;
}
