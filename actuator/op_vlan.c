/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: VLANs for FCoE through the
 * 8021q ioctls (doc/kernel.md "VLANs (8021q)").
 * It makes "<if>.<vid>-fcoe" and destroys only VLANs whose name is exactly
 * that form for their own real device and VID: a compromised monitor cannot
 * remove an administrator's VLANs.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/if_vlan.h>
#include <linux/sockios.h>

#include "actuator/actuator.h"
#include "privsep/privsep.h"

static int
vlan_ioctl(unsigned long req, int cmd, const char *dev, int vid,
    struct vlan_ioctl_args *out)
{
	struct vlan_ioctl_args a;

	memset(&a, 0, sizeof(a));
	a.cmd = cmd;
	name_copy(a.device1, sizeof(a.device1), dev);
	a.u.VID = vid;
	if (ioctl(ACT_FD_IOCTL, req, &a) == -1)
		return errno;
	if (out != NULL)
		*out = a;
	return 0;
}

/* The name the real device and VID of VLAN dev give; "" if not a VLAN. */
static int
vlan_expected(const char *dev, char name[FCP_IFNAMSIZ])
{
	struct vlan_ioctl_args real, vid;
	char r[FCP_IFNAMSIZ];
	int err;

	if ((err = vlan_ioctl(SIOCGIFVLAN, GET_VLAN_REALDEV_NAME_CMD, dev, 0,
	    &real)) != 0 ||
	    (err = vlan_ioctl(SIOCGIFVLAN, GET_VLAN_VID_CMD, dev, 0, &vid)) != 0)
		return err;
	name_copy(r, sizeof(r), real.u.device2);
	return fcp_vlan_name(r, (unsigned)vid.u.VID, name);
}

static int
ifflags_up(const char *dev)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	name_copy(ifr.ifr_name, IFNAMSIZ, dev);
	if (ioctl(ACT_FD_IOCTL, SIOCGIFFLAGS, &ifr) == -1)
		return errno;
	ifr.ifr_flags |= IFF_UP;
	return ioctl(ACT_FD_IOCTL, SIOCSIFFLAGS, &ifr) == -1 ? errno : 0;
}

static int
rename_if(const char *from, const char *to)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	name_copy(ifr.ifr_name, IFNAMSIZ, from);
	name_copy(ifr.ifr_newname, IFNAMSIZ, to);
	return ioctl(ACT_FD_IOCTL, SIOCSIFNAME, &ifr) == -1 ? errno : 0;
}

/*
 * ADD names the VLAN "<if>.<vid>" (the kernel's default name type); it is
 * checked, renamed and brought up, and deleted again if any step fails.
 */
int
op_vlan_create(const void *req, void *rep, char *extra, size_t sz)
{
	const struct fcp_vlan_create *r = req;
	struct fcp_vlan_rep *out = rep;
	char name[FCP_IFNAMSIZ], kname[32], check[FCP_IFNAMSIZ];
	int err;

	if ((err = fcp_vlan_name(r->ifname, r->vid, name)) != 0 ||
	    (err = if_exists(r->ifname)) != 0)
		return err;
	if (if_exists(name) == 0)
		return EEXIST;
	snprintf(kname, sizeof(kname), "%s.%u", r->ifname, (unsigned)r->vid);
	if ((err = vlan_ioctl(SIOCSIFVLAN, ADD_VLAN_CMD, r->ifname, r->vid,
	    NULL)) != 0)
		return err;
	if (vlan_expected(kname, check) != 0 || strcmp(check, name) != 0)
		return EPROTO;	/* name type not the default: cannot find it */
	if ((err = rename_if(kname, name)) != 0) {
		(void)vlan_ioctl(SIOCSIFVLAN, DEL_VLAN_CMD, kname, 0, NULL);
		return err;
	}
	if ((err = ifflags_up(name)) != 0) {
		(void)vlan_ioctl(SIOCSIFVLAN, DEL_VLAN_CMD, name, 0, NULL);
		return err;
	}
	memcpy(out->ifname, name, sizeof(out->ifname));
	snprintf(extra, sz, "obj=%s", name);
	return 0;
}

int
op_vlan_destroy(const void *req, void *rep, char *extra, size_t sz)
{
	const struct fcp_ifreq *r = req;
	char expect[FCP_IFNAMSIZ];
	int err;

	(void)rep;
	if ((err = if_exists(r->ifname)) != 0)
		return err;
	if ((err = vlan_expected(r->ifname, expect)) != 0)
		return err == EINVAL ? EPERM : err;	/* not a VLAN */
	if (strcmp(expect, r->ifname) != 0)
		return EPERM;
	snprintf(extra, sz, "obj=%s", r->ifname);
	return vlan_ioctl(SIOCSIFVLAN, DEL_VLAN_CMD, r->ifname, 0, NULL);
}
