/* SPDX-License-Identifier: GPL-2.0 */
/* What staprun and stapio share: names, messages, the procfs paths. */
#ifndef STAPRUN_COMMON_H
#define STAPRUN_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#define STAP_MODNAME_MAX 56

/* "prog: message" on stderr, printf-style. */
void stap_warn(const char *prog, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Module name from a path: basename, ".ko" dropped, '-' becomes '_'. */
bool stap_module_name(const char *path, char *name, size_t size);
bool stap_valid_module_name(const char *name);

/*
 * A process id for -x: decimal digits only, 1 to INT_MAX (the kernel's
 * pid_max is far lower).  Rejects signs, spaces, trailing text and
 * overflow, which atoi() would turn into some other process.
 */
bool stap_parse_pid(const char *text, int *pid);

/*
 * -S SIZE[,N]: switch the -o file every SIZE megabytes (1 to
 * STAP_MAX_SWITCH_MB), keeping the newest N files (1 to INT_MAX; 0 when
 * omitted: all).  false for anything else.
 */
#define STAP_MAX_SWITCH_MB 4095
bool stap_parse_switch(const char *text, int *size_mb, int *keep);

/* /proc/stap_NAME/FILE */
void stap_proc_path(char *buf, size_t size, const char *name,
		    const char *file);

/* Path of a sibling executable, next to /proc/self/exe. */
bool stap_sibling_path(const char *exe, char *buf, size_t size);

/* All @n bytes to @fd, retrying short writes and EINTR; false on error. */
bool stap_write_all(int fd, const void *buf, size_t n);

/* Standard input, output and error on /dev/null (a detached process). */
void stap_stdio_to_devnull(void);

#endif /* STAPRUN_COMMON_H */
