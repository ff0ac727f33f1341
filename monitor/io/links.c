/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the link table
 * (doc/design.md "Links and real interfaces").
 *
 * A plain NETLINK_ROUTE socket joined to RTNLGRP_LINK, non-blocking, is
 * watched by the libevent loop; each RTM_NEWLINK or RTM_DELLINK goes
 * through the pure parser monitor/wire/rtlink.c, which reads the few
 * attributes we keep and steps over the rest (statistics above all), into
 * our own table of plain struct link_info, hashed by ifindex and by name
 * (monitor/util/nmap), so that one event costs the same with 5 links or
 * 5,000 VLANs.  No second copy of each link is kept (libnl-route-3's cache,
 * used before, held about 2 kB per link).  Netlink reads need no privilege.
 *
 * Completeness:
 *  - start: the event socket joins the group before the dump is asked on
 *    a second socket, so nothing falls between the dump and the first
 *    event;
 *  - overrun: the kernel drops notifications when the socket buffer is full
 *    and reports ENOBUFS once.  We then discard what is still queued
 *    (older than the dump to come, it could regress the state if read
 *    after it), re-dump on the second socket, opened at start (the sandbox
 *    forbids opening one later), and deliver the differences: DELs first,
 *    then NEW/CHANGE, all flagged resync, then one LINK_RESYNCED.  A link
 *    the dump did not list is gone.
 *
 * Filtering: only AF_UNSPEC messages are links.  The bridge also sends
 * AF_BRIDGE RTM_NEWLINK/DELLINK under a port's (and its own) index: a
 * port's place in the bridge, not the link; its AF_DELLINK says the port
 * left, not that the interface went (wire/rtlink.c ignores them).  A bridge
 * master is an AF_UNSPEC link of kind "bridge" like any other.  We join
 * RTNLGRP_LINK alone (not RTNLGRP_IPV6_IFINFO): AF_INET6 objects are never
 * links.
 */
#include <errno.h>
#include <net/if.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <event2/event.h>

#include "monitor/io/links.h"
#include "monitor/util/clock.h"
#include "monitor/util/log.h"
#include "monitor/util/nmap.h"
#include "monitor/wire/rtlink.h"

/* 4 MiB: thousands of links changing at once fit.  The kernel caps it at
 * net.core.rmem_max (212992 on stock kernels); resync covers the rest. */
#define LINKS_RCVBUF	(4 << 20)
#define DRAIN_MAX	(1 << 20)	/* bound on messages discarded per overrun */
/* A datagram: the kernel's dump skbs are at most 32 KiB; one link message
 * (a NIC with many VFs) stays below this too.  Bigger is lost: resync. */
#define RECV_BUF	(64 << 10)
#define READS_MAX	256	/* datagrams per wakeup, then back to the loop */
#define DUMP_TRIES	8	/* dumps restarted after NLM_F_DUMP_INTR */
#define DUMP_TIMEOUT_S	10	/* the kernel always answers; never hang */
#define REJECT_LOG_MS	60000	/* a malformed message: one line a minute */

struct link_ent {
	struct nmap_node by_idx;	/* first: the node is the entry */
	struct nmap_node by_name;
	struct link_info info;
	struct link_ent	*next_pend;	/* batch queue (initial dump, resync) */
	struct link_ent	*next_gone;	/* not in the last dump */
	unsigned	gen;		/* the last dump that listed it */
	int		pend;		/* -1 or the queued enum link_event_type */
	char		pend_old[LINK_NAMESZ];
};

