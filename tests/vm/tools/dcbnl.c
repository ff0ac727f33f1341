/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * dcbnl: run inside the VM by the DCB scenarios (tests/vm/guest/s-dcbx-*.sh)
 * to see what the kernel's dcbnl says, independently of lldpad and of the
 * daemon under test: `ip monitor` knows nothing of RTNLGRP_DCB.
 *
 *   dcbnl get IFACE        one line: dcbx, pfc_en, APP table, MACs
 *   dcbnl monitor [SECS]   one line per RTNLGRP_DCB notification, each
 *                          stamped with CLOCK_BOOTTIME (= /proc/uptime)
 *
 * A test tool, not the monitor's parser (monitor/wire/dcbnl.c is that): it
 * walks the attributes with the uapi macros and prints what it finds.
 */
#include <errno.h>
#include <linux/dcbnl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *cmd_name(unsigned cmd)
{
	static const char *names[] = {
		[DCB_CMD_GSTATE] = "GSTATE", [DCB_CMD_SSTATE] = "SSTATE",
		[DCB_CMD_PFC_SCFG] = "PFC_SCFG", [DCB_CMD_SET_ALL] = "SET_ALL",
		[DCB_CMD_GPERM_HWADDR] = "GPERM_HWADDR", [DCB_CMD_SAPP] = "SAPP",
		[DCB_CMD_IEEE_SET] = "IEEE_SET", [DCB_CMD_IEEE_GET] = "IEEE_GET",
		[DCB_CMD_GDCBX] = "GDCBX", [DCB_CMD_SDCBX] = "SDCBX",
		[DCB_CMD_IEEE_DEL] = "IEEE_DEL", [DCB_CMD_CEE_GET] = "CEE_GET",
	};
	if (cmd < sizeof(names) / sizeof(names[0]) && names[cmd])
		return names[cmd];
	return "?";
}

/* Prints the attributes of one dcbnl message that the scenarios look at. */
static void print_attrs(struct rtattr *a, int len, int depth)
{
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		unsigned char *d = RTA_DATA(a);
		int n = RTA_PAYLOAD(a);

		if (depth == 0 && a->rta_type == DCB_ATTR_IFNAME)
			printf(" if=%.*s", n, (char *)d);
		else if (depth == 0 && a->rta_type == DCB_ATTR_DCBX && n >= 1)
			printf(" dcbx=0x%02x", d[0]);
		else if (depth == 0 && a->rta_type == DCB_ATTR_STATE && n >= 1)
			printf(" state=%u", d[0]);
		else if (depth == 0 && a->rta_type == DCB_ATTR_PERM_HWADDR && n >= 12)
			printf(" perm=%02x:%02x:%02x:%02x:%02x:%02x san=%02x:%02x:%02x:%02x:%02x:%02x",
			       d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11]);
		else if (depth == 0 && (a->rta_type == DCB_ATTR_IEEE || a->rta_type == DCB_ATTR_CEE))
			print_attrs(RTA_DATA(a), n, 1);
		else if (depth == 1 && a->rta_type == DCB_ATTR_IEEE_PFC &&
			 n >= (int)sizeof(struct ieee_pfc))
			printf(" pfc_en=0x%02x", ((struct ieee_pfc *)d)->pfc_en);
		else if (depth == 1 && a->rta_type == DCB_ATTR_IEEE_ETS &&
			 n >= (int)sizeof(struct ieee_ets))
			printf(" ets_willing=%u", ((struct ieee_ets *)d)->willing);
		else if (depth == 1 && a->rta_type == DCB_ATTR_IEEE_APP_TABLE) {
			printf(" apps=[");
			print_attrs(RTA_DATA(a), n, 2);
			printf(" ]");
		} else if (depth == 2 && n >= (int)sizeof(struct dcb_app)) {
			struct dcb_app app;

			memcpy(&app, d, sizeof(app));
			printf(" %u:%u:0x%04x", app.selector, app.priority, app.protocol);
		}
	}
}

static void print_msg(struct nlmsghdr *h)
{
	struct dcbmsg *dm = NLMSG_DATA(h);
	int len = h->nlmsg_len - NLMSG_LENGTH(sizeof(*dm));

	if (h->nlmsg_type == NLMSG_ERROR) {
		struct nlmsgerr *e = NLMSG_DATA(h);

		printf("error=%d (%s)\n", e->error, strerror(-e->error));
		return;
	}
	printf("%s cmd=%s", h->nlmsg_type == RTM_SETDCB ? "SETDCB" : "GETDCB", cmd_name(dm->cmd));
	if (len > 0)
		print_attrs((struct rtattr *)((char *)dm + NLMSG_ALIGN(sizeof(*dm))), len, 0);
	printf("\n");
}

static int nl_open(unsigned groups)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = groups };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("dcbnl: netlink");
		exit(2);
	}
	return fd;
}

/* One RTM_GETDCB request for IFACE, its reply printed; 0 if it was no error. */
static int query(int fd, const char *ifname, unsigned cmd)
{
	struct {
		struct nlmsghdr h;
		struct dcbmsg d;
		char attrs[64];
	} req;
	char buf[8192];
	struct rtattr *a;
	struct nlmsghdr *h;
	ssize_t n;

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_type = RTM_GETDCB;
	req.h.nlmsg_flags = NLM_F_REQUEST;
	req.h.nlmsg_seq = cmd;
	req.d.dcb_family = AF_UNSPEC;
	req.d.cmd = cmd;
	a = (struct rtattr *)req.attrs;
	a->rta_type = DCB_ATTR_IFNAME;
	a->rta_len = RTA_LENGTH(strlen(ifname) + 1);
	memcpy(RTA_DATA(a), ifname, strlen(ifname) + 1);
	req.h.nlmsg_len = NLMSG_LENGTH(sizeof(req.d)) + RTA_ALIGN(a->rta_len);
	if (send(fd, &req, req.h.nlmsg_len, 0) < 0) {
		perror("dcbnl: send");
		return 1;
	}
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < 0) {
		perror("dcbnl: recv");
		return 1;
	}
	h = (struct nlmsghdr *)buf;
	if (!NLMSG_OK(h, n))
		return 1;
	print_msg(h);
	return h->nlmsg_type == NLMSG_ERROR;
}

static double boottime(void)
{
	struct timespec t;

	clock_gettime(CLOCK_BOOTTIME, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int monitor(int secs)
{
	int fd = nl_open(1u << (RTNLGRP_DCB - 1));
	double end = boottime() + secs;
	char buf[16384];

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("dcbnl: listening\n");
	for (;;) {
		struct timeval tv = { .tv_sec = 0, .tv_usec = 200000 };
		ssize_t n;

		if (secs > 0 && boottime() > end)
			return 0;
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0) {
			perror("dcbnl: recv");
			return 1;
		}
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			printf("[%.3f] ", boottime());
			print_msg(h);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "get")) {
		int fd = nl_open(0), rc = 0;

		rc |= query(fd, argv[2], DCB_CMD_GDCBX);
		rc |= query(fd, argv[2], DCB_CMD_IEEE_GET);
		rc |= query(fd, argv[2], DCB_CMD_GPERM_HWADDR);
		return rc;
	}
	if ((argc == 2 || argc == 3) && !strcmp(argv[1], "monitor"))
		return monitor(argc == 3 ? atoi(argv[2]) : 0);
	fprintf(stderr, "usage: dcbnl get IFACE | dcbnl monitor [SECS]\n");
	return 2;
}
