/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel addresses as symbols, from kallsyms through the kernel's own %ps
 * and %pS formats (kallsyms_lookup() is not exported).  An address no
 * symbol covers prints as "0x..." hex, as SystemTap's symname() does.
 * Safe in any context: kallsyms takes no sleeping lock.
 */
#ifndef STP_SYMBOLS_H
#define STP_SYMBOLS_H

#include <linux/types.h>

/* "schedule" */
void stp_symbol_name(char *dst, size_t size, unsigned long addr);
/* "schedule+0x0/0x90 [kernel]": offset, size, module ("kernel": built in). */
void stp_symbol_data(char *dst, size_t size, unsigned long addr);
/*
 * The same for a return address taken from a stack, looked up at
 * addr - 1 so that a call at the very end of a function is not
 * attributed to the next one.
 */
void stp_symbol_data_ret(char *dst, size_t size, unsigned long addr);
/* The name of the module holding @addr, or "kernel". */
void stp_symbol_module(char *dst, size_t size, unsigned long addr);

#endif /* STP_SYMBOLS_H */
