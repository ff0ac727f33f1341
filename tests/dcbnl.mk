# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Build and test rules of the monitor's dcbnl parser (monitor/wire/dcbnl.c):
# its unit tests and its libFuzzer target.  Included by the top Makefile, or
# run alone from the top of the tree:
#	make -f tests/dcbnl.mk dcbnl-unit-tests
#	make -f tests/dcbnl.mk dcbnl-fuzz [DCBNL_FUZZ_SECONDS=15]
# Everything is built under $(BUILD); nothing is written to the tree.

# Included before the top Makefile's first target, this file must not
# become the default goal; that is restored at the end.
DCBNL_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD ?= build
PKG_CONFIG ?= pkg-config

DCBNL_CC      ?= $(if $(filter default,$(origin CC)),gcc,$(CC))
DCBNL_FUZZ_CC ?= clang-14
DCBNL_WARN     = -std=gnu11 -Wall -Wextra -Werror -Wformat=2 -Wshadow \
		 -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wcast-qual
DCBNL_NL_CFLAGS := $(shell $(PKG_CONFIG) --cflags libnl-3.0 2>/dev/null)
DCBNL_NL_LIBS   := $(shell $(PKG_CONFIG) --libs libnl-3.0 2>/dev/null)
DCBNL_CFLAGS  ?= $(DCBNL_WARN) -I. -D_GNU_SOURCE -O2 -D_FORTIFY_SOURCE=2 -g
DCBNL_CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
DCBNL_CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

DCBNL_SRCS = monitor/wire/dcbnl.c
DCBNL_HDRS = monitor/wire/dcbnl.h
DCBNL_TEST = $(BUILD)/tests/test_dcbnl

DCBNL_FUZZ_BIN     = $(BUILD)/tests/fuzz_dcbnl
DCBNL_FUZZ_SEEDS   = $(BUILD)/tests/fuzz_dcbnl.seeds
DCBNL_FUZZ_CORPUS  = $(BUILD)/tests/fuzz_dcbnl.corpus
DCBNL_FUZZ_SECONDS ?= 15
DCBNL_FUZZ_FLAGS   = -I. -std=gnu11 -Wall -Wextra -Werror -Wshadow -Wvla \
		     -Wcast-qual -D_GNU_SOURCE -O1 -g \
		     -fsanitize=fuzzer,address,undefined \
		     -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: dcbnl-unit-tests dcbnl-fuzz dcbnl-fuzz-build

dcbnl-unit-tests: $(DCBNL_TEST)
	$(DCBNL_TEST)

$(DCBNL_TEST): tests/unit/test_dcbnl.c tests/unit/check_main.h $(DCBNL_SRCS) $(DCBNL_HDRS)
	@mkdir -p $(dir $@)
	$(DCBNL_CC) $(DCBNL_CFLAGS) $(DCBNL_NL_CFLAGS) $(DCBNL_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_dcbnl.c $(DCBNL_SRCS) $(DCBNL_NL_LIBS) $(DCBNL_CHECK_LIBS)

dcbnl-fuzz-build: $(DCBNL_FUZZ_BIN)

$(DCBNL_FUZZ_BIN): tests/fuzz/fuzz_dcbnl.c tests/fuzz/fuzz_check.h $(DCBNL_SRCS) $(DCBNL_HDRS)
	@mkdir -p $(dir $@)
	$(DCBNL_FUZZ_CC) $(DCBNL_FUZZ_FLAGS) $(DCBNL_NL_CFLAGS) -o $@ \
	    tests/fuzz/fuzz_dcbnl.c $(DCBNL_SRCS) $(DCBNL_NL_LIBS)

# Seeds: every message the unit tests build, well-formed or not, written
# by the test binary itself (nothing binary is committed).
$(DCBNL_FUZZ_SEEDS).stamp: $(DCBNL_TEST)
	@rm -rf $(DCBNL_FUZZ_SEEDS) && mkdir -p $(DCBNL_FUZZ_SEEDS)
	@DCBNL_SEED_DIR=$(DCBNL_FUZZ_SEEDS) CK_VERBOSITY=silent $(DCBNL_TEST)
	@touch $@

# Bounded run; libFuzzer exits non-zero on a crash, leak, sanitizer report
# or broken invariant, and writes the input under $(BUILD)/tests/.
dcbnl-fuzz: $(DCBNL_FUZZ_BIN) $(DCBNL_FUZZ_SEEDS).stamp
	@mkdir -p $(DCBNL_FUZZ_CORPUS)
	$(DCBNL_FUZZ_BIN) -max_total_time=$(DCBNL_FUZZ_SECONDS) -max_len=2048 \
	    -print_final_stats=1 \
	    -artifact_prefix=$(BUILD)/tests/fuzz_dcbnl- \
	    $(DCBNL_FUZZ_CORPUS) $(DCBNL_FUZZ_SEEDS) tests/fuzz/long/dcbnl

ifneq ($(lastword $(MAKEFILE_LIST)),$(firstword $(MAKEFILE_LIST)))
.DEFAULT_GOAL := $(DCBNL_SAVED_GOAL)
endif
