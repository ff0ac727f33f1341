/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): what a SIGHUP reload changes -- the
 * settings kept for a file that now has errors, and the difference
 * between the old and the new list, so the engine touches only what
 * changed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "monitor/config/cfg_int.h"

/* ---- reload ---- */

static int
iface_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cfg_iface *)a)->ifname,
	    ((const struct cfg_iface *)b)->ifname);
}

int
cfg_keep_rejected(struct cfg_list *next, const struct cfg_list *prev)
{
	const struct cfg_iface *p;
	const char *dir = next->dir ? next->dir : ".";
	char path[8192];
	size_t i;
	int kept = 0;

	for (i = 0; i < next->nrej; i++) {
		if ((p = cfg_list_find(prev, next->rejected[i])) == NULL ||
		    cfg_list_find(next, p->ifname) != NULL)
			continue;
		if (cfg_list_add(next, p) < 0)
			return -1;
		snprintf(path, sizeof(path), "%s/" CFG_PREFIX "%s", dir,
		    p->ifname);
		cfg_diag_add(&next->diags, path, 0, CFG_NOTE, "keeping the "
		    "previous settings of %s until the errors are fixed",
		    p->ifname);
		kept++;
	}
	if (kept) {
		/* Added at the end: restore name order, then the table. */
		qsort(next->v, next->n, sizeof(*next->v), iface_cmp);
		if (cfg_list_reindex(next) < 0)
			return -1;
	}
	return kept;
}

static unsigned
fields_differ(const struct cfg_iface *a, const struct cfg_iface *b)
{
	return (a->fcoe_enable != b->fcoe_enable ? CFG_F_ENABLE : 0) |
	    (a->dcb_required != b->dcb_required ? CFG_F_DCB : 0) |
	    (a->auto_vlan != b->auto_vlan ? CFG_F_AUTO_VLAN : 0) |
	    (a->fip_resp != b->fip_resp ? CFG_F_FIP_RESP : 0) |
	    (a->mode != b->mode ? CFG_F_MODE : 0);
}

static void
delta(struct cfg_diff *out, enum cfg_change what, unsigned fields,
    const struct cfg_iface *prev, const struct cfg_iface *next)
{
	struct cfg_delta *d = &out->v[out->n++];

	d->what = what;
	d->fields = fields;
	d->prev = prev;
	d->next = next;
	out->count[what]++;
}

int
cfg_diff(const struct cfg_list *prev, const struct cfg_list *next,
    struct cfg_diff *out)
{
	const struct cfg_iface *p, *e;
	unsigned f;
	size_t i;

	memset(out, 0, sizeof(*out));
	if ((out->v = calloc(prev->n + next->n + 1, sizeof(*out->v))) ==
	    NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (i = 0; i < next->n; i++) {
		e = &next->v[i];
		if ((p = cfg_list_find(prev, e->ifname)) == NULL)
			delta(out, CFG_ADDED, 0, NULL, e);
		else if ((f = fields_differ(p, e)) != 0)
			delta(out, CFG_CHANGED, f, p, e);
		else
			delta(out, CFG_UNCHANGED, 0, p, e);
	}
	for (i = 0; i < prev->n; i++)
		if (cfg_list_find(next, prev->v[i].ifname) == NULL)
			delta(out, CFG_REMOVED, 0, &prev->v[i], NULL);
	return 0;
}

void
cfg_diff_free(struct cfg_diff *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}

