// SPDX-License-Identifier: GPL-2.0
/*
 * dcbsim: a DCB-capable NIC for fcoemond's VM tests (tests/vm), loaded into
 * the guest kernel -- never into a host, never installed or shipped.
 * GPL-2.0 because it is a Linux kernel module, built against and linked
 * into the kernel; it is test code only, and nothing of fcoemond's own
 * programs is derived from it.
 *
 * No virtual NIC of the kernel implements dcbnl (netdevsim neither), so
 * DCBX negotiation between real lldpads never ran in a test.  This module
 * gives existing netdevs (the guest's virtio NICs, named by `ifaces=`) a
 * struct dcbnl_rtnl_ops that keeps whatever is set, in the spirit of
 * netdevsim: the kernel's own dcbnl code then answers RTM_GETDCB queries and
 * multicasts RTNLGRP_DCB notifications, and lldpad drives the ports as it
 * would an Intel 82599 (CEE state, PFC, PG, APP; IEEE ETS, PFC, APP table;
 * DCBX capabilities; permanent and SAN MAC).  The APP entries live in the
 * kernel's own table (dcb_setapp, dcb_ieee_setapp), as a real driver's do.
 *
 * lld_managed=1 reports DCB_CAP_DCBX_LLD_MANAGED instead of HOST: a NIC
 * whose firmware runs DCBX.  lldpad then leaves the port alone, and the
 * tests play the firmware agent by writing the results through the kernel
 * (iproute2's `dcb`).
 *
 * Every op runs under RTNL (dcbnl's doit handlers hold it), and so does the
 * attach/detach of the ops, so the port state needs no lock of its own.
 * Unload restores each netdev's previous ops and removes the APP entries
 * this module added, so a later test sees a plain virtio NIC again.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>
#include <net/dcbnl.h>

#define DCBSIM_MAX_PORTS	4
#define DCBSIM_MAX_APPS		16
#define DCBSIM_TCS		8

static char *ifaces = "eth0,eth1";
module_param(ifaces, charp, 0444);
MODULE_PARM_DESC(ifaces, "comma-separated netdevs that get dcbnl ops");
static bool lld_managed;
module_param(lld_managed, bool, 0444);
MODULE_PARM_DESC(lld_managed, "report a firmware DCBX agent (LLD_MANAGED)");

struct dcbsim_pg_tc {
	u8 prio_type, pgid, bw_pct, up_map;
};

struct dcbsim_port {
	struct net_device *dev;
	const struct dcbnl_rtnl_ops *saved_ops;
	u8 state, dcbx, pfc_state;
	u8 numtcs_pg, numtcs_pfc;
	u8 pfc_cfg[DCBSIM_TCS];			/* CEE: per priority */
	struct dcbsim_pg_tc pg_tc[2][DCBSIM_TCS];	/* [0] tx, [1] rx */
	u8 pg_bwg[2][DCBSIM_TCS];
	struct ieee_ets ets;
	struct ieee_pfc pfc;
	u8 san_mac[ETH_ALEN];
	struct dcb_app apps[DCBSIM_MAX_APPS];	/* what we put in the kernel's table */
	bool app_ieee[DCBSIM_MAX_APPS];
	int napps;
};

static struct dcbsim_port ports[DCBSIM_MAX_PORTS];
static int nports;

static struct dcbsim_port *port_of(struct net_device *dev)
{
	int i;

	for (i = 0; i < nports; i++)
		if (ports[i].dev == dev)
			return &ports[i];
	return NULL;	/* cannot happen: ops are only set on our ports */
}

/* Remembers an APP entry so unload can take it out of the kernel's table. */
static void track_app(struct dcbsim_port *p, const struct dcb_app *a, bool ieee)
{
	int i;

	for (i = 0; i < p->napps; i++)
		if (p->app_ieee[i] == ieee && p->apps[i].selector == a->selector &&
		    p->apps[i].protocol == a->protocol &&
		    (!ieee || p->apps[i].priority == a->priority))
			break;
	if (i == DCBSIM_MAX_APPS)
		return;		/* table full: unload leaves this one behind */
	p->apps[i] = *a;
	p->app_ieee[i] = ieee;
	if (i == p->napps)
		p->napps++;
}

