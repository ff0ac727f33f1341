/*
 * Run by the monitor before seccomp: a Landlock ruleset that leaves it
 * reading only its configuration and sysfs, and writing nothing at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/landlock.h>

#include "privsep.h"

#define READ	(LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)

/* The ABI enforced, or 0 (with why) when Landlock is not in force. */
int
landlock_monitor(const char *cfgdir, char *why, size_t whysz)
{
	int abi = landlock_abi();
	struct landlock_ruleset_attr attr = { .handled_access_fs =
	    landlock_handled(abi) | READ };
	int rs, r;

	if (abi <= 0)
		return snprintf(why, whysz, "not supported by this kernel"), 0;
	rs = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (rs == -1)
		return snprintf(why, whysz, "ruleset: %s", strerror(errno)), 0;
	r = landlock_allow(rs, cfgdir, READ);
	if (r == 0)
		r = landlock_allow(rs, "/sys", READ);
	return landlock_enforce(rs, r, abi, why, whysz);
}

void
landlock_monitor_dump(FILE *out, const char *cfgdir)
{
	fprintf(out, "landlock (monitor): every file access denied except "
	    "read_file and read_dir beneath:\n  %s\n  /sys\n", cfgdir);
}
