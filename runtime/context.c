// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU contexts and the probe prologue/epilogue: reentrancy guard,
 * action budget, error reporting and counting, overload protection.
 */

#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/vmalloc.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/timex.h>
#include "config.h"
#include "context.h"
#include "prealloc.h"
#include "skip_reasons.h"
#include "print.h"
#include "probe.h"
#include "probe_timing.h"
#include "session.h"
#include "transport.h"

/* Contexts are vmalloc'ed: locals may exceed what alloc_percpu allows. */
static struct stp_context *__percpu *stp_contexts;
static atomic_t stp_skip_reported = ATOMIC_INIT(0);

int stp_contexts_alloc(void)
{
	size_t size = sizeof(struct stp_context) + stp_locals_size;
	int cpu;

	/* The script's share: its deepest frames, on every CPU. */
	if (stp_prealloc_charge("local variables",
				(u64)stp_locals_size * num_possible_cpus()))
		return -E2BIG;
	stp_contexts = alloc_percpu(struct stp_context *);
	if (!stp_contexts)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct stp_context *c = vzalloc_node(size, cpu_to_node(cpu));

		if (!c) {
			stp_contexts_free();
			return -ENOMEM;
		}
		*per_cpu_ptr(stp_contexts, cpu) = c;
	}
	return 0;
}

void stp_contexts_free(void)
{
	int cpu;

	if (!stp_contexts)
		return;
	for_each_possible_cpu(cpu)
		vfree(*per_cpu_ptr(stp_contexts, cpu));
	free_percpu(stp_contexts);
	stp_contexts = NULL;
}

void stp_error(struct stp_context *c, const char *msg)
{
	if (!c->last_error)
		c->last_error = msg;
}

void stp_error_fmt(struct stp_context *c, const char *fmt, ...)
{
	va_list args;

	if (c->last_error)
		return;
	va_start(args, fmt);
	vscnprintf(c->error_buf, sizeof(c->error_buf), fmt, args);
	va_end(args);
	c->last_error = c->error_buf;
}

void stp_script_error(struct stp_context *c, const char *msg)
{
	if (c->last_error)
		return;
	strscpy(c->error_buf, msg, sizeof(c->error_buf));
	c->last_error = c->error_buf;
}

int stp_nesting_enter(struct stp_context *c)
{
	if (c->nesting >= MAXNESTING) {
		stp_error(c, "MAXNESTING exceeded");
		return -1;
	}
	c->nesting++;
	return 0;
}

void stp_exit(struct stp_context *c)
{
	stp_request_exit();
}

void stp_abort(struct stp_context *c)
{
	c->aborted = true;
	c->last_error = "abort";
	stp_request_exit();
}

static void stp_count_error(void)
{
	if (atomic_inc_return(&stp_error_count) > MAXERRORS)
		stp_session_fail();
}

static void stp_probe_skipped(void)
{
	if (atomic_inc_return(&stp_skipped_count) > MAXSKIPPED &&
	    !atomic_xchg(&stp_skip_reported, 1)) {
		stp_transport_msg("error",
				  "Skipped too many probes, check MAXSKIPPED",
				  NULL);
		stp_count_error();
		stp_session_fail();
	}
}

#ifndef STP_NO_OVERLOAD
static void stp_overload_check(struct stp_context *c)
{
	u64 now = get_cycles();

	c->window_used += now - c->probe_start;
	if (c->window_used > STP_OVERLOAD_THRESHOLD) {
		stp_transport_msg("error",
				  "probe overhead exceeded threshold", NULL);
		stp_count_error();
		stp_session_fail();
	}
	if (now - c->window_start > STP_OVERLOAD_INTERVAL) {
		c->window_start = now;
		c->window_used = 0;
	}
}
#else
static void stp_overload_check(struct stp_context *c)
{
}
#endif

/*
 * Where an error happened, for "ERROR: MSG near WHERE": the last statement
 * started, else (an error before the first one) the probe itself, named
 * the way SystemTap names a token: "keyword at FILE:LINE:COL".
 */
static const char *stp_error_near(struct stp_context *c)
{
	if (c->last_stmt)
		return c->last_stmt;
	if (!c->probe->location)
		return NULL;
	snprintf(c->near_buf, sizeof(c->near_buf), "keyword at %s",
		 c->probe->location);
	return c->near_buf;
}

/* Where a probe's values come from, besides its registers. */
struct stp_probe_inputs {
	struct pt_regs *entry_regs;
	const u64 *args;
	unsigned int nargs;
	const struct stp_sdt_arg *sdt_args;
	unsigned int sdt_nargs;
	struct task_struct *task;	/* the task the probe is about */
	struct stp_procfs_value *procfs;	/* procfs probes: $value */
	void *entry_values;
};

