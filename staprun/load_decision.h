/* SPDX-License-Identifier: GPL-2.0 */
/*
 * staprun's rules, in order (man/stap-privilege.7):
 *  1. a signature that does not verify: refused for everyone, root too;
 *  2. root and stapdev: load anything;
 *  3. stapsys and stapusr: only a module in the approved directory or
 *     signed by a signer in the trust store, and whose .stap_privilege
 *     requirement is within the caller's level plus the policy's grants;
 *  4. anyone else: refused (checked first, before the module is read).
 * Each refusal names the rule, the file and the caller's groups.
 */
#ifndef STAPRUN_LOAD_DECISION_H
#define STAPRUN_LOAD_DECISION_H

#include <stdbool.h>
#include <limits.h>
#include "caller.h"
#include "module_image.h"

enum signature_state {
	SIGNATURE_NONE,		/* no MODULE.ko.sgn */
	SIGNATURE_TRUSTED,	/* verifies, signer in the trust store */
	SIGNATURE_UNTRUSTED,	/* verifies, signer not in the trust store */
	SIGNATURE_BAD,		/* does not verify, or unreadable */
};

struct load_facts {
	const char *path;
	const char *approved_dir;
	bool approved;
	char not_approved[PATH_MAX + 512];	/* why not, when it was a candidate */
	enum signature_state signature;
	char signature_text[PATH_MAX + 1024];	/* signer, or what failed */
	stap_actions policy;	/* the policy file's grants to the caller */
};

/* Rule 4 alone: false (with the refusal) for a caller in no group. */
bool decide_caller(const struct caller *c);

/* Rules 1-3: true to load, else false with the refusal printed. */
bool decide_load(const struct caller *c, const struct module_image *m,
		 const struct load_facts *f);

#endif /* STAPRUN_LOAD_DECISION_H */
