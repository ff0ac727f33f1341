/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the name-keyed hash table of nmap.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/util/nmap.h"

/* FNV-1a: names are short and come from root's files or the kernel. */
uint32_t
nmap_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void
nmap_init(struct nmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
nmap_free(struct nmap *m)
{
	free(m->b);
	nmap_init(m);
}

static int
grow(struct nmap *m)
{
	size_t nb = m->nb ? m->nb * 2 : 64, i;
	struct nmap_node **b = calloc(nb, sizeof(*b)), *e, *next;

	if (b == NULL)
		return -1;
	for (i = 0; i < m->nb; i++)
		for (e = m->b[i]; e != NULL; e = next) {
			next = e->next;
			e->next = b[nmap_hash(e->key) & (nb - 1)];
			b[nmap_hash(e->key) & (nb - 1)] = e;
		}
	free(m->b);
	m->b = b;
	m->nb = nb;
	return 0;
}

int
nmap_put(struct nmap *m, struct nmap_node *e, const char *key)
{
	size_t i;

	if ((m->n + 1 > m->nb) && grow(m) != 0)
		return -1;
	e->key = key;
	i = nmap_hash(key) & (m->nb - 1);
	e->next = m->b[i];
	m->b[i] = e;
	m->n++;
	return 0;
}

void
nmap_del(struct nmap *m, struct nmap_node *e)
{
	struct nmap_node **p;

	if (m->nb == 0)
		return;
	for (p = &m->b[nmap_hash(e->key) & (m->nb - 1)]; *p; p = &(*p)->next)
		if (*p == e) {
			*p = e->next;
			m->n--;
			return;
		}
}

struct nmap_node *
nmap_get(const struct nmap *m, const char *key)
{
	struct nmap_node *e;

	if (m->nb == 0)
		return NULL;
	for (e = m->b[nmap_hash(key) & (m->nb - 1)]; e; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e;
	return NULL;
}
