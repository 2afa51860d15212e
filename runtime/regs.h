/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The probed CPU state: registers by name, function arguments by number,
 * the probe's program counter.  Only probes that stop the CPU somewhere
 * (kprobes, uprobes, timer.profile) have registers; begin, end and timer
 * probes do not, and asking there is the run-time error "cannot access
 * registers in this context".  x86_64 only for now; elsewhere every
 * register access is that error.
 */
#ifndef STP_REGS_H
#define STP_REGS_H

#include <linux/types.h>

struct stp_context;
struct pt_regs;

/*
 * "rax", "eax", "ip", "r8" ...: 32-bit names give the low half, sign- or
 * zero-extended as @sign says.
 */
s64 stp_register(struct stp_context *c, const char *name, bool sign);
/*
 * @uregister(N): the user-mode register with DWARF number @regno (x86-64:
 * 0 rax, 1 rdx, 2 rcx, 3 rbx, 4 rsi, 5 rdi, 6 rbp, 7 rsp, 8-15 r8-r15).
 */
s64 stp_user_dwarf_register(struct stp_context *c, s64 regno);
/* @kregister(N): the same numbers, from the probe's kernel-mode registers. */
s64 stp_kernel_dwarf_register(struct stp_context *c, s64 regno);
/* Argument @n (from 1) of the probed function, @bits wide (8..64). */
s64 stp_arg(struct stp_context *c, s64 n, unsigned int bits, bool sign);
/*
 * Guru mode: sets argument @n (1 to 6, the register ones) to @v cut to
 * @bits and sign- or zero-extended.
 */
void stp_set_arg(struct stp_context *c, s64 n, s64 v, unsigned int bits,
		 bool sign);
/* Argument @n as it was at the entry of the function a return probe left. */
s64 stp_entry_arg(struct stp_context *c, s64 n, unsigned int bits, bool sign);
/* The probe's program counter, 0 without registers. */
unsigned long stp_probe_pc(struct stp_context *c);
/* The registers, or NULL with the error set. */
struct pt_regs *stp_regs(struct stp_context *c);
/* Prints every general register, as print_regs() does. */
void stp_print_regs(struct stp_context *c);
/*
 * The user-mode registers of the current task: the probe's own when it
 * stopped user code, else those saved at the task's entry into the
 * kernel; NULL for kernel threads.  No error is set.
 */
/* registers_valid(): whether the probe has registers (not begin, timer ...). */
bool stp_registers_valid(struct stp_context *c);
/* user_mode(): whether the probe stopped user code (a uprobe). */
bool stp_probe_in_user_mode(struct stp_context *c);
struct pt_regs *stp_user_regs(struct stp_context *c);
/* The user-mode program counter, 0 if there is none. */
unsigned long stp_user_pc(struct stp_context *c);

#endif /* STP_REGS_H */
