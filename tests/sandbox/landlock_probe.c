/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 The fcoemond authors */
/*
 * Run by the integration tests only (test_attack_landlock.py), as root in a
 * private mount namespace over a fake /sys: puts itself under the
 * actuator's production Landlock ruleset (landlock_actuator() from
 * privsep/landlock.c), then opens each path given for writing and prints
 * "PATH ERRNO" (0: the open succeeded).  First line: "abi N".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "privsep/privsep.h"

int
main(int argc, char **argv)
{
	char why[160] = "";
	int abi = landlock_actuator(why, sizeof(why)), i, fd;

	printf("abi %d %s\n", abi, why);
	for (i = 1; i < argc; i++) {
		fd = open(argv[i], O_WRONLY | O_CLOEXEC);
		printf("%s %d\n", argv[i], fd >= 0 ? 0 : errno);
		if (fd >= 0)
			close(fd);
	}
	return abi > 0 ? 0 : 1;
}
