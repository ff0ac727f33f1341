/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): reads /etc/fcoe/cfg-<ifname>.
 *
 * The grammar is fcoemon's
 * (doc/kernel.md "fcoemon: cfg file reader"), emulated byte
 * for byte so that every file fcoemon accepts means the same here: lines
 * as fgets() cuts them (254 characters), KEY="value" with the key taken
 * untrimmed up to the first '=', the value up to the first blank, at least
 * three characters with a non-alphanumeric first and last character that
 * are stripped, the first matching line winning.  Where fcoemon silently
 * reads something other than what the file says, we say so: an error when
 * the result would be wrong or fcoemon rejects the file anyway (the file is
 * skipped), a warning when it is accepted with fcoemon's meaning.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "monitor/config/config.h"
#include "monitor/util/nmap.h"

#define FGETS_MAX	254	/* fgets(buf, NAME_MAX + 1 - 1, fp) */
#define VAL_MIN		3	/* CONFIG_MIN_VAL_LEN: quote, one char, quote */
#define VAL_MAX		22	/* CONFIG_MAX_VAL_LEN 20, plus the quotes */
#define SHOW_MAX	40	/* characters of file text quoted in a message */
#define SHOW_BUF	(SHOW_MAX * 4 + 4)
#define PATH_SHOW	256
#define PATH_BUF	(PATH_SHOW * 4 + 4)

enum key { K_FCOE_ENABLE, K_DCB_REQUIRED, K_AUTO_VLAN, K_FIP_RESP, K_MODE,
	K_N };

static const char *const keyname[K_N] = {
	"FCOE_ENABLE", "DCB_REQUIRED", "AUTO_VLAN", "FIP_RESP", "MODE"
};

static const char *const sevname[CFG_NSEV] = { "note", "warning", "error" };

/* The state of one cfg_parse() call. */
struct pctx {
	const char		*file;
	struct cfg_diags	*d;
	struct cfg_iface	*out;
	unsigned		 line;
	unsigned		 seen[K_N];	/* line that set the key, or 0 */
	size_t			 shown, hidden;
	bool			 bad;
};

/* C-locale isspace(), isalpha(), isalnum(): what fcoemon runs under. */
static int
is_blank(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_alnum(unsigned char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static size_t
skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && is_blank((unsigned char)s[i]))
		i++;
	return i;
}

/* s (n bytes) equals the lower-case word w, ignoring case. */
static int
eq_ci(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

static int
prefix_ci(const char *s, size_t n, const char *w)
{
	return n >= strlen(w) && strncasecmp(s, w, strlen(w)) == 0;
}

/*
 * At most max bytes of s as printable ASCII ("\xNN" for the rest, "..."
 * when cut): file names and values come from disk and must not be able
 * to forge a log line or a terminal sequence.
 */
static const char *
esc(char *dst, size_t dstlen, const char *s, size_t n, size_t max)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	for (i = 0; i < n && i < max && o + 5 <= dstlen; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			dst[o++] = (char)c;
		else if (c == '\\') {
			dst[o++] = '\\';
			dst[o++] = '\\';
		} else {
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 15];
		}
	}
	if (i < n && o + 4 <= dstlen) {
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
	return dst;
}

#define SHOW(buf, s, n)	esc((buf), sizeof(buf), (s), (n), SHOW_MAX)

/* ---- diagnostics ---- */

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
	esc(f, sizeof(f), file, strlen(file), PATH_SHOW);
	if (line)
		snprintf(l, sizeof(l), ":%u", line);
	snprintf(msg, sizeof(msg), "%s%s: %s: %s", f, l, sevname[sev], text);
	diags_push(d, sev, msg);
}

static void __attribute__((format(printf, 5, 6)))
diag_add(struct cfg_diags *d, const char *file, unsigned line,
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
static void __attribute__((format(printf, 3, 4)))
say(struct pctx *c, enum cfg_sev sev, const char *fmt, ...)
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

/* ---- interface names ---- */

static int
ifname_char(unsigned char c)
{
	return is_alnum(c) || c == '_' || c == '.' || c == ':' || c == '-';
}

int
cfg_ifname_valid(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || len >= CFG_IFNAMSIZ)
		return 0;
	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	for (i = 0; i < len; i++)
		if (!ifname_char((unsigned char)name[i]))
			return 0;
	return 1;
}

