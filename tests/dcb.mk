# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Build and test rules of the monitor's lldpad parser and DCB engine
# (monitor/wire/lldpad_msg.c, monitor/dcb/dcb.c, monitor/dcb/lldpad_conn.c,
# monitor/engine/port.c, monitor/io/adopt.c).  Included by the top Makefile, or
# run alone from the top of the tree:
#	make -f tests/dcb.mk dcb-unit-tests
#	make -f tests/dcb.mk dcb-fuzz [DCB_FUZZ_SECONDS=15]
# Everything is built under $(BUILD); nothing is written to the tree.

# Included before the top Makefile's first target, this file must not
# become the default goal; that is restored at the end.
DCB_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD ?= build
PKG_CONFIG ?= pkg-config

# make's built-in CC is "cc"; gcc unless the user or the Makefile chose.
DCB_CC       ?= $(if $(filter default,$(origin CC)),gcc,$(CC))
DCB_FUZZ_CC  ?= clang-14
DCB_WARN      = -std=gnu11 -Wall -Wextra -Werror -Wformat=2 -Wshadow \
		-Wstrict-prototypes -Wmissing-prototypes -Wvla -Wcast-qual
DCB_CFLAGS   ?= $(DCB_WARN) -I. -D_GNU_SOURCE -O2 -D_FORTIFY_SOURCE=2 -g
DCB_CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
DCB_CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

DCB_MSG_SRCS  = monitor/wire/lldpad_msg.c
DCB_MSG_HDRS  = monitor/wire/lldpad_msg.h
DCB_ENG_SRCS  = monitor/dcb/dcb.c $(DCB_MSG_SRCS)
DCB_ENG_HDRS  = monitor/dcb/dcb.h $(DCB_MSG_HDRS)
DCB_TESTS     = $(BUILD)/tests/test_lldpad_msg $(BUILD)/tests/test_dcb \
		$(BUILD)/tests/test_lldpad_conn $(BUILD)/tests/test_port \
		$(BUILD)/tests/test_adopt $(BUILD)/tests/test_engine \
		$(BUILD)/tests/test_eng_fip

DCB_FUZZ_BIN     = $(BUILD)/tests/fuzz_lldpad
DCB_FUZZ_SEEDS   = $(BUILD)/tests/fuzz_lldpad.seeds
DCB_FUZZ_CORPUS  = $(BUILD)/tests/fuzz_lldpad.corpus
DCB_FUZZ_SECONDS ?= 15
DCB_FUZZ_FLAGS   = -I. -std=gnu11 -Wall -Wextra -Werror -Wshadow -Wvla \
		   -Wcast-qual -D_GNU_SOURCE -O1 -g \
		   -fsanitize=fuzzer,address,undefined \
		   -fno-sanitize-recover=all -fno-omit-frame-pointer

# Seeds: every byte example of
# doc/kernel.md "lldpad: DCB answers" and "lldpad: events", a
# few lldpad variants, and near misses.  Written by make, not committed.
DCB_SEED_LIST = R00C301010004eth21 R00C301010004eth20 R08C301010004eth2 \
	R00C301030004eth2111000100008 R00C301050004eth21110208 \
	R00C303030004eth20000001100010000x R09C303030004eth2 \
	R00C303050004eth2000000110208 R01C303030004eth200000011 \
	R00C301050104eth2111041880 R00A RffA R00PPONG4321 R00PPONG R00D \
	R01D R00L R0a R04 R02 E5204eth2030011 E5204eth2050010 \
	E5204eth2020001 E520eeth0.4094-fcoe050100 R00C301010004eth22 \
	R00C3010100ffeth2 R00PPONG99999999999 C301010004eth2

.PHONY: dcb-unit-tests dcb-fuzz dcb-fuzz-build

dcb-unit-tests: $(DCB_TESTS)
	@rc=0; for t in $(DCB_TESTS); do $$t || rc=1; done; exit $$rc

