// SPDX-License-Identifier: GPL-2.0
/* process.syscall and .syscall.return; see process_syscall.h. */

#include <linux/path.h>
#include <linux/sched.h>
#include <linux/tracepoint.h>
#include "process_syscall.h"
#include "session.h"
#include "task_finder.h"
#include "task_info.h"

static struct stp_syscall_probe *stp_sc_probes;
static unsigned int stp_sc_count;
static struct tracepoint *stp_sc_enter_tp, *stp_sc_exit_tp;

static void stp_sc_fire(struct pt_regs *regs, bool is_return)
{
	const struct inode *inode = NULL;
	bool looked = false;
	pid_t tgid;
	unsigned int i;

	if (current->flags & PF_KTHREAD)
		return;
	tgid = task_tgid_nr(current);
	for (i = 0; i < stp_sc_count; i++) {
		const struct stp_syscall_probe *s = &stp_sc_probes[i];

		if (s->is_return != is_return || (s->pid && s->pid != tgid))
			continue;
		if (s->inode) {
			if (!looked) {
				inode = stp_task_exe_inode(current);
				looked = true;
			}
			if (s->inode != inode)
				continue;
		}
		if (!stp_probe_gate())
			continue;
		stp_probe_run(s->probe, STP_SESSION_RUNNING, regs);
	}
}

static void stp_sc_enter(void *data, struct pt_regs *regs, long id)
{
	stp_sc_fire(regs, false);
}

static void stp_sc_exit(void *data, struct pt_regs *regs, long ret)
{
	stp_sc_fire(regs, true);
}

static void stp_sc_detach(void)
{
	bool any = stp_sc_enter_tp || stp_sc_exit_tp;
	unsigned int i;

	if (stp_sc_enter_tp)
		tracepoint_probe_unregister(stp_sc_enter_tp, stp_sc_enter, NULL);
	if (stp_sc_exit_tp)
		tracepoint_probe_unregister(stp_sc_exit_tp, stp_sc_exit, NULL);
	stp_sc_enter_tp = stp_sc_exit_tp = NULL;
	/* No handler may still be running when the inodes are let go. */
	if (any)
		tracepoint_synchronize_unregister();
	for (i = 0; i < stp_sc_count; i++) {
		if (!stp_sc_probes[i].inode)
			continue;
		path_put(&stp_sc_probes[i].file);
		stp_sc_probes[i].inode = NULL;
	}
	stp_sc_count = 0;
}

static void stp_sc_disarm(void *probes, unsigned int count)
{
	stp_sc_detach();
}

static int stp_sc_arm(void *probes, unsigned int count)
{
	bool want_enter = false, want_exit = false;
	unsigned int i;
	int ret = 0;

	stp_sc_probes = probes;
	stp_sc_count = count;
	for (i = 0; i < count; i++) {
		struct stp_syscall_probe *s = &stp_sc_probes[i];

		s->inode = NULL;
		if (s->is_return)
			want_exit = true;
		else
			want_enter = true;
		if (!s->path)
			continue;
		ret = stp_task_hold_exe(s->path, s->probe, &s->file, &s->inode);
		if (ret)
			goto fail;
	}
	if (want_enter)
		ret = stp_task_attach("sys_enter", stp_sc_enter, &stp_sc_enter_tp);
	if (!ret && want_exit)
		ret = stp_task_attach("sys_exit", stp_sc_exit, &stp_sc_exit_tp);
	if (!ret)
		return 0;
fail:
	stp_sc_detach();
	return ret;
}

const struct stp_provider stp_provider_process_syscall = {
	.name = "process_syscall",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_sc_arm,
	.disarm = stp_sc_disarm,
};
