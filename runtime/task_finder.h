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

/*
 * The real inode of @t's executable, or NULL.  @t's mm must stay put:
 * @t is current, a child not yet running, or its task_lock is held.
 * The inode is only to be compared with probes' own (held) inodes.
 */
struct task_struct;
const struct inode *stp_task_exe_inode(struct task_struct *t);

/*
 * For process probes naming an executable (the task finder's and
 * process_syscall.h's): holds @path in @file and gives its real inode;
 * 0, or the -errno, reported with @probe's point.
 */
int stp_task_hold_exe(const char *path, const struct stp_probe *probe,
		      struct path *file, const struct inode **inode);

/* Calls @fn (under rcu_read_lock) for every user thread running now,
 * with the real inode of its executable (NULL: none). */
void stp_task_scan(void (*fn)(struct task_struct *t,
			      const struct inode *inode));

/* Attaches @fn to tracepoint @name: 0, or the -errno, reported. */
struct tracepoint;
int stp_task_attach(const char *name, void *fn, struct tracepoint **tp);

/* Processes of probed executables the finder had no room to remember
 * (their process.end is lost): reported at exit. */
extern atomic_t stp_task_untracked;

#endif /* STP_TASK_FINDER_H */
