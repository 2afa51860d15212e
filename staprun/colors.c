// SPDX-License-Identifier: GPL-2.0
/* Coloured ERROR: and WARNING: labels; see colors.h. */

#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include "colors.h"

bool stap_valid_color_when(const char *when)
{
	return !strcmp(when, "always") || !strcmp(when, "never") ||
	       !strcmp(when, "auto");
}

/* Copies a valid SGR value into @dst; false if it is not one. */
static bool take_sgr(char *dst, const char *v, size_t n)
{
	size_t i;

	if (n == 0 || n >= STAP_SGR_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || v[i] == ';'))
			return false;
	memcpy(dst, v, n);
	dst[n] = '\0';
	return true;
}

static bool parse_colors(struct stap_colors *c, const char *env)
{
	const char *entry = env, *end, *eq;
	char scratch[STAP_SGR_MAX];
	char *dst;

	while (*entry) {
		end = strchrnul(entry, ':');
		eq = memchr(entry, '=', end - entry);
		if (eq) {
			if (eq - entry == 5 && !strncmp(entry, "error", 5))
				dst = c->error;
			else if (eq - entry == 7 && !strncmp(entry, "warning", 7))
				dst = c->warning;
			else
				dst = scratch;	/* other keys: checked only */
			if (!take_sgr(dst, eq + 1, end - eq - 1))
				return false;
		}
		entry = *end ? end + 1 : end;
	}
	return true;
}

void stap_colors_init(struct stap_colors *c, const char *when,
		      const char *env)
{
	bool on = when && !strcmp(when, "always");

	c->error[0] = c->warning[0] = '\0';
	if (!when || !strcmp(when, "auto"))
		on = isatty(STDERR_FILENO);
	if (!on)
		return;
	if (!env) {
		strcpy(c->error, "01;31");
		strcpy(c->warning, "00;33");
		return;
	}
	if (!parse_colors(c, env))
		c->error[0] = c->warning[0] = '\0';
}

void stap_print_labelled(FILE *f, const char *sgr, const char *label,
			 const char *text)
{
	if (*sgr)
		fprintf(f, "\033[%sm\033[K%s:\033[m\033[K %s\n", sgr, label,
			text);
	else
		fprintf(f, "%s: %s\n", label, text);
}
