/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by the monitor (unprivileged) and its tests: fcoeadm's @fcm_clif
 * wire format (doc/kernel.md "fcoeadm clif protocol"),
 * kept byte-exact so Debian's fcoeadm works with
 * fcoemond unchanged.  A request is a raw 24-byte struct clif_data; the
 * reply is the status as decimal ASCII in a 4-byte datagram (the PID
 * command's reply is the pid, without the NUL).  Pure: no I/O.
 */
#ifndef CLIF_MSG_H
#define CLIF_MSG_H

#include <stddef.h>
#include <stdint.h>

#define CLIF_NAME	"fcm_clif"	/* abstract: "\0fcm_clif" */
#define CLIF_IFNAMSIZ	16
#define CLIF_REQ_MIN	20		/* fcoemon accepted 20..24 bytes */
#define CLIF_REQ_SIZE	24
#define CLIF_REPLY_SIZE	4		/* fcoeadm reads sizeof(int) */
#define CLIF_MODE_MASK	0x0f

enum clif_cmd {
	CLIF_NONE = 0, CLIF_CREATE, CLIF_DESTROY, CLIF_RESET, CLIF_SCAN,
	CLIF_PID
};

/* fcoe-utils' enum fcoe_status: fcoeadm prints its words for these. */
enum clif_status {
	CLIF_SUCCESS = 0, CLIF_EFAIL, CLIF_ENOACTION, CLIF_EFCOECONN,
	CLIF_ENOFCOECONN, CLIF_ENOFCHOST, CLIF_EINTERR, CLIF_EINVALARG,
	CLIF_EBADNUMARGS, CLIF_EIGNORE, CLIF_ENOSYSFS, CLIF_ENOETHDEV,
	CLIF_ENOMONCONN, CLIF_ECONNTMOUT, CLIF_EHBAAPIERR, CLIF_EBADCLIFMSG
};

struct clif_req {
	int32_t	cmd;
	char	ifname[CLIF_IFNAMSIZ];
	uint32_t flags;
};
_Static_assert(sizeof(struct clif_req) == CLIF_REQ_SIZE, "clif_data");

/*
 * Checks one received datagram of n bytes and fills *out (flags 0 for a
 * 20..23-byte request, as fcoemon did).  Returns CLIF_SUCCESS, or the
 * status to answer with: CLIF_EBADCLIFMSG for a bad length, command or
 * flags, CLIF_ENOETHDEV for an empty, unterminated or invalid name.
 */
enum clif_status clif_parse(const void *buf, size_t n, struct clif_req *out);

/* The 4-byte reply for status st (0 <= st <= 99), NUL-padded. */
void	clif_reply(enum clif_status st, char out[CLIF_REPLY_SIZE]);

/* What an errno from the kernel or the engine means to fcoeadm. */
enum clif_status clif_status_of_errno(int err);
const char	*clif_cmd_name(unsigned cmd);
const char	*clif_status_name(unsigned st);

#endif
