# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Tests of the monitor's configuration reader (monitor/config/*.c), to be
# included by the top Makefile; also works alone:
#
#   make -f tests/config.mk config-unit-tests config-fuzz
#
#   config-unit-tests  check suite over tests/unit/config-corpus, the
#                      directory scan, the hashed list and the reload diff;
#                      and the hash table (util/nmap) under it; and the
#                      monitor's log (util/log: held lines)
#   config-fuzz        libFuzzer (clang, ASan+UBSan) for CFG_FUZZ_TIME
#                      seconds; fails on a crash, a sanitizer report or a
#                      broken invariant, leaving the input in
#                      $(BUILD)/tests/cfg-fuzz-artifacts/
#
# Everything here is prefixed CFG_ so as not to clash with the includer.

# The includer's CC, or gcc when make only has its built-in default ("cc").
CFG_CC          ?= $(if $(filter default,$(origin CC)),gcc,$(CC))
BUILD           ?= build
PKG_CONFIG      ?= pkg-config

CFG_TBUILD       = $(BUILD)/tests
CFG_WARN         = -std=gnu11 -Wall -Wextra -Werror -Wformat=2 -Wshadow \
		   -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wcast-qual
CFG_CFLAGS       = $(CFG_WARN) -I. -D_GNU_SOURCE -O2 -D_FORTIFY_SOURCE=2 -g \
		   -fstack-protector-strong
CFG_CHECK_CFLAGS:= $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CFG_CHECK_LIBS  := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)
CFG_CORPUS       = tests/unit/config-corpus
CFG_SRCS         = monitor/config/cfg_lex.c monitor/config/cfg_diag.c \
		   monitor/config/cfg_value.c monitor/config/cfg_list.c \
		   monitor/config/cfg_parse.c monitor/config/cfg_scan.c \
		   monitor/config/cfg_reload.c monitor/config/cfg_check.c
CFG_OBJS         = $(patsubst monitor/config/%.c,$(CFG_TBUILD)/cfg/%.o,$(CFG_SRCS))
CFG_DEPS         = $(CFG_SRCS) monitor/config/config.h monitor/config/cfg_int.h monitor/util/nmap.c \
		   monitor/util/nmap.h tests/config.mk

CFG_FUZZ_CC     ?= clang-14
CFG_FUZZ_TIME   ?= 15
CFG_FUZZ_FLAGS   = -std=gnu11 -I. -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 \
		   -fsanitize=fuzzer,address,undefined \
		   -fno-sanitize-recover=all -fno-omit-frame-pointer
CFG_FUZZER       = $(CFG_TBUILD)/fuzz_config

.PHONY: config-unit-tests config-fuzz

# Own object directory: the top Makefile's $(BUILD)/%.o rule builds the
# daemon's copies of monitor/config/*.o with its own flags.
$(CFG_OBJS): $(CFG_TBUILD)/cfg/%.o: monitor/config/%.c $(CFG_DEPS)
	@mkdir -p $(dir $@)
	$(CFG_CC) $(CFG_CFLAGS) -c -o $@ $<

$(CFG_TBUILD)/cfg/nmap.o: $(CFG_DEPS)
	@mkdir -p $(dir $@)
	$(CFG_CC) $(CFG_CFLAGS) -c -o $@ monitor/util/nmap.c

$(CFG_TBUILD)/cfg/test_config.o: tests/unit/test_config.c $(CFG_DEPS)
	@mkdir -p $(dir $@)
	$(CFG_CC) $(CFG_CFLAGS) $(CFG_CHECK_CFLAGS) \
	    -DCFG_CORPUS_DIR='"$(CURDIR)/$(CFG_CORPUS)"' -c -o $@ $<

$(CFG_TBUILD)/test_config: $(CFG_TBUILD)/cfg/test_config.o \
    $(CFG_OBJS) $(CFG_TBUILD)/cfg/nmap.o
	$(CFG_CC) -o $@ $^ $(CFG_CHECK_LIBS)

# The monitor's one hash table, which the config list is built on.
$(CFG_TBUILD)/test_nmap: tests/unit/test_nmap.c tests/unit/check_main.h \
    monitor/util/nmap.c monitor/util/nmap.h tests/config.mk
	@mkdir -p $(dir $@)
	$(CFG_CC) $(CFG_CFLAGS) $(CFG_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_nmap.c monitor/util/nmap.c $(CFG_CHECK_LIBS)

# The monitor's log: held lines, flushed in order (monitor/util/log.c).
$(CFG_TBUILD)/test_log: tests/unit/test_log.c tests/unit/check_main.h \
    monitor/util/log.c monitor/util/log.h tests/config.mk
	@mkdir -p $(dir $@)
	$(CFG_CC) $(CFG_CFLAGS) $(CFG_CHECK_CFLAGS) -o $@ \
	    tests/unit/test_log.c monitor/util/log.c $(CFG_CHECK_LIBS)

config-unit-tests: $(CFG_TBUILD)/test_config $(CFG_TBUILD)/test_nmap \
    $(CFG_TBUILD)/test_log
	@rc=0; $(CFG_TBUILD)/test_config || rc=1; \
	    $(CFG_TBUILD)/test_nmap || rc=1; \
	    $(CFG_TBUILD)/test_log || rc=1; exit $$rc

$(CFG_FUZZER): tests/fuzz/fuzz_config.c tests/fuzz/fuzz_check.h $(CFG_DEPS)
	@mkdir -p $(dir $@)
	$(CFG_FUZZ_CC) $(CFG_FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_config.c \
	    $(CFG_SRCS) monitor/util/nmap.c

# New inputs go to build/; the corpus files (and their .expect, harmless)
# are the seeds and stay as they are.
config-fuzz: $(CFG_FUZZER)
	@mkdir -p $(CFG_TBUILD)/cfg-fuzz-corpus $(CFG_TBUILD)/cfg-fuzz-artifacts
	$(CFG_FUZZER) -max_total_time=$(CFG_FUZZ_TIME) -timeout=10 \
	    -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
	    -artifact_prefix=$(CFG_TBUILD)/cfg-fuzz-artifacts/ \
	    $(CFG_TBUILD)/cfg-fuzz-corpus $(CFG_CORPUS) tests/fuzz/long/config
