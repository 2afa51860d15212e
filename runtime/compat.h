/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version or kernel-feature difference the runtime depends on,
 * in one place.  The pass-4 builder may later define STAPCONF_* macros from
 * autoconf-style test compiles; until then LINUX_VERSION_CODE decides.
 */
#ifndef STP_COMPAT_H
#define STP_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 6, 0)
#error "stap runtime needs Linux 5.6 or later (struct proc_ops)"
#endif

/* timer_shutdown_sync() appeared in 6.2; before, stop re-arming by hand. */
#if !defined(STAPCONF_TIMER_SHUTDOWN) && \
	LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define STAPCONF_TIMER_SHUTDOWN 1
#endif

/* list_sort() comparator takes const list_heads since 5.13. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 13, 0)
#define STP_LIST_CMP_CONST const
#else
#define STP_LIST_CMP_CONST
#endif

/* get_random_u32() replaced prandom_u32() in 6.1. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 0)
#define stp_random_u32() get_random_u32()
#else
#define stp_random_u32() prandom_u32()
#endif

/* pde_data() replaced PDE_DATA() in 5.17. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 17, 0)
#define stp_pde_data(inode) pde_data(inode)
#else
#define stp_pde_data(inode) PDE_DATA(inode)
#endif

#endif /* STP_COMPAT_H */
