/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * fipact: run inside the VM by tests/vm/guest/s-fip-actuator.sh to drive
 * the real actuator's FIP requests on the real kernel (8021q), which the
 * build machine lacks.  Two roles:
 *
 *   fipact fcf IFACE VID...   as root: answer each FIP VLAN request seen on
 *                             IFACE with a VN2VN notification (subcode 3)
 *                             listing the VIDs, to the requester's MAC
 *   fipact CMD...             as fcoemond's --monitor: HELLO, then each CMD
 *                             on fd 3, one line "CMD -> errno" per request
 *                             on stderr:
 *     send:IF:MODE            FIP_SEND
 *     wait:IF                 wait up to 5 s for a notification relayed
 *                             from IF (prints "wait:IF -> 0" or "-> 62")
 *     create:IF:VID:WHY       VLAN_CREATE (WHY 1 discovered, 2 static)
 *     destroy:NAME            VLAN_DESTROY
 */
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "../../../proto/fcp.h"

static uint32_t seq;

static void
put(unsigned type, const void *p, size_t n)
{
	unsigned char b[FCP_MAX_MSG];
	struct fcp_hdr h = { FCP_MAGIC, FCP_VERSION, (uint16_t)type, ++seq,
	    (uint32_t)n, 0, 0 };

	memcpy(b, &h, sizeof(h));
	memcpy(b + sizeof(h), p, n);
	if (send(FCP_FD_IPC, b, sizeof(h) + n, 0) != (ssize_t)(sizeof(h) + n))
		exit(3);
}

/* The next record that is not a notice other than want (0: the reply). */
static int
get(unsigned want, int ifindex, int ms)
{
	static unsigned char b[FCP_MAX_RECORD];
	struct pollfd p = { FCP_FD_IPC, POLLIN, 0 };
	struct fcp_hdr h;
	struct fcp_fip_frame f;

	for (;;) {
		if (poll(&p, 1, ms) != 1)
			return ETIME;
		if (recv(FCP_FD_IPC, b, sizeof(b), 0) < (ssize_t)sizeof(h))
			exit(4);
		memcpy(&h, b, sizeof(h));
		if (want == 0 && (h.type & FCP_REPLY))
			return h.status;
		memcpy(&f, b + sizeof(h), sizeof(f));
		if (want == FCP_FIP_FRAME && h.type == want &&
		    (int)f.ifindex == ifindex && b[sizeof(h) + 8 + 19] >= 2)
			return 0;
	}
}

static void
name(char out[FCP_IFNAMSIZ], const char *s)
{
	memset(out, 0, FCP_IFNAMSIZ);
	strncpy(out, s, FCP_IFNAMSIZ - 1);
}

static int
drive(char *cmd)
{
	char *op = strtok(cmd, ":"), *a = strtok(NULL, ":"),
	    *b = strtok(NULL, ":"), *c = strtok(NULL, ":");
	struct fcp_fip_send s = { 0 };
	struct fcp_vlan_create v = { 0 };
	struct fcp_ifreq r = { 0 };

	if (strcmp(op, "send") == 0 && b != NULL) {
		name(s.ifname, a);
		s.mode = (uint8_t)atoi(b);
		put(FCP_FIP_SEND, &s, sizeof(s));
	} else if (strcmp(op, "wait") == 0 && a != NULL) {
		return get(FCP_FIP_FRAME, (int)if_nametoindex(a), 5000);
	} else if (strcmp(op, "create") == 0 && c != NULL) {
		name(v.ifname, a);
		v.vid = (uint16_t)atoi(b);
		v.why = (uint8_t)atoi(c);
		put(FCP_VLAN_CREATE, &v, sizeof(v));
	} else if (strcmp(op, "destroy") == 0 && a != NULL) {
		name(r.ifname, a);
		put(FCP_VLAN_DESTROY, &r, sizeof(r));
	} else {
		return EINVAL;
	}
	return get(0, 0, 5000);
}

/* The FCF: a notification for each request, from IFACE's own MAC. */
static int
fcf(const char *ifname, char **vids, int n)
{
	struct sockaddr_ll a = { .sll_family = AF_PACKET,
	    .sll_protocol = htons(0x8914) };
	unsigned char in[1600], out[256];
	struct packet_mreq mr = { .mr_type = PACKET_MR_PROMISC };
	struct ifreq ifr;
	int fd = socket(AF_PACKET, SOCK_RAW, htons(0x8914)), i;
	ssize_t len;

	a.sll_ifindex = (int)if_nametoindex(ifname);
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
	mr.mr_ifindex = a.sll_ifindex;		/* the requests go to a group */
	if (fd == -1 || bind(fd, (struct sockaddr *)&a, sizeof(a)) == -1 ||
	    ioctl(fd, SIOCGIFHWADDR, &ifr) == -1 || setsockopt(fd, SOL_PACKET,
	    PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)) == -1)
		return perror("fipact fcf"), 1;
	for (;;) {
		if ((len = recv(fd, in, sizeof(in), 0)) < 32 || in[19] != 1)
			continue;
		memcpy(out, in + 26, 6);			/* to its MAC descriptor */
		memcpy(out + 6, ifr.ifr_hwaddr.sa_data, 6);
		memcpy(out + 12, "\x89\x14\x10\x00\x00\x04\x00\x03", 8);
		out[20] = 0;
		out[21] = (unsigned char)(2 + n);
		out[22] = out[23] = 0;
		out[24] = 2;
		out[25] = 2;
		memcpy(out + 26, ifr.ifr_hwaddr.sa_data, 6);
		for (i = 0; i < n; i++) {
			out[32 + 4 * i] = 14;
			out[33 + 4 * i] = 1;
			out[34 + 4 * i] = (unsigned char)(atoi(vids[i]) >> 8);
			out[35 + 4 * i] = (unsigned char)atoi(vids[i]);
		}
		if (send(fd, out, 32 + 4 * (size_t)n, 0) == -1)
			perror("fipact fcf: send");
	}
}

int
main(int argc, char **argv)
{
	static struct fcp_hello hello = { FCP_VERSION, 0 };
	int i, err;

	if (argc >= 3 && strcmp(argv[1], "fcf") == 0)
		return fcf(argv[2], argv + 3, argc - 3 > 32 ? 32 : argc - 3);
	put(FCP_HELLO, &hello, sizeof(hello));
	if (get(0, 0, 5000) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		char cmd[64];

		if (argv[i][0] == '-')		/* -d: fcoemond's debug flag */
			continue;
		snprintf(cmd, sizeof(cmd), "%s", argv[i]);
		err = drive(cmd);
		fprintf(stderr, "fipact: %s -> %d\n", argv[i], err);
	}
	return 0;
}
