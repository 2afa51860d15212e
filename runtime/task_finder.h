/* SPDX-License-Identifier: GPL-2.0 */
/*
 * process.begin / .end / .thread.begin / .thread.end: the task finder.
 * When armed it reports every process (and thread) already running, then
 * follows the scheduler's fork, exec and exit tracepoints.  A probe names
 * an executable (compared by inode, so any path to the file matches), a
 * process ID, or neither (every process).
 *
 * - process.begin: a process found at start, a new child (fork), and, for
 *   an executable, a process that execs it;
 * - process.end: the exit of a process's last thread;
 * - thread.begin / thread.end: threads other than the process's first
 *   (its leader), found at start or created (clone) later, and their exit.
 *
 * Context functions report the process the probe is about even when it is
 * not current (a new child, a process found at start); such a probe reads
 * no user memory.  Every hit passes the own-process rule for that task.
 */
#ifndef STP_TASK_FINDER_H
#define STP_TASK_FINDER_H

#include <linux/path.h>
#include <linux/types.h>
#include "probe.h"

enum stp_task_event {
	STP_PROCESS_BEGIN,
	STP_PROCESS_END,
	STP_THREAD_BEGIN,
	STP_THREAD_END,
};

struct stp_task_probe {
	const struct stp_probe *probe;
	const char *path;	/* canonical executable, NULL: any */
	int pid;		/* process ID (tgid), 0: any */
	enum stp_task_event event;
	/* Runtime state, zero in the generated initializer. */
	struct path file;	/* held while armed */
	const struct inode *inode;	/* the file's real inode */
};

/* Descriptors: struct stp_task_probe[]. */
extern const struct stp_provider stp_provider_task_finder;

/* Processes of probed executables the finder had no room to remember
 * (their process.end is lost): reported at exit. */
extern atomic_t stp_task_untracked;

#endif /* STP_TASK_FINDER_H */
