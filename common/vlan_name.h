/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by the monitor (unprivileged): the parts of the VLAN naming only
 * the monitor needs (taking a name apart, clashes); the rule and its forms
 * are described in proto/vlan_name.h, shared with the actuator.
 */
#ifndef VLAN_NAME_H
#define VLAN_NAME_H

#include "proto/vlan_name.h"

enum fip_vlan_form {
	FIP_VLAN_LONG = 1,	/* the prefix is the real interface */
	FIP_VLAN_EITHER = 2	/* 5 hash characters: a hash or a real name */
};

/*
 * Takes name apart if it has the daemon's shape: "<prefix>.<vid>-fcoe",
 * vid 1..4094 without leading zeros.  Returns 0 and the prefix (the real
 * interface, or a hash), the VID and which forms the prefix fits; EINVAL
 * when name is not of the daemon's naming.  Which real interface a short
 * name belongs to is decided by fip_vlan_name_is() against the VLAN's
 * parent, which the kernel reports.
 */
int fip_vlan_name_parse(const char *name,
    char real_or_hash[FIP_VLAN_NAMSIZ], unsigned *vid,
    enum fip_vlan_form *form);

/*
 * Whether the name of (real, vid) equals the name of (others[i], vid) for
 * another real interface: returns that i, or -1.  The engine asks it over
 * the real interfaces it knows before it asks for a VLAN.
 */
int fip_vlan_name_clash(const char *real, unsigned vid,
    const char *const *others, size_t n);

#endif
