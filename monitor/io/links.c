/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the link table
 * (doc/design.md "Links and real interfaces").
 *
 * libnl-route-3's cache manager receives RTNLGRP_LINK on a non-blocking
 * socket watched by the libevent loop; its v2 callback tells us what
 * changed, and we keep our own table of plain struct link_info, hashed by
 * ifindex and by name (monitor/util/nmap), so that one event costs the
 * same with 5 links or 5,000 VLANs.  Netlink reads need no privilege.
 *
 * Completeness:
 *  - start: the manager joins the multicast group before it dumps, so
 *    nothing falls between the dump and the first event;
 *  - overrun: the kernel drops notifications when the socket buffer is full
 *    and reports ENOBUFS once (libnl says -NLE_NOMEM).  We then discard
 *    what is still queued (older than the dump to come, it could regress
 *    the state if read after it), re-dump on a socket opened at start (the
 *    sandbox forbids opening one later) and deliver the differences: DELs
 *    first, then NEW/CHANGE, all flagged resync, then one LINK_RESYNCED.
 *
 * Filtering: the manager would also cache AF_INET6 objects
 * (RTNLGRP_IPV6_IFINFO, which we leave) and caches AF_BRIDGE port objects
 * under the same ifindex; only AF_UNSPEC objects are links.  libnl rewrites the family of kind "bridge" to AF_BRIDGE, so a
 * bridge master is accepted under AF_BRIDGE when it carries that kind.
 */
#include <errno.h>
#include <net/if.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if.h>
#include <event2/event.h>
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/vlan.h>

#include "monitor/io/links.h"
#include "monitor/util/nmap.h"

/* 4 MiB: thousands of links changing at once fit.  The kernel caps it at
 * net.core.rmem_max (212992 on stock kernels); resync covers the rest. */
#define LINKS_RCVBUF	(4 << 20)
#define DRAIN_MAX	(1 << 20)	/* bound on messages discarded per overrun */

struct link_ent {
	struct nmap_node by_idx;	/* first: the node is the entry */
	struct nmap_node by_name;
	struct link_info info;
	struct link_ent	*next_pend;	/* batch queue (initial dump, resync) */
	int		pend;		/* -1 or the queued enum link_event_type */
	char		pend_old[LINK_NAMESZ];
};

struct links {
	links_cb	cb;
	void		*arg;
	struct nl_sock	*ev_sk;		/* events, owned by us, used by mngr */
	struct nl_sock	*resync_sk;	/* blocking, for dumps after overruns */
	struct nl_cache_mngr *mngr;
	struct nl_cache	*cache;		/* owned by mngr */
	struct event	*ev;
	struct nmap	by_idx, by_name;
	size_t		count;
	bool		batch;		/* queue events instead of delivering */
	struct link_ent	*pend_head, **pend_tail;
	unsigned long	resyncs;
};

/* ---- hash tables ------------------------------------------------------ */

#define ENT_OF_IDX(n)	((struct link_ent *)(void *)(n))
#define ENT_OF_NAME(n)	((struct link_ent *)(void *)((char *)(n) - \
			    offsetof(struct link_ent, by_name)))

/* Both tables or neither; -1 when out of memory. */
static int
insert(struct links *lk, struct link_ent *e)
{
	if (nmap_put_int(&lk->by_idx, &e->by_idx, e->info.ifindex) != 0)
		return -1;
	/* Newest first: while a resync is half applied two links may share a
	 * name; the one the kernel has now is the one inserted last. */
	if (nmap_put(&lk->by_name, &e->by_name, e->info.name) != 0) {
		nmap_del(&lk->by_idx, &e->by_idx);
		return -1;
	}
	return 0;
}

static struct link_ent *
find_idx(const struct links *lk, int ifindex)
{
	struct nmap_node *n = nmap_get_int(&lk->by_idx, ifindex);

	return n ? ENT_OF_IDX(n) : NULL;
}

/* ---- from libnl object to struct link_info ---------------------------- */

static void
copy_name(char dst[LINK_NAMESZ], const char *src)
{
	size_t n = src ? strnlen(src, LINK_NAMESZ - 1) : 0;

	memset(dst, 0, LINK_NAMESZ);
	if (n)
		memcpy(dst, src, n);
}

static void
resolve_parent(const struct links *lk, struct link_info *li)
{
	const struct link_ent *p;

	if (!li->parent_ifindex)
		return;
	p = find_idx(lk, li->parent_ifindex);
	copy_name(li->parent_name, p ? p->info.name : NULL);
}

