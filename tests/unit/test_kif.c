/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Unit tests (check): kernel FCoE interface detection and the sysfs side of
 * the FCoE operations (actuator/kif.c, actuator/op_fcoe.c).  Detection runs
 * on mkdtemp() trees; the fixed /sys paths are exercised in a private mount
 * and network namespace with tmpfs over /sys/{bus,module,class} (root).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proto/fcp.h"
#include "privsep/privsep.h"
#include "actuator/actuator.h"
#include "tests/unit/fakesys.h"
#include "tests/unit/check_main.h"

#define BUS_CREATE	"/sys/bus/fcoe/ctlr_create"
#define LIBFCOE_CREATE	"/sys/module/libfcoe/parameters/create"
/* The pre-2.6.39 fcoe module's parameters: present, but never used. */
#define FCOE_CREATE	"/sys/module/fcoe/parameters/create"

static char root[64];

static void
skip(const char *why)
{
	fprintf(stderr, "SKIP: %s\n", why);
}

static void
mkroot(void)
{
	snprintf(root, sizeof(root), "/tmp/fcoemond-kif.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
}

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(p);
}

static void
rmroot(void)
{
	(void)nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
rooted(const char *rel, const char *content)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s%s", root, rel);
	mkfile(p, content);
}

static void
unrooted(const char *rel)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s%s", root, rel);
	ck_assert_int_eq(unlink(p), 0);
}

/* ---- kif_detect(root) ---- */

START_TEST(detect_none)
{
	mkroot();
	ck_assert_int_eq(kif_detect(root), FCP_KIF_NONE);
	/* directories leading there are not enough */
	{
		char p[PATH_MAX];

		snprintf(p, sizeof(p), "%s/sys/bus/fcoe", root);
		mkdirs(p);
		snprintf(p, sizeof(p), "%s/sys/module/libfcoe/parameters",
		    root);
		mkdirs(p);
		snprintf(p, sizeof(p), "%s/sys/module/fcoe/parameters", root);
		mkdirs(p);
	}
	ck_assert_int_eq(kif_detect(root), FCP_KIF_NONE);
	/* neighbouring files are not the probe */
	rooted("/sys/bus/fcoe/ctlr_destroy", "");
	rooted("/sys/module/libfcoe/parameters/destroy", "");
	rooted("/sys/module/fcoe/parameters/create_vn2vn", "");
	ck_assert_int_eq(kif_detect(root), FCP_KIF_NONE);
	rmroot();
}
END_TEST

START_TEST(detect_each)
{
	mkroot();
	rooted(FCOE_CREATE, "");
	ck_assert_int_eq(kif_detect(root), FCP_KIF_NONE);
	unrooted(FCOE_CREATE);
	rooted(LIBFCOE_CREATE, "");
	ck_assert_int_eq(kif_detect(root), FCP_KIF_LIBFCOE);
	unrooted(LIBFCOE_CREATE);
	rooted(BUS_CREATE, "");
	ck_assert_int_eq(kif_detect(root), FCP_KIF_BUS);
	unrooted(BUS_CREATE);
	ck_assert_int_eq(kif_detect(root), FCP_KIF_NONE);
	rmroot();
}
END_TEST

START_TEST(detect_precedence)
{
	mkroot();
	rooted(FCOE_CREATE, "");
	rooted(LIBFCOE_CREATE, "");
	ck_assert_int_eq(kif_detect(root), FCP_KIF_LIBFCOE);
	rooted(BUS_CREATE, "");
	ck_assert_int_eq(kif_detect(root), FCP_KIF_BUS);	/* all three */
	unrooted(LIBFCOE_CREATE);
	ck_assert_int_eq(kif_detect(root), FCP_KIF_BUS);	/* bus + fcoe */
	unrooted(FCOE_CREATE);
	rooted(LIBFCOE_CREATE, "");
	ck_assert_int_eq(kif_detect(root), FCP_KIF_BUS);	/* bus+libfcoe */
	rmroot();
}
END_TEST

START_TEST(detect_real_root)
{
	int want = FCP_KIF_NONE;

	if (access(LIBFCOE_CREATE, F_OK) == 0)
		want = FCP_KIF_LIBFCOE;
	if (access(BUS_CREATE, F_OK) == 0)
		want = FCP_KIF_BUS;
	ck_assert_int_eq(kif_detect(""), want);
}
END_TEST

