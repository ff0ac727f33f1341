/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: coalescing of repeated harmless requests.  A request
 * that changes nothing (an lldpad query, or any request refused by
 * validation) and repeats the previous harmless one byte for byte, with the
 * same result, is counted instead of recorded; the count goes out as one
 * `phase=repeat` record when something else happens, after REPEAT_IDLE_MS of
 * quiet, or every REPEAT_MAX repeats.  Nothing is lost: every request is in
 * a record or in a count.  A state-changing request is never coalesced.
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "actuator/actuator.h"

#define REPEAT_MAX	1000

static struct {
	int		 valid;		/* a harmless request is remembered */
	unsigned	 type;
	size_t		 len;
	unsigned char	 payload[FCP_MAX_MSG];
	int		 err, level;
	uint32_t	 first, last;	/* seqs of the pending repeats */
	unsigned long	 count;		/* repeats not yet recorded */
	char		 what[320];	/* "op=... ARGS result=... errno=..." */
} r;

int
repeat_same(unsigned type, const void *payload, size_t len)
{
	return r.valid && r.type == type && r.len == len &&
	    memcmp(r.payload, payload, len) == 0;
}

int
repeat_pending(void)
{
	return r.count > 0;
}

/* Write the pending count, if any.  0, or -1 if the record failed. */
int
repeat_flush(void)
{
	int rc;

	if (r.count == 0)
		return 0;
	rc = audit_record(r.level, "seq=%u phase=repeat %s count=%lu "
	    "first_seq=%u", r.last, r.what, r.count, r.first);
	r.count = 0;
	return rc;
}

/* Count seq as a repeat of the remembered request; -1 if err differs. */
int
repeat_count(uint32_t seq, int err)
{
	if (!r.valid || err != r.err)
		return -1;
	if (r.count++ == 0)
		r.first = seq;
	r.last = seq;
	if (r.count >= REPEAT_MAX)
		(void)repeat_flush();
	return 0;
}

/* Flush and forget: the next harmless request is recorded in full. */
void
repeat_forget(void)
{
	(void)repeat_flush();
	r.valid = 0;
}

/* A harmless request just recorded in full becomes the one repeats match. */
void
repeat_remember(unsigned type, const void *payload, size_t len, int err,
    int level, const char *what)
{
	repeat_forget();
	if (len > sizeof(r.payload))
		return;
	r.valid = 1;
	r.type = type;
	r.len = len;
	memcpy(r.payload, payload, len);
	r.err = err;
	r.level = level;
	snprintf(r.what, sizeof(r.what), "%s", what);
}
