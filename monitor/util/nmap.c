/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the hash table of nmap.h.
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

/* Knuth's multiplicative hash: ifindexes are small and dense. */
static uint32_t
int_hash(int k)
{
	return (uint32_t)k * 2654435761u;
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
	/* Walked head first and pushed, a chain comes out reversed; walking
	 * it reversed keeps the newest of equal keys first. */
	for (i = 0; i < m->nb; i++) {
		struct nmap_node *rev = NULL;

		for (e = m->b[i]; e != NULL; e = next) {
			next = e->next;
			e->next = rev;
			rev = e;
		}
		for (e = rev; e != NULL; e = next) {
			next = e->next;
			e->next = b[e->hash & (nb - 1)];
			b[e->hash & (nb - 1)] = e;
		}
	}
	free(m->b);
	m->b = b;
	m->nb = nb;
	return 0;
}

static int
put(struct nmap *m, struct nmap_node *e)
{
	size_t i;

	if ((m->n + 1 > m->nb) && grow(m) != 0) {
		errno = ENOMEM;
		return -1;
	}
	i = e->hash & (m->nb - 1);
	e->next = m->b[i];
	m->b[i] = e;
	m->n++;
	return 0;
}

int
nmap_put(struct nmap *m, struct nmap_node *e, const char *key)
{
	e->key = key;
	e->ikey = 0;
	e->hash = nmap_hash(key);
	return put(m, e);
}

int
nmap_put_int(struct nmap *m, struct nmap_node *e, int key)
{
	e->key = NULL;
	e->ikey = key;
	e->hash = int_hash(key);
	return put(m, e);
}

void
nmap_del(struct nmap *m, struct nmap_node *e)
{
	struct nmap_node **p;

	if (m->nb == 0)
		return;
	for (p = &m->b[e->hash & (m->nb - 1)]; *p; p = &(*p)->next)
		if (*p == e) {
			*p = e->next;
			m->n--;
			return;
		}
}

/* The node of key (string or integer) and how many were compared. */
static struct nmap_node *
find(const struct nmap *m, const char *key, int ikey, size_t *probes)
{
	uint32_t h = key ? nmap_hash(key) : int_hash(ikey);
	struct nmap_node *e;
	size_t p = 1;

	if (m->nb == 0)
		return NULL;
	for (e = m->b[h & (m->nb - 1)]; e; e = e->next, p++)
		if (e->hash == h && (key ? e->key && strcmp(e->key, key) == 0 :
		    !e->key && e->ikey == ikey))
			break;
	if (probes)
		*probes = e ? p : p > 1 ? p - 1 : 1;
	return e;
}

struct nmap_node *
nmap_get(const struct nmap *m, const char *key)
{
	return find(m, key, 0, NULL);
}

struct nmap_node *
nmap_get_int(const struct nmap *m, int key)
{
	return find(m, NULL, key, NULL);
}

size_t
nmap_probes(const struct nmap *m, const char *key)
{
	size_t p = 1;

	(void)find(m, key, 0, &p);
	return p;
}

void
nmap_foreach(const struct nmap *m, void (*fn)(struct nmap_node *, void *),
    void *arg)
{
	struct nmap_node *e, *next;
	size_t i;

	for (i = 0; i < m->nb; i++)
		for (e = m->b[i]; e != NULL; e = next) {
			next = e->next;
			fn(e, arg);
		}
}
