/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged), last step of its start-up: its own
 * seccomp filter and Landlock ruleset (sandbox.c), and their --dump-policy.
 */
#ifndef IO_SANDBOX_H
#define IO_SANDBOX_H

#include <stddef.h>
#include <stdio.h>

#include "proto/fcp.h"

int	sandbox_seccomp(enum fcp_seccomp mode, int log_fd);
void	sandbox_seccomp_dump(FILE *out);
int	sandbox_landlock(const char *cfgdir, char *why, size_t whysz);
void	sandbox_landlock_dump(FILE *out, const char *cfgdir);

#endif
