/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * libFuzzer target (clang -fsanitize=fuzzer,address,undefined), no process
 * role: the FIP VLAN discovery parser (monitor/wire/fip.c), requests and
 * notifications alike, the discovery state machine it feeds
 * (monitor/engine/fipdisc.c) and the VLAN name parser (common/vlan_name.c).
 *
 * The input is one frame, in a heap block of exactly its size so ASan sees
 * any read past it.  The parser's promises are restated and checked: what
 * it accepts rebuilds to the same VIDs, what it rejects leaves nothing; the
 * state machine's add/del are exactly the change of the set offered, also
 * across link flaps, kicks and DELLINK.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/vlan_name.h"
#include "monitor/engine/fipdisc.h"
#include "monitor/wire/fip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#include "tests/fuzz/fuzz_check.h"

static struct fipdisc disc[2];	/* a fabric and a VN2VN entry, kept up */
static uint64_t now;

/*
 * The actuator's permission check agrees with the parser: every VID of an
 * accepted notification is offered, and a VID it does not list is not.
 */
static void
check_offers(const struct fip_vlan_msg *m, const uint8_t *d, size_t n)
{
	unsigned probe = (unsigned)(d[n - 1] | d[n / 2] << 8) & 0xfff;
	size_t i;
	bool listed = false;

	for (i = 0; i < m->nvid; i++) {
		CHECK(fip_offers(d, n, m->vid[i]) ==
		    (m->subcode != FIP_SC_VLAN_REQ));
		listed |= m->vid[i] == probe;
	}
	CHECK(fip_offers(d, n, probe) == (listed &&
	    m->subcode != FIP_SC_VLAN_REQ));
}

static void
check_accepted(const struct fip_vlan_msg *m, const uint8_t *d, size_t n)
{
	static uint8_t b[FIP_FRAME_MAX];
	static struct fip_vlan_msg again;
	uint16_t uniq[FIP_VIDS_MAX];
	size_t i, j, nu = 0, len;

	CHECK(n >= FIP_DESC_OFF + 8);
	CHECK(m->subcode >= 1 && m->subcode <= 3 && m->subcode == d[19]);
	CHECK(fip_mac_unicast(m->mac) && fip_mac_unicast(m->src));
	CHECK(memcmp(m->src, d + 6, 6) == 0 && memcmp(m->dst, d, 6) == 0);
	CHECK(m->nvid <= FIP_VIDS_MAX && m->nprio <= m->nvid);
	CHECK(m->subcode != FIP_SC_VLAN_REQ || m->nvid == 0);
	CHECK((size_t)(d[20] << 8 | d[21]) * 4 >= 8 + 4u * m->nvid);
	for (i = 0; i < m->nvid; i++) {
		CHECK(m->vid[i] <= FIP_VID_MAX);
		for (j = 0; j < nu && uniq[j] != m->vid[i]; j++)
			;
		if (j == nu)
			uniq[nu++] = m->vid[i];
	}
	if (m->subcode == FIP_SC_VLAN_REQ || nu == 0 ||
	    !fip_mac_unicast(m->dst))
		return;
	/* rebuilt from what was understood, it parses to the same */
	len = fip_build_note(b, sizeof(b), (enum fip_subcode)m->subcode,
	    m->mac, m->dst, uniq, nu, NULL);
	CHECK(len == FIP_DESC_OFF + 8 + 4 * nu);
	CHECK(fip_parse(b, len, &again, NULL) == FIP_OK);
	CHECK(again.nvid == nu && memcmp(again.vid, uniq, 2 * nu) == 0);
}

static void
check_rejected(const struct fip_vlan_msg *m, const struct fip_perr *e,
    size_t n)
{
	static const struct fip_vlan_msg zero;

	CHECK(e->code > FIP_OK && e->code < FIP_E_COUNT);
	CHECK(e->at <= n);
	CHECK(memcmp(m, &zero, sizeof(zero)) == 0);
	CHECK(strlen(fip_strerror(e->code)) > 10);
}

