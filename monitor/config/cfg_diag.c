/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the cfg reader's diagnostics, each
 * "FILE:LINE: SEVERITY: text" with file names escaped, at most
 * CFG_DIAG_MAX kept per file.  Messages name the file, the line and the
 * field; they never quote a whole input line.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "monitor/config/cfg_int.h"

static const char *const sevname[CFG_NSEV] = { "note", "warning", "error" };

static void
diags_push(struct cfg_diags *d, enum cfg_sev sev, const char *msg)
{
	struct cfg_diag *v;
	char *m;

	d->count[sev]++;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;

		if ((v = reallocarray(d->v, cap, sizeof(*v))) == NULL) {
			d->lost++;
			return;
		}
		d->v = v;
		d->cap = cap;
	}
	if ((m = strdup(msg)) == NULL) {
		d->lost++;
		return;
	}
	d->v[d->n].sev = sev;
	d->v[d->n++].msg = m;
}

/* "FILE:LINE: SEVERITY: text", or "FILE: SEVERITY: text" for line 0. */
static void __attribute__((format(printf, 5, 0)))
diag_vadd(struct cfg_diags *d, const char *file, unsigned line,
    enum cfg_sev sev, const char *fmt, va_list ap)
{
	char text[768], msg[2048], f[PATH_BUF], l[16] = "";

	vsnprintf(text, sizeof(text), fmt, ap);
	cfg_esc(f, sizeof(f), file, strlen(file), PATH_SHOW);
	if (line)
		snprintf(l, sizeof(l), ":%u", line);
	snprintf(msg, sizeof(msg), "%s%s: %s: %s", f, l, sevname[sev], text);
	diags_push(d, sev, msg);
}

void
cfg_diag_add(struct cfg_diags *d, const char *file, unsigned line,
    enum cfg_sev sev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d, file, line, sev, fmt, ap);
	va_end(ap);
}

/*
 * A message about the current line.  A garbage file could yield thousands;
 * past CFG_DIAG_MAX per file they are counted but not kept.
 */
void
cfg_say(struct pctx *c, enum cfg_sev sev, const char *fmt, ...)
{
	va_list ap;

	if (sev == CFG_ERROR)
		c->bad = true;
	if (c->shown >= CFG_DIAG_MAX) {
		c->hidden++;
		c->d->count[sev]++;
		return;
	}
	c->shown++;
	va_start(ap, fmt);
	diag_vadd(c->d, c->file, c->line, sev, fmt, ap);
	va_end(ap);
}

void
cfg_diags_free(struct cfg_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

