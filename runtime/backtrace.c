// SPDX-License-Identifier: GPL-2.0
/* Kernel and user stack traces; see backtrace.h. */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#ifdef CONFIG_X86
#include <asm/unwind.h>
#endif
#include "backtrace.h"
#include "context.h"
#include "format.h"
#include "kread.h"
#include "print.h"
#include "regs.h"
#include "symbols.h"
#include "uread.h"
#include "usymbols.h"
#include "uunwind.h"

/*
 * Handlers run with interrupts off and never nest on a CPU, so one
 * buffer per CPU holds a trace and the line being formatted.
 */
struct stp_trace {
	unsigned long frames[MAXBACKTRACE];
	char line[MAXSTRINGLEN];
};
static DEFINE_PER_CPU(struct stp_trace, stp_traces);

static unsigned int stp_kernel_frames(struct stp_context *c,
				      unsigned long *f)
{
	struct pt_regs *regs = c->regs;
	unsigned int n = 0, skip = 0, i;

	if (regs && user_mode(regs))
		return 0;	/* the probe stopped user code */
#ifdef CONFIG_X86
	if (regs) {
		struct unwind_state state;

		f[n++] = instruction_pointer(regs);
		for (unwind_start(&state, current, regs, NULL);
		     !unwind_done(&state) && n < MAXBACKTRACE;
		     unwind_next_frame(&state)) {
			unsigned long addr = unwind_get_return_address(&state);

			if (!addr)
				break;
			if (n == 1 && addr == f[0])
				continue;
			f[n++] = addr;
		}
		return n;
	}
#endif
	n = stack_trace_save(f, MAXBACKTRACE, 0);
	/* Drop the handler's own frames: the trace starts where it fired. */
	while (skip < n && within_module(f[skip], THIS_MODULE))
		skip++;
	if (skip == n)
		return n;
	for (i = skip; i < n; i++)
		f[i - skip] = f[i];
	return n - skip;
}

/* The user stack of the current process (uunwind.h). */
static unsigned int stp_user_frames(struct stp_context *c, unsigned long *f)
{
	struct pt_regs *regs = stp_user_regs(c);

	if (!regs)
		return 0;
	if (!stp_user_access_ok()) {
		stp_error_fmt(c, "user memory of pid %d is not the user's own",
			      task_tgid_nr(current));
		return 0;
	}
	return stp_uunwind(regs, f, MAXBACKTRACE);
}

static void stp_sprint_frames(char *dst, size_t size, const unsigned long *f,
			      unsigned int n)
{
	size_t len = 0;
	unsigned int i;

	dst[0] = '\0';
	for (i = 0; i < n && len < size - 1; i++)
		len += scnprintf(dst + len, size - len, "%s0x%lx",
				 i ? " " : "", f[i]);
}

/* How a frame is shown: a kernel or user " 0x... : symbol" line, a user
 * one followed by " at FILE:LINE" when the line is known
 * (print_ubacktrace_fileline), or a user "symbol+0x10"
 * (print_ubacktrace_brief). */
enum stp_frame_style {
	STP_FRAME_KERNEL,
	STP_FRAME_USER,
	STP_FRAME_USER_LINE,
	STP_FRAME_BRIEF,
};

static const char *stp_frame_line(char *line, unsigned long addr,
				  enum stp_frame_style style)
{
	const char *file;
	unsigned int lineno;
	size_t len = 0;

	if (style != STP_FRAME_BRIEF)
		len = scnprintf(line, MAXSTRINGLEN, " 0x%016lx : ", addr);
	if (style == STP_FRAME_BRIEF)
		stp_usymbol_brief(line, MAXSTRINGLEN - 1, addr);
	else if (style != STP_FRAME_KERNEL)
		stp_usymbol_data_nocheck(line + len, MAXSTRINGLEN - len - 1,
					 addr);
	else
		stp_symbol_data_ret(line + len, MAXSTRINGLEN - len - 1, addr);
	len += strlen(line + len);
	if (style == STP_FRAME_USER_LINE &&
	    stp_uline_find_nocheck(addr, &file, &lineno))
		len += scnprintf(line + len, MAXSTRINGLEN - len - 1,
				 " at %s:%u", file, lineno);
	line[len++] = '\n';
	line[len] = '\0';
	return line;
}

