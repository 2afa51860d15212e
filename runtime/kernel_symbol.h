/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The address of a static, unexported kernel symbol a tapset needs
 * (softirq_vec): STP_KERNEL_SYMBOL(name) declares the module parameter
 * stp_ksym_<name> (its description, .modinfo "parm=stp_ksym_<name>:", is
 * what staprun looks for), which staprun sets from /proc/kallsyms
 * (staprun/kernel_symbols.h), and the unsigned long stp_ksym_<name> the
 * tapset reads. The address is kept only when kallsyms names it exactly
 * <name>, so a wrong or forged one is 0, never a stray pointer; 0 also
 * when staprun could not see it (kptr_restrict).
 */
#ifndef STP_KERNEL_SYMBOL_H
#define STP_KERNEL_SYMBOL_H

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

/* At load (process context, under the module loader's lock). */
static inline int stp_ksym_set(const char *val, const struct kernel_param *kp,
			       const char *name)
{
	static char found[KSYM_SYMBOL_LEN];
	unsigned long addr;
	int rc = kstrtoul(val, 0, &addr);

	if (rc)
		return rc;
	sprint_symbol_no_offset(found, addr);
	*(unsigned long *)kp->arg = strcmp(found, name) == 0 ? addr : 0;
	if (!*(unsigned long *)kp->arg)
		pr_warn("stap: %s=%s is not %s's address; ignored\n", kp->name,
			val, name);
	return 0;
}

#define STP_KERNEL_SYMBOL(name)						\
	static unsigned long stp_ksym_##name;				\
	static int stp_ksym_set_##name(const char *val,			\
				       const struct kernel_param *kp)	\
	{								\
		return stp_ksym_set(val, kp, #name);			\
	}								\
	static const struct kernel_param_ops stp_ksym_ops_##name = {	\
		.set = stp_ksym_set_##name,				\
		.get = param_get_ulong,					\
	};								\
	module_param_cb(stp_ksym_##name, &stp_ksym_ops_##name,		\
			&stp_ksym_##name, 0400);			\
	MODULE_PARM_DESC(stp_ksym_##name, "the address of " #name)

#endif /* STP_KERNEL_SYMBOL_H */
