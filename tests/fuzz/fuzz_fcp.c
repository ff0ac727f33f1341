/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * libFuzzer target (clang -fsanitize=fuzzer,address,undefined): the
 * actuator's frame and payload validation and the monitor's reply check,
 * all of proto/fcp.c and monitor/wire/fcp_reply.c that untrusted bytes
 * reach.
 *
 * The input is treated as one SEQPACKET record.  Every buffer handed to the
 * code under test is a heap copy of exactly the size the caller would have,
 * so ASan sees any read past a payload, a name or an output buffer.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/fcp.h"
#include "monitor/wire/fcp_reply.h"

#include "tests/fuzz/fuzz_check.h"

static void *
dup_exact(const void *p, size_t n)
{
	void *d = malloc(n ? n : 1);

	CHECK(d != NULL);
	if (n)
		memcpy(d, p, n);
	return d;
}

static int
allowed_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' ||
	    c == '-';
}

/* What fcp_ifname_valid() promises, restated independently. */
static int
name_ok(const char n[FCP_IFNAMSIZ])
{
	size_t len = 0, i;

	while (len < FCP_IFNAMSIZ && n[len] != '\0')
		len++;
	if (len == 0 || len == FCP_IFNAMSIZ)
		return 0;
	for (i = len; i < FCP_IFNAMSIZ; i++)
		if (n[i] != '\0')
			return 0;
	for (i = 0; i < len; i++)
		if (!allowed_char(n[i]))
			return 0;
	if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
		return 0;
	return 1;
}

/* One 16-byte heap block for every window, allocated once: a read past
 * it is still caught, without an allocation (and ASan's stack capture) for
 * each of up to 64 windows per input. */
static void
check_name(const char *src)
{
	static char *n;
	int v;

	if (n == NULL)
		n = dup_exact(src, FCP_IFNAMSIZ);
	memcpy(n, src, FCP_IFNAMSIZ);
	v = fcp_ifname_valid(n);
	CHECK(v == 0 || v == 1);
	CHECK(v == name_ok(n));
}

static int
all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--)
		if (*c++)
			return 0;
	return 1;
}

/* lldpad formatting into an exact-size heap buffer. */
static void
check_lldpad(unsigned kind, const char *ifname, size_t outsz)
{
	char *name = dup_exact(ifname, FCP_IFNAMSIZ);
	char *out = malloc(outsz ? outsz : 1);
	char big[64];
	int n, nb;

	CHECK(out != NULL);
	n = fcp_lldpad_format(kind, name, out, outsz);
	nb = fcp_lldpad_format(kind, name, big, sizeof(big));
	CHECK(nb == -EINVAL || (nb > 0 && nb < (int)sizeof(big)));
	if (nb == -EINVAL) {
		CHECK(n == -EINVAL);
	} else {
		CHECK(kind >= FCP_LQ_ATTACH && kind < FCP_LQ_MAX);
		if ((size_t)nb < outsz) {
			CHECK(n == nb);
			CHECK(memcmp(out, big, (size_t)nb) == 0);
		} else {
			CHECK(n == -ENOSPC);
		}
		if (kind <= FCP_LQ_PING) {
			CHECK(all_zero(name, FCP_IFNAMSIZ));
			CHECK(nb == 1 && strchr("ADP", big[0]) != NULL);
		} else {
			size_t l = strlen(name);
			char len[3];

			CHECK(name_ok(name));
			CHECK((size_t)nb == 10 + l);
			CHECK(big[0] == 'C' && big[1] == '3');
			snprintf(len, sizeof(len), "%02x", (unsigned)l);
			CHECK(memcmp(big + 8, len, 2) == 0);
			CHECK(memcmp(big + 10, name, l) == 0);
		}
	}
	free(out);
	free(name);
}

