// SPDX-License-Identifier: GPL-2.0
/* Kernel and user stack traces; see backtrace.h. */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
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
#include "print.h"
#include "regs.h"
#include "symbols.h"
#include "uread.h"
#include "usymbols.h"

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

/*
 * The frame-pointer chain: each frame holds the caller's frame pointer,
 * then the return address.  Stop at the first frame that is unreadable,
 * not above the last one, or not 8-byte aligned.
 */
static unsigned int stp_user_frames(struct stp_context *c, unsigned long *f)
{
	struct pt_regs *regs = stp_user_regs(c);
	unsigned long fp, frame[2];
	unsigned int n = 0;

	if (!regs)
		return 0;
	if (!stp_user_access_ok()) {
		stp_error_fmt(c, "user memory of pid %d is not the user's own",
			      task_tgid_nr(current));
		return 0;
	}
	f[n++] = instruction_pointer(regs);
#ifdef CONFIG_X86_64
	fp = regs->bp;
	while (n < MAXBACKTRACE && fp >= regs->sp && !(fp & 7)) {
		if (stp_user_read_nofault(frame, fp, sizeof(frame)) ||
		    !frame[1])
			break;
		f[n++] = frame[1];
		if (frame[0] <= fp)
			break;
		fp = frame[0];
	}
#endif
	return n;
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

static const char *stp_frame_line(char *line, unsigned long addr, bool user)
{
	size_t len = scnprintf(line, MAXSTRINGLEN, " 0x%016lx : ", addr);

	if (user)
		stp_usymbol_data(line + len, MAXSTRINGLEN - len - 1, addr);
	else
		stp_symbol_data_ret(line + len, MAXSTRINGLEN - len - 1, addr);
	len += strlen(line + len);
	line[len++] = '\n';
	line[len] = '\0';
	return line;
}

/* A "0x... : symbol" line, into the probe's output or a string. */
static void stp_put_frame(struct stp_sink *out, unsigned long addr, bool user)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);
	const char *line = stp_frame_line(t->line, addr, user);

	stp_sink_put(out, line, strlen(line));
}

static void stp_print_frames(struct stp_context *c, const unsigned long *f,
			     unsigned int n, bool user)
{
	struct stp_sink out;
	unsigned int i;

	stp_print_sink_init(&out, c);
	for (i = 0; i < n; i++)
		stp_put_frame(&out, f[i], user);
	stp_print_sink_done(&out, c);
}

void stp_stack_kernel_sprint(struct stp_context *c, char *dst, size_t size)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	stp_sprint_frames(dst, size, t->frames,
			  stp_kernel_frames(c, t->frames));
}

void stp_stack_kernel_print(struct stp_context *c)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	stp_print_frames(c, t->frames, stp_kernel_frames(c, t->frames), false);
}

void stp_stack_kernel_sprint_full(struct stp_context *c, char *dst,
				  size_t size)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);
	struct stp_sink out;
	unsigned int i, n = stp_kernel_frames(c, t->frames);

	stp_string_sink(&out, dst, size);
	for (i = 0; i < n; i++)
		stp_put_frame(&out, t->frames[i], false);
	stp_string_sink_end(&out);
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

static void stp_put_addresses(struct stp_sink *out, const char *stk)
{
	unsigned long addr;

	while (stp_next_address(&stk, &addr))
		stp_put_frame(out, addr, false);
}

void stp_stack_print_addresses(struct stp_context *c, const char *stk)
{
	struct stp_sink out;

	stp_print_sink_init(&out, c);
	stp_put_addresses(&out, stk);
	stp_print_sink_done(&out, c);
}

void stp_stack_sprint_addresses(char *dst, size_t size, const char *stk)
{
	struct stp_sink out;

	stp_string_sink(&out, dst, size);
	stp_put_addresses(&out, stk);
	stp_string_sink_end(&out);
}

void stp_stack_user_sprint(struct stp_context *c, char *dst, size_t size)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	stp_sprint_frames(dst, size, t->frames, stp_user_frames(c, t->frames));
}

void stp_stack_user_print(struct stp_context *c)
{
	struct stp_trace *t = this_cpu_ptr(&stp_traces);

	stp_print_frames(c, t->frames, stp_user_frames(c, t->frames), true);
}
