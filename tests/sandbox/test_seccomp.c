/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Sandbox tests (check): the actuator's production seccomp policy,
 * seccomp_actuator() from privsep/seccomp.c, loaded in a child this file
 * fork()s itself -- never in check's own process.  Each forbidden call must
 * kill the child with SIGSYS; the allowed set must carry whole requests,
 * including the real serve() loop; trap mode names the call, log mode lets
 * it through.
 *
 * The filtered child sets RLIMIT_CORE to 0, prepares everything (fds at the
 * actuator's fixed numbers, arguments, its parent's pid) before the filter,
 * and ends with _exit().  PDEATHSIG keeps a hung child from outliving a
 * timed-out test.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/if_vlan.h>
#include <linux/netlink.h>
#include <linux/sched.h>
#include <linux/sockios.h>

#include "proto/fcp.h"
#include "privsep/privsep.h"
#include "actuator/actuator.h"
#include "monitor/wire/fcp_reply.h"
#include "tests/unit/check_main.h"

#define TRAP_FD		9	/* where trap mode writes in the child */
#define EXIT_SETUP	99	/* the child could not prepare: not a verdict */
#define EXIT_SURVIVED	0

/* What the test process prepares and the filtered child inherits. */
struct sbx {
	int	ipc[2];		/* [0] -> fd 3 in the child, [1] the test's */
	int	lldpad[2];	/* [0] -> fd 5, [1] the test's */
	int	probe;		/* -> fd 14, the private lldpad socket */
	int	logp[2];	/* [0] -> fd 7, [1] the test's */
	int	ioctl_fd;	/* AF_UNIX datagram -> fd 6 */
	int	trap[2];	/* pipe for trap mode: [1] -> TRAP_FD */
	pid_t	ppid;		/* the test process: "another process" */
	char	dir[64];	/* scratch directory */
	char	file[96];	/* existing regular file in it, "abc" */
	char	newfile[96];	/* a name that does not exist */
};

typedef void (*sbx_fn)(const struct sbx *);

static struct sbx E;

static void
sbx_setup(void)
{
	int fd;

	memset(&E, 0, sizeof(E));
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, E.ipc), 0);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, E.lldpad), 0);
	E.probe = socket(AF_UNIX, SOCK_DGRAM, 0);
	ck_assert_int_ne(E.probe, -1);
	{
		/* queries go to lldpad's address, not to the socket's peer */
		struct sockaddr_un a = { .sun_family = AF_UNIX };

		memcpy(a.sun_path + 1, "/com/intel/lldpad", 17);
		(void)bind(E.lldpad[1], (struct sockaddr *)&a,
		    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 18));
	}
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, E.logp), 0);
	E.ioctl_fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	ck_assert_int_ge(E.ioctl_fd, 0);
	ck_assert_int_eq(pipe(E.trap), 0);
	E.ppid = getpid();
	snprintf(E.dir, sizeof(E.dir), "/tmp/fcoemond-sbx.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(E.dir));
	snprintf(E.file, sizeof(E.file), "%s/attr", E.dir);
	snprintf(E.newfile, sizeof(E.newfile), "%s/new", E.dir);
	fd = open(E.file, O_WRONLY | O_CREAT | O_EXCL, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "abc", 3), 3);
	close(fd);
}

static void
sbx_cleanup(void)
{
	DIR *d = opendir(E.dir);
	struct dirent *e;
	char p[512];

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", E.dir, e->d_name);
		(void)unlink(p);
	}
	closedir(d);
	(void)rmdir(E.dir);
}

/*
 * In the child: put the sockets where the actuator has them (3 IPC,
 * 5 lldpad, 6 ioctl, 7 log, 9 trap pipe, 14 lldpad probe) and close
 * everything else.
 */
static int
place_fds(const struct sbx *e)
{
	const int src[] = { e->ipc[0], e->lldpad[0], e->ioctl_fd, e->logp[0],
	    e->trap[1], e->probe };
	const int dst[] = { ACT_FD_IPC, ACT_FD_LLDPAD, ACT_FD_IOCTL,
	    ACT_FD_LOG, TRAP_FD, ACT_FD_PROBE };
	int hi[6], i;

	for (i = 0; i < 6; i++)
		if ((hi[i] = fcntl(src[i], F_DUPFD, 200)) == -1)
			return -1;
	if (close_range(3, 199, 0) == -1)
		return -1;
	for (i = 0; i < 6; i++)
		if (dup2(hi[i], dst[i]) != dst[i])
			return -1;
	return close_range(200, ~0U, 0);
}

static void
child_common(void)
{
	struct rlimit z = { 0, 0 };

	(void)setrlimit(RLIMIT_CORE, &z);	/* SIGSYS would dump core */
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
}

/* Fork, load the production filter in the child, run fn, _exit. */
static int
run_filtered(enum fcp_seccomp mode, sbx_fn fn)
{
	pid_t p;
	int st;

	fflush(NULL);
	p = fork();
	ck_assert_int_ne(p, -1);
	if (p == 0) {
		child_common();
		if (place_fds(&E) != 0)
			_exit(EXIT_SETUP);
		if (seccomp_actuator(mode, TRAP_FD) != 0)
			_exit(EXIT_SETUP);
		fn(&E);
		_exit(EXIT_SURVIVED);
	}
	close(E.trap[1]);
	E.trap[1] = -1;
	ck_assert_int_eq(waitpid(p, &st, 0), p);
	return st;
}

static void
describe(int st, char *buf, size_t n)
{
	if (WIFSIGNALED(st))
		snprintf(buf, n, "killed by signal %d (%s)", WTERMSIG(st),
		    strsignal(WTERMSIG(st)));
	else if (WIFEXITED(st))
		snprintf(buf, n, "exited with status %d%s", WEXITSTATUS(st),
		    WEXITSTATUS(st) == EXIT_SETUP ? " (setup failed)" : "");
	else
		snprintf(buf, n, "wait status %#x", st);
}

/*
 * After an unexpected SIGSYS: run fn again in trap mode (fresh setup) and
 * return what the handler printed, i.e. the name of the forbidden call.
 */
static const char *
which_call(sbx_fn fn, void (*prepare)(void))
{
	static char out[256];
	ssize_t n, tot = 0;

	sbx_cleanup();
	sbx_setup();
	if (prepare != NULL)
		prepare();
	(void)run_filtered(FCP_SC_TRAP, fn);
	while (tot < (ssize_t)sizeof(out) - 1 &&
	    (n = read(E.trap[0], out + tot, sizeof(out) - 1 - (size_t)tot)) >
	    0)
		tot += n;
	out[tot] = '\0';
	if (tot > 0 && out[tot - 1] == '\n')
		out[tot - 1] = '\0';
	return out;
}

