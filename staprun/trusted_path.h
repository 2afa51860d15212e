/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Opening a path that no ordinary user can redirect: every directory on
 * the way, and every symbolic link followed, must belong to root and not
 * be writable by group or others.  Root-owned links (Debian's /lib ->
 * usr/lib) are followed; a link anyone else owns is refused.
 */
#ifndef STAPRUN_TRUSTED_PATH_H
#define STAPRUN_TRUSTED_PATH_H

#include <stddef.h>
#include <sys/stat.h>

/* Root-owned and not writable by group or others. */
int stap_root_only(const struct stat *st);

/*
 * Opens absolute @path with @flags (O_NOFOLLOW and O_CLOEXEC added) after
 * checking every directory above it and every link on the way.  The
 * object itself is not checked: the caller fstat()s the descriptor.
 * Returns the descriptor, or -1 with the reason in @why.
 */
int stap_open_trusted(const char *path, int flags, char *why, size_t whylen);

#endif /* STAPRUN_TRUSTED_PATH_H */