/*
 * Says why "cfg-<name>" names no interface, or returns 0.  fcoemon would
 * truncate a long name to 15 characters and then wait forever for a link
 * of that name; a '/' or a blank can never be a link at all.
 */
static int
name_error(struct cfg_diags *d, const char *file, const char *name)
{
	size_t len = strlen(name), i;
	char s[SHOW_BUF], t[SHOW_BUF];

	if (cfg_ifname_valid(name, len))
		return 0;
	SHOW(s, name, len);
	if (len == 0)
		diag_add(d, file, 0, CFG_ERROR, "interface name: empty after "
		    "\"" CFG_PREFIX "\"");
	else if (len >= CFG_IFNAMSIZ)
		diag_add(d, file, 0, CFG_ERROR, "interface name \"%s\": longer "
		    "than 15 characters; fcoemon would truncate it to \"%s\"",
		    s, SHOW(t, name, CFG_IFNAMSIZ - 1));
	else if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		diag_add(d, file, 0, CFG_ERROR, "interface name \"%s\": not "
		    "an interface name", s);
	else {
		for (i = 0; ifname_char((unsigned char)name[i]); i++)
			;
		diag_add(d, file, 0, CFG_ERROR, "interface name \"%s\": '%s' "
		    "is not allowed (only letters, digits and _ . : -)", s,
		    SHOW(t, name + i, 1));
	}
	return 1;
}

/* ---- keys ---- */

static int
key_find(const char *s, size_t n)
{
	int k;

	for (k = 0; k < K_N; k++)
		if (strlen(keyname[k]) == n && memcmp(s, keyname[k], n) == 0)
			return k;
	return -1;
}

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
			best = diag + (lower((unsigned char)a[i - 1]) !=
			    lower((unsigned char)b[j - 1]));
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

	while (w > 0 && !is_blank((unsigned char)s[w - 1]))
		w--;
	for (k = 0; k < K_N; k++)
		if (key_find(s + w, n - w) == k)
			return keyname[k];
	for (k = 0; k < K_N; k++)
		if (distance(s, n, keyname[k]) <= 2)
			return keyname[k];
	return NULL;
}

/* KEY ="value": fcoemon compares the untrimmed text and ignores the line. */
static void
unknown_key(struct pctx *c, const char *s, size_t n)
{
	size_t t = n;
	const char *hint;
	char ks[SHOW_BUF];

	while (t > 0 && is_blank((unsigned char)s[t - 1]))
		t--;
	if (t < n && key_find(s, t) >= 0) {
		say(c, CFG_WARNING, "%s: blank before '='; fcoemon does not "
		    "recognise the key and ignores the line", SHOW(ks, s, t));
		return;
	}
	if ((hint = suggest(s, t)) != NULL)
		say(c, CFG_WARNING, "%s: unknown key, ignored (did you mean "
		    "%s?)", SHOW(ks, s, t), hint);
	else
		say(c, CFG_WARNING, "%s: unknown key, ignored", SHOW(ks, s, t));
}

/* A line with no '=': name the key if it starts with one. */
static void
no_equals(struct pctx *c, const char *s, size_t n)
{
	size_t w = 0;
	char ks[SHOW_BUF];

	while (w < n && !is_blank((unsigned char)s[w]))
		w++;
	if (key_find(s, w) >= 0)
		say(c, CFG_WARNING, "%s: no '=' after the key; fcoemon "
		    "ignores the line", SHOW(ks, s, w));
	else
		say(c, CFG_WARNING, "line ignored: no '=' (\"%s\")",
		    SHOW(ks, s, n));
}

/* ---- values ---- */

static const char *
hint(int k)
{
	return k == K_MODE ? "write MODE=\"fabric\" or MODE=\"vn2vn\"" :
	    k == K_FIP_RESP ? "write FIP_RESP=\"yes\" or FIP_RESP=\"no\"" :
	    k == K_FCOE_ENABLE ? "write FCOE_ENABLE=\"yes\" or "
	    "FCOE_ENABLE=\"no\"" :
	    k == K_DCB_REQUIRED ? "write DCB_REQUIRED=\"yes\" or "
	    "DCB_REQUIRED=\"no\"" :
	    "write AUTO_VLAN=\"yes\" or AUTO_VLAN=\"no\"";
}

/* What fcm_remove_quotes() accepts. */
static int
quoted(const char *v, size_t n)
{
	return n >= VAL_MIN && !is_alnum((unsigned char)v[0]) &&
	    !is_alnum((unsigned char)v[n - 1]);
}

