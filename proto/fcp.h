/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Shared by both processes: the monitor<->actuator wire format
 * (doc/design.md "Monitor-actuator protocol").
 *
 * One SOCK_SEQPACKET record per message: a fixed header and a payload whose
 * size depends only on the type, except the notices that carry bytes after
 * their fixed part (FCP_NOTICES: at most FCP_MAX_RECORD in all).  Host byte order: both ends
 * come from one build.  Nothing here does I/O, so it can be fuzzed whole.
 */
#ifndef FCP_H
#define FCP_H

#include <stddef.h>
#include <stdint.h>

#define FCP_MAGIC	0x31504346u	/* "FCP1" in memory on little-endian */
#define FCP_VERSION	1
#define FCP_REPLY	0x8000		/* reply bit in hdr.type */
#define FCP_IFNAMSIZ	16
#define FCP_MAX_MSG	128		/* header + largest payload, with room */
#define FCP_FIP_MIN	20		/* a relayed frame: up to its subcode */
#define FCP_FIP_MAX	1514		/* the filter truncates to this */
#define FCP_MAX_RECORD	1546		/* header + largest notice (FIP_FRAME) */

/* Fixed descriptors of the actuator and of the exec'd monitor. */
#define FCP_FD_IPC	3
#define FCP_FD_LLDPAD	4
#define FCP_FD_CLIF	5	/* @fcm_clif from systemd, when it passed one */
#define FCP_FD_CTL	6	/* fcoectl's listening socket, when there is one */

/* fcoectl's socket: a root-owned 0755 directory, so no local user can bind
 * the name first (the actuator or systemd makes it, the monitor serves it). */
#define FCP_CTL_DIR	"/run/fcoemond"
#define FCP_CTL_NAME	"ctl"
#define FCP_CTL_PATH	FCP_CTL_DIR "/" FCP_CTL_NAME

enum fcp_type {
	FCP_HELLO = 1,
	FCP_FCOE_CREATE = 2,
	FCP_FCOE_DESTROY = 3,
	FCP_FCOE_ENABLE = 4,
	FCP_FCOE_DISABLE = 5,
	FCP_FCOE_RESET = 6,
	FCP_FCOE_SCAN = 7,
	/*
	 * 8 and 9 were VLAN create/destroy, which nothing legitimate sent:
	 * removed until FIP VLAN discovery brings them back with a
	 * permission.  The numbers are not reused.
	 */
	FCP_LLDPAD_SEND = 10,
	FCP_LLDPAD_CONNECT = 11,
	FCP_SIGNAL = 12,	/* notice, actuator -> monitor, never a request */
	FCP_FIP_SEND = 13,
	FCP_VLAN_CREATE = 14,
	FCP_VLAN_DESTROY = 15,
	FCP_FIP_RESP = 16,
	FCP_FIP_FRAME = 17,	/* notice: a received FIP frame */
	FCP_FIP_DROPS = 18,	/* notice: frames the rate limits dropped */
	FCP_TYPE_MAX
};

/*
 * Every request, once: X(type, name, request payload, reply payload,
 * changes kernel state).  proto/fcp.c builds the protocol table from this
 * list (v_<request payload> checks a payload) and actuator/dispatch.c the
 * dispatch table (op_<name> carries a request out, a_<request payload>
 * formats its audit arguments), so a request cannot exist on one side
 * only: it would not compile.  Payload "none" is empty.
 */
#define FCP_REQUESTS(X)							\
	X(FCP_HELLO,          hello,          hello,       hello_rep, 0)	\
	X(FCP_FCOE_CREATE,    fcoe_create,    fcoe_create, none,      1)	\
	X(FCP_FCOE_DESTROY,   fcoe_destroy,   ifreq,       none,      1)	\
	X(FCP_FCOE_ENABLE,    fcoe_enable,    ifreq,       none,      1)	\
	X(FCP_FCOE_DISABLE,   fcoe_disable,   ifreq,       none,      1)	\
	X(FCP_FCOE_RESET,     fcoe_reset,     ifreq,       none,      1)	\
	X(FCP_FCOE_SCAN,      fcoe_scan,      ifreq,       none,      1)	\
	X(FCP_LLDPAD_SEND,    lldpad_send,    lldpad_send, none,      0)	\
	X(FCP_LLDPAD_CONNECT, lldpad_connect, none,        none,      0)	\
	X(FCP_FIP_SEND,       fip_send,       fip_send,    none,      0)	\
	X(FCP_VLAN_CREATE,    vlan_create,    vlan_create, none,      1)	\
	X(FCP_VLAN_DESTROY,   vlan_destroy,   ifreq,       none,      1)	\
	X(FCP_FIP_RESP,       fip_resp,       fip_resp,    none,      1)

