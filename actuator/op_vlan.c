/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: the VLANs of FIP discovery and static VN2VN names
 * (doc/fip.md "Actuator"), the SAN MAC, and the kernel's VLAN responder.
 * A VLAN is made only with a permission (an offer the actuator relayed, or
 * the long form of a static name), named by the shared rule
 * (proto/vlan_name.h), at most VLAN_CAP per real interface as the kernel
 * counts them, with IPv6 off before it is up; it is removed again if any
 * step fails.  Only a VLAN of the daemon's naming is destroyed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/dcbnl.h>
#include <linux/if_link.h>
#include <linux/if_vlan.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>

#include "actuator/actuator.h"
#include "privsep/privsep.h"
#include "proto/fip_frame.h"
#include "proto/vlan_name.h"

#define VLAN_CAP	16	/* VLANs of the daemon's naming per interface */

struct nlreq {
	struct nlmsghdr	n;
	union {
		struct ifinfomsg i;
		struct dcbmsg	 d;
	} u;
	uint8_t		attrs[96];
};

static uint32_t nl_seq;
static uint8_t nl_reply[8192];	/* an error echoes the request: room */
static int ipv6_conf;		/* ACT_FD_IPV6 is open */

/* Before the drop: rtnetlink, and IPv6's per-device settings if any. */
void
vlan_open(void)
{
	if (privsep_move_fd(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
	    NETLINK_ROUTE), ACT_FD_NL) == -1)
		fatal("rtnetlink socket");
	ipv6_conf = privsep_move_fd(open("/proc/sys/net/ipv6/conf",
	    O_PATH | O_DIRECTORY | O_CLOEXEC), ACT_FD_IPV6) == 0;
}