/*
 * MODE="fabric mode": fcoemon's value ends at the first blank, so a quote
 * opened by the token closes later on the line.  Returns the length of the
 * whole quoted text from v, or 0.  (v + n is where the rest of the line,
 * rn bytes, begins.)
 */
static size_t
quote_cut(const char *v, size_t n, size_t rn)
{
	const char *close;

	if (v[0] != '"' && v[0] != '\'')
		return 0;
	if (n >= 2 && v[n - 1] == v[0])
		return 0;
	if ((close = memchr(v + n, v[0], rn)) == NULL)
		return 0;
	return (size_t)(close - v) + 1;
}

/* The value fcoemon rejects ("Invalid format"): say why in words. */
static void
bad_quotes(struct pctx *c, int k, const char *v, size_t n, size_t cut)
{
	const char *kn = keyname[k], *close;
	char vs[SHOW_BUF], cs[SHOW_BUF];
	int a0 = is_alnum((unsigned char)v[0]);
	int a1 = is_alnum((unsigned char)v[n - 1]);

	SHOW(vs, v, n);
	if (cut)
		say(c, CFG_ERROR, "%s=%s: blank inside quotes; fcoemon cuts "
		    "the value at the first blank (%s) and rejects the file",
		    kn, SHOW(cs, v, cut), vs);
	else if (a0 && a1)
		say(c, CFG_ERROR, "%s=%s: value not quoted; fcoemon rejects "
		    "the file (\"Invalid format\"); write %s=\"%s\"", kn, vs,
		    kn, vs);
	else if (!a0 && n > 1 && (close = memchr(v + 1, v[0], n - 1)) !=
	    NULL && (size_t)(close - v) < n - 1)
		say(c, CFG_ERROR, "%s=%s: text right after the closing quote; "
		    "fcoemon takes it as part of the value and rejects the "
		    "file", kn, vs);
	else if (!a0 && (n == 1 || a1))
		say(c, CFG_ERROR, "%s=%s: missing closing quote; fcoemon "
		    "rejects the file", kn, vs);
	else if (a0)
		say(c, CFG_ERROR, "%s=%s: missing opening quote; fcoemon "
		    "rejects the file", kn, vs);
	else
		say(c, CFG_ERROR, "%s=%s: empty value; fcoemon rejects the "
		    "file; %s", kn, vs, hint(k));
}

/* KEY= with nothing, or KEY= "yes": fcoemon reads an empty value. */
static void
no_value(struct pctx *c, int k, const char *rest, size_t rn)
{
	size_t i = skip_blanks(rest, rn, 0);

	if (i < rn && rest[i] != '#')
		say(c, CFG_ERROR, "%s: blank after '='; fcoemon reads an "
		    "empty value and rejects the file", keyname[k]);
	else
		say(c, CFG_ERROR, "%s: no value; fcoemon rejects the file; %s",
		    keyname[k], hint(k));
}

/* KEY="yes" junk: fcoemon stops at the blank and ignores the rest. */
static void
trailing(struct pctx *c, int k, const char *rest, size_t rn)
{
	size_t i = skip_blanks(rest, rn, 0);
	char ts[SHOW_BUF];

	if (i < rn && rest[i] != '#')
		say(c, CFG_WARNING, "%s: text after the value ignored (\"%s\")",
		    keyname[k], SHOW(ts, rest + i, rn - i));
}

/* FCOE_ENABLE, DCB_REQUIRED, AUTO_VLAN: strncasecmp(val, "yes", 3). */
static void
bool_value(struct pctx *c, int k, const char *raw, size_t rn, bool *field)
{
	const char *s = raw + 1;
	size_t n = rn - 2;
	char vs[SHOW_BUF];

	*field = prefix_ci(s, n, "yes");
	if (eq_ci(s, n, "yes") || eq_ci(s, n, "no"))
		return;
	SHOW(vs, raw, rn);
	if (*field)
		say(c, CFG_WARNING, "%s=%s: read as yes (fcoemon only checks "
		    "that the value starts with \"yes\")", keyname[k], vs);
	else
		say(c, CFG_WARNING, "%s=%s: read as no (only values starting "
		    "with \"yes\" mean yes)", keyname[k], vs);
}

