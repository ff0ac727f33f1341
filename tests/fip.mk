# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Tests of FIP VLAN discovery's pure parts: the codec (monitor/wire/fip.c
# parses, proto/fip_frame.c and monitor/wire/fip_frame.c build,
# proto/fip_frame.c's fip_offers() is the actuator's offer check), the discovery state machine (monitor/engine/fipdisc.c)
# and the VLAN names (proto/vlan_name.c, common/vlan_name.c).  Included by the top Makefile; also works alone:
#
#   make -f tests/fip.mk fip-unit-tests fip-fuzz [FIP_FUZZ_TIME=15]
#
#   fip-unit-tests  check suite: spec byte examples, every malformed
#                   class, the state machine on a fake clock, the names
#   build/tests/fip_tool  the codec on the command line, for
#                   tests/integration/test_fip_wire.py (real fipvlan)
#   fip-fuzz        libFuzzer (clang, ASan+UBSan) for FIP_FUZZ_TIME
#                   seconds; fails on a crash, a sanitizer report or a
#                   broken invariant, leaving the input in
#                   $(BUILD)/tests/fip-fuzz-artifacts/
#
# The engine's use of them is tested by dcb.mk's test_eng_fip.  Every name
# here is prefixed FIP_ so as not to clash with the includer.

FIP_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD          ?= build
PKG_CONFIG     ?= pkg-config
FIP_CC         ?= $(if $(filter default,$(origin CC)),gcc,$(CC))
FIP_TBUILD      = $(BUILD)/tests
FIP_WARN        = -std=gnu11 -Wall -Wextra -Werror -Wformat=2 -Wshadow \
		  -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wcast-qual
FIP_CFLAGS      = $(FIP_WARN) -I. -D_GNU_SOURCE -O2 -D_FORTIFY_SOURCE=2 -g \
		  -fstack-protector-strong
FIP_CHECK_CFLAGS:= $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
FIP_CHECK_LIBS  := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

FIP_SRCS        = proto/fip_frame.c proto/vlan_name.c \
		  monitor/wire/fip.c monitor/wire/fip_frame.c \
		  monitor/engine/fipdisc.c common/vlan_name.c
FIP_DEPS        = $(FIP_SRCS) proto/fip_frame.h proto/vlan_name.h \
		  monitor/wire/fip.h monitor/wire/fip_frame.h \
		  monitor/engine/fipdisc.h common/vlan_name.h tests/fip.mk

FIP_FUZZ_CC    ?= clang-14
FIP_FUZZ_TIME  ?= 15
FIP_FUZZ_FLAGS  = -std=gnu11 -I. -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 \
		  -fsanitize=fuzzer,address,undefined \
		  -fno-sanitize-recover=all -fno-omit-frame-pointer
FIP_FUZZER      = $(FIP_TBUILD)/fuzz_fip
FIP_SEEDS       = $(FIP_TBUILD)/fip-fuzz-seeds

.PHONY: fip-unit-tests fip-fuzz fip-fuzz-build

$(FIP_TBUILD)/test_fip: tests/unit/test_fip.c tests/unit/check_main.h \
    $(FIP_DEPS)
	@mkdir -p $(dir $@)
	$(FIP_CC) $(FIP_CFLAGS) $(FIP_CHECK_CFLAGS) -o $@ tests/unit/test_fip.c \
	    $(FIP_SRCS) $(FIP_CHECK_LIBS)

fip-unit-tests: $(FIP_TBUILD)/test_fip
	$(FIP_TBUILD)/test_fip

# The codec on the command line, for tests/integration/test_fip_wire.py
# (which builds it through this rule).
$(FIP_TBUILD)/fip_tool: tests/integration/fip_tool.c $(FIP_DEPS)
	@mkdir -p $(dir $@)
	$(FIP_CC) $(FIP_CFLAGS) -o $@ tests/integration/fip_tool.c $(FIP_SRCS)

$(FIP_FUZZER): tests/fuzz/fuzz_fip.c tests/fuzz/fuzz_check.h $(FIP_DEPS)
	@mkdir -p $(dir $@)
	$(FIP_FUZZ_CC) $(FIP_FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_fip.c $(FIP_SRCS)

fip-fuzz-build: $(FIP_FUZZER)

# Seeds (tests/fuzz/mkcorpus_fip.py): the spec's byte examples and their
# near misses.  Written by make, not committed.
$(FIP_SEEDS)/.stamp: tests/fuzz/mkcorpus_fip.py tests/fip.mk
	@rm -rf $(FIP_SEEDS)
	/usr/bin/python3 tests/fuzz/mkcorpus_fip.py $(FIP_SEEDS)
	@touch $@

# New inputs go to build/.  Any crash, leak, sanitizer report or broken
# invariant exits non-zero.
fip-fuzz: $(FIP_FUZZER) $(FIP_SEEDS)/.stamp
	@mkdir -p $(FIP_TBUILD)/fip-fuzz-corpus $(FIP_TBUILD)/fip-fuzz-artifacts
	$(FIP_FUZZER) -max_total_time=$(FIP_FUZZ_TIME) -timeout=10 \
	    -rss_limit_mb=2048 -max_len=2048 -print_final_stats=1 \
	    -artifact_prefix=$(FIP_TBUILD)/fip-fuzz-artifacts/ \
	    $(FIP_TBUILD)/fip-fuzz-corpus $(FIP_SEEDS) tests/fuzz/long/fip

ifneq ($(lastword $(MAKEFILE_LIST)),$(firstword $(MAKEFILE_LIST)))
.DEFAULT_GOAL := $(FIP_SAVED_GOAL)
endif