$(BUILD)/tests/test_lldpad_msg: tests/unit/test_lldpad_msg.c \
    $(DCB_MSG_SRCS) $(DCB_MSG_HDRS)
	@mkdir -p $(dir $@)
	$(DCB_CC) $(DCB_CFLAGS) $(DCB_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_lldpad_msg.c $(DCB_MSG_SRCS) $(DCB_CHECK_LIBS)

$(BUILD)/tests/test_lldpad_conn: tests/unit/test_lldpad_conn.c \
    monitor/dcb/lldpad_conn.c monitor/dcb/lldpad_conn.h $(DCB_MSG_SRCS) $(DCB_MSG_HDRS)
	@mkdir -p $(dir $@)
	$(DCB_CC) $(DCB_CFLAGS) $(DCB_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_lldpad_conn.c monitor/dcb/lldpad_conn.c $(DCB_MSG_SRCS) \
	    $(DCB_CHECK_LIBS)

$(BUILD)/tests/test_port: tests/unit/test_port.c monitor/engine/port.c \
    monitor/engine/port.h $(DCB_ENG_HDRS)
	@mkdir -p $(dir $@)
	$(DCB_CC) $(DCB_CFLAGS) $(DCB_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_port.c monitor/engine/port.c $(DCB_CHECK_LIBS)

$(BUILD)/tests/test_adopt: tests/unit/test_adopt.c monitor/io/adopt.c \
    monitor/io/adopt.h monitor/engine/port.h $(DCB_ENG_HDRS)
	@mkdir -p $(dir $@)
	$(DCB_CC) $(DCB_CFLAGS) $(DCB_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_adopt.c monitor/io/adopt.c $(DCB_CHECK_LIBS)

$(BUILD)/tests/test_dcb: tests/unit/test_dcb.c $(DCB_ENG_SRCS) \
    $(DCB_ENG_HDRS)
	@mkdir -p $(dir $@)
	$(DCB_CC) $(DCB_CFLAGS) $(DCB_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_dcb.c $(DCB_ENG_SRCS) $(DCB_CHECK_LIBS)

# The engine whole, on a fake clock with a recording actuator.
ENG_SRCS = monitor/engine/eng_core.c monitor/engine/eng_timer.c \
	   monitor/engine/engine.c monitor/engine/eng_lldpad.c \
	   monitor/engine/eng_dcbnl.c \
	   monitor/engine/eng_admin.c monitor/engine/eng_status.c \
	   monitor/engine/eng_run.c monitor/engine/port.c \
	   monitor/engine/eng_fip.c monitor/engine/eng_fip_act.c \
	   monitor/engine/fipdisc.c \
	   monitor/wire/fip.c monitor/wire/fip_frame.c common/vlan_name.c \
	   proto/fip_frame.c proto/vlan_name.c \
	   monitor/util/nmap.c $(wildcard monitor/config/*.c) monitor/dcb/lldpad_conn.c \
	   monitor/util/log.c monitor/control/status.c common/ctl_msg.c \
	   proto/fcp.c $(DCB_ENG_SRCS)

$(BUILD)/tests/test_engine: tests/unit/test_engine.c $(ENG_SRCS) \
    $(shell find monitor common proto -name "*.h")
	@mkdir -p $(dir $@)
	$(DCB_CC) $(DCB_CFLAGS) $(DCB_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_engine.c $(ENG_SRCS) $(DCB_CHECK_LIBS)

# FIP VLAN discovery in the engine, on the same fake clock.
$(BUILD)/tests/test_eng_fip: tests/unit/test_eng_fip.c $(ENG_SRCS) \
    $(shell find monitor common proto -name "*.h")
	@mkdir -p $(dir $@)
	$(DCB_CC) $(DCB_CFLAGS) $(DCB_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_eng_fip.c $(ENG_SRCS) $(DCB_CHECK_LIBS)

dcb-fuzz-build: $(DCB_FUZZ_BIN)

$(DCB_FUZZ_BIN): tests/fuzz/fuzz_lldpad.c tests/fuzz/fuzz_check.h $(DCB_ENG_SRCS) $(DCB_ENG_HDRS)
	@mkdir -p $(dir $@)
	$(DCB_FUZZ_CC) $(DCB_FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_lldpad.c \
	    $(DCB_ENG_SRCS)

$(DCB_FUZZ_SEEDS).stamp: tests/dcb.mk
	@rm -rf $(DCB_FUZZ_SEEDS) && mkdir -p $(DCB_FUZZ_SEEDS)
	@i=0; for s in $(DCB_SEED_LIST); do i=$$((i + 1)); \
	    printf '%s' "$$s" > $(DCB_FUZZ_SEEDS)/seed$$i; done
	@touch $@

# Bounded run; libFuzzer exits non-zero on a crash, leak or sanitizer
# report, and writes the input under $(BUILD)/tests/.
dcb-fuzz: $(DCB_FUZZ_BIN) $(DCB_FUZZ_SEEDS).stamp
	@mkdir -p $(DCB_FUZZ_CORPUS)
	$(DCB_FUZZ_BIN) -max_total_time=$(DCB_FUZZ_SECONDS) -max_len=4608 \
	    -print_final_stats=1 \
	    -artifact_prefix=$(BUILD)/tests/fuzz_lldpad- \
	    $(DCB_FUZZ_CORPUS) $(DCB_FUZZ_SEEDS) tests/fuzz/long/lldpad

ifneq ($(lastword $(MAKEFILE_LIST)),$(firstword $(MAKEFILE_LIST)))
.DEFAULT_GOAL := $(DCB_SAVED_GOAL)
endif
