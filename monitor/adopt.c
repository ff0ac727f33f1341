/*
 * Run by the monitor (unprivileged): find an existing FCoE controller under
 * /sys/class/net/<if>/ctlr_N and read whether it is enabled.  Read-only; an
 * interface without a controller is simply absent.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "adopt.h"

static int
is_ctlr(const char *name)
{
	const char *p = name + 5;

	return strncmp(name, "ctlr_", 5) == 0 && *p != '\0' &&
	    strspn(p, "0123456789") == strlen(p);
}

static int
find_ctlr(const char *dir, char *out, size_t outsz)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int err = ENOENT;

	if (d == NULL)
		return errno;
	while (err == ENOENT && (e = readdir(d)) != NULL)
		if (is_ctlr(e->d_name) && strlen(e->d_name) < outsz) {
			memcpy(out, e->d_name, strlen(e->d_name) + 1);
			err = 0;
		}
	closedir(d);
	return err;
}

/* First byte of a small sysfs attribute. */
static int
read_first(const char *path, char *c)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd == -1)
		return errno;
	n = read(fd, c, 1);
	close(fd);
	return n == 1 ? 0 : EIO;
}

int
adopt_state(const char *root, const char *ifname, enum port_state *out,
    char *ctlr, size_t ctlrsz)
{
	char dir[PATH_MAX], path[PATH_MAX + 16], c;
	int err;

	*out = PS_ABSENT;
	snprintf(dir, sizeof(dir), "%s/sys/class/net/%s", root, ifname);
	err = find_ctlr(dir, ctlr, ctlrsz);
	if (err == ENOENT)
		return 0;		/* no interface or no instance */
	if (err != 0)
		return err;
	snprintf(path, sizeof(path), "%s/%s/enabled", dir, ctlr);
	if ((err = read_first(path, &c)) != 0)
		return err;
	*out = c == '1' ? PS_ENABLED : PS_DISABLED;
	return 0;
}
