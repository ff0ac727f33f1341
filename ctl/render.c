/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by fcoectl (any local user): the status table, one line per FCoE
 * interface.  Every cell is built from a row ctl_row_check accepted, so
 * the strings are printable ASCII and the enums in range; a cell that
 * does not apply is "-".  The columns are padded to the widest cell and
 * the free text (why) comes last so that it never breaks the alignment.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "proto/fcp.h"
#include "ctl/render.h"

static const char *const heads[COL_NCELLS] = {
	"IFNAME", "REAL", "LINK", "STATE", "DCB", "RETRY", "LAST ACTION",
	"INSTANCE"
};

static void	cell(char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
cell(char *dst, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dst, RENDER_CELLSZ, fmt, ap);
	va_end(ap);
}

void
render_duration(int32_t ms, char *out, size_t size)
{
	int32_t s = ms / 1000;

	if (ms < 10000)
		snprintf(out, size, "%d.%ds", s, (ms % 1000) / 100);
	else if (s < 120)
		snprintf(out, size, "%ds", s);
	else if (s < 120 * 60)
		snprintf(out, size, "%dm", s / 60);
	else if (s < 48 * 3600)
		snprintf(out, size, "%dh", s / 3600);
	else
		snprintf(out, size, "%dd", s / 86400);
}

const char *
render_errno(int err, char *buf, size_t size)
{
	const char *n = err > 0 ? strerrorname_np(err) : NULL;

	if (n != NULL)
		return n;
	snprintf(buf, size, "errno %d", err);
	return buf;
}

/* The DCB step; the last lldpad answer as lldpad wrote it ("R08"), with
 * the step it answered, since the engine has usually moved on since. */
static void
dcb_cell(const struct ctl_row *r, char *dst)
{
	char seen[40] = "", app[24] = "";

	if (r->dcbx != CTL_DCBX_NONE) {
		if (r->app_valid)
			snprintf(app, sizeof(app), " app %u/%u/0x%04x",
			    r->app_selector, r->app_priority, r->app_protocol);
		snprintf(seen, sizeof(seen), " %s fcoe 0x%02x pfc 0x%02x%s",
		    r->dcbx == CTL_DCBX_IEEE ? "IEEE" : "CEE", r->fcoe_prios,
		    r->pfc_prios, app);
	}
	if (!r->dcb_required)
		cell(dst, "no");
	else if (r->lldpad_status < 0)
		cell(dst, "%s%s", ctl_dcb_name(r->dcb_step), seen);
	else
		cell(dst, "%s%s (%s R%02x)", ctl_dcb_name(r->dcb_step), seen,
		    ctl_dcb_name(r->lldpad_step), (unsigned)r->lldpad_status);
}

static void
retry_cell(const struct ctl_row *r, char *dst)
{
	char d[16];

	if (r->next_retry_ms >= 0) {
		render_duration(r->next_retry_ms, d, sizeof(d));
		cell(dst, "%u/%u in %s", r->retries, r->max_retries, d);
	} else if (r->retries > 0)
		cell(dst, "%u/%u", r->retries, r->max_retries);
	else
		cell(dst, "-");
}

static void
action_cell(const struct ctl_row *r, char *dst)
{
	char e[32], age[16];
	const char *res;

	if (r->last_op == CTL_OP_NONE) {
		cell(dst, "-");
		return;
	}
	res = r->last_err == 0 ? "ok" : render_errno(r->last_err, e, sizeof(e));
	if (r->last_op_age_ms < 0) {
		cell(dst, "%s %s", ctl_op_name(r->last_op), res);
		return;
	}
	render_duration(r->last_op_age_ms, age, sizeof(age));
	cell(dst, "%s %s, %s ago", ctl_op_name(r->last_op), res, age);
}

static void
instance_cell(const struct ctl_row *r, char *dst)
{
	char host[16] = "";

	if (r->ctlr < 0) {
		cell(dst, "-");
		return;
	}
	if (r->host >= 0)
		snprintf(host, sizeof(host), " host%d", r->host);
	cell(dst, "ctlr_%d%s%s%s %s", r->ctlr, host,
	    r->port_state[0] != '\0' ? " " : "", r->port_state,
	    r->kernel_enabled ? "enabled" : "disabled");
}

