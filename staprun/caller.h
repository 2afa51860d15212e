/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who runs staprun: the real uid and gid, the effective gid and the
 * supplementary groups (membership counts by egid and supplementary
 * groups, as the kernel's own permission checks do), and the level they
 * give: root and members of stapdev are stapdev, then stapsys, stapusr.
 */
#ifndef STAPRUN_CALLER_H
#define STAPRUN_CALLER_H

#include <sys/types.h>
#include "privilege_record.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CALLER_MAX_GROUPS 256

struct caller {
	uid_t uid;
	gid_t gid, egid;
	gid_t groups[CALLER_MAX_GROUPS];
	int ngroups;
	enum stap_level level;
	char user[64];
	/* Group names for messages and the policy file, NULL-terminated. */
	const char *group_names[CALLER_MAX_GROUPS + 2];
	char names_text[1024];	/* "stapusr, users" */
};

/* Fills @c from the process; false (with a message) if it cannot. */
bool caller_read(struct caller *c);

#ifdef __cplusplus
}
#endif

#endif /* STAPRUN_CALLER_H */
