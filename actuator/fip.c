/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: FIP VLAN discovery's packet socket (doc/fip.md
 * "Actuator").  Opened before the drop with a locked kernel filter; each
 * frame it admits is relayed to the monitor under rate limits, without
 * being interpreted; the notifications among them are kept for
 * VLAN_CREATE's permission; the only frame it sends is the VLAN request
 * it builds itself (FIP_SEND).
 */
#include <errno.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <syslog.h>
#include <time.h>
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/if_vlan.h>
#include <linux/sockios.h>

#include "actuator/actuator.h"
#include "privsep/privsep.h"
#include "proto/fip_frame.h"

#define PORTS		32	/* interfaces with their own bucket; then one shared */
#define KEEP		32	/* notifications kept for the permission */
#define KEEP_MS		10000	/* how long one permits a VLAN_CREATE */
#define SEND_GAP_MS	500	/* FIP_SEND: at most one per interface per gap */
#define READS		4	/* frames read per round: requests come first */

struct port {
	int		 ifindex;	/* 0: free (or the shared slot) */
	struct bucket	 b;
	uint32_t	 dropped;	/* since the last FIP_DROPS */
	uint64_t	 total;
	long		 reported, sent;	/* ms */
};

struct kept {
	int		 ifindex;
	long		 ms;
	uint16_t	 len;
	uint8_t		 bytes[FCP_FIP_MAX];
};

/* 20 frames/s (burst 40) per interface, 50/s (burst 100) in all. */
static struct port ports[PORTS + 1];
static struct bucket all = { "fip", 100, 100, 50, 0, 0 };
static struct kept kept[KEEP];
static unsigned kept_next;
static int discovering;	/* the monitor sent a FIP_SEND: it wants frames */

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/*
 * Admits ethertype 0x8914 at 12 (so no 802.1Q tag in the bytes), no tag
 * the NIC stripped, FIP version 1, protocol code 4 and subcode 1..3, sent
 * to this host, a group or (OTHERHOST: the SAN MAC's unicast membership)
 * another unicast MAC; never outgoing, and never OTHERHOST to a group,
 * which is how the kernel hands over a frame it untagged for a VLAN that
 * has no device here.  Truncates to FCP_FIP_MAX; a frame shorter than 20
 * bytes fails the loads and is dropped.
 */
static struct sock_filter code[] = {
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_FIP, 0, 15),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 13),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_PKTTYPE),
	BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, PACKET_OTHERHOST, 11, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PACKET_OTHERHOST, 0, 2),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 0),
	BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 1, 8, 0),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 14),
	BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xf0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x10, 0, 5),
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 16),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 4, 0, 3),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 19),
	BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 3, 1, 0),
	BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 1, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, 0),
	BPF_STMT(BPF_RET | BPF_K, FCP_FIP_MAX),
};

/*
 * Made with protocol 0 (it receives nothing), filtered and locked, and
 * only then bound to ETH_P_FIP on every interface: no frame is queued
 * before the filter.  Needs CAP_NET_RAW: before the drop only.
 */
int
fip_open(void)
{
	struct sock_fprog prog = { sizeof(code) / sizeof(code[0]), code };
	struct sockaddr_ll a = { .sll_family = AF_PACKET,
	    .sll_protocol = htons(ETH_P_FIP) };
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0),
	    one = 1;

	if (fd == -1 || setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
	    sizeof(prog)) == -1 || setsockopt(fd, SOL_SOCKET, SO_LOCK_FILTER,
	    &one, sizeof(one)) == -1 || bind(fd, (struct sockaddr *)&a,
	    sizeof(a)) == -1)
		return -1;
	return fd;
}

/* The interface's slot; beyond PORTS interfaces, one shared (ifindex 0). */
static struct port *
port_of(int ifindex)
{
	struct port *p = ports;

	while (p < ports + PORTS && p->ifindex != ifindex && p->ifindex != 0)
		p++;
	if (p->b.rate == 0)
		p->b = (struct bucket){ "fip_if", 40, 40, 20, 0, 0 };
	if (p < ports + PORTS)
		p->ifindex = ifindex;
	return p;
}

