# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Test suites, included by the top Makefile (which defines CC, BUILD,
# ALL_CFLAGS, ALL_LDFLAGS, ACT_CFLAGS, ACT_LIBS, PROTO_OBJS, PRIVSEP_OBJS,
# ACT_LIB_OBJS).
#
#   make unit-tests      check: proto codecs (and the monitor's reply check),
#                        dispatch table, kif detection
#   make sandbox-tests   check: the actuator's seccomp policy in forked
#                        children (root for the serve() loop tests)
#   make fuzz-tests      libFuzzer (clang, ASan+UBSan), FUZZ_TIME seconds;
#                        longer by hand: make fuzz-tests FUZZ_TIME=3600
#   make tests           all three
#
# Each runner prints check's own summary line ("N%: Checks: N, Failures: N,
# Errors: N"); a failing suite fails the target after all suites ran.

TBUILD       = $(BUILD)/tests
PKG_CONFIG  ?= pkg-config
CHECK_CFLAGS:= $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS  := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)
TEST_CFLAGS  = $(if $(ALL_CFLAGS),$(ALL_CFLAGS),$(CFLAGS)) $(ACT_CFLAGS) \
	       $(CHECK_CFLAGS)
TEST_LDFLAGS = $(if $(ALL_LDFLAGS),$(ALL_LDFLAGS),$(LDFLAGS))
# Everything but main.o: the unit under test is the production object.
TEST_OBJS    = $(ACT_LIB_OBJS) $(PRIVSEP_OBJS) $(PROTO_OBJS)
TEST_LIBS    = $(CHECK_LIBS) $(ACT_LIBS)

UNIT_TESTS   = $(TBUILD)/test_proto $(TBUILD)/test_dispatch \
	       $(TBUILD)/test_kif
SANDBOX_TESTS= $(TBUILD)/test_seccomp
# not a check suite: run by tests/integration/test_attack_landlock.py
LANDLOCK_PROBE= $(TBUILD)/landlock_probe

FUZZ_CC     ?= clang-14
FUZZ_TIME   ?= 20
FUZZ_FLAGS   = -std=gnu11 -I. -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 \
	       -fsanitize=fuzzer,address,undefined \
	       -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZER       = $(TBUILD)/fuzz_fcp

.PHONY: tests unit-tests sandbox-tests fuzz-tests fuzz-build

tests: unit-tests sandbox-tests fuzz-tests

$(TBUILD)/%.o: tests/unit/%.c $(shell find actuator privsep proto -name "*.h") \
    monitor/wire/fcp_reply.h tests/unit/fakesys.h \
    tests/tests.mk
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -c -o $@ $<

$(TBUILD)/%.o: tests/sandbox/%.c $(shell find actuator privsep proto -name "*.h") \
    monitor/wire/fcp_reply.h tests/tests.mk
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -c -o $@ $<

# The monitor's reply check is tested with the codecs it checks against.
REPLY_OBJ    = $(BUILD)/monitor/wire/fcp_reply.o

$(TBUILD)/test_proto: $(TBUILD)/test_proto.o $(PROTO_OBJS) $(REPLY_OBJ)
	$(CC) $(TEST_LDFLAGS) -o $@ $^ $(CHECK_LIBS)

$(LANDLOCK_PROBE): $(TBUILD)/landlock_probe.o $(BUILD)/privsep/landlock.o
	$(CC) $(TEST_LDFLAGS) -o $@ $^

$(TBUILD)/test_dispatch $(TBUILD)/test_kif $(TBUILD)/test_seccomp: \
    $(TBUILD)/%: $(TBUILD)/%.o $(TEST_OBJS) $(REPLY_OBJ)
	$(CC) $(TEST_LDFLAGS) -o $@ $^ $(TEST_LIBS)

# Run every binary, report all, fail if one failed.
define run_suites
	@rc=0; for t in $(1); do \
		echo "== $$t"; \
		$$t || { echo "FAILED: $$t"; rc=1; }; \
	done; exit $$rc
endef

unit-tests: $(UNIT_TESTS)
	$(call run_suites,$(UNIT_TESTS))

sandbox-tests: $(SANDBOX_TESTS) $(LANDLOCK_PROBE)
	$(call run_suites,$(SANDBOX_TESTS))

# The fuzzer is its own build: clang, sanitizers, the proto source itself.
$(FUZZER): tests/fuzz/fuzz_fcp.c tests/fuzz/fuzz_check.h proto/fcp.c proto/fcp.h \
    monitor/wire/fcp_reply.c monitor/wire/fcp_reply.h tests/tests.mk
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_fcp.c proto/fcp.c \
	    monitor/wire/fcp_reply.c

fuzz-build: $(FUZZER)

# New inputs go to build/; the committed seeds and the corpus make
# fuzz-long keeps (tests/fuzz/long/fcp/) stay as they are.  Any
# crash, leak, sanitizer report or broken invariant exits non-zero and
# leaves the input in $(TBUILD)/fuzz-artifacts/.
fuzz-tests: $(FUZZER)
	@mkdir -p $(TBUILD)/fuzz-corpus $(TBUILD)/fuzz-artifacts
	$(FUZZER) -max_total_time=$(FUZZ_TIME) -max_len=2048 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$(TBUILD)/fuzz-artifacts/ \
	    $(TBUILD)/fuzz-corpus tests/fuzz/corpus tests/fuzz/long/fcp
