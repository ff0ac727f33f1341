/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the kernel's dcbnl, read only -- one
 * NETLINK_ROUTE socket (libnl-3) subscribed to RTNLGRP_DCB, RTM_GETDCB
 * requests (GDCBX, IEEE_GET) and their answers parsed by
 * monitor/wire/dcbnl.c (doc/kernel.md "dcbnl").  Reading needs no
 * privilege; nothing here can write (no RTM_SETDCB is ever built).
 */
#ifndef IO_DCBNL_IO_H
#define IO_DCBNL_IO_H

#include <stdint.h>

#include "monitor/wire/dcbnl.h"

struct event_base;
struct dcbnl_io;

/* An answer to the request seq about ifname, or (seq 0) a notification. */
typedef void (*dcbnl_io_cb)(void *arg, const char *ifname, uint32_t seq,
    const struct dcbnl_info *);
/* Notifications were lost (receive buffer overrun): ask everything again. */
typedef void (*dcbnl_io_lost_cb)(void *arg);

/* 0, or -1 with errno: the caller carries on without dcbnl. */
int	dcbnl_io_open(struct dcbnl_io **, struct event_base *, dcbnl_io_cb,
	    dcbnl_io_lost_cb, void *arg);
/* RTM_GETDCB cmd about ifname: 0 and *seq, or an errno. */
int	dcbnl_io_ask(struct dcbnl_io *, unsigned cmd, const char *ifname,
	    uint32_t *seq);

#endif
