// SPDX-License-Identifier: GPL-2.0
/* SDT mark arguments; see sdt_args.h.  Included after regs.c. */

#include "context.h"
#include "sdt_args.h"
#include "uread.h"

#ifdef CONFIG_X86_64
static const unsigned short stp_sdt_reg_offsets[STP_SDT_NREGS] = {
	offsetof(struct pt_regs, ax),  offsetof(struct pt_regs, bx),
	offsetof(struct pt_regs, cx),  offsetof(struct pt_regs, dx),
	offsetof(struct pt_regs, si),  offsetof(struct pt_regs, di),
	offsetof(struct pt_regs, bp),  offsetof(struct pt_regs, sp),
	offsetof(struct pt_regs, r8),  offsetof(struct pt_regs, r9),
	offsetof(struct pt_regs, r10), offsetof(struct pt_regs, r11),
	offsetof(struct pt_regs, r12), offsetof(struct pt_regs, r13),
	offsetof(struct pt_regs, r14), offsetof(struct pt_regs, r15),
	offsetof(struct pt_regs, ip),
};
#endif

s64 stp_sdt_arg(struct stp_context *c, s64 n)
{
	const struct stp_sdt_arg *a;
	unsigned long base;

	if (n < 1 || n > c->sdt_nargs || !c->regs) {
		stp_error_fmt(c, "the mark has no argument %lld", n);
		return 0;
	}
	a = &c->sdt_args[n - 1];
	if (a->kind == STP_SDT_CONSTANT)
		return stp_extend(a->value, a->size * 8, a->is_signed);
#ifdef CONFIG_X86_64
	if (a->reg >= STP_SDT_NREGS) {
		stp_error(c, "bad register in an SDT argument");
		return 0;
	}
	base = *(unsigned long *)((char *)c->regs +
				  stp_sdt_reg_offsets[a->reg]);
#else
	stp_error(c, "SDT arguments in registers are read on x86_64 only");
	return 0;
#endif
	if (a->kind == STP_SDT_REGISTER)
		return stp_extend(base, a->size * 8, a->is_signed);
	return stp_user_read_int(c, base + a->value, a->size, a->is_signed);
}
