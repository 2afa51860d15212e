// SPDX-License-Identifier: GPL-2.0
/* The current task's identity; see task_info.h. */

#include <linux/cred.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/sched/task.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/uidgid.h>
#include "config.h"
#include "context.h"
#include "kread.h"
#include "privilege.h"
#include "session.h"
#include "task_info.h"

s64 stp_current_pid(void)
{
	return task_tgid_nr(stp_subject_task());
}

s64 stp_current_tid(void)
{
	return task_pid_nr(stp_subject_task());
}

s64 stp_current_ppid(void)
{
	s64 ppid;

	rcu_read_lock();
	ppid = task_tgid_nr(rcu_dereference(stp_subject_task()->real_parent));
	rcu_read_unlock();
	return ppid;
}

/* One credential of the subject task, in the loader's view. */
#define STP_SUBJECT_ID(field, from)                                        \
	({                                                                 \
		s64 id_;                                                   \
		rcu_read_lock();                                           \
		id_ = from(current_user_ns(),                              \
			   __task_cred(stp_subject_task())->field);        \
		rcu_read_unlock();                                         \
		id_;                                                       \
	})

s64 stp_current_uid(void)
{
	return STP_SUBJECT_ID(uid, from_kuid_munged);
}

s64 stp_current_euid(void)
{
	return STP_SUBJECT_ID(euid, from_kuid_munged);
}

s64 stp_current_gid(void)
{
	return STP_SUBJECT_ID(gid, from_kgid_munged);
}

s64 stp_current_egid(void)
{
	return STP_SUBJECT_ID(egid, from_kgid_munged);
}

s64 stp_current_cpu(void)
{
	return raw_smp_processor_id();
}

/*
 * No task_lock (the probe may have interrupted its holder): copy the
 * fixed-size comm and terminate it, which a concurrent rename cannot
 * overrun.
 */
static void stp_copy_comm(char *dst, const struct task_struct *t)
{
	BUILD_BUG_ON(TASK_COMM_LEN > MAXSTRINGLEN);
	memcpy(dst, t->comm, TASK_COMM_LEN);
	dst[TASK_COMM_LEN - 1] = '\0';
}

void stp_current_execname(char *dst)
{
	stp_copy_comm(dst, stp_subject_task());
}

void stp_current_pexecname(char *dst)
{
	rcu_read_lock();
	stp_copy_comm(dst, rcu_dereference(stp_subject_task()->real_parent));
	rcu_read_unlock();
}

struct mm_struct *stp_task_user_mm(const struct task_struct *t)
{
	return (t->flags & PF_KTHREAD) ? NULL : t->mm;
}

bool stp_task_is_myproc(struct task_struct *t)
{
	kuid_t uid = make_kuid(&init_user_ns, stp_uid);
	kgid_t gid = make_kgid(&init_user_ns, stp_gid);
	const struct cred *cred;
	bool mine;

	if (stp_uid < 0 || stp_gid < 0 || !uid_valid(uid) || !gid_valid(gid))
		return false;
	if (t->flags & PF_KTHREAD)
		return false;
	/* Past exit_mm() an exiting task has only its credentials left. */
	if (!stp_task_user_mm(t) && !(t->flags & PF_EXITING))
		return false;
	rcu_read_lock();
	cred = __task_cred(t);
	mine = uid_eq(cred->uid, uid) && uid_eq(cred->euid, uid) &&
	       uid_eq(cred->suid, uid) && gid_eq(cred->gid, gid) &&
	       gid_eq(cred->egid, gid) && gid_eq(cred->sgid, gid);
	rcu_read_unlock();
	/* A set-id exec marks the mm undumpable before its creds change. */
	return mine && (!t->mm || get_dumpable(t->mm) == SUID_DUMP_USER);
}

/* The rule for any task: another task's mm is only stable under its
 * task_lock (a process found at start may be exiting). */
static bool stp_task_is_myproc_locked(struct task_struct *t)
{
	bool mine;

	if (t == current)
		return stp_task_is_myproc(t);
	task_lock(t);
	mine = stp_task_is_myproc(t);
	task_unlock(t);
	return mine;
}

bool stp_is_myproc(void)
{
	return stp_task_is_myproc_locked(stp_subject_task());
}

bool stp_pid_is_myproc(pid_t nr)
{
	struct task_struct *t;
	bool mine;

	rcu_read_lock();
	t = pid_task(find_vpid(nr), PIDTYPE_PID);
	if (t)
		get_task_struct(t);
	rcu_read_unlock();
	if (!t)
		return false;
	task_lock(t);	/* keeps t->mm */
	mine = stp_task_is_myproc(t);
	task_unlock(t);
	put_task_struct(t);
	return mine;
}

atomic_t stp_not_own_skipped = ATOMIC_INIT(0);

bool stp_current_is_allowed(void)
{
	return !stp_is_unprivileged() || stp_is_myproc();
}

bool stp_task_in_target_tree(struct task_struct *t)
{
	pid_t target = stp_target_pid();
	bool in = false;
	int depth;

	if (!target)
		return true;
	rcu_read_lock();
	/* Bounded: a chain of parents ends at init (or the idle task). */
	for (depth = 0; depth < 256; depth++) {
		struct task_struct *parent;

		if (task_tgid_nr(t) == target) {
			in = true;
			break;
		}
		parent = rcu_dereference(t->real_parent);
		if (!parent || parent == t || task_pid_nr(t) <= 1)
			break;
		t = parent;
	}
	rcu_read_unlock();
	return in;
}

