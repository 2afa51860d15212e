/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The root guard: the process that ties a loaded module's life to its
 * stapio's, in the foreground and in -D (daemon) mode alike.  It is root
 * in all its user ids, so the caller can neither signal nor trace it, and
 * it leaves the caller no other way to end it early:
 *
 *  - the caller's CPU-time limit is lifted (its hard limit is a SIGKILL);
 *  - the OOM killer never picks it (oom_score_adj -1000);
 *  - it leaves the caller's cgroup (v2) for the root cgroup, since a user
 *    may own a delegated cgroup and kill or freeze all its members
 *    (cgroup.kill, cgroup.freeze);
 *  - once stapio is forked it keeps only CAP_SYS_MODULE (to unload) and
 *    CAP_KILL (to pass a stop signal on to stapio), and ignores every
 *    other signal.
 *
 * The first three are done before the module is inserted (a guard killed
 * in between would leave it loaded); stapio's child undoes them for
 * itself, so the caller gains no immunity and escapes no limit.
 */
#ifndef STAPRUN_GUARD_H
#define STAPRUN_GUARD_H

#include <limits.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <sys/types.h>

struct guard_saved {
	char cgroup_procs[PATH_MAX];	/* the caller's cgroup.procs, or "" */
	char oom_score_adj[16];
	struct rlimit cpu;
};

/* Root, before the insert: the three protections above. */
void guard_harden(struct guard_saved *saved);

/* In stapio's child, still root: back to the caller's cgroup and limits. */
bool guard_restore(const struct guard_saved *saved);

struct guard {
	pid_t stapio;
	const char *module;
	uid_t owner;		/* the caller: the module's stp_uid */
	const char *user;
	bool daemon;		/* report to the kernel log, not stderr */
};

/*
 * Waits for stapio and removes the module however stapio ended, if it is
 * still the caller's (one loaded since under that name by someone else is
 * left alone).  Returns staprun's exit status: stapio's, 128+N if signal
 * N killed it, 1 if the module could not be removed.
 */
int guard_run(const struct guard *g);

#endif /* STAPRUN_GUARD_H */
