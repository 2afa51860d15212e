// SPDX-License-Identifier: GPL-2.0
/* See module_unload.h. */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "common.h"
#include "module_unload.h"

/* A number from /sys/module/NAME/FILE, -1 if there is none. */
static long sys_module_number(const char *name, const char *file)
{
	char path[PATH_MAX], buf[32];
	long n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/%s", name, file);
	f = fopen(path, "re");
	if (f) {
		if (fgets(buf, sizeof(buf), f))
			n = strtol(buf, NULL, 10);
		fclose(f);
	}
	return n;
}

long stap_module_owner(const char *name)
{
	return sys_module_number(name, "parameters/stp_uid");
}

bool stap_module_in_use(const char *name)
{
	return sys_module_number(name, "refcnt") > 0;
}

bool stap_module_loaded(const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return access(path, F_OK) == 0;
}

int stap_delete_module(const char *prog, const char *name, bool until_gone)
{
	int tries;

	for (tries = 0;; tries++) {
		if (!syscall(SYS_delete_module, name, O_NONBLOCK))
			return 0;
		if (errno == ENOENT)
			return 0;
		if (errno != EAGAIN && errno != EBUSY)
			break;
		if (tries == 50 && !until_gone)
			break;
		if (tries == 50)
			stap_warn(prog, "module '%s' is in use (a process holds "
					"one of its /proc/stap_%s files open); "
					"it will be removed once they are closed",
				  name, name);
		usleep(tries < 50 ? 100000 : 1000000);
	}
	stap_warn(prog, "cannot remove module '%s': %s", name,
		  strerror(errno));
	return 1;
}

void stap_stop_session(const char *name)
{
	char path[PATH_MAX];
	int fd;

	stap_proc_path(path, sizeof(path), name, "control");
	fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		(void)!write(fd, "stop", 4);
		close(fd);
	}
}
