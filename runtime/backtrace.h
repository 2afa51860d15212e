/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stack traces for the backtrace tapset.  Kernel stacks come from the
 * kernel's own unwinder: from the probe's registers when it has them,
 * else from where the handler runs, minus the module's own frames (so a
 * timer probe shows the timer interrupt's stack).  User stacks are the
 * current process's, unwound with the module's .eh_frame rows
 * (uunwind.h): the program counter, then one return address per frame.
 * Frames are collected in a per-CPU buffer, never on the stack.
 */
#ifndef STP_BACKTRACE_H
#define STP_BACKTRACE_H

#include <linux/types.h>

/* Frames kept per trace. */
#ifndef MAXBACKTRACE
#define MAXBACKTRACE 20
#endif

struct stp_context;

/* "0xffffffff81234567 0xffffffff81234600 ..." */
void stp_stack_kernel_sprint(struct stp_context *c, char *dst, size_t size);
/* One " 0x%016lx : sym+off/size [module]" line per frame. */
void stp_stack_kernel_print(struct stp_context *c);
void stp_stack_kernel_sprint_full(struct stp_context *c, char *dst,
				  size_t size);
/*
 * task_backtrace(): the kernel stack of @task as hex addresses; the
 * current task's is backtrace()'s.  Another task must be alive (its pid
 * leads back to it) and its trace is where it last slept; an error
 * otherwise.
 */
void stp_stack_task_sprint(struct stp_context *c, unsigned long task,
			   char *dst, size_t size);
/* The return address @depth frames up (1: the probed function's caller). */
unsigned long stp_stack_caller(struct stp_context *c, unsigned int depth);
/* callers(n), stack(n): frames 1..n (-1: all) as hex; frame n (0: the
 * probed address). */
void stp_stack_kernel_callers(struct stp_context *c, char *dst, size_t size,
			      s64 depth);
unsigned long stp_stack_kernel_frame(struct stp_context *c, s64 depth);
/* For hex addresses separated by spaces (a backtrace() string). */
void stp_stack_print_addresses(struct stp_context *c, const char *stk);
void stp_stack_sprint_addresses(char *dst, size_t size, const char *stk);

/* The same for the current process's user stack; @brief: "sym+0x10". */
void stp_stack_user_sprint(struct stp_context *c, char *dst, size_t size);
void stp_stack_user_print(struct stp_context *c, bool brief);
/* print_ubacktrace's lines, each followed by " at FILE:LINE" if known. */
void stp_stack_user_print_fileline(struct stp_context *c);
void stp_stack_user_sprint_full(struct stp_context *c, char *dst,
				size_t size);
/* ucallers(@depth): the return addresses of frames 1..@depth (-1: all). */
void stp_stack_user_callers(struct stp_context *c, char *dst, size_t size,
			    s64 depth);
/* ustack(@depth): frame @depth (0: the pc); an error past the last. */
unsigned long stp_stack_user_frame(struct stp_context *c, s64 depth);
/* print_ustack / sprint_ustack of a ubacktrace() string. */
void stp_ustack_print_addresses(struct stp_context *c, const char *stk);
void stp_ustack_sprint_addresses(struct stp_context *c, char *dst,
				 size_t size, const char *stk);

#endif /* STP_BACKTRACE_H */
