/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * libFuzzer target (clang -fsanitize=fuzzer,address,undefined), no process
 * role: the monitor's dcbnl message parser (monitor/wire/dcbnl.c), the code
 * the kernel's RTM_GETDCB replies and RTNLGRP_DCB notifications reach.
 *
 * The input is one datagram in a heap block of exactly its size, so ASan
 * sees any read past it.  Besides "no crash", the parser's promises are
 * restated and checked independently.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/wire/dcbnl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#include "tests/fuzz/fuzz_check.h"

static void
check_info(const struct dcbnl_info *in, size_t size)
{
	uint8_t mask = 0;
	unsigned i;

	CHECK(in->kind == DCBNL_MALFORMED || in->kind == DCBNL_KERNEL_ERROR ||
	    in->kind == DCBNL_MESSAGE);
	if (in->kind == DCBNL_MALFORMED) {
		CHECK(in->why != NULL && in->why[0] != '\0');
		return;
	}
	CHECK(in->msg_len >= 16 && in->msg_len <= size);
	if (in->kind == DCBNL_KERNEL_ERROR) {
		CHECK(in->kernel_errno > 0 && in->kernel_errno <= 4095);
		return;
	}
	CHECK(memchr(in->ifname, '\0', sizeof(in->ifname)) != NULL);
	CHECK(in->napps <= DCBNL_MAX_APPS);
	CHECK(in->has_apps || in->napps == 0);
	for (i = 0; i < in->napps; i++) {
		CHECK(in->apps[i].priority < DCBNL_NPRIO);
		if (in->apps[i].selector == 1 && in->apps[i].protocol == DCBNL_ETH_P_FCOE)
			mask |= (uint8_t)(1u << in->apps[i].priority);
	}
	CHECK(mask == in->fcoe_prio_mask);
	if (mask == 0)
		CHECK(in->fcoe_prio == -1);
	else
		CHECK(in->fcoe_prio >= 0 && in->fcoe_prio < 8 &&
		    (mask & (1u << in->fcoe_prio)) && !(mask & ((1u << in->fcoe_prio) - 1)));
	CHECK(!in->has_san_mac || in->has_perm_addr);
	CHECK(!(in->has_pfc || in->has_ets || in->has_apps) || in->has_ieee);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dcbnl_info info;
	uint8_t *copy = malloc(size ? size : 1);

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	dcbnl_parse(copy, size, &info);
	check_info(&info, size);
	free(copy);
	return 0;
}
