/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * libFuzzer target (clang -fsanitize=fuzzer,address,undefined) for code run
 * by the monitor (unprivileged): the cfg file parser of monitor/config/.
 *
 * The input is one cfg file.  Besides the sanitizers, it checks the
 * parser's promise against a second, deliberately naive model of fcoemon's
 * reader (doc/kernel.md "fcoemon: cfg file reader":
 * fgets() pieces, <ctype.h> in the C locale, the first
 * line per key winning): whatever we accept, fcoemon accepts with the same values, and
 * whatever fcoemon accepts but we reject is one of our deliberate stricter
 * cases.  Every message is one printable line naming the file.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "monitor/config/config.h"

#include "tests/fuzz/fuzz_check.h"

/* fgets(line, 255, fp) over a buffer: at most 254 bytes, through '\n'. */
static int
model_fgets(const uint8_t *buf, size_t len, size_t *pos, char line[256])
{
	size_t n = len - *pos < 254 ? len - *pos : 254;
	const uint8_t *nl;

	if (*pos >= len)
		return 0;
	if ((nl = memchr(buf + *pos, '\n', n)) != NULL)
		n = (size_t)(nl - (buf + *pos)) + 1;
	memcpy(line, buf + *pos, n);
	line[n] = '\0';
	*pos += n;
	return 1;
}

static const char *const model_keys[5] = { "FCOE_ENABLE", "DCB_REQUIRED",
    "AUTO_VLAN", "FIP_RESP", "MODE" };

/*
 * fcm_read_config_variable() once per key, the first matching line
 * winning: found[k] 1 (val[k] = unquoted), 0 absent; -1 when a key's first
 * line is bad.  fcoemon rereads the file for each key; as only the first
 * match counts, one pass filling the five keys is the same reader.
 */
static int
model_read(const uint8_t *buf, size_t len, int found[5], char val[5][32])
{
	char line[256], *s, *eq, *e;
	size_t pos = 0, n;
	int k;

	memset(found, 0, 5 * sizeof(found[0]));
	while (model_fgets(buf, len, &pos, line)) {
		for (s = line; isspace((unsigned char)*s); s++)
			;
		if (*s == '\0' || *s == '#' || !isalpha((unsigned char)*s) ||
		    (eq = strchr(s, '=')) == NULL)
			continue;
		*eq = '\0';
		for (k = 0; k < 5 && strcmp(s, model_keys[k]) != 0; k++)
			;
		if (k == 5 || found[k])
			continue;
		for (e = eq + 1; *e && !isspace((unsigned char)*e); e++)
			;
		*e = '\0';
		n = strlen(eq + 1);
		/* Over 22, fcoemon overruns its buffer: count it as bad. */
		if (n < 3 || n > 22 || isalnum((unsigned char)eq[1]) ||
		    isalnum((unsigned char)eq[n]))
			return -1;
		memcpy(val[k], eq + 2, n - 2);
		val[k][n - 2] = '\0';
		found[k] = 1;
	}
	return 0;
}

static int
model_parse(const uint8_t *buf, size_t len, struct cfg_iface *o)
{
	char v[5][32];
	int found[5];

	if (model_read(buf, len, found, v) < 0)
		return -1;
	memset(o, 0, sizeof(*o));
	o->fcoe_enable = found[0] && strncasecmp(v[0], "yes", 3) == 0;
	o->dcb_required = found[1] && strncasecmp(v[1], "yes", 3) == 0;
	o->auto_vlan = found[2] && strncasecmp(v[2], "yes", 3) == 0;
	o->fip_resp = found[3] && strcasecmp(v[3], "yes") == 0;
	o->mode = found[4] && strncasecmp(v[4], "vn2vn", 5) == 0 ?
	    CFG_MODE_VN2VN : CFG_MODE_FABRIC;
	return 0;
}

/* Where we are stricter than fcoemon, on purpose (see
 * monitor/config/cfg_parse.c). */