/*
 * Every notice (actuator -> monitor only, seq 0, status 0), once:
 * X(type, name, fixed payload, bytes that may follow it).  A notice type
 * has no request row, so the monitor sending one is a violation; a
 * request type has no notice row, so the actuator cannot send one
 * unasked.  The payload is the fixed struct plus 0..max bytes, checked by
 * fcp_check_notice() as strictly as a request.
 */
#define FCP_NOTICES(X)							\
	X(FCP_SIGNAL,    signal,    signal,    0)			\
	X(FCP_FIP_FRAME, fip_frame, fip_frame, FCP_FIP_MAX)		\
	X(FCP_FIP_DROPS, fip_drops, fip_drops, 0)

enum fcp_mode { FCP_MODE_FABRIC = 0, FCP_MODE_VN2VN = 1 };

/* Why the monitor asks for a VLAN (doc/fip.md "Actuator"). */
enum fcp_vlan_why { FCP_VLAN_DISCOVERED = 1, FCP_VLAN_STATIC = 2 };

/*
 * Kernel FCoE control interface the actuator found (doc/kernel.md
 * "Which interface is used"): the fcoe
 * bus (3.9 and later), else libfcoe's module parameters (2.6.39 and later).
 */
enum fcp_kif { FCP_KIF_NONE = 0, FCP_KIF_BUS, FCP_KIF_LIBFCOE };

enum fcp_seccomp { FCP_SC_KILL = 0, FCP_SC_TRAP, FCP_SC_LOG };

/* The fixed, read-only lldpad queries
 * (doc/kernel.md "lldpad: session commands", "lldpad: DCB queries"). */
enum fcp_lq {
	FCP_LQ_ATTACH = 1,
	FCP_LQ_DETACH,
	FCP_LQ_PING,
	FCP_LQ_DCB_STATE,
	FCP_LQ_PFC_CONFIG,
	FCP_LQ_APP_CONFIG,
	FCP_LQ_PFC_OPER,
	FCP_LQ_APP_OPER,
	FCP_LQ_MAX
};

struct fcp_hdr {
	uint32_t magic;
	uint16_t version;
	uint16_t type;
	uint32_t seq;		/* requests: strictly increasing; replies echo */
	uint32_t len;		/* payload bytes, fixed per type */
	uint32_t flags;		/* zero in v1 */
	int32_t  status;	/* requests 0; replies 0 or a positive errno */
};

struct fcp_hello {
	uint32_t version;
	uint32_t pad;
};

/* Each field is shown by the monitor (log at start-up, fcoectl status). */
struct fcp_hello_rep {
	uint32_t version;
	uint32_t kif;		/* enum fcp_kif */
	uint32_t seccomp;	/* enum fcp_seccomp */
	int32_t  landlock_abi;	/* 0: not in force */
};

struct fcp_ifreq {		/* FCOE_DESTROY/ENABLE/DISABLE/RESET/SCAN */
	char ifname[FCP_IFNAMSIZ];
};

struct fcp_fcoe_create {
	char    ifname[FCP_IFNAMSIZ];
	uint8_t mode;		/* enum fcp_mode */
	uint8_t disabled;	/* 1: leave it disabled (made before link-up) */
	uint8_t pad[2];
};

struct fcp_lldpad_send {
	uint32_t kind;			/* enum fcp_lq */
	char     ifname[FCP_IFNAMSIZ];	/* all zero for attach/detach/ping */
};

struct fcp_signal {
	uint32_t signo;
	uint32_t pad;
};

/* Send one FIP VLAN request the actuator builds itself. */
struct fcp_fip_send {
	char    ifname[FCP_IFNAMSIZ];	/* a physical Ethernet interface */
	uint8_t mode;			/* enum fcp_mode: the destination */
	uint8_t pad[3];
};

/* Make the VLAN <ifname, vid>, named by the shared rule (proto/). */
struct fcp_vlan_create {
	char     ifname[FCP_IFNAMSIZ];	/* the real (parent) interface */
	uint16_t vid;			/* 1..4094 */
	uint8_t  why;			/* enum fcp_vlan_why */
	uint8_t  pad;
};

