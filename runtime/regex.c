// SPDX-License-Identifier: GPL-2.0
#include "config.h"
#include "context.h"
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

int stp_regex_match(struct stp_context *c, const struct stp_dfa *d,
		    const char *s)
{
	int matched = stp_dfa_match(d, s);

	c->last_match = matched ? d : NULL;
	return matched;
}

s64 stp_regex_groups(struct stp_context *c)
{
	if (!c->last_match) {
		stp_error(c, "ngroups(): the last =~ did not match");
		return 0;
	}
	return c->last_match->groups;
}
