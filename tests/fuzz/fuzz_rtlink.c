/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * libFuzzer target (clang -fsanitize=fuzzer,address,undefined), no process
 * role: the monitor's link message parser (monitor/wire/rtlink.c), which
 * every RTNLGRP_LINK notification and RTM_GETLINK dump reaches.
 *
 * The input is one datagram in a heap block of exactly its size, so ASan
 * sees any read past it; it is walked message by message as links.c does.
 * Besides "no crash", the parser's promises are restated and checked
 * independently.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/wire/rtlink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#include "tests/fuzz/fuzz_check.h"

static void
check_msg(const struct rtlink_msg *m, const uint8_t *buf, size_t left)
{
	CHECK(m->msg_len > 0 && m->msg_len <= left);
	CHECK(m->kind >= RTLINK_MALFORMED && m->kind <= RTLINK_ERROR);
	if (m->kind == RTLINK_MALFORMED || m->kind == RTLINK_IGNORED) {
		CHECK(m->why != NULL && m->why[0] != '\0');
		CHECK(m->ifindex == 0 && m->name[0] == '\0' &&
		      m->link_kind[0] == '\0' && !m->has_vid);
		return;
	}
	if (m->kind == RTLINK_ERROR) {
		CHECK(m->kernel_errno >= 0 && m->kernel_errno <= 4095);
		return;
	}
	if (m->kind == RTLINK_DONE)
		return;
	/* NEW, DEL: a link of family AF_UNSPEC (byte 16 of the message) */
	CHECK(left >= 32 && buf[16] == 0);
	CHECK(m->ifindex > 0);
	CHECK(memchr(m->name, '\0', sizeof(m->name)) != NULL);
	CHECK(strlen(m->name) < RTLINK_IFNAMSIZ);
	CHECK(m->kind == RTLINK_DEL || m->name[0] != '\0');
	CHECK(memchr(m->link_kind, '\0', sizeof(m->link_kind)) != NULL);
	CHECK(!m->has_vid || strcmp(m->link_kind, "vlan") == 0);
	CHECK(m->vid <= RTLINK_VID_MAX);
	CHECK(m->has_vid || m->vid == 0);
	CHECK(m->has_operstate || m->operstate == 0);
	/* the name is the bytes of some IFLA_IFNAME in the message */
	if (m->name[0] != '\0')
		CHECK(memmem(buf, m->msg_len, m->name, strlen(m->name) + 1) != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	struct rtlink_msg m;
	size_t off = 0;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	while (off < size) {
		rtlink_parse(copy + off, size - off, &m);
		check_msg(&m, copy + off, size - off);
		off += m.msg_len;
	}
	rtlink_parse(copy, 0, &m);	/* the empty datagram */
	CHECK(m.kind == RTLINK_MALFORMED && m.msg_len == 0);
	free(copy);
	return 0;
}