/* The kernel's VN2VN VLAN responder of the instance on ifname. */
struct fcp_fip_resp {
	char    ifname[FCP_IFNAMSIZ];	/* the FCoE instance's netdev */
	uint8_t on;			/* 0 or 1 */
	uint8_t pad[3];
};

/* Notice: one received frame; len bytes of it follow this struct. */
struct fcp_fip_frame {
	uint32_t ifindex;	/* where it came in */
	uint8_t  pkttype;	/* PACKET_HOST, _BROADCAST, _MULTICAST, _OTHERHOST */
	uint8_t  pad;
	uint16_t len;		/* FCP_FIP_MIN..FCP_FIP_MAX */
};

/* Notice: frames of one interface the rate limits dropped. */
struct fcp_fip_drops {
	uint32_t ifindex;	/* 0: interfaces beyond the actuator's table */
	uint32_t dropped;	/* since the previous notice for it */
	uint64_t total;		/* since the actuator started */
};

struct fcp_none {		/* an empty payload (GNU C: size 0) */
	uint8_t none[0];
};

_Static_assert(sizeof(struct fcp_hdr) == 24, "fcp_hdr");
_Static_assert(sizeof(struct fcp_hello) == 8, "fcp_hello");
_Static_assert(sizeof(struct fcp_hello_rep) == 16, "fcp_hello_rep");
_Static_assert(sizeof(struct fcp_ifreq) == 16, "fcp_ifreq");
_Static_assert(sizeof(struct fcp_fcoe_create) == 20, "fcp_fcoe_create");
_Static_assert(sizeof(struct fcp_lldpad_send) == 20, "fcp_lldpad_send");
_Static_assert(sizeof(struct fcp_signal) == 8, "fcp_signal");
_Static_assert(sizeof(struct fcp_fip_send) == 20, "fcp_fip_send");
_Static_assert(sizeof(struct fcp_vlan_create) == 20, "fcp_vlan_create");
_Static_assert(sizeof(struct fcp_fip_resp) == 20, "fcp_fip_resp");
_Static_assert(sizeof(struct fcp_fip_frame) == 8, "fcp_fip_frame");
_Static_assert(sizeof(struct fcp_fip_drops) == 16, "fcp_fip_drops");
_Static_assert(FCP_MAX_RECORD == sizeof(struct fcp_hdr) +
    sizeof(struct fcp_fip_frame) + FCP_FIP_MAX, "FCP_MAX_RECORD");
_Static_assert(sizeof(struct fcp_none) == 0, "fcp_none");
_Static_assert(offsetof(struct fcp_lldpad_send, ifname) == 4, "lq ifname");

/* Protocol row of one message type: what both sides agree on. */
struct fcp_msg {
	const char *name;
	uint32_t    req_size;
	uint32_t    rep_size;
	int         changes;	/* changes kernel state: audited at notice */
	int       (*validate)(const void *payload);	/* 0 or an errno */
};

/* Notice row: a fixed payload and up to max_extra bytes after it. */
struct fcp_notice {
	const char *name;
	uint32_t    size;	/* the fixed part */
	uint32_t    max_extra;
	int       (*validate)(const void *payload, size_t len);	/* 0 or EPROTO */
};

/* Why a frame is a violation; 0 means the frame is well formed. */
enum fcp_frame_err {
	FCP_FRAME_OK = 0,
	FCP_FRAME_SHORT,
	FCP_FRAME_MAGIC,
	FCP_FRAME_VERSION,
	FCP_FRAME_FLAGS,
	FCP_FRAME_STATUS,
	FCP_FRAME_TYPE,
	FCP_FRAME_LENGTH,
	FCP_FRAME_PAYLOAD,	/* a notice whose payload fails its check */
};

const struct fcp_msg *fcp_msg(unsigned type);
int         fcp_check_hdr(const void *buf, size_t n, struct fcp_hdr *h);
int         fcp_check_request(const void *buf, size_t n);
const struct fcp_notice *fcp_notice(unsigned type);
int         fcp_check_notice(const void *buf, size_t n);
const char *fcp_frame_err_str(int err);
int         fcp_validate(unsigned type, const void *payload);
int         fcp_ifname_valid(const char name[FCP_IFNAMSIZ]);
int         fcp_lldpad_format(unsigned kind, const char ifname[FCP_IFNAMSIZ],
	    char *out, size_t outsz);
const char *fcp_lq_name(unsigned kind);
const char *fcp_kif_name(unsigned kif);
const char *fcp_mode_name(unsigned mode);
const char *fcp_vlan_why_name(unsigned why);
const char *fcp_seccomp_name(unsigned mode);

#endif
