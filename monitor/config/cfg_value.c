/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the value of one KEY="value" of a cfg
 * file, read as fcoemon reads it (quotes stripped whatever they are, the
 * value cut at the first blank, "yes" by prefix except FIP_RESP), and said
 * in words where that is not what the file seems to say.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "monitor/config/cfg_int.h"

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
	return n >= VAL_MIN && !cfg_is_alnum((unsigned char)v[0]) &&
	    !cfg_is_alnum((unsigned char)v[n - 1]);
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
	const char *kn = cfg_keyname[k], *close;
	char vs[SHOW_BUF], cs[SHOW_BUF];
	int a0 = cfg_is_alnum((unsigned char)v[0]);
	int a1 = cfg_is_alnum((unsigned char)v[n - 1]);

	SHOW(vs, v, n);
	if (cut)
		cfg_say(c, CFG_ERROR,
		    "%s=%s: blank inside quotes; fcoemon cuts "
		    "the value at the first blank (%s) and rejects the file",
		    kn, SHOW(cs, v, cut), vs);
	else if (a0 && a1)
		cfg_say(c, CFG_ERROR,
		    "%s=%s: value not quoted; fcoemon rejects "
		    "the file (\"Invalid format\"); write %s=\"%s\"", kn, vs,
		    kn, vs);
	else if (!a0 && n > 1 && (close = memchr(v + 1, v[0], n - 1)) !=
	    NULL && (size_t)(close - v) < n - 1)
		cfg_say(c, CFG_ERROR,
		    "%s=%s: text right after the closing quote; "
		    "fcoemon takes it as part of the value and rejects the "
		    "file", kn, vs);
	else if (!a0 && (n == 1 || a1))
		cfg_say(c, CFG_ERROR, "%s=%s: missing closing quote; fcoemon "
		    "rejects the file", kn, vs);
	else if (a0)
		cfg_say(c, CFG_ERROR, "%s=%s: missing opening quote; fcoemon "
		    "rejects the file", kn, vs);
	else
		cfg_say(c, CFG_ERROR, "%s=%s: empty value; fcoemon rejects the "
		    "file; %s", kn, vs, hint(k));
}

/* KEY= with nothing, or KEY= "yes": fcoemon reads an empty value. */
static void
no_value(struct pctx *c, int k, const char *rest, size_t rn)
{
	size_t i = cfg_skip_blanks(rest, rn, 0);

	if (i < rn && rest[i] != '#')
		cfg_say(c, CFG_ERROR, "%s: blank after '='; fcoemon reads an "
		    "empty value and rejects the file", cfg_keyname[k]);
	else
		cfg_say(c, CFG_ERROR,
		    "%s: no value; fcoemon rejects the file; %s",
		    cfg_keyname[k], hint(k));
}

/* KEY="yes" junk: fcoemon stops at the blank and ignores the rest. */
static void
trailing(struct pctx *c, int k, const char *rest, size_t rn)
{
	size_t i = cfg_skip_blanks(rest, rn, 0);

	/* Named by its key and column, not quoted: never echo input lines. */
	if (i < rn && rest[i] != '#')
		cfg_say(c, CFG_WARNING, "%s: text after the value ignored "
		    "(%zu characters)", cfg_keyname[k], rn - i);
}

/* FCOE_ENABLE, DCB_REQUIRED, AUTO_VLAN: strncasecmp(val, "yes", 3). */
static void
bool_value(struct pctx *c, int k, const char *raw, size_t rn, bool *field)
{
	const char *s = raw + 1;
	size_t n = rn - 2;
	char vs[SHOW_BUF];

	*field = cfg_prefix_ci(s, n, "yes");
	if (cfg_eq_ci(s, n, "yes") || cfg_eq_ci(s, n, "no"))
		return;
	SHOW(vs, raw, rn);
	if (*field)
		cfg_say(c, CFG_WARNING,
		    "%s=%s: read as yes (fcoemon only checks "
		    "that the value starts with \"yes\")", cfg_keyname[k], vs);
	else
		cfg_say(c, CFG_WARNING,
		    "%s=%s: read as no (only values starting "
		    "with \"yes\" mean yes)", cfg_keyname[k], vs);
}

/* FIP_RESP: strcasecmp(val, "yes"), unlike the three keys above. */
static void
fip_value(struct pctx *c, const char *raw, size_t rn)
{
	const char *s = raw + 1;
	size_t n = rn - 2;
	char vs[SHOW_BUF];

	c->out->fip_resp = cfg_eq_ci(s, n, "yes");
	if (c->out->fip_resp || cfg_eq_ci(s, n, "no"))
		return;
	SHOW(vs, raw, rn);
	if (cfg_prefix_ci(s, n, "yes"))
		cfg_say(c, CFG_WARNING,
		    "FIP_RESP=%s: read as no (FIP_RESP must be "
		    "exactly \"yes\", unlike the other keys)", vs);
	else
		cfg_say(c, CFG_WARNING, "FIP_RESP=%s: read as no (only \"yes\" "
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

	c->out->mode = cfg_prefix_ci(s, n, "vn2vn") ? CFG_MODE_VN2VN :
	    CFG_MODE_FABRIC;
	if (cfg_eq_ci(s, n, "vn2vn") || cfg_eq_ci(s, n, "fabric"))
		return;
	SHOW(vs, raw, rn);
	if (c->out->mode == CFG_MODE_VN2VN)
		cfg_say(c, CFG_WARNING, "MODE=%s: read as vn2vn (fcoemon only "
		    "checks that the value starts with \"vn2vn\")", vs);
	else if (cfg_prefix_ci(s, n, "fabric"))
		cfg_say(c, CFG_WARNING,
		    "MODE=%s: read as fabric (fcoemon reads "
		    "any value not starting with \"vn2vn\" as fabric)", vs);
	else
		cfg_say(c, CFG_ERROR, "MODE=%s: unknown mode; fcoemon would "
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
void
cfg_do_value(struct pctx *c, int k, const char *v, size_t n)
{
	size_t vl = 0, cut;
	char vs[SHOW_BUF], cs[SHOW_BUF];

	while (vl < n && !cfg_is_blank((unsigned char)v[vl]))
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
		cfg_say(c, CFG_ERROR,
		    "%s: value is %zu characters long; fcoemon "
		    "takes at most %d between the quotes (longer values "
		    "overrun its buffer)", cfg_keyname[k], vl - 2, VAL_MAX - 2);
		return;
	}
	if (cut)
		cfg_say(c, CFG_WARNING,
		    "%s=%s: blank inside quotes; fcoemon cuts "
		    "the value at the first blank and reads %s", cfg_keyname[k],
		    SHOW(cs, v, cut), SHOW(vs, v, vl));
	else {
		if (v[0] != v[vl - 1] || (v[0] != '"' && v[0] != '\''))
			cfg_say(c, CFG_WARNING,
			    "%s=%s: unusual quotes; fcoemon "
			    "strips the first and last character, whatever "
			    "they are", cfg_keyname[k], SHOW(vs, v, vl));
		trailing(c, k, v + vl, n - vl);
	}
	set_value(c, k, v, vl);
}