static void
check_valid_payload(unsigned type, const unsigned char *p)
{
	switch (type) {
	case FCP_HELLO: {
		const struct fcp_hello *h = (const void *)p;
		CHECK(h->version == FCP_VERSION && h->pad == 0);
		break;
	}
	case FCP_FCOE_CREATE: {
		const struct fcp_fcoe_create *c = (const void *)p;
		CHECK(name_ok(c->ifname));
		CHECK(c->mode == FCP_MODE_FABRIC || c->mode == FCP_MODE_VN2VN);
		CHECK(all_zero(c->pad, sizeof(c->pad)));
		CHECK(strcmp(fcp_mode_name(c->mode), "unknown") != 0);
		break;
	}
	case FCP_FCOE_DESTROY: case FCP_FCOE_ENABLE: case FCP_FCOE_DISABLE:
	case FCP_FCOE_RESET: case FCP_FCOE_SCAN:
		CHECK(name_ok((const char *)p));
		break;
	case FCP_LLDPAD_SEND: {
		const struct fcp_lldpad_send *s = (const void *)p;
		char out[64];
		CHECK(s->kind >= FCP_LQ_ATTACH && s->kind < FCP_LQ_MAX);
		CHECK(strcmp(fcp_lq_name(s->kind), "unknown") != 0);
		CHECK(fcp_lldpad_format(s->kind, s->ifname, out,
		    sizeof(out)) > 0);
		break;
	}
	case FCP_LLDPAD_CONNECT:
		break;
	case FCP_FIP_SEND: {
		const struct fcp_fip_send *f = (const void *)p;
		CHECK(name_ok(f->ifname) && f->mode <= FCP_MODE_VN2VN);
		CHECK(all_zero(f->pad, sizeof(f->pad)));
		break;
	}
	case FCP_VLAN_CREATE: {
		const struct fcp_vlan_create *v = (const void *)p;
		CHECK(name_ok(v->ifname) && v->vid >= 1 && v->vid <= 4094);
		CHECK(strcmp(fcp_vlan_why_name(v->why), "unknown") != 0);
		CHECK(v->pad == 0);
		break;
	}
	case FCP_VLAN_DESTROY:
		CHECK(name_ok((const char *)p));
		break;
	case FCP_FIP_RESP: {
		const struct fcp_fip_resp *r = (const void *)p;
		CHECK(name_ok(r->ifname) && r->on <= 1);
		CHECK(all_zero(r->pad, sizeof(r->pad)));
		break;
	}
	case FCP_SD_READY: {
		const struct fcp_sd_ready *r = (const void *)p;
		CHECK(r->wanted <= FCP_READY_MAX && r->up <= r->wanted);
		CHECK(r->timed_out <= 1 && r->pad == 0);
		break;
	}
	default:
		CHECK(!"validated a type that is not a request");
	}
}

static void
check_request(const uint8_t *data, size_t size)
{
	unsigned char *frame = dup_exact(data, size);
	struct fcp_hdr h;
	const struct fcp_msg *m;
	int r, v;

	r = fcp_check_request(frame, size);
	CHECK(r >= FCP_FRAME_OK && r <= FCP_FRAME_LENGTH);
	CHECK(fcp_frame_err_str(r) != NULL);
	if (r != FCP_FRAME_OK) {
		if (size < sizeof(h))
			CHECK(r == FCP_FRAME_SHORT);
		free(frame);
		return;
	}
	CHECK(size >= sizeof(h));
	memcpy(&h, frame, sizeof(h));
	CHECK(h.magic == FCP_MAGIC && h.version == FCP_VERSION);
	CHECK(h.flags == 0 && h.status == 0);
	CHECK(h.type >= FCP_HELLO && h.type < FCP_TYPE_MAX);
	CHECK(fcp_notice(h.type) == NULL);	/* never a notice type */
	CHECK(h.type != 8 && h.type != 9);	/* the removed VLAN requests */
	m = fcp_msg(h.type);
	CHECK(m != NULL && m->validate != NULL && m->name != NULL);
	CHECK(h.len == m->req_size && size == sizeof(h) + h.len);
	CHECK(size <= FCP_MAX_MSG);

	/* the payload alone, exactly as large as the type says */
	{
		unsigned char *pl = dup_exact(frame + sizeof(h), h.len);

		v = fcp_validate(h.type, pl);
		CHECK(v == 0 || v == EINVAL || v == EPROTO);
		if (v == 0)
			check_valid_payload(h.type, pl);
		free(pl);
	}
	free(frame);
}