static void
skip(const char *why)
{
	fprintf(stderr, "SKIP: %s\n", why);
}

/* ------------------------------------------------------------------ */
/* Forbidden calls.  Arguments are harmless in case one gets through. */

static void
f_execve(const struct sbx *e)
{
	char *const argv[] = { (char *)"/bin/true", NULL }, *const envp[] = {
	    NULL };

	(void)e;
	execve("/bin/true", argv, envp);
}

static void
f_execveat(const struct sbx *e)
{
	char *const argv[] = { (char *)"true", NULL }, *const envp[] = { NULL };

	(void)e;
	syscall(SYS_execveat, AT_FDCWD, "/bin/true", argv, envp, 0);
}

static void
f_ptrace(const struct sbx *e)
{
	syscall(SYS_ptrace, PTRACE_PEEKDATA, e->ppid, 0, 0);
}

static void
f_kill_parent(const struct sbx *e)
{
	(void)kill(e->ppid, 0);
}

static void
f_kill_all(const struct sbx *e)
{
	(void)e;
	(void)kill(-1, 0);
}

static void
f_tgkill_parent(const struct sbx *e)
{
	syscall(SYS_tgkill, e->ppid, e->ppid, 0);
}

static void
f_socket_inet(const struct sbx *e)
{
	(void)e;
	(void)socket(AF_INET, SOCK_DGRAM, 0);
}

static void
f_socket_inet6(const struct sbx *e)
{
	(void)e;
	(void)socket(AF_INET6, SOCK_STREAM, 0);
}

static void
f_socket_netlink(const struct sbx *e)
{
	(void)e;
	(void)socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
}

static void
f_socket_packet(const struct sbx *e)
{
	(void)e;
	(void)socket(AF_PACKET, SOCK_RAW, 0);
}

static void
nosuch_ifr(struct ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	strcpy(ifr->ifr_name, "fcoenosuch0");
}

static void
f_ioctl_mtu(const struct sbx *e)
{
	struct ifreq ifr;

	(void)e;
	nosuch_ifr(&ifr);
	ifr.ifr_mtu = 1280;
	(void)ioctl(ACT_FD_IOCTL, SIOCSIFMTU, &ifr);
}

static void
f_ioctl_fionread(const struct sbx *e)
{
	int n;

	(void)e;
	(void)ioctl(ACT_FD_IOCTL, FIONREAD, &n);
}

static void
f_ioctl_tiocsti(const struct sbx *e)
{
	char c = 'x';

	(void)e;
	(void)ioctl(ACT_FD_IOCTL, TIOCSTI, &c);
}

static void
vlan_get_args(struct vlan_ioctl_args *a)
{
	memset(a, 0, sizeof(*a));
	a->cmd = GET_VLAN_VID_CMD;
	strcpy(a->device1, "fcoenosuch0");
}

static void
f_ioctl_vlan_fd5(const struct sbx *e)
{
	struct vlan_ioctl_args a;

	(void)e;
	vlan_get_args(&a);
	(void)ioctl(ACT_FD_LLDPAD, SIOCSIFVLAN, &a);
}

static void
f_ioctl_vlan_fd3(const struct sbx *e)
{
	struct vlan_ioctl_args a;

	(void)e;
	vlan_get_args(&a);
	(void)ioctl(ACT_FD_IPC, SIOCSIFVLAN, &a);
}

/*
 * The interface-changing ioctls the VLAN operations used are gone with
 * them, even on fd 6: no VLAN add/delete, rename or flags change.
 */
static void
f_ioctl_vlan_add_fd6(const struct sbx *e)
{
	struct vlan_ioctl_args a;

	(void)e;
	vlan_get_args(&a);
	a.cmd = ADD_VLAN_CMD;
	a.u.VID = 100;
	(void)ioctl(ACT_FD_IOCTL, SIOCSIFVLAN, &a);
}

/* The FIP socket's filter is locked; seccomp forbids trying anyway. */
static void
f_fip_filter(const struct sbx *e)
{
	struct sock_fprog prog = { 0, NULL };

	(void)e;
	(void)setsockopt(ACT_FD_FIP, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
	    sizeof(prog));
}

static void
f_fip_detach(const struct sbx *e)
{
	int one = 1;

	(void)e;
	(void)setsockopt(ACT_FD_FIP, SOL_SOCKET, SO_DETACH_FILTER, &one,
	    sizeof(one));
}

/* Interface ioctls only on the ioctl socket. */
static void
f_fip_ioctl(const struct sbx *e)
{
	struct ifreq ifr;

	(void)e;
	memset(&ifr, 0, sizeof(ifr));
	(void)ioctl(ACT_FD_FIP, SIOCGIFHWADDR, &ifr);
}

static void
f_ioctl_rename_fd6(const struct sbx *e)
{
	struct ifreq ifr;

	(void)e;
	nosuch_ifr(&ifr);
	strcpy(ifr.ifr_newname, "fcoenosuch1");
	(void)ioctl(ACT_FD_IOCTL, SIOCSIFNAME, &ifr);
}

static void
f_ioctl_setflags_fd6(const struct sbx *e)
{
	struct ifreq ifr;

	(void)e;
	nosuch_ifr(&ifr);
	ifr.ifr_flags = IFF_UP;
	(void)ioctl(ACT_FD_IOCTL, SIOCSIFFLAGS, &ifr);
}

static void
f_ioctl_getflags_fd6(const struct sbx *e)
{
	struct ifreq ifr;

	(void)e;
	nosuch_ifr(&ifr);
	(void)ioctl(ACT_FD_IOCTL, SIOCGIFFLAGS, &ifr);
}

static void
f_ioctl_index_fd7(const struct sbx *e)
{
	struct ifreq ifr;

	(void)e;
	nosuch_ifr(&ifr);
	(void)ioctl(ACT_FD_LOG, SIOCGIFINDEX, &ifr);
}

/* The kernel would truncate the request number to 32 bits. */
static void
f_ioctl_vlan_highbits(const struct sbx *e)
{
	struct vlan_ioctl_args a;

	(void)e;
	vlan_get_args(&a);
	syscall(SYS_ioctl, ACT_FD_IOCTL, 0xffffffff00000000UL | SIOCSIFVLAN,
	    &a);
}

static void
f_ioctl_index_highbits(const struct sbx *e)
{
	struct ifreq ifr;

	(void)e;
	nosuch_ifr(&ifr);
	syscall(SYS_ioctl, ACT_FD_IOCTL, (1UL << 32) | SIOCGIFINDEX, &ifr);
}

