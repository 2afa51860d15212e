// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by staprun and stapio; see common.h. */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <limits.h>
#include <fcntl.h>
#include "common.h"

void stap_warn(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

bool stap_valid_module_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= STAP_MODNAME_MAX)
		return false;
	for (; *name; name++)
		if (!((*name >= 'a' && *name <= 'z') ||
		      (*name >= 'A' && *name <= 'Z') ||
		      (*name >= '0' && *name <= '9') || *name == '_'))
			return false;
	return true;
}

bool stap_parse_pid(const char *text, int *pid)
{
	long long v = 0;

	if (!*text)
		return false;
	for (; *text; text++) {
		if (*text < '0' || *text > '9')
			return false;
		v = v * 10 + (*text - '0');
		if (v > INT_MAX)
			return false;
	}
	if (v == 0)
		return false;
	*pid = (int)v;
	return true;
}

bool stap_parse_switch(const char *text, int *size_mb, int *keep)
{
	char size[16];
	const char *comma = strchr(text, ',');
	size_t n = comma ? (size_t)(comma - text) : strlen(text);

	if (n >= sizeof(size))
		return false;
	memcpy(size, text, n);
	size[n] = '\0';
	if (!stap_parse_pid(size, size_mb) || *size_mb > STAP_MAX_SWITCH_MB)
		return false;
	*keep = 0;
	return !comma || stap_parse_pid(comma + 1, keep);
}

bool stap_module_name(const char *path, char *name, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t n, i;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 3 && !strcmp(base + n - 3, ".ko"))
		n -= 3;
	if (n == 0 || n >= size)
		return false;
	for (i = 0; i < n; i++)
		name[i] = base[i] == '-' ? '_' : base[i];
	name[n] = '\0';
	return stap_valid_module_name(name);
}

void stap_proc_path(char *buf, size_t size, const char *name,
		    const char *file)
{
	snprintf(buf, size, "/proc/stap_%s/%s", name, file);
}

bool stap_sibling_path(const char *exe, char *buf, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n <= 0)
		return false;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return snprintf(buf, size, "%s/%s", self, exe) < (int)size;
}

void stap_stdio_to_devnull(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

bool stap_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= w;
	}
	return true;
}