/* FIP_RESP: strcasecmp(val, "yes"), unlike the three keys above. */
static void
fip_value(struct pctx *c, const char *raw, size_t rn)
{
	const char *s = raw + 1;
	size_t n = rn - 2;
	char vs[SHOW_BUF];

	c->out->fip_resp = eq_ci(s, n, "yes");
	if (c->out->fip_resp || eq_ci(s, n, "no"))
		return;
	SHOW(vs, raw, rn);
	if (prefix_ci(s, n, "yes"))
		say(c, CFG_WARNING, "FIP_RESP=%s: read as no (FIP_RESP must be "
		    "exactly \"yes\", unlike the other keys)", vs);
	else
		say(c, CFG_WARNING, "FIP_RESP=%s: read as no (only \"yes\" "
		    "means yes)", vs);
}

/*
 * MODE: strncasecmp(val, "vn2vn", 5), anything else is fabric.  An unknown
 * word is an error, not a warning: MODE="vn2vm" means the admin wanted
 * VN2VN, and a fabric instance on a VN2VN network (or the reverse) logs in
 * to nothing while looking healthy.  Better no instance and this message,
 * which --check-config shows before the daemon ever runs.
 */
static void
mode_value(struct pctx *c, const char *raw, size_t rn)
{
	const char *s = raw + 1;
	size_t n = rn - 2;
	char vs[SHOW_BUF];

	c->out->mode = prefix_ci(s, n, "vn2vn") ? CFG_MODE_VN2VN :
	    CFG_MODE_FABRIC;
	if (eq_ci(s, n, "vn2vn") || eq_ci(s, n, "fabric"))
		return;
	SHOW(vs, raw, rn);
	if (c->out->mode == CFG_MODE_VN2VN)
		say(c, CFG_WARNING, "MODE=%s: read as vn2vn (fcoemon only "
		    "checks that the value starts with \"vn2vn\")", vs);
	else if (prefix_ci(s, n, "fabric"))
		say(c, CFG_WARNING, "MODE=%s: read as fabric (fcoemon reads "
		    "any value not starting with \"vn2vn\" as fabric)", vs);
	else
		say(c, CFG_ERROR, "MODE=%s: unknown mode; fcoemon would "
		    "silently use fabric; write MODE=\"fabric\" or "
		    "MODE=\"vn2vn\"", vs);
}

static void
set_value(struct pctx *c, int k, const char *raw, size_t rn)
{
	switch (k) {
	case K_FCOE_ENABLE:
		bool_value(c, k, raw, rn, &c->out->fcoe_enable);
		break;
	case K_DCB_REQUIRED:
		bool_value(c, k, raw, rn, &c->out->dcb_required);
		break;
	case K_AUTO_VLAN:
		bool_value(c, k, raw, rn, &c->out->auto_vlan);
		break;
	case K_FIP_RESP:
		fip_value(c, raw, rn);
		break;
	default:
		mode_value(c, raw, rn);
		break;
	}
}

/*
 * The text after "KEY=" (n bytes to the end of the piece).  fcoemon's
 * value ends at the first blank; longer than 22 characters it overruns its
 * 23-byte buffer (snprintf's return value is used as the length), so that
 * is an error whatever the rest says.
 */
static void
do_value(struct pctx *c, int k, const char *v, size_t n)
{
	size_t vl = 0, cut;
	char vs[SHOW_BUF], cs[SHOW_BUF];

	while (vl < n && !is_blank((unsigned char)v[vl]))
		vl++;
	if (vl == 0) {
		no_value(c, k, v, n);
		return;
	}
	cut = quote_cut(v, vl, n - vl);
	if (!quoted(v, vl)) {
		bad_quotes(c, k, v, vl, cut);
		return;
	}
	if (vl > VAL_MAX) {
		say(c, CFG_ERROR, "%s: value is %zu characters long; fcoemon "
		    "takes at most %d between the quotes (longer values "
		    "overrun its buffer)", keyname[k], vl - 2, VAL_MAX - 2);
		return;
	}
	if (cut)
		say(c, CFG_WARNING, "%s=%s: blank inside quotes; fcoemon cuts "
		    "the value at the first blank and reads %s", keyname[k],
		    SHOW(cs, v, cut), SHOW(vs, v, vl));
	else {
		if (v[0] != v[vl - 1] || (v[0] != '"' && v[0] != '\''))
			say(c, CFG_WARNING, "%s=%s: unusual quotes; fcoemon "
			    "strips the first and last character, whatever "
			    "they are", keyname[k], SHOW(vs, v, vl));
		trailing(c, k, v + vl, n - vl);
	}
	set_value(c, k, v, vl);
}

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

	if (eq == NULL || (k = key_find(s, (size_t)(eq - s))) < 0 ||
	    c->seen[k])
		return;
	c->seen[k] = c->line;
	say(c, CFG_ERROR, "%s: after character %d of a long line; fcoemon "
	    "reads it as a line of its own", keyname[k], FGETS_MAX);
}

