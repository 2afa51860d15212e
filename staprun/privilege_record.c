// SPDX-License-Identifier: GPL-2.0
/* See privilege_record.h. */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"
#include "policy_syntax.h"
#include "privilege_record.h"
#include "trusted_path.h"

#define PROG "staprun"

/* The translator's catalogue, generated from privilege/actions.def. */
#include "stap_actions.h"

#define catalogue stap_action_catalogue
#define CATALOGUE_SIZE ((size_t)STAP_ACTION_COUNT)
_Static_assert(STAP_ACTION_COUNT <= STAP_MAX_ACTIONS, "widen stap_actions");
_Static_assert((int)STAP_ACTION_STAPUSR == (int)LEVEL_STAPUSR &&
		       (int)STAP_ACTION_STAPSYS == (int)LEVEL_STAPSYS &&
		       (int)STAP_ACTION_STAPDEV == (int)LEVEL_STAPDEV,
	       "one numbering of the levels");

const char *stap_level_name(enum stap_level l)
{
	static const char *const names[] = { "none", "stapusr", "stapsys",
					     "stapdev" };
	return names[l];
}

static bool level_from_text(const char *s, size_t n, enum stap_level *l)
{
	enum stap_level i;

	for (i = LEVEL_STAPUSR; i <= LEVEL_STAPDEV; i++) {
		if (strlen(stap_level_name(i)) == n &&
		    !strncmp(s, stap_level_name(i), n)) {
			*l = i;
			return true;
		}
	}
	return false;
}

int stap_action_index(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < CATALOGUE_SIZE; i++)
		if (strlen(catalogue[i].name) == n &&
		    !strncmp(s, catalogue[i].name, n))
			return (int)i;
	return -1;
}

stap_actions stap_level_actions(enum stap_level l)
{
	stap_actions set = 0;
	size_t i;

	for (i = 0; i < CATALOGUE_SIZE; i++)
		if (l != LEVEL_NONE && (int)catalogue[i].level <= (int)l)
			set |= (stap_actions)1 << i;
	return set;
}

void stap_actions_text(stap_actions set, char *buf, size_t size)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < CATALOGUE_SIZE && used < size; i++)
		if (set & ((stap_actions)1 << i))
			used += snprintf(buf + used, size - used, "%s%s",
					 used ? "," : "", catalogue[i].name);
}

bool stap_parse_record(const char *record, struct stap_requirement *req,
		       char *why, size_t whylen)
{
	const char *p = record, *nl;

	req->level = LEVEL_STAPDEV;
	req->actions = 0;
	if (strncmp(p, "level=", 6) || !(nl = strchr(p + 6, '\n')) ||
	    !level_from_text(p + 6, nl - p - 6, &req->level)) {
		snprintf(why, whylen, "its .stap_privilege record has no valid "
				      "level");
		req->level = LEVEL_STAPDEV;
		return false;
	}
	p = nl + 1;
	if (strncmp(p, "actions=", 8) || !(nl = strchr(p, '\n'))) {
		snprintf(why, whylen, "its .stap_privilege record has no "
				      "actions line");
		req->level = LEVEL_STAPDEV;
		return false;
	}
	for (p += 8; p < nl;) {
		size_t n = strcspn(p, ",\n");
		int i = stap_action_index(p, n);

		if (i < 0) {
			snprintf(why, whylen, "its .stap_privilege record names "
				 "the unknown action '%.*s'", (int)n, p);
			req->level = LEVEL_STAPDEV;
			return false;
		}
		req->actions |= (stap_actions)1 << i;
		p += n;
		if (*p == ',')
			p++;
	}
	if (nl[1] != '\0') {
		snprintf(why, whylen, "its .stap_privilege record has extra text");
		req->level = LEVEL_STAPDEV;
		return false;
	}
	return true;
}

static bool in_list(const char *s, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && !strncmp(s, *list, n))
			return true;
	return false;
}

struct policy_place {
	const char *path;
	int lineno;
};

static void policy_problem(void *ctx, size_t offset, size_t len,
			   const char *message)
{
	const struct policy_place *at = ctx;

	(void)len;
	stap_warn(PROG, "%s:%d:%zu: %s", at->path, at->lineno, offset + 1,
		  message);
}

stap_actions stap_policy_grants(const char *path, const char *const *groups)
{
	struct policy_place at = { path, 0 };
	struct stap_policy_grant grant;
	char why[512], line[1024];
	stap_actions set = 0;
	struct stat st;
	int fd;
	FILE *f;

	fd = stap_open_trusted(path, O_RDONLY | O_NONBLOCK, why, sizeof(why));
	if (fd < 0) {
		if (access(path, F_OK) == 0)
			stap_warn(PROG, "policy file ignored: %s", why);
		return 0;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || !stap_root_only(&st)) {
		stap_warn(PROG, "policy file '%s' ignored: not a regular file "
				"owned by root and writable only by root", path);
		close(fd);
		return 0;
	}
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return 0;
	}
	while (fgets(line, sizeof(line), f)) {
		at.lineno++;
		if (stap_policy_parse_line(line, strcspn(line, "\n"), &grant,
					   policy_problem, &at) &&
		    in_list(grant.group, grant.group_len, groups))
			set |= grant.actions;
	}
	fclose(f);
	return set;
}