void
render_cells(const struct ctl_row *r, struct render_cells *out)
{
	cell(out->c[COL_IFNAME], "%s", r->ifname);
	cell(out->c[COL_REAL], "%s", r->real[0] != '\0' ? r->real : "-");
	cell(out->c[COL_LINK], "%s/%s", ctl_link_name(r->link),
	    r->real[0] != '\0' ? ctl_link_name(r->real_link) : "-");
	/* "unmanaged" only where there is an instance that is not ours */
	cell(out->c[COL_STATE], "%s %s %s%s", ctl_state_name(r->state),
	    fcp_mode_name(r->mode), ctl_source_name(r->source),
	    r->managed || (r->state == CTL_ST_ABSENT && r->ctlr < 0) ? "" :
	    " unmanaged");
	dcb_cell(r, out->c[COL_DCB]);
	retry_cell(r, out->c[COL_RETRY]);
	action_cell(r, out->c[COL_ACTION]);
	instance_cell(r, out->c[COL_INSTANCE]);
	out->why = r->why[0] != '\0' ? r->why : "-";
}

void
render_fip(const struct ctl_row *r, char *dst, size_t n)
{
	const uint8_t *m = r->fip_mac;
	size_t at, i;

	if (r->source == CTL_SRC_FIP) {
		snprintf(dst, n, "VID %u of %s (VLAN %s)", r->auto_vid,
		    r->auto_parent, r->vlan_made ? "made" : "reused");
		return;
	}
	if (r->fip == CTL_FIP_NONE) {
		snprintf(dst, n, "-");
		return;
	}
	at = (size_t)snprintf(dst, n, "%s, %u requests", ctl_fip_name(r->fip),
	    r->fip_requests);
	for (i = 0; i < r->fip_nvid && i < CTL_FIP_VIDS && at < n; i++)
		at += (size_t)snprintf(dst + at, n - at, "%s%u", i ? "," :
		    ", VLAN ", r->fip_vid[i]);
	if (r->fip_nvid > CTL_FIP_VIDS && at < n)
		at += (size_t)snprintf(dst + at, n - at, ",... (%u)",
		    r->fip_nvid);
	if (r->fip_vid0 && at < n)
		at += (size_t)snprintf(dst + at, n - at, ", the port itself");
	if ((m[0] | m[1] | m[2] | m[3] | m[4] | m[5]) != 0 && at < n)
		at += (size_t)snprintf(dst + at, n - at, " from "
		    "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3],
		    m[4], m[5]);
	if ((r->fip_ignored || r->fip_bad || r->fip_drops) && at < n)
		snprintf(dst + at, n - at, "; ignored %u, rejected %u, "
		    "dropped %u", r->fip_ignored, r->fip_bad, r->fip_drops);
}

static void
line(FILE *f, const char *const *c, const size_t *w, const char *fip,
    size_t fw, const char *why)
{
	int i;

	for (i = 0; i < COL_NCELLS; i++)
		fprintf(f, "%-*s  ", (int)w[i], c[i]);
	if (fip != NULL)
		fprintf(f, "%-*s  ", (int)fw, fip);
	fprintf(f, "%s\n", why);
}

int
render_table(FILE *f, const struct ctl_row *rows, size_t n)
{
	struct render_cells rc;
	const char *c[COL_NCELLS];
	char fip[RENDER_FIPSZ];
	size_t w[COL_NCELLS], fw = 3, i;
	bool any_fip = false;
	int k;

	for (k = 0; k < COL_NCELLS; k++)
		w[k] = strlen(heads[k]);
	for (i = 0; i < n; i++) {
		render_cells(&rows[i], &rc);
		for (k = 0; k < COL_NCELLS; k++)
			if (strlen(rc.c[k]) > w[k])
				w[k] = strlen(rc.c[k]);
		render_fip(&rows[i], fip, sizeof(fip));
		if (strlen(fip) > fw)
			fw = strlen(fip);
		any_fip |= rows[i].fip != CTL_FIP_NONE ||
		    rows[i].source == CTL_SRC_FIP;
	}
	line(f, heads, w, any_fip ? "FIP" : NULL, fw, "WHY");
	for (i = 0; i < n; i++) {
		render_cells(&rows[i], &rc);
		for (k = 0; k < COL_NCELLS; k++)
			c[k] = rc.c[k];
		render_fip(&rows[i], fip, sizeof(fip));
		line(f, c, w, any_fip ? fip : NULL, fw, rc.why);
	}
	return ferror(f) ? -1 : 0;
}
