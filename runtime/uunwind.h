/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The current process's user stack, unwound with the .eh_frame rows the
 * module carries for its binaries (usymbols.h): from the probe's user
 * registers, each frame's CFA gives the return address (at CFA - 8) and
 * the caller's stack pointer (the CFA) and frame pointer; a return address
 * a uretprobe hijacked is replaced by the original.  User memory is
 * read with copy_from_user_nofault, under a tried memory-map lock, at most
 * @max frames.  The stack ends at an address in no known binary, at a row
 * the unwinder cannot follow, or where the CFA does not move up.  With no
 * tables at all, the frame-pointer chain is followed instead.
 */
#ifndef STP_UUNWIND_H
#define STP_UUNWIND_H

#include <linux/types.h>

struct pt_regs;

/* Fills @frames with the pc, then one return address per frame. */
unsigned int stp_uunwind(struct pt_regs *regs, unsigned long *frames,
			 unsigned int max);

#endif /* STP_UUNWIND_H */
