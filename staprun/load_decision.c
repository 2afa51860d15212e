// SPDX-License-Identifier: GPL-2.0
/* See load_decision.h. */

#include <stdarg.h>
#include <stdio.h>
#include "load_decision.h"

static bool refuse(const struct caller *c, const char *path, int rule,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static bool refuse(const struct caller *c, const char *path, int rule,
		   const char *fmt, ...)
{
	va_list ap;

	if (path)
		fprintf(stderr, "staprun: refused '%s' (rule %d): ", path, rule);
	else
		fprintf(stderr, "staprun: refused (rule %d): ", rule);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "; user '%s', groups: %s\n", c->user, c->names_text);
	return false;
}

bool decide_caller(const struct caller *c)
{
	if (c->level != LEVEL_NONE)
		return true;
	return refuse(c, NULL, 4,
		      "only root and members of stapusr, stapsys or stapdev "
		      "may load modules (stap --remote=vm runs a script in a "
		      "test VM instead)");
}

bool decide_load(const struct caller *c, const struct module_image *m,
		 const struct load_facts *f)
{
	struct stap_requirement req;
	stap_actions granted, missing;
	char why[512], list[1024];

	if (f->signature == SIGNATURE_BAD)
		return refuse(c, f->path, 1,
			      "%s; a module whose signature does not verify "
			      "is refused for everyone", f->signature_text);
	if (c->level == LEVEL_STAPDEV)
		return true;
	if (!decide_caller(c))
		return false;

	if (!f->approved && f->signature != SIGNATURE_TRUSTED)
		return refuse(c, f->path, 3,
			      "%s loads only modules in %s or signed by a "
			      "trusted signer; %s, and %s",
			      stap_level_name(c->level), f->approved_dir,
			      f->not_approved[0] ? f->not_approved
						 : "it is not in that directory",
			      f->signature_text);
	if (!m->record)
		return refuse(c, f->path, 3,
			      "it has no .stap_privilege record, so it needs "
			      "stapdev, and you are %s",
			      stap_level_name(c->level));
	if (!stap_parse_record(m->record, &req, why, sizeof(why)))
		return refuse(c, f->path, 3, "%s, so it needs stapdev", why);
	if (req.level > c->level)
		return refuse(c, f->path, 3,
			      "it was built for %s, and you are %s",
			      stap_level_name(req.level),
			      stap_level_name(c->level));
	granted = stap_level_actions(c->level) | f->policy;
	missing = req.actions & ~granted;
	if (missing) {
		stap_actions_text(missing, list, sizeof(list));
		return refuse(c, f->path, 3,
			      "it uses the actions %s, which neither %s nor "
			      "the policy file grants you", list,
			      stap_level_name(c->level));
	}
	return true;
}
