/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator (all of it) and, between fork and exec, by the child
 * that becomes the monitor: the privilege-separation mechanisms.
 */
#ifndef PRIVSEP_H
#define PRIVSEP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "proto/fcp.h"

/*
 * The actuator's descriptors, fixed so the seccomp policy can name them.
 * privsep_sanitize() leaves only 0-2 open; the actuator then creates these
 * in this order and checks that each landed where expected.
 */
#define ACT_FD_IPC	3	/* actuator end of the socketpair */
#define ACT_FD_CHILD	4	/* monitor end, closed after spawn */
#define ACT_FD_LLDPAD	5	/* lldpad client socket, shared */
#define ACT_FD_IOCTL	6	/* AF_UNIX datagram socket for interface ioctls */
#define ACT_FD_LOG	7	/* datagram socket connected to /dev/log */
#define ACT_FD_CLIF	8	/* systemd's @fcm_clif, passed on, then closed */
#define ACT_FD_CTL	9	/* fcoectl's socket (actuator/ctlsock.c), ditto */
#define ACT_FD_RELAY	10	/* read end of the monitor's stderr pipe */
#define ACT_FD_PIDFD	11	/* pidfd of the monitor */
#define ACT_FD_RELAY_W	12	/* write end, the monitor's fd 2; closed after spawn */
#define ACT_FD_READY	13	/* daemon mode: tells the parent start-up is done */
#define ACT_FD_PROBE	14	/* private lldpad socket: is it still the one? */
#define ACT_FD_FIP	15	/* AF_PACKET socket for FIP, filtered and locked */
#define ACT_FD_NL	16	/* rtnetlink: VLAN create/up/delete, dcbnl SAN MAC */
#define ACT_FD_IPV6	17	/* /proc/sys/net/ipv6/conf (O_PATH), when present */

/* spawn.c */
void	privsep_sanitize(int keep);
pid_t	privsep_spawn(const char *path, char *const argv[], uid_t uid,
	    gid_t gid, int relay);
int	privsep_move_fd(int fd, int want);

/* channel.c */
enum chan_err { CHAN_OK = 0, CHAN_EOF, CHAN_CMSG, CHAN_TRUNC, CHAN_IO };
#define CHAN_SEND_WAIT_MS	5000	/* then chan_send fails with ETIMEDOUT */
ssize_t	chan_recv(int fd, void *buf, size_t size, int *err);
int	chan_send(int fd, unsigned type, uint32_t seq, int status,
	    const void *payload, size_t len);
const char *chan_err_str(int err);

/* drop.c */
int	drop_actuator(void);
int	verify_actuator(char *why, size_t whysz);
int	drop_child(uid_t uid, gid_t gid);
int	verify_child(uid_t uid, gid_t gid, char *why, size_t whysz);

/* landlock.c */
int	landlock_abi(void);
int	landlock_begin(uint64_t extra, int *abi, char *why, size_t whysz);
int	landlock_allow(int ruleset, const char *path, uint64_t access);
int	landlock_enforce(int ruleset, int r, int abi, char *why, size_t whysz);
int	landlock_actuator(char *why, size_t whysz);
void	landlock_dump(FILE *out);

/* seccomp.c */
int	seccomp_actuator(enum fcp_seccomp mode, int log_fd);
void	seccomp_dump(FILE *out);
int	seccomp_available(void);

#endif
