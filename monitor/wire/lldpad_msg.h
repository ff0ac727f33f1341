/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the parser of every datagram lldpad
 * sends on the client socket, command replies and DCB events alike
 * (doc/kernel.md "lldpad protocol").  Pure: no I/O, no allocation.
 *
 * The datagram is untrusted bytes, not a string: it is read with its
 * length, never NUL-terminated, and anything that does not match the
 * layout exactly is LLDPAD_MALFORMED with a reason, never a guess.
 */
#ifndef LLDPAD_MSG_H
#define LLDPAD_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LLDPAD_IFNAMSIZ	16	/* IFNAMSIZ: 15 characters and a NUL */
#define LLDPAD_MSG_MAX	4096	/* lldpad's MAX_CLIF_MSGBUF */
#define LLDPAD_NPRIO	8	/* user priorities */

/* cmd_status, openlldp include/lldpad_status.h
 * (doc/kernel.md "lldpad: replies and status codes"). */
enum lldpad_status {
	LLDPAD_ST_SUCCESS = 0x00,
	LLDPAD_ST_FAILED,
	LLDPAD_ST_DEVICE_NOT_FOUND,
	LLDPAD_ST_AGENT_NOT_FOUND,
	LLDPAD_ST_INVALID,
	LLDPAD_ST_BAD_PARAMS,
	LLDPAD_ST_PEER_NOT_PRESENT,
	LLDPAD_ST_VERS_NOT_COMPATIBLE,
	LLDPAD_ST_NOT_CAPABLE,
	LLDPAD_ST_NOT_APPLICABLE,
	LLDPAD_ST_NO_ACCESS,
	LLDPAD_ST_AGENT_NOT_SUPPORTED
};

/* DCB commands and features of 'C' messages
 * (doc/kernel.md "lldpad: DCB queries"). */
enum lldpad_cmd {
	LLDPAD_GET_CONFIG = 0x01,
	LLDPAD_SET_CONFIG = 0x02,
	LLDPAD_GET_OPER = 0x03,
	LLDPAD_GET_PEER = 0x04
};

enum lldpad_feature {
	LLDPAD_F_DCB = 0x01,
	LLDPAD_F_PG = 0x02,
	LLDPAD_F_PFC = 0x03,
	LLDPAD_F_BCN = 0x04,
	LLDPAD_F_APP = 0x05,
	LLDPAD_F_LLINK = 0x06,
	LLDPAD_F_DCBX = 0xfe,
	LLDPAD_F_PG_DESC = 0xff
};

#define LLDPAD_APP_FCOE		0	/* APP subtype of App:FCoE */
#define LLDPAD_CLIF_VERSION	3	/* 'C' messages */
#define LLDPAD_EV_VERSION	2	/* events */
#define LLDPAD_EV_LEVEL		5	/* MSG_EVENT, the DCB events */

enum lldpad_kind {
	LLDPAD_MALFORMED = 0,
	LLDPAD_REPLY,		/* "R" status, no echo: an early failure */
	LLDPAD_REPLY_DCB,	/* "R" status "C" echo [data]: a DCB query */
	LLDPAD_PONG,		/* "R" status "PPONG" [pid] */
	LLDPAD_ATTACHED,	/* "R" status "A" */
	LLDPAD_DETACHED,	/* "R" status "D" */
	LLDPAD_LEVEL,		/* "R" status "L" */
	LLDPAD_EVENT		/* "E" level version ... */
};

/*
 * The answer to a DCB query: the echo of the request, then (status 00
 * only) the data of the command and feature.  PFC fields serve both the
 * configuration (admin values) and the operational reply; APP fields both
 * App configuration and App operational.
 */
struct lldpad_dcb {
	uint8_t	version;		/* echoed clif version, always 3 */
	uint8_t	cmd;			/* enum lldpad_cmd */
	uint8_t	feature;		/* enum lldpad_feature */
	uint8_t	subtype;		/* APP subtype, 0 = FCoE */
	char	ifname[LLDPAD_IFNAMSIZ];/* NUL-terminated */
	bool	decoded;		/* status 00: fields below are set */
	size_t	ignored;		/* status != 00: bytes after the echo */

	bool	dcb_state;		/* GET_CONFIG DCB */
	bool	enable;			/* GET_CONFIG PFC, APP */
	bool	advertise;
	bool	willing;
	uint8_t	oper_version;		/* GET_OPER PFC, APP */
	uint8_t	max_version;
	uint8_t	error;			/* LLDPAD_ERR_* bits */
	bool	oper_mode;
	bool	syncd;
	uint8_t	pfc[LLDPAD_NPRIO];	/* PFC: 0 off, 1 on, 2 invalid */
	uint8_t	pfcup;			/* PFC: bit i set iff pfc[i] == 1 */
	int	num_tcs;		/* PFC: -1 when not supplied ('x') */
	uint8_t	app_len;		/* APP: AppData bytes */
	uint8_t	appcfg;			/* APP: first AppData byte, 0 if none */
};

/* Error flags of a GET_OPER reply
 * (doc/kernel.md "lldpad: DCB answers", print_errors). */
#define LLDPAD_ERR_MISMATCH	0x01
#define LLDPAD_ERR_CONFIG	0x02
#define LLDPAD_ERR_MULTI_TLV	0x04
#define LLDPAD_ERR_PEER		0x08
#define LLDPAD_ERR_MULTI_PEER	0x10
#define LLDPAD_ERR_NO_PEER_FEAT	0x20

struct lldpad_event {
	uint8_t	level;			/* decimal digit, 5 for DCB events */
	uint8_t	version;		/* always 2 */
	char	ifname[LLDPAD_IFNAMSIZ];
	uint8_t	feature;
	uint8_t	subtype;
	bool	mode_changed;		/* operational mode changed */
	bool	config_changed;		/* operational configuration changed */
};

struct lldpad_msg {
	enum lldpad_kind kind;
	/*
	 * Replies (every kind but EVENT, and MALFORMED with answer set):
	 * lldpad answers each request with exactly one "R" datagram, so even
	 * a malformed one tells the caller its request in flight is answered.
	 */
	bool		answer;		/* began with 'R' */
	bool		has_status;	/* status below was parsed */
	unsigned	status;		/* 0x00..0xff, enum lldpad_status */
	char		echo;		/* echoed command char, '\0' if none */
	struct lldpad_dcb dcb;		/* LLDPAD_REPLY_DCB */
	long		pid;		/* LLDPAD_PONG: lldpad's pid, -1 none */
	struct lldpad_event ev;		/* LLDPAD_EVENT */
	const char	*reason;	/* LLDPAD_MALFORMED: static text */
	const char	*field;		/* LLDPAD_MALFORMED: field, or NULL */
	size_t		at;		/* LLDPAD_MALFORMED: byte offset */
};

enum lldpad_kind lldpad_msg_parse(const void *buf, size_t len,
		    struct lldpad_msg *m);

const char	*lldpad_kind_str(enum lldpad_kind);
const char	*lldpad_status_str(unsigned);
const char	*lldpad_feature_str(unsigned);
const char	*lldpad_cmd_str(unsigned);

#endif /* LLDPAD_MSG_H */