static bool stp_probe_run_in(const struct stp_probe *p, int state,
			     struct pt_regs *regs,
			     const struct stp_probe_inputs *in);

void stp_probe_run(const struct stp_probe *p, int state, struct pt_regs *regs)
{
	struct stp_probe_inputs in = { 0 };

	stp_probe_run_in(p, state, regs, &in);
}

void stp_probe_run_return(const struct stp_probe *p, int state,
			  struct pt_regs *regs, struct pt_regs *entry_regs)
{
	struct stp_probe_inputs in = { .entry_regs = entry_regs };

	stp_probe_run_in(p, state, regs, &in);
}

bool stp_probe_run_values(const struct stp_probe *p, int state,
			  struct pt_regs *regs, void *values)
{
	struct stp_probe_inputs in = { .entry_values = values };

	return stp_probe_run_in(p, state, regs, &in);
}

bool stp_probe_run_return_values(const struct stp_probe *p, int state,
				 struct pt_regs *regs,
				 struct pt_regs *entry_regs, void *values)
{
	struct stp_probe_inputs in = { .entry_regs = entry_regs,
				       .entry_values = values };

	return stp_probe_run_in(p, state, regs, &in);
}

void stp_probe_run_args(const struct stp_probe *p, int state,
			const u64 *args, unsigned int nargs)
{
	struct stp_probe_inputs in = { .args = args, .nargs = nargs };

	stp_probe_run_in(p, state, NULL, &in);
}

void stp_probe_run_task(const struct stp_probe *p, int state,
			struct task_struct *task)
{
	struct stp_probe_inputs in = { .task = task };

	stp_probe_run_in(p, state, NULL, &in);
}

void stp_probe_run_procfs(const struct stp_probe *p, int state,
			  struct stp_procfs_value *v)
{
	struct stp_probe_inputs in = { .procfs = v };

	stp_probe_run_in(p, state, NULL, &in);
}

struct task_struct *stp_subject_task(void)
{
	struct stp_context *c;

	if (!stp_contexts)
		return current;
	c = *this_cpu_ptr(stp_contexts);
	return c && c->task ? c->task : current;
}

void stp_probe_run_sdt(const struct stp_probe *p, int state,
		       struct pt_regs *regs, const struct stp_sdt_arg *args,
		       unsigned int nargs)
{
	struct stp_probe_inputs in = { .sdt_args = args, .sdt_nargs = nargs };

	stp_probe_run_in(p, state, regs, &in);
}

static bool stp_probe_run_in(const struct stp_probe *p, int state,
			     struct pt_regs *regs,
			     const struct stp_probe_inputs *in)
{
	bool session_probe = state != STP_SESSION_RUNNING;
	struct stp_context *c;
	unsigned long flags;
	bool ok = false;

	if (atomic_read(&stp_session_state) != state)
		return false;
	local_irq_save(flags);
	c = *this_cpu_ptr(stp_contexts);
	if (atomic_inc_return(&c->busy) != 1) {
		stp_skip_reentrancy();
		stp_probe_skipped();
		goto out;
	}
	c->probe = p;
	c->regs = regs;
	c->entry_regs = in->entry_regs;
	c->args = in->args;
	c->nargs = in->nargs;
	c->sdt_args = in->sdt_args;
	c->sdt_nargs = in->sdt_nargs;
	c->task = in->task;
	c->procfs = in->procfs;
	c->entry_values = in->entry_values;
	c->last_error = NULL;
	c->last_stmt = NULL;
	c->actions = 0;
	/* Session probes, and procfs reads and writes, run for a process
	 * that asked for them, never inside an interrupted context: they
	 * get stap(1)'s MAXACTION_INTERRUPTIBLE. */
	c->max_actions = session_probe || in->procfs ? MAXACTION_INTERRUPTIBLE
						     : MAXACTION;
	c->nesting = 0;
	c->skipped = false;
	c->aborted = false;
	c->print_len = 0;
	c->probe_start = get_cycles();

	p->handler(c);
	stp_timing_record(p, c->probe_start);

	ok = !c->skipped && !c->last_error;
	if (c->skipped)
		stp_probe_skipped();
	stp_print_flush(c);
	if (c->last_error && !c->aborted) {
		stp_transport_msg("error", c->last_error, stp_error_near(c));
		stp_count_error();
	}
	if (!session_probe)
		stp_overload_check(c);
	c->task = NULL;
	c->procfs = NULL;
out:
	atomic_dec(&c->busy);
	local_irq_restore(flags);
	return ok;
}