struct links {
	links_cb	cb;
	void		*arg;
	int		ev_fd;		/* RTNLGRP_LINK, non-blocking */
	int		dump_fd;	/* blocking, dumps only, in no group */
	struct event	*ev;
	struct nmap	by_idx, by_name;
	size_t		count;
	bool		batch;		/* queue events instead of delivering */
	struct link_ent	*pend_head, **pend_tail;
	unsigned long	resyncs;
	unsigned	gen;		/* of the current dump */
	uint32_t	seq;		/* of the current dump request */
	unsigned long	rejects;
	uint64_t	reject_logged;	/* clock_ms() of the last line, 0 never */
	uint8_t		buf[RECV_BUF];
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

/* ---- from a parsed message to struct link_info ------------------------ */

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
fill_info(const struct links *lk, const struct rtlink_msg *m,
	  struct link_info *li)
{
	memset(li, 0, sizeof(*li));
	li->ifindex = m->ifindex;
	copy_name(li->name, m->name);
	copy_name(li->kind, m->link_kind);
	li->operstate = m->operstate;	/* IF_OPER_UNKNOWN (0) if absent */
	li->flags = m->flags;
	li->admin_up = li->flags & IFF_UP;
	li->oper_up = li->operstate == IF_OPER_UP ||
	    (!strcmp(m->link_kind, "vlan") && vlan_unknown_up(li));
	/* IFLA_LINK is the lower device of a VLAN, but a veth's peer: only
	 * VLANs have a parent here. */
	if (!strcmp(m->link_kind, "vlan")) {
		li->parent_ifindex = m->link;
		li->vid = m->has_vid ? m->vid : 0;
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
upsert(struct links *lk, const struct rtlink_msg *m)
{
	struct link_info li;
	struct link_ent *e;
	char old[LINK_NAMESZ];

	fill_info(lk, m, &li);
	e = find_idx(lk, li.ifindex);
	if (e)
		e->gen = lk->gen;
	if (!e) {
		/* Out of memory: the next resync retries. */
		if (!(e = calloc(1, sizeof(*e))))
			return;
		memcpy(&e->info, &li, sizeof(li));
		e->pend = -1;
		e->gen = lk->gen;
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

/* ---- messages --------------------------------------------------------- */

/* Whoever holds CAP_NET_ADMIN chose the names and kinds: a message the
 * parser refuses is dropped, counted, and logged once a minute at most. */
static void
reject(struct links *lk, const char *why)
{
	uint64_t now = clock_ms();

	lk->rejects++;
	if (lk->reject_logged != 0 && now - lk->reject_logged < REJECT_LOG_MS)
		return;
	lk->reject_logged = now ? now : 1;
	log_warnx("rtnetlink: link message rejected: %s (%lu so far; logged "
		  "at most once a minute)", why, lk->rejects);
}

/* One NEW or DEL, whatever the source (events, dump, resync). */
static void
apply(struct links *lk, const struct rtlink_msg *m)
{
	struct link_ent *e;

	if (m->kind == RTLINK_NEW) {
		upsert(lk, m);
		return;
	}
	if ((e = find_idx(lk, m->ifindex)) != NULL)
		erase(lk, e);
}

/* One datagram of the event socket: its messages in order. */
static void
on_datagram(struct links *lk, size_t n)
{
	struct rtlink_msg m;
	size_t off = 0;

	while (off < n) {
		switch (rtlink_parse(lk->buf + off, n - off, &m)) {
		case RTLINK_NEW:
		case RTLINK_DEL:
			apply(lk, &m);
			break;
		case RTLINK_MALFORMED:
			reject(lk, m.why);
			break;
		default:	/* AF_BRIDGE, other types: not links */
			break;
		}
		off += m.msg_len;
	}
}

/* recvmsg into lk->buf: the length, 0 for a datagram to drop, -1 with
 * errno (EMSGSIZE: it did not fit, events are lost). */
static ssize_t
receive(struct links *lk, int fd)
{
	struct sockaddr_nl from;
	struct iovec iov = { lk->buf, sizeof(lk->buf) };
	struct msghdr mh = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	ssize_t n = recvmsg(fd, &mh, 0);

	if (n < 0)
		return -1;
	if (mh.msg_flags & MSG_TRUNC) {
		errno = EMSGSIZE;
		return -1;
	}
	/* Only the kernel speaks for the links (port id 0). */
	if (mh.msg_namelen < sizeof(from) || from.nl_family != AF_NETLINK ||
	    from.nl_pid != 0) {
		reject(lk, "datagram not from the kernel");
		return 0;
	}
	return n;
}

/* ---- dumps ------------------------------------------------------------ */

static int
dump_request(struct links *lk)
{
	struct {
		struct nlmsghdr		h;
		struct ifinfomsg	ifi;
		struct rtattr		rta;
		uint32_t		mask;
	} req;
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = sizeof(req);
	req.h.nlmsg_type = RTM_GETLINK;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = ++lk->seq;
	req.ifi.ifi_family = AF_UNSPEC;
	/* Per-VF statistics, which make a NIC with many VFs a large message,
	 * are left out; the kernel has no such switch for the link's own. */
	req.rta.rta_len = RTA_LENGTH(sizeof(req.mask));
	req.rta.rta_type = IFLA_EXT_MASK;
	req.mask = RTEXT_FILTER_SKIP_STATS;
	if (sendto(lk->dump_fd, &req, sizeof(req), 0,
		   (struct sockaddr *)&to, sizeof(to)) < 0)
		return errno;
	return 0;
}

/* One datagram of a dump: 1 at NLMSG_DONE, 0 for more, or -errno. */
static int
dump_datagram(struct links *lk, size_t n, bool *intr)
{
	struct rtlink_msg m;
	size_t off;

	for (off = 0; off < n; off += m.msg_len) {
		rtlink_parse(lk->buf + off, n - off, &m);
		if (m.kind == RTLINK_MALFORMED) {
			reject(lk, m.why);
			continue;
		}
		if (m.seq != lk->seq)
			continue;	/* the rest of a dump given up */
		if (m.nl_flags & NLM_F_DUMP_INTR)
			*intr = true;
		if (m.kind == RTLINK_NEW)
			apply(lk, &m);
		else if (m.kind == RTLINK_DONE)
			return 1;
		else if (m.kind == RTLINK_ERROR)
			return -(m.kernel_errno ? m.kernel_errno : EIO);
	}
	return 0;
}

/* One dump applied to the table; 0 or an errno. */
static int
dump_once(struct links *lk, bool *intr)
{
	ssize_t n;
	int r, err = dump_request(lk);

	if (err)
		return err;
	lk->gen++;
	for (;;) {
		if ((n = receive(lk, lk->dump_fd)) < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN ? ETIMEDOUT : errno;
		}
		if ((r = dump_datagram(lk, (size_t)n, intr)) != 0)
			return r > 0 ? 0 : -r;
	}
}

/* The kernel flags a dump that links changed under (NLM_F_DUMP_INTR): it
 * may miss or repeat one; ask again, a few times. */
static int
dump(struct links *lk)
{
	int err = 0;

	for (int i = 0; i < DUMP_TRIES; i++) {
		bool intr = false;

		if ((err = dump_once(lk, &intr)) != 0 || !intr)
			break;
	}
	return err;
}

/* ---- overrun recovery ------------------------------------------------- */

/* Notifications still queued were sent before the dump we are about to do;
 * read after it, they could put an old state back.  Netlink drops each one
 * read with a zero-length buffer and MSG_TRUNC. */
static void
drain(struct links *lk)
{
	for (int i = 0; i < DRAIN_MAX; i++)
		if (recv(lk->ev_fd, NULL, 0, MSG_DONTWAIT | MSG_TRUNC) < 0 &&
		    errno != ENOBUFS && errno != EINTR)
			break;
}

/* A link the resync's dump did not list is gone. */
struct sweep {
	unsigned	gen;
	struct link_ent	**gone;
};

static void
mark_gone(struct nmap_node *n, void *arg)
{
	struct link_ent *e = ENT_OF_IDX(n);
	struct sweep *sw = arg;

	if (e->gen == sw->gen)
		return;
	e->next_gone = *sw->gone;	/* erased after the walk, not in it */
	*sw->gone = e;
}

static void
resync(struct links *lk)
{
	struct link_ent *e, *gone = NULL;
	int err;

	drain(lk);
	lk->resyncs++;
	lk->batch = true;
	err = dump(lk);
	if (err == 0) {
		struct sweep sw = { lk->gen, &gone };

		nmap_foreach(&lk->by_idx, mark_gone, &sw);
		while ((e = gone) != NULL) {
			gone = e->next_gone;
			erase(lk, e);
		}
	} else {
		/* A link not seen may not be gone: none is deleted, and the
		 * next overrun or change corrects. */
		errno = err;
		log_warn("rtnetlink: link dump after lost events");
	}
	lk->batch = false;
	flush(lk, true);
	deliver(lk, LINK_RESYNCED, true, NULL, NULL);
}

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct links *lk = arg;
	ssize_t n;

	(void)what;
	for (int i = 0; i < READS_MAX; i++) {
		if ((n = receive(lk, fd)) > 0) {
			on_datagram(lk, (size_t)n);
			continue;
		}
		if (n == 0 || errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return;
		/* ENOBUFS: the kernel dropped events; EMSGSIZE: we did.
		 * Other errors also leave us unsure of the state. */
		if (errno != ENOBUFS && errno != EMSGSIZE)
			log_warn("rtnetlink: reading link events");
		resync(lk);
		return;
	}
}

/* ---- setup ------------------------------------------------------------ */

int
links_set_rcvbuf(struct links *lk, int bytes)
{
	if (setsockopt(lk->ev_fd, SOL_SOCKET, SO_RCVBUF, &bytes,
		       sizeof(bytes)) < 0)
		return -errno;
	return 0;
}

static int
nl_open(int flags)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | flags,
			NETLINK_ROUTE);

	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int
open_sockets(struct links *lk)
{
	int grp = RTNLGRP_LINK;
	struct timeval tv = { .tv_sec = DUMP_TIMEOUT_S };

	if ((lk->ev_fd = nl_open(SOCK_NONBLOCK)) < 0 ||
	    (lk->dump_fd = nl_open(0)) < 0)
		return errno;
	/* Big before joining: events queue from the join on, while we dump. */
	if (links_set_rcvbuf(lk, LINKS_RCVBUF) < 0 ||
	    setsockopt(lk->ev_fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
		       sizeof(grp)) < 0 ||
	    setsockopt(lk->dump_fd, SOL_SOCKET, SO_RCVTIMEO, &tv,
		       sizeof(tv)) < 0)
		return errno;
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
	lk->ev_fd = lk->dump_fd = -1;
	lk->pend_tail = &lk->pend_head;
	nmap_init(&lk->by_idx);
	nmap_init(&lk->by_name);
	err = open_sockets(lk);
	if (!err) {
		lk->batch = true;	/* so VLANs see parents listed after them */
		err = dump(lk);
		lk->batch = false;
		flush(lk, false);
	}
	if (!err) {
		lk->ev = event_new(base, lk->ev_fd, EV_READ | EV_PERSIST,
				   on_readable, lk);
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
	if (lk->ev_fd >= 0)
		close(lk->ev_fd);
	if (lk->dump_fd >= 0)
		close(lk->dump_fd);
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

unsigned long
links_rejects(const struct links *lk)
{
	return lk->rejects;
}
