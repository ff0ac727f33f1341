/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the actuator: the privileged process's internal interfaces.
 */
#ifndef ACTUATOR_H
#define ACTUATOR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proto/fcp.h"

#define OBJ_MAX		64	/* audit "obj=" field: what was made */
#define UNUSED		__attribute__((unused))	/* an op ignores this field */

/* One privileged operation: the actuator's half of a protocol row. */
struct act_op {
	int    (*execute)(const void *req, void *rep, char *obj, size_t objsz);
	void   (*audit)(const void *req, char *buf, size_t size);
};

/* dispatch.c */
const struct act_op *act_op(unsigned type);
void	act_set_kif(int forced);	/* -1: detect at each request */
int	act_kif(void);
int	act_kif_forced(void);
void	act_set_hello(const struct fcp_hello_rep *h);
int	act_dispatch(const struct fcp_hdr *h, const void *payload);
long	now_us(void);

/* kif.c: the kernel FCoE interface and sysfs writes */
int	kif_detect(const char *root);
int	sysfs_write(const char *path, const char *value);
int	kif_ctlr(const char *ifname, char *out, size_t outsz);
int	kif_ctlr_open(const char *ifname, const char *attr, char *out,
	    size_t outsz);
int	kif_write_fd(int fd, const char *value);
int	kif_host(const char *ifname, char *out, size_t outsz);
int	if_exists(const char *ifname);
void	name_copy(char *dst, size_t size, const char *src);

/* op_fcoe.c, op_lldpad.c */
int	op_fcoe_create(const void *, void *, char *, size_t);
int	op_fcoe_destroy(const void *, void *, char *, size_t);
int	op_fcoe_enable(const void *, void *, char *, size_t);
int	op_fcoe_disable(const void *, void *, char *, size_t);
int	op_fcoe_reset(const void *, void *, char *, size_t);
int	op_fcoe_scan(const void *, void *, char *, size_t);
int	op_lldpad_send(const void *, void *, char *, size_t);
int	op_lldpad_connect(const void *, void *, char *, size_t);
int	lldpad_connect(void);

/* notify.c: READY=1 to systemd */
void	notify_save(void);
void	notify_open(void);
int	op_sd_ready(const void *, void *, char *, size_t);

/* fip.c: the FIP packet socket, its relay and permission; FIP_SEND */
int	fip_open(void);
void	fip_relay(void);
int	fip_due(void);
int	fip_offered(int ifindex, unsigned vid);
int	op_fip_send(const void *, void *, char *, size_t);

/* op_vlan.c */
void	vlan_open(void);
int	eth_port(const char *ifname, int *ifindex, uint8_t mac[6]);
int	san_mac(const char *ifname, uint8_t mac[6]);
int	op_fip_resp(const void *, void *, char *, size_t);
int	op_vlan_create(const void *, void *, char *, size_t);
int	op_vlan_destroy(const void *, void *, char *, size_t);

/* repeat.c */
int	repeat_same(unsigned type, const void *payload, size_t len);
int	repeat_count(uint32_t seq, int err);
int	repeat_pending(void);
int	repeat_flush(void);
void	repeat_forget(void);
void	repeat_remember(unsigned type, const void *payload, size_t len,
	    int err, int level, const char *what);

/* budget.c */
struct bucket {
	const char	*name;
	double		 tokens, burst, rate;	/* rate: units per second */
	int		 throttled;		/* an episode was recorded */
	double		 last;			/* when last refilled */
};
void	bucket_refill(struct bucket *b);
int	budget_wait(void);
void	budget_charge(int changes, unsigned long long records);

/* relay.c */
int	stderr_relay_fd(int fd);
void	stderr_relay_read(void);

/* serve.c */
void	relay_setup(void);
void	serve_fds(int pidfd, int relay);
void	serve_ready(int fd);
int	serve(pid_t monitor);
void	violation(const char *reason, uint32_t seq)
	    __attribute__((noreturn));

/* ctlsock.c: fcoectl's socket, made or taken from systemd at start-up */
void	ctlsock_listen(void);
void	ctlsock_open(void);

/* audit.c */
int	audit_open(void);
int	audit_record(int level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	audit_hex(const void *p, size_t n, char *out, size_t outsz);
void	audit_set_echo(int on);
void	audit_echo_hold(int on);
unsigned long long audit_count(void);
void	log_msg(int level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	fatal(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
