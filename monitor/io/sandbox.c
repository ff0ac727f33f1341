/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor, last step of its start-up: its own sandbox policy,
 * built with the mechanisms of privsep/.  seccomp: no exec, no open for
 * writing, sockets of AF_UNIX datagram or stream (syslog) and AF_NETLINK
 * NETLINK_ROUTE (rtnetlink) only, no signal to others.  Landlock: read
 * only the configuration and sysfs, write no file at all.  It lives here,
 * not in privsep/, because nothing privileged ever runs it.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <linux/landlock.h>
#include <linux/netlink.h>

#include "monitor/io/sandbox.h"
#include "monitor/io/inuse.h"
#include "privsep/seccomp_int.h"

#define SOCK_TYPE_MASK	0xf	/* the kernel's; SOCK_CLOEXEC etc. above */

#define READ	(LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)

static const struct sc_rule rules[] = {
	{ "epoll_wait", 0, { { 0 } }, "libevent loop" },
	{ "epoll_pwait", 0, { { 0 } }, "libevent loop" },
	{ "epoll_ctl", 0, { { 0 } }, "libevent loop" },
	{ "poll", 0, { { 0 } }, "wait for the actuator's reply" },
	{ "ppoll", 0, { { 0 } }, "wait for the actuator's reply" },
	{ "recvmsg", 0, { { 0 } }, "actuator, lldpad, rtnetlink" },
	{ "recvfrom", 0, { { 0 } }, "rtnetlink" },
	{ "sendmsg", 0, { { 0 } }, "requests, rtnetlink dumps" },
	{ "sendto", 0, { { 0 } }, "requests, syslog, rtnetlink" },
	/* Pinned: the families, the types and the one netlink protocol the
	 * monitor opens after the sandbox; a datagram /dev/log, or a stream
	 * one where the syslog daemon has that (glibc falls back to it). */
	{ "socket", 2, { MEQ(0, 0xffffffffu, AF_UNIX),
	    MEQ(1, SOCK_TYPE_MASK, SOCK_DGRAM) }, "syslog reconnect" },
	{ "socket", 2, { MEQ(0, 0xffffffffu, AF_UNIX),
	    MEQ(1, SOCK_TYPE_MASK, SOCK_STREAM) },
	    "syslog reconnect, stream /dev/log" },
	{ "socket", 2, { MEQ(0, 0xffffffffu, AF_NETLINK),
	    MEQ(2, 0xffffffffu, NETLINK_ROUTE) }, "rtnetlink resync" },
	{ "bind", 0, { { 0 } }, "rtnetlink socket" },
	{ "connect", 0, { { 0 } }, "syslog reconnect" },
	{ "accept4", 0, { { 0 } }, "fcoectl connections" },
	{ "getsockname", 0, { { 0 } }, "rtnetlink port id" },
	{ "getsockopt", 0, { { 0 } }, "" },
	{ "setsockopt", 0, { { 0 } }, "rtnetlink buffer, membership" },
	/* glibc's __O_TMPFILE carries O_DIRECTORY: only its own bit here. */
	{ "openat", 1, { MEQ(2, O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND |
	    (__O_TMPFILE & ~O_DIRECTORY), O_RDONLY) },
	    "read config and sysfs only" },
	{ "read", 0, { { 0 } }, "" },
	{ "write", 0, { { 0 } }, "log lines on stderr" },
	{ "writev", 0, { { 0 } }, "log lines on stderr" },
	{ "close", 0, { { 0 } }, "" },
	{ "getdents64", 0, { { 0 } }, "readdir of config and sysfs" },
	{ "newfstatat", 0, { { 0 } }, "stat of config files" },
	{ "fstat", 0, { { 0 } }, "" },
	{ "lseek", 0, { { 0 } }, "" },
	{ "fcntl", 0, { { 0 } }, "" },
	{ "clock_gettime", 0, { { 0 } }, "monotonic clock" },
	{ "gettimeofday", 0, { { 0 } }, "libevent" },
	{ "getpid", 0, { { 0 } }, "syslog" },
	{ "geteuid", 0, { { 0 } }, "owner check of cfg files" },
	{ "rt_sigprocmask", 0, { { 0 } }, "" },
	{ "rt_sigreturn", 0, { { 0 } }, "" },
	{ "restart_syscall", 0, { { 0 } }, "" },
	{ "brk", 0, { { 0 } }, "malloc" },
	{ "mmap", 1, { MEQ(2, PROT_EXEC, 0) }, "malloc, never executable" },
	{ "mprotect", 1, { MEQ(2, PROT_EXEC, 0) }, "never executable" },
	{ "munmap", 0, { { 0 } }, "" },
	{ "mremap", 0, { { 0 } }, "realloc" },
	{ "madvise", 0, { { 0 } }, "free" },
	{ "futex", 0, { { 0 } }, "libnl locks" },
	{ "exit_group", 0, { { 0 } }, "" },
	{ "exit", 0, { { 0 } }, "" },
};

#define NRULES		(sizeof(rules) / sizeof(rules[0]))

int
sandbox_seccomp(enum fcp_seccomp mode, int log_fd)
{
	return seccomp_load_table(rules, NRULES, mode, log_fd);
}

void
sandbox_seccomp_dump(FILE *out)
{
	seccomp_dump_table(out, "monitor", rules, NRULES);
}

/* The ABI enforced, or 0 (with why) when Landlock is not in force. */
int
sandbox_landlock(const char *cfgdir, char *why, size_t whysz)
{
	int abi, rs = landlock_begin(READ, &abi, why, whysz), r;

	if (rs == -1)
		return 0;
	r = landlock_allow(rs, cfgdir, READ);
	if (r == 0)
		r = landlock_allow(rs, "/sys", READ);
	/* The mount table, read at the logout (inuse.c); without it the
	 * logout keeps every instance, so a failure here is not fatal. */
	if (r == 0)
		(void)landlock_allow(rs, INUSE_MOUNTINFO,
		    LANDLOCK_ACCESS_FS_READ_FILE);
	return landlock_enforce(rs, r, abi, why, whysz);
}

void
sandbox_landlock_dump(FILE *out, const char *cfgdir)
{
	fprintf(out, "landlock (monitor): every file access denied except "
	    "read_file and read_dir beneath:\n  %s\n  /sys\nand read_file "
	    "of:\n  %s\n", cfgdir, INUSE_MOUNTINFO);
}
