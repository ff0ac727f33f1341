/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Shared by both processes: the rule that names the VLANs FIP discovery
 * makes (the two forms and why in vlan_name.h).  The actuator checks
 * VLAN_CREATE, VLAN_DESTROY and its per-interface cap with it; the monitor
 * names and recognises its VLANs with the very same code.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "proto/vlan_name.h"

const char fip_vlan_hash_digits[] = "0123456789abcdefghjkmnpqrstvwxyz";
bool
fip_ifname_ok(const char *name)
{
	size_t len = strnlen(name, FIP_VLAN_NAMSIZ), i;

	if (len == 0 || len >= FIP_VLAN_NAMSIZ || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0)
		return false;
	for (i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == ':' ||
		    (unsigned char)name[i] <= ' ' ||
		    (unsigned char)name[i] == 0x7f)
			return false;
	return true;
}

void
fip_vlan_name_hash(const char *real, char out[FIP_VLAN_HASH_LEN + 1])
{
	uint32_t h = 2166136261u;	/* FNV-1a, 32 bits */
	const unsigned char *p;
	int i;

	for (p = (const unsigned char *)real; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	for (i = 0; i < FIP_VLAN_HASH_LEN; i++)
		out[i] = fip_vlan_hash_digits[h >> (27 - 5 * i) & 31];
	out[FIP_VLAN_HASH_LEN] = '\0';
}

int
fip_vlan_name(const char *real, unsigned vid, char out[FIP_VLAN_NAMSIZ])
{
	char tmp[64], h[FIP_VLAN_HASH_LEN + 1];
	int n;

	memset(out, 0, FIP_VLAN_NAMSIZ);
	if (!fip_ifname_ok(real) || vid < 1 || vid > 4094)
		return EINVAL;
	n = snprintf(tmp, sizeof(tmp), "%s.%u" FIP_VLAN_SUFFIX, real, vid);
	if (n < 0 || n >= FIP_VLAN_NAMSIZ) {
		fip_vlan_name_hash(real, h);
		n = snprintf(tmp, sizeof(tmp), "%s.%u" FIP_VLAN_SUFFIX, h,
		    vid);
	}
	if (n < 0 || n >= FIP_VLAN_NAMSIZ)
		return EINVAL;	/* cannot happen: 5 + 1 + 4 + 5 */
	memcpy(out, tmp, (size_t)n);
	return 0;
}

bool
fip_vlan_name_is(const char *name, const char *real, unsigned vid)
{
	char want[FIP_VLAN_NAMSIZ];

	return fip_vlan_name(real, vid, want) == 0 &&
	    strncmp(name, want, FIP_VLAN_NAMSIZ) == 0;
}
