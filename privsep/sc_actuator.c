/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator, last step before it serves: its seccomp allowlist
 * (loaded by seccomp.c).  Every entry says why the call is needed.
 */
#include <linux/if_packet.h>
#include <linux/sockios.h>
#include <signal.h>
#include <sys/mman.h>

#include "privsep/seccomp_int.h"

static const struct sc_rule rules[] = {
	{ "recvmsg", 1, { EQ(0, ACT_FD_IPC) }, "requests from the monitor" },
	{ "sendmsg", 1, { EQ(0, ACT_FD_IPC) }, "replies and notices" },
	{ "sendto", 1, { EQ(0, ACT_FD_IPC) }, "replies (send)" },
	{ "sendto", 1, { EQ(0, ACT_FD_LLDPAD) }, "lldpad queries" },
	{ "sendto", 1, { EQ(0, ACT_FD_LOG) }, "audit records (send)" },
	{ "connect", 1, { EQ(0, ACT_FD_LLDPAD) }, "LLDPAD_CONNECT" },
	{ "connect", 1, { EQ(0, ACT_FD_LOG) }, "re-connect /dev/log" },
	{ "connect", 1, { EQ(0, ACT_FD_PROBE) }, "LLDPAD_CONNECT (private)" },
	{ "sendto", 1, { EQ(0, ACT_FD_PROBE) }, "lldpad still there? (ping)" },
	{ "recvfrom", 1, { EQ(0, ACT_FD_PROBE) }, "its answers, dropped" },
	{ "read", 1, { EQ(0, ACT_FD_RELAY) }, "the monitor's stderr" },
	{ "recvfrom", 1, { EQ(0, ACT_FD_FIP) }, "FIP frames the filter let in" },
	{ "sendto", 1, { EQ(0, ACT_FD_FIP) }, "FIP_SEND: the request it built" },
	{ "setsockopt", 2, { EQ(0, ACT_FD_FIP), EQ(2, PACKET_ADD_MEMBERSHIP) },
	    "FIP_SEND: the SAN MAC's answers (1: else only SO_DEBUG)" },
	{ "sendto", 1, { EQ(0, ACT_FD_NL) },
	    "rtnetlink: VLAN create/up/delete, dcbnl SAN MAC" },
	{ "recvfrom", 1, { EQ(0, ACT_FD_NL) }, "rtnetlink answers" },
	{ "pidfd_send_signal", 2, { EQ(0, ACT_FD_PIDFD), EQ(1, SIGKILL) },
	    "kill the monitor on a violation" },
	{ "ppoll", 0, { { 0 } }, "wait for a request or a signal" },
	{ "poll", 0, { { 0 } }, "tell EOF from an empty record" },
	{ "openat", 1, { MEQ(2, OPEN_MASK, O_WRONLY) }, "sysfs write" },
	{ "openat", 1, { MEQ(2, OPEN_MASK, O_RDONLY | O_DIRECTORY) },
	    "list /sys/class/net/<if>, ctlr_N" },
	{ "write", 0, { { 0 } }, "sysfs value (fd numbers vary)" },
	{ "writev", 0, { { 0 } }, "log lines on stderr" },
	{ "close", 0, { { 0 } }, "" },
	{ "getdents64", 0, { { 0 } }, "readdir" },
	{ "newfstatat", 0, { { 0 } }, "opendir" },
	{ "fstat", 0, { { 0 } }, "opendir" },
	{ "faccessat", 0, { { 0 } }, "detect the kernel FCoE interface" },
	{ "faccessat2", 0, { { 0 } }, "detect the kernel FCoE interface" },
	{ "access", 0, { { 0 } }, "detect the kernel FCoE interface" },
	{ "ioctl", 2, { EQ(0, ACT_FD_IOCTL), EQ(1, SIOCGIFINDEX) },
	    "interface exists" },
	{ "ioctl", 2, { EQ(0, ACT_FD_IOCTL), EQ(1, SIOCGIFHWADDR) },
	    "FIP: an Ethernet interface, its MAC" },
	{ "ioctl", 2, { EQ(0, ACT_FD_IOCTL), EQ(1, SIOCGIFVLAN) },
	    "FIP: a VLAN's real device and VID (read only)" },
	{ "rt_sigprocmask", 0, { { 0 } }, "signal relay" },
	{ "rt_sigreturn", 0, { { 0 } }, "signal relay" },
	{ "restart_syscall", 0, { { 0 } }, "" },
	{ "wait4", 0, { { 0 } }, "reap the monitor" },
	{ "clock_nanosleep", 0, { { 0 } }, "wait for the monitor to exit" },
	{ "clock_gettime", 0, { { 0 } }, "audit durations" },
	{ "getpid", 0, { { 0 } }, "audit records" },
	{ "brk", 0, { { 0 } }, "malloc (opendir)" },
	{ "mmap", 1, { MEQ(2, PROT_EXEC, 0) }, "malloc, never executable" },
	{ "mprotect", 1, { MEQ(2, PROT_EXEC, 0) }, "never executable" },
	{ "munmap", 0, { { 0 } }, "" },
	{ "exit_group", 0, { { 0 } }, "" },
	{ "exit", 0, { { 0 } }, "" },
};

#define NRULES		(sizeof(rules) / sizeof(rules[0]))

int
seccomp_actuator(enum fcp_seccomp mode, int log_fd)
{
	return seccomp_load_table(rules, NRULES, mode, log_fd);
}

void
seccomp_dump(FILE *out)
{
	seccomp_dump_table(out, "actuator", rules, NRULES);
}
