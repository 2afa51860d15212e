// SPDX-License-Identifier: GPL-2.0
/* See caller.h. */

#define _GNU_SOURCE
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "caller.h"
#include "common.h"

static bool member(const struct caller *c, const char *group)
{
	struct group *g = getgrnam(group);
	int i;

	if (!g)
		return false;
	if (c->egid == g->gr_gid)
		return true;
	for (i = 0; i < c->ngroups; i++)
		if (c->groups[i] == g->gr_gid)
			return true;
	return false;
}

static void add_name(struct caller *c, int *n, gid_t gid)
{
	struct group *g = getgrgid(gid);
	char num[24];
	const char *name;
	int i;

	snprintf(num, sizeof(num), "%u", (unsigned int)gid);
	name = g ? g->gr_name : num;
	for (i = 0; i < *n; i++)
		if (!strcmp(c->group_names[i], name))
			return;
	c->group_names[(*n)++] = strdup(name);
	if (c->names_text[0])
		strncat(c->names_text, ", ",
			sizeof(c->names_text) - strlen(c->names_text) - 1);
	strncat(c->names_text, name,
		sizeof(c->names_text) - strlen(c->names_text) - 1);
}

bool caller_read(struct caller *c)
{
	struct passwd *pw;
	int i, n = 0;

	memset(c, 0, sizeof(*c));
	c->uid = getuid();
	c->gid = getgid();
	c->egid = getegid();
	c->ngroups = getgroups(CALLER_MAX_GROUPS, c->groups);
	if (c->ngroups < 0) {
		stap_warn("staprun", "cannot read your groups (more than %d?)",
			  CALLER_MAX_GROUPS);
		return false;
	}
	pw = getpwuid(c->uid);
	if (pw)
		snprintf(c->user, sizeof(c->user), "%s", pw->pw_name);
	else
		snprintf(c->user, sizeof(c->user), "uid %u",
			 (unsigned int)c->uid);
	add_name(c, &n, c->egid);
	for (i = 0; i < c->ngroups; i++)
		add_name(c, &n, c->groups[i]);
	c->group_names[n] = NULL;

	if (c->uid == 0 || member(c, "stapdev"))
		c->level = LEVEL_STAPDEV;
	else if (member(c, "stapsys"))
		c->level = LEVEL_STAPSYS;
	else if (member(c, "stapusr"))
		c->level = LEVEL_STAPUSR;
	else
		c->level = LEVEL_NONE;
	return true;
}
