# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Build and test rules of the monitor's link tracking (monitor/io/links.c):
# tests/links/linkwatch (prints every callback) driven by
# tests/links/test_links.py against the real kernel, as root, in fresh
# network namespaces; and of its message parser (monitor/wire/rtlink.c):
# unit tests and a libFuzzer target.  Included by the top Makefile, or run
# alone from the top of the tree:
#	make -f tests/links.mk links-tests
#	make -f tests/links.mk rtlink-unit-tests
#	make -f tests/links.mk rtlink-fuzz [RTLINK_FUZZ_SECONDS=15]
# links-tests prints pytest's summary line.  Everything is prefixed LNK_ so as not to
# clash with the includer; built under $(BUILD)/tests, nothing in the tree.

# Included before the top Makefile's first target, this file must not
# become the default goal; that is restored at the end.
LNK_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD      ?= build
PKG_CONFIG ?= pkg-config

# make's built-in CC is "cc"; gcc unless the user or the Makefile chose.
LNK_CC      ?= $(if $(filter default,$(origin CC)),gcc,$(CC))
LNK_WARN     = -std=gnu11 -Wall -Wextra -Werror -Wformat=2 -Wshadow \
	       -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wcast-qual
LNK_CFLAGS  ?= $(LNK_WARN) -I. -D_GNU_SOURCE -O2 -D_FORTIFY_SOURCE=2 -g
LNK_LDFLAGS ?=
LNK_PKGS     = libevent_core
LNK_PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(LNK_PKGS) 2>/dev/null)
LNK_PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(LNK_PKGS) 2>/dev/null)
LNK_PYTHON  ?= /usr/bin/python3

LNK_SRCS     = monitor/io/links.c monitor/util/nmap.c monitor/wire/rtlink.c \
	       monitor/util/log.c monitor/util/clock.c tests/links/linkwatch.c
LNK_HDRS     = monitor/io/links.h monitor/engine/link.h monitor/util/nmap.h \
	       monitor/wire/rtlink.h monitor/util/log.h monitor/util/clock.h
LNK_BIN      = $(BUILD)/tests/linkwatch

RTL_CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
RTL_CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)
RTL_SRCS     = monitor/wire/rtlink.c
RTL_HDRS     = monitor/wire/rtlink.h
RTL_TEST     = $(BUILD)/tests/test_rtlink
RTLINK_FUZZ_CC     ?= clang-14
RTLINK_FUZZ_BIN     = $(BUILD)/tests/fuzz_rtlink
RTLINK_FUZZ_SEEDS   = $(BUILD)/tests/fuzz_rtlink.seeds
RTLINK_FUZZ_CORPUS  = $(BUILD)/tests/fuzz_rtlink.corpus
RTLINK_FUZZ_SECONDS ?= 15
RTLINK_FUZZ_FLAGS   = -I. -std=gnu11 -Wall -Wextra -Werror -Wshadow -Wvla \
		      -Wcast-qual -D_GNU_SOURCE -O1 -g \
		      -fsanitize=fuzzer,address,undefined \
		      -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: links-tests links-build rtlink-unit-tests rtlink-fuzz rtlink-fuzz-build

links-build: $(LNK_BIN)

$(LNK_BIN): $(LNK_SRCS) $(LNK_HDRS) tests/links.mk
	@mkdir -p $(dir $@)
	$(LNK_CC) $(LNK_CFLAGS) $(LNK_PKG_CFLAGS) $(LNK_LDFLAGS) -o $@ \
	    $(LNK_SRCS) $(LNK_PKG_LIBS)

links-tests: $(LNK_BIN)
	LINKWATCH=$(abspath $(LNK_BIN)) $(LNK_PYTHON) -m pytest -q \
	    -p no:cacheprovider tests/links/test_links.py

rtlink-unit-tests: $(RTL_TEST)
	$(RTL_TEST)

$(RTL_TEST): tests/unit/test_rtlink.c tests/unit/check_main.h $(RTL_SRCS) $(RTL_HDRS)
	@mkdir -p $(dir $@)
	$(LNK_CC) $(LNK_CFLAGS) $(RTL_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_rtlink.c $(RTL_SRCS) $(RTL_CHECK_LIBS)

rtlink-fuzz-build: $(RTLINK_FUZZ_BIN)

$(RTLINK_FUZZ_BIN): tests/fuzz/fuzz_rtlink.c tests/fuzz/fuzz_check.h $(RTL_SRCS) $(RTL_HDRS)
	@mkdir -p $(dir $@)
	$(RTLINK_FUZZ_CC) $(RTLINK_FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_rtlink.c $(RTL_SRCS)

# Seeds: every message the unit tests build or read from the kernel's
# dump, written by the test binary itself (nothing binary is committed).
$(RTLINK_FUZZ_SEEDS).stamp: $(RTL_TEST)
	@rm -rf $(RTLINK_FUZZ_SEEDS) && mkdir -p $(RTLINK_FUZZ_SEEDS)
	@RTLINK_SEED_DIR=$(RTLINK_FUZZ_SEEDS) CK_VERBOSITY=silent $(RTL_TEST)
	@touch $@

# Bounded run; libFuzzer exits non-zero on a crash, leak, sanitizer report
# or broken invariant, and writes the input under $(BUILD)/tests/.
rtlink-fuzz: $(RTLINK_FUZZ_BIN) $(RTLINK_FUZZ_SEEDS).stamp
	@mkdir -p $(RTLINK_FUZZ_CORPUS)
	$(RTLINK_FUZZ_BIN) -max_total_time=$(RTLINK_FUZZ_SECONDS) -max_len=4096 \
	    -print_final_stats=1 \
	    -artifact_prefix=$(BUILD)/tests/fuzz_rtlink- \
	    $(RTLINK_FUZZ_CORPUS) $(RTLINK_FUZZ_SEEDS)

ifneq ($(lastword $(MAKEFILE_LIST)),$(firstword $(MAKEFILE_LIST)))
.DEFAULT_GOAL := $(LNK_SAVED_GOAL)
endif
