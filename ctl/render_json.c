/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by fcoectl (any local user): `fcoectl --json status`, every field
 * of struct ctl_row with enums as their names, flags as booleans and the
 * -1 of "does not apply" as null.  Written by hand (libc only); every
 * string goes through render_json_string, which escapes whatever bytes
 * it is given, so the output is valid JSON even for a row no check
 * looked at.
 */
#include <stdio.h>
#include <string.h>

#include "proto/fcp.h"
#include "ctl/render.h"

void
render_json_string(FILE *f, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + strnlen(s, max);

	fputc('"', f);
	for (; p < end; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p > 0x7e)
			fprintf(f, "\\u%04x", *p);	/* as Latin-1 */
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

/* Every member but the first is preceded by its comma. */
static void
key(FILE *f, const char *k)
{
	fprintf(f, ",\"%s\":", k);
}

static void
str(FILE *f, const char *k, const char *v, size_t max)
{
	key(f, k);
	render_json_string(f, v, max);
}

/* "" in real / port_state means unknown, as -1 does for numbers. */
static void
str_or_null(FILE *f, const char *k, const char *v, size_t max)
{
	if (v[0] == '\0') {
		key(f, k);
		fputs("null", f);
	} else
		str(f, k, v, max);
}

static void
num(FILE *f, const char *k, int32_t v)
{
	key(f, k);
	if (v == -1)
		fputs("null", f);
	else
		fprintf(f, "%d", v);
}

static void
flag(FILE *f, const char *k, unsigned v)
{
	key(f, k);
	fputs(v ? "true" : "false", f);
}

static void
name(FILE *f, const char *k, const char *v)
{
	str(f, k, v, strlen(v));
}

/* Which DCBX decided and what it saw; null where nothing was seen. */
static void
dcbx(FILE *f, const struct ctl_row *r)
{
	char e[32];

	if (r->dcbx == CTL_DCBX_NONE) {
		key(f, "dcbx");
		fputs("null", f);
	} else
		name(f, "dcbx", ctl_dcbx_name(r->dcbx));
	num(f, "dcbx_mode", r->dcbx_mode);
	num(f, "pfc_prios", r->dcbx ? r->pfc_prios : -1);
	num(f, "fcoe_prios", r->dcbx ? r->fcoe_prios : -1);
	key(f, "app");
	if (r->app_valid)
		fprintf(f, "{\"selector\":%u,\"priority\":%u,"
		    "\"protocol\":%u}", r->app_selector, r->app_priority,
		    r->app_protocol);
	else
		fputs("null", f);
	num(f, "dcbnl_err", r->dcbnl_err);
	if (r->dcbnl_err == 0) {
		key(f, "dcbnl_err_name");
		fputs("null", f);
	} else
		name(f, "dcbnl_err_name", render_errno(r->dcbnl_err, e,
		    sizeof(e)));
}

/* FIP VLAN discovery: an object for an AUTO_VLAN entry, null otherwise;
 * for a VLAN discovery made, its entry and VID. */
static void
fip(FILE *f, const struct ctl_row *r)
{
	const uint8_t *m = r->fip_mac;
	size_t i;

	key(f, "fip");
	if (r->fip == CTL_FIP_NONE)
		fputs("null", f);
	else {
		fprintf(f, "{\"state\":\"%s\",\"requests\":%u,"
		    "\"notifications\":%u,\"ignored\":%u,\"rejected\":%u,"
		    "\"dropped\":%u,\"port_itself\":%s,\"vids_offered\":%u,"
		    "\"vids\":[", ctl_fip_name(r->fip), r->fip_requests,
		    r->fip_notes, r->fip_ignored, r->fip_bad, r->fip_drops,
		    r->fip_vid0 ? "true" : "false", r->fip_nvid);
		for (i = 0; i < r->fip_nvid && i < CTL_FIP_VIDS; i++)
			fprintf(f, "%s%u", i ? "," : "", r->fip_vid[i]);
		fputs("],\"mac\":", f);
		if ((m[0] | m[1] | m[2] | m[3] | m[4] | m[5]) == 0)
			fputs("null}", f);
		else
			fprintf(f, "\"%02x:%02x:%02x:%02x:%02x:%02x\"}", m[0],
			    m[1], m[2], m[3], m[4], m[5]);
	}
	if (r->source != CTL_SRC_FIP) {
		key(f, "auto_vlan");
		fputs("null", f);
		return;
	}
	key(f, "auto_vlan");
	fputs("{\"parent\":", f);
	render_json_string(f, r->auto_parent, sizeof(r->auto_parent));
	fprintf(f, ",\"vid\":%u,\"vlan_made\":%s}", r->auto_vid,
	    r->vlan_made ? "true" : "false");
}

static void
row(FILE *f, const struct ctl_row *r)
{
	char e[32];

	fputs("{\"ifname\":", f);
	render_json_string(f, r->ifname, sizeof(r->ifname));
	str_or_null(f, "real", r->real, sizeof(r->real));
	name(f, "link", ctl_link_name(r->link));
	name(f, "real_link", ctl_link_name(r->real_link));
	flag(f, "dcb_required", r->dcb_required);
	name(f, "mode", fcp_mode_name(r->mode));
	flag(f, "enable", r->enable);
	name(f, "source", ctl_source_name(r->source));
	flag(f, "managed", r->managed);
	name(f, "state", ctl_state_name(r->state));
	name(f, "dcb_step", ctl_dcb_name(r->dcb_step));
	num(f, "retries", r->retries);
	num(f, "max_retries", r->max_retries);
	name(f, "last_op", ctl_op_name(r->last_op));
	num(f, "last_err", r->last_err);
	if (r->last_err == 0) {
		key(f, "last_err_name");
		fputs("null", f);
	} else
		name(f, "last_err_name", render_errno(r->last_err, e,
		    sizeof(e)));
	num(f, "last_op_age_ms", r->last_op_age_ms);
	num(f, "next_retry_ms", r->next_retry_ms);
	num(f, "lldpad_status", r->lldpad_status);
	name(f, "lldpad_step", ctl_dcb_name(r->lldpad_step));
	dcbx(f, r);
	flag(f, "kernel_enabled", r->kernel_enabled);
	num(f, "ctlr", r->ctlr);
	num(f, "host", r->host);
	str_or_null(f, "port_state", r->port_state, sizeof(r->port_state));
	str(f, "why", r->why, sizeof(r->why));
	fip(f, r);
	fputc('}', f);
}

int
render_json(FILE *f, const struct ctl_row *rows, size_t n)
{
	size_t i;

	fprintf(f, "{\"version\":%d,\"interfaces\":[", CTL_VERSION);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', f);
		row(f, &rows[i]);
	}
	fputs("]}\n", f);
	return ferror(f) ? -1 : 0;
}
