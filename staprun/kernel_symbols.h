/* SPDX-License-Identifier: GPL-2.0 */
#ifndef STAPRUN_KERNEL_SYMBOLS_H
#define STAPRUN_KERNEL_SYMBOLS_H

#include <stddef.h>

/*
 * The addresses of the kernel's static symbols a module asks for: for each
 * parameter "stp_ksym_NAME" the image declares (its .modinfo
 * "parm=stp_ksym_NAME:", runtime/kernel_symbol.h),
 * " stp_ksym_NAME=0xADDRESS" with NAME's address in /proc/kallsyms
 * (vmlinux's symbols only), appended to buf.
 * A symbol not found (or hidden by kptr_restrict) is left out: the module
 * sees 0. The module checks each address against the name kallsyms gives
 * it, so a wrong one is never used.
 */
void stap_kernel_symbol_params(const char *image, size_t len, char *buf,
			       size_t size);

#endif /* STAPRUN_KERNEL_SYMBOLS_H */
