/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: FIP VLAN discovery's requests (doc/fip.md).
 * TEMPORARY: the protocol rows exist so both sides can build against
 * them; the operations answer ENOSYS until the next commits.
 */
#include <errno.h>

#include "actuator/actuator.h"

int
op_fip_send(const void *req, void *rep, char *obj, size_t objsz)
{
	(void)req; (void)rep; (void)obj; (void)objsz;
	return ENOSYS;
}

int
op_fip_resp(const void *req, void *rep, char *obj, size_t objsz)
{
	(void)req; (void)rep; (void)obj; (void)objsz;
	return ENOSYS;
}

int
op_vlan_create(const void *req, void *rep, char *obj, size_t objsz)
{
	(void)req; (void)rep; (void)obj; (void)objsz;
	return ENOSYS;
}

int
op_vlan_destroy(const void *req, void *rep, char *obj, size_t objsz)
{
	(void)req; (void)rep; (void)obj; (void)objsz;
	return ENOSYS;
}