/* Appends one attribute (fixed sizes only: all fit in attrs). */
static struct rtattr *
nl_attr(struct nlreq *q, int type, const void *data, size_t len)
{
	struct rtattr *a = (void *)((char *)q + NLMSG_ALIGN(q->n.nlmsg_len));

	a->rta_type = (unsigned short)type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len > 0)
		memcpy(RTA_DATA(a), data, len);
	q->n.nlmsg_len = NLMSG_ALIGN(q->n.nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static void
nl_nest_end(struct nlreq *q, struct rtattr *a)
{
	a->rta_len = (unsigned short)((char *)q + q->n.nlmsg_len - (char *)a);
}

/*
 * Sends q and reads its answer into nl_reply: 0 with the message, or the
 * kernel's errno (an ack is NLMSG_ERROR with error 0).  rtnetlink answers
 * inside the send, so the reads never wait.
 */
static int
nl_talk(struct nlreq *q)
{
	struct nlmsghdr *h = (void *)nl_reply;
	ssize_t n;
	int i;

	q->n.nlmsg_seq = ++nl_seq;
	if (send(ACT_FD_NL, q, q->n.nlmsg_len, 0) != (ssize_t)q->n.nlmsg_len)
		return errno;
	for (i = 0; i < 8; i++) {
		n = recv(ACT_FD_NL, nl_reply, sizeof(nl_reply), MSG_DONTWAIT);
		if (n < (ssize_t)sizeof(*h))
			return n < 0 ? errno : EPROTO;
		if (h->nlmsg_seq != nl_seq || !NLMSG_OK(h, (size_t)n))
			continue;
		if (h->nlmsg_type == NLMSG_ERROR)
			return h->nlmsg_len >= NLMSG_LENGTH(sizeof(int)) ?
			    -((struct nlmsgerr *)NLMSG_DATA(h))->error : EPROTO;
		return 0;
	}
	return EPROTO;
}

static void
nl_link(struct nlreq *q, int type, int flags)
{
	memset(q, 0, sizeof(*q));
	q->n.nlmsg_len = NLMSG_LENGTH(sizeof(q->u.i));
	q->n.nlmsg_type = (unsigned short)type;
	q->n.nlmsg_flags = (unsigned short)(NLM_F_REQUEST | NLM_F_ACK | flags);
}

/* RTM_NEWLINK: the VLAN, down, with exactly this name (no rename). */
static int
link_new(const char *name, int parent, unsigned vid)
{
	struct nlreq q;
	struct rtattr *info, *data;
	uint32_t link = (uint32_t)parent;
	uint16_t id = (uint16_t)vid;

	nl_link(&q, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	nl_attr(&q, IFLA_IFNAME, name, strlen(name) + 1);
	nl_attr(&q, IFLA_LINK, &link, sizeof(link));
	info = nl_attr(&q, IFLA_LINKINFO, NULL, 0);
	nl_attr(&q, IFLA_INFO_KIND, "vlan", 5);
	data = nl_attr(&q, IFLA_INFO_DATA, NULL, 0);
	nl_attr(&q, IFLA_VLAN_ID, &id, sizeof(id));
	nl_nest_end(&q, data);
	nl_nest_end(&q, info);
	return nl_talk(&q);
}

/* RTM_NEWLINK up, or RTM_DELLINK, by name. */
static int
link_set(const char *name, int type)
{
	struct nlreq q;

	nl_link(&q, type, 0);
	q.u.i.ifi_flags = q.u.i.ifi_change = IFF_UP;
	nl_attr(&q, IFLA_IFNAME, name, strlen(name) + 1);
	return nl_talk(&q);
}

/*
 * The SAN MAC the NIC reports through dcbnl (DCB_CMD_GPERM_HWADDR, bytes
 * 6..11) into mac if it is unicast and not zero: 1; else mac stays, 0.
 */
int
san_mac(const char *ifname, uint8_t mac[6])
{
	struct nlreq q;
	struct rtattr *a;
	int len;

	memset(&q, 0, sizeof(q));
	q.n.nlmsg_len = NLMSG_LENGTH(sizeof(q.u.d));
	q.n.nlmsg_type = RTM_GETDCB;
	q.n.nlmsg_flags = NLM_F_REQUEST;
	q.u.d.cmd = DCB_CMD_GPERM_HWADDR;
	nl_attr(&q, DCB_ATTR_IFNAME, ifname, strlen(ifname) + 1);
	if (nl_talk(&q) != 0)
		return 0;
	len = (int)((struct nlmsghdr *)nl_reply)->nlmsg_len -
	    NLMSG_LENGTH(sizeof(struct dcbmsg));
	for (a = (void *)(nl_reply + NLMSG_LENGTH(sizeof(struct dcbmsg)));
	    RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == DCB_ATTR_PERM_HWADDR &&
		    RTA_PAYLOAD(a) >= 12 &&
		    fip_mac_unicast((uint8_t *)RTA_DATA(a) + 6)) {
			memcpy(mac, (uint8_t *)RTA_DATA(a) + 6, 6);
			return 1;
		}
	return 0;
}

/* The real device and VID the kernel reports for a VLAN; EPERM if none. */
static int
vlan_of(const char *name, char real[IFNAMSIZ], unsigned *vid)
{
	struct vlan_ioctl_args v;

	memset(&v, 0, sizeof(v));
	v.cmd = GET_VLAN_REALDEV_NAME_CMD;
	name_copy(v.device1, sizeof(v.device1), name);
	if (ioctl(ACT_FD_IOCTL, SIOCGIFVLAN, &v) == -1)
		return EPERM;
	name_copy(real, IFNAMSIZ, v.u.device2);
	v.cmd = GET_VLAN_VID_CMD;
	if (ioctl(ACT_FD_IOCTL, SIOCGIFVLAN, &v) == -1)
		return EPERM;
	*vid = (unsigned)v.u.VID;
	return 0;
}

/* VLANs above real whose name is the daemon's for real and their VID. */
static int
vlan_count(const char *real)
{
	char dir[PATH_MAX], parent[IFNAMSIZ];
	struct dirent *e;
	unsigned vid;
	int n = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "/sys/class/net/%s", real);
	if ((d = opendir(dir)) == NULL)
		return VLAN_CAP;	/* cannot count: refuse */
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, "upper_", 6) == 0 &&
		    vlan_of(e->d_name + 6, parent, &vid) == 0 &&
		    strcmp(parent, real) == 0 &&
		    fip_vlan_name_is(e->d_name + 6, real, vid))
			n++;
	closedir(d);
	return n;
}

