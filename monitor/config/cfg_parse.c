/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): reads one /etc/fcoe/cfg-<ifname>.
 *
 * The grammar is fcoemon's (doc/kernel.md "fcoemon: cfg file reader"), emulated byte
 * for byte so that every file fcoemon accepts means the same here: lines
 * as fgets() cuts them (254 characters), KEY="value" with the key taken
 * untrimmed up to the first '=', the value up to the first blank, at least
 * three characters with a non-alphanumeric first and last character that
 * are stripped, the first matching line winning.  Where fcoemon silently
 * reads something other than what the file says, we say so: an error when
 * the result would be wrong or fcoemon rejects the file anyway (the file is
 * skipped), a warning when it is accepted with fcoemon's meaning.  This
 * file is the line reader and the keys; cfg_value.c reads the values.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "monitor/config/cfg_int.h"

/*
 * Says why "cfg-<name>" names no interface, or returns 0.  fcoemon would
 * truncate a long name to 15 characters and then wait forever for a link
 * of that name; a '/' or a blank can never be a link at all.
 */
int
cfg_name_error(struct cfg_diags *d, const char *file, const char *name)
{
	size_t len = strlen(name), i;
	char s[SHOW_BUF], t[SHOW_BUF];

	if (cfg_ifname_valid(name, len))
		return 0;
	SHOW(s, name, len);
	if (len == 0)
		cfg_diag_add(d, file, 0, CFG_ERROR,
		    "interface name: empty after "
		    "\"" CFG_PREFIX "\"");
	else if (len >= CFG_IFNAMSIZ)
		cfg_diag_add(d, file, 0, CFG_ERROR,
		    "interface name \"%s\": longer "
		    "than 15 characters; fcoemon would truncate it to \"%s\"",
		    s, SHOW(t, name, CFG_IFNAMSIZ - 1));
	else if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		cfg_diag_add(d, file, 0, CFG_ERROR,
		    "interface name \"%s\": not "
		    "an interface name", s);
	else {
		for (i = 0; cfg_ifname_char((unsigned char)name[i]); i++)
			;
		if (name[i] == ':')
			cfg_diag_add(d, file, 0, CFG_ERROR, "interface name "
			    "\"%s\": ':' makes an address alias, not an "
			    "interface; name the interface itself (%s)", s,
			    SHOW(t, name, i));
		else
			cfg_diag_add(d, file, 0, CFG_ERROR, "interface name "
			    "\"%s\": '%s' is not allowed (only letters, "
			    "digits and _ . -)", s, SHOW(t, name + i, 1));
	}
	return 1;
}

/* ---- keys ---- */

/* Levenshtein distance ignoring case, SIZE_MAX for long words. */
static size_t
distance(const char *a, size_t an, const char *b)
{
	size_t row[33], bn = strlen(b), i, j, diag, up, best;

	if (an > 32 || bn > 32)
		return SIZE_MAX;
	for (j = 0; j <= bn; j++)
		row[j] = j;
	for (i = 1; i <= an; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= bn; j++) {
			up = row[j];
			best = diag + (cfg_lower((unsigned char)a[i - 1]) !=
			    cfg_lower((unsigned char)b[j - 1]));
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[bn];
}

/*
 * The key a misspelt one probably meant: a wrong case ("fcoe_enable"), a
 * shell word in front ("export FCOE_ENABLE"), or a typo ("DCB_REQUIRE").
 */
static const char *
suggest(const char *s, size_t n)
{
	size_t w = n;
	int k;

	while (w > 0 && !cfg_is_blank((unsigned char)s[w - 1]))
		w--;
	for (k = 0; k < K_N; k++)
		if (cfg_key_find(s + w, n - w) == k)
			return cfg_keyname[k];
	/* keys whose length differs by more than 2 are further than 2 away:
	 * no table for them (the fuzzer's many-line files spent most of
	 * their time here) */
	for (k = 0; k < K_N; k++)
		if (n + 2 >= strlen(cfg_keyname[k]) &&
		    strlen(cfg_keyname[k]) + 2 >= n &&
		    distance(s, n, cfg_keyname[k]) <= 2)
			return cfg_keyname[k];
	return NULL;
}

/* KEY ="value": fcoemon compares the untrimmed text and ignores the line. */
static void
unknown_key(struct pctx *c, const char *s, size_t n)
{
	size_t t = n;
	const char *hint;
	char ks[SHOW_BUF];

	while (t > 0 && cfg_is_blank((unsigned char)s[t - 1]))
		t--;
	if (t < n && cfg_key_find(s, t) >= 0) {
		cfg_say(c, CFG_WARNING,
		    "%s: blank before '='; fcoemon does not "
		    "recognise the key and ignores the line", SHOW(ks, s, t));
		return;
	}
	if ((hint = suggest(s, t)) != NULL)
		cfg_say(c, CFG_WARNING,
		    "%s: unknown key, ignored (did you mean "
		    "%s?)", SHOW(ks, s, t), hint);
	else
		cfg_say(c, CFG_WARNING, "%s: unknown key, ignored",
		    SHOW(ks, s, t));
}

/* A line with no '=': name the key if it starts with one. */
static void
no_equals(struct pctx *c, const char *s, size_t n)
{
	size_t w = 0;
	char ks[SHOW_BUF];

	while (w < n && !cfg_is_blank((unsigned char)s[w]))
		w++;
	if (cfg_key_find(s, w) >= 0)
		cfg_say(c, CFG_WARNING, "%s: no '=' after the key; fcoemon "
		    "ignores the line", SHOW(ks, s, w));
	else
		cfg_say(c, CFG_WARNING, "line ignored: no '=' and no known "
		    "key");
}

/* ---- lines ---- */

/*
 * The text after character 254 of a long line: fcoemon's next fgets()
 * returns it as a line of its own.  Only a known key that is not yet set
 * matters (fcoemon would take it from there); the long-line warning covers
 * the rest.
 */
static void
continuation(struct pctx *c, const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);
	int k;

	if (eq == NULL || (k = cfg_key_find(s, (size_t)(eq - s))) < 0 ||
	    c->seen[k])
		return;
	c->seen[k] = c->line;
	cfg_say(c, CFG_ERROR, "%s: after character %d of a long line; fcoemon "
	    "reads it as a line of its own", cfg_keyname[k], FGETS_MAX);
}

