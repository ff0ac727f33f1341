# SPDX-License-Identifier: ISC
# Copyright (c) 2026 The fcoemond authors
# Build and test rules of the monitor's link tracking (monitor/io/links.c):
# tests/links/linkwatch (prints every callback) driven by
# tests/links/test_links.py against the real kernel, as root, in fresh
# network namespaces.  Included by the top Makefile, or run alone from the
# top of the tree:
#	make -f tests/links.mk links-tests
# Prints pytest's summary line.  Everything is prefixed LNK_ so as not to
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

.PHONY: links-tests links-build

links-build: $(LNK_BIN)

$(LNK_BIN): $(LNK_SRCS) $(LNK_HDRS) tests/links.mk
	@mkdir -p $(dir $@)
	$(LNK_CC) $(LNK_CFLAGS) $(LNK_PKG_CFLAGS) $(LNK_LDFLAGS) -o $@ \
	    $(LNK_SRCS) $(LNK_PKG_LIBS)

links-tests: $(LNK_BIN)
	LINKWATCH=$(abspath $(LNK_BIN)) $(LNK_PYTHON) -m pytest -q \
	    -p no:cacheprovider tests/links/test_links.py

ifneq ($(lastword $(MAKEFILE_LIST)),$(firstword $(MAKEFILE_LIST)))
.DEFAULT_GOAL := $(LNK_SAVED_GOAL)
endif