static void untrack_app(struct dcbsim_port *p, const struct dcb_app *a, bool ieee)
{
	int i;

	for (i = 0; i < p->napps; i++)
		if (p->app_ieee[i] == ieee && p->apps[i].selector == a->selector &&
		    p->apps[i].protocol == a->protocol &&
		    (!ieee || p->apps[i].priority == a->priority)) {
			p->apps[i] = p->apps[--p->napps];
			p->app_ieee[i] = p->app_ieee[p->napps];
			return;
		}
}

/* ------------------------------------------------------------ IEEE 802.1Qaz */

static int sim_ieee_getets(struct net_device *dev, struct ieee_ets *ets)
{
	*ets = port_of(dev)->ets;
	return 0;
}

static int sim_ieee_setets(struct net_device *dev, struct ieee_ets *ets)
{
	struct dcbsim_port *p = port_of(dev);
	u8 cap = p->ets.ets_cap;

	p->ets = *ets;
	p->ets.ets_cap = cap;	/* a capability, not a setting */
	return 0;
}

static int sim_ieee_getpfc(struct net_device *dev, struct ieee_pfc *pfc)
{
	*pfc = port_of(dev)->pfc;
	return 0;
}

static int sim_ieee_setpfc(struct net_device *dev, struct ieee_pfc *pfc)
{
	struct dcbsim_port *p = port_of(dev);

	p->pfc.pfc_en = pfc->pfc_en;
	p->pfc.mbc = pfc->mbc;
	p->pfc.delay = pfc->delay;
	return 0;
}

/* The lowest priority the kernel's table maps this application to. */
static int sim_ieee_getapp(struct net_device *dev, struct dcb_app *app)
{
	u8 mask = dcb_ieee_getapp_mask(dev, app);

	if (!mask)
		return -ENOENT;
	app->priority = __ffs(mask);
	return 0;
}

static int sim_ieee_setapp(struct net_device *dev, struct dcb_app *app)
{
	int err = dcb_ieee_setapp(dev, app);

	if (!err)
		track_app(port_of(dev), app, true);
	return err;
}

static int sim_ieee_delapp(struct net_device *dev, struct dcb_app *app)
{
	int err = dcb_ieee_delapp(dev, app);

	if (!err)
		untrack_app(port_of(dev), app, true);
	return err;
}

/* ------------------------------------------------------------ CEE */

static u8 sim_getstate(struct net_device *dev)
{
	return port_of(dev)->state;
}

static u8 sim_setstate(struct net_device *dev, u8 state)
{
	port_of(dev)->state = !!state;
	return 0;
}

/* DCB_CMD_GPERM_HWADDR: the permanent MAC, then the SAN MAC right after it
 * (the layout of ixgbe's answer, which fcoemon and lldpad read). */
static void sim_getpermhwaddr(struct net_device *dev, u8 *addr)
{
	memset(addr, 0xff, MAX_ADDR_LEN);
	memcpy(addr, dev->perm_addr, ETH_ALEN);
	memcpy(addr + ETH_ALEN, port_of(dev)->san_mac, ETH_ALEN);
}

static void pg_set(struct net_device *dev, int dir, int tc, u8 prio_type,
		   u8 pgid, u8 bw_pct, u8 up_map)
{
	struct dcbsim_pg_tc *t;

	if (tc < 0 || tc >= DCBSIM_TCS)
		return;
	t = &port_of(dev)->pg_tc[dir][tc];
	/* DCB_ATTR_VALUE_UNDEFINED (0xff): "leave this field alone" */
	if (prio_type != DCB_ATTR_VALUE_UNDEFINED)
		t->prio_type = prio_type;
	if (pgid != DCB_ATTR_VALUE_UNDEFINED)
		t->pgid = pgid;
	if (bw_pct != DCB_ATTR_VALUE_UNDEFINED)
		t->bw_pct = bw_pct;
	if (up_map != DCB_ATTR_VALUE_UNDEFINED)
		t->up_map = up_map;
}