/* ... and the fd number with high bits (the kernel takes an int). */
static void
f_ioctl_fd_highbits(const struct sbx *e)
{
	struct ifreq ifr;

	(void)e;
	nosuch_ifr(&ifr);
	syscall(SYS_ioctl, (1UL << 32) | ACT_FD_IOCTL, SIOCGIFINDEX, &ifr);
}

static void
f_open_rdwr(const struct sbx *e)
{
	(void)open(e->file, O_RDWR);
}

static void
f_open_creat(const struct sbx *e)
{
	(void)open(e->newfile, O_WRONLY | O_CREAT, 0600);
}

static void
f_open_trunc(const struct sbx *e)
{
	(void)open(e->file, O_WRONLY | O_TRUNC);
}

static void
f_open_rdonly(const struct sbx *e)
{
	(void)open(e->file, O_RDONLY);
}

static void
f_openat_rdonly(const struct sbx *e)
{
	(void)openat(AT_FDCWD, e->file, O_RDONLY | O_CLOEXEC);
}

static void
f_open_append(const struct sbx *e)
{
	(void)open(e->file, O_WRONLY | O_APPEND);
}

static void
f_open_tmpfile(const struct sbx *e)
{
	(void)open(e->dir, O_WRONLY | O_TMPFILE, 0600);
}

static void
f_open_accmode3(const struct sbx *e)
{
	(void)open(e->file, O_ACCMODE);
}

static void
f_open_path(const struct sbx *e)
{
	(void)open(e->file, O_PATH);
}

static void
f_open_rdonly_dir_creat(const struct sbx *e)
{
	(void)open(e->newfile, O_RDONLY | O_DIRECTORY | O_CREAT, 0600);
}

#ifdef SYS_open
static void
f_sys_open_rdwr(const struct sbx *e)
{
	syscall(SYS_open, e->file, O_RDWR);
}
#endif

#ifdef SYS_creat
static void
f_sys_creat(const struct sbx *e)
{
	syscall(SYS_creat, e->newfile, 0600);
}
#endif

/* openat2 takes its flags by pointer: seccomp cannot check them. */
static void
f_openat2(const struct sbx *e)
{
	struct { uint64_t flags, mode, resolve; } how = { O_WRONLY, 0, 0 };

	syscall(SYS_openat2, AT_FDCWD, e->file, &how, sizeof(how));
}

static void
f_truncate(const struct sbx *e)
{
	(void)!truncate(e->file, 0);
}

static void
f_unlink(const struct sbx *e)
{
	(void)unlinkat(AT_FDCWD, e->file, 0);
}

static void
f_rename(const struct sbx *e)
{
	(void)renameat(AT_FDCWD, e->file, AT_FDCWD, e->newfile);
}

static void
f_symlink(const struct sbx *e)
{
	(void)!symlinkat("/etc/passwd", AT_FDCWD, e->newfile);
}

static void
f_chmod(const struct sbx *e)
{
	(void)!fchmodat(AT_FDCWD, e->file, 0666, 0);
}

static void
f_mmap_exec(const struct sbx *e)
{
	(void)e;
	(void)mmap(NULL, 4096, PROT_READ | PROT_EXEC,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static void
f_mmap_rwx(const struct sbx *e)
{
	(void)e;
	(void)mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static void
f_mprotect_exec(const struct sbx *e)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)e;
	if (p == MAP_FAILED)
		_exit(EXIT_SETUP);
	(void)mprotect(p, 4096, PROT_READ | PROT_EXEC);
}

static void
f_pkey_mprotect_exec(const struct sbx *e)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)e;
	if (p == MAP_FAILED)
		_exit(EXIT_SETUP);
	syscall(SYS_pkey_mprotect, p, 4096, PROT_READ | PROT_EXEC, -1);
}

static void
f_setuid0(const struct sbx *e)
{
	(void)e;
	syscall(SYS_setuid, 0);
}

static void
f_setresuid(const struct sbx *e)
{
	(void)e;
	syscall(SYS_setresuid, -1, -1, -1);
}

static void
f_setgroups(const struct sbx *e)
{
	(void)e;
	syscall(SYS_setgroups, 0, NULL);
}

static void
f_capset(const struct sbx *e)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	(void)e;
	memset(d, 0, sizeof(d));
	syscall(SYS_capset, &h, d);
}

static void
f_prctl_caps(const struct sbx *e)
{
	(void)e;
	(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
}

static void
f_fork(const struct sbx *e)
{
	(void)e;
	if (fork() == 0)
		_exit(0);
}

static void
f_vfork(const struct sbx *e)
{
	(void)e;
	if (vfork() == 0)
		_exit(0);
}

static void
f_clone(const struct sbx *e)
{
	long r;

	(void)e;
	r = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (r == 0)
		syscall(SYS_exit, 0);
}

/* clone3 may also be answered with ENOSYS: that is safe too (exit 77). */
static void
f_clone3(const struct sbx *e)
{
	struct clone_args a;
	long r;

	(void)e;
	memset(&a, 0, sizeof(a));
	a.exit_signal = SIGCHLD;
	r = syscall(SYS_clone3, &a, sizeof(a));
	if (r == 0)
		syscall(SYS_exit, 0);
	if (r == -1 && errno == ENOSYS)
		_exit(77);
}

static void
f_unshare(const struct sbx *e)
{
	(void)e;
	(void)unshare(0);
}

static void
f_setns(const struct sbx *e)
{
	(void)e;
	(void)setns(-1, 0);
}

static void
f_mount(const struct sbx *e)
{
	(void)mount("none", e->dir, "fcoenosuchfs", 0, NULL);
}

static void
f_chroot(const struct sbx *e)
{
	(void)e;
	(void)!chroot("/fcoemond-nonexistent");
}

static void
f_bpf(const struct sbx *e)
{
	(void)e;
	syscall(SYS_bpf, -1, NULL, 0);
}

static void
f_io_uring(const struct sbx *e)
{
	(void)e;
	syscall(SYS_io_uring_setup, 0, NULL);
}

static void
f_memfd(const struct sbx *e)
{
	(void)e;
	syscall(SYS_memfd_create, "x", 0);
}

static void
f_process_vm_writev(const struct sbx *e)
{
	syscall(SYS_process_vm_writev, e->ppid, NULL, 0, NULL, 0, 0);
}

static void
f_init_module(const struct sbx *e)
{
	(void)e;
	syscall(SYS_init_module, NULL, 0, "");
}

static void
f_read(const struct sbx *e)
{
	char c;

	(void)e;
	(void)!read(ACT_FD_LOG, &c, 1);
}

/* CAP_KILL's one use is SIGKILL through the monitor's pidfd (fd 11). */
static void
f_pidfd_sigterm(const struct sbx *e)
{
	(void)e;
	(void)syscall(SYS_pidfd_send_signal, ACT_FD_PIDFD, SIGTERM, NULL, 0);
}

static void
f_pidfd_other_fd(const struct sbx *e)
{
	(void)e;
	(void)syscall(SYS_pidfd_send_signal, ACT_FD_IPC, SIGKILL, NULL, 0);
}

/* sendto and connect only on the lldpad, log and request sockets. */
static void
f_sendto_other_fd(const struct sbx *e)
{
	(void)e;
	(void)sendto(ACT_FD_IOCTL, "x", 1, MSG_DONTWAIT, NULL, 0);
}

static void
f_connect_other_fd(const struct sbx *e)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	(void)e;
	(void)connect(ACT_FD_IOCTL, (struct sockaddr *)&a, sizeof(a));
}