START_TEST(detect_mode_0200)
{
	/* the real files are root-owned 0200: existence is what counts */
	char p[PATH_MAX];

	mkroot();
	rooted(LIBFCOE_CREATE, "");
	snprintf(p, sizeof(p), "%s%s", root, LIBFCOE_CREATE);
	ck_assert_int_eq(chmod(p, 0200), 0);
	ck_assert_int_eq(kif_detect(root), FCP_KIF_LIBFCOE);
	ck_assert_int_eq(chmod(p, 0), 0);
	ck_assert_int_eq(kif_detect(root), FCP_KIF_LIBFCOE);
	rmroot();
}
END_TEST

/* ---- sysfs_write ---- */

START_TEST(write_bare_no_create_no_trunc)
{
	char p[PATH_MAX], q[PATH_MAX];

	mkroot();
	snprintf(p, sizeof(p), "%s/attr", root);
	mkfile(p, "");
	ck_assert_int_eq(sysfs_write(p, "eth0"), 0);
	ck_assert_str_eq(slurp(p), "eth0");		/* no newline */
	mkfile(p, "abcdef");
	ck_assert_int_eq(sysfs_write(p, "1"), 0);
	ck_assert_str_eq(slurp(p), "1bcdef");		/* no O_TRUNC */
	ck_assert_int_eq(sysfs_write(p, "- - -"), 0);
	ck_assert_str_eq(slurp(p), "- - -f");
	snprintf(q, sizeof(q), "%s/missing", root);
	ck_assert_int_eq(sysfs_write(q, "1"), ENOENT);	/* no O_CREAT */
	ck_assert_int_eq(access(q, F_OK), -1);
	ck_assert_int_eq(sysfs_write(root, "1"), EISDIR);
	/* symlinks are followed, as the fc_host/scsi_host links need */
	snprintf(q, sizeof(q), "%s/link", root);
	ck_assert_int_eq(symlink(p, q), 0);
	ck_assert_int_eq(sysfs_write(q, "VN2VN"), 0);
	ck_assert_str_eq(slurp(p), "VN2VNf");
	rmroot();
}
END_TEST

/* ---- if_exists (fd 6) ---- */

START_TEST(if_exists_ioctl)
{
	socket_at(ACT_FD_IOCTL, SOCK_DGRAM);
	ck_assert_int_eq(if_exists("lo"), 0);
	ck_assert_int_eq(if_exists("fcoenosuch0"), ENODEV);
}
END_TEST

/* ---- ctlr/host lookup under the fixed /sys/class/net ---- */

static int
fake_ns(void)
{
	char why[128];

	if (ns_private(why, sizeof(why)) != 0) {
		skip(why);
		return -1;
	}
	fake_sys();
	socket_at(ACT_FD_IOCTL, SOCK_DGRAM);
	act_set_kif(-1);
	return 0;
}

