/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by the monitor (unprivileged): takes VLAN names of the daemon's
 * shape apart and finds clashes between real interfaces; the rule itself
 * is proto/vlan_name.c, shared with the actuator.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/vlan_name.h"

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
		if (s[i] == '\0' || strchr(fip_vlan_hash_digits, s[i]) == NULL)
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