static void
f_recvmsg_other_fd(const struct sbx *e)
{
	char c;
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

	(void)e;
	(void)recvmsg(ACT_FD_LLDPAD, &m, MSG_DONTWAIT);
}

static void
f_dup2(const struct sbx *e)
{
	(void)e;
	(void)dup2(ACT_FD_LLDPAD, ACT_FD_IPC);
}

static void
f_getppid(const struct sbx *e)
{
	(void)e;
	(void)getppid();
}

#ifdef __x86_64__
/* x32 ABI: the same kernel entry with bit 30 set. */
static void
f_x32_getpid(const struct sbx *e)
{
	(void)e;
	syscall(0x40000000 | SYS_getpid);
}

static long
int80_getpid(void)
{
	long r;

	__asm__ volatile ("int $0x80" : "=a" (r) : "a" (20L) :
	    "memory", "r8", "r9", "r10", "r11");
	return r;
}

/* i386 ABI through int 0x80 (skipped where ia32 emulation is off). */
static void
f_i386_getpid(const struct sbx *e)
{
	(void)e;
	(void)int80_getpid();
}
#endif

struct forbidden {
	const char *name;
	sbx_fn fn;
	const char *call;	/* what trap mode must name; NULL: other arch */
};

static const struct forbidden forbidden[] = {
	{ "execve", f_execve, "execve" },
	{ "execveat", f_execveat, "execveat" },
	{ "ptrace", f_ptrace, "ptrace" },
	{ "kill(getppid(), 0)", f_kill_parent, "kill" },
	{ "kill(-1, 0)", f_kill_all, "kill" },
	{ "tgkill(parent)", f_tgkill_parent, "tgkill" },
	{ "socket(AF_INET)", f_socket_inet, "socket" },
	{ "socket(AF_INET6)", f_socket_inet6, "socket" },
	{ "socket(AF_NETLINK)", f_socket_netlink, "socket" },
	{ "socket(AF_PACKET)", f_socket_packet, "socket" },
	{ "ioctl(6, SIOCSIFMTU)", f_ioctl_mtu, "ioctl" },
	{ "ioctl(6, FIONREAD)", f_ioctl_fionread, "ioctl" },
	{ "ioctl(6, TIOCSTI)", f_ioctl_tiocsti, "ioctl" },
	{ "ioctl(5, SIOCSIFVLAN)", f_ioctl_vlan_fd5, "ioctl" },
	{ "ioctl(3, SIOCSIFVLAN)", f_ioctl_vlan_fd3, "ioctl" },
	{ "ioctl(6, SIOCSIFVLAN ADD)", f_ioctl_vlan_add_fd6, "ioctl" },
	{ "setsockopt(15, SO_ATTACH_FILTER)", f_fip_filter, "setsockopt" },
	{ "setsockopt(15, SO_DETACH_FILTER)", f_fip_detach, "setsockopt" },
	{ "ioctl(15, SIOCGIFHWADDR)", f_fip_ioctl, "ioctl" },
	{ "ioctl(6, SIOCSIFNAME)", f_ioctl_rename_fd6, "ioctl" },
	{ "ioctl(6, SIOCSIFFLAGS)", f_ioctl_setflags_fd6, "ioctl" },
	{ "ioctl(6, SIOCGIFFLAGS)", f_ioctl_getflags_fd6, "ioctl" },
	{ "ioctl(7, SIOCGIFINDEX)", f_ioctl_index_fd7, "ioctl" },
	{ "ioctl(6, 0xffffffff00000000|SIOCSIFVLAN)", f_ioctl_vlan_highbits,
	    "ioctl" },
	{ "ioctl(6, 1<<32|SIOCGIFINDEX)", f_ioctl_index_highbits, "ioctl" },
	{ "ioctl(1<<32|6, SIOCGIFINDEX)", f_ioctl_fd_highbits, "ioctl" },
	{ "open(O_RDWR)", f_open_rdwr, "openat" },
	{ "open(O_WRONLY|O_CREAT)", f_open_creat, "openat" },
	{ "open(O_WRONLY|O_TRUNC)", f_open_trunc, "openat" },
	{ "open(O_RDONLY) regular file", f_open_rdonly, "openat" },
	{ "openat(O_RDONLY|O_CLOEXEC) regular file", f_openat_rdonly,
	    "openat" },
	{ "open(O_WRONLY|O_APPEND)", f_open_append, "openat" },
	{ "open(O_WRONLY|O_TMPFILE)", f_open_tmpfile, "openat" },
	{ "open(O_ACCMODE)", f_open_accmode3, "openat" },
	{ "open(O_PATH)", f_open_path, "openat" },
	{ "open(O_RDONLY|O_DIRECTORY|O_CREAT)", f_open_rdonly_dir_creat,
	    "openat" },
#ifdef SYS_open
	{ "SYS_open(O_RDWR)", f_sys_open_rdwr, "open" },
#endif
#ifdef SYS_creat
	{ "SYS_creat", f_sys_creat, "creat" },
#endif
	{ "openat2(O_WRONLY)", f_openat2, "openat2" },
	{ "truncate", f_truncate, "truncate" },
	{ "unlinkat", f_unlink, "unlinkat" },
	{ "renameat", f_rename, "renameat" },
	{ "symlinkat", f_symlink, "symlinkat" },
	{ "fchmodat", f_chmod, "fchmodat" },
	{ "mmap(PROT_EXEC)", f_mmap_exec, "mmap" },
	{ "mmap(PROT_READ|PROT_WRITE|PROT_EXEC)", f_mmap_rwx, "mmap" },
	{ "mprotect(+PROT_EXEC)", f_mprotect_exec, "mprotect" },
	{ "pkey_mprotect(+PROT_EXEC)", f_pkey_mprotect_exec, "pkey_mprotect" },
	{ "setuid(0)", f_setuid0, "setuid" },
	{ "setresuid", f_setresuid, "setresuid" },
	{ "setgroups", f_setgroups, "setgroups" },
	{ "capset", f_capset, "capset" },
	{ "prctl(PR_CAP_AMBIENT)", f_prctl_caps, "prctl" },
	{ "fork", f_fork, "clone" },
	{ "vfork", f_vfork, "vfork" },
	{ "clone", f_clone, "clone" },
	{ "clone3", f_clone3, "clone3" },
	{ "unshare", f_unshare, "unshare" },
	{ "setns", f_setns, "setns" },
	{ "mount", f_mount, "mount" },
	{ "chroot", f_chroot, "chroot" },
	{ "bpf", f_bpf, "bpf" },
	{ "io_uring_setup", f_io_uring, "io_uring_setup" },
	{ "memfd_create", f_memfd, "memfd_create" },
	{ "process_vm_writev", f_process_vm_writev, "process_vm_writev" },
	{ "init_module", f_init_module, "init_module" },
	{ "read", f_read, "read" },
	{ "recvmsg(5)", f_recvmsg_other_fd, "recvmsg" },
	{ "pidfd_send_signal(11, SIGTERM)", f_pidfd_sigterm,
	    "pidfd_send_signal" },
	{ "pidfd_send_signal(3, SIGKILL)", f_pidfd_other_fd,
	    "pidfd_send_signal" },
	{ "sendto(6)", f_sendto_other_fd, "sendto" },
	{ "connect(6)", f_connect_other_fd, "connect" },
	{ "dup2", f_dup2, "dup2" },
	{ "getppid", f_getppid, "getppid" },
#ifdef __x86_64__
	{ "x32 getpid", f_x32_getpid, NULL },
	{ "i386 int 0x80 getpid", f_i386_getpid, NULL },
#endif
};

