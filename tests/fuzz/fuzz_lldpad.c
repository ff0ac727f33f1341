/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * libFuzzer target (clang -fsanitize=fuzzer,address,undefined), no process
 * role: the monitor's lldpad datagram parser (monitor/wire/lldpad_msg.c) and the
 * DCB engine it feeds (monitor/dcb/dcb.c), the code lldpad's bytes reach.
 *
 * The input is one datagram, handed over in a heap block of exactly its
 * size so ASan sees any read past it.  Besides "no crash", the parser's
 * promises are restated and checked independently.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/dcb/dcb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#include "tests/fuzz/fuzz_check.h"

static void
check_name(const char n[LLDPAD_IFNAMSIZ], const uint8_t *at, size_t avail)
{
	size_t len = strnlen(n, LLDPAD_IFNAMSIZ);
	size_t i;

	CHECK(len >= 1 && len < LLDPAD_IFNAMSIZ);
	CHECK(len <= avail);
	CHECK(memcmp(n, at, len) == 0);
	for (i = 0; i < len; i++)
		CHECK((unsigned char)n[i] > ' ' && n[i] != 0x7f &&
		    n[i] != '/' && n[i] != ':');
}

/* What lldpad_msg_parse() promises about a result, restated. */
static void
check_msg(const struct lldpad_msg *m, const uint8_t *d, size_t n)
{
	switch (m->kind) {
	case LLDPAD_MALFORMED:
		CHECK(m->reason != NULL);
		CHECK(m->at <= n);
		CHECK(m->dcb.ifname[0] == '\0' && m->ev.ifname[0] == '\0');
		CHECK(m->answer == (n > 0 && n <= LLDPAD_MSG_MAX &&
		    d[0] == 'R'));
		break;
	case LLDPAD_REPLY:
		CHECK(n == 3 && d[0] == 'R' && m->echo == '\0');
		break;
	case LLDPAD_ATTACHED:
	case LLDPAD_DETACHED:
	case LLDPAD_LEVEL:
		CHECK(n == 4 && d[3] == (uint8_t)m->echo);
		break;
	case LLDPAD_PONG:
		CHECK(n >= 8 && memcmp(d + 3, "PPONG", 5) == 0);
		CHECK(m->pid == -1 ? n == 8 : m->pid > 0);
		break;
	case LLDPAD_REPLY_DCB:
		CHECK(n >= 14 && d[3] == 'C' && m->dcb.version == 3);
		check_name(m->dcb.ifname, d + 13, n - 13);
		CHECK(m->dcb.decoded == (m->status == 0));
		CHECK(m->dcb.ignored <= n - 13 - strlen(m->dcb.ifname));
		CHECK(m->dcb.num_tcs >= -1 && m->dcb.num_tcs <= 15);
		break;
	case LLDPAD_EVENT:
		CHECK(d[0] == 'E' && !m->answer && m->ev.version == 2);
		check_name(m->ev.ifname, d + 5, n - 5);
		CHECK(n == 11 + strlen(m->ev.ifname));
		break;
	default:
		CHECK(0);
	}
	if (m->kind != LLDPAD_MALFORMED && m->kind != LLDPAD_EVENT)
		CHECK(m->answer && m->has_status && m->status <= 0xff);
}

static void
explain(const struct dcb_netif *n, uint64_t now)
{
	char big[512], small[7];
	int len = dcb_netif_explain(n, now, big, sizeof(big));

	CHECK(len > 0 && (size_t)len < sizeof(big));
	CHECK(strlen(big) == (size_t)len);
	CHECK(dcb_netif_explain(n, now, small, sizeof(small)) == len);
	CHECK(strlen(small) == sizeof(small) - 1);
}

/* Feed the message to a sequence in every state it can be in. */
static void
drive(const struct lldpad_msg *m)
{
	const char *name = m->kind == LLDPAD_EVENT ? m->ev.ifname :
	    m->kind == LLDPAD_REPLY_DCB ? m->dcb.ifname : "eth2";
	struct dcb_netif n;
	struct dcb_in in = { .links_up = true, .dcb_required = true };
	enum dcb_step s, q;
	enum dcb_rx rx;
	uint64_t at;

	for (s = DCB_OFF; s <= DCB_GAVE_UP; s++) {
		dcb_netif_init(&n, name);
		dcb_netif_link(&n, true);
		n.step = s;
		n.retries = (unsigned)s % (DCB_MAX_RETRIES + 1);
		dcb_netif_sent(&n);
		rx = dcb_netif_reply(&n, m);
		CHECK(rx == DCB_RX_IGNORED || m->answer);
		if (rx == DCB_RX_NEXT)
			CHECK(dcb_netif_query(&n, &q) && q == n.step);
		dcb_netif_event(&n, m);
		dcb_netif_settle(&n, 1000);
		CHECK(n.retries <= DCB_MAX_RETRIES);
		if (dcb_netif_next_timer(&n, &at))
			CHECK(at > 1000 && at <= 1000 + 2000);
		dcb_netif_in(&n, &in);
		dcb_decide(&in, NULL);
		explain(&n, 1100);
		dcb_netif_timer(&n, 5000);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lldpad_msg m, again;
	uint8_t *copy = malloc(size ? size : 1);

	CHECK(copy != NULL);
	if (size)
		memcpy(copy, data, size);
	lldpad_msg_parse(copy, size, &m);
	check_msg(&m, copy, size);
	CHECK(lldpad_msg_parse(copy, size, &again) == m.kind);
	drive(&m);
	free(copy);
	return 0;
}