/* One fgets() result, cut at its first NUL, as fcoemon's loop sees it. */
static void
do_piece(struct pctx *c, const char *s, size_t n, bool cont)
{
	size_t i = skip_blanks(s, n, 0);
	const char *eq;
	char ls[SHOW_BUF];
	int k;

	if (i == n || s[i] == '#')
		return;
	if (!is_alpha((unsigned char)s[i])) {
		if (!cont)
			say(c, CFG_WARNING, "line ignored: does not start with "
			    "a letter (\"%s\")", SHOW(ls, s + i, n - i));
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
	if ((k = key_find(s + i, (size_t)(eq - (s + i)))) < 0) {
		unknown_key(c, s + i, (size_t)(eq - (s + i)));
		return;
	}
	if (c->seen[k]) {
		say(c, CFG_WARNING, "%s: set again, ignored; line %u wins "
		    "(fcoemon uses the first)", keyname[k], c->seen[k]);
		return;
	}
	c->seen[k] = c->line;
	do_value(c, k, eq + 1, (size_t)((s + n) - (eq + 1)));
}

/* One line of the file, without its newline. */
static void
do_line(struct pctx *c, const char *s, size_t n)
{
	const char *nul = memchr(s, '\0', n), *z;
	size_t off, k;

	if (nul != NULL)
		say(c, CFG_ERROR, "NUL byte at character %zu; fcoemon ignores "
		    "the rest of the line", (size_t)(nul - s) + 1);
	if (n > FGETS_MAX)
		say(c, CFG_WARNING, "line is %zu characters long; fcoemon "
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
		say(c, CFG_WARNING, "FCOE_ENABLE: not set; FCoE stays off on "
		    "%s (the default is no)", SHOW(ns, c->out->ifname,
		    strlen(c->out->ifname)));
	if (c->hidden)
		diag_add(c->d, c->file, 0, CFG_NOTE, "%zu more messages not "
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
	if (name_error(diags, file, ifname))
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

/* ---- the list, hashed by name ---- */

/* The slot holding name, or the free slot where it would go. */
static size_t
slot_of(const struct cfg_list *l, const char *name, size_t *probes)
{
	size_t mask = l->nslot - 1, i = nmap_hash(name) & mask, p = 1;

	while (l->slot[i] != 0 && strcmp(l->v[l->slot[i] - 1].ifname,
	    name) != 0) {
		i = (i + 1) & mask;
		p++;
	}
	if (probes)
		*probes = p;
	return i;
}

/* Rebuilds the table with nslot slots (a power of two, > 2n). */
static int
rehash(struct cfg_list *l, size_t nslot)
{
	uint32_t *slot = calloc(nslot, sizeof(*slot));
	size_t i;

	if (slot == NULL)
		return -1;
	free(l->slot);
	l->slot = slot;
	l->nslot = nslot;
	for (i = 0; i < l->n; i++)
		l->slot[slot_of(l, l->v[i].ifname, NULL)] = (uint32_t)i + 1;
	return 0;
}

struct cfg_list *
cfg_list_new(void)
{
	return calloc(1, sizeof(struct cfg_list));
}

void
cfg_list_free(struct cfg_list *l)
{
	if (l == NULL)
		return;
	free(l->v);
	free(l->slot);
	free(l->rejected);
	free(l->dir);
	cfg_diags_free(&l->diags);
	free(l);
}

static int
grow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp, *np;
	size_t ncap = *cap ? *cap : 16;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	if ((np = reallocarray(*p, ncap, size)) == NULL)
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}

int
cfg_list_add(struct cfg_list *l, const struct cfg_iface *ifc)
{
	size_t s;

	if (!cfg_ifname_valid(ifc->ifname, strnlen(ifc->ifname,
	    CFG_IFNAMSIZ))) {
		errno = EINVAL;
		return -1;
	}
	if (l->n >= UINT32_MAX - 1 || ((l->n + 1) * 2 > l->nslot &&
	    rehash(l, l->nslot ? l->nslot * 2 : 16) < 0) ||
	    grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v)) < 0) {
		errno = ENOMEM;
		return -1;
	}
	s = slot_of(l, ifc->ifname, NULL);
	if (l->slot[s] != 0) {
		errno = EEXIST;
		return -1;
	}
	l->v[l->n] = *ifc;
	l->slot[s] = (uint32_t)++l->n;
	return 0;
}

const struct cfg_iface *
cfg_list_find(const struct cfg_list *l, const char *ifname)
{
	size_t s;

	if (l->n == 0 || strnlen(ifname, CFG_IFNAMSIZ) == CFG_IFNAMSIZ)
		return NULL;
	s = slot_of(l, ifname, NULL);
	return l->slot[s] ? &l->v[l->slot[s] - 1] : NULL;
}

size_t
cfg_list_probes(const struct cfg_list *l, const char *ifname)
{
	size_t p = 0;

	if (l->n == 0 || strnlen(ifname, CFG_IFNAMSIZ) == CFG_IFNAMSIZ)
		return 0;
	slot_of(l, ifname, &p);
	return p;
}

static int
reject(struct cfg_list *l, const char *ifname)
{
	if (grow(&l->rejected, &l->caprej, l->nrej + 1,
	    sizeof(*l->rejected)) < 0)
		return -1;
	snprintf(l->rejected[l->nrej++], CFG_IFNAMSIZ, "%s", ifname);
	return 0;
}

/* ---- reading a directory ---- */

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && strcmp(s + n - k, suf) == 0;
}

