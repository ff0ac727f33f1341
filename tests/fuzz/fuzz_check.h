/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Test helper of the fuzz targets: an invariant that aborts with its text,
 * so libFuzzer records the input that broke it.
 */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(c)							\
	do {								\
		if (!(c)) {						\
			fprintf(stderr, "invariant failed: %s (%s:%d)\n", \
			    #c, __FILE__, __LINE__);			\
			abort();					\
		}							\
	} while (0)

#endif
