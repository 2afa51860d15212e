// SPDX-License-Identifier: GPL-2.0
#include "config.h"
#include "regex.h"

int stp_dfa_match(const struct stp_dfa *d, const char *s)
{
	unsigned int state = 0;
	unsigned int i;

	for (i = 0; i < MAXSTRINGLEN && s[i]; i++) {
		if (d->accept[state] & 1)
			return 1;
		state = d->next[state * d->classes + d->byte_class[(u8)s[i]]];
	}
	return (d->accept[state] & 3) != 0;
}
