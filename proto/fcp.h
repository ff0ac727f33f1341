/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Shared by both processes: the monitor<->actuator wire
 * format (doc/design.md "Monitor-actuator protocol").
 *
 * One SOCK_SEQPACKET record per message: a fixed header and a fixed-size
 * payload whose size depends only on the type.  Host byte order: both ends
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

/* Fixed descriptors of the actuator and of the exec'd monitor. */
#define FCP_FD_IPC	3
#define FCP_FD_LLDPAD	4
#define FCP_FD_CLIF	5	/* @fcm_clif from systemd, when it passed one */

enum fcp_type {
	FCP_HELLO = 1,
	FCP_FCOE_CREATE,
	FCP_FCOE_DESTROY,
	FCP_FCOE_ENABLE,
	FCP_FCOE_DISABLE,
	FCP_FCOE_RESET,
	FCP_FCOE_SCAN,
	FCP_VLAN_CREATE,
	FCP_VLAN_DESTROY,
	FCP_LLDPAD_SEND,
	FCP_LLDPAD_CONNECT,
	FCP_SIGNAL,		/* notice, actuator -> monitor, never a request */
	FCP_TYPE_MAX
};

enum fcp_mode { FCP_MODE_FABRIC = 0, FCP_MODE_VN2VN = 1 };

/* Kernel FCoE control interface the actuator found
 * (doc/kernel.md "Which interface is used"). */
enum fcp_kif { FCP_KIF_NONE = 0, FCP_KIF_BUS, FCP_KIF_LIBFCOE, FCP_KIF_FCOE };

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

/* hello_rep.sandbox bits */
#define FCP_SB_CAPS	0x01	/* capabilities reduced to CAP_NET_ADMIN */
#define FCP_SB_NNP	0x02	/* no_new_privs */
#define FCP_SB_SECCOMP	0x04	/* seccomp filter loaded */
#define FCP_SB_LANDLOCK	0x08	/* Landlock ruleset enforced */

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

struct fcp_hello_rep {
	uint32_t version;
	uint32_t kif;		/* enum fcp_kif at start-up */
	uint32_t sandbox;	/* FCP_SB_* */
	uint32_t seccomp;	/* enum fcp_seccomp */
	int32_t  landlock_abi;	/* 0: not in force */
	uint32_t pad;
};

struct fcp_ifreq {		/* FCOE_DESTROY/ENABLE/DISABLE/RESET/SCAN, VLAN_DESTROY */
	char ifname[FCP_IFNAMSIZ];
};

struct fcp_fcoe_create {
	char    ifname[FCP_IFNAMSIZ];
	uint8_t mode;		/* enum fcp_mode */
	uint8_t disabled;	/* 1: leave it disabled (made before link-up) */
	uint8_t pad[2];
};

struct fcp_vlan_create {
	char     ifname[FCP_IFNAMSIZ];	/* real interface */
	uint16_t vid;			/* 1..4094 */
	uint16_t pad;
};

struct fcp_vlan_rep {
	char ifname[FCP_IFNAMSIZ];	/* "<if>.<vid>-fcoe" */
};

struct fcp_lldpad_send {
	uint32_t kind;			/* enum fcp_lq */
	char     ifname[FCP_IFNAMSIZ];	/* all zero for attach/detach/ping */
};

struct fcp_signal {
	uint32_t signo;
	uint32_t pad;
};

_Static_assert(sizeof(struct fcp_hdr) == 24, "fcp_hdr");
_Static_assert(sizeof(struct fcp_hello) == 8, "fcp_hello");
_Static_assert(sizeof(struct fcp_hello_rep) == 24, "fcp_hello_rep");
_Static_assert(sizeof(struct fcp_ifreq) == 16, "fcp_ifreq");
_Static_assert(sizeof(struct fcp_fcoe_create) == 20, "fcp_fcoe_create");
_Static_assert(sizeof(struct fcp_vlan_create) == 20, "fcp_vlan_create");
_Static_assert(sizeof(struct fcp_vlan_rep) == 16, "fcp_vlan_rep");
_Static_assert(sizeof(struct fcp_lldpad_send) == 20, "fcp_lldpad_send");
_Static_assert(sizeof(struct fcp_signal) == 8, "fcp_signal");
_Static_assert(offsetof(struct fcp_vlan_create, vid) == 16, "vid offset");
_Static_assert(offsetof(struct fcp_lldpad_send, ifname) == 4, "lq ifname");

/* Protocol row of one message type: what both sides agree on. */
struct fcp_msg {
	const char *name;
	uint32_t    req_size;
	uint32_t    rep_size;
	int       (*validate)(const void *payload);	/* 0 or an errno */
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
};

const struct fcp_msg *fcp_msg(unsigned type);
int         fcp_check_request(const void *buf, size_t n);
int         fcp_check_reply(const void *buf, size_t n, unsigned type,
	    uint32_t seq);
const char *fcp_frame_err_str(int err);
int         fcp_validate(unsigned type, const void *payload);
int         fcp_ifname_valid(const char name[FCP_IFNAMSIZ]);
int         fcp_vlan_name(const char real[FCP_IFNAMSIZ], unsigned vid,
	    char out[FCP_IFNAMSIZ]);
int         fcp_lldpad_format(unsigned kind, const char ifname[FCP_IFNAMSIZ],
	    char *out, size_t outsz);
const char *fcp_lq_name(unsigned kind);
const char *fcp_kif_name(unsigned kif);
const char *fcp_mode_name(unsigned mode);
const char *fcp_seccomp_name(unsigned mode);

#endif
