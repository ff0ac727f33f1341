/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: the record budgets of the request loop.  Token
 * buckets counted in audit records; a monitor over budget is slowed (its
 * next request is read later), never a record dropped.
 */
#include <syslog.h>
#include <time.h>

#include "actuator/actuator.h"

/*
 * Token buckets, in audit records.  The sum bounds what a subverted
 * monitor can make the actuator write: 1,024 + 16/s state-changing and
 * 256 + 32/s harmless, at most 2,720 records in any 30 s -- about a
 * quarter of journald's default per-unit burst (10,000 per 30 s).  A
 * legitimate burst fits: a NIC whose 500 VLANs come up at once is 500
 * enables, 1,000 records (with a burst of 128, make vm-compare's 100 VLANs
 * waited 9 s, 8 enables a second); beyond it each request waits at most
 * 1/16 s.
 */
static struct bucket buckets[] = {
	{ "change", 1024, 1024, 16, 0, 0 },
	{ "query", 256, 256, 32, 0, 0 },
};
#define NBUCKETS	(sizeof(buckets) / sizeof(buckets[0]))

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
bucket_refill(struct bucket *b)
{
	double t = now_s();

	if (b->last > 0)
		b->tokens += (t - b->last) * b->rate;
	b->last = t;
	if (b->tokens >= b->burst) {
		b->tokens = b->burst;
		b->throttled = 0;
	}
}

/* Milliseconds until every bucket is out of debt (0: read now). */
int
budget_wait(void)
{
	double w = 0;
	size_t i;

	for (i = 0; i < NBUCKETS; i++) {
		bucket_refill(&buckets[i]);
		if (buckets[i].tokens < 0 && -buckets[i].tokens /
		    buckets[i].rate > w)
			w = -buckets[i].tokens / buckets[i].rate;
	}
	return w > 0 ? (int)(w * 1000) + 1 : 0;
}

/* Charge the records a request caused; the first overdraft is recorded. */
void
budget_charge(int changes, unsigned long long records)
{
	struct bucket *b = &buckets[changes ? 0 : 1];

	b->tokens -= (double)records;
	if (b->tokens < 0 && !b->throttled) {
		b->throttled = 1;
		audit_record(LOG_NOTICE, "seq=0 phase=event event=throttle "
		    "class=%s rate=%.0f/s", b->name, b->rate);
		b->tokens -= 1;
	}
}

