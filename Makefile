# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# fcoemond: privilege-separated FCoE monitor daemon.
VERSION    = 0.1.0
PREFIX    ?= /usr/local
SBINDIR   ?= $(PREFIX)/sbin
BINDIR    ?= $(PREFIX)/bin
LIBEXECDIR?= $(PREFIX)/libexec/fcoemond
MANDIR    ?= $(PREFIX)/share/man
DESTDIR   ?=

CC        ?= gcc
PKG_CONFIG?= pkg-config
BUILD      = build

OPTFLAGS  ?= -O2 -g
WARNFLAGS  = -std=gnu11 -Wall -Wextra -Werror -Wformat=2 -Wshadow \
	     -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wcast-qual
HARDEN     = -D_FORTIFY_SOURCE=2 -fstack-protector-strong \
	     -fstack-clash-protection -fcf-protection -fPIE
CFLAGS    ?=
CPPFLAGS  += -I. -D_GNU_SOURCE -DVERSION='"$(VERSION)"' \
	     -DMONITOR_PATH='"$(LIBEXECDIR)/fcoemond-monitor"'
ALL_CFLAGS = $(OPTFLAGS) $(WARNFLAGS) $(HARDEN) $(CFLAGS) $(CPPFLAGS)
# Header dependencies come from the compiler (-MMD -MP), whatever the depth.
DEPFLAGS   = -MMD -MP
LDHARDEN   = -pie -Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack -Wl,--as-needed
ALL_LDFLAGS= $(LDHARDEN) $(LDFLAGS)

ACT_PKGS   = libseccomp libcap-ng
ACT_CFLAGS:= $(shell $(PKG_CONFIG) --cflags $(ACT_PKGS) 2>/dev/null)
ACT_LIBS  := $(shell $(PKG_CONFIG) --libs $(ACT_PKGS) 2>/dev/null)

PROTO_SRCS   = proto/fcp.c proto/fip_frame.c proto/vlan_name.c
PRIVSEP_SRCS = privsep/spawn.c privsep/channel.c privsep/drop.c \
	       privsep/sc_actuator.c \
	       privsep/landlock.c privsep/seccomp.c
ACT_LIB_SRCS = actuator/audit.c actuator/kif.c actuator/dispatch.c \
	       actuator/serve.c actuator/op_fcoe.c \
	       actuator/op_lldpad.c actuator/ctlsock.c actuator/repeat.c \
	       actuator/budget.c actuator/relay.c actuator/notify.c \
	       actuator/fip.c actuator/op_vlan.c
ACT_MAIN_SRCS= actuator/main.c

