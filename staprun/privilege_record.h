/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Levels and actions as staprun sees them: the same catalogue as the
 * translator (stap_actions.h, generated from privilege/actions.def at build
 * time), the module's
 * .stap_privilege record, and the administrator's policy file.
 */
#ifndef STAPRUN_PRIVILEGE_RECORD_H
#define STAPRUN_PRIVILEGE_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum stap_level { LEVEL_NONE, LEVEL_STAPUSR, LEVEL_STAPSYS, LEVEL_STAPDEV };

/* "stapusr"... ; "none" for LEVEL_NONE. */
const char *stap_level_name(enum stap_level l);

#define STAP_MAX_ACTIONS 64
typedef uint64_t stap_actions;	/* bit i: catalogue entry i */

/* The catalogue index of the action named by @n bytes at @s, or -1. */
int stap_action_index(const char *s, size_t n);

/* Every action the level grants. */
stap_actions stap_level_actions(enum stap_level l);
/* "a,b,c" for the set, into @buf. */
void stap_actions_text(stap_actions set, char *buf, size_t size);

/*
 * What a module asks for: "level=L\nactions=A,B\n", exactly.  false with
 * the reason in @why for anything else (unknown level or action, extra
 * text): such a module needs stapdev.
 */
struct stap_requirement {
	enum stap_level level;
	stap_actions actions;
};
bool stap_parse_record(const char *record, struct stap_requirement *req,
		       char *why, size_t whylen);

/*
 * The administrator's grants (/etc/stap/privilege.conf, "grant GROUP
 * ACTION..." lines) to any group in @groups (NULL-terminated names).
 * Ignored with a warning when the file is not root-only or malformed
 * lines are skipped, as in the translator.
 */
stap_actions stap_policy_grants(const char *path, const char *const *groups);

#ifdef __cplusplus
}
#endif

#endif /* STAPRUN_PRIVILEGE_RECORD_H */