static void
check_reply(const uint8_t *data, size_t size)
{
	unsigned char *frame = dup_exact(data, size);
	struct fcp_hdr h;
	unsigned want_type;
	uint32_t want_seq;
	int r;

	if (size < sizeof(h)) {
		CHECK(fcp_check_reply(frame, size, FCP_HELLO, 0) ==
		    FCP_FRAME_SHORT);
		free(frame);
		return;
	}
	memcpy(&h, frame, sizeof(h));
	/* expect what the header claims to answer, and something else */
	want_type = h.type & ~FCP_REPLY;
	want_seq = h.seq;
	/* a notice (seq 0) is judged by fcp_check_notice(): its verdicts */
	r = fcp_check_reply(frame, size, want_type, want_seq);
	CHECK(r >= FCP_FRAME_OK && r <= FCP_FRAME_PAYLOAD);
	CHECK(r != FCP_FRAME_PAYLOAD || (h.seq == 0 &&
	    fcp_notice(h.type) != NULL));
	CHECK(h.seq != 0 || fcp_notice(h.type) == NULL ||
	    r == fcp_check_notice(frame, size));
	if (r == FCP_FRAME_OK) {
		const struct fcp_msg *m;

		CHECK(h.magic == FCP_MAGIC && h.version == FCP_VERSION);
		CHECK(h.flags == 0 && h.status >= 0);
		if (fcp_notice(h.type) != NULL) {
			CHECK(h.seq == 0 && h.status == 0);
			CHECK(size == sizeof(h) + h.len);
			CHECK(h.type != FCP_SIGNAL ||
			    size == sizeof(h) + sizeof(struct fcp_signal));
		} else {
			CHECK(h.type == (want_type | FCP_REPLY));
			m = fcp_msg(want_type);
			CHECK(m != NULL);
			CHECK(size == sizeof(h) + m->rep_size);
		}
	}
	r = fcp_check_reply(frame, size, (want_type + 1) & 0xffff,
	    want_seq + 1);
	CHECK(r >= FCP_FRAME_OK && r <= FCP_FRAME_PAYLOAD);
	if (r == FCP_FRAME_OK)
		CHECK(h.seq == 0 && fcp_notice(h.type) != NULL);
	free(frame);
}

/* A notice as the monitor receives it: bounded, exact, one direction. */
static void
check_notice(const uint8_t *data, size_t size)
{
	unsigned char *frame = dup_exact(data, size);
	const struct fcp_notice *m;
	struct fcp_hdr h;
	int r = fcp_check_notice(frame, size);

	CHECK(r >= FCP_FRAME_OK && r <= FCP_FRAME_PAYLOAD);
	if (r == FCP_FRAME_OK) {
		memcpy(&h, frame, sizeof(h));
		m = fcp_notice(h.type);
		CHECK(m != NULL && fcp_msg(h.type) == NULL);
		CHECK(h.seq == 0 && h.status == 0 && h.flags == 0);
		CHECK(size == sizeof(h) + h.len && size <= FCP_MAX_RECORD);
		CHECK(h.len >= m->size && h.len - m->size <= m->max_extra);
		if (h.type == FCP_FIP_FRAME) {
			struct fcp_fip_frame f;
			memcpy(&f, frame + sizeof(h), sizeof(f));
			CHECK(f.len >= FCP_FIP_MIN && f.len <= FCP_FIP_MAX);
			CHECK(h.len == sizeof(f) + f.len && f.ifindex != 0);
		}
	}
	free(frame);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_request(data, size);
	check_reply(data, size);
	check_notice(data, size);

	/* every 16-byte window of the input as a name (bounded) */
	{
		size_t i;

		for (i = 0; i + FCP_IFNAMSIZ <= size && i < 64; i++)
			check_name((const char *)data + i);
	}
	/* lldpad formatting: kind from bytes 0-3, name from 4-19 (the
	 * fcp_lldpad_send layout), output size from byte 20 */
	if (size >= 4 + FCP_IFNAMSIZ) {
		uint32_t kind;
		size_t outsz = size > 20 ? data[20] % 40 : 32;

		memcpy(&kind, data, sizeof(kind));
		check_lldpad(kind, (const char *)data + 4, outsz);
		check_lldpad(kind % (FCP_LQ_MAX + 1), (const char *)data + 4,
		    outsz);
	}
	return 0;
}
