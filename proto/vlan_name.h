/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Shared by both processes: the monitor names the VLANs FIP discovery
 * makes and recognises them at restart; the actuator checks VLAN_CREATE,
 * VLAN_DESTROY and its cap with the very same rule (doc/fip.md).  Pure
 * string functions, libc only.
 *
 * Two forms, never truncated:
 *   long   "<real>.<vid>-fcoe"  when it fits in 15 bytes (IFNAMSIZ - 1):
 *          fcoemon's FCOE_VLAN_FORMAT, e.g. "eth2.100-fcoe";
 *   short  "<h>.<vid>-fcoe"     otherwise, h = 5 characters of
 *          "0123456789abcdefghjkmnpqrstvwxyz" encoding the top 25 bits of
 *          the 32-bit FNV-1a hash of the real name, most significant
 *          first: "enp129s0f0" with VID 1002 gives "<h>.1002-fcoe".
 * Both end in "-fcoe" (the mark the actuator already demands of a VLAN it
 * destroys) with the VID between the last '.' and it, so an operator reads
 * the VID in either, and `ip link` shows the real interface after '@'.
 * The short form depends on the name only, not on the ifindex, so it is the
 * same after a reboot.  Two real interfaces sharing a prefix get different
 * hashes; a true hash collision (1 in 2^25 per pair) is reported by
 * fip_vlan_name_clash(), and the VLAN is then not made (never a name that
 * already belongs to another interface's VLAN).
 */
#ifndef PROTO_VLAN_NAME_H
#define PROTO_VLAN_NAME_H

#include <stdbool.h>
#include <stddef.h>

#define FIP_VLAN_NAMSIZ		16	/* IFNAMSIZ */
#define FIP_VLAN_HASH_LEN	5
#define FIP_VLAN_SUFFIX		"-fcoe"

/* 0, or EINVAL (real not an interface name, vid not 1..4094). */
int fip_vlan_name(const char *real, unsigned vid, char out[FIP_VLAN_NAMSIZ]);

/* The 5-character hash of the short form, NUL-terminated. */
void fip_vlan_name_hash(const char *real, char out[FIP_VLAN_HASH_LEN + 1]);

/* name is exactly what fip_vlan_name(real, vid) gives. */
bool fip_vlan_name_is(const char *name, const char *real, unsigned vid);

/* A name the kernel accepts: 1-15 bytes, no '/', ':' or blank, not . or .. */
bool fip_ifname_ok(const char *name);

/* The alphabet of the short form's hash. */
extern const char fip_vlan_hash_digits[];

#endif