/*
 * Editor backups, swap and lock files, and what rpm, dpkg and ucf leave
 * behind.  fcoemon took cfg-eth0.rpmsave for an interface "eth0.rpmsave";
 * that is a valid name, so this test comes before the name check.
 */
static int
is_backup(const char *name)
{
	static const char *const suf[] = { "~", ".swp", ".swo", ".bak",
	    ".orig", ".rpmsave", ".rpmnew", ".rpmorig", ".dpkg-old",
	    ".dpkg-new", ".dpkg-dist", ".dpkg-bak", ".dpkg-tmp", ".ucf-old",
	    ".ucf-new", ".ucf-dist" };
	size_t i;

	if (name[0] == '.' || (name[0] == '#' && has_suffix(name + 1, "#")))
		return 1;
	for (i = 0; i < sizeof(suf) / sizeof(suf[0]); i++)
		if (has_suffix(name, suf[i]))
			return 1;
	return 0;
}

enum entry_kind { E_IGNORE, E_BACKUP, E_TEMPLATE, E_CFG };

/* Names without "cfg-" (config, README) are none of our business. */
static enum entry_kind
classify(const char *name)
{
	if (strstr(name, CFG_PREFIX) == NULL)
		return E_IGNORE;
	if (is_backup(name))
		return E_BACKUP;
	if (strncmp(name, CFG_PREFIX, strlen(CFG_PREFIX)) != 0)
		return E_IGNORE;
	if (strncmp(name, "cfg-ethx", 8) == 0)
		return E_TEMPLATE;
	return E_CFG;
}

struct names {
	char	**v;
	size_t	  n, cap;
};

static void
names_free(struct names *nm)
{
	while (nm->n)
		free(nm->v[--nm->n]);
	free(nm->v);
}

static int
names_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every name that concerns us, sorted; -1 with errno on failure. */
static int
read_names(DIR *d, struct names *nm)
{
	struct dirent *de;

	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if (classify(de->d_name) == E_IGNORE)
			continue;
		if (grow(&nm->v, &nm->cap, nm->n + 1, sizeof(*nm->v)) < 0 ||
		    (nm->v[nm->n] = strdup(de->d_name)) == NULL)
			return -1;
		nm->n++;
	}
	if (errno != 0)
		return -1;
	qsort(nm->v, nm->n, sizeof(*nm->v), names_cmp);
	return 0;
}

/*
 * The file's bytes into buf (CFG_FILE_MAX + 1), or -1 after an error
 * message.  O_NONBLOCK: a FIFO named cfg-x must not hang the daemon.
 */
