# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Tests of fcoectl's rendering and fuzz targets of the two control
# protocols (common/ctl_msg.c with ctl/render*.c, monitor/wire/clif_msg.c).  Included by
# the top Makefile, or run alone from the top of the tree:
#	make -f tests/ctl.mk ctl-unit-tests
#	make -f tests/ctl.mk ctl-fuzz [CTLT_FUZZ_TIME=15]
# Everything is built under $(BUILD)/tests/ctl/ with its own flags and is
# prefixed CTLT_ so as not to clash with the includer.

# Included before the top Makefile's first target, this file must not
# become the default goal; that is restored at the end.
CTLT_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD      ?= build
PKG_CONFIG ?= pkg-config

CTLT_CC      ?= $(if $(filter default,$(origin CC)),gcc,$(CC))
CTLT_WARN     = -std=gnu11 -Wall -Wextra -Werror -Wformat=2 -Wshadow \
		-Wstrict-prototypes -Wmissing-prototypes -Wvla -Wcast-qual
CTLT_CFLAGS  ?= $(CTLT_WARN) -I. -D_GNU_SOURCE -O2 -D_FORTIFY_SOURCE=2 -g
CTLT_CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CTLT_CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

CTLT_DIR      = $(BUILD)/tests/ctl
CTLT_SRCS     = ctl/render.c ctl/render_json.c common/ctl_msg.c proto/fcp.c
CTLT_HDRS     = ctl/render.h common/ctl_msg.h proto/fcp.h tests/fuzz/json_check.h
CTLT_TEST     = $(CTLT_DIR)/test_render
CTLT_PEER     = $(CTLT_DIR)/test_peer
CTLT_MONSC    = $(CTLT_DIR)/test_mon_seccomp
CTLT_UNRESP   = $(CTLT_DIR)/test_lldpad_unresp
CTLT_SC_CFLAGS:= $(shell $(PKG_CONFIG) --cflags libseccomp 2>/dev/null)
CTLT_SC_LIBS  := $(shell $(PKG_CONFIG) --libs libseccomp 2>/dev/null)

CTLT_FUZZ_CC   ?= clang-14
CTLT_FUZZ_TIME ?= 15
CTLT_FUZZ_FLAGS = -std=gnu11 -I. -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 \
		  -fsanitize=fuzzer,address,undefined \
		  -fno-sanitize-recover=all -fno-omit-frame-pointer
CTLT_FUZZERS    = $(CTLT_DIR)/fuzz_ctl $(CTLT_DIR)/fuzz_clif

.PHONY: ctl-unit-tests ctl-fuzz ctl-fuzz-build

ctl-unit-tests: $(CTLT_TEST) $(CTLT_PEER) $(CTLT_MONSC) $(CTLT_UNRESP)
	$(CTLT_TEST)
	$(CTLT_PEER)
	$(CTLT_MONSC)
	$(CTLT_UNRESP)

# "lldpad unresponsive", told apart from an absent lldpad (fake clock).
$(CTLT_UNRESP): tests/unit/test_lldpad_unresp.c tests/unit/check_main.h \
    monitor/dcb/lldpad_conn.c monitor/dcb/lldpad_conn.h \
    monitor/wire/lldpad_msg.c monitor/wire/lldpad_msg.h tests/ctl.mk
	@mkdir -p $(dir $@)
	$(CTLT_CC) $(CTLT_CFLAGS) $(CTLT_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_lldpad_unresp.c monitor/dcb/lldpad_conn.c \
	    monitor/wire/lldpad_msg.c $(CTLT_CHECK_LIBS)

# The monitor's seccomp policy: which sockets it may still open.
$(CTLT_MONSC): tests/sandbox/test_mon_seccomp.c tests/unit/check_main.h \
    monitor/io/sandbox.c privsep/seccomp.c privsep/landlock.c \
    privsep/seccomp_int.h tests/ctl.mk
	@mkdir -p $(dir $@)
	$(CTLT_CC) $(CTLT_CFLAGS) $(CTLT_SC_CFLAGS) $(CTLT_CHECK_CFLAGS) -o $@ \
	    tests/sandbox/test_mon_seccomp.c monitor/io/sandbox.c \
	    privsep/seccomp.c privsep/landlock.c $(CTLT_SC_LIBS) \
	    $(CTLT_CHECK_LIBS)

# Who may speak on the monitor's sockets, slots, log limiter (pure).
$(CTLT_PEER): tests/unit/test_peer.c tests/unit/check_main.h \
    monitor/control/peer.c monitor/control/peer.h tests/ctl.mk
	@mkdir -p $(dir $@)
	$(CTLT_CC) $(CTLT_CFLAGS) $(CTLT_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_peer.c monitor/control/peer.c $(CTLT_CHECK_LIBS)

$(CTLT_TEST): tests/unit/test_render.c tests/unit/check_main.h \
    $(CTLT_SRCS) $(CTLT_HDRS) tests/ctl.mk
	@mkdir -p $(dir $@)
	$(CTLT_CC) $(CTLT_CFLAGS) $(CTLT_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_render.c $(CTLT_SRCS) $(CTLT_CHECK_LIBS)

$(CTLT_DIR)/fuzz_ctl: tests/fuzz/fuzz_ctl.c tests/fuzz/fuzz_check.h \
    $(CTLT_SRCS) $(CTLT_HDRS) tests/ctl.mk
	@mkdir -p $(dir $@)
	$(CTLT_FUZZ_CC) $(CTLT_FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_ctl.c \
	    $(CTLT_SRCS)

$(CTLT_DIR)/fuzz_clif: tests/fuzz/fuzz_clif.c tests/fuzz/fuzz_check.h \
    monitor/wire/clif_msg.c monitor/wire/clif_msg.h proto/fcp.c proto/fcp.h tests/ctl.mk
	@mkdir -p $(dir $@)
	$(CTLT_FUZZ_CC) $(CTLT_FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_clif.c \
	    monitor/wire/clif_msg.c proto/fcp.c

ctl-fuzz-build: $(CTLT_FUZZERS)

# Each target from its committed seeds (tests/fuzz/corpus-ctl/, -clif/)
# and the corpus make fuzz-long keeps (tests/fuzz/long/ctl/, clif/);
# new inputs go to build/.  A crash, leak, sanitizer report or broken
# invariant exits non-zero and leaves the input in $(CTLT_DIR)/.
ctl-fuzz: $(CTLT_FUZZERS)
	@for f in ctl clif; do \
		mkdir -p $(CTLT_DIR)/fuzz_$$f.corpus || exit 1; \
		$(CTLT_DIR)/fuzz_$$f -max_total_time=$(CTLT_FUZZ_TIME) \
		    -max_len=3072 -timeout=10 -rss_limit_mb=2048 \
		    -print_final_stats=1 \
		    -artifact_prefix=$(CTLT_DIR)/fuzz_$$f- \
		    $(CTLT_DIR)/fuzz_$$f.corpus tests/fuzz/corpus-$$f \
		    tests/fuzz/long/$$f \
		    || exit 1; \
	done

ifneq ($(lastword $(MAKEFILE_LIST)),$(firstword $(MAKEFILE_LIST)))
.DEFAULT_GOAL := $(CTLT_SAVED_GOAL)
endif