static void pg_get(struct net_device *dev, int dir, int tc, u8 *prio_type,
		   u8 *pgid, u8 *bw_pct, u8 *up_map)
{
	struct dcbsim_pg_tc *t;

	if (tc < 0 || tc >= DCBSIM_TCS)
		return;
	t = &port_of(dev)->pg_tc[dir][tc];
	*prio_type = t->prio_type;
	*pgid = t->pgid;
	*bw_pct = t->bw_pct;
	*up_map = t->up_map;
}

static void sim_setpgtccfgtx(struct net_device *dev, int tc, u8 a, u8 b, u8 c, u8 d)
{
	pg_set(dev, 0, tc, a, b, c, d);
}

static void sim_setpgtccfgrx(struct net_device *dev, int tc, u8 a, u8 b, u8 c, u8 d)
{
	pg_set(dev, 1, tc, a, b, c, d);
}

static void sim_getpgtccfgtx(struct net_device *dev, int tc, u8 *a, u8 *b, u8 *c, u8 *d)
{
	pg_get(dev, 0, tc, a, b, c, d);
}

static void sim_getpgtccfgrx(struct net_device *dev, int tc, u8 *a, u8 *b, u8 *c, u8 *d)
{
	pg_get(dev, 1, tc, a, b, c, d);
}

static void bwg_set(struct net_device *dev, int dir, int bwg, u8 pct)
{
	if (bwg >= 0 && bwg < DCBSIM_TCS)
		port_of(dev)->pg_bwg[dir][bwg] = pct;
}

static void bwg_get(struct net_device *dev, int dir, int bwg, u8 *pct)
{
	if (bwg >= 0 && bwg < DCBSIM_TCS)
		*pct = port_of(dev)->pg_bwg[dir][bwg];
}

static void sim_setpgbwgcfgtx(struct net_device *dev, int bwg, u8 pct)
{
	bwg_set(dev, 0, bwg, pct);
}

static void sim_setpgbwgcfgrx(struct net_device *dev, int bwg, u8 pct)
{
	bwg_set(dev, 1, bwg, pct);
}

static void sim_getpgbwgcfgtx(struct net_device *dev, int bwg, u8 *pct)
{
	bwg_get(dev, 0, bwg, pct);
}

static void sim_getpgbwgcfgrx(struct net_device *dev, int bwg, u8 *pct)
{
	bwg_get(dev, 1, bwg, pct);
}

static void sim_setpfccfg(struct net_device *dev, int prio, u8 setting)
{
	if (prio >= 0 && prio < DCBSIM_TCS)
		port_of(dev)->pfc_cfg[prio] = setting;
}

static void sim_getpfccfg(struct net_device *dev, int prio, u8 *setting)
{
	if (prio >= 0 && prio < DCBSIM_TCS)
		*setting = port_of(dev)->pfc_cfg[prio];
}

/* Applying the CEE settings to hardware: nothing to do, they are kept. */
static u8 sim_setall(struct net_device *dev)
{
	return 0;
}

static u8 sim_getcap(struct net_device *dev, int capid, u8 *cap)
{
	switch (capid) {
	case DCB_CAP_ATTR_PG:
	case DCB_CAP_ATTR_PFC:
	case DCB_CAP_ATTR_GSP:
		*cap = true;
		return 0;
	case DCB_CAP_ATTR_UP2TC:
	case DCB_CAP_ATTR_BCN:
		*cap = false;
		return 0;
	case DCB_CAP_ATTR_PG_TCS:
	case DCB_CAP_ATTR_PFC_TCS:
		*cap = 1 << (DCBSIM_TCS - 1);	/* bit n-1: n classes */
		return 0;
	case DCB_CAP_ATTR_DCBX:
		*cap = port_of(dev)->dcbx;
		return 0;
	default:
		return 1;	/* non-zero: not reported */
	}
}

