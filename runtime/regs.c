// SPDX-License-Identifier: GPL-2.0
/* Registers and arguments of the probed code; see regs.h. */

#include <linux/kernel.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include "context.h"
#include "format.h"
#include "kread.h"
#include "print.h"
#include "regs.h"
#include "task_info.h"
#include "uread.h"

struct pt_regs *stp_regs(struct stp_context *c)
{
	if (!c->regs)
		stp_error(c, "cannot access registers in this context");
	return c->regs;
}

unsigned long stp_probe_pc(struct stp_context *c)
{
	return c->regs ? instruction_pointer(c->regs) : 0;
}

bool stp_registers_valid(struct stp_context *c)
{
	return c->regs != NULL;
}

bool stp_probe_in_user_mode(struct stp_context *c)
{
	return c->regs && user_mode(c->regs);
}

struct pt_regs *stp_user_regs(struct stp_context *c)
{
	if (c->regs && user_mode(c->regs))
		return c->regs;
	/* A probe about another task (process.begin of a new child) has
	 * none of current's registers to show. */
	if (!stp_task_user_mm(current) || stp_subject_task() != current)
		return NULL;
	return task_pt_regs(current);
}

unsigned long stp_user_pc(struct stp_context *c)
{
	struct pt_regs *regs = stp_user_regs(c);

	return regs ? instruction_pointer(regs) : 0;
}

static s64 stp_extend(u64 v, unsigned int bits, bool sign)
{
	if (bits >= 64)
		return (s64)v;
	v &= (1ULL << bits) - 1;
	if (sign && (v & (1ULL << (bits - 1))))
		v |= ~0ULL << bits;
	return (s64)v;
}

/* An argument a tracepoint passed to its handler (c->args). */
static s64 stp_passed_arg(struct stp_context *c, s64 n, unsigned int bits,
			  bool sign)
{
	if (n < 1 || n > c->nargs) {
		stp_error_fmt(c, "argument number %lld is out of range", n);
		return 0;
	}
	return stp_extend(c->args[n - 1], bits, sign);
}

#ifdef CONFIG_X86_64

struct stp_reg_name {
	const char *name;
	unsigned short offset;
	unsigned char bits;
};

#define STP_REG(n, field, b) { n, offsetof(struct pt_regs, field), b }
static const struct stp_reg_name stp_reg_names[] = {
	STP_REG("rax", ax, 64), STP_REG("ax", ax, 64), STP_REG("eax", ax, 32),
	STP_REG("rbx", bx, 64), STP_REG("bx", bx, 64), STP_REG("ebx", bx, 32),
	STP_REG("rcx", cx, 64), STP_REG("cx", cx, 64), STP_REG("ecx", cx, 32),
	STP_REG("rdx", dx, 64), STP_REG("dx", dx, 64), STP_REG("edx", dx, 32),
	STP_REG("rsi", si, 64), STP_REG("si", si, 64), STP_REG("esi", si, 32),
	STP_REG("rdi", di, 64), STP_REG("di", di, 64), STP_REG("edi", di, 32),
	STP_REG("rbp", bp, 64), STP_REG("bp", bp, 64), STP_REG("ebp", bp, 32),
	STP_REG("rsp", sp, 64), STP_REG("sp", sp, 64), STP_REG("esp", sp, 32),
	STP_REG("rip", ip, 64), STP_REG("ip", ip, 64), STP_REG("eip", ip, 32),
	STP_REG("r8", r8, 64), STP_REG("r9", r9, 64), STP_REG("r10", r10, 64),
	STP_REG("r11", r11, 64), STP_REG("r12", r12, 64),
	STP_REG("r13", r13, 64), STP_REG("r14", r14, 64),
	STP_REG("r15", r15, 64), STP_REG("orig_rax", orig_ax, 64),
	STP_REG("orig_ax", orig_ax, 64), STP_REG("flags", flags, 64),
	STP_REG("eflags", flags, 32), STP_REG("rflags", flags, 64),
	/* Segment selectors are 16 bits; FRED keeps more in the word. */
	STP_REG("cs", cs, 16), STP_REG("ss", ss, 16),
};
#undef STP_REG

