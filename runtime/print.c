// SPDX-License-Identifier: GPL-2.0
/* Per-CPU print buffers; see print.h. */

#include <linux/kernel.h>
#include <linux/string.h>
#include "context.h"
#include "format.h"
#include "print.h"
#include "transport.h"

void stp_print_flush(struct stp_context *c)
{
	if (c->print_len) {
		stp_transport_write(c->print_buf, c->print_len);
		c->print_len = 0;
	}
}

static void stp_print_sink_flush(struct stp_sink *sink)
{
	struct stp_context *c = sink->priv;

	c->print_len = sink->len;
	stp_print_flush(c);
	sink->len = 0;
}

void stp_print_sink_init(struct stp_sink *sink, struct stp_context *c)
{
	sink->buf = c->print_buf;
	sink->size = sizeof(c->print_buf);
	sink->len = c->print_len;
	sink->flush = stp_print_sink_flush;
	sink->priv = c;
	sink->error = NULL;
}

void stp_print_sink_done(struct stp_sink *sink, struct stp_context *c)
{
	c->print_len = sink->len;
}

void stp_print_mem(struct stp_context *c, const char *p, size_t n)
{
	struct stp_sink sink;

	stp_print_sink_init(&sink, c);
	stp_sink_put(&sink, p, n);
	stp_print_sink_done(&sink, c);
}

void stp_print_str(struct stp_context *c, const char *s)
{
	stp_print_mem(c, s, strlen(s));
}

void stp_print_char(struct stp_context *c, char ch)
{
	stp_print_mem(c, &ch, 1);
}

void stp_print_long(struct stp_context *c, s64 v)
{
	char tmp[24];
	int n = scnprintf(tmp, sizeof(tmp), "%lld", (long long)v);

	stp_print_mem(c, tmp, n);
}

void stp_printf(struct stp_context *c, const char *fmt,
		const struct stp_val *args, unsigned int nargs)
{
	struct stp_sink sink;

	stp_print_sink_init(&sink, c);
	stp_format(&sink, fmt, args, nargs);
	stp_print_sink_done(&sink, c);
	if (sink.error)
		stp_error(c, sink.error);
}

void stp_sprintf_checked(struct stp_context *c, char *dst, size_t size,
			 const char *fmt, const struct stp_val *args,
			 unsigned int nargs)
{
	const char *error = NULL;

	stp_sprintf_error(dst, size, fmt, args, nargs, &error);
	if (error)
		stp_error(c, error);
}