#define NFORBIDDEN	((int)(sizeof(forbidden) / sizeof(forbidden[0])))

#ifdef __x86_64__
/* Without the filter: does int 0x80 reach the kernel's ia32 entry? */
static int
ia32_available(void)
{
	pid_t p;
	int st;

	fflush(NULL);
	if ((p = fork()) == 0) {
		child_common();
		_exit(int80_getpid() == getpid() ? 0 : 1);
	}
	return waitpid(p, &st, 0) == p && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0;
}
#endif

START_TEST(forbidden_call_dies)
{
	const struct forbidden *f = &forbidden[_i];
	char what[96];
	int st;

#ifdef __x86_64__
	if (f->fn == f_i386_getpid && !ia32_available()) {
		skip("int 0x80: this kernel has no ia32 emulation");
		return;
	}
#endif
	sbx_setup();
	st = run_filtered(FCP_SC_KILL, f->fn);
	sbx_cleanup();
	describe(st, what, sizeof(what));
	if (f->fn == f_clone3 && WIFEXITED(st) && WEXITSTATUS(st) == 77)
		return;		/* ENOSYS: glibc falls back, nothing made */
	ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS,
	    "%s under the actuator filter: %s, expected SIGSYS", f->name,
	    what);
}
END_TEST

/*
 * The SIGSYS came from the call under test, not from some helper before it:
 * trap mode names it.  (Foreign-architecture calls are killed in every
 * mode, so they are not named.)
 */
START_TEST(forbidden_call_is_named)
{
	const struct forbidden *f = &forbidden[_i];
	char want[96];
	const char *got;

	if (f->call == NULL)
		return;
	sbx_setup();
	got = which_call(f->fn, NULL);
	sbx_cleanup();
	if (f->fn == f_clone3 && got[0] == '\0')
		return;		/* answered ENOSYS, see above */
	snprintf(want, sizeof(want), "system call %s", f->call);
	ck_assert_msg(strstr(got, want) != NULL && strlen(strstr(got, want)) ==
	    strlen(want), "%s: trap mode said '%s', expected the call '%s'",
	    f->name, got, f->call);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The allowed set: the pieces of a request, each with production code. */

enum {
	A_IFINDEX = 10, A_IF_EXISTS, A_IF_MISSING, A_RECV, A_FRAME,
	A_VALIDATE, A_CHAN_SEND, A_SENDMSG, A_SYSFS_WRITE, A_SYSFS_NOENT,
	A_OPEN_WRITE, A_OPENDIR, A_KIF_CTLR, A_KIF_DETECT, A_MALLOC,
	A_CLOCK, A_GETPID, A_LLDPAD_SEND, A_SEND_LOG, A_POLL, A_SLEEP,
	A_STDERR,
};

static void
a_cycle(const struct sbx *e)
{
	unsigned char buf[FCP_MAX_MSG + 1];
	struct fcp_lldpad_send q;
	struct ifreq ifr;
	struct timespec ts, nap = { 0, 1000000 };
	struct pollfd pfd = { ACT_FD_IPC, POLLIN, 0 };
	struct dirent *de;
	struct iovec iov;
	struct msghdr mh;
	char name[32], x = 'x', *m;
	ssize_t n;
	int err, fd, found = 0;
	DIR *d;

	/* the interface ioctls on fd 6 */
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(ACT_FD_IOCTL, SIOCGIFINDEX, &ifr) != 0 ||
	    ifr.ifr_ifindex <= 0)
		_exit(A_IFINDEX);
	if (if_exists("lo") != 0)
		_exit(A_IF_EXISTS);
	if (if_exists("fcoenosuch0") != ENODEV)
		_exit(A_IF_MISSING);
	/* one request in on fd 3, through the production channel code */
	if (poll(&pfd, 1, 2000) != 1)
		_exit(A_POLL);
	n = chan_recv(ACT_FD_IPC, buf, sizeof(buf), &err);
	if (n < 0 || err != CHAN_OK)
		_exit(A_RECV);
	if (fcp_check_request(buf, (size_t)n) != FCP_FRAME_OK)
		_exit(A_FRAME);
	if (fcp_validate(FCP_LLDPAD_SEND, buf + sizeof(struct fcp_hdr)) != 0)
		_exit(A_VALIDATE);
	memcpy(&q, buf + sizeof(struct fcp_hdr), sizeof(q));
	/* the lldpad query, sent by the production op on fd 5 */
	if (op_lldpad_send(&q, NULL, name, sizeof(name)) != 0)
		_exit(A_LLDPAD_SEND);
	if (chan_send(ACT_FD_IPC, FCP_LLDPAD_SEND | FCP_REPLY, 1, 0, NULL,
	    0) != 0)
		_exit(A_CHAN_SEND);
	/* a raw sendmsg on fd 3 too */
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = &x;
	iov.iov_len = 1;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (sendmsg(ACT_FD_IPC, &mh, MSG_NOSIGNAL) != 1)
		_exit(A_SENDMSG);
	/* sysfs-style writes: bare string, O_WRONLY, no create/truncate */
	if (sysfs_write(e->file, "1") != 0)
		_exit(A_SYSFS_WRITE);
	if (sysfs_write(e->newfile, "1") != ENOENT)
		_exit(A_SYSFS_NOENT);
	fd = open(e->file, O_WRONLY | O_CLOEXEC);
	if (fd == -1 || write(fd, "Z", 1) != 1 || close(fd) != 0)
		_exit(A_OPEN_WRITE);
	/* directory listing */
	if ((d = opendir(e->dir)) == NULL)
		_exit(A_OPENDIR);
	while ((de = readdir(d)) != NULL)
		found |= strcmp(de->d_name, "attr") == 0;
	closedir(d);
	if (!found)
		_exit(A_OPENDIR);
	if (kif_ctlr("lo", name, sizeof(name)) != ENOENT)
		_exit(A_KIF_CTLR);
	err = kif_detect("");
	if (err < FCP_KIF_NONE || err > FCP_KIF_LIBFCOE)
		_exit(A_KIF_DETECT);
	/* memory, clocks, pid */
	if ((m = malloc(1 << 20)) == NULL)
		_exit(A_MALLOC);
	memset(m, 0x5a, 1 << 20);
	free(m);
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0 ||
	    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) != 0 ||
	    clock_gettime(CLOCK_REALTIME, &ts) != 0)
		_exit(A_CLOCK);
	if (getpid() <= 0)
		_exit(A_GETPID);
	if (clock_nanosleep(CLOCK_MONOTONIC, 0, &nap, NULL) != 0)
		_exit(A_SLEEP);
	/* a datagram on the log socket */
	if (send(ACT_FD_LOG, "<86>x", 5, MSG_NOSIGNAL | MSG_DONTWAIT) != 5)
		_exit(A_SEND_LOG);
	/* stderr (write and writev) */
	if (write(2, "", 0) != 0)
		_exit(A_STDERR);
	/* lldpad reconnect (last: it re-points fd 5); any answer will do */
	(void)op_lldpad_connect(NULL, NULL, name, sizeof(name));
}

