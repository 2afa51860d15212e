/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One line of the administrator's policy file (/etc/stap/privilege.conf),
 * read the same way by staprun and by the translator (which includes
 * this header):
 *
 *	grant GROUP ACTION [ACTION...]		# a comment
 *
 * Words are separated by spaces, tabs or a carriage return; '#' starts a
 * comment anywhere.  A line that is not blank and not a grant is ignored
 * with a problem; an unknown action is ignored with a problem, the rest
 * of its line still counts.
 */
#ifndef STAPRUN_POLICY_SYNTAX_H
#define STAPRUN_POLICY_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include "privilege_record.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A problem at bytes [offset, offset+len) of the line. */
typedef void (*stap_policy_problem)(void *ctx, size_t offset, size_t len,
				    const char *message);

struct stap_policy_grant {
	const char *group;	/* into the line, not terminated */
	size_t group_len;
	stap_actions actions;
};

/*
 * Parses @line (@len bytes, no newline).  true with @grant filled for a
 * grant line; false for a blank or comment line and for a line ignored
 * (after reporting it).
 */
bool stap_policy_parse_line(const char *line, size_t len,
			    struct stap_policy_grant *grant,
			    stap_policy_problem report, void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* STAPRUN_POLICY_SYNTAX_H */