/* disable_ipv6 beneath the directory opened at start (none: no IPv6). */
static int
no_ipv6(const char *name)
{
	char path[64];
	int fd, err = 0;

	if (!ipv6_conf)
		return 0;
	snprintf(path, sizeof(path), "%s/disable_ipv6", name);
	if ((fd = openat(ACT_FD_IPV6, path, O_WRONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : errno;	/* no IPv6 on it */
	if (write(fd, "1", 1) != 1)
		err = errno;
	close(fd);
	return err;
}

/* Why VLAN_CREATE may go ahead: NULL if it may not. */
static const char *
permit(const struct fcp_vlan_create *r, int parent)
{
	char longform[64];

	if (r->why == FCP_VLAN_DISCOVERED)
		return fip_offered(parent, r->vid) ? "offered" : NULL;
	return snprintf(longform, sizeof(longform), "%s.%u-fcoe", r->ifname,
	    r->vid) < FIP_VLAN_NAMSIZ ? "static" : NULL;
}

int
op_vlan_create(const void *req, void *rep, char *obj, size_t objsz)
{
	const struct fcp_vlan_create *r = req;
	char name[FIP_VLAN_NAMSIZ];
	const char *why;
	int parent, err;

	(void)rep;
	if ((err = eth_port(r->ifname, &parent, NULL)) != 0 ||
	    (err = fip_vlan_name(r->ifname, r->vid, name)) != 0)
		return err;
	if ((why = permit(r, parent)) == NULL) {
		snprintf(obj, objsz, "deny=%s", r->why == FCP_VLAN_STATIC ?
		    "static_not_long_form" : "not_offered");
		return EPERM;
	}
	snprintf(obj, objsz, "permit=%s obj=%s", why, name);
	if (if_exists(name) == 0)
		return EEXIST;
	if (vlan_count(r->ifname) >= VLAN_CAP) {
		snprintf(obj, objsz, "deny=cap obj=%s", name);
		return EDQUOT;
	}
	if ((err = link_new(name, parent, r->vid)) != 0)
		return err;
	if ((err = no_ipv6(name)) != 0 || (err = link_set(name, RTM_NEWLINK)))
		(void)link_set(name, RTM_DELLINK);
	return err;
}

int
op_vlan_destroy(const void *req, void *rep, char *obj, size_t objsz)
{
	const struct fcp_ifreq *r = req;
	char real[IFNAMSIZ];
	unsigned vid;
	int err;

	(void)rep;
	if ((err = if_exists(r->ifname)) != 0)
		return ENODEV;
	if (vlan_of(r->ifname, real, &vid) != 0 ||
	    !fip_vlan_name_is(r->ifname, real, vid)) {
		snprintf(obj, objsz, "deny=not_daemon_name");
		return EPERM;
	}
	snprintf(obj, objsz, "obj=%s", r->ifname);
	return link_set(r->ifname, RTM_DELLINK);
}

/* The kernel's VN2VN VLAN responder (doc/fip.md "Responder"). */
int
op_fip_resp(const void *req, void *rep, char *obj, size_t objsz)
{
	const struct fcp_fip_resp *r = req;
	char ctlr[32], path[PATH_MAX];
	int err;

	(void)rep;
	if (kif_ctlr(r->ifname, ctlr, sizeof(ctlr)) != 0)
		return ENODEV;
	snprintf(path, sizeof(path), "/sys/class/net/%s/%s/fip_vlan_responder",
	    r->ifname, ctlr);
	snprintf(obj, objsz, "obj=%s", ctlr);
	err = sysfs_write(path, r->on ? "1" : "0");
	return err == ENOENT ? ENOTSUP : err;
}
