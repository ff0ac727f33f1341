/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the monitor (unprivileged): the per-interface configuration files
 * /etc/fcoe/cfg-<ifname> of fcoe-utils
 * (doc/kernel.md "fcoemon: cfg file reader").
 *
 * cfg_parse() reads one file's bytes (no I/O, fuzzed); cfg_scan() reads a
 * directory of them; cfg_diff() tells a SIGHUP reload what changed;
 * cfg_check_print() is --check-config.  Every problem becomes a diagnostic
 * "FILE:LINE: SEVERITY: FIELD...: text", in the order found.
 */
#ifndef FCOEMOND_CONFIG_H
#define FCOEMOND_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "monitor/util/nmap.h"

#define CFG_IFNAMSIZ	16		/* IFNAMSIZ: 15 characters and a NUL */
#define CFG_DIR		"/etc/fcoe"
#define CFG_PREFIX	"cfg-"
#define CFG_FILE_MAX	65536		/* bigger is not a cfg file */
#define CFG_DIAG_MAX	50		/* messages kept per file */

enum cfg_mode { CFG_MODE_FABRIC = 0, CFG_MODE_VN2VN = 1 };

/* One configured FCoE interface: what fcoemon would have read. */
struct cfg_iface {
	char		ifname[CFG_IFNAMSIZ];
	bool		fcoe_enable;
	bool		dcb_required;
	bool		auto_vlan;
	bool		fip_resp;
	enum cfg_mode	mode;
};

/*
 * error:   the file is skipped (fcoemon rejects it, or would misread it badly)
 * warning: accepted with fcoemon's meaning, but probably not what was meant
 * note:    information (a skipped backup, settings kept on reload)
 */
enum cfg_sev { CFG_NOTE = 0, CFG_WARNING, CFG_ERROR, CFG_NSEV };

struct cfg_diag {
	enum cfg_sev	 sev;
	char		*msg;		/* "FILE:LINE: error: ..." (no newline) */
};

struct cfg_diags {
	struct cfg_diag	*v;
	size_t		 n, cap;
	size_t		 count[CFG_NSEV];	/* exact, even if some are not kept */
	size_t		 lost;		/* not stored: out of memory */
};

/* The interfaces of one directory, sorted by name, hashed by name. */
struct cfg_list {
	struct cfg_iface *v;		/* read-only for users */
	size_t		  n, cap;
	struct nmap_node *node;		/* node[i] is v[i]'s, in map */
	size_t		  capnode;
	struct nmap	  map;		/* by name */
	char		(*rejected)[CFG_IFNAMSIZ];	/* files with errors */
	size_t		  nrej, caprej;
	struct cfg_diags  diags;
	char		 *dir;
	bool		  dir_failed;	/* directory unreadable: list is empty */
};

/* Field bits of a changed entry. */
#define CFG_F_ENABLE	0x01
#define CFG_F_DCB	0x02
#define CFG_F_AUTO_VLAN	0x04
#define CFG_F_FIP_RESP	0x08
#define CFG_F_MODE	0x10

enum cfg_change { CFG_UNCHANGED = 0, CFG_ADDED, CFG_REMOVED, CFG_CHANGED,
	CFG_NCHANGE };

struct cfg_delta {
	enum cfg_change		 what;
	unsigned		 fields;	/* CFG_F_*, for CFG_CHANGED */
	const struct cfg_iface	*prev;		/* NULL when added */
	const struct cfg_iface	*next;		/* NULL when removed */
};

struct cfg_diff {
	struct cfg_delta	*v;	/* next's order, then removed ones */
	size_t			 n;
	size_t			 count[CFG_NCHANGE];
};

/*
 * Parses one cfg file of len bytes (need not be NUL-terminated).  file names
 * it in messages, ifname is the part of the file name after "cfg-".
 * Returns 0 and fills *out when the file is accepted (maybe with warnings),
 * -1 when it has errors (*out is then unspecified).
 */
int	cfg_parse(const char *file, const char *ifname, const char *buf,
	    size_t len, struct cfg_iface *out, struct cfg_diags *diags);

/* 1 if name (len bytes) is 1-15 of [A-Za-z0-9_.-] and not "." or ".."
 * (no ':': an alias such as eth0:1 is not an interface). */
int	cfg_ifname_valid(const char *name, size_t len);

void	cfg_diags_free(struct cfg_diags *);

struct cfg_list	*cfg_list_new(void);
void		 cfg_list_free(struct cfg_list *);
/* Copies *ifc in; -1 with errno EEXIST (name taken), EINVAL, ENOMEM. */
int		 cfg_list_add(struct cfg_list *, const struct cfg_iface *);
/* O(1); the pointer is valid until the list is next changed. */
const struct cfg_iface *cfg_list_find(const struct cfg_list *,
		    const char *ifname);
/* Hash slots looked at to find ifname (tests and benchmark). */
size_t		 cfg_list_probes(const struct cfg_list *, const char *ifname);

/*
 * Reads every cfg-<ifname> of dir in name order.  Returns NULL only when
 * out of memory; an unreadable directory gives an empty list with
 * dir_failed set and an error (on SIGHUP, keep the old list then).
 */
struct cfg_list	*cfg_scan(const char *dir);

/*
 * SIGHUP: an interface whose file now has errors keeps the settings it
 * had in prev, so a typo never tears down running storage.  Returns how
 * many were kept, -1 when out of memory.
 */
int		 cfg_keep_rejected(struct cfg_list *next,
		    const struct cfg_list *prev);

/* prev -> next; pointers into both lists.  -1 with ENOMEM. */
int		 cfg_diff(const struct cfg_list *prev,
		    const struct cfg_list *next, struct cfg_diff *out);
void		 cfg_diff_free(struct cfg_diff *);

/*
 * --check-config: diagnostics and a summary to err, one line per interface
 * to out.  Returns 1 if any error was found (or the directory was
 * unreadable), else 0.
 */
int		 cfg_check_print(const struct cfg_list *, FILE *out, FILE *err);
/* The interface line of --check-config, without newline. */
int		 cfg_iface_format(const struct cfg_iface *, char *buf,
		    size_t len);

#endif