/*
 * A new VLAN, up, running, its carrier on, whose operstate the kernel has
 * not computed yet (UNKNOWN, which the kernel itself counts as up: its
 * linkwatch event can wait up to a second behind the real interface's,
 * doc/kernel.md "Link messages (rtnetlink)"): up.
 */
static bool
vlan_unknown_up(const struct link_info *li)
{
	unsigned want = IFF_UP | IFF_RUNNING | IFF_LOWER_UP;

	return li->operstate == IF_OPER_UNKNOWN && (li->flags & want) == want;
}

static void
fill_info(const struct links *lk, struct rtnl_link *l, struct link_info *li)
{
	memset(li, 0, sizeof(*li));
	li->ifindex = rtnl_link_get_ifindex(l);
	copy_name(li->name, rtnl_link_get_name(l));
	copy_name(li->kind, rtnl_link_get_type(l));
	li->operstate = rtnl_link_get_operstate(l);
	li->flags = rtnl_link_get_flags(l);
	li->admin_up = li->flags & IFF_UP;
	li->oper_up = li->operstate == IF_OPER_UP ||
	    (rtnl_link_is_vlan(l) && vlan_unknown_up(li));
	/* IFLA_LINK is the lower device of a VLAN, but a veth's peer: only
	 * VLANs have a parent here. */
	if (rtnl_link_is_vlan(l)) {
		li->parent_ifindex = rtnl_link_get_link(l);
		li->vid = (uint16_t)rtnl_link_vlan_get_id(l);
		resolve_parent(lk, li);
	}
}

/* ---- events ----------------------------------------------------------- */

static void
deliver(struct links *lk, enum link_event_type type, bool resync,
	const char *old_name, const struct link_info *li)
{
	struct link_event ev = { .type = type, .resync = resync };

	if (old_name)
		copy_name(ev.old_name, old_name);
	if (li)
		ev.link = *li;
	lk->cb(&ev, lk->arg);
}

/* In a batch, an entry is queued once; a DEL cancels a queued NEW and turns
 * a queued CHANGE into a DEL.  Deleted entries stay in the queue, out of
 * the hash tables, until the flush. */
static void
queue(struct links *lk, struct link_ent *e, enum link_event_type type,
      const char *old_name)
{
	if (e->pend >= 0) {
		if (type == LINK_DEL)
			e->pend = e->pend == LINK_NEW ? -2 : LINK_DEL;
		return;
	}
	e->pend = type;
	copy_name(e->pend_old, old_name);
	e->next_pend = NULL;
	*lk->pend_tail = e;
	lk->pend_tail = &e->next_pend;
}

static void
emit(struct links *lk, struct link_ent *e, enum link_event_type type,
     const char *old_name)
{
	if (lk->batch) {
		queue(lk, e, type, old_name);
		return;
	}
	deliver(lk, type, false, old_name, &e->info);
	if (type == LINK_DEL)
		free(e);
}

/* DELs first, so that a name freed and reused while events were lost is
 * seen to go before it comes back. */
static void
flush(struct links *lk, bool resync)
{
	struct link_ent *e, *nx, *rest = NULL, **rt = &rest;

	for (e = lk->pend_head; e; e = nx) {
		nx = e->next_pend;
		if (e->pend == LINK_DEL || e->pend == -2) {
			if (e->pend == LINK_DEL)
				deliver(lk, LINK_DEL, resync, NULL, &e->info);
			free(e);
		} else {
			*rt = e;
			rt = &e->next_pend;
		}
	}
	*rt = NULL;
	lk->pend_head = NULL;
	lk->pend_tail = &lk->pend_head;
	for (e = rest; e; e = nx) {
		nx = e->next_pend;
		resolve_parent(lk, &e->info);	/* parent may have come later */
		deliver(lk, (enum link_event_type)e->pend, resync,
			e->pend == LINK_CHANGE ? e->pend_old : NULL, &e->info);
		e->pend = -1;
	}
}

static void
upsert(struct links *lk, struct rtnl_link *l)
{
	struct link_info li;
	struct link_ent *e;
	char old[LINK_NAMESZ];

	fill_info(lk, l, &li);
	e = find_idx(lk, li.ifindex);
	if (!e) {
		/* Out of memory: the next resync retries. */
		if (!(e = calloc(1, sizeof(*e))))
			return;
		memcpy(&e->info, &li, sizeof(li));
		e->pend = -1;
		if (insert(lk, e) != 0) {
			free(e);
			return;
		}
		lk->count++;
		emit(lk, e, LINK_NEW, NULL);
		return;
	}
	if (!memcmp(&e->info, &li, sizeof(li)))
		return;		/* a change of a field we do not keep */
	memcpy(old, e->info.name, sizeof(old));
	nmap_del(&lk->by_name, &e->by_name);
	memcpy(&e->info, &li, sizeof(li));	/* padding too, for memcmp */
	if (nmap_put(&lk->by_name, &e->by_name, e->info.name) != 0) {
		/* Out of memory: known by index only until it goes. */
		e->by_name.key = NULL;
	}
	emit(lk, e, LINK_CHANGE, strcmp(old, li.name) ? old : NULL);
}

