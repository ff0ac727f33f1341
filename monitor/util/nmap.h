/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the monitor's one hash table, keyed by
 * a name or by an integer (an ifindex), intrusive, chained, doubling as it
 * fills, so lookups stay O(1) with thousands of VLANs.  The engine, the
 * configuration list and the link table all use it.
 */
#ifndef NMAP_H
#define NMAP_H

#include <stddef.h>
#include <stdint.h>

struct nmap_node {
	struct nmap_node *next;
	const char	*key;		/* points into the owner; stable.
					 * NULL for an integer key */
	int		 ikey;
	uint32_t	 hash;
};

struct nmap {
	struct nmap_node **b;
	size_t		 nb, n;
};

void	 nmap_init(struct nmap *);
void	 nmap_free(struct nmap *);	/* the table, not the nodes */
/* 0, or -1 (ENOMEM): the node is not in the table then.  The newest of
 * equal keys is found first. */
int	 nmap_put(struct nmap *, struct nmap_node *, const char *key);
int	 nmap_put_int(struct nmap *, struct nmap_node *, int key);
void	 nmap_del(struct nmap *, struct nmap_node *);
struct nmap_node *nmap_get(const struct nmap *, const char *key);
struct nmap_node *nmap_get_int(const struct nmap *, int key);
/* Nodes compared to find key (at least 1): tests and benchmark. */
size_t	 nmap_probes(const struct nmap *, const char *key);
/* fn may delete or free the node it is given. */
void	 nmap_foreach(const struct nmap *,
	    void (*fn)(struct nmap_node *, void *), void *arg);
uint32_t nmap_hash(const char *);

#endif