bool stp_task_gate(struct task_struct *t)
{
	if (!stp_task_in_target_tree(t))
		return false;
	if (!stp_is_unprivileged() || stp_task_is_myproc_locked(t))
		return true;
	atomic_inc(&stp_not_own_skipped);
	return false;
}

bool stp_probe_gate(void)
{
	return stp_task_gate(stp_subject_task());
}

static s64 stp_mm_pages(struct mm_struct *mm, enum stp_proc_mem which)
{
	switch (which) {
	case STP_MEM_SIZE:
		return mm->total_vm;
	case STP_MEM_RSS:
		return get_mm_rss(mm);
	case STP_MEM_DATA:
		return mm->data_vm + mm->stack_vm;
	case STP_MEM_SHR:	/* as /proc/PID/statm counts "shared" */
		return get_mm_counter(mm, MM_FILEPAGES) +
		       get_mm_counter(mm, MM_SHMEMPAGES);
	case STP_MEM_TXT:
		return (PAGE_ALIGN(mm->end_code) -
			(mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
	}
	return 0;
}

s64 stp_current_mem_pages(enum stp_proc_mem which)
{
	struct mm_struct *mm = stp_task_user_mm(current);

	/* Another task's mm is not ours to read without its lock. */
	if (!mm || stp_subject_task() != current)
		return 0;
	return stp_mm_pages(mm, which);
}

s64 stp_pid_mem_pages(s64 pid, enum stp_proc_mem which)
{
	struct task_struct *t;
	s64 pages = 0;

	rcu_read_lock();
	t = pid_task(find_vpid((pid_t)pid), PIDTYPE_PID);
	/* task_lock keeps t->mm; only tried, as the probe may have
	 * interrupted its holder on this CPU. */
	if (t && spin_trylock(&t->alloc_lock)) {
		struct mm_struct *mm = stp_task_user_mm(t);

		if (mm)
			pages = stp_mm_pages(mm, which);
		task_unlock(t);
	}
	rcu_read_unlock();
	return pages;
}

s64 stp_page_size(void)
{
	return PAGE_SIZE;
}

s64 stp_current_cputime(enum stp_task_time which)
{
	struct task_struct *t = stp_subject_task();

	return which == STP_TIME_USER ? READ_ONCE(t->utime)
				      : READ_ONCE(t->stime);
}

/* stapio's task, where the ns_* functions look from; under RCU. */
static struct task_struct *stp_stapio_task(void)
{
	struct pid *p = find_pid_ns(stp_stapio_pid(), &init_pid_ns);

	return p ? pid_task(p, PIDTYPE_PID) : NULL;
}

/* Under RCU. */
static s64 stp_task_id(struct task_struct *t, enum stp_task_id which,
		       bool stap_ns)
{
	struct task_struct *viewer = stap_ns ? stp_stapio_task() : NULL;
	struct pid_namespace *ns =
		viewer ? task_active_pid_ns(viewer) : &init_pid_ns;
	struct user_namespace *uns =
		viewer ? __task_cred(viewer)->user_ns : &init_user_ns;
	const struct cred *cred = __task_cred(t);

	switch (which) {
	case STP_ID_PID:
		return __task_pid_nr_ns(t, PIDTYPE_TGID, ns);
	case STP_ID_TID:
		return __task_pid_nr_ns(t, PIDTYPE_PID, ns);
	case STP_ID_PPID:
		return __task_pid_nr_ns(rcu_dereference(t->real_parent),
					PIDTYPE_TGID, ns);
	case STP_ID_PGRP:
		return __task_pid_nr_ns(t, PIDTYPE_PGID, ns);
	case STP_ID_SID:
		return __task_pid_nr_ns(t, PIDTYPE_SID, ns);
	case STP_ID_UID:
		return from_kuid_munged(uns, cred->uid);
	case STP_ID_EUID:
		return from_kuid_munged(uns, cred->euid);
	case STP_ID_GID:
		return from_kgid_munged(uns, cred->gid);
	case STP_ID_EGID:
		return from_kgid_munged(uns, cred->egid);
	}
	return 0;
}

s64 stp_current_id(enum stp_task_id which, bool stap_ns)
{
	s64 id;

	rcu_read_lock();
	id = stp_task_id(stp_subject_task(), which, stap_ns);
	rcu_read_unlock();
	return id;
}

s64 stp_task_id_at(struct stp_context *c, unsigned long addr,
		   enum stp_task_id which, bool stap_ns)
{
	struct task_struct *t;
	struct pid *p;
	s64 nr, id = 0;

	/* A script's address is only trusted once its pid names it. */
	nr = stp_kernel_read_int(c, addr + offsetof(struct task_struct, pid),
				 sizeof(pid_t), true);
	if (c->last_error)
		return 0;
	rcu_read_lock();
	p = find_pid_ns(nr, &init_pid_ns);
	t = p ? pid_task(p, PIDTYPE_PID) : NULL;
	if (t && (unsigned long)t == addr)
		id = stp_task_id(t, which, stap_ns);
	rcu_read_unlock();
	if ((unsigned long)t != addr)
		stp_error_fmt(c, "no live task at 0x%lx", addr);
	return id;
}