static int
deliberate(const char *msg)
{
	return strstr(msg, ": unknown mode;") != NULL ||
	    strstr(msg, ": NUL byte at character ") != NULL ||
	    strstr(msg, " of a long line; ") != NULL;
}

static void
check_diags(const struct cfg_diags *d, const char *prefix)
{
	size_t i, total = 0;
	const char *p;

	for (i = 0; i < CFG_NSEV; i++)
		total += d->count[i];
	CHECK(d->n + d->lost <= total);
	CHECK(d->n <= CFG_DIAG_MAX + 1);
	for (i = 0; i < d->n; i++) {
		CHECK(d->v[i].sev < CFG_NSEV);
		CHECK(strncmp(d->v[i].msg, prefix, strlen(prefix)) == 0);
		for (p = d->v[i].msg; *p; p++)
			CHECK(*p >= 0x20 && *p < 0x7f);
	}
}

/* The list, lookup and diff with the parsed entry. */
static void
exercise_list(const struct cfg_iface *ifc)
{
	struct cfg_list *empty = cfg_list_new(), *l = cfg_list_new();
	static FILE *null;
	struct cfg_diff df;

	CHECK(empty != NULL && l != NULL);
	CHECK(cfg_list_add(l, ifc) == 0);
	CHECK(cfg_list_find(l, ifc->ifname) == &l->v[0]);
	CHECK(cfg_diff(empty, l, &df) == 0);
	CHECK(df.n == 1 && df.v[0].what == CFG_ADDED);
	cfg_diff_free(&df);
	if (null == NULL)
		null = fopen("/dev/null", "w");
	if (null != NULL)
		CHECK(cfg_check_print(l, null, null) == 0);
	cfg_list_free(l);
	cfg_list_free(empty);
}

/* The first line (up to 20 bytes) as an interface name. */
static void
fuzz_name(const uint8_t *data, size_t size)
{
	struct cfg_diags d = { 0 };
	struct cfg_iface ifc;
	char name[21];
	size_t n = 0;
	int rc;

	while (n < size && n < 20 && data[n] != '\n' && data[n] != '\0') {
		name[n] = (char)data[n];
		n++;
	}
	name[n] = '\0';
	rc = cfg_parse("name", name, "", 0, &ifc, &d);
	CHECK((rc == 0) == cfg_ifname_valid(name, n));
	CHECK(rc == 0 ? strcmp(ifc.ifname, name) == 0 : d.count[CFG_ERROR] ==
	    1);
	check_diags(&d, "name: ");
	cfg_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);	/* exact size for ASan */
	struct cfg_diags d = { 0 };
	struct cfg_iface ifc, ref;
	int rc, mrc;
	size_t i;

	CHECK(buf != NULL);
	if (size)
		memcpy(buf, data, size);
	rc = cfg_parse("fuzz", "eth0", buf, size, &ifc, &d);
	mrc = model_parse(data, size, &ref);
	check_diags(&d, "fuzz");
	CHECK((rc < 0) == (d.count[CFG_ERROR] > 0));
	if (rc == 0) {
		CHECK(mrc == 0);
		CHECK(strcmp(ifc.ifname, "eth0") == 0);
		CHECK(ifc.fcoe_enable == ref.fcoe_enable);
		CHECK(ifc.dcb_required == ref.dcb_required);
		CHECK(ifc.auto_vlan == ref.auto_vlan);
		CHECK(ifc.fip_resp == ref.fip_resp);
		CHECK(ifc.mode == ref.mode);
		exercise_list(&ifc);
	} else if (mrc == 0) {
		for (i = 0; i < d.n; i++)
			if (d.v[i].sev == CFG_ERROR && !deliberate(d.v[i].msg)) {
				fprintf(stderr, "fcoemon accepts, we say: %s\n",
				    d.v[i].msg);
				abort();
			}
	}
	cfg_diags_free(&d);
	free(buf);
	fuzz_name(data, size);
	return 0;
}
