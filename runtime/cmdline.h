/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The current process's arguments and environment (cmdline_args,
 * env_var), read from its own memory between mm->arg_start/arg_end and
 * env_start/env_end.  Pages are never faulted in: a list whose memory is
 * not resident ends there.  Same access rule as uread.h (the module's
 * own user's processes when unprivileged); anything else reads as "".
 */
#ifndef STP_CMDLINE_H
#define STP_CMDLINE_H

#include <linux/types.h>

/* Arguments @n..@m (@m < @n: all from @n) joined by @delim. */
void stp_current_args(char *dst, size_t size, s64 n, s64 m,
		      const char *delim);
/* The value of environment variable @name, "" when unset. */
void stp_current_env_var(char *dst, size_t size, const char *name);

#endif /* STP_CMDLINE_H */
