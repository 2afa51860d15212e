// SPDX-License-Identifier: GPL-2.0
/* A small printf for script format strings; see format.h. */

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/minmax.h>
#include "config.h"
#include "format.h"
#include "privilege.h"

#define F_LEFT 1
#define F_PLUS 2
#define F_SPACE 4
#define F_ALT 8
#define F_ZERO 16

struct stp_spec {
	int flags;
	int width;	/* -1: none */
	int prec;	/* -1: none */
};

void stp_sink_put(struct stp_sink *sink, const char *p, size_t n)
{
	while (n) {
		size_t room = sink->size - sink->len;
		size_t chunk;

		if (!room) {
			if (!sink->flush)
				return;
			sink->flush(sink);
			room = sink->size - sink->len;
			if (!room)
				return;
		}
		chunk = min(n, room);
		memcpy(sink->buf + sink->len, p, chunk);
		sink->len += chunk;
		p += chunk;
		n -= chunk;
	}
}

static void stp_sink_fill(struct stp_sink *sink, char ch, int count)
{
	char pad[16];

	memset(pad, ch, sizeof(pad));
	while (count > 0) {
		int n = min_t(int, count, sizeof(pad));

		stp_sink_put(sink, pad, n);
		count -= n;
	}
}

static void stp_put_number(struct stp_sink *sink, u64 v, bool neg,
			   unsigned int base, bool upper,
			   const struct stp_spec *sp, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int nd = 0, zeros = 0, total, pad;
	int plen = prefix ? strlen(prefix) : 0;
	char sign = 0;

	if (neg)
		sign = '-';
	else if (sp->flags & F_PLUS)
		sign = '+';
	else if (sp->flags & F_SPACE)
		sign = ' ';
	/* C: an explicit zero precision prints no digits for zero. */
	if (!(v == 0 && sp->prec == 0)) {
		do {
			tmp[nd++] = digits[v % base];
			v /= base;
		} while (v);
	}
	if (sp->prec > nd)
		zeros = sp->prec - nd;
	if (base == 8 && (sp->flags & F_ALT) && zeros == 0 &&
	    (nd == 0 || tmp[nd - 1] != '0'))
		zeros = 1;
	total = (sign ? 1 : 0) + plen + zeros + nd;
	if ((sp->flags & F_ZERO) && !(sp->flags & F_LEFT) && sp->prec < 0 &&
	    sp->width > total) {
		zeros += sp->width - total;
		total = sp->width;
	}
	pad = sp->width > total ? sp->width - total : 0;
	if (!(sp->flags & F_LEFT))
		stp_sink_fill(sink, ' ', pad);
	if (sign)
		stp_sink_put(sink, &sign, 1);
	if (plen)
		stp_sink_put(sink, prefix, plen);
	stp_sink_fill(sink, '0', zeros);
	while (nd > 0)
		stp_sink_put(sink, &tmp[--nd], 1);
	if (sp->flags & F_LEFT)
		stp_sink_fill(sink, ' ', pad);
}

static void stp_put_padded(struct stp_sink *sink, const char *p, size_t n,
			   const struct stp_spec *sp)
{
	int pad = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!(sp->flags & F_LEFT))
		stp_sink_fill(sink, ' ', pad);
	stp_sink_put(sink, p, n);
	if (sp->flags & F_LEFT)
		stp_sink_fill(sink, ' ', pad);
}

/* %b: the value's low bytes, native order; width 1, 2, 4 or 8 (default). */
static void stp_put_binary(struct stp_sink *sink, s64 v,
			   const struct stp_spec *sp)
{
	u8 b1 = v;
	u16 b2 = v;
	u32 b4 = v;

	switch (sp->width) {
	case 1:
		stp_sink_put(sink, (const char *)&b1, 1);
		break;
	case 2:
		stp_sink_put(sink, (const char *)&b2, 2);
		break;
	case 4:
		stp_sink_put(sink, (const char *)&b4, 4);
		break;
	default:
		stp_sink_put(sink, (const char *)&v, 8);
		break;
	}
}

/*
 * %m / %M: kernel memory at the address, precision bytes (default 1),
 * read without faulting; unreadable bytes print as zero bytes.  Only in a
 * module whose privilege record lists memory.kernel.read (the translator
 * asks for it at every literal %m; a computed format is judged here).
 */
static void stp_put_memory(struct stp_sink *sink, s64 addr, bool hex,
			   const struct stp_spec *sp)
{
	static const char hexdig[] = "0123456789abcdef";
	char chunk[64], out[2];
	int want = sp->prec < 0 ? 1 : min(sp->prec, MAXSTRINGLEN);
	int shown = hex ? 2 * want : want;
	int pad = sp->width > shown ? sp->width - shown : 0;
	int done = 0;

	if (!stp_module_has_action("memory.kernel.read")) {
		if (!sink->error)
			sink->error = "'%m'/'%M' read kernel memory: the module "
				      "lacks privilege action memory.kernel.read";
		return;
	}
	if (!(sp->flags & F_LEFT))
		stp_sink_fill(sink, ' ', pad);
	while (done < want) {
		int n = min_t(int, want - done, sizeof(chunk));
		int i;

		if (copy_from_kernel_nofault(chunk,
					     (const void *)(long)(addr + done),
					     n))
			memset(chunk, 0, n);
		if (!hex) {
			stp_sink_put(sink, chunk, n);
		} else {
			for (i = 0; i < n; i++) {
				out[0] = hexdig[(u8)chunk[i] >> 4];
				out[1] = hexdig[(u8)chunk[i] & 15];
				stp_sink_put(sink, out, 2);
			}
		}
		done += n;
	}
	if (sp->flags & F_LEFT)
		stp_sink_fill(sink, ' ', pad);
}