static void
erase(struct links *lk, struct link_ent *e)
{
	nmap_del(&lk->by_idx, &e->by_idx);
	if (e->by_name.key != NULL)
		nmap_del(&lk->by_name, &e->by_name);
	lk->count--;
	emit(lk, e, LINK_DEL, NULL);
}

static bool
is_bridge(const char *kind)
{
	return kind && !strcmp(kind, "bridge");
}

/* One cache callback, whatever the source (events, dump, resync). */
static void
apply(struct links *lk, struct nl_object *obj, int action)
{
	struct rtnl_link *l = (struct rtnl_link *)obj;
	int family = rtnl_link_get_family(l);
	struct link_ent *e;

	if (family != AF_UNSPEC && family != AF_BRIDGE)
		return;		/* AF_INET6 per-link objects */
	if (action == NL_ACT_DEL) {
		e = find_idx(lk, rtnl_link_get_ifindex(l));
		/* An AF_BRIDGE DEL is a port leaving its bridge, unless the
		 * entry is a bridge master (see the family rewrite above). */
		if (e && (family == AF_UNSPEC || is_bridge(e->info.kind)))
			erase(lk, e);
		return;
	}
	if (family == AF_BRIDGE && !is_bridge(rtnl_link_get_type(l)))
		return;		/* port object, or a master's kindless one */
	upsert(lk, l);
}

static void
on_change_v2(struct nl_cache *c, struct nl_object *old, struct nl_object *obj,
	     uint64_t diff, int action, void *arg)
{
	(void)c;
	(void)diff;
	apply(arg, action == NL_ACT_DEL ? old : obj, action);
}

static void
on_change_v1(struct nl_cache *c, struct nl_object *obj, int action, void *arg)
{
	(void)c;
	apply(arg, obj, action);
}

static void
on_dumped(struct nl_object *obj, void *arg)
{
	apply(arg, obj, NL_ACT_NEW);
}

/* ---- overrun recovery ------------------------------------------------- */

/* Notifications still queued were sent before the dump we are about to do;
 * read after it, they could put an old state back.  Netlink drops each one
 * read with a zero-length buffer and MSG_TRUNC. */
static void
drain(struct links *lk)
{
	int fd = nl_socket_get_fd(lk->ev_sk);

	for (int i = 0; i < DRAIN_MAX; i++)
		if (recv(fd, NULL, 0, MSG_DONTWAIT | MSG_TRUNC) < 0 &&
		    errno != ENOBUFS && errno != EINTR)
			break;
}

static void
resync(struct links *lk)
{
	drain(lk);
	lk->resyncs++;
	lk->batch = true;
	/* Failing here (out of memory) leaves a partial update; the cache
	 * and table still agree, and the next overrun or change corrects. */
	(void)nl_cache_resync(lk->resync_sk, lk->cache, on_change_v1, lk);
	lk->batch = false;
	flush(lk, true);
	deliver(lk, LINK_RESYNCED, true, NULL, NULL);
}

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct links *lk = arg;
	int err;

	(void)fd;
	(void)what;
	err = nl_cache_mngr_data_ready(lk->mngr);
	/* -NLE_NOMEM is ENOBUFS (or a real allocation failure): events were
	 * lost either way.  Other errors also leave us unsure of the state. */
	if (err < 0 && err != -NLE_AGAIN)
		resync(lk);
}

/* ---- setup ------------------------------------------------------------ */

static int
nlerr(int err)
{
	return err == -NLE_NOMEM ? ENOMEM : err == -NLE_PERM ? EPERM : EIO;
}

int
links_set_rcvbuf(struct links *lk, int bytes)
{
	/* libnl's helper with tx 0 would also shrink SO_SNDBUF to 32 KiB;
	 * we only want the receive side. */
	if (setsockopt(nl_socket_get_fd(lk->ev_sk), SOL_SOCKET, SO_RCVBUF,
		       &bytes, sizeof(bytes)) < 0)
		return -errno;
	return 0;
}

