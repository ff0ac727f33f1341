/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): what the engine knows of a network
 * link.  The engine defines it and io/links.c fills it from rtnetlink, so
 * the engine never sees libnl and the adapter depends on the engine, not
 * the other way round.
 */
#ifndef ENGINE_LINK_H
#define ENGINE_LINK_H

#include <stdbool.h>
#include <stdint.h>

#define LINK_NAMESZ	16	/* IFNAMSIZ */
#define LINK_KINDSZ	16

enum link_event_type {
	LINK_NEW,	/* first seen: initial dump, creation, or found by resync */
	LINK_CHANGE,	/* a field of struct link_info changed */
	LINK_DEL,	/* gone; the record is the last known state */
	LINK_RESYNCED,	/* a resync finished; record is zeroed.  Sent once per
			 * resync, after the differences it found. */
};

/* What the monitor needs of one link; plain data, copied freely. */
struct link_info {
	int		ifindex;
	char		name[LINK_NAMESZ];
	char		kind[LINK_KINDSZ];	/* IFLA_INFO_KIND, "" if none */
	bool		oper_up;	/* operstate UP (fcoemon's test), or a
					 * VLAN's UNKNOWN while running (links.c) */
	uint8_t		operstate;	/* IFLA_OPERSTATE, IF_OPER_* */
	bool		admin_up;	/* IFF_UP */
	unsigned	flags;		/* ifi_flags (IFF_*) */
	/* VLANs only (kind "vlan"), from IFLA_LINK and IFLA_VLAN_ID, never
	 * from the name.  parent_name is resolved when this record is built;
	 * after a parent rename, links_by_index(parent_ifindex) is current. */
	int		parent_ifindex;
	char		parent_name[LINK_NAMESZ];
	uint16_t	vid;
};

struct link_event {
	enum link_event_type type;
	bool		resync;		/* found by a resync after lost events */
	char		old_name[LINK_NAMESZ];	/* CHANGE: name before, if renamed */
	struct link_info link;
};

#endif
