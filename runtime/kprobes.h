/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel.function / kprobe.function probes: a kprobe at a function's entry
 * by symbol name, or a kretprobe at its return.  A return probe keeps the
 * registers of the entry in its instance data, so the handler can read the
 * parameters as they were at the call (stp_entry_arg), and after them the
 * values its @entry(expr) expressions had there.
 */
#ifndef STP_KPROBES_H
#define STP_KPROBES_H

#include <linux/kprobes.h>
#include <linux/types.h>
#include "probe.h"

struct stp_kprobe_probe {
	const struct stp_probe *probe;
	const char *symbol;	/* "vfs_read" */
	const char *module;	/* NULL for vmlinux */
	/* Bytes past the symbol (kernel.statement: a source line, found in
	 * the DWARF by the translator); the kernel checks it starts an
	 * instruction. */
	unsigned int offset;
	bool is_return;
	bool optional;		/* "?": not armed is counted, not fatal */
	int maxactive;		/* .return.maxactive(N); 0 = kernel default */
	/* A return probe's @entry(expr) values: its entry half fills
	 * entry_size bytes of the instance data, after the registers. */
	const struct stp_probe *entry;
	size_t entry_size;
	/* kernel.function("F").callee("G"): G's probe runs only when called
	 * from one of F's calls to G, named by their return addresses as %pS
	 * prints them ("F+0x4e/"); ncallers 0: from anywhere. */
	const char *const *callers;
	unsigned int ncallers;
	/* Runtime state, zero in the generated initializer. */
	struct kprobe kp;
	struct kretprobe krp;
	bool armed;
};

/* Descriptors: struct stp_kprobe_probe[]. */
extern const struct stp_provider stp_provider_kprobe;

/* For the exit summary. */
extern atomic_t stp_kprobe_missed;
extern atomic_t stp_kprobe_unarmed;

#endif /* STP_KPROBES_H */
