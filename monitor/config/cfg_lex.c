/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the lexical layer of the cfg-file
 * reader -- C-locale character classes (what fcoemon runs under), the key
 * words, interface-name characters, and escaping file text for messages.
 * The bottom of monitor/config: it calls nothing else of it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "monitor/config/cfg_int.h"

const char *const cfg_keyname[K_N] = {
	"FCOE_ENABLE", "DCB_REQUIRED", "AUTO_VLAN", "FIP_RESP", "MODE"
};

/* C-locale isspace(), isalpha(), isalnum(): what fcoemon runs under. */
int
cfg_is_blank(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

int
cfg_is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int
cfg_is_alnum(unsigned char c)
{
	return cfg_is_alpha(c) || (c >= '0' && c <= '9');
}

unsigned char
cfg_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

size_t
cfg_skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && cfg_is_blank((unsigned char)s[i]))
		i++;
	return i;
}

/* s (n bytes) equals the lower-case word w, ignoring case. */
int
cfg_eq_ci(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

int
cfg_prefix_ci(const char *s, size_t n, const char *w)
{
	return n >= strlen(w) && strncasecmp(s, w, strlen(w)) == 0;
}

/*
 * At most max bytes of s as printable ASCII ("\xNN" for the rest, "..."
 * when cut): file names and values come from disk and must not be able
 * to forge a log line or a terminal sequence.
 */
const char *
cfg_esc(char *dst, size_t dstlen, const char *s, size_t n, size_t max)
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

int
cfg_key_find(const char *s, size_t n)
{
	int k;

	for (k = 0; k < K_N; k++)
		if (strlen(cfg_keyname[k]) == n &&
		    memcmp(s, cfg_keyname[k], n) == 0)
			return k;
	return -1;
}

/* Not ':': "eth0:1" is an address alias of eth0, not an interface. */
int
cfg_ifname_char(unsigned char c)
{
	return cfg_is_alnum(c) || c == '_' || c == '.' || c == '-';
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
		if (!cfg_ifname_char((unsigned char)name[i]))
			return 0;
	return 1;
}

