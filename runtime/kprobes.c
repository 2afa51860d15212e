// SPDX-License-Identifier: GPL-2.0
/* kprobes and kretprobes by symbol name; see kprobes.h. */

#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "compat.h"
#include "config.h"
#include "kprobes.h"
#include "session.h"
#include "transport.h"

atomic_t stp_kprobe_missed = ATOMIC_INIT(0);
atomic_t stp_kprobe_unarmed = ATOMIC_INIT(0);

#ifdef STAPCONF_RETHOOK_NODES
#include <linux/rethook.h>
#include <linux/sched.h>

/*
 * The return address a kretprobe (or fprobe) hid: hooking a function's
 * return puts the rethook trampoline in the stack slot and keeps the real
 * address in a node of the current task's list, with the slot as its
 * frame.  Several hooks of one frame each keep what they replaced, the
 * trampoline for all but the first: the address wanted is the one that is
 * not `ret` (the trampoline found in the slot).  This is the kernel's
 * rethook_find_ret_addr(), which is not exported to modules; the list is
 * the current task's own, so it can be read from its probe handler.
 */
static unsigned long stp_unhooked_return(unsigned long ret, unsigned long slot)
{
	struct llist_node *n;

	for (n = READ_ONCE(current->rethooks.first); n; n = READ_ONCE(n->next)) {
		struct rethook_node *rh =
			container_of(n, struct rethook_node, llist);

		if (READ_ONCE(rh->frame) == slot &&
		    READ_ONCE(rh->ret_addr) != ret)
			return READ_ONCE(rh->ret_addr);
	}
	return ret;
}
#else
static unsigned long stp_unhooked_return(unsigned long ret, unsigned long slot)
{
	return ret;
}
#endif

/* Whether `ret` is one of k's callers, "F+0xOFF/" as %pS prints it: by
 * name, so KASLR changes nothing and no symbol address needs looking up. */
static bool stp_kprobe_is_caller(const struct stp_kprobe_probe *k,
				 unsigned long ret)
{
	char name[160];
	unsigned int i;

	snprintf(name, sizeof(name), "%pS", (void *)ret);
	for (i = 0; i < k->ncallers; i++)
		if (!strncmp(name, k->callers[i], strlen(k->callers[i])))
			return true;
	return false;
}

/*
 * Whether a probe at a function's entry was called from one of its
 * callers (k->callers).  At the entry, before the function pushes
 * anything, the stack pointer of the probe's registers points at the
 * return address: an int3 kprobe traps there, and a kprobe on ftrace
 * hands over the registers of the function's first instruction.  A
 * kretprobe on the same function whose handler ran first (the kernel
 * runs the latest registered first: another tool's, registered after
 * this module) has put its trampoline there; the real address is then
 * recovered from the task's rethook nodes.
 */
static bool stp_kprobe_from_caller(const struct stp_kprobe_probe *k,
				   struct pt_regs *regs)
{
	unsigned long slot = kernel_stack_pointer(regs), ret, unhooked;

	if (!k->ncallers)
		return true;
	if (copy_from_kernel_nofault(&ret, (void *)slot, sizeof(ret)))
		return false;
	if (stp_kprobe_is_caller(k, ret))
		return true;
	unhooked = stp_unhooked_return(ret, slot);
	return unhooked != ret && stp_kprobe_is_caller(k, unhooked);
}

static int stp_kprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct stp_kprobe_probe *k = container_of(kp, struct stp_kprobe_probe,
						  kp);

	if (stp_kprobe_from_caller(k, regs))
		stp_probe_run(k->probe, STP_SESSION_RUNNING, regs);
	return 0;
}

static struct stp_kprobe_probe *stp_kretprobe_owner(
	struct kretprobe_instance *ri)
{
#ifdef STAPCONF_GET_KRETPROBE
	struct kretprobe *rp = get_kretprobe(ri);
#else
	struct kretprobe *rp = ri->rp;
#endif
	return rp ? container_of(rp, struct stp_kprobe_probe, krp) : NULL;
}

/* The @entry values, after the saved registers. */
#define STP_KRETPROBE_VALUES(ri) \
	((void *)((ri)->data + ALIGN(sizeof(struct pt_regs), 8)))

/* Keeps the entry registers (the return handler's parameters) and
 * evaluates the @entry values.  Nonzero skips the return: the entry half
 * failed, and its error is reported. */