/* A "0x... : symbol" line, into the probe's output or a string. */
static void stp_put_frame(struct stp_sink *out, unsigned long addr,
			  enum stp_frame_style style)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);
	const char *line = stp_frame_line(t->line, addr, style);

	stp_sink_put(out, line, strlen(line));
}

static void stp_print_frames(struct stp_context *c, const unsigned long *f,
			     unsigned int n, enum stp_frame_style style)
{
	struct stp_sink out;
	unsigned int i;

	stp_print_sink_init(&out, c);
	for (i = 0; i < n; i++)
		stp_put_frame(&out, f[i], style);
	stp_print_sink_done(&out, c);
}

/* The frames as lines, into a string (sprint_backtrace ...). */
static void stp_string_frames(char *dst, size_t size, const unsigned long *f,
			      unsigned int n, enum stp_frame_style style)
{
	struct stp_sink out;
	unsigned int i;

	stp_string_sink(&out, dst, size);
	for (i = 0; i < n; i++)
		stp_put_frame(&out, f[i], style);
	stp_string_sink_end(&out);
}

void stp_stack_kernel_sprint(struct stp_context *c, char *dst, size_t size)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	stp_sprint_frames(dst, size, t->frames,
			  stp_kernel_frames(c, t->frames));
}

/*
 * @addr when it is a live task: its pid, read fault-safely, finds it
 * again.  Under rcu_read_lock() the task and its stack stay allocated
 * while they are walked.
 */
static __maybe_unused struct task_struct *
stp_live_task(struct stp_context *c, unsigned long addr)
{
	struct task_struct *tsk = (struct task_struct *)addr;
	pid_t nr;

	if (stp_kernel_read(c, (unsigned long)&tsk->pid, &nr, sizeof(nr)))
		return NULL;
	if (pid_task(find_pid_ns(nr, &init_pid_ns), PIDTYPE_PID) != tsk) {
		stp_error_fmt(c, "task_backtrace: 0x%lx is not a live task",
			      addr);
		return NULL;
	}
	return tsk;
}

void stp_stack_task_sprint(struct stp_context *c, unsigned long task,
			   char *dst, size_t size)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);
	unsigned int n = 0;

	dst[0] = '\0';
	if (task == (unsigned long)current) {
		stp_stack_kernel_sprint(c, dst, size);
		return;
	}
	rcu_read_lock();
#ifdef CONFIG_X86
	{
		struct task_struct *tsk = stp_live_task(c, task);
		struct unwind_state state;

		/* No stack reference (put_task_stack is not exported): a
		 * dead task's stack is freed after an RCU grace period. */
		if (tsk && READ_ONCE(tsk->stack)) {
			for (unwind_start(&state, tsk, NULL, NULL);
			     !unwind_done(&state) && n < MAXBACKTRACE;
			     unwind_next_frame(&state)) {
				unsigned long addr =
					unwind_get_return_address(&state);

				if (!addr)
					break;
				t->frames[n++] = addr;
			}
		}
	}
#endif
	rcu_read_unlock();
	stp_sprint_frames(dst, size, t->frames, n);
}

void stp_stack_kernel_print(struct stp_context *c)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	stp_print_frames(c, t->frames, stp_kernel_frames(c, t->frames),
			 STP_FRAME_KERNEL);
}

void stp_stack_kernel_sprint_full(struct stp_context *c, char *dst,
				  size_t size)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	stp_string_frames(dst, size, t->frames,
			  stp_kernel_frames(c, t->frames), STP_FRAME_KERNEL);
}

unsigned long stp_stack_caller(struct stp_context *c, unsigned int depth)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);
	unsigned int n;

	if (!stp_regs(c))
		return 0;
	n = stp_kernel_frames(c, t->frames);
	if (depth >= n) {
		stp_error_fmt(c, "no caller %u frames up the stack", depth);
		return 0;
	}
	return t->frames[depth];
}

/* Each "0x..." word of @stk in turn; *pos moves past it. */
static bool stp_next_address(const char **pos, unsigned long *addr)
{
	const char *s = *pos;
	unsigned long v = 0;
	int digit;

	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	if (!*s)
		return false;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	while ((digit = hex_to_bin(*s)) >= 0) {
		v = (v << 4) | digit;
		s++;
	}
	while (*s && *s != ' ' && *s != '\n' && *s != '\t')
		s++;	/* skip anything that is not hex */
	*pos = s;
	*addr = v;
	return true;
}