/* One fgets() result, cut at its first NUL, as fcoemon's loop sees it. */
static void
do_piece(struct pctx *c, const char *s, size_t n, bool cont)
{
	size_t i = cfg_skip_blanks(s, n, 0);
	const char *eq;
	int k;

	if (i == n || s[i] == '#')
		return;
	if (!cfg_is_alpha((unsigned char)s[i])) {
		if (!cont)
			cfg_say(c, CFG_WARNING,
			    "line ignored: does not start with "
			    "a letter");
		return;
	}
	if (cont) {
		continuation(c, s + i, n - i);
		return;
	}
	if ((eq = memchr(s + i, '=', n - i)) == NULL) {
		no_equals(c, s + i, n - i);
		return;
	}
	if ((k = cfg_key_find(s + i, (size_t)(eq - (s + i)))) < 0) {
		unknown_key(c, s + i, (size_t)(eq - (s + i)));
		return;
	}
	if (c->seen[k]) {
		cfg_say(c, CFG_WARNING, "%s: set again, ignored; line %u wins "
		    "(fcoemon uses the first)", cfg_keyname[k], c->seen[k]);
		return;
	}
	c->seen[k] = c->line;
	cfg_do_value(c, k, eq + 1, (size_t)((s + n) - (eq + 1)));
}

/* One line of the file, without its newline. */
static void
do_line(struct pctx *c, const char *s, size_t n)
{
	const char *nul = memchr(s, '\0', n), *z;
	size_t off, k;

	if (nul != NULL)
		cfg_say(c, CFG_ERROR,
		    "NUL byte at character %zu; fcoemon ignores "
		    "the rest of the line", (size_t)(nul - s) + 1);
	if (n > FGETS_MAX)
		cfg_say(c, CFG_WARNING, "line is %zu characters long; fcoemon "
		    "reads at most %d and takes the rest as a new line", n,
		    FGETS_MAX);
	for (off = 0; off < n; off += FGETS_MAX) {
		k = n - off < FGETS_MAX ? n - off : FGETS_MAX;
		z = memchr(s + off, '\0', k);
		do_piece(c, s + off, z ? (size_t)(z - (s + off)) : k, off > 0);
	}
}

static void
finish(struct pctx *c)
{
	char ns[SHOW_BUF];

	c->line = 0;
	if (!c->bad && !c->seen[K_FCOE_ENABLE])
		cfg_say(c, CFG_WARNING,
		    "FCOE_ENABLE: not set; FCoE stays off on "
		    "%s (the default is no)", SHOW(ns, c->out->ifname,
		    strlen(c->out->ifname)));
	if (c->hidden)
		cfg_diag_add(c->d, c->file, 0, CFG_NOTE,
		    "%zu more messages not "
		    "shown", c->hidden);
}

int
cfg_parse(const char *file, const char *ifname, const char *buf, size_t len,
    struct cfg_iface *out, struct cfg_diags *diags)
{
	struct pctx c = { .file = file, .d = diags, .out = out };
	const char *nl;
	size_t pos = 0, end;

	memset(out, 0, sizeof(*out));
	if (cfg_name_error(diags, file, ifname))
		return -1;
	memcpy(out->ifname, ifname, strlen(ifname));
	while (pos < len) {
		nl = memchr(buf + pos, '\n', len - pos);
		end = nl ? (size_t)(nl - buf) : len;
		c.line++;
		do_line(&c, buf + pos, end - pos);
		pos = end + 1;
	}
	finish(&c);
	return c.bad ? -1 : 0;
}

