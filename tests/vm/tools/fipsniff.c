/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * fipsniff: run inside the VM by tests/vm/guest/s-fip-sanmac.sh (the guest
 * has no tcpdump).  `fipsniff IFACE SECS` prints, for SECS seconds, one
 * line per FIP frame seen on IFACE, received or sent:
 *
 *   dir=in|out dst=MAC src=MAC op=N sub=N mac=MAC len=N
 *
 * mac= is the frame's first MAC descriptor (type 2), "none" if it has
 * none.  It joins ALL-VN2VN-MACs on IFACE: a NIC with a multicast filter
 * (virtio) drops VLAN requests to that group otherwise.  ETH_P_ALL, not
 * ETH_P_FIP: the kernel hands frames a host sends only to ETH_P_ALL taps
 * (dev_queue_xmit_nit), so a FIP-only socket never sees the answers.
 */
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

static void
mac(char *s, const unsigned char *m)
{
	sprintf(s, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3],
	    m[4], m[5]);
}

/* The first MAC descriptor, walking the list within the frame. */
static void
desc_mac(char *s, const unsigned char *f, size_t n)
{
	size_t i = 24, end = 24 + 4 * (size_t)((f[20] << 8) | f[21]);

	strcpy(s, "none");
	if (end > n)
		end = n;
	while (i + 2 <= end && f[i + 1] != 0 && i + 4 * (size_t)f[i + 1] <= end) {
		if (f[i] == 2 && f[i + 1] == 2) {
			mac(s, f + i + 2);
			return;
		}
		i += 4 * (size_t)f[i + 1];
	}
}

int
main(int argc, char **argv)
{
	struct sockaddr_ll a = { .sll_family = AF_PACKET,
	    .sll_protocol = htons(ETH_P_ALL) };
	struct packet_mreq mr = { .mr_type = PACKET_MR_MULTICAST, .mr_alen = 6,
	    .mr_address = { 0x01, 0x10, 0x18, 0x01, 0x00, 0x04 } };
	unsigned char f[1600];
	char d[18], s[18], m[18];
	struct sockaddr_ll from;
	socklen_t fl;
	time_t end;
	struct pollfd p;
	ssize_t n;

	if (argc != 3)
		return fprintf(stderr, "usage: fipsniff IFACE SECS\n"), 2;
	end = time(NULL) + atoi(argv[2]);
	a.sll_ifindex = mr.mr_ifindex = (int)if_nametoindex(argv[1]);
	p.fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	p.events = POLLIN;
	if (p.fd == -1 || bind(p.fd, (struct sockaddr *)&a, sizeof(a)) == -1 ||
	    setsockopt(p.fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr,
	    sizeof(mr)) == -1)
		return perror("fipsniff"), 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (time(NULL) < end) {
		if (poll(&p, 1, 200) != 1)
			continue;
		fl = sizeof(from);
		n = recvfrom(p.fd, f, sizeof(f), 0, (struct sockaddr *)&from, &fl);
		if (n < 24 || f[12] != 0x89 || f[13] != 0x14)
			continue;
		mac(d, f);
		mac(s, f + 6);
		desc_mac(m, f, (size_t)n);
		printf("dir=%s dst=%s src=%s op=%d sub=%d mac=%s len=%zd\n",
		    from.sll_pkttype == PACKET_OUTGOING ? "out" : "in", d, s,
		    (f[16] << 8) | f[17], f[19], m, n);
	}
	return 0;
}
