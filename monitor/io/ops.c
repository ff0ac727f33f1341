/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the engine's window on the world --
 * actuator requests through the client stubs, link state from the links
 * table, existing instances from sysfs -- and the lldpad datagrams read
 * from fd 4, each checked to come from uid 0 before it is parsed.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "monitor/io/adopt.h"
#include "monitor/io/loop.h"
#include "monitor/util/clock.h"
#include "monitor/util/log.h"
#include "monitor/util/sockcred.h"
#include "monitor/wire/lldpad_msg.h"
#include "monitor/control/peer.h"

static int
ask_fcoe(void *arg, enum port_op op, const char *ifname, enum cfg_mode mode)
{
	struct mon *m = arg;

	switch (op) {
	case PO_CREATE:
		return priv_fcoe_create(&m->priv, ifname, mode ==
		    CFG_MODE_VN2VN ? FCP_MODE_VN2VN : FCP_MODE_FABRIC);
	case PO_PREPARE:
		return priv_fcoe_prepare(&m->priv, ifname, mode ==
		    CFG_MODE_VN2VN ? FCP_MODE_VN2VN : FCP_MODE_FABRIC);
	case PO_DESTROY:
		return priv_fcoe_destroy(&m->priv, ifname);
	case PO_ENABLE:
		return priv_fcoe_enable(&m->priv, ifname);
	case PO_DISABLE:
		return priv_fcoe_disable(&m->priv, ifname);
	case PO_RESET:
		return priv_fcoe_reset(&m->priv, ifname);
	case PO_SCAN:
		return priv_fcoe_scan(&m->priv, ifname);
	case PO_NONE:
		break;
	}
	return EINVAL;
}

static int
ask_lldpad(void *arg, enum fcp_lq kind, const char *ifname)
{
	return priv_lldpad_send(&((struct mon *)arg)->priv, kind, ifname);
}

static int
ask_connect(void *arg)
{
	return priv_lldpad_connect(&((struct mon *)arg)->priv);
}

static int
ask_dcbnl(void *arg, unsigned cmd, const char *ifname, uint32_t *seq)
{
	return dcbnl_io_ask(((struct mon *)arg)->dcbnl, cmd, ifname, seq);
}

static const struct link_info *
look_link(void *arg, const char *name)
{
	struct mon *m = arg;

	return m->links ? links_by_name(m->links, name) : NULL;
}

static int
look_adopt(void *arg, const char *ifname, enum port_state *st)
{
	char ctlr[32];

	(void)arg;
	return adopt_state("", ifname, st, ctlr, sizeof(ctlr));
}

static enum fcp_mode
fcp_mode_of(enum cfg_mode mode)
{
	return mode == CFG_MODE_VN2VN ? FCP_MODE_VN2VN : FCP_MODE_FABRIC;
}

static int
ask_fip_send(void *arg, const char *ifname, enum cfg_mode mode)
{
	return priv_fip_send(&((struct mon *)arg)->priv, ifname,
	    fcp_mode_of(mode));
}

static int
ask_vlan_create(void *arg, const char *real, unsigned vid, bool is_static)
{
	return priv_vlan_create(&((struct mon *)arg)->priv, real, vid,
	    is_static ? FCP_VLAN_STATIC : FCP_VLAN_DISCOVERED);
}

static int
ask_vlan_destroy(void *arg, const char *name)
{
	return priv_vlan_destroy(&((struct mon *)arg)->priv, name);
}

static int
ask_fip_resp(void *arg, const char *ifname, bool on)
{
	return priv_fip_resp(&((struct mon *)arg)->priv, ifname, on);
}

struct vlans_of {
	const char	*real;
	void		(*fn)(void *, const struct link_info *);
	void		*fnarg;
};

static void
vlan_of(const struct link_info *li, void *arg)
{
	struct vlans_of *v = arg;

	if (strcmp(li->kind, "vlan") == 0 &&
	    strcmp(li->parent_name, v->real) == 0)
		v->fn(v->fnarg, li);
}

