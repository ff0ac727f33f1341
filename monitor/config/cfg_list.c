/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the interfaces of one directory, in
 * name order, hashed by name in the monitor's one table (util/nmap), so a
 * lookup stays O(1) with thousands of VLANs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/config/cfg_int.h"

struct cfg_list *
cfg_list_new(void)
{
	struct cfg_list *l = calloc(1, sizeof(struct cfg_list));

	if (l != NULL)
		nmap_init(&l->map);
	return l;
}

void
cfg_list_free(struct cfg_list *l)
{
	if (l == NULL)
		return;
	free(l->v);
	free(l->node);
	nmap_free(&l->map);
	free(l->rejected);
	free(l->dir);
	cfg_diags_free(&l->diags);
	free(l);
}

int
cfg_grow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp, *np;
	size_t ncap = *cap ? *cap : 16;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	if ((np = reallocarray(*p, ncap, size)) == NULL)
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}

/* Node i is keyed by v[i].ifname: after v moved, the table is rebuilt. */
int
cfg_list_reindex(struct cfg_list *l)
{
	size_t i;

	nmap_free(&l->map);
	for (i = 0; i < l->n; i++)
		if (nmap_put(&l->map, &l->node[i], l->v[i].ifname) != 0)
			return -1;
	return 0;
}

int
cfg_list_add(struct cfg_list *l, const struct cfg_iface *ifc)
{
	const struct cfg_iface *v0 = l->v;
	const struct nmap_node *n0 = l->node;

	if (!cfg_ifname_valid(ifc->ifname, strnlen(ifc->ifname,
	    CFG_IFNAMSIZ))) {
		errno = EINVAL;
		return -1;
	}
	if (cfg_list_find(l, ifc->ifname) != NULL) {
		errno = EEXIST;
		return -1;
	}
	if (cfg_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v)) < 0 ||
	    cfg_grow(&l->node, &l->capnode, l->n + 1, sizeof(*l->node)) < 0 ||
	    ((l->v != v0 || l->node != n0) && cfg_list_reindex(l) < 0)) {
		errno = ENOMEM;
		return -1;
	}
	l->v[l->n] = *ifc;
	if (nmap_put(&l->map, &l->node[l->n], l->v[l->n].ifname) != 0) {
		errno = ENOMEM;
		return -1;
	}
	l->n++;
	return 0;
}

const struct cfg_iface *
cfg_list_find(const struct cfg_list *l, const char *ifname)
{
	const struct nmap_node *e;

	if (l->n == 0 || strnlen(ifname, CFG_IFNAMSIZ) == CFG_IFNAMSIZ)
		return NULL;
	e = nmap_get(&l->map, ifname);
	return e ? &l->v[e - l->node] : NULL;
}

size_t
cfg_list_probes(const struct cfg_list *l, const char *ifname)
{
	if (l->n == 0 || strnlen(ifname, CFG_IFNAMSIZ) == CFG_IFNAMSIZ)
		return 0;
	return nmap_probes(&l->map, ifname);
}

int
cfg_reject(struct cfg_list *l, const char *ifname)
{
	if (cfg_grow(&l->rejected, &l->caprej, l->nrej + 1,
	    sizeof(*l->rejected)) < 0)
		return -1;
	snprintf(l->rejected[l->nrej++], CFG_IFNAMSIZ, "%s", ifname);
	return 0;
}
