/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry values of process(...).function(...).return probes.  A uretprobe
 * fires after the function returned, when its parameters are gone: the
 * probe's entry half (the uprobe consumer's handler) evaluates each
 * @entry(expr) and each target variable and saves them in a record; the
 * return half (its ret_handler) takes the record back.
 *
 * Records live in one table of STP_UENTRY_SLOTS, allocated when the first
 * such probe is armed.  A record is keyed by its probe, its task and the
 * stack pointer at entry, so recursion and threads each get their own; the
 * return of the frame entered at SP finds the record at SP - 8 (the return
 * address the call pushed is popped).  Frames a longjmp() abandoned are
 * dropped when the task enters below or at their stack pointer again
 * (the rule the kernel's own uretprobe code applies to its instances),
 * and every record of a task goes when it exits or execs; a forked child
 * gets copies of its parent's (the kernel copies the pending returns too).
 * When the table is full, the entry is counted in stp_uentry_full and its
 * return, which finds no record, is a skipped probe; both are reported at
 * exit.
 */
#ifndef STP_UPROBE_ENTRIES_H
#define STP_UPROBE_ENTRIES_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/types.h>

#ifndef STP_UENTRY_SLOTS
#define STP_UENTRY_SLOTS 1024
#endif

struct task_struct;

struct stp_uentry {
	struct hlist_node node;		/* in its task's bucket, or free */
	const void *owner;		/* the probe's descriptor */
	struct task_struct *task;
	unsigned long sp;		/* the stack pointer at entry */
	bool failed;			/* the entry half did not finish */
	u64 values[];			/* the entry half's struct */
};

/*
 * Allocates the table for records of up to @size bytes of values and
 * follows exits, execs and forks: 0, or -errno with @why filled.
 */
int stp_uentry_arm(unsigned int size, char *why, size_t n);
/* Frees the table; no handler may run any more. */
void stp_uentry_disarm(void);

/* A free record, or NULL (table full: counted). */
struct stp_uentry *stp_uentry_alloc(void);
/* Files @e for current's frame at @sp, dropping current's dead frames. */
void stp_uentry_insert(struct stp_uentry *e, const void *owner,
		       unsigned long sp);
/* Takes out current's record of @owner at @sp, or NULL. */
struct stp_uentry *stp_uentry_take(const void *owner, unsigned long sp);
void stp_uentry_free(struct stp_uentry *e);

/* Entries not saved for want of a record: reported at exit (their
 * returns count as skipped probes). */
extern atomic_t stp_uentry_full;

#endif /* STP_UPROBE_ENTRIES_H */