/* The state machine's promises after any notification. */
static void
feed(struct fipdisc *dd, const struct fip_vlan_msg *m)
{
	static struct fipdisc_out o;
	static struct fipdisc before;
	unsigned i;

	fipdisc_timer(dd, now, &o);
	CHECK(o.next_ms > now);
	before = *dd;
	fipdisc_note(dd, now, m, &o);
	CHECK(dd->noffered <= FIPDISC_VIDS_CAP);
	CHECK(dd->npeer <= FIPDISC_PEERS_MAX);
	CHECK(dd->state != FIPDISC_IDLE && dd->next_ms > now);
	if (o.ignored != FIPDISC_IGN_NONE) {
		CHECK(o.nadd == 0 && o.ndel == 0 && o.event == FIPDISC_EV_NONE);
		CHECK(dd->noffered == before.noffered);
		return;
	}
	/* all 4096 VIDs, eight to a byte (one call per VID cost more than
	 * the rest of the target together) */
	for (i = 0; i < sizeof(o.add.bit); i++) {
		CHECK(o.add.bit[i] == (dd->offered.bit[i] &
		    ~before.offered.bit[i]));
		CHECK(o.del.bit[i] == (before.offered.bit[i] &
		    ~dd->offered.bit[i]));
	}
	CHECK(sizeof(o.add.bit) * 8 == 4096);
	CHECK((dd->state == FIPDISC_FOUND) == (dd->noffered > 0));
}

/* Link flaps, kicks and DELLINK between frames, chosen by a byte. */
static void
churn(struct fipdisc *dd, uint8_t op)
{
	static struct fipdisc_out o;
	unsigned had = dd->noffered;

	switch (op % 8) {
	case 0:
		fipdisc_link(dd, now, false, &o);
		CHECK(o.event == FIPDISC_EV_STOPPED && o.ndel == 0);
		CHECK(o.next_ms == FIPDISC_NO_TIMER && dd->noffered == had);
		fipdisc_link(dd, now, true, &o);
		CHECK(o.send && o.event == FIPDISC_EV_SOLICITING);
		break;
	case 1:
		fipdisc_kick(dd, now, &o);
		CHECK(o.send && dd->state == FIPDISC_SOLICITING);
		break;
	case 2:
		fipdisc_forget(dd, &o);
		CHECK(o.ndel == had && dd->noffered == 0 && dd->npeer == 0);
		fipdisc_link(dd, now, true, &o);
		CHECK(o.send);
		break;
	default:
		break;
	}
}

/* The input read as an interface name, checked against the namer. */
static void
check_name(const uint8_t *d, size_t n)
{
	char name[FIP_VLAN_NAMSIZ], p[FIP_VLAN_NAMSIZ], again[FIP_VLAN_NAMSIZ];
	enum fip_vlan_form form;
	unsigned vid;

	if (n >= sizeof(name) || memchr(d, '\0', n) != NULL)
		return;
	memcpy(name, d, n);
	name[n] = '\0';
	if (fip_vlan_name_parse(name, p, &vid, &form) != 0)
		return;
	CHECK(vid >= 1 && vid <= 4094 && strlen(name) == n);
	if (form == FIP_VLAN_LONG && fip_vlan_name(p, vid, again) == 0)
		CHECK(strcmp(again, name) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fip_vlan_msg m;
	static struct fipdisc_out o;
	struct fip_perr e;
	uint8_t *frame;

	if (now == 0) {
		fipdisc_init(&disc[0], 2, FIP_MODE_FABRIC);
		fipdisc_init(&disc[1], 3, FIP_MODE_VN2VN);
		fipdisc_link(&disc[0], ++now, true, &o);
		fipdisc_link(&disc[1], now, true, &o);
	}
	frame = malloc(size ? size : 1);
	if (frame == NULL)
		return 0;
	memcpy(frame, data, size);
	if (fip_parse(frame, size, &m, &e) == FIP_OK) {
		check_accepted(&m, frame, size);
		check_offers(&m, frame, size);
		now += 100;
		feed(&disc[0], &m);
		feed(&disc[1], &m);
		churn(&disc[size % 2], frame[size - 1]);
	} else {
		check_rejected(&m, &e, size);
		(void)fip_offers(frame, size, size);	/* reads in bounds */
	}
	check_name(frame, size);
	free(frame);
	return 0;
}