static int stp_kretprobe_entry(struct kretprobe_instance *ri,
			       struct pt_regs *regs)
{
	struct stp_kprobe_probe *k = stp_kretprobe_owner(ri);

	if (k && !stp_kprobe_from_caller(k, regs))
		return 1;	/* another caller's: no return probe */
	memcpy(ri->data, regs, sizeof(*regs));
	if (!k || !k->entry)
		return 0;
	memset(STP_KRETPROBE_VALUES(ri), 0, k->entry_size);
	return stp_probe_run_return_values(k->entry, STP_SESSION_RUNNING, regs,
					   regs, STP_KRETPROBE_VALUES(ri)) ?
		       0 : 1;
}

static int stp_kretprobe_ret(struct kretprobe_instance *ri,
			     struct pt_regs *regs)
{
	struct stp_kprobe_probe *k = stp_kretprobe_owner(ri);

	if (k)
		stp_probe_run_return_values(k->probe, STP_SESSION_RUNNING, regs,
					    (struct pt_regs *)ri->data,
					    STP_KRETPROBE_VALUES(ri));
	return 0;
}

static void stp_kprobe_unregister(struct stp_kprobe_probe *k)
{
	if (!k->armed)
		return;
	if (k->is_return) {
		unregister_kretprobe(&k->krp);
		atomic_add(k->krp.nmissed + k->krp.kp.nmissed,
			   &stp_kprobe_missed);
	} else {
		unregister_kprobe(&k->kp);
		atomic_add(k->kp.nmissed, &stp_kprobe_missed);
	}
	k->armed = false;
}

static int stp_kprobe_register(struct stp_kprobe_probe *k)
{
	memset(&k->kp, 0, sizeof(k->kp));
	memset(&k->krp, 0, sizeof(k->krp));
	if (!k->is_return) {
		k->kp.symbol_name = k->symbol;
		k->kp.offset = k->offset;
		k->kp.pre_handler = stp_kprobe_pre;
		return register_kprobe(&k->kp);
	}
	k->krp.kp.symbol_name = k->symbol;
	k->krp.entry_handler = stp_kretprobe_entry;
	k->krp.handler = stp_kretprobe_ret;
	k->krp.data_size = ALIGN(sizeof(struct pt_regs), 8) + k->entry_size;
	k->krp.maxactive = k->maxactive;
	return register_kretprobe(&k->krp);
}

static void stp_kprobe_disarm(void *probes, unsigned int count)
{
	struct stp_kprobe_probe *kps = probes;
	unsigned int i;

	for (i = 0; i < count; i++)
		stp_kprobe_unregister(&kps[i]);
}

static int stp_kprobe_arm(void *probes, unsigned int count)
{
	struct stp_kprobe_probe *kps = probes;
	unsigned int i;
	int ret;

	for (i = 0; i < count; i++) {
		struct stp_kprobe_probe *k = &kps[i];
		char why[160], off[16] = "";

		ret = stp_kprobe_register(k);
		if (!ret) {
			k->armed = true;
			continue;
		}
		/* -EINVAL: blacklisted or not a function start; -ENOENT: no
		 * such symbol (or its module is not loaded); -EILSEQ: the
		 * offset falls inside an instruction. */
		if (k->offset)
			snprintf(off, sizeof(off), "+0x%x", k->offset);
		snprintf(why, sizeof(why),
			 "probe point %s: cannot register %s at '%s%s'%s%s: %s (%d)",
			 k->probe->pp, k->is_return ? "kretprobe" : "kprobe",
			 k->symbol, off, k->module ? " in module " : "",
			 k->module ? k->module : "",
			 ret == -ENOENT ? "no such symbol" :
			 ret == -EILSEQ ? "not an instruction boundary" :
			 ret == -EINVAL ? "the kernel refuses to probe it" :
			 ret == -EBUSY ? "already probed exclusively" :
					 "registration failed", ret);
		if (!stp_arm_refused(why, k->optional, &stp_kprobe_unarmed))
			continue;
		stp_kprobe_disarm(probes, i);
		return ret;
	}
	return 0;
}

const struct stp_provider stp_provider_kprobe = {
	.name = "kprobe",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_kprobe_arm,
	.disarm = stp_kprobe_disarm,
};