s64 stp_register(struct stp_context *c, const char *name, bool sign)
{
	struct pt_regs *regs = stp_regs(c);
	unsigned int i;

	if (!regs)
		return 0;
	for (i = 0; i < ARRAY_SIZE(stp_reg_names); i++) {
		const struct stp_reg_name *r = &stp_reg_names[i];
		const u64 *word = (const void *)regs + r->offset;

		if (!strcmp(r->name, name))
			return stp_extend(*word, r->bits, sign);
	}
	stp_error_fmt(c, "unknown register '%s'", name);
	return 0;
}

/* The psABI's DWARF register numbers, 0 to 15, as pt_regs fields. */
static const unsigned short stp_dwarf_reg_offsets[] = {
	offsetof(struct pt_regs, ax),  offsetof(struct pt_regs, dx),
	offsetof(struct pt_regs, cx),  offsetof(struct pt_regs, bx),
	offsetof(struct pt_regs, si),  offsetof(struct pt_regs, di),
	offsetof(struct pt_regs, bp),  offsetof(struct pt_regs, sp),
	offsetof(struct pt_regs, r8),  offsetof(struct pt_regs, r9),
	offsetof(struct pt_regs, r10), offsetof(struct pt_regs, r11),
	offsetof(struct pt_regs, r12), offsetof(struct pt_regs, r13),
	offsetof(struct pt_regs, r14), offsetof(struct pt_regs, r15),
};

/* Register @regno of @regs, or 0 after an error naming what is missing. */
static s64 stp_dwarf_register_of(struct stp_context *c, struct pt_regs *regs,
				 s64 regno, const char *which)
{
	if (!regs) {
		stp_error_fmt(c, "cannot access %s registers in this context",
			      which);
		return 0;
	}
	if (regno < 0 || regno >= (s64)ARRAY_SIZE(stp_dwarf_reg_offsets)) {
		stp_error_fmt(c, "unknown DWARF register number %lld", regno);
		return 0;
	}
	return *(const s64 *)((const void *)regs +
			      stp_dwarf_reg_offsets[regno]);
}

s64 stp_user_dwarf_register(struct stp_context *c, s64 regno)
{
	return stp_dwarf_register_of(c, stp_user_regs(c), regno, "user");
}

s64 stp_kernel_dwarf_register(struct stp_context *c, s64 regno)
{
	struct pt_regs *regs = c->regs && !user_mode(c->regs) ? c->regs : NULL;

	return stp_dwarf_register_of(c, regs, regno, "kernel");
}

/* System V AMD64: rdi, rsi, rdx, rcx, r8, r9, then the stack. */
static s64 stp_arg_of(struct stp_context *c, struct pt_regs *regs, s64 n,
		      unsigned int bits, bool sign);

s64 stp_arg(struct stp_context *c, s64 n, unsigned int bits, bool sign)
{
	if (c->args)
		return stp_passed_arg(c, n, bits, sign);
	return stp_arg_of(c, stp_regs(c), n, bits, sign);
}

s64 stp_entry_arg(struct stp_context *c, s64 n, unsigned int bits, bool sign)
{
	if (!c->entry_regs) {
		stp_error(c, "no entry registers in this probe");
		return 0;
	}
	return stp_arg_of(c, c->entry_regs, n, bits, sign);
}

static s64 stp_arg_of(struct stp_context *c, struct pt_regs *regs, s64 n,
		      unsigned int bits, bool sign)
{
	unsigned long slot;
	u64 v;

	if (!regs)
		return 0;
	switch (n) {
	case 1:
		return stp_extend(regs->di, bits, sign);
	case 2:
		return stp_extend(regs->si, bits, sign);
	case 3:
		return stp_extend(regs->dx, bits, sign);
	case 4:
		return stp_extend(regs->cx, bits, sign);
	case 5:
		return stp_extend(regs->r8, bits, sign);
	case 6:
		return stp_extend(regs->r9, bits, sign);
	}
	if (n < 1 || n > 64) {
		stp_error_fmt(c, "argument number %lld is out of range", n);
		return 0;
	}
	/* At function entry sp holds the return address; then args 7.. */
	slot = regs->sp + (unsigned long)(n - 6) * sizeof(long);
	if (user_mode(regs) ? stp_user_read(c, slot, &v, sizeof(v))
			    : stp_kernel_read(c, slot, &v, sizeof(v)))
		return 0;
	return stp_extend(v, bits, sign);
}