static int
open_sockets(struct links *lk)
{
	int err;

	lk->ev_sk = nl_socket_alloc();
	lk->resync_sk = nl_socket_alloc();
	if (!lk->ev_sk || !lk->resync_sk)
		return ENOMEM;
	/* Connects the event socket, non-blocking, no sequence check. */
	err = nl_cache_mngr_alloc(lk->ev_sk, NETLINK_ROUTE, 0, &lk->mngr);
	if (err < 0)
		return nlerr(err);
	/* nl_connect shrank SO_RCVBUF to 32 KiB: enlarge before the dump,
	 * while events already queue. */
	if (links_set_rcvbuf(lk, LINKS_RCVBUF) < 0)
		return errno;
	err = nl_connect(lk->resync_sk, NETLINK_ROUTE);
	return err < 0 ? nlerr(err) : 0;
}

static int
subscribe_and_dump(struct links *lk)
{
	struct nl_cache *cache;
	int err;

	err = rtnl_link_alloc_cache(NULL, AF_UNSPEC, &cache);	/* no dump */
	if (err < 0)
		return nlerr(err);
	/* Joins the groups, then dumps on the manager's own sync socket. */
	err = nl_cache_mngr_add_cache_v2(lk->mngr, cache, on_change_v2, lk);
	if (err < 0) {
		nl_cache_free(cache);
		return nlerr(err);
	}
	lk->cache = cache;
	/* The manager joined RTNLGRP_IPV6_IFINFO too; its AF_INET6 objects are
	 * never links (apply()), so they need not be read at all: one wakeup
	 * and one parse fewer per change of an interface with IPv6. */
	(void)nl_socket_drop_membership(lk->ev_sk, RTNLGRP_IPV6_IFINFO);
	lk->batch = true;	/* so VLANs see parents listed after them */
	nl_cache_foreach(cache, on_dumped, lk);
	lk->batch = false;
	flush(lk, false);
	return 0;
}

int
links_open(struct links **lkp, struct event_base *base, links_cb cb, void *arg)
{
	struct links *lk = calloc(1, sizeof(*lk));
	int err;

	if ((*lkp = lk) == NULL)
		return -1;
	lk->cb = cb;
	lk->arg = arg;
	lk->pend_tail = &lk->pend_head;
	nmap_init(&lk->by_idx);
	nmap_init(&lk->by_name);
	err = open_sockets(lk);
	if (!err)
		err = subscribe_and_dump(lk);
	if (!err) {
		lk->ev = event_new(base, nl_cache_mngr_get_fd(lk->mngr),
				   EV_READ | EV_PERSIST, on_readable, lk);
		if (!lk->ev || event_add(lk->ev, NULL) < 0)
			err = ENOMEM;
	}
	if (err) {
		*lkp = NULL;
		links_close(lk);
		errno = err;
		return -1;
	}
	return 0;
}

static void
free_ent(struct nmap_node *n, void *arg)
{
	(void)arg;
	free(ENT_OF_IDX(n));
}

void
links_close(struct links *lk)
{
	if (!lk)
		return;
	if (lk->ev)
		event_free(lk->ev);
	nl_cache_mngr_free(lk->mngr);	/* frees the cache, not our socket */
	nl_socket_free(lk->ev_sk);
	nl_socket_free(lk->resync_sk);
	nmap_foreach(&lk->by_idx, free_ent, NULL);
	nmap_free(&lk->by_idx);
	nmap_free(&lk->by_name);
	free(lk);
}

/* ---- queries ---------------------------------------------------------- */

const struct link_info *
links_by_index(const struct links *lk, int ifindex)
{
	const struct link_ent *e = find_idx(lk, ifindex);

	return e ? &e->info : NULL;
}

const struct link_info *
links_by_name(const struct links *lk, const char *name)
{
	char key[LINK_NAMESZ];
	struct nmap_node *n;

	copy_name(key, name);		/* as the table has it: 15 at most */
	if (strncmp(key, name, LINK_NAMESZ) != 0)
		return NULL;
	n = nmap_get(&lk->by_name, key);
	return n ? &ENT_OF_NAME(n)->info : NULL;
}

struct each {
	void	(*fn)(const struct link_info *, void *);
	void	*arg;
};

static void
each_ent(struct nmap_node *n, void *arg)
{
	struct each *x = arg;

	x->fn(&ENT_OF_IDX(n)->info, x->arg);
}

void
links_foreach(const struct links *lk,
	      void (*fn)(const struct link_info *li, void *arg), void *arg)
{
	struct each x = { fn, arg };

	nmap_foreach(&lk->by_idx, each_ent, &x);
}

size_t
links_count(const struct links *lk)
{
	return lk->count;
}

unsigned long
links_resyncs(const struct links *lk)
{
	return lk->resyncs;
}