static const char *
cycle_step(int code)
{
	static const char *const s[] = { "SIOCGIFINDEX(lo) on fd 6",
	    "if_exists(lo)", "if_exists(missing) != ENODEV", "chan_recv",
	    "fcp_check_request", "fcp_validate", "chan_send", "sendmsg",
	    "sysfs_write", "sysfs_write(missing) != ENOENT",
	    "open O_WRONLY+write+close", "opendir/readdir", "kif_ctlr(lo)",
	    "kif_detect", "malloc 1 MiB", "clock_gettime", "getpid",
	    "op_lldpad_send", "send on fd 7", "poll", "clock_nanosleep",
	    "write(2)" };

	if (code >= A_IFINDEX && code < A_IFINDEX + (int)(sizeof(s) /
	    sizeof(s[0])))
		return s[code - A_IFINDEX];
	return "?";
}

static unsigned char cycle_frame[64];
static size_t cycle_frame_len;

static void
send_cycle_frame(void)
{
	ck_assert_int_eq(send(E.ipc[1], cycle_frame, cycle_frame_len, 0),
	    (ssize_t)cycle_frame_len);
}

START_TEST(allowed_request_cycle)
{
	struct fcp_lldpad_send q;
	unsigned char frame[64], rep[64];
	struct fcp_hdr h = { FCP_MAGIC, FCP_VERSION, FCP_LLDPAD_SEND, 1,
	    sizeof(q), 0, 0 };
	char what[96], got[64], content[8];
	ssize_t n;
	int st, fd;

	sbx_setup();
	memset(&q, 0, sizeof(q));
	q.kind = FCP_LQ_DCB_STATE;
	memcpy(q.ifname, "eth2", 4);
	memcpy(frame, &h, sizeof(h));
	memcpy(frame + sizeof(h), &q, sizeof(q));
	cycle_frame_len = sizeof(h) + sizeof(q);
	memcpy(cycle_frame, frame, cycle_frame_len);
	send_cycle_frame();

	st = run_filtered(FCP_SC_KILL, a_cycle);
	describe(st, what, sizeof(what));
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "allowed request cycle under the filter: %s (%s)", what,
	    WIFEXITED(st) ? cycle_step(WEXITSTATUS(st)) :
	    which_call(a_cycle, send_cycle_frame));

	/* what it sent: the reply, the raw byte, the query, the record */
	n = recv(E.ipc[1], rep, sizeof(rep), MSG_DONTWAIT);
	ck_assert_int_eq(n, 24);
	ck_assert_int_eq(fcp_check_reply(rep, (size_t)n, FCP_LLDPAD_SEND, 1),
	    FCP_FRAME_OK);
	ck_assert_int_eq(recv(E.ipc[1], rep, sizeof(rep), MSG_DONTWAIT), 1);
	n = recv(E.lldpad[1], got, sizeof(got), MSG_DONTWAIT);
	ck_assert_int_eq(n, 14);
	ck_assert_int_eq(memcmp(got, "C301010004eth2", 14), 0);
	n = recv(E.logp[1], got, sizeof(got), MSG_DONTWAIT);
	ck_assert_int_eq(n, 5);
	/* the file: "abc" -> "1bc" by sysfs_write, then "Zbc" */
	fd = open(E.file, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	n = read(fd, content, sizeof(content));
	close(fd);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(memcmp(content, "Zbc", 3), 0);
	ck_assert_int_eq(access(E.newfile, F_OK), -1);
	sbx_cleanup();
}
END_TEST

/* ------------------------------------------------------------------ */
/* The production serve() loop under the filter, in private namespaces. */

struct logsink {
	int fd;
	char dir[64];
};

/*
 * This test process (check forked it for this test alone) gets its own
 * mount and network namespace: /dev becomes a tmpfs holding our /dev/log
 * receiver, so audit_open() connects to it; the network has only lo.
 */
static int
private_namespaces(struct logsink *ls, char *why, size_t whysz)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	if (geteuid() != 0)
		return snprintf(why, whysz, "needs root (mount namespace)"), -1;
	if (unshare(CLONE_NEWNS | CLONE_NEWNET) == -1)
		return snprintf(why, whysz, "unshare: %s", strerror(errno)), -1;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1)
		return snprintf(why, whysz, "make / private: %s",
		    strerror(errno)), -1;
	/* room for every record of a test on /dev/log (default 10) */
	{
		int fd = open("/proc/sys/net/unix/max_dgram_qlen", O_WRONLY);

		if (fd >= 0) {
			(void)!write(fd, "256", 3);
			close(fd);
		}
	}
	if (mount("fcoemond-test", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC,
	    "mode=0755,size=64k") == -1)
		return snprintf(why, whysz, "tmpfs on /dev: %s",
		    strerror(errno)), -1;
	ls->fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	strcpy(a.sun_path, "/dev/log");
	if (ls->fd == -1 || bind(ls->fd, (struct sockaddr *)&a,
	    sizeof(a)) == -1)
		return snprintf(why, whysz, "bind /dev/log: %s",
		    strerror(errno)), -1;
	return 0;
}