START_TEST(ctlr_and_host_lookup)
{
	char out[32];

	if (fake_ns() != 0)
		return;
	/* decoys first */
	mkdirs("/sys/class/net/eth0/ctlr_");
	mkdirs("/sys/class/net/eth0/ctlr_x");
	mkdirs("/sys/class/net/eth0/ctlr_1a");
	mkdirs("/sys/class/net/eth0/xctlr_3");
	mkfile("/sys/class/net/eth0/mtu", "1500");
	ck_assert_int_eq(kif_ctlr("eth0", out, sizeof(out)), ENOENT);
	ck_assert_int_eq(kif_ctlr("nosuch", out, sizeof(out)), ENOENT);
	mkdirs("/sys/class/net/eth0/ctlr_12/host");
	mkdirs("/sys/class/net/eth0/ctlr_12/hostx");
	mkdirs("/sys/class/net/eth0/ctlr_12/host_3");
	mkdirs("/sys/class/net/eth0/ctlr_12/scsi_host");
	ck_assert_int_eq(kif_ctlr("eth0", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "ctlr_12");
	ck_assert_int_eq(kif_host("eth0", out, sizeof(out)), ENOENT);
	mkdirs("/sys/class/net/eth0/ctlr_12/host7");
	ck_assert_int_eq(kif_host("eth0", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "host7");
	ck_assert_int_eq(kif_host("nosuch", out, sizeof(out)), ENOENT);
}
END_TEST

/* ---- the FCoE operations on each kernel interface ---- */

static void
bus_tree(void)
{
	mkfile("/sys/bus/fcoe/ctlr_create", "");
	mkfile("/sys/bus/fcoe/ctlr_destroy", "");
	mkfile("/sys/class/net/lo/ctlr_0/mode", "");
	mkfile("/sys/class/net/lo/ctlr_0/enabled", "0");
}

static void
param_tree(const char *mod)
{
	static const char *const p[] = { "create", "create_vn2vn", "destroy",
	    "enable", "disable" };
	char path[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		snprintf(path, sizeof(path), "/sys/module/%s/parameters/%s",
		    mod, p[i]);
		mkfile(path, "");
	}
}

static const char *
param(const char *mod, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/module/%s/parameters/%s", mod,
	    name);
	return slurp(path);
}

/* The real kernel's links: class entries point into the ctlr directory. */
static void
host_tree(void)
{
	mkfile("/sys/class/net/lo/ctlr_0/host2/fc_host/host2/issue_lip", "");
	mkfile("/sys/class/net/lo/ctlr_0/host2/scsi_host/host2/scan", "");
	mkdirs("/sys/class/fc_host");
	mkdirs("/sys/class/scsi_host");
	ck_assert_int_eq(symlink("/sys/class/net/lo/ctlr_0/host2/fc_host/host2",
	    "/sys/class/fc_host/host2"), 0);
	ck_assert_int_eq(symlink(
	    "/sys/class/net/lo/ctlr_0/host2/scsi_host/host2",
	    "/sys/class/scsi_host/host2"), 0);
}

static struct fcp_fcoe_create
mkcreate(const char *name, unsigned mode)
{
	struct fcp_fcoe_create c;

	memset(&c, 0, sizeof(c));
	strncpy(c.ifname, name, sizeof(c.ifname) - 1);
	c.mode = (uint8_t)mode;
	return c;
}

static struct fcp_ifreq
mkifreq(const char *name)
{
	struct fcp_ifreq r;

	memset(&r, 0, sizeof(r));
	strncpy(r.ifname, name, sizeof(r.ifname) - 1);
	return r;
}

START_TEST(bus_ops)
{
	struct fcp_fcoe_create c;
	struct fcp_ifreq r = mkifreq("lo");
	char extra[2 * OBJ_MAX];

	if (fake_ns() != 0)
		return;
	bus_tree();
	c = mkcreate("lo", FCP_MODE_FABRIC);
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_create(&c, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_create"), "lo");
	ck_assert_str_eq(slurp("/sys/class/net/lo/ctlr_0/mode"), "");
	ck_assert_str_eq(slurp("/sys/class/net/lo/ctlr_0/enabled"), "1");
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_destroy"), "");
	ck_assert_ptr_nonnull(strstr(extra, "kif=bus"));
	ck_assert_ptr_nonnull(strstr(extra, "obj=ctlr_0"));

	bus_tree();
	c = mkcreate("lo", FCP_MODE_VN2VN);
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_create(&c, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(slurp("/sys/class/net/lo/ctlr_0/mode"), "VN2VN");
	ck_assert_str_eq(slurp("/sys/class/net/lo/ctlr_0/enabled"), "1");

	bus_tree();
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_destroy(&r, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_destroy"), "lo");
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_create"), "");

	bus_tree();
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_enable(&r, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(slurp("/sys/class/net/lo/ctlr_0/enabled"), "1");
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_disable(&r, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(slurp("/sys/class/net/lo/ctlr_0/enabled"), "0");
}
END_TEST

START_TEST(bus_create_rollback)
{
	struct fcp_fcoe_create c = mkcreate("lo", FCP_MODE_FABRIC);
	char extra[2 * OBJ_MAX];

	if (fake_ns() != 0)
		return;
	/* enabled cannot be written: the new instance is destroyed again */
	bus_tree();
	ck_assert_int_eq(unlink("/sys/class/net/lo/ctlr_0/enabled"), 0);
	mkdirs("/sys/class/net/lo/ctlr_0/enabled");
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_create(&c, NULL, extra, sizeof(extra)),
	    EISDIR);
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_create"), "lo");
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_destroy"), "lo");

	/* mode cannot be written: rollback, enabled untouched */
	ck_assert_int_eq(rmdir("/sys/class/net/lo/ctlr_0/enabled"), 0);
	bus_tree();
	ck_assert_int_eq(unlink("/sys/class/net/lo/ctlr_0/mode"), 0);
	c.mode = FCP_MODE_VN2VN;
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_create(&c, NULL, extra, sizeof(extra)),
	    ENOENT);
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_destroy"), "lo");
	ck_assert_str_eq(slurp("/sys/class/net/lo/ctlr_0/enabled"), "0");

	/* no ctlr_N appeared: ENOENT */
	c.mode = FCP_MODE_FABRIC;
	ck_assert_int_eq(unlink("/sys/class/net/lo/ctlr_0/enabled"), 0);
	ck_assert_int_eq(rmdir("/sys/class/net/lo/ctlr_0"), 0);
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_create(&c, NULL, extra, sizeof(extra)),
	    ENOENT);
}
END_TEST

static void
param_ops(const char *mod)
{
	struct fcp_fcoe_create c = mkcreate("lo", FCP_MODE_FABRIC);
	struct fcp_ifreq r = mkifreq("lo");
	char extra[2 * OBJ_MAX], want[32];

	param_tree(mod);
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_create(&c, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(param(mod, "create"), "lo");
	ck_assert_str_eq(param(mod, "create_vn2vn"), "");
	snprintf(want, sizeof(want), "kif=%s", mod);
	ck_assert_msg(strstr(extra, want) != NULL, "extra '%s'", extra);

	param_tree(mod);
	c.mode = FCP_MODE_VN2VN;
	ck_assert_int_eq(op_fcoe_create(&c, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(param(mod, "create_vn2vn"), "lo");
	ck_assert_str_eq(param(mod, "create"), "");

	param_tree(mod);
	ck_assert_int_eq(op_fcoe_destroy(&r, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(param(mod, "destroy"), "lo");
	ck_assert_int_eq(op_fcoe_enable(&r, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(param(mod, "enable"), "lo");
	ck_assert_int_eq(op_fcoe_disable(&r, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(param(mod, "disable"), "lo");
	ck_assert_str_eq(param(mod, "create"), "");
}

START_TEST(libfcoe_ops)
{
	if (fake_ns() != 0)
		return;
	param_ops("libfcoe");
}
END_TEST

/*
 * Only the old fcoe module's parameters: no kernel interface fcoemond
 * uses, so every operation is ENOPKG and nothing is written there.
 */
START_TEST(fcoe_module_is_not_used)
{
	struct fcp_fcoe_create c = mkcreate("lo", FCP_MODE_FABRIC);
	struct fcp_ifreq r = mkifreq("lo");
	char extra[2 * OBJ_MAX];

	if (fake_ns() != 0)
		return;
	param_tree("fcoe");
	act_set_kif(-1);
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_create(&c, NULL, extra, sizeof(extra)),
	    ENOPKG);
	ck_assert_ptr_nonnull(strstr(extra, "kif=none"));
	ck_assert_int_eq(op_fcoe_destroy(&r, NULL, extra, sizeof(extra)),
	    ENOPKG);
	ck_assert_int_eq(op_fcoe_enable(&r, NULL, extra, sizeof(extra)),
	    ENOPKG);
	ck_assert_int_eq(op_fcoe_disable(&r, NULL, extra, sizeof(extra)),
	    ENOPKG);
	ck_assert_str_eq(param("fcoe", "create"), "");
	ck_assert_str_eq(param("fcoe", "destroy"), "");
	ck_assert_str_eq(param("fcoe", "enable"), "");
	ck_assert_str_eq(param("fcoe", "disable"), "");
}
END_TEST

/* Forced libfcoe wins over a present bus (bus-less kernels, --legacy). */
START_TEST(forced_kif)
{
	struct fcp_fcoe_create c = mkcreate("lo", FCP_MODE_FABRIC);
	char extra[2 * OBJ_MAX];

	if (fake_ns() != 0)
		return;
	bus_tree();
	param_tree("libfcoe");
	act_set_kif(FCP_KIF_LIBFCOE);
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_create(&c, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(param("libfcoe", "create"), "lo");
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_create"), "");
	ck_assert_ptr_nonnull(strstr(extra, "kif=libfcoe"));
	act_set_kif(-1);
}
END_TEST

START_TEST(no_kif_no_interface)
{
	struct fcp_fcoe_create c = mkcreate("lo", FCP_MODE_FABRIC);
	struct fcp_ifreq gone = mkifreq("fcoenosuch0");
	char extra[2 * OBJ_MAX];

	if (fake_ns() != 0)
		return;
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_create(&c, NULL, extra, sizeof(extra)),
	    ENOPKG);
	ck_assert_ptr_nonnull(strstr(extra, "kif=none"));
	/* a missing interface is ENODEV before anything is written */
	bus_tree();
	c = mkcreate("fcoenosuch0", FCP_MODE_FABRIC);
	ck_assert_int_eq(op_fcoe_create(&c, NULL, extra, sizeof(extra)),
	    ENODEV);
	ck_assert_int_eq(op_fcoe_destroy(&gone, NULL, extra, sizeof(extra)),
	    ENODEV);
	ck_assert_int_eq(op_fcoe_enable(&gone, NULL, extra, sizeof(extra)),
	    ENODEV);
	ck_assert_int_eq(op_fcoe_reset(&gone, NULL, extra, sizeof(extra)),
	    ENODEV);
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_create"), "");
	ck_assert_str_eq(slurp("/sys/bus/fcoe/ctlr_destroy"), "");
}
END_TEST

static void
reset_scan(void)
{
	struct fcp_ifreq r = mkifreq("lo");
	char extra[2 * OBJ_MAX];

	host_tree();
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_reset(&r, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(slurp("/sys/class/fc_host/host2/issue_lip"), "1");
	ck_assert_ptr_nonnull(strstr(extra, "obj=host2"));
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_scan(&r, NULL, extra, sizeof(extra)), 0);
	ck_assert_str_eq(slurp("/sys/class/scsi_host/host2/scan"), "- - -");
	ck_assert_ptr_nonnull(strstr(extra, "obj=host2"));
}

START_TEST(reset_scan_bus)
{
	if (fake_ns() != 0)
		return;
	bus_tree();
	reset_scan();
}
END_TEST

START_TEST(reset_scan_libfcoe)
{
	if (fake_ns() != 0)
		return;
	param_tree("libfcoe");
	reset_scan();
}
END_TEST

START_TEST(reset_no_host)
{
	struct fcp_ifreq r = mkifreq("lo");
	char extra[2 * OBJ_MAX];

	if (fake_ns() != 0)
		return;
	bus_tree();	/* ctlr_0 but no hostN */
	extra[0] = '\0';
	ck_assert_int_eq(op_fcoe_reset(&r, NULL, extra, sizeof(extra)),
	    ENOENT);
	ck_assert_int_eq(op_fcoe_scan(&r, NULL, extra, sizeof(extra)), ENOENT);
}
END_TEST

static Suite *
kif_suite(void)
{
	Suite *s = suite_create("kif");
	TCase *tc;

	tc = tcase_create("detect");
	tcase_add_test(tc, detect_none);
	tcase_add_test(tc, detect_each);
	tcase_add_test(tc, detect_precedence);
	tcase_add_test(tc, detect_real_root);
	tcase_add_test(tc, detect_mode_0200);
	suite_add_tcase(s, tc);

	tc = tcase_create("sysfs");
	tcase_add_test(tc, write_bare_no_create_no_trunc);
	tcase_add_test(tc, if_exists_ioctl);
	tcase_add_test(tc, ctlr_and_host_lookup);
	suite_add_tcase(s, tc);

	tc = tcase_create("ops");
	tcase_add_test(tc, bus_ops);
	tcase_add_test(tc, bus_create_rollback);
	tcase_add_test(tc, libfcoe_ops);
	tcase_add_test(tc, fcoe_module_is_not_used);
	tcase_add_test(tc, forced_kif);
	tcase_add_test(tc, no_kif_no_interface);
	tcase_add_test(tc, reset_scan_bus);
	tcase_add_test(tc, reset_scan_libfcoe);
	tcase_add_test(tc, reset_no_host);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(kif_suite());
}
