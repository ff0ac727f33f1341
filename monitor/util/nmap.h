/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): an intrusive hash table keyed by
 * interface name, chained, doubling as it fills, so lookups stay O(1)
 * with thousands of VLANs.
 */
#ifndef NMAP_H
#define NMAP_H

#include <stddef.h>
#include <stdint.h>

struct nmap_node {
	struct nmap_node *next;
	const char	*key;		/* points into the owner; stable */
};

struct nmap {
	struct nmap_node **b;
	size_t		 nb, n;
};

void	 nmap_init(struct nmap *);
void	 nmap_free(struct nmap *);	/* the table, not the nodes */
/* 0, or -1 (ENOMEM): the node is not in the table then. */
int	 nmap_put(struct nmap *, struct nmap_node *, const char *key);
void	 nmap_del(struct nmap *, struct nmap_node *);
struct nmap_node *nmap_get(const struct nmap *, const char *key);
uint32_t nmap_hash(const char *);

#endif
