// SPDX-License-Identifier: GPL-2.0
/* UTF-16/UTF-32 strings to UTF-8; see utf_string.h. */

#include <linux/errno.h>
#include <linux/string.h>
#include "config.h"
#include "context.h"
#include "kread.h"
#include "uread.h"
#include "utf_string.h"

static int stp_utf_unit(struct stp_context *c, unsigned long addr,
			unsigned int width, bool user, u32 *unit)
{
	u16 half;
	int rc;

	if (width == 4)
		return user ? stp_user_read(c, addr, unit, 4) :
			      stp_kernel_read(c, addr, unit, 4);
	rc = user ? stp_user_read(c, addr, &half, 2) :
		    stp_kernel_read(c, addr, &half, 2);
	*unit = half;
	return rc;
}

/* The UTF-8 bytes of @cp in @out; their number (1 to 4). */
static size_t stp_utf8_encode(char *out, u32 cp)
{
	if (cp < 0x80) {
		out[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = 0xc0 | (cp >> 6);
		out[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = 0xe0 | (cp >> 12);
		out[1] = 0x80 | ((cp >> 6) & 0x3f);
		out[2] = 0x80 | (cp & 0x3f);
		return 3;
	}
	out[0] = 0xf0 | (cp >> 18);
	out[1] = 0x80 | ((cp >> 12) & 0x3f);
	out[2] = 0x80 | ((cp >> 6) & 0x3f);
	out[3] = 0x80 | (cp & 0x3f);
	return 4;
}

static int stp_utf_invalid(struct stp_context *c, char *dst,
			   unsigned long start, unsigned int width)
{
	dst[0] = '\0';
	stp_error_fmt(c, "invalid UTF-%u string at 0x%lx", width * 8, start);
	return -EILSEQ;
}

int stp_utf_string(struct stp_context *c, char *dst, unsigned long addr,
		   unsigned int width, bool user)
{
	const unsigned long start = addr;
	size_t len = 0, n;
	char bytes[4];
	u32 cp, low;

	for (;;) {
		if (stp_utf_unit(c, addr, width, user, &cp)) {
			dst[0] = '\0';
			return -EFAULT;
		}
		addr += width;
		if (cp == 0)
			break;
		if (width == 2 && cp >= 0xd800 && cp < 0xdc00) {
			if (stp_utf_unit(c, addr, width, user, &low)) {
				dst[0] = '\0';
				return -EFAULT;
			}
			if (low < 0xdc00 || low >= 0xe000)
				return stp_utf_invalid(c, dst, start, width);
			addr += width;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
		} else if ((cp >= 0xd800 && cp < 0xe000) || cp > 0x10ffff) {
			return stp_utf_invalid(c, dst, start, width);
		}
		n = stp_utf8_encode(bytes, cp);
		if (len + n > MAXSTRINGLEN - 1)
			break;
		memcpy(dst + len, bytes, n);
		len += n;
	}
	dst[len] = '\0';
	return 0;
}
