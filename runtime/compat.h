/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel API difference the runtime depends on, in one place.
 *
 * Pass 4 compiles a small test per API against the target's headers
 * (kbuild/kernel_features.def) and writes stap_features.h, which the
 * module and the runtime object include before this file.  The decisions
 * below key on those STAPCONF_* macros, never on the version number:
 * distribution kernels backport APIs (Debian's 6.1 has timer_delete_sync)
 * and upstream removes old ones (hrtimer_init, del_timer_sync, strlcpy).
 *
 * The rest of the runtime calls only the stp_* wrappers defined here.
 */
#ifndef STP_COMPAT_H
#define STP_COMPAT_H

#include <linux/hrtimer.h>
#include <linux/list_sort.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/timer.h>
#include <linux/version.h>

#ifndef STAP_FEATURES_H
/*
 * Last resort, for modules built by hand without stap_features.h (the
 * runtime's own tests): guess from the upstream version in which each API
 * appeared.  Wrong for backports in either direction, hence the tests.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 6, 0)
#define STAPCONF_PROC_OPS 1
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 13, 0)
#define STAPCONF_LIST_CMP_CONST 1
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 17, 0)
#define STAPCONF_PDE_DATA 1
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define STAPCONF_TIMER_DELETE_SYNC 1
#define STAPCONF_TIMER_SHUTDOWN_SYNC 1
#else
#define STAPCONF_DEL_TIMER_SYNC 1
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#define STAPCONF_HRTIMER_SETUP 1
#else
#define STAPCONF_HRTIMER_INIT 1
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
#define STAPCONF_TIMER_CONTAINER_OF 1
#endif
#define STAPCONF_GET_RANDOM_U32 1
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 11, 0)
#define STAPCONF_GET_KRETPROBE 1
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 18, 0) && defined(CONFIG_RETHOOK)
#define STAPCONF_RETHOOK_NODES 1
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define STAPCONF_MODULE_MEMORY 1
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#define STAPCONF_UPROBE_REGISTER_RETURNS_UPROBE 1
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(4, 20, 0)
#define STAPCONF_UPROBE_REGISTER_REFCTR 1
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#define STAPCONF_UPROBE_HANDLER_DATA 1
#else
#define STAPCONF_UPROBE_HANDLER_NO_DATA 1
#endif
#endif /* !STAP_FEATURES_H */

/* The transport's /proc files need struct proc_ops (5.6). */
#ifndef STAPCONF_PROC_OPS
#error "stap runtime needs struct proc_ops (Linux 5.6 or later)"
#endif

/* The data of a /proc entry: pde_data() since 5.17, PDE_DATA() before. */
#ifdef STAPCONF_PDE_DATA
#define stp_pde_data(inode) pde_data(inode)
#else
#define stp_pde_data(inode) PDE_DATA(inode)
#endif

/* uprobe handlers take a trailing `__u64 *data` since 6.13. */
#if defined(STAPCONF_UPROBE_HANDLER_DATA)
#define STP_UPROBE_HANDLER_DATA , __u64 *data
#elif defined(STAPCONF_UPROBE_HANDLER_NO_DATA)
#define STP_UPROBE_HANDLER_DATA
#else
#error "stap runtime: unknown uprobe handler signature"
#endif

/* The list_sort() comparator takes const list_heads since 5.13. */
#ifdef STAPCONF_LIST_CMP_CONST
#define STP_LIST_CMP_CONST const
#else
#define STP_LIST_CMP_CONST
#endif

/*
 * get_random_u32() is the name since 4.11; prandom_u32() went away in 6.2.
 */
#ifdef STAPCONF_GET_RANDOM_U32
#define stp_random_u32() get_random_u32()
#else
#define stp_random_u32() prandom_u32()
#endif

/* timer_delete_sync() replaced del_timer_sync() (6.2; removed in 6.15). */
static inline int stp_timer_delete_sync(struct timer_list *t)
{
#if defined(STAPCONF_TIMER_DELETE_SYNC)
	return timer_delete_sync(t);
#elif defined(STAPCONF_DEL_TIMER_SYNC)
	return del_timer_sync(t);
#else
#error "no timer_delete_sync() or del_timer_sync() in this kernel"
#endif
}

/*
 * Stops a self-re-arming timer for good.  timer_shutdown_sync() (6.2)
 * makes later mod_timer() calls no-ops; without it, callers must also
 * tell their callback to stop re-arming (they do, in both cases).
 */
static inline void stp_timer_shutdown_sync(struct timer_list *t)
{
#ifdef STAPCONF_TIMER_SHUTDOWN_SYNC
	timer_shutdown_sync(t);
#else
	stp_timer_delete_sync(t);
#endif
}

/* The structure embedding timer T as FIELD (from_timer() left in 6.16). */
#ifdef STAPCONF_TIMER_CONTAINER_OF
#define stp_timer_from(var, t, field) timer_container_of(var, t, field)
#else
#define stp_timer_from(var, t, field) container_of(t, typeof(*var), field)
#endif

/* hrtimer_setup() replaced hrtimer_init() plus ->function in 6.13. */
static inline void stp_hrtimer_setup(struct hrtimer *h,
				     enum hrtimer_restart (*fn)(struct hrtimer *),
				     clockid_t clock, enum hrtimer_mode mode)
{
#if defined(STAPCONF_HRTIMER_SETUP)
	hrtimer_setup(h, fn, clock, mode);
#elif defined(STAPCONF_HRTIMER_INIT)
	hrtimer_init(h, clock, mode);
	h->function = fn;
#else
#error "no hrtimer_setup() or hrtimer_init() in this kernel"
#endif
}

/* A module's loaded sizes in bytes: code, read-only data (with what is
 * read-only after init), writable data. */
static inline void stp_module_sizes(const struct module *m,
				    unsigned int *text, unsigned int *ro,
				    unsigned int *data)
{
#ifdef STAPCONF_MODULE_MEMORY
	*text = m->mem[MOD_TEXT].size;
	*ro = m->mem[MOD_RODATA].size + m->mem[MOD_RO_AFTER_INIT].size;
	*data = m->mem[MOD_DATA].size;
#else
	*text = m->core_layout.text_size;
	*ro = m->core_layout.ro_after_init_size - m->core_layout.text_size;
	*data = m->core_layout.size - m->core_layout.ro_after_init_size;
#endif
}

#endif /* STP_COMPAT_H */
