// SPDX-License-Identifier: GPL-2.0
/* See trusted_path.h. */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "trusted_path.h"

#define MAX_LINKS 40

int stap_root_only(const struct stat *st)
{
	return st->st_uid == 0 && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

static int fail(char *why, size_t n, int fd, const char *fmt, const char *a,
		const char *b)
{
	snprintf(why, n, fmt, a, b);
	if (fd >= 0)
		close(fd);
	return -1;
}

/* fd of "/", checked like every other directory. */
static int open_root(char *why, size_t n)
{
	struct stat st;
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) || !stap_root_only(&st))
		return fail(why, n, fd, "directory '/' is not root-only%s%s",
			    "", "");
	return fd;
}

int stap_open_trusted(const char *path, int flags, char *why, size_t whylen)
{
	/* What is left to walk; a followed link's target is put in front. */
	char todo[2 * PATH_MAX], target[PATH_MAX], name[NAME_MAX + 1];
	int links = 0, dir;

	if (path[0] != '/' || strlen(path) >= PATH_MAX)
		return fail(why, whylen, -1, "'%s' is not an absolute path%s",
			    path, "");
	strcpy(todo, path);
	dir = open_root(why, whylen);
	while (dir >= 0) {
		char *p = todo, *end;
		struct stat st;
		size_t len;
		int fd;

		while (*p == '/')
			p++;
		end = strchrnul(p, '/');
		len = end - p;
		if (len == 0)	/* "/" itself */
			return fail(why, whylen, dir, "'%s' names no file%s",
				    path, "");
		if (len > NAME_MAX || (len <= 2 && !strncmp(p, "..", len)))
			return fail(why, whylen, dir,
				    "'%s': '.' and '..' are not accepted%s",
				    path, "");
		memcpy(name, p, len);
		name[len] = '\0';
		memmove(todo, end, strlen(end) + 1);
		while (todo[0] == '/' && todo[1] == '/')
			memmove(todo, todo + 1, strlen(todo));

		if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW))
			return fail(why, whylen, dir, "cannot find '%s': %s",
				    path, strerror(errno));
		if (S_ISLNK(st.st_mode)) {
			ssize_t n;

			if (st.st_uid != 0)
				return fail(why, whylen, dir,
					    "'%s': symbolic link '%s' is not "
					    "owned by root", path, name);
			n = readlinkat(dir, name, target, sizeof(target) - 1);
			if (n <= 0 || ++links > MAX_LINKS ||
			    n + strlen(todo) + 2 > sizeof(todo))
				return fail(why, whylen, dir,
					    "'%s': cannot follow link '%s'",
					    path, name);
			target[n] = '\0';
			memmove(todo + n + 1, todo, strlen(todo) + 1);
			memcpy(todo, target, n);
			todo[n] = '/';
			if (target[0] == '/') {
				close(dir);
				dir = open_root(why, whylen);
			}
			continue;
		}
		if (todo[0] == '\0' || !strcmp(todo, "/")) {
			fd = openat(dir, name, flags | O_NOFOLLOW | O_CLOEXEC);
			close(dir);
			if (fd < 0)
				return fail(why, whylen, -1,
					    "cannot open '%s': %s", path,
					    strerror(errno));
			return fd;
		}
		fd = openat(dir, name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(dir);
		if (fd < 0)
			return fail(why, whylen, -1, "cannot open '%s': %s",
				    path, strerror(errno));
		if (fstat(fd, &st) || !stap_root_only(&st))
			return fail(why, whylen, fd,
				    "'%s': directory '%s' is not owned by root "
				    "or is writable by group or others",
				    path, name);
		dir = fd;
	}
	return -1;
}
