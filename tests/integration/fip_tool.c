/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Test helper, no process role: the FIP codec and the VLAN names on the
 * command line, so the integration tests can hold them against the real
 * fcoe-utils on a veth (tests/integration/test_fip_wire.py).
 *
 *   fip_tool request MAC fabric|vn2vn     built frame, hex
 *   fip_tool note 2|3 SRC DST VID...      built frame, hex
 *   fip_tool parse HEX                    "ok sub=S mac=M vids=V,..." or
 *                                         "error CODE at=N: sentence"
 *   fip_tool name REAL VID                the VLAN name
 * Exit status 0 when the codec accepted, 1 when it refused, 2 on usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/vlan_name.h"
#include "monitor/wire/fip.h"

static int
mac_arg(const char *s, uint8_t m[FIP_ETH_ALEN])
{
	unsigned v[FIP_ETH_ALEN];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4],
	    &v[5]) != FIP_ETH_ALEN)
		return -1;
	for (i = 0; i < FIP_ETH_ALEN; i++)
		m[i] = (uint8_t)v[i];
	return 0;
}

static int
print_hex(const uint8_t *b, size_t n, int err)
{
	size_t i;

	if (n == 0) {
		printf("error %s\n", strerror(err));
		return 1;
	}
	for (i = 0; i < n; i++)
		printf("%02x", b[i]);
	printf("\n");
	return 0;
}

static int
do_parse(const char *hex)
{
	static uint8_t b[4096];
	static struct fip_vlan_msg m;
	struct fip_perr e;
	size_t n = strlen(hex) / 2, i;
	unsigned x;

	if (n > sizeof(b))
		return 2;
	for (i = 0; i < n; i++) {
		if (sscanf(hex + 2 * i, "%2x", &x) != 1)
			return 2;
		b[i] = (uint8_t)x;
	}
	if (fip_parse(b, n, &m, &e) != FIP_OK) {
		printf("error %d at=%zu: %s\n", e.code, e.at,
		    fip_strerror(e.code));
		return 1;
	}
	printf("ok sub=%u mac=%02x:%02x:%02x:%02x:%02x:%02x name=%d vids=",
	    m.subcode, m.mac[0], m.mac[1], m.mac[2], m.mac[3], m.mac[4],
	    m.mac[5], m.has_name);
	for (i = 0; i < m.nvid; i++)
		printf("%s%u", i ? "," : "", m.vid[i]);
	printf("\n");
	return 0;
}

static int
do_note(int argc, char **argv)
{
	static uint8_t b[FIP_FRAME_MAX];
	static uint16_t v[FIP_VIDS_MAX + 1];
	uint8_t src[FIP_ETH_ALEN], dst[FIP_ETH_ALEN];
	int i, err = 0;
	size_t n;

	if (argc < 6 || argc - 5 > FIP_VIDS_MAX + 1 || mac_arg(argv[3], src) ||
	    mac_arg(argv[4], dst))
		return 2;
	for (i = 5; i < argc; i++)
		v[i - 5] = (uint16_t)strtoul(argv[i], NULL, 10);
	n = fip_build_note(b, sizeof(b), (enum fip_subcode)atoi(argv[2]), src,
	    dst, v, (size_t)(argc - 5), &err);
	return print_hex(b, n, err);
}

int
main(int argc, char **argv)
{
	uint8_t b[64], mac[FIP_ETH_ALEN];
	char name[FIP_VLAN_NAMSIZ];
	int err = 0;

	if (argc == 4 && strcmp(argv[1], "request") == 0) {
		if (mac_arg(argv[2], mac))
			return 2;
		return print_hex(b, fip_build_request(b, sizeof(b), mac,
		    strcmp(argv[3], "vn2vn") == 0 ? FIP_MODE_VN2VN :
		    FIP_MODE_FABRIC, &err), err);
	}
	if (argc >= 2 && strcmp(argv[1], "note") == 0)
		return do_note(argc, argv);
	if (argc == 3 && strcmp(argv[1], "parse") == 0)
		return do_parse(argv[2]);
	if (argc == 4 && strcmp(argv[1], "name") == 0) {
		err = fip_vlan_name(argv[2], (unsigned)atoi(argv[3]), name);
		printf("%s\n", err ? strerror(err) : name);
		return err != 0;
	}
	fprintf(stderr, "usage: see the first comment of fip_tool.c\n");
	return 2;
}
