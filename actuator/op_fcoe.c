/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: FCoE instance operations on whichever kernel
 * interface is present (doc/kernel.md "Which interface is used").
 * Each returns 0 or the kernel's
 * errno unchanged, and appends "kif=... obj=..." for the audit record.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "actuator/actuator.h"

#define BUS	"/sys/bus/fcoe"
#define LIBFCOE	"/sys/module/libfcoe/parameters"

/* Extra audit fields of this request: " key=val" appended. */
static void
note(char *extra, size_t sz, const char *key, const char *val)
{
	size_t n = strlen(extra);

	snprintf(extra + n, sz - n, "%s%s=%s", n ? " " : "", key, val);
}

/* Interface exists and some kernel FCoE interface does; which one. */
static int
prepare(const char *ifname, int *kif, char *extra, size_t sz)
{
	int err = if_exists(ifname);

	*kif = act_kif();
	note(extra, sz, "kif", fcp_kif_name((unsigned)*kif));
	if (err != 0)
		return err;
	return *kif == FCP_KIF_NONE ? ENOPKG : 0;
}

/* /sys/module/libfcoe/parameters/<param> */
static int
param_write(const char *param, const char *ifname)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), LIBFCOE "/%s", param);
	return sysfs_write(path, ifname);
}

/* /sys/class/net/<if>/ctlr_N/<attr> */
static int
ctlr_write(const char *ifname, const char *attr, const char *value,
    char *extra, size_t sz)
{
	char ctlr[32], path[PATH_MAX];
	int err = kif_ctlr(ifname, ctlr, sizeof(ctlr));

	if (err != 0)
		return err;
	if (strstr(extra, " obj=") == NULL)
		note(extra, sz, "obj", ctlr);
	snprintf(path, sizeof(path), "/sys/class/net/%s/%s/%s", ifname, ctlr,
	    attr);
	return sysfs_write(path, value);
}

/* The new ctlr's name for the audit record, where no write named it. */
static int
ctlr_note(const char *ifname, char *extra, size_t sz)
{
	char ctlr[32];
	int err = kif_ctlr(ifname, ctlr, sizeof(ctlr));

	if (err == 0)
		note(extra, sz, "obj", ctlr);
	return err;
}

/*
 * Three stages on the bus (create, mode, enable); a ctlr is born disabled,
 * so one made before link-up skips the last.  A failure after the
 * instance exists destroys it again, so nothing is left half made; EEXIST
 * from the first stage is someone else's instance and is left alone.
 */
static int
bus_create(const char *ifname, unsigned mode, bool enable, char *extra,
    size_t sz)
{
	int err = sysfs_write(BUS "/ctlr_create", ifname);

	if (err != 0)
		return err;
	if (mode == FCP_MODE_VN2VN)
		err = ctlr_write(ifname, "mode", "VN2VN", extra, sz);
	if (err == 0 && enable)
		err = ctlr_write(ifname, "enabled", "1", extra, sz);
	else if (err == 0 && mode != FCP_MODE_VN2VN)
		err = ctlr_note(ifname, extra, sz);	/* obj= in the record */
	if (err != 0)
		note(extra, sz, "rollback",
		    sysfs_write(BUS "/ctlr_destroy", ifname) ? "fail" : "ok");
	return err;
}

/* libfcoe's create starts the instance; one made before link-up is
 * disabled at once, and destroyed again if that fails. */
static int
param_create(unsigned mode, bool enable, const char *ifname, char *extra,
    size_t sz)
{
	int err = param_write(mode == FCP_MODE_VN2VN ? "create_vn2vn" :
	    "create", ifname);

	if (err != 0 || enable)
		return err;
	if ((err = param_write("disable", ifname)) != 0)
		note(extra, sz, "rollback",
		    param_write("destroy", ifname) ? "fail" : "ok");
	return err;
}

int
op_fcoe_create(const void *req, void *rep UNUSED, char *extra, size_t sz)
{
	const struct fcp_fcoe_create *r = req;
	int kif, err = prepare(r->ifname, &kif, extra, sz);

	if (err != 0)
		return err;
	if (kif == FCP_KIF_BUS)
		return bus_create(r->ifname, r->mode, !r->disabled, extra, sz);
	return param_create(r->mode, !r->disabled, r->ifname, extra, sz);
}

int
op_fcoe_destroy(const void *req, void *rep UNUSED, char *extra, size_t sz)
{
	const struct fcp_ifreq *r = req;
	int kif, err = prepare(r->ifname, &kif, extra, sz);

	if (err != 0)
		return err;
	if (kif == FCP_KIF_BUS)
		return sysfs_write(BUS "/ctlr_destroy", r->ifname);
	return param_write("destroy", r->ifname);
}

/*
 * The common case of a link flap, without the kif probe and the directory
 * read: the interface exists and the ctlr found there before still opens
 * (kif_ctlr_open()), which is all prepare() and ctlr_write() would learn.
 * -1 when it does not apply; the full path follows.
 */
static int
quick_enabled(const char *ifname, const char *value, char *extra, size_t sz)
{
	char ctlr[32];
	int fd;

	if (act_kif_forced() == FCP_KIF_LIBFCOE || if_exists(ifname) != 0 ||
	    (fd = kif_ctlr_open(ifname, "enabled", ctlr, sizeof(ctlr))) == -1)
		return -1;
	note(extra, sz, "kif", fcp_kif_name(FCP_KIF_BUS));
	note(extra, sz, "obj", ctlr);
	return kif_write_fd(fd, value);
}

static int
set_enabled(const void *req, int on, char *extra, size_t sz)
{
	const struct fcp_ifreq *r = req;
	int kif, err = quick_enabled(r->ifname, on ? "1" : "0", extra, sz);

	if (err != -1)
		return err;
	err = prepare(r->ifname, &kif, extra, sz);

	if (err != 0)
		return err;
	if (kif == FCP_KIF_BUS)
		return ctlr_write(r->ifname, "enabled", on ? "1" : "0", extra,
		    sz);
	return param_write(on ? "enable" : "disable", r->ifname);
}

int
op_fcoe_enable(const void *req, void *rep UNUSED, char *extra, size_t sz)
{
	return set_enabled(req, 1, extra, sz);
}

int
op_fcoe_disable(const void *req, void *rep UNUSED, char *extra, size_t sz)
{
	return set_enabled(req, 0, extra, sz);
}

/* issue_lip and scan live on the SCSI host under the interface's ctlr. */
static int
host_write(const void *req, const char *class, const char *attr,
    const char *value, char *extra, size_t sz)
{
	const struct fcp_ifreq *r = req;
	char host[32], path[PATH_MAX];
	int kif, err = prepare(r->ifname, &kif, extra, sz);

	if (err == 0)
		err = kif_host(r->ifname, host, sizeof(host));
	if (err != 0)
		return err;
	note(extra, sz, "obj", host);
	snprintf(path, sizeof(path), "/sys/class/%s/%s/%s", class, host, attr);
	return sysfs_write(path, value);
}

int
op_fcoe_reset(const void *req, void *rep UNUSED, char *extra, size_t sz)
{
	return host_write(req, "fc_host", "issue_lip", "1", extra, sz);
}

int
op_fcoe_scan(const void *req, void *rep UNUSED, char *extra, size_t sz)
{
	return host_write(req, "scsi_host", "scan", "- - -", extra, sz);
}