/*
 * A notice never blocks: a monitor that does not read loses frames.  It
 * passes the monitor's own check first: never a record it must refuse.
 */
static int
notice(unsigned type, const void *a, size_t alen, const void *b, size_t blen)
{
	static unsigned char rec[FCP_MAX_RECORD];
	struct fcp_hdr h = { FCP_MAGIC, FCP_VERSION, (uint16_t)type, 0,
	    (uint32_t)(alen + blen), 0, 0 };
	size_t n = sizeof(h) + alen + blen;

	if (n > sizeof(rec))
		return -1;
	memcpy(rec, &h, sizeof(h));
	memcpy(rec + sizeof(h), a, alen);
	if (blen > 0)
		memcpy(rec + sizeof(h) + alen, b, blen);
	if (fcp_check_notice(rec, n) != FCP_FRAME_OK)
		return -1;
	return send(ACT_FD_IPC, rec, n, MSG_DONTWAIT | MSG_NOSIGNAL) ==
	    (ssize_t)n ? 0 : -1;
}

/* Drops of each interface: audited and told, at most once a second. */
static void
report_drops(long now)
{
	struct fcp_fip_drops d;
	struct port *p;

	for (p = ports; p <= ports + PORTS; p++) {
		if (p->dropped == 0 || now - p->reported < 1000)
			continue;
		d = (struct fcp_fip_drops){ (uint32_t)p->ifindex, p->dropped,
		    p->total };
		audit_record(LOG_WARNING, "seq=0 phase=event event=fip_drops "
		    "ifindex=%d dropped=%u total=%llu", p->ifindex, p->dropped,
		    (unsigned long long)p->total);
		p->reported = now;
		if (notice(FCP_FIP_DROPS, &d, sizeof(d), NULL, 0) == 0)
			p->dropped = 0;
	}
}

/* Milliseconds until a drop count is due (-1: none). */
int
fip_due(void)
{
	long now = now_ms(), w = -1, left;
	struct port *p;

	for (p = ports; p <= ports + PORTS; p++) {
		if (p->dropped == 0)
			continue;
		left = p->reported + 1000 - now;
		if (w < 0 || left < w)
			w = left > 0 ? left : 0;
	}
	return (int)w;
}

static void
drop(struct port *p)
{
	p->dropped++;
	p->total++;
}

static void
keep(int ifindex, const uint8_t *b, size_t n, long now)
{
	struct kept *k = &kept[kept_next++ % KEEP];

	k->ifindex = ifindex;
	k->ms = now;
	k->len = (uint16_t)n;
	memcpy(k->bytes, b, n);
}

/*
 * At most READS frames, each relayed or counted as dropped; read and
 * discarded until the monitor's first FIP_SEND (a monitor that runs no
 * discovery gets no frames, and none waits in the queue to pass as new).
 */
void
fip_relay(void)
{
	static uint8_t buf[FCP_FIP_MAX];
	struct fcp_fip_frame f;
	struct sockaddr_ll from;
	socklen_t fl;
	struct port *p;
	long now = now_ms();
	ssize_t n;
	int i;

	for (i = 0; i < READS; i++) {
		fl = sizeof(from);
		n = recvfrom(ACT_FD_FIP, buf, sizeof(buf), MSG_DONTWAIT,
		    (struct sockaddr *)&from, &fl);
		if (n < FCP_FIP_MIN || from.sll_ifindex <= 0)
			break;
		if (!discovering)
			continue;
		p = port_of(from.sll_ifindex);
		bucket_refill(&p->b);
		bucket_refill(&all);
		if (p->b.tokens < 1 || all.tokens < 1) {
			drop(p);
			continue;
		}
		p->b.tokens--;
		all.tokens--;
		f = (struct fcp_fip_frame){ (uint32_t)from.sll_ifindex,
		    from.sll_pkttype, 0, (uint16_t)n };
		if (notice(FCP_FIP_FRAME, &f, sizeof(f), buf, (size_t)n) != 0)
			drop(p);
		else if (buf[19] != FIP_SC_VLAN_REQ)
			keep(from.sll_ifindex, buf, (size_t)n, now);
	}
	report_drops(now);
}

