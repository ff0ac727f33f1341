# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Unit tests of the monitor's actuator client stubs (monitor/io/act_client.c)
# against a fake actuator on a socketpair.  Included by the top Makefile,
# or run alone from the top of the tree:
#	make -f tests/actclient.mk actclient-unit-tests
# Prints check's summary line.  The production sources it links (proto/fcp.c,
# privsep/channel.c) are compiled here into their own object directory,
# $(BUILD)/tests/actclient/, so the top Makefile's objects and flags do not
# matter.  Everything is prefixed ACL_ so as not to clash with the includer.

# Included before the top Makefile's first target, this file must not
# become the default goal; that is restored at the end.
ACL_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD      ?= build
PKG_CONFIG ?= pkg-config

# make's built-in CC is "cc"; gcc unless the user or the Makefile chose.
ACL_CC      ?= $(if $(filter default,$(origin CC)),gcc,$(CC))
ACL_WARN     = -std=gnu11 -Wall -Wextra -Werror -Wformat=2 -Wshadow \
	       -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wcast-qual
ACL_CFLAGS  ?= $(ACL_WARN) -I. -D_GNU_SOURCE -O2 -D_FORTIFY_SOURCE=2 -g
ACL_LDFLAGS ?=
ACL_CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
ACL_CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

ACL_OBJDIR   = $(BUILD)/tests/actclient
ACL_SRCS     = monitor/io/act_client.c monitor/wire/fcp_reply.c proto/fcp.c \
	       privsep/channel.c
ACL_HDRS     = monitor/io/act_client.h monitor/wire/fcp_reply.h proto/fcp.h \
	       privsep/privsep.h
ACL_OBJS     = $(patsubst %.c,$(ACL_OBJDIR)/%.o,$(ACL_SRCS))
ACL_TEST_OBJ = $(ACL_OBJDIR)/test_act_client.o
ACL_TEST     = $(BUILD)/tests/test_act_client

.PHONY: actclient-unit-tests

actclient-unit-tests: $(ACL_TEST)
	$(ACL_TEST)

$(ACL_OBJDIR)/%.o: %.c $(ACL_HDRS) tests/actclient.mk
	@mkdir -p $(dir $@)
	$(ACL_CC) $(ACL_CFLAGS) -c -o $@ $<

$(ACL_TEST_OBJ): tests/unit/test_act_client.c $(ACL_HDRS) tests/actclient.mk
	@mkdir -p $(dir $@)
	$(ACL_CC) $(ACL_CFLAGS) $(ACL_CHECK_CFLAGS) -c -o $@ $<

$(ACL_TEST): $(ACL_TEST_OBJ) $(ACL_OBJS)
	@mkdir -p $(dir $@)
	$(ACL_CC) $(ACL_LDFLAGS) -o $@ $^ $(ACL_CHECK_LIBS)

ifneq ($(lastword $(MAKEFILE_LIST)),$(firstword $(MAKEFILE_LIST)))
.DEFAULT_GOAL := $(ACL_SAVED_GOAL)
endif