# The monitor: libnl-3 (dcbnl) and libevent, libseccomp for its sandbox.
MON_PKGS   = libnl-3.0 libevent_core libseccomp
MON_CFLAGS:= $(shell $(PKG_CONFIG) --cflags $(MON_PKGS) 2>/dev/null)
MON_LIBS  := $(shell $(PKG_CONFIG) --libs $(MON_PKGS) 2>/dev/null)
MON_SRCS   = monitor/main.c \
	     monitor/util/log.c monitor/util/nmap.c monitor/util/clock.c \
	     monitor/util/sockcred.c \
	     monitor/wire/lldpad_msg.c monitor/wire/clif_msg.c \
	     monitor/wire/rtlink.c \
	     monitor/config/cfg_lex.c monitor/config/cfg_diag.c \
	     monitor/config/cfg_value.c monitor/config/cfg_list.c \
	     monitor/config/cfg_parse.c monitor/config/cfg_scan.c \
	     monitor/config/cfg_reload.c monitor/config/cfg_check.c \
	     monitor/dcb/dcb.c monitor/dcb/lldpad_conn.c \
	     monitor/engine/eng_core.c monitor/engine/eng_timer.c \
	     monitor/engine/engine.c monitor/engine/eng_lldpad.c \
	     monitor/engine/eng_dcbnl.c monitor/wire/dcbnl.c \
	     monitor/engine/eng_admin.c monitor/engine/eng_status.c \
	     monitor/engine/eng_run.c monitor/engine/port.c \
	     monitor/engine/eng_fip.c monitor/engine/eng_fip_act.c \
	     monitor/engine/fipdisc.c \
	     monitor/wire/fip.c monitor/wire/fip_frame.c common/vlan_name.c \
	     proto/fip_frame.c proto/vlan_name.c \
	     monitor/control/srv.c monitor/control/status.c \
	     monitor/control/clif_srv.c monitor/control/ctl_srv.c \
	     monitor/control/peer.c \
	     monitor/io/loop.c monitor/io/ops.c monitor/io/adopt.c \
	     monitor/io/act_client.c monitor/io/links.c monitor/io/sandbox.c \
	     monitor/io/alone.c \
	     monitor/io/dcbnl_io.c monitor/io/ready.c monitor/io/kwatch.c \
	     monitor/io/inuse.c \
	     privsep/channel.c privsep/seccomp.c privsep/landlock.c \
	     proto/fcp.c monitor/wire/fcp_reply.c common/ctl_msg.c

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
PROTO_OBJS   = $(call obj,$(PROTO_SRCS))
PRIVSEP_OBJS = $(call obj,$(PRIVSEP_SRCS))
ACT_LIB_OBJS = $(call obj,$(ACT_LIB_SRCS))
ACT_OBJS     = $(ACT_LIB_OBJS) $(call obj,$(ACT_MAIN_SRCS)) $(PRIVSEP_OBJS) \
	       $(PROTO_OBJS)
MON_OBJS     = $(patsubst %.c,$(BUILD)/mon/%.o,$(MON_SRCS))

.PHONY: all clean install uninstall check deps security-md bench demo vm-compare vm-systemd \
	bench-latency fuzz-long
all: $(BUILD)/fcoemond $(BUILD)/fcoemond-monitor $(BUILD)/fcoectl

$(BUILD)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(ACT_CFLAGS) -c -o $@ $<

# main.o embeds MONITOR_PATH: rebuild it whenever the install paths change
# (a `make install PREFIX=/usr` after a plain `make` must not keep the old).
$(BUILD)/paths: FORCE
	@mkdir -p $(BUILD)
	@echo '$(LIBEXECDIR) $(VERSION)' | cmp -s - $@ 2>/dev/null || \
	    echo '$(LIBEXECDIR) $(VERSION)' > $@
$(BUILD)/actuator/main.o: $(BUILD)/paths
FORCE:

$(BUILD)/fcoemond: $(ACT_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(ACT_LIBS)

$(BUILD)/mon/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(MON_CFLAGS) -c -o $@ $<

$(BUILD)/fcoemond-monitor: $(MON_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(MON_LIBS)

# fcoectl, the command-line client: libc only.
CTL_SRCS   = ctl/fcoectl.c ctl/client.c ctl/render.c ctl/render_json.c \
	     common/ctl_msg.c proto/fcp.c
CTL_OBJS   = $(patsubst %.c,$(BUILD)/ctl/%.o,$(CTL_SRCS))

$(BUILD)/ctl/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(BUILD)/fcoectl: $(CTL_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^

install: all
	install -d $(DESTDIR)$(SBINDIR)
	install -m 0755 $(BUILD)/fcoemond $(DESTDIR)$(SBINDIR)/fcoemond
	install -d $(DESTDIR)$(LIBEXECDIR)
	# 0711: the kernel starts a process exec'd from a file it cannot read
	# undumpable, so no other process of the monitor's user can trace it
	# or take its descriptors, even before its first instruction.
	install -m 0711 $(BUILD)/fcoemond-monitor \
	    $(DESTDIR)$(LIBEXECDIR)/fcoemond-monitor
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 $(BUILD)/fcoectl $(DESTDIR)$(BINDIR)/fcoectl

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/fcoemond
	rm -f $(DESTDIR)$(LIBEXECDIR)/fcoemond-monitor
	rm -f $(DESTDIR)$(BINDIR)/fcoectl
	-rmdir $(DESTDIR)$(LIBEXECDIR) 2>/dev/null

# ---- service files, sysusers entry, man pages, sample configuration ----
# The daemon reads /etc/fcoe whatever the PREFIX, so the samples go there.
BINDIR        ?= $(PREFIX)/bin
SYSCONFDIR    ?= /etc
SYSTEMDUNITDIR?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR   ?= $(PREFIX)/lib/sysusers.d
MAN5           = doc/fcoe-cfg.5
MAN8           = doc/fcoemond.8 doc/fcoectl.8
FCOE_SAMPLES   = cfg-ethx config

.PHONY: units install-svc uninstall-svc FORCE
units: $(BUILD)/fcoemond.service

# Rewritten only when SBINDIR or BINDIR changes, so ExecStart= and
# ExecStop= always name the fcoemond and fcoectl `make install` puts there.
$(BUILD)/fcoemond.service: etc/fcoemond.service.in FORCE
	@mkdir -p $(BUILD)
	@sed 's|@SBINDIR@|$(SBINDIR)|g; s|@BINDIR@|$(BINDIR)|g' \
	    etc/fcoemond.service.in > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

install: install-svc
uninstall: uninstall-svc

# A sample that already exists in /etc/fcoe is the admin's: never replaced.
install-svc: units
	install -d $(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(SYSUSERSDIR) \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 \
	    $(DESTDIR)$(SYSCONFDIR)/fcoe
	install -m 0644 $(BUILD)/fcoemond.service etc/fcoemond.socket \
	    etc/fcoemond-ctl.socket $(DESTDIR)$(SYSTEMDUNITDIR)/
	install -m 0644 etc/sysusers.d/fcoemond.conf \
	    $(DESTDIR)$(SYSUSERSDIR)/fcoemond.conf
	install -m 0644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 $(MAN8) $(DESTDIR)$(MANDIR)/man8/
	for f in $(FCOE_SAMPLES); do \
	    [ -e $(DESTDIR)$(SYSCONFDIR)/fcoe/$$f ] || \
	    install -m 0644 etc/$$f $(DESTDIR)$(SYSCONFDIR)/fcoe/$$f || exit 1; \
	done
	[ ! -f $(BUILD)/fcoectl ] || { install -d $(DESTDIR)$(BINDIR) && \
	    install -m 0755 $(BUILD)/fcoectl $(DESTDIR)$(BINDIR)/fcoectl; }

# A sample the admin edited stays, and so does everything else in /etc/fcoe.
uninstall-svc:
	rm -f $(DESTDIR)$(SYSTEMDUNITDIR)/fcoemond.service \
	    $(DESTDIR)$(SYSTEMDUNITDIR)/fcoemond.socket \
	    $(DESTDIR)$(SYSTEMDUNITDIR)/fcoemond-ctl.socket \
	    $(DESTDIR)$(SYSUSERSDIR)/fcoemond.conf \
	    $(DESTDIR)$(BINDIR)/fcoectl
	rm -f $(patsubst doc/%,$(DESTDIR)$(MANDIR)/man5/%,$(MAN5)) \
	    $(patsubst doc/%,$(DESTDIR)$(MANDIR)/man8/%,$(MAN8))
	for f in $(FCOE_SAMPLES); do \
	    p=$(DESTDIR)$(SYSCONFDIR)/fcoe/$$f; \
	    if cmp -s etc/$$f $$p; then rm -f $$p; \
	    elif [ -e $$p ]; then echo "kept $$p (changed since install)"; fi; \
	done
	rmdir $(DESTDIR)$(SYSCONFDIR)/fcoe 2>/dev/null || true

FORCE:

deps:
	sh tests/deps.sh

include tests/tests.mk tests/config.mk tests/dcb.mk tests/actclient.mk tests/links.mk
include tests/ctl.mk
include tests/fip.mk
include tests/dcbnl.mk

check: deps
	$(MAKE) all
	sh tests/run-all.sh

# The VM suite's showcase and fcoemond/fcoemon comparison (tests/vm).
demo: deps
	$(MAKE) all
	bash tests/vm/run.sh -x tests/vm/guest/demo.sh

vm-compare: deps
	$(MAKE) all
	sh tests/bench/vm_compare.sh

# fcoemond installed and run as a distribution does: Debian's systemd as
# PID 1 in the VM (tests/vm/systemd.sh, also run by make check).
vm-systemd: deps
	bash tests/vm/systemd.sh

# Where the milliseconds of one link-up go, traced by the guest's kernel.
bench-latency: deps
	$(MAKE) all
	sh tests/bench/vm_latency.sh

# Numbers for README (not part of check): BENCH_IDLE seconds per idle run.
BENCH_IDLE ?= 60
bench: all
	/usr/bin/python3 tests/bench/bench.py --idle $(BENCH_IDLE)

# Every libFuzzer target to 10 million executions, two at a time, at nice
# 19; FUZZ_LONG_TIME seconds per target is only a guard (tests/fuzz/long.sh;
# not in make check).  config first: the slowest starts first.
FUZZ_LONG_TIME ?= 3600
FUZZ_LONG_RUNS ?= 10000000
FUZZ_LONG_JOBS ?= 2
fuzz-long: $(FUZZER) $(CFG_FUZZER) $(DCB_FUZZ_BIN) $(DCB_FUZZ_SEEDS).stamp \
    $(DCBNL_FUZZ_BIN) $(DCBNL_FUZZ_SEEDS).stamp $(FIP_FUZZER) \
    $(FIP_SEEDS)/.stamp $(CTLT_FUZZERS) $(RTLINK_FUZZ_BIN) $(RTLINK_FUZZ_SEEDS).stamp
	printf '%s\n' "config $(CFG_FUZZER) 4096 $(CFG_CORPUS)" \
	    "fcp $(FUZZER) 2048 tests/fuzz/corpus" \
	    "lldpad $(DCB_FUZZ_BIN) 4608 $(DCB_FUZZ_SEEDS)" \
	    "dcbnl $(DCBNL_FUZZ_BIN) 2048 $(DCBNL_FUZZ_SEEDS)" \
	    "fip $(FIP_FUZZER) 2048 $(FIP_SEEDS)" \
	    "rtlink $(RTLINK_FUZZ_BIN) 4096 $(RTLINK_FUZZ_SEEDS)" \
	    "ctl $(CTLT_DIR)/fuzz_ctl 3072 tests/fuzz/corpus-ctl" \
	    "clif $(CTLT_DIR)/fuzz_clif 2048 tests/fuzz/corpus-clif" | \
	    BUILD=$(BUILD) FUZZ_LONG_TIME=$(FUZZ_LONG_TIME) \
	    FUZZ_LONG_RUNS=$(FUZZ_LONG_RUNS) FUZZ_LONG_JOBS=$(FUZZ_LONG_JOBS) \
	    sh tests/fuzz/long.sh

# Rewrites SECURITY.md's policy block from the code (checked by make check).
security-md: all
	{ sed '/<!-- policy:begin -->/q' SECURITY.md; echo '```'; \
	  $(BUILD)/fcoemond --dump-policy; \
	  $(BUILD)/fcoemond-monitor --dump-policy; echo '```'; \
	  sed -n '/<!-- policy:end -->/,$$p' SECURITY.md; } > SECURITY.md.new
	mv SECURITY.md.new SECURITY.md

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

clean:
	rm -rf $(BUILD)