static int sim_getnumtcs(struct net_device *dev, int tcid, u8 *num)
{
	struct dcbsim_port *p = port_of(dev);

	switch (tcid) {
	case DCB_NUMTCS_ATTR_PG:
		*num = p->numtcs_pg;
		return 0;
	case DCB_NUMTCS_ATTR_PFC:
		*num = p->numtcs_pfc;
		return 0;
	default:
		return -EINVAL;
	}
}

static int sim_setnumtcs(struct net_device *dev, int tcid, u8 num)
{
	struct dcbsim_port *p = port_of(dev);

	if (num < 1 || num > DCBSIM_TCS)
		return -EINVAL;
	if (tcid == DCB_NUMTCS_ATTR_PG)
		p->numtcs_pg = num;
	else if (tcid == DCB_NUMTCS_ATTR_PFC)
		p->numtcs_pfc = num;
	else
		return -EINVAL;
	return 0;
}

static u8 sim_getpfcstate(struct net_device *dev)
{
	return port_of(dev)->pfc_state;
}

static void sim_setpfcstate(struct net_device *dev, u8 state)
{
	port_of(dev)->pfc_state = !!state;
}

/* CEE APP: priority 0 deletes the entry (dcb_setapp's rule). */
static int sim_setapp(struct net_device *dev, u8 idtype, u16 id, u8 up)
{
	struct dcb_app app = { .selector = idtype, .protocol = id, .priority = up };
	int err = dcb_setapp(dev, &app);

	if (err)
		return err;
	if (up)
		track_app(port_of(dev), &app, false);
	else
		untrack_app(port_of(dev), &app, false);
	return 0;
}

static int sim_getapp(struct net_device *dev, u8 idtype, u16 id)
{
	struct dcb_app app = { .selector = idtype, .protocol = id };

	return dcb_getapp(dev, &app);
}

/* ------------------------------------------------------------ DCBX */

static u8 sim_getdcbx(struct net_device *dev)
{
	return port_of(dev)->dcbx;
}

/* Accepts what a host agent may ask for (lldpad switching CEE <-> IEEE);
 * refuses to turn the host agent into a firmware one or back, as a real
 * NIC does.  Non-zero is dcbnl's "refused". */
static u8 sim_setdcbx(struct net_device *dev, u8 mode)
{
	struct dcbsim_port *p = port_of(dev);
	u8 fixed = DCB_CAP_DCBX_HOST | DCB_CAP_DCBX_LLD_MANAGED;

	if ((mode & fixed) != (p->dcbx & fixed))
		return 1;
	if (!(mode & (DCB_CAP_DCBX_VER_CEE | DCB_CAP_DCBX_VER_IEEE)))
		return 1;
	if (mode & ~(fixed | DCB_CAP_DCBX_VER_CEE | DCB_CAP_DCBX_VER_IEEE))
		return 1;
	p->dcbx = mode;
	return 0;
}

static const struct dcbnl_rtnl_ops dcbsim_ops = {
	.ieee_getets	= sim_ieee_getets,
	.ieee_setets	= sim_ieee_setets,
	.ieee_getpfc	= sim_ieee_getpfc,
	.ieee_setpfc	= sim_ieee_setpfc,
	.ieee_getapp	= sim_ieee_getapp,
	.ieee_setapp	= sim_ieee_setapp,
	.ieee_delapp	= sim_ieee_delapp,
	.getstate	= sim_getstate,
	.setstate	= sim_setstate,
	.getpermhwaddr	= sim_getpermhwaddr,
	.setpgtccfgtx	= sim_setpgtccfgtx,
	.setpgbwgcfgtx	= sim_setpgbwgcfgtx,
	.setpgtccfgrx	= sim_setpgtccfgrx,
	.setpgbwgcfgrx	= sim_setpgbwgcfgrx,
	.getpgtccfgtx	= sim_getpgtccfgtx,
	.getpgbwgcfgtx	= sim_getpgbwgcfgtx,
	.getpgtccfgrx	= sim_getpgtccfgrx,
	.getpgbwgcfgrx	= sim_getpgbwgcfgrx,
	.setpfccfg	= sim_setpfccfg,
	.getpfccfg	= sim_getpfccfg,
	.setall		= sim_setall,
	.getcap		= sim_getcap,
	.getnumtcs	= sim_getnumtcs,
	.setnumtcs	= sim_setnumtcs,
	.getpfcstate	= sim_getpfcstate,
	.setpfcstate	= sim_setpfcstate,
	.setapp		= sim_setapp,
	.getapp		= sim_getapp,
	.getdcbx	= sim_getdcbx,
	.setdcbx	= sim_setdcbx,
};