/* Receive log datagrams until one contains needle (or 3 s pass). */
static int
log_wait(int fd, const char *needle, char *last, size_t lastsz)
{
	struct pollfd p = { fd, POLLIN, 0 };
	char buf[1100];
	ssize_t n;

	while (poll(&p, 1, 3000) == 1) {
		n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		snprintf(last, lastsz, "%s", buf);
		if (strstr(buf, needle) != NULL)
			return 1;
	}
	return 0;
}

static pid_t serve_pid;

static pid_t
start_serve(enum fcp_seccomp mode, int monitor_status)
{
	pid_t p;

	fflush(NULL);
	p = fork();
	ck_assert_int_ne(p, -1);
	if (p == 0) {
		struct fcp_hello_rep hello;
		pid_t mon;

		child_common();
		if (place_fds(&E) != 0)
			_exit(EXIT_SETUP);
		/* fd 4 busy as in the actuator, so the log socket lands on 7 */
		close(ACT_FD_LOG);
		if (dup2(ACT_FD_IPC, ACT_FD_CHILD) != ACT_FD_CHILD ||
		    audit_open() != ACT_FD_LOG)
			_exit(EXIT_SETUP);
		close(ACT_FD_CHILD);
		/* the "monitor": a child that exits with a known status */
		if ((mon = fork()) == 0)
			_exit(monitor_status);
		if (mon == -1)
			_exit(EXIT_SETUP);
		memset(&hello, 0, sizeof(hello));
		hello.version = FCP_VERSION;
		hello.seccomp = mode;
		act_set_kif(-1);
		act_set_hello(&hello);
		relay_setup();	/* as main() does: before the sandbox */
		if (seccomp_actuator(mode, TRAP_FD) != 0)
			_exit(EXIT_SETUP);
		_exit(serve(mon));
	}
	close(E.trap[1]);
	E.trap[1] = -1;
	serve_pid = p;
	return p;
}

static void
req(unsigned type, uint32_t seq, const void *pl, size_t len)
{
	unsigned char b[FCP_MAX_MSG];
	struct fcp_hdr h = { FCP_MAGIC, FCP_VERSION, (uint16_t)type, seq,
	    (uint32_t)len, 0, 0 };

	memcpy(b, &h, sizeof(h));
	if (len)
		memcpy(b + sizeof(h), pl, len);
	ck_assert_int_eq(send(E.ipc[1], b, sizeof(h) + len, MSG_NOSIGNAL),
	    (ssize_t)(sizeof(h) + len));
}

/* The reply to (type, seq): its status; fails the test on a bad frame. */
static int
reply(unsigned type, uint32_t seq, void *pl, size_t plsz)
{
	struct pollfd p = { E.ipc[1], POLLIN, 0 };
	unsigned char b[FCP_MAX_MSG];
	struct fcp_hdr h;
	ssize_t n;

	if (poll(&p, 1, 5000) != 1) {
		char what[96] = "still running";
		int st;

		if (serve_pid > 0 && waitpid(serve_pid, &st, WNOHANG) ==
		    serve_pid)
			describe(st, what, sizeof(what));
		ck_abort_msg("no reply to type %u seq %u; actuator: %s", type,
		    seq, what);
	}
	n = recv(E.ipc[1], b, sizeof(b), 0);
	ck_assert_msg(n >= 24, "reply to type %u seq %u: recv %zd (%s)", type,
	    seq, n, n < 0 ? strerror(errno) : "short or EOF");
	ck_assert_int_eq(fcp_check_reply(b, (size_t)n, type, seq),
	    FCP_FRAME_OK);
	memcpy(&h, b, sizeof(h));
	if (pl != NULL)
		memcpy(pl, b + sizeof(h), plsz < h.len ? plsz : h.len);
	return h.status;
}

static void
ifreq_pl(struct fcp_ifreq *r, const char *name)
{
	memset(r, 0, sizeof(*r));
	strncpy(r->ifname, name, sizeof(r->ifname) - 1);
}

START_TEST(allowed_serve_loop)
{
	struct logsink ls;
	struct fcp_hello hello = { FCP_VERSION, 0 };
	struct fcp_hello_rep hr;
	struct fcp_lldpad_send q;
	struct fcp_fcoe_create c;
	struct fcp_ifreq r;
	unsigned char b[FCP_MAX_MSG];
	char why[160], last[1100], what[96];
	pid_t p;
	int st, s;
	ssize_t n;

	if (private_namespaces(&ls, why, sizeof(why)) != 0) {
		skip(why);
		return;
	}
	sbx_setup();
	p = start_serve(FCP_SC_KILL, 7);

	req(FCP_HELLO, 1, &hello, sizeof(hello));
	ck_assert_int_eq(reply(FCP_HELLO, 1, &hr, sizeof(hr)), 0);
	ck_assert_uint_eq(hr.version, FCP_VERSION);
	ck_assert_uint_le(hr.kif, FCP_KIF_LIBFCOE);

	memset(&q, 0, sizeof(q));
	q.kind = FCP_LQ_APP_OPER;
	memcpy(q.ifname, "eth2", 4);
	req(FCP_LLDPAD_SEND, 2, &q, sizeof(q));
	ck_assert_int_eq(reply(FCP_LLDPAD_SEND, 2, NULL, 0), 0);
	n = recv(E.lldpad[1], b, sizeof(b), MSG_DONTWAIT);
	ck_assert_int_eq(n, 14);
	ck_assert_int_eq(memcmp(b, "C303050004eth2", 14), 0);

	/* a missing interface: ENODEV, nothing written */
	memset(&c, 0, sizeof(c));
	strcpy(c.ifname, "fcoenosuch0");
	req(FCP_FCOE_CREATE, 3, &c, sizeof(c));
	ck_assert_int_eq(reply(FCP_FCOE_CREATE, 3, NULL, 0), ENODEV);

	/* semantic rejection */
	c.mode = 7;
	req(FCP_FCOE_CREATE, 4, &c, sizeof(c));
	ck_assert_int_eq(reply(FCP_FCOE_CREATE, 4, NULL, 0), EINVAL);

	/* sysfs lookups under the filter: the kernel answers, not seccomp */
	ifreq_pl(&r, "lo");
	req(FCP_FCOE_SCAN, 5, &r, sizeof(r));
	s = reply(FCP_FCOE_SCAN, 5, NULL, 0);
	ck_assert_msg(s == ENOPKG || s == ENOENT, "scan on lo: %d", s);
	req(FCP_FCOE_RESET, 6, &r, sizeof(r));
	s = reply(FCP_FCOE_RESET, 6, NULL, 0);
	ck_assert_msg(s == ENOPKG || s == ENOENT, "reset on lo: %d", s);
	ifreq_pl(&r, "lo.100-fcoe");
	req(FCP_FCOE_DESTROY, 7, &r, sizeof(r));
	ck_assert_int_eq(reply(FCP_FCOE_DESTROY, 7, NULL, 0), ENODEV);

	/* reconnect: the test's end holds lldpad's name (sbx_setup) but is
	 * fd 5's socketpair peer, so the private socket may not connect */
	req(FCP_LLDPAD_CONNECT, 8, NULL, 0);
	ck_assert_int_eq(reply(FCP_LLDPAD_CONNECT, 8, NULL, 0), EPERM);

	/* a relayed signal */
	ck_assert_int_eq(kill(p, SIGHUP), 0);
	ck_assert_int_eq(reply(0, 0, b, sizeof(struct fcp_signal)), 0);
	{
		struct fcp_signal sg;

		memcpy(&sg, b, sizeof(sg));
		ck_assert_uint_eq(sg.signo, SIGHUP);
	}
	ck_assert_msg(log_wait(ls.fd, "event=signal signo=1", last,
	    sizeof(last)), "no signal record; last: %s", last);

	/* the monitor hangs up: the actuator exits with its status */
	close(E.ipc[1]);
	E.ipc[1] = -1;
	ck_assert_int_eq(waitpid(p, &st, 0), p);
	describe(st, what, sizeof(what));
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 7,
	    "serve() under the filter: %s, expected exit 7", what);
	ck_assert_msg(log_wait(ls.fd, "event=peer_exit", last, sizeof(last)),
	    "no peer_exit record; last: %s", last);
	ck_assert_ptr_nonnull(strstr(last, "status=7"));
	sbx_cleanup();
}
END_TEST

