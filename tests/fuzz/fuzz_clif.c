/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * libFuzzer target (clang -fsanitize=fuzzer,address,undefined): the
 * monitor's reading of fcoeadm's @fcm_clif datagrams (monitor/wire/clif_msg.c), which
 * any local process can send, and the 4-byte replies it writes back.
 *
 * The input is one datagram, handed over in a heap copy of exactly its
 * size so ASan sees any read past it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/wire/clif_msg.h"
#include "proto/fcp.h"

#include "tests/fuzz/fuzz_check.h"

static void
check_parsed(const uint8_t *data, size_t size, const struct clif_req *r)
{
	const char *nul = memchr(r->ifname, '\0', sizeof(r->ifname));
	size_t i;

	CHECK(size >= CLIF_REQ_MIN && size <= CLIF_REQ_SIZE);
	CHECK(r->cmd > CLIF_NONE && r->cmd <= CLIF_PID);
	CHECK(strcmp(clif_cmd_name((unsigned)r->cmd), "unknown") != 0);
	CHECK(r->flags <= FCP_MODE_VN2VN);
	if (size < CLIF_REQ_SIZE)
		CHECK(r->flags == 0);	/* a short request has no flags */
	else
		CHECK(memcmp(&r->flags, data + 20, 4) == 0);
	CHECK(memcmp(&r->cmd, data, 4) == 0);
	CHECK(nul != NULL);
	for (i = (size_t)(nul - r->ifname); i < sizeof(r->ifname); i++)
		CHECK(r->ifname[i] == '\0');
	if (r->cmd != CLIF_PID) {
		CHECK(fcp_ifname_valid(r->ifname));
		CHECK(memcmp(r->ifname, data + 4, strlen(r->ifname) + 1) == 0);
	}
}

static void
check_reply(unsigned st)
{
	char *out = malloc(CLIF_REPLY_SIZE);
	size_t i;

	CHECK(out != NULL);
	clif_reply((enum clif_status)st, out);
	CHECK(memchr(out, '\0', CLIF_REPLY_SIZE) != NULL);
	CHECK(out[0] != '\0');
	for (i = 0; out[i] != '\0'; i++)
		CHECK(out[i] >= '0' && out[i] <= '9');
	CHECK(i == 1 || out[0] != '0');		/* no leading zero */
	CHECK(atoi(out) == (int)st);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *dg = malloc(size ? size : 1);
	struct clif_req r;
	enum clif_status st;
	int32_t err = 0;

	CHECK(dg != NULL);
	if (size)
		memcpy(dg, data, size);
	st = clif_parse(dg, size, &r);
	CHECK(st == CLIF_SUCCESS || st == CLIF_EFAIL ||
	    st == CLIF_EBADCLIFMSG || st == CLIF_ENOETHDEV);
	CHECK(strcmp(clif_status_name(st), "unknown") != 0);
	if (st == CLIF_SUCCESS)
		check_parsed(data, size, &r);
	else if (size < CLIF_REQ_MIN || size > CLIF_REQ_SIZE)
		CHECK(st == CLIF_EBADCLIFMSG);
	check_reply(st);
	if (size > 0)
		check_reply(data[0] % 100);
	if (size >= 4)
		memcpy(&err, data, sizeof(err));
	st = clif_status_of_errno(err);
	CHECK(st <= CLIF_EBADCLIFMSG);
	CHECK(err != 0 || st == CLIF_SUCCESS);
	check_reply(st);
	free(dg);
	return 0;
}
