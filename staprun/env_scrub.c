// SPDX-License-Identifier: GPL-2.0
/* See env_scrub.h. */

#define _GNU_SOURCE
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "env_scrub.h"

/* SYSTEMTAP_COLORS: stapio (as the caller) lets only SGR digits through. */
static const char *const kept[] = { "PATH", "HOME", "TERM", "USER", "LOGNAME",
				    "SHELL", "TZ", "LANG", "LANGUAGE",
				    "SYSTEMTAP_COLORS" };

static bool keep(const char *entry)
{
	size_t n = strcspn(entry, "=");
	size_t i;

	if (!entry[n])
		return false;
	if (n > 3 && !strncmp(entry, "LC_", 3))
		return true;
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if (strlen(kept[i]) == n && !strncmp(entry, kept[i], n))
			return true;
	return false;
}

void stap_scrub_environment(void)
{
	static char *clean[32];
	size_t n = 0;
	char **e;

	for (e = environ; e && *e && n < sizeof(clean) / sizeof(clean[0]) - 1;
	     e++)
		if (keep(*e))
			clean[n++] = *e;
	clean[n] = NULL;
	environ = clean;
}