static void
look_vlans(void *arg, const char *real,
    void (*fn)(void *, const struct link_info *), void *fnarg)
{
	struct mon *m = arg;
	struct vlans_of v = { real, fn, fnarg };

	if (m->links != NULL)
		links_foreach(m->links, vlan_of, &v);
}

static void
answer_admin(void *arg, void *token, int err, const char *msg)
{
	struct admin_token *t = token;

	(void)arg;
	t->done(t, err, msg);
}

void
mon_ops(struct mon *m, struct eng_ops *ops)
{
	*ops = (struct eng_ops){ .arg = m, .fcoe = ask_fcoe,
	    .lldpad = ask_lldpad, .lldpad_connect = ask_connect,
	    .link = look_link, .adopt = look_adopt,
	    .admin_done = answer_admin,
	    .fip_send = ask_fip_send, .vlan_create = ask_vlan_create,
	    .vlan_destroy = ask_vlan_destroy, .fip_resp = ask_fip_resp,
	    .vlans_of = look_vlans,
	    .dcbnl = m->dcbnl != NULL ? ask_dcbnl : NULL };
}

/* One datagram; 1 if one was read, 0 if none was waiting. */
static int
read_one(struct mon *m, uint64_t now)
{
	char buf[LLDPAD_MSG_MAX];
	union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(struct ucred))]; }
	    cm;
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
	    .msg_control = &cm, .msg_controllen = sizeof(cm) };
	struct ucred cred;
	struct lldpad_msg msg;
	enum peer_lldpad why;
	ssize_t n = recvmsg(FCP_FD_LLDPAD, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC |
	    MSG_TRUNC);

	if (n < 0)
		return errno == EINTR ? 1 : 0;
	sockcred_sender(&mh, &cred);
	/* Only lldpad (root) speaks here, and never more than a whole
	 * message: anything else is dropped unparsed (peer.c). */
	why = peer_lldpad_check(cred.uid, mh.msg_flags);
	if (why != PEER_LLDPAD_OK) {
		m->lldpad_dropped++;
		/* the count in the line is the summary of those not logged */
		(void)peer_limit_flush(&m->lldpad_drops, now);
		if (peer_limit(&m->lldpad_drops, now))
			log_warnx("dropped a datagram on the lldpad socket: %s "
			    "(uid %d, %zd bytes; %lu dropped so far)",
			    why == PEER_LLDPAD_NOT_ROOT ? "not from uid 0" :
			    "over 4096 bytes or its credentials cut",
			    (int)cred.uid, n, m->lldpad_dropped);
		return 1;
	}
	lldpad_msg_parse(buf, (size_t)n, &msg);
	if (msg.kind == LLDPAD_MALFORMED)
		log_debug("lldpad: malformed datagram (%s at byte %zu)",
		    msg.reason ? msg.reason : "?", msg.at);
	engine_lldpad(m->eng, &msg, now);
	return 1;
}

void
mon_lldpad_read(struct mon *m)
{
	int i;

	for (i = 0; i < 64 && read_one(m, clock_ms()); i++)
		;
}

/*
 * The FIP frames and drop counts the actuator relayed (queued by the
 * client, also while a request waited) to the engine; 1 if there was any.
 */
int
mon_fip_take(struct mon *m)
{
	static struct priv_fip f;	/* 1.5 KB: not on the stack each time */
	uint32_t ifindex, n;
	int any = 0;

	while (priv_take_fip(&m->priv, &f)) {
		engine_fip_frame(m->eng, (int)f.ifindex, f.bytes, f.len,
		    clock_ms());
		any = 1;
	}
	while (priv_take_drops(&m->priv, &ifindex, &n)) {
		engine_fip_drops(m->eng, (int)ifindex, n, clock_ms());
		any = 1;
	}
	return any;
}
