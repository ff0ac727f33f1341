/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the kernel-stamped sender of a
 * datagram (SO_PASSCRED), for the sockets that accept only root.
 */
#ifndef UTIL_SOCKCRED_H
#define UTIL_SOCKCRED_H

struct msghdr;
struct ucred;

/* The SCM_CREDENTIALS of mh into *out; pid -1, uid and gid -1 if none. */
void	sockcred_sender(struct msghdr *mh, struct ucred *out);

#endif
