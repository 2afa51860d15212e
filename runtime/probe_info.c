// SPDX-License-Identifier: GPL-2.0
/* The probe that fired; see probe_info.h. */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/string.h>
#include "context.h"
#include "probe.h"
#include "probe_info.h"
#include "symbols.h"

const char *stp_probe_point(struct stp_context *c)
{
	return c->probe && c->probe->pp ? c->probe->pp : "";
}

const char *stp_probe_name(struct stp_context *c)
{
	return c->probe && c->probe->pn ? c->probe->pn : stp_probe_point(c);
}

/* The text from @start up to the first of @stop, "" when @start is NULL. */
static void stp_copy_until(char *dst, size_t size, const char *start,
			   const char *stop)
{
	size_t len;

	if (!size)
		return;
	len = start ? min(strcspn(start, stop), size - 1) : 0;
	if (len)
		memcpy(dst, start, len);
	dst[len] = '\0';
}

void stp_probe_point_function(char *dst, size_t size, const char *pp)
{
	static const char *const kinds[] = { "function(\"", "statement(\"" };
	const char *start = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds) && !start; i++) {
		start = strstr(pp, kinds[i]);
		if (start)
			start += strlen(kinds[i]);
	}
	stp_copy_until(dst, size, start, "@\":");
}

void stp_probe_point_label(char *dst, size_t size, const char *pn)
{
	static const char kind[] = ".label(\"";
	const char *start = strstr(pn, kind);

	stp_copy_until(dst, size, start ? start + strlen(kind) : NULL, "\"");
}

/* A "return" component of the probe point, outside quotes and parens. */
bool stp_probe_is_return(struct stp_context *c)
{
	const char *pp = stp_probe_point(c), *s;
	bool quoted = false;
	int depth = 0;

	for (s = pp; *s; s++) {
		if (quoted) {
			if (*s == '\\' && s[1])
				s++;
			else if (*s == '"')
				quoted = false;
			continue;
		}
		if (*s == '"')
			quoted = true;
		else if (*s == '(')
			depth++;
		else if (*s == ')')
			depth--;
		else if (*s == '.' && !depth && !strncmp(s + 1, "return", 6) &&
			 (s[7] == '\0' || s[7] == '.'))
			return true;
	}
	return false;
}

void stp_probe_func(struct stp_context *c, char *dst, size_t size)
{
	stp_probe_point_function(dst, size, stp_probe_point(c));
	if (dst[0] || !c->regs || user_mode(c->regs))
		return;
	stp_symbol_name(dst, size, instruction_pointer(c->regs));
}

const char *stp_module_name(void)
{
	return THIS_MODULE->name;
}
