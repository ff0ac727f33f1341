/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by the monitor (unprivileged), and meant for the actuator's checks:
 * the names of the VLANs FIP discovery makes (the two forms and why in
 * vlan_name.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/vlan_name.h"

static const char hash_digits[] = "0123456789abcdefghjkmnpqrstvwxyz";

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
		out[i] = hash_digits[h >> (27 - 5 * i) & 31];
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

/* "<digits>" of 1..4094 without a leading zero, exactly len bytes. */
static int
parse_vid(const char *s, size_t len, unsigned *vid)
{
	unsigned v = 0;
	size_t i;

	if (len == 0 || len > 4 || s[0] == '0')
		return EINVAL;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return EINVAL;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v < 1 || v > 4094)
		return EINVAL;
	*vid = v;
	return 0;
}

static bool
hash_like(const char *s, size_t len)
{
	size_t i;

	if (len != FIP_VLAN_HASH_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] == '\0' || strchr(hash_digits, s[i]) == NULL)
			return false;
	return true;
}

int
fip_vlan_name_parse(const char *name, char prefix[FIP_VLAN_NAMSIZ],
    unsigned *vid, enum fip_vlan_form *form)
{
	const size_t sl = sizeof(FIP_VLAN_SUFFIX) - 1;
	size_t len, plen;
	const char *dot;

	memset(prefix, 0, FIP_VLAN_NAMSIZ);
	*vid = 0;
	if (!fip_ifname_ok(name))
		return EINVAL;
	len = strlen(name);
	if (len <= sl || strcmp(name + len - sl, FIP_VLAN_SUFFIX) != 0)
		return EINVAL;
	dot = memrchr(name, '.', len - sl);
	if (dot == NULL || dot == name)
		return EINVAL;
	plen = (size_t)(dot - name);
	if (parse_vid(dot + 1, len - sl - plen - 1, vid) != 0)
		return EINVAL;
	memcpy(prefix, name, plen);
	if (!fip_ifname_ok(prefix)) {	/* "." or ".." */
		memset(prefix, 0, FIP_VLAN_NAMSIZ);
		return EINVAL;
	}
	*form = hash_like(prefix, plen) ? FIP_VLAN_EITHER : FIP_VLAN_LONG;
	return 0;
}

bool
fip_vlan_name_is(const char *name, const char *real, unsigned vid)
{
	char want[FIP_VLAN_NAMSIZ];

	return fip_vlan_name(real, vid, want) == 0 &&
	    strncmp(name, want, FIP_VLAN_NAMSIZ) == 0;
}

int
fip_vlan_name_clash(const char *real, unsigned vid,
    const char *const *others, size_t n)
{
	char mine[FIP_VLAN_NAMSIZ], theirs[FIP_VLAN_NAMSIZ];
	size_t i;

	if (fip_vlan_name(real, vid, mine) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(others[i], real) != 0 &&
		    fip_vlan_name(others[i], vid, theirs) == 0 &&
		    strcmp(mine, theirs) == 0)
			return (int)i;
	return -1;
}
