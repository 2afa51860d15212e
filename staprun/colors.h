/* SPDX-License-Identifier: GPL-2.0 */
/*
 * staprun -C WHEN: coloured ERROR: and WARNING: labels, in the colours
 * SYSTEMTAP_COLORS gives "error" and "warning" (stap(1)).  The rules are
 * the translator's (parser/diagnostic_colors.h; staprun links none of its
 * code): unset means error=01;31 and warning=00;33; entries KEY=VALUE
 * separated by ':', unknown keys and entries without '=' skipped; a VALUE
 * that is empty or holds anything but digits and ';' turns colour off, so
 * only an SGR sequence reaches the terminal.
 */
#ifndef STAPRUN_COLORS_H
#define STAPRUN_COLORS_H

#include <stdbool.h>
#include <stdio.h>

#define STAP_SGR_MAX 64

struct stap_colors {
	char error[STAP_SGR_MAX];	/* "" : plain */
	char warning[STAP_SGR_MAX];
};

/* "always", "never" or "auto"; false for anything else. */
bool stap_valid_color_when(const char *when);

/*
 * The colours for standard error under @when (NULL: auto, coloured only
 * on a terminal), read from @env (the value of SYSTEMTAP_COLORS, NULL
 * when unset).  A value longer than STAP_SGR_MAX - 1 turns colour off.
 */
void stap_colors_init(struct stap_colors *c, const char *when,
		      const char *env);

/* "@label: @text\n" on @f, the label in @sgr when it is not empty. */
void stap_print_labelled(FILE *f, const char *sgr, const char *label,
			 const char *text);

#endif /* STAPRUN_COLORS_H */