static ssize_t
read_file(struct cfg_diags *dg, int dfd, const char *name, const char *path,
    char *buf)
{
	struct stat st;
	ssize_t r = 0, len = 0;
	int fd, e;

	if ((fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) < 0 || fstat(fd, &st) < 0) {
		e = errno;
		diag_add(dg, path, 0, CFG_ERROR, "cannot read: %s",
		    strerror(e));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(dg, path, 0, CFG_ERROR, "not a regular file");
		close(fd);
		return -1;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		diag_add(dg, path, 0, CFG_WARNING, "writable by group or others "
		    "(mode %04o); whoever can write it controls FCoE on %s",
		    (unsigned)(st.st_mode & 07777), name + strlen(CFG_PREFIX));
	while (len <= CFG_FILE_MAX && (r = read(fd, buf + len,
	    (size_t)(CFG_FILE_MAX + 1 - len))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		len += r;
	}
	e = errno;
	close(fd);
	if (r < 0)
		diag_add(dg, path, 0, CFG_ERROR, "cannot read: %s",
		    strerror(e));
	else if (len > CFG_FILE_MAX)
		diag_add(dg, path, 0, CFG_ERROR, "larger than %d bytes; not a "
		    "configuration file", CFG_FILE_MAX);
	return r < 0 || len > CFG_FILE_MAX ? -1 : len;
}

/* One directory entry; -1 only when out of memory. */
static int
scan_one(struct cfg_list *l, int dfd, const char *name, char *buf)
{
	const char *ifname = name + strlen(CFG_PREFIX);
	struct cfg_iface ifc;
	char path[8192];
	ssize_t len;

	snprintf(path, sizeof(path), "%s/%s", l->dir, name);
	switch (classify(name)) {
	case E_BACKUP:
		diag_add(&l->diags, path, 0, CFG_NOTE, "skipped: editor "
		    "backup, hidden file or package leftover");
		return 0;
	case E_TEMPLATE:
		diag_add(&l->diags, path, 0, CFG_NOTE, "skipped: template "
		    "(fcoemon skips cfg-ethx*)");
		return 0;
	case E_IGNORE:
		return 0;
	case E_CFG:
		break;
	}
	if (name_error(&l->diags, path, ifname))
		return 0;
	if ((len = read_file(&l->diags, dfd, name, path, buf)) < 0 ||
	    cfg_parse(path, ifname, buf, (size_t)len, &ifc, &l->diags) < 0)
		return reject(l, ifname);
	return cfg_list_add(l, &ifc);
}

static void
dir_error(struct cfg_list *l, const char *what, int e)
{
	l->dir_failed = true;
	diag_add(&l->diags, l->dir, 0, CFG_ERROR, "%s: %s", what, strerror(e));
}

/* The entries of an opened directory; -1 only when out of memory. */
static int
scan_dir(struct cfg_list *l, DIR *d)
{
	struct names nm = { NULL, 0, 0 };
	char *buf = NULL;
	size_t i;
	int rc = 0;

	if (read_names(d, &nm) < 0) {
		/* A partial listing would look like deleted files. */
		if (errno == ENOMEM)
			rc = -1;
		else
			dir_error(l, "cannot read", errno);
	} else if ((buf = malloc(CFG_FILE_MAX + 1)) == NULL)
		rc = -1;
	for (i = 0; rc == 0 && buf != NULL && i < nm.n; i++)
		rc = scan_one(l, dirfd(d), nm.v[i], buf);
	free(buf);
	names_free(&nm);
	return rc;
}

struct cfg_list *
cfg_scan(const char *dir)
{
	struct cfg_list *l = cfg_list_new();
	DIR *d;

	if (l == NULL || (l->dir = strdup(dir)) == NULL)
		goto nomem;
	if ((d = opendir(dir)) == NULL) {
		dir_error(l, "cannot open", errno);
		return l;
	}
	if (scan_dir(l, d) < 0) {
		closedir(d);
		goto nomem;
	}
	closedir(d);
	return l;
nomem:
	cfg_list_free(l);
	errno = ENOMEM;
	return NULL;
}

/* ---- reload ---- */

static int
iface_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cfg_iface *)a)->ifname,
	    ((const struct cfg_iface *)b)->ifname);
}

