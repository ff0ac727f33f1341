/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged) and tests: the VLAN notification
 * builder (a userspace responder's, which doc/fip.md "Responder" does not
 * use; tests make frames with it).  The layout and the request builder
 * are proto/fip_frame.h, shared with the actuator.
 */
#ifndef FIP_FRAME_H
#define FIP_FRAME_H

#include "proto/fip_frame.h"

/*
 * A VLAN notification (subcode 2 or 3) from src (also the MAC descriptor)
 * to the unicast dst, one VLAN descriptor per VID in the order given: 1 to
 * FIP_VIDS_MAX VIDs of 0..4094, none twice.  Returns the frame length, or
 * 0 with *err = EINVAL or ENOBUFS.  (fcoemon's responder writes past its
 * buffer from the second VID on and always says 3 words.)
 */
size_t fip_build_note(uint8_t *out, size_t cap, enum fip_subcode sub,
    const uint8_t src[FIP_ETH_ALEN], const uint8_t dst[FIP_ETH_ALEN],
    const uint16_t *vids, size_t nvid, int *err);

#endif