/* ------------------------------------------------------------ attach */

static void port_init(struct dcbsim_port *p, struct net_device *dev)
{
	memset(p, 0, sizeof(*p));
	p->dev = dev;
	p->saved_ops = dev->dcbnl_ops;
	p->dcbx = DCB_CAP_DCBX_VER_CEE | DCB_CAP_DCBX_VER_IEEE |
		  (lld_managed ? DCB_CAP_DCBX_LLD_MANAGED : DCB_CAP_DCBX_HOST);
	p->numtcs_pg = DCBSIM_TCS;
	p->numtcs_pfc = DCBSIM_TCS;
	p->ets.ets_cap = DCBSIM_TCS;
	p->pfc.pfc_cap = DCBSIM_TCS;
	/* A SAN MAC distinct from the LAN one, derived so tests can predict it. */
	memcpy(p->san_mac, dev->perm_addr, ETH_ALEN);
	p->san_mac[3] ^= 0x80;
	dev->dcbnl_ops = &dcbsim_ops;
}

static void port_release(struct dcbsim_port *p)
{
	struct dcb_app app;
	int i;

	for (i = p->napps - 1; i >= 0; i--) {
		app = p->apps[i];
		if (p->app_ieee[i]) {
			dcb_ieee_delapp(p->dev, &app);
		} else {
			app.priority = 0;
			dcb_setapp(p->dev, &app);
		}
	}
	p->dev->dcbnl_ops = p->saved_ops;
	dev_put(p->dev);
	p->dev = NULL;
}

/* A port whose netdev goes away is let go first, with its reference. */
static int dcbsim_netdev_event(struct notifier_block *nb, unsigned long ev, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	int i;

	if (ev != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	for (i = 0; i < nports; i++)
		if (ports[i].dev == dev) {
			port_release(&ports[i]);
			ports[i] = ports[--nports];
			break;
		}
	return NOTIFY_DONE;
}

static struct notifier_block dcbsim_nb = { .notifier_call = dcbsim_netdev_event };

static void dcbsim_detach_all(void)
{
	rtnl_lock();
	while (nports > 0)
		port_release(&ports[--nports]);
	rtnl_unlock();
}

static int __init dcbsim_init(void)
{
	char *list, *cur, *name;
	struct net_device *dev;
	int err = 0;

	list = kstrdup(ifaces, GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	rtnl_lock();
	for (cur = list; (name = strsep(&cur, ",")) != NULL;) {
		if (!*name)
			continue;
		dev = __dev_get_by_name(&init_net, name);
		if (!dev || dev->type != ARPHRD_ETHER) {
			pr_err("dcbsim: %s: no such Ethernet device\n", name);
			err = -ENODEV;
			break;
		}
		if (nports == DCBSIM_MAX_PORTS || port_of(dev)) {
			pr_err("dcbsim: %s: too many or repeated devices\n", name);
			err = -EINVAL;
			break;
		}
		dev_hold(dev);
		port_init(&ports[nports++], dev);
		pr_info("dcbsim: %s: dcbnl ops attached (dcbx 0x%02x)\n", name, ports[nports - 1].dcbx);
	}
	rtnl_unlock();
	kfree(list);
	if (!err)
		err = register_netdevice_notifier(&dcbsim_nb);
	if (err)
		dcbsim_detach_all();
	return err;
}

static void __exit dcbsim_exit(void)
{
	unregister_netdevice_notifier(&dcbsim_nb);
	dcbsim_detach_all();
}

module_init(dcbsim_init);
module_exit(dcbsim_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("dcbnl operations on existing NICs, for fcoemond's VM tests");
