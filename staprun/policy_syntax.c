// SPDX-License-Identifier: GPL-2.0
/* See policy_syntax.h. */

#include <stdio.h>
#include <string.h>
#include "policy_syntax.h"

struct word {
	size_t start, size;
};

/* The next word at or after *@pos, false at the end. */
static bool next_word(const char *line, size_t len, size_t *pos,
		      struct word *w)
{
	size_t i = *pos;

	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
		i++;
	w->start = i;
	while (i < len && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
		i++;
	w->size = i - w->start;
	*pos = i;
	return w->size > 0;
}

bool stap_policy_parse_line(const char *line, size_t len,
			    struct stap_policy_grant *grant,
			    stap_policy_problem report, void *ctx)
{
	const char *hash = memchr(line, '#', len);
	struct word keyword, group, w;
	size_t pos = 0, after_group;
	char message[160];
	int action;

	if (hash)
		len = hash - line;
	if (!next_word(line, len, &pos, &keyword))
		return false;
	if (keyword.size != 5 || strncmp(line + keyword.start, "grant", 5) ||
	    !next_word(line, len, &pos, &group) ||
	    (after_group = pos, !next_word(line, len, &after_group, &w))) {
		report(ctx, keyword.start, keyword.size,
		       "expected 'grant GROUP ACTION...'; line ignored");
		return false;
	}
	grant->group = line + group.start;
	grant->group_len = group.size;
	grant->actions = 0;
	while (next_word(line, len, &pos, &w)) {
		action = stap_action_index(line + w.start, w.size);
		if (action >= 0) {
			grant->actions |= (stap_actions)1 << action;
			continue;
		}
		snprintf(message, sizeof(message),
			 "unknown privilege action '%.*s' ignored",
			 (int)(w.size > 64 ? 64 : w.size), line + w.start);
		report(ctx, w.start, w.size, message);
	}
	return true;
}
