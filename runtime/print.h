/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Script output.  Each CPU's context has a print buffer; the probe
 * epilogue flushes it to the transport in one piece, so a probe's output
 * is never interleaved with another CPU's unless it exceeds
 * STP_PRINT_BUF_SIZE.
 */
#ifndef STP_PRINT_H
#define STP_PRINT_H

#include <linux/types.h>
#include "format.h"

struct stp_context;

void stp_print_mem(struct stp_context *c, const char *p, size_t n);
void stp_print_str(struct stp_context *c, const char *s);
void stp_print_char(struct stp_context *c, char ch);
void stp_print_long(struct stp_context *c, s64 v);
/* printf()/sprintf() with the script's format: a conversion the formatter
 * refuses (stp_sink.error) becomes a run-time error in @c. */
void stp_printf(struct stp_context *c, const char *fmt,
		const struct stp_val *args, unsigned int nargs);
void stp_sprintf_checked(struct stp_context *c, char *dst, size_t size,
			 const char *fmt, const struct stp_val *args,
			 unsigned int nargs);
void stp_print_flush(struct stp_context *c);
/*
 * A sink onto the probe's output, for runtime code that formats in
 * pieces (histograms, stack traces): init, stp_format()/stp_sink_put()
 * into it, then done.
 */
struct stp_sink;
void stp_print_sink_init(struct stp_sink *sink, struct stp_context *c);
void stp_print_sink_done(struct stp_sink *sink, struct stp_context *c);

/* printf(fmt, ...) with script values, e.g. STP_PRINTF(c, "%d\n", STP_LONG(x)) */
#define STP_PRINTF(c, fmt, ...)                                           \
	do {                                                              \
		const struct stp_val stp_args_[] = { __VA_ARGS__ };       \
		stp_printf((c), (fmt), stp_args_, ARRAY_SIZE(stp_args_)); \
	} while (0)

#endif /* STP_PRINT_H */