void stp_set_arg(struct stp_context *c, s64 n, s64 v, unsigned int bits,
		 bool sign)
{
	struct pt_regs *regs = c->args ? NULL : stp_regs(c);
	unsigned long *reg[] = { NULL, NULL, NULL, NULL, NULL, NULL };
	u64 val = stp_extend(v, bits, sign);

	if (c->args) {
		stp_error(c, "cannot set the arguments of this probe");
		return;
	}
	if (!regs)
		return;
	if (n < 1 || n > 6) {
		/* Stack slots are the caller's memory: not ours to change. */
		stp_error_fmt(c, "cannot set argument %lld: only 1 to 6 are in registers",
			      n);
		return;
	}
	reg[0] = &regs->di;
	reg[1] = &regs->si;
	reg[2] = &regs->dx;
	reg[3] = &regs->cx;
	reg[4] = &regs->r8;
	reg[5] = &regs->r9;
	*reg[n - 1] = val;
}

void stp_print_regs(struct stp_context *c)
{
	struct pt_regs *r = stp_regs(c);

	if (!r)
		return;
	STP_PRINTF(c, "RIP: %016x RSP: %016x EFLAGS: %08x\n",
		   STP_LONG(r->ip), STP_LONG(r->sp), STP_LONG(r->flags));
	STP_PRINTF(c, "RAX: %016x RBX: %016x RCX: %016x\n",
		   STP_LONG(r->ax), STP_LONG(r->bx), STP_LONG(r->cx));
	STP_PRINTF(c, "RDX: %016x RSI: %016x RDI: %016x\n",
		   STP_LONG(r->dx), STP_LONG(r->si), STP_LONG(r->di));
	STP_PRINTF(c, "RBP: %016x R08: %016x R09: %016x\n",
		   STP_LONG(r->bp), STP_LONG(r->r8), STP_LONG(r->r9));
	STP_PRINTF(c, "R10: %016x R11: %016x R12: %016x\n",
		   STP_LONG(r->r10), STP_LONG(r->r11), STP_LONG(r->r12));
	STP_PRINTF(c, "R13: %016x R14: %016x R15: %016x\n",
		   STP_LONG(r->r13), STP_LONG(r->r14), STP_LONG(r->r15));
	STP_PRINTF(c, "CS: %04x SS: %04x ORIG_RAX: %016x\n",
		   STP_LONG(r->cs & 0xffff), STP_LONG(r->ss & 0xffff),
		   STP_LONG(r->orig_ax));
}

#else /* !CONFIG_X86_64 */

s64 stp_register(struct stp_context *c, const char *name, bool sign)
{
	if (stp_regs(c))
		stp_error(c,
			  "registers are not supported on this architecture");
	return 0;
}

s64 stp_user_dwarf_register(struct stp_context *c, s64 regno)
{
	stp_error(c, "registers are not supported on this architecture");
	return 0;
}

s64 stp_kernel_dwarf_register(struct stp_context *c, s64 regno)
{
	return stp_user_dwarf_register(c, regno);
}

s64 stp_arg(struct stp_context *c, s64 n, unsigned int bits, bool sign)
{
	if (c->args)
		return stp_passed_arg(c, n, bits, sign);
	return stp_register(c, "", sign);
}

s64 stp_entry_arg(struct stp_context *c, s64 n, unsigned int bits, bool sign)
{
	return stp_register(c, "", sign);
}

void stp_set_arg(struct stp_context *c, s64 n, s64 v, unsigned int bits,
		 bool sign)
{
	stp_register(c, "", sign);
}

void stp_print_regs(struct stp_context *c)
{
	stp_register(c, "", false);
}

#endif /* CONFIG_X86_64 */