int
cfg_keep_rejected(struct cfg_list *next, const struct cfg_list *prev)
{
	const struct cfg_iface *p;
	const char *dir = next->dir ? next->dir : ".";
	char path[8192];
	size_t i;
	int kept = 0;

	for (i = 0; i < next->nrej; i++) {
		if ((p = cfg_list_find(prev, next->rejected[i])) == NULL ||
		    cfg_list_find(next, p->ifname) != NULL)
			continue;
		if (cfg_list_add(next, p) < 0)
			return -1;
		snprintf(path, sizeof(path), "%s/" CFG_PREFIX "%s", dir,
		    p->ifname);
		diag_add(&next->diags, path, 0, CFG_NOTE, "keeping the "
		    "previous settings of %s until the errors are fixed",
		    p->ifname);
		kept++;
	}
	if (kept) {
		/* Added at the end: restore name order, then the slots. */
		qsort(next->v, next->n, sizeof(*next->v), iface_cmp);
		if (rehash(next, next->nslot) < 0)
			return -1;
	}
	return kept;
}

static unsigned
fields_differ(const struct cfg_iface *a, const struct cfg_iface *b)
{
	return (a->fcoe_enable != b->fcoe_enable ? CFG_F_ENABLE : 0) |
	    (a->dcb_required != b->dcb_required ? CFG_F_DCB : 0) |
	    (a->auto_vlan != b->auto_vlan ? CFG_F_AUTO_VLAN : 0) |
	    (a->fip_resp != b->fip_resp ? CFG_F_FIP_RESP : 0) |
	    (a->mode != b->mode ? CFG_F_MODE : 0);
}

static void
delta(struct cfg_diff *out, enum cfg_change what, unsigned fields,
    const struct cfg_iface *prev, const struct cfg_iface *next)
{
	struct cfg_delta *d = &out->v[out->n++];

	d->what = what;
	d->fields = fields;
	d->prev = prev;
	d->next = next;
	out->count[what]++;
}

int
cfg_diff(const struct cfg_list *prev, const struct cfg_list *next,
    struct cfg_diff *out)
{
	const struct cfg_iface *p, *e;
	unsigned f;
	size_t i;

	memset(out, 0, sizeof(*out));
	if ((out->v = calloc(prev->n + next->n + 1, sizeof(*out->v))) ==
	    NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (i = 0; i < next->n; i++) {
		e = &next->v[i];
		if ((p = cfg_list_find(prev, e->ifname)) == NULL)
			delta(out, CFG_ADDED, 0, NULL, e);
		else if ((f = fields_differ(p, e)) != 0)
			delta(out, CFG_CHANGED, f, p, e);
		else
			delta(out, CFG_UNCHANGED, 0, p, e);
	}
	for (i = 0; i < prev->n; i++)
		if (cfg_list_find(next, prev->v[i].ifname) == NULL)
			delta(out, CFG_REMOVED, 0, &prev->v[i], NULL);
	return 0;
}

void
cfg_diff_free(struct cfg_diff *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}

/* ---- --check-config ---- */

static const char *
yesno(bool b)
{
	return b ? "yes" : "no";
}

int
cfg_iface_format(const struct cfg_iface *i, char *buf, size_t len)
{
	return snprintf(buf, len, "%-15s fcoe_enable=%s dcb_required=%s "
	    "auto_vlan=%s mode=%s fip_resp=%s", i->ifname, yesno(i->fcoe_enable),
	    yesno(i->dcb_required), yesno(i->auto_vlan),
	    i->mode == CFG_MODE_VN2VN ? "vn2vn" : "fabric", yesno(i->fip_resp));
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

int
cfg_check_print(const struct cfg_list *l, FILE *out, FILE *err)
{
	const struct cfg_diags *d = &l->diags;
	const char *dir = l->dir ? l->dir : "-";
	char line[128];
	size_t i;

	for (i = 0; i < d->n; i++)
		fprintf(err, "%s\n", d->v[i].msg);
	if (d->lost)
		fprintf(err, "%s: %zu more messages lost (out of memory)\n",
		    dir, d->lost);
	for (i = 0; i < l->n; i++) {
		cfg_iface_format(&l->v[i], line, sizeof(line));
		fprintf(out, "%s\n", line);
	}
	fprintf(err, "%s: %zu interface%s, %zu error%s, %zu warning%s\n", dir,
	    l->n, plural(l->n), d->count[CFG_ERROR],
	    plural(d->count[CFG_ERROR]), d->count[CFG_WARNING],
	    plural(d->count[CFG_WARNING]));
	return d->count[CFG_ERROR] > 0 || l->dir_failed ? 1 : 0;
}