/* Whether a notification relayed on ifindex within KEEP_MS offers vid. */
int
fip_offered(int ifindex, unsigned vid)
{
	long now = now_ms();
	size_t i;

	for (i = 0; i < KEEP; i++)
		if (kept[i].ifindex == ifindex && now - kept[i].ms <= KEEP_MS &&
		    fip_offers(kept[i].bytes, kept[i].len, vid))
			return 1;
	return 0;
}

/*
 * A physical Ethernet interface: exists (its index), ARPHRD_ETHER (its
 * MAC), and not a VLAN device.  ENODEV, ENOTSUP or 0.
 */
int
eth_port(const char *ifname, int *ifindex, uint8_t mac[6])
{
	struct vlan_ioctl_args v;
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	name_copy(ifr.ifr_name, IFNAMSIZ, ifname);
	if (ioctl(ACT_FD_IOCTL, SIOCGIFINDEX, &ifr) == -1)
		return ENODEV;
	*ifindex = ifr.ifr_ifindex;
	if (ioctl(ACT_FD_IOCTL, SIOCGIFHWADDR, &ifr) == -1 ||
	    ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER)
		return ENOTSUP;
	if (mac != NULL)
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	memset(&v, 0, sizeof(v));
	v.cmd = GET_VLAN_VID_CMD;
	name_copy(v.device1, sizeof(v.device1), ifname);
	return ioctl(ACT_FD_IOCTL, SIOCGIFVLAN, &v) == 0 ? ENOTSUP : 0;
}

/*
 * The VLAN request fip_build_request() makes from the SAN MAC (then also
 * received: a unicast membership) or the port MAC, both read from the
 * kernel, to the mode's multicast group.
 */
int
op_fip_send(const void *req, void *rep, char *obj, size_t objsz)
{
	const struct fcp_fip_send *r = req;
	struct packet_mreq mr = { .mr_type = PACKET_MR_UNICAST, .mr_alen = 6 };
	struct sockaddr_ll to = { .sll_family = AF_PACKET,
	    .sll_protocol = htons(ETH_P_FIP), .sll_halen = 6 };
	uint8_t mac[6], frame[64];
	struct port *p;
	int err, san;
	size_t n;

	(void)rep;
	if ((err = eth_port(r->ifname, &to.sll_ifindex, mac)) != 0)
		return err;
	p = port_of(to.sll_ifindex);
	if (p->sent != 0 && now_ms() - p->sent < SEND_GAP_MS)
		return EAGAIN;
	if ((san = san_mac(r->ifname, mac)) != 0) {
		mr.mr_ifindex = to.sll_ifindex;
		memcpy(mr.mr_address, mac, 6);
		(void)setsockopt(ACT_FD_FIP, SOL_PACKET, PACKET_ADD_MEMBERSHIP,
		    &mr, sizeof(mr));
	}
	if ((n = fip_build_request(frame, sizeof(frame), mac, r->mode,
	    &err)) == 0)
		return err;
	memcpy(to.sll_addr, frame, 6);
	if (sendto(ACT_FD_FIP, frame, n, 0, (struct sockaddr *)&to,
	    sizeof(to)) != (ssize_t)n)
		return errno;
	p->sent = now_ms();
	discovering = 1;
	snprintf(obj, objsz, "src=%02x:%02x:%02x:%02x:%02x:%02x%s", mac[0],
	    mac[1], mac[2], mac[3], mac[4], mac[5], san ? " san_mac=1" : "");
	return 0;
}
