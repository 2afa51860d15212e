// SPDX-License-Identifier: GPL-2.0
/* The current process's arguments and environment; see cmdline.h. */

#include <linux/minmax.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/string.h>
#include "cmdline.h"
#include "uread.h"

/*
 * The NUL-terminated string at *pos (before @end) into @dst, cut to
 * @size; *pos moves past it.  False at the end of the list or on a page
 * that is not resident.
 */
static bool stp_user_next_string(unsigned long *pos, unsigned long end,
				 char *dst, size_t size)
{
	size_t len = 0;
	char buf[64];

	if (*pos >= end)
		return false;
	while (*pos < end) {
		size_t n = min_t(size_t, sizeof(buf), end - *pos), i;

		if (stp_user_read_nofault(buf, *pos, n))
			return false;
		for (i = 0; i < n; i++) {
			if (!buf[i]) {
				*pos += i + 1;
				dst[len] = '\0';
				return true;
			}
			if (len + 1 < size)
				dst[len++] = buf[i];
		}
		*pos += n;
	}
	dst[len] = '\0';
	return true;
}

/* The current process's list between the two mm fields; false if none. */
#define STP_CURRENT_LIST(start, end, pos, last)                            \
	({                                                                 \
		bool ok_ = stp_user_access_ok();                           \
		if (ok_) {                                                 \
			*(pos) = READ_ONCE(current->mm->start);            \
			*(last) = READ_ONCE(current->mm->end);             \
		}                                                          \
		ok_;                                                       \
	})

void stp_current_args(char *dst, size_t size, s64 n, s64 m,
		      const char *delim)
{
	unsigned long pos, end;
	size_t len = 0, mark, dlen = strlen(delim);
	char skip[1];
	s64 i;

	dst[0] = '\0';
	if (n < 0 || !STP_CURRENT_LIST(arg_start, arg_end, &pos, &end))
		return;
	for (i = 0; m < n || i <= m; i++) {
		if (i < n) {
			if (!stp_user_next_string(&pos, end, skip, 1))
				return;
			continue;
		}
		mark = len;
		if (i > n && len + dlen + 1 < size) {
			memcpy(dst + len, delim, dlen + 1);
			len += dlen;
		}
		if (!stp_user_next_string(&pos, end, dst + len, size - len)) {
			dst[mark] = '\0';	/* no argument after the delimiter */
			return;
		}
		len += strlen(dst + len);
		if (len + 1 >= size)
			return;	/* full: the rest would be cut anyway */
	}
}

void stp_current_env_var(char *dst, size_t size, const char *name)
{
	size_t nlen = strlen(name);
	unsigned long pos, end;

	dst[0] = '\0';
	if (!nlen || !STP_CURRENT_LIST(env_start, env_end, &pos, &end))
		return;
	while (stp_user_next_string(&pos, end, dst, size)) {
		if (!strncmp(dst, name, nlen) && dst[nlen] == '=') {
			memmove(dst, dst + nlen + 1, strlen(dst + nlen + 1) + 1);
			return;
		}
	}
	dst[0] = '\0';
}
