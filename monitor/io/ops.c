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
#include "monitor/wire/lldpad_msg.h"
#include "monitor/monitor.h"
#include "monitor/control/srv.h"
#include "monitor/control/peer.h"

uint64_t
mon_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int
op_fcoe(void *arg, enum port_op op, const char *ifname, enum cfg_mode mode)
{
	struct mon *m = arg;

	switch (op) {
	case PO_CREATE:
		return act_fcoe_create(&m->act, ifname, mode ==
		    CFG_MODE_VN2VN ? FCP_MODE_VN2VN : FCP_MODE_FABRIC);
	case PO_DESTROY:
		return act_fcoe_destroy(&m->act, ifname);
	case PO_ENABLE:
		return act_fcoe_enable(&m->act, ifname);
	case PO_DISABLE:
		return act_fcoe_disable(&m->act, ifname);
	case PO_RESET:
		return act_fcoe_reset(&m->act, ifname);
	case PO_SCAN:
		return act_fcoe_scan(&m->act, ifname);
	case PO_NONE:
		break;
	}
	return EINVAL;
}

static int
op_lldpad(void *arg, enum fcp_lq kind, const char *ifname)
{
	return act_lldpad_send(&((struct mon *)arg)->act, kind, ifname);
}

static int
op_connect(void *arg)
{
	return act_lldpad_connect(&((struct mon *)arg)->act);
}

static const struct link_info *
op_link(void *arg, const char *name)
{
	struct mon *m = arg;

	return m->links ? links_by_name(m->links, name) : NULL;
}

static int
op_adopt(void *arg, const char *ifname, enum port_state *st)
{
	char ctlr[32];

	(void)arg;
	return adopt_state("", ifname, st, ctlr, sizeof(ctlr));
}

static void
op_admin_done(void *arg, void *token, int err, const char *msg)
{
	struct admin_token *t = token;

	(void)arg;
	t->done(t, err, msg);
}

void
mon_ops(struct mon *m, struct eng_ops *ops)
{
	*ops = (struct eng_ops){ .arg = m, .fcoe = op_fcoe,
	    .lldpad = op_lldpad, .lldpad_connect = op_connect,
	    .link = op_link, .adopt = op_adopt, .admin_done = op_admin_done };
}

/* The kernel-stamped sender of a datagram (SO_PASSCRED); uid -1 if none. */
void
mon_sender(struct msghdr *mh, struct ucred *out)
{
	struct cmsghdr *c;

	*out = (struct ucred){ .pid = -1, .uid = (uid_t)-1, .gid = (gid_t)-1 };
	for (c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c))
		if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_CREDENTIALS &&
		    c->cmsg_len == CMSG_LEN(sizeof(*out)))
			memcpy(out, CMSG_DATA(c), sizeof(*out));
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
	mon_sender(&mh, &cred);
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

	for (i = 0; i < 64 && read_one(m, mon_now()); i++)
		;
}
