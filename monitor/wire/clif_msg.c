/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Used by the monitor (unprivileged): fcoeadm's @fcm_clif requests and
 * replies (doc/kernel.md "fcoeadm clif protocol").
 * Every field of a datagram from any local process is
 * checked here before the monitor looks at it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "monitor/wire/clif_msg.h"
#include "proto/fcp.h"

_Static_assert(CLIF_IFNAMSIZ == FCP_IFNAMSIZ, "one interface name size");
_Static_assert(offsetof(struct clif_req, flags) == CLIF_REQ_MIN,
    "a short request ends where the flags begin");

enum clif_status
clif_parse(const void *buf, size_t n, struct clif_req *out)
{
	const char *nul;

	memset(out, 0, sizeof(*out));
	if (n < CLIF_REQ_MIN || n > CLIF_REQ_SIZE)
		return CLIF_EBADCLIFMSG;
	/* short: flags stay 0, even the bytes of them that came */
	memcpy(out, buf, n == CLIF_REQ_SIZE ? n : CLIF_REQ_MIN);
	if (out->cmd <= CLIF_NONE || out->cmd > CLIF_PID)
		return CLIF_EFAIL;	/* fcoemon's answer to a bad command */
	if ((out->flags & ~(uint32_t)CLIF_MODE_MASK) != 0 ||
	    (out->flags & CLIF_MODE_MASK) > FCP_MODE_VN2VN)
		return CLIF_EBADCLIFMSG;
	if (out->cmd == CLIF_PID) {
		/* no interface: nothing may read an unterminated name */
		memset(out->ifname, 0, sizeof(out->ifname));
		return CLIF_SUCCESS;
	}
	/* Old fcoeadm builds left garbage after the NUL: only the string
	 * counts, and it must end inside the field. */
	nul = memchr(out->ifname, '\0', sizeof(out->ifname));
	if (nul == NULL)
		return CLIF_ENOETHDEV;
	memset(out->ifname + (nul - out->ifname), 0,
	    sizeof(out->ifname) - (size_t)(nul - out->ifname));
	return fcp_ifname_valid(out->ifname) ? CLIF_SUCCESS : CLIF_ENOETHDEV;
}

void
clif_reply(enum clif_status st, char out[CLIF_REPLY_SIZE])
{
	memset(out, 0, CLIF_REPLY_SIZE);
	snprintf(out, CLIF_REPLY_SIZE, "%u", (unsigned)st % 100);
}

enum clif_status
clif_status_of_errno(int err)
{
	switch (err) {
	case 0:
		return CLIF_SUCCESS;
	case EEXIST:
		return CLIF_EFCOECONN;
	case ENODEV:
	case ENXIO:
		return CLIF_ENOETHDEV;
	case ENOENT:
		return CLIF_ENOSYSFS;	/* no kernel FCoE interface */
	case EPERM:
	case EACCES:
	default:
		return CLIF_EFAIL;
	}
}

static const char *
name_in(const char *const *tab, size_t n, unsigned i)
{
	return i < n ? tab[i] : "unknown";
}

const char *
clif_cmd_name(unsigned cmd)
{
	static const char *const s[] = { "none", "create", "destroy", "reset",
	    "scan", "pid" };
	return name_in(s, sizeof(s) / sizeof(s[0]), cmd);
}

const char *
clif_status_name(unsigned st)
{
	static const char *const s[] = { "SUCCESS", "EFAIL", "ENOACTION",
	    "EFCOECONN", "ENOFCOECONN", "ENOFCHOST", "EINTERR", "EINVALARG",
	    "EBADNUMARGS", "EIGNORE", "ENOSYSFS", "ENOETHDEV", "ENOMONCONN",
	    "ECONNTMOUT", "EHBAAPIERR", "EBADCLIFMSG" };
	return name_in(s, sizeof(s) / sizeof(s[0]), st);
}
