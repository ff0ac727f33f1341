/*
 * Run by the monitor, last step of its start-up: its seccomp allowlist
 * (loaded by seccomp.c).  No exec, no open for writing, sockets of
 * AF_UNIX (syslog) and AF_NETLINK (rtnetlink) only, no signal to others.
 */
#include <sys/mman.h>
#include <sys/socket.h>

#include "seccomp_int.h"

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
	{ "socket", 1, { MEQ(0, 0xffffffffu, AF_UNIX) }, "syslog reconnect" },
	{ "socket", 1, { MEQ(0, 0xffffffffu, AF_NETLINK) },
	    "rtnetlink resync" },
	{ "bind", 0, { { 0 } }, "rtnetlink socket" },
	{ "connect", 0, { { 0 } }, "syslog reconnect" },
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
seccomp_monitor(enum fcp_seccomp mode, int log_fd)
{
	return seccomp_load_table(rules, NRULES, mode, log_fd);
}

void
seccomp_monitor_dump(FILE *out)
{
	seccomp_dump_table(out, "monitor", rules, NRULES);
}
