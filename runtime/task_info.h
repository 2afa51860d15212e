/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who the current task is: the context tapset (pid, uid, execname ...)
 * and the own-process rule for unprivileged users.  "Current" is the
 * running probe's subject (stp_subject_task(): a process.begin probe is
 * about the new child, not its parent).  All of it reads only that task
 * (and its parent's name), takes no lock beyond RCU and the task's own
 * task_lock, and is safe with interrupts off, so unprivileged code may
 * call it.
 */
#ifndef STP_TASK_INFO_H
#define STP_TASK_INFO_H

#include <linux/atomic.h>
#include <linux/types.h>

struct task_struct;
struct stp_context;

s64 stp_current_pid(void);	/* thread group id */
s64 stp_current_tid(void);
s64 stp_current_ppid(void);
s64 stp_current_uid(void);
s64 stp_current_euid(void);
s64 stp_current_gid(void);
s64 stp_current_egid(void);
s64 stp_current_cpu(void);
/* The task's command name ("comm"), into a MAXSTRINGLEN buffer. */
void stp_current_execname(char *dst);
void stp_current_pexecname(char *dst);

/*
 * The own-process rule (DTrace's, stricter than SystemTap's euid test):
 * real, effective and saved uid and gid all those of the user who loaded
 * the module, and the process not in the middle of a set-id change (its
 * memory dumpable by that user, as ptrace requires).  Kernel threads
 * belong to nobody.
 */
bool stp_task_is_myproc(struct task_struct *t);
/*
 * The task's own user memory, or NULL: kernel threads have none, even
 * while one borrows the previous task's page tables.
 */
struct mm_struct *stp_task_user_mm(const struct task_struct *t);
bool stp_is_myproc(void);
/* The rule for the process with (the caller's namespace's) PID @nr;
 * false when there is none. */
bool stp_pid_is_myproc(pid_t nr);
/*
 * The one test every user-space probe hit and user-memory read passes: a
 * privileged module may look at any task, an unprivileged one (or one
 * loaded without the flag: fail-safe) only at the user's own.
 */
bool stp_current_is_allowed(void);
/*
 * stp_current_is_allowed() at a process probe's hit: a refused hit is
 * counted in stp_not_own_skipped, reported at exit, not silently dropped.
 * With a -c/-x target, process probes also fire only in the target and its
 * descendants (stapprobes(3stap): "restricted to the process hierarchy
 * associated with the target process"); other hits are not counted.
 */
bool stp_probe_gate(void);
/* The same for a probe about task @t, which need not be current. */
bool stp_task_gate(struct task_struct *t);
/* Whether @t is the -c/-x target, one of its descendants, or there is no
 * target.  A descendant whose parent died was reparented and is no longer
 * seen as one. */
bool stp_task_in_target_tree(struct task_struct *t);
extern atomic_t stp_not_own_skipped;

/* Memory of the current process, in pages: 0 for kernel threads. */
enum stp_proc_mem {
	STP_MEM_SIZE, STP_MEM_RSS, STP_MEM_DATA, STP_MEM_SHR, STP_MEM_TXT,
};
s64 stp_current_mem_pages(enum stp_proc_mem which);
/* The same for any process (stapsys); 0 when there is none or its
 * task_lock is taken. */
s64 stp_pid_mem_pages(s64 pid, enum stp_proc_mem which);
s64 stp_page_size(void);

/* Time the subject task spent in user or system mode, in ns (cputime). */
enum stp_task_time { STP_TIME_USER, STP_TIME_SYSTEM };
s64 stp_current_cputime(enum stp_task_time which);

/*
 * A task's ids as the system sees them (the init namespaces) or, for the
 * ns_* functions, as the stap process (stapio) sees them: in its pid and
 * user namespaces; 0 for a pid and the overflow id (65534) for a uid the
 * namespace cannot see.
 */
enum stp_task_id {
	STP_ID_PID, STP_ID_TID, STP_ID_PPID, STP_ID_PGRP, STP_ID_SID,
	STP_ID_UID, STP_ID_EUID, STP_ID_GID, STP_ID_EGID,
};
s64 stp_current_id(enum stp_task_id which, bool stap_ns);
/* The same for the task at @addr (stapsys); an error unless it is live. */
s64 stp_task_id_at(struct stp_context *c, unsigned long addr,
		   enum stp_task_id which, bool stap_ns);

#endif /* STP_TASK_INFO_H */
