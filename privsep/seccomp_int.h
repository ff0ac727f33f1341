/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by both processes: the seccomp table format shared by the policy
 * files (sc_actuator.c, monitor/io/sandbox.c) and the loader (seccomp.c).
 */
#ifndef SECCOMP_INT_H
#define SECCOMP_INT_H

#include <fcntl.h>
#include <stddef.h>
#include <seccomp.h>

#include "privsep/privsep.h"

#define OPEN_MASK	(O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND | \
	O_DIRECTORY | O_PATH | __O_TMPFILE)
#define EQ(a, v)	{ a, SCMP_CMP_EQ, v, 0 }
#define MEQ(a, m, v)	{ a, SCMP_CMP_MASKED_EQ, m, v }

struct sc_rule {
	const char *name;
	unsigned argc;
	struct scmp_arg_cmp arg[2];
	const char *why;
};

int	seccomp_load_table(const struct sc_rule *, size_t n,
	    enum fcp_seccomp mode, int log_fd);
void	seccomp_dump_table(FILE *out, const char *who,
	    const struct sc_rule *, size_t n);

#endif
