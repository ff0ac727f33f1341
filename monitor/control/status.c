/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): engine status rows to fcoectl's
 * records and to SIGUSR1's lines (status.h).  The wire enums mirror the
 * engine's; the asserts below keep them in step.
 */
#include <stdio.h>
#include <string.h>

#include "monitor/control/status.h"

_Static_assert((int)CTL_DCB_GAVE_UP == (int)DCB_GAVE_UP &&
    (int)CTL_DCB_OFF == (int)DCB_OFF && (int)CTL_DCB_DONE == (int)DCB_DONE &&
    (int)CTL_DCB_Q_DCBNL == (int)DCB_Q_DCBNL, "ctl_dcb mirrors dcb_step");
_Static_assert((int)CTL_DCBX_NONE == (int)ENG_DCBX_NONE &&
    (int)CTL_DCBX_CEE == (int)ENG_DCBX_CEE &&
    (int)CTL_DCBX_IEEE == (int)ENG_DCBX_IEEE, "ctl_dcbx mirrors eng_flavour");
_Static_assert((int)CTL_OP_DESTROY == (int)PO_DESTROY &&
    (int)CTL_ST_DISABLED == (int)PS_DISABLED, "ctl mirrors port");
_Static_assert((int)CTL_LINK_ABSENT == (int)ENG_LINK_ABSENT &&
    (int)CTL_LINK_DOWN == (int)ENG_LINK_DOWN &&
    (int)CTL_LINK_UP == (int)ENG_LINK_UP, "ctl_link mirrors eng_link");
_Static_assert(ENG_WHYSZ <= CTL_WHYSZ && LINK_NAMESZ <= CTL_IFNAMSIZ,
    "an engine row fits a ctl_row");

static void
fip_to_ctl(const struct eng_row *r, struct ctl_row *w)
{
	static const char *const st[] = { "none", "idle", "soliciting",
	    "found" };
	unsigned i;

	if (r->auto_vid != 0) {
		snprintf(w->auto_parent, sizeof(w->auto_parent), "%s",
		    r->auto_parent);
		w->auto_vid = (uint16_t)r->auto_vid;
		w->vlan_made = r->vlan_made;
	}
	if (!r->fip)
		return;
	for (i = 1; i < 4; i++)
		if (strcmp(r->fip_state, st[i]) == 0)
			w->fip = (uint8_t)i;
	w->fip_vid0 = r->fip_vid0;
	memcpy(w->fip_mac, r->fip_mac, sizeof(w->fip_mac));
	w->fip_requests = r->fip_requests;
	w->fip_notes = r->fip_notes;
	w->fip_ignored = r->fip_ignored;
	w->fip_bad = r->fip_bad;
	w->fip_drops = r->fip_drops;
	w->fip_nvid = (uint16_t)r->fip_nvid;
	for (i = 0; i < CTL_FIP_VIDS && i < r->fip_nvid; i++)
		w->fip_vid[i] = r->fip_vid[i];
}

void
status_to_ctl(const struct eng_row *r, struct ctl_row *w)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->ifname, sizeof(w->ifname), "%s", r->ifname);
	snprintf(w->real, sizeof(w->real), "%s", r->real);
	w->link = (uint8_t)r->link;
	w->real_link = (uint8_t)r->real_link;
	w->dcb_required = r->dcb_required;
	w->mode = r->mode == CFG_MODE_VN2VN;
	w->enable = r->enable;
	w->source = r->admin_made ? CTL_SRC_ADMIN : r->auto_vid != 0 ?
	    CTL_SRC_FIP : CTL_SRC_CFG;
	w->managed = r->managed;
	w->state = (uint8_t)r->state;
	w->max_retries = (uint8_t)r->max_retries;
	/* Reset and scan are not instance states: the record shows none;
	 * a create made disabled before link-up is a create. */
	w->last_op = r->last_op <= PO_DESTROY ? (uint8_t)r->last_op :
	    r->last_op == PO_PREPARE ? CTL_OP_CREATE : CTL_OP_NONE;
	w->last_err = w->last_op ? r->last_err : 0;
	w->last_op_age_ms = w->last_op ? r->last_op_age_ms : -1;
	w->dcb_step = (uint8_t)r->dcb_step;
	w->retries = (uint8_t)r->retries;
	w->next_retry_ms = r->next_retry_ms;
	w->lldpad_status = r->lldpad_status;
	w->lldpad_step = (uint8_t)r->lldpad_step;
	w->ctlr = w->host = -1;
	w->dcbx = (uint8_t)r->flavour;
	w->pfc_prios = r->pfc_prios;
	w->fcoe_prios = r->fcoe_prios;
	if (r->has_app) {
		w->app_valid = 1;
		w->app_selector = r->app.selector;
		w->app_priority = r->app.priority & 7;
		w->app_protocol = r->app.protocol;
	}
	w->dcbx_mode = r->dcbx_mode;
	w->dcbnl_err = r->dcbnl_err;
	snprintf(w->why, sizeof(w->why), "%s", r->why);
	fip_to_ctl(r, w);
}

struct dump {
	void	(*line)(void *, const char *);
	void	*arg;
};

static void
dump_row(void *arg, const struct eng_row *r)
{
	struct dump *d = arg;
	struct ctl_row w;
	char buf[512], fip[64] = "";

	status_to_ctl(r, &w);
	if (w.fip != CTL_FIP_NONE)
		snprintf(fip, sizeof(fip), " fip=%s requests=%u vids=%u",
		    ctl_fip_name(w.fip), w.fip_requests, w.fip_nvid);
	else if (w.source == CTL_SRC_FIP)
		snprintf(fip, sizeof(fip), " vid=%u of %s", w.auto_vid,
		    w.auto_parent);
	snprintf(buf, sizeof(buf), "status: %s real=%s link=%s "
	    "instance=%s%s last=%s%s%s%s: %s", w.ifname,
	    w.real[0] ? w.real : "-", ctl_link_name(w.link),
	    ctl_state_name(w.state), w.managed ? "" : " (not ours)",
	    ctl_op_name(w.last_op), w.last_err ? "/" : "",
	    w.last_err ? strerror(w.last_err) : "", fip, w.why);
	d->line(d->arg, buf);
}

void
status_dump(const struct engine *e, uint64_t now,
    void (*line)(void *, const char *), void *arg)
{
	struct dump d = { line, arg };
	char sum[300], buf[320];

	engine_summary(e, now, sum, sizeof(sum));
	snprintf(buf, sizeof(buf), "status: %s", sum);
	line(arg, buf);
	(void)engine_status(e, NULL, now, dump_row, &d);
}
