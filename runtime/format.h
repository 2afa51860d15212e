/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The script's printf formatter.  Script format strings never reach the
 * kernel's vsnprintf: this one knows only what the language allows,
 *   %d %i %u %x %X %o %s %c %p %b %m %M %%
 * with flags "-+ #0", a width and a precision (each a number or '*').
 * Length modifiers (l, ll, h, z, j, t) are accepted and ignored: every
 * script integer is 64 bits.
 */
#ifndef STP_FORMAT_H
#define STP_FORMAT_H

#include <linux/types.h>

/* A script value: a long in .n, or a string in .s (non-NULL). */
struct stp_val {
	s64 n;
	const char *s;
};

#define STP_LONG(v) ((struct stp_val){ .n = (v) })
#define STP_STR(v) ((struct stp_val){ .s = (v) })

/*
 * Where formatted bytes go; flush() may empty a full buffer, or be NULL.
 * @error: the first conversion the formatter refused (static text), for
 * the caller to report as a run-time error.
 */
struct stp_sink {
	char *buf;
	size_t size;
	size_t len;
	void (*flush)(struct stp_sink *sink);
	void *priv;
	const char *error;
};

void stp_sink_put(struct stp_sink *sink, const char *p, size_t n);

/* A sink into @dst of @size bytes (> 0); end() adds the NUL, truncating. */
static inline void stp_string_sink(struct stp_sink *sink, char *dst,
				   size_t size)
{
	*sink = (struct stp_sink){ .buf = dst, .size = size - 1 };
}

static inline size_t stp_string_sink_end(struct stp_sink *sink)
{
	sink->buf[sink->len] = '\0';
	return sink->len;
}
void stp_format(struct stp_sink *sink, const char *fmt,
		const struct stp_val *args, unsigned int nargs);

/* sprintf(): formats into @dst (NUL-terminated), truncating at @size. */
size_t stp_sprintf(char *dst, size_t size, const char *fmt,
		   const struct stp_val *args, unsigned int nargs);

/* The same; *@error (if @error) gets the refused conversion or NULL. */
size_t stp_sprintf_error(char *dst, size_t size, const char *fmt,
			 const struct stp_val *args, unsigned int nargs,
			 const char **error);

#endif /* STP_FORMAT_H */