/* A violation ends serve() with status 2 and a record, not with SIGSYS. */
START_TEST(violation_exit_under_filter)
{
	struct logsink ls;
	char why[160], last[1100], what[96];
	pid_t p;
	int st;

	if (private_namespaces(&ls, why, sizeof(why)) != 0) {
		skip(why);
		return;
	}
	sbx_setup();
	p = start_serve(FCP_SC_KILL, 0);
	req(FCP_LLDPAD_CONNECT, 1, NULL, 0);	/* not HELLO first */
	ck_assert_int_eq(waitpid(p, &st, 0), p);
	describe(st, what, sizeof(what));
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 2,
	    "violation under the filter: %s, expected exit 2", what);
	ck_assert_msg(log_wait(ls.fd, "reason=no_hello", last, sizeof(last)),
	    "no violation record; last: %s", last);
	ck_assert_ptr_nonnull(strstr(last, "<84>"));
	sbx_cleanup();
}
END_TEST

/* ------------------------------------------------------------------ */
/* Trap and log modes. */

static const struct { const char *name; sbx_fn fn; } trapped[] = {
	{ "ptrace", f_ptrace },
	{ "execve", f_execve },
	{ "socket", f_socket_inet },
	{ "kill", f_kill_parent },
	{ "ioctl", f_ioctl_fionread },
	{ "openat", f_open_rdwr },
	{ "mmap", f_mmap_exec },
};

START_TEST(trap_names_the_call)
{
	char out[512], what[96];
	ssize_t n, tot = 0;
	int st;

	sbx_setup();
	st = run_filtered(FCP_SC_TRAP, trapped[_i].fn);
	while (tot < (ssize_t)sizeof(out) - 1 &&
	    (n = read(E.trap[0], out + tot, sizeof(out) - 1 - (size_t)tot)) >
	    0)
		tot += n;
	out[tot] = '\0';
	sbx_cleanup();
	describe(st, what, sizeof(what));
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) != 0 &&
	    WEXITSTATUS(st) != EXIT_SETUP,
	    "trap mode, %s: %s, expected a non-zero exit", trapped[_i].name,
	    what);
	ck_assert_msg(strstr(out, trapped[_i].name) != NULL,
	    "trap mode did not name '%s' on the log fd: '%s'",
	    trapped[_i].name, out);
}
END_TEST

static void
l_forbidden_set(const struct sbx *e)
{
	int n, s;

	if (kill(e->ppid, 0) != 0)
		_exit(20);
	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		_exit(21);
	close(s);
	if (ioctl(ACT_FD_IOCTL, FIONREAD, &n) != 0)
		_exit(22);
	if ((s = open(e->file, O_RDONLY)) < 0)
		_exit(23);
	close(s);
	(void)getppid();
}

START_TEST(log_lets_calls_through)
{
	char what[96];
	int st;

	sbx_setup();
	st = run_filtered(FCP_SC_LOG, l_forbidden_set);
	sbx_cleanup();
	describe(st, what, sizeof(what));
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "log mode: %s, expected exit 0", what);
}
END_TEST

START_TEST(filter_available)
{
	ck_assert_msg(seccomp_available() >= 3,
	    "libseccomp API level %d: kill_process needs 3", seccomp_available());
}
END_TEST

START_TEST(dump_lists_rules)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	seccomp_dump(f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "kill"));
	ck_assert_ptr_nonnull(strstr(text, "ioctl"));
	ck_assert_ptr_nonnull(strstr(text, "openat"));
	ck_assert_ptr_null(strstr(text, "execve"));
	ck_assert_ptr_null(strstr(text, "ptrace"));
	free(text);
}
END_TEST

static Suite *
seccomp_suite(void)
{
	Suite *s = suite_create("seccomp");
	TCase *tc;

	tc = tcase_create("policy");
	tcase_add_test(tc, filter_available);
	tcase_add_test(tc, dump_lists_rules);
	suite_add_tcase(s, tc);

	tc = tcase_create("forbidden");
	tcase_add_loop_test(tc, forbidden_call_dies, 0, NFORBIDDEN);
	tcase_add_loop_test(tc, forbidden_call_is_named, 0, NFORBIDDEN);
	suite_add_tcase(s, tc);

	tc = tcase_create("allowed");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, allowed_request_cycle);
	tcase_add_test(tc, allowed_serve_loop);
	tcase_add_test(tc, violation_exit_under_filter);
	suite_add_tcase(s, tc);

	tc = tcase_create("modes");
	tcase_add_loop_test(tc, trap_names_the_call, 0,
	    (int)(sizeof(trapped) / sizeof(trapped[0])));
	tcase_add_test(tc, log_lets_calls_through);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(seccomp_suite());
}
