/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): what the files of monitor/config share
 * and nobody else uses (others include config.h).  The files, in layers;
 * each calls only those below it:
 *   3  cfg_scan.c cfg_reload.c cfg_check.c   directory, reload, --check-config
 *   2  cfg_parse.c                           lines and keys of one file
 *   1  cfg_value.c cfg_list.c                values; the hashed list
 *   0  cfg_diag.c, cfg_lex.c                 messages; characters and words
 */
#ifndef CFG_INT_H
#define CFG_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "monitor/config/config.h"

#define FGETS_MAX	254	/* fgets(buf, NAME_MAX + 1 - 1, fp) */
#define VAL_MIN		3	/* CONFIG_MIN_VAL_LEN: quote, one char, quote */
#define VAL_MAX		22	/* CONFIG_MAX_VAL_LEN 20, plus the quotes */
#define SHOW_MAX	40	/* characters of file text quoted in a message */
#define SHOW_BUF	(SHOW_MAX * 4 + 4)
#define PATH_SHOW	256
#define PATH_BUF	(PATH_SHOW * 4 + 4)

enum key { K_FCOE_ENABLE, K_DCB_REQUIRED, K_AUTO_VLAN, K_FIP_RESP, K_MODE,
	K_N };

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

/* cfg_lex.c */
extern const char *const cfg_keyname[K_N];
int		 cfg_is_blank(unsigned char);
int		 cfg_is_alpha(unsigned char);
int		 cfg_is_alnum(unsigned char);
unsigned char	 cfg_lower(unsigned char);
size_t		 cfg_skip_blanks(const char *s, size_t n, size_t i);
int		 cfg_eq_ci(const char *s, size_t n, const char *w);
int		 cfg_prefix_ci(const char *s, size_t n, const char *w);
int		 cfg_key_find(const char *s, size_t n);
int		 cfg_ifname_char(unsigned char);
const char	*cfg_esc(char *dst, size_t dstlen, const char *s, size_t n,
		    size_t max);
#define SHOW(buf, s, n)	cfg_esc((buf), sizeof(buf), (s), (n), SHOW_MAX)

/* cfg_diag.c */
void		 cfg_diag_add(struct cfg_diags *, const char *file,
		    unsigned line, enum cfg_sev, const char *fmt, ...)
		    __attribute__((format(printf, 5, 6)));
/* About the current line of c; counted, not kept, past CFG_DIAG_MAX. */
void		 cfg_say(struct pctx *c, enum cfg_sev, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

/* cfg_value.c: the text after "KEY=" (n bytes to the end of the piece). */
void		 cfg_do_value(struct pctx *, int k, const char *v, size_t n);

/* cfg_list.c */
int		 cfg_grow(void *pp, size_t *cap, size_t need, size_t size);
int		 cfg_reject(struct cfg_list *, const char *ifname);
/* After the entries moved (sorted): the table again.  -1 ENOMEM. */
int		 cfg_list_reindex(struct cfg_list *);

/* cfg_parse.c: says why "cfg-<name>" names no interface, or returns 0. */
int		 cfg_name_error(struct cfg_diags *, const char *file,
		    const char *name);

#endif
