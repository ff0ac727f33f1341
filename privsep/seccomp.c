/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by both processes, last step of their start-up: load a seccomp
 * allowlist given as a table (sc_actuator.c, monitor/io/sandbox.c), so
 * --dump-policy prints exactly what is loaded.  Every conditioned call has
 * all its conditions in one rule (AND), and no call has an unconditional
 * rule beside a filtered one.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/sockios.h>
#include <sys/mman.h>
#include <seccomp.h>

#include "privsep/seccomp_int.h"


#define NAMES_MAX	1024

static const char *names[NAMES_MAX];	/* filled before load: trap mode */
static int trap_fd = 2;

/* SIGSYS in trap mode: name the call, async-signal-safely, and stop. */
static void
on_sigsys(int sig, siginfo_t *si, void *uc)
{
	const char *n = (si->si_syscall >= 0 && si->si_syscall < NAMES_MAX &&
	    names[si->si_syscall]) ? names[si->si_syscall] : "unknown";
	const char *p1 = "fcoemond: seccomp: forbidden system call ";

	(void)sig;
	(void)uc;
	(void)!write(trap_fd, p1, strlen(p1));
	(void)!write(trap_fd, n, strlen(n));
	(void)!write(trap_fd, "\n", 1);
	_exit(159);
}

static int
arm_trap(int fd)
{
	struct sigaction sa;
	int nr;

	for (nr = 0; nr < NAMES_MAX; nr++)
		names[nr] = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE,
		    nr);
	trap_fd = fd;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	return sigaction(SIGSYS, &sa, NULL);
}

static int
add_rules(scmp_filter_ctx ctx, const struct sc_rule *rules, size_t n)
{
	size_t i;
	int nr;

	for (i = 0; i < n; i++) {
		nr = seccomp_syscall_resolve_name(rules[i].name);
		if (nr == __NR_SCMP_ERROR)
			continue;	/* not a call of this architecture */
		if (seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr,
		    rules[i].argc, rules[i].arg) != 0)
			return -1;
	}
	return 0;
}

/* Load a policy; trap messages go to log_fd. 0 or -1. */
int
seccomp_load_table(const struct sc_rule *rules, size_t n,
    enum fcp_seccomp mode, int log_fd)
{
	scmp_filter_ctx ctx = seccomp_init(mode == FCP_SC_TRAP ? SCMP_ACT_TRAP :
	    mode == FCP_SC_LOG ? SCMP_ACT_LOG : SCMP_ACT_KILL_PROCESS);
	int r = -1;

	if (ctx == NULL)
		return -1;
	if (mode == FCP_SC_TRAP && arm_trap(log_fd) != 0)
		goto out;
	if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
	    SCMP_ACT_KILL_PROCESS) != 0 ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1) != 0 ||
	    add_rules(ctx, rules, n) != 0)
		goto out;
	r = seccomp_load(ctx) == 0 ? 0 : -1;
out:
	seccomp_release(ctx);
	return r;
}

static void
dump_cmp(FILE *out, const struct scmp_arg_cmp *c)
{
	if (c->op == SCMP_CMP_EQ)
		fprintf(out, " arg%u == %#llx", c->arg,
		    (unsigned long long)c->datum_a);
	else
		fprintf(out, " (arg%u & %#llx) == %#llx", c->arg,
		    (unsigned long long)c->datum_a,
		    (unsigned long long)c->datum_b);
}

void
seccomp_dump_table(FILE *out, const char *who, const struct sc_rule *rules,
    size_t n)
{
	size_t i;
	unsigned a;

	fprintf(out, "seccomp (%s): default kill_process (trap/log "
	    "with --seccomp), other architectures kill_process\n", who);
	for (i = 0; i < n; i++) {
		fprintf(out, "  allow %s", rules[i].name);
		if (rules[i].argc > 0 || *rules[i].why)
			fprintf(out, "%*s", (int)(16 - strlen(rules[i].name)),
			    "");
		for (a = 0; a < rules[i].argc; a++)
			dump_cmp(out, &rules[i].arg[a]);
		fprintf(out, "%s%s\n", *rules[i].why ? "  # " : "",
		    rules[i].why);
	}
}

/* libseccomp API level; 3 or more means kill_process works here. */
int
seccomp_available(void)
{
	int api = (int)seccomp_api_get();

	return api >= 3 ? api : 0;
}
