/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged, or as `fcoemond --check-config`): the
 * diagnostics and one line per interface, for an admin at a terminal.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "monitor/config/cfg_int.h"

/* ---- --check-config ---- */

static const char *
yesno(bool b)
{
	return b ? "yes" : "no";
}

int
cfg_iface_format(const struct cfg_iface *i, char *buf, size_t len)
{
	return snprintf(buf, len, "%-15s fcoe_enable=%s dcb_required=%s "
	    "auto_vlan=%s mode=%s fip_resp=%s", i->ifname,
	    yesno(i->fcoe_enable),
	    yesno(i->dcb_required), yesno(i->auto_vlan),
	    i->mode == CFG_MODE_VN2VN ? "vn2vn" : "fabric", yesno(i->fip_resp));
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

int
cfg_check_print(const struct cfg_list *l, FILE *out, FILE *err)
{
	const struct cfg_diags *d = &l->diags;
	const char *dir = l->dir ? l->dir : "-";
	char line[128];
	size_t i;

	for (i = 0; i < d->n; i++)
		fprintf(err, "%s\n", d->v[i].msg);
	if (d->lost)
		fprintf(err, "%s: %zu more messages lost (out of memory)\n",
		    dir, d->lost);
	for (i = 0; i < l->n; i++) {
		cfg_iface_format(&l->v[i], line, sizeof(line));
		fprintf(out, "%s\n", line);
	}
	fprintf(err, "%s: %zu interface%s, %zu error%s, %zu warning%s\n", dir,
	    l->n, plural(l->n), d->count[CFG_ERROR],
	    plural(d->count[CFG_ERROR]), d->count[CFG_WARNING],
	    plural(d->count[CFG_WARNING]));
	return d->count[CFG_ERROR] > 0 || l->dir_failed ? 1 : 0;
}