static void stp_put_addresses(struct stp_sink *out, const char *stk,
			      enum stp_frame_style style)
{
	unsigned long addr;

	while (stp_next_address(&stk, &addr))
		stp_put_frame(out, addr, style);
}

static void stp_print_addresses(struct stp_context *c, const char *stk,
				enum stp_frame_style style)
{
	struct stp_sink out;

	stp_print_sink_init(&out, c);
	stp_put_addresses(&out, stk, style);
	stp_print_sink_done(&out, c);
}

static void stp_sprint_addresses(char *dst, size_t size, const char *stk,
				 enum stp_frame_style style)
{
	struct stp_sink out;

	stp_string_sink(&out, dst, size);
	stp_put_addresses(&out, stk, style);
	stp_string_sink_end(&out);
}

void stp_stack_print_addresses(struct stp_context *c, const char *stk)
{
	stp_print_addresses(c, stk, STP_FRAME_KERNEL);
}

void stp_stack_sprint_addresses(char *dst, size_t size, const char *stk)
{
	stp_sprint_addresses(dst, size, stk, STP_FRAME_KERNEL);
}

void stp_ustack_print_addresses(struct stp_context *c, const char *stk)
{
	if (stp_usymbols_allowed(c))
		stp_print_addresses(c, stk, STP_FRAME_USER);
}

void stp_ustack_sprint_addresses(struct stp_context *c, char *dst,
				 size_t size, const char *stk)
{
	dst[0] = '\0';
	if (stp_usymbols_allowed(c))
		stp_sprint_addresses(dst, size, stk, STP_FRAME_USER);
}

void stp_stack_user_sprint(struct stp_context *c, char *dst, size_t size)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	stp_sprint_frames(dst, size, t->frames, stp_user_frames(c, t->frames));
}

void stp_stack_user_print(struct stp_context *c, bool brief)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	stp_print_frames(c, t->frames, stp_user_frames(c, t->frames),
			 brief ? STP_FRAME_BRIEF : STP_FRAME_USER);
}

void stp_stack_user_print_fileline(struct stp_context *c)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	stp_print_frames(c, t->frames, stp_user_frames(c, t->frames),
			 STP_FRAME_USER_LINE);
}

void stp_stack_user_sprint_full(struct stp_context *c, char *dst, size_t size)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	stp_string_frames(dst, size, t->frames, stp_user_frames(c, t->frames),
			  STP_FRAME_USER);
}

/* The callers: frames 1..depth (-1: all of them). */
static void stp_sprint_callers(char *dst, size_t size,
			       const unsigned long *f, unsigned int n,
			       s64 depth)
{
	if (depth >= 0 && depth + 1 < n)
		n = depth + 1;
	dst[0] = '\0';
	if (n > 1)
		stp_sprint_frames(dst, size, f + 1, n - 1);
}

static unsigned long stp_frame_at(struct stp_context *c,
				  const unsigned long *f, unsigned int n,
				  s64 depth, const char *which)
{
	if (depth < 0 || depth >= n) {
		if (!c->last_error)
			stp_error_fmt(c, "no %sframe %lld up the stack", which,
				      depth);
		return 0;
	}
	return f[depth];
}

/* The current kernel or user stack in this CPU's frame buffer. */
static unsigned int stp_frames(struct stp_context *c, bool user,
			       unsigned long **f)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	*f = t->frames;
	return user ? stp_user_frames(c, t->frames)
		    : stp_kernel_frames(c, t->frames);
}

void stp_stack_user_callers(struct stp_context *c, char *dst, size_t size,
			    s64 depth)
{
	unsigned long *f;
	unsigned int n = stp_frames(c, true, &f);

	stp_sprint_callers(dst, size, f, n, depth);
}

unsigned long stp_stack_user_frame(struct stp_context *c, s64 depth)
{
	unsigned long *f;
	unsigned int n = stp_frames(c, true, &f);

	return stp_frame_at(c, f, n, depth, "user ");
}

void stp_stack_kernel_callers(struct stp_context *c, char *dst, size_t size,
			      s64 depth)
{
	unsigned long *f;
	unsigned int n = stp_frames(c, false, &f);

	stp_sprint_callers(dst, size, f, n, depth);
}

unsigned long stp_stack_kernel_frame(struct stp_context *c, s64 depth)
{
	unsigned long *f;
	unsigned int n = stp_frames(c, false, &f);

	return stp_frame_at(c, f, n, depth, "");
}
