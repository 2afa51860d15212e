// SPDX-License-Identifier: GPL-2.0
/* The current task's identity; see task_info.h. */

#include <linux/cred.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/sched/task.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/uidgid.h>
#include "config.h"
#include "privilege.h"
#include "task_info.h"

s64 stp_current_pid(void)
{
	return task_tgid_nr(current);
}

s64 stp_current_tid(void)
{
	return task_pid_nr(current);
}

s64 stp_current_ppid(void)
{
	s64 ppid;

	rcu_read_lock();
	ppid = task_tgid_nr(rcu_dereference(current->real_parent));
	rcu_read_unlock();
	return ppid;
}

s64 stp_current_uid(void)
{
	return from_kuid_munged(current_user_ns(), current_uid());
}

s64 stp_current_euid(void)
{
	return from_kuid_munged(current_user_ns(), current_euid());
}

s64 stp_current_gid(void)
{
	return from_kgid_munged(current_user_ns(), current_gid());
}

s64 stp_current_egid(void)
{
	return from_kgid_munged(current_user_ns(), current_egid());
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
	stp_copy_comm(dst, current);
}

void stp_current_pexecname(char *dst)
{
	rcu_read_lock();
	stp_copy_comm(dst, rcu_dereference(current->real_parent));
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
	if (!stp_task_user_mm(t))
		return false;
	rcu_read_lock();
	cred = __task_cred(t);
	mine = uid_eq(cred->uid, uid) && uid_eq(cred->euid, uid) &&
	       uid_eq(cred->suid, uid) && gid_eq(cred->gid, gid) &&
	       gid_eq(cred->egid, gid) && gid_eq(cred->sgid, gid);
	rcu_read_unlock();
	/* A set-id exec marks the mm undumpable before its creds change. */
	return mine && get_dumpable(t->mm) == SUID_DUMP_USER;
}

bool stp_is_myproc(void)
{
	return stp_task_is_myproc(current);
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

bool stp_probe_gate(void)
{
	if (stp_current_is_allowed())
		return true;
	atomic_inc(&stp_not_own_skipped);
	return false;
}

s64 stp_current_mem_pages(enum stp_proc_mem which)
{
	struct mm_struct *mm = stp_task_user_mm(current);

	if (!mm)
		return 0;
	switch (which) {
	case STP_MEM_SIZE:
		return mm->total_vm;
	case STP_MEM_RSS:
		return get_mm_rss(mm);
	case STP_MEM_DATA:
		return mm->data_vm + mm->stack_vm;
	}
	return 0;
}

s64 stp_page_size(void)
{
	return PAGE_SIZE;
}