static int stp_parse_num(const char **pp)
{
	const char *p = *pp;
	int n = 0;

	while (*p >= '0' && *p <= '9') {
		if (n < 100000)
			n = n * 10 + (*p - '0');
		p++;
	}
	*pp = p;
	return n;
}

void stp_format(struct stp_sink *sink, const char *fmt,
		const struct stp_val *args, unsigned int nargs)
{
	static const struct stp_val none = { .n = 0, .s = "" };
	unsigned int ai = 0;
	const char *p = fmt;

#define NEXT_ARG() (ai < nargs ? &args[ai++] : &none)
	while (*p) {
		struct stp_spec sp = { .flags = 0, .width = -1, .prec = -1 };
		const struct stp_val *a;
		const char *start = p;
		char ch;

		if (*p != '%') {
			while (*p && *p != '%')
				p++;
			stp_sink_put(sink, start, p - start);
			continue;
		}
		p++;
		for (;; p++) {
			if (*p == '-')
				sp.flags |= F_LEFT;
			else if (*p == '+')
				sp.flags |= F_PLUS;
			else if (*p == ' ')
				sp.flags |= F_SPACE;
			else if (*p == '#')
				sp.flags |= F_ALT;
			else if (*p == '0')
				sp.flags |= F_ZERO;
			else
				break;
		}
		if (*p == '*') {
			s64 w = NEXT_ARG()->n;

			p++;
			if (w < 0) {
				sp.flags |= F_LEFT;
				w = -w;
			}
			sp.width = min_t(s64, w, 100000);
		} else if (*p >= '0' && *p <= '9') {
			sp.width = stp_parse_num(&p);
		}
		if (*p == '.') {
			p++;
			if (*p == '*') {
				s64 pr = NEXT_ARG()->n;

				p++;
				sp.prec = pr < 0 ? -1 : min_t(s64, pr, 100000);
			} else {
				sp.prec = stp_parse_num(&p);
			}
		}
		while (*p == 'l' || *p == 'h' || *p == 'z' || *p == 'j' ||
		       *p == 't' || *p == 'L')
			p++;
		ch = *p;
		if (ch)
			p++;
		switch (ch) {
		case 'd':
		case 'i':
			a = NEXT_ARG();
			stp_put_number(sink,
				       a->n < 0 ? -(u64)a->n : (u64)a->n,
				       a->n < 0, 10, false, &sp, NULL);
			break;
		case 'u':
			sp.flags &= ~(F_PLUS | F_SPACE);
			stp_put_number(sink, NEXT_ARG()->n, false, 10, false,
				       &sp, NULL);
			break;
		case 'x':
		case 'X':
		case 'o': {
			u64 v = NEXT_ARG()->n;
			const char *prefix = NULL;

			sp.flags &= ~(F_PLUS | F_SPACE);
			if ((sp.flags & F_ALT) && v && ch != 'o')
				prefix = ch == 'x' ? "0x" : "0X";
			stp_put_number(sink, v, false, ch == 'o' ? 8 : 16,
				       ch == 'X', &sp, prefix);
			break;
		}
		case 'p':
			/* Like the kernel's old %p: 0x and 16 zero-padded digits. */
			sp.flags &= ~(F_PLUS | F_SPACE);
			if (sp.width < 0) {
				sp.width = 18;
				sp.flags |= F_ZERO;
			}
			stp_put_number(sink, NEXT_ARG()->n, false, 16, false,
				       &sp, "0x");
			break;
		case 's': {
			const char *s = NEXT_ARG()->s;
			size_t n;

			if (!s)
				s = "";
			n = sp.prec >= 0 ? strnlen(s, sp.prec) : strlen(s);
			stp_put_padded(sink, s, n, &sp);
			break;
		}
		case 'c': {
			char c = (char)NEXT_ARG()->n;

			stp_put_padded(sink, &c, 1, &sp);
			break;
		}
		case 'b':
			stp_put_binary(sink, NEXT_ARG()->n, &sp);
			break;
		case 'm':
		case 'M':
			stp_put_memory(sink, NEXT_ARG()->n, ch == 'M', &sp);
			break;
		case '%':
			stp_sink_put(sink, "%", 1);
			break;
		default:
			/* Unknown conversion: print it as written. */
			stp_sink_put(sink, start, p - start);
			break;
		}
	}
#undef NEXT_ARG
}

size_t stp_sprintf_error(char *dst, size_t size, const char *fmt,
			 const struct stp_val *args, unsigned int nargs,
			 const char **error)
{
	struct stp_sink sink;

	if (!size)
		return 0;
	stp_string_sink(&sink, dst, size);
	stp_format(&sink, fmt, args, nargs);
	if (error)
		*error = sink.error;
	return stp_string_sink_end(&sink);
}

size_t stp_sprintf(char *dst, size_t size, const char *fmt,
		   const struct stp_val *args, unsigned int nargs)
{
	return stp_sprintf_error(dst, size, fmt, args, nargs, NULL);
}
