/* SPDX-License-Identifier: GPL-2.0 */
/*
 * process("PATH").function / .statement probes: a uprobe (or uretprobe)
 * per file + offset, fired in every process that maps the file.  The file
 * is opened when the probe is armed; its GNU build-id must be the one
 * recorded at translation, so a replaced binary is reported by name
 * rather than probed at an offset that now means something else.  Every
 * hit passes the own-process rule first (stp_probe_gate, task_info.h).
 * SDT marks are uprobes at the mark's address with the semaphore's
 * offset as the uprobe's reference counter (uprobe_register_refctr()
 * before 6.12, uprobe_register() since).
 */
#ifndef STP_UPROBES_H
#define STP_UPROBES_H

#include <linux/path.h>
#include <linux/types.h>
#include <linux/uprobes.h>
#include "probe.h"
#include "sdt_args.h"

struct stp_uprobe_probe {
	const struct stp_probe *probe;
	const char *path;	/* canonical path of the probed file */
	const char *build_id;	/* lowercase hex, "" when the file has none */
	unsigned long offset;	/* file offset of the probed instruction */
	bool is_return;
	bool optional;		/* "?": not armed is a warning */
	/*
	 * SDT marks: the file offset of the mark's semaphore (0: none), which
	 * the kernel increments in every process mapping the file while the
	 * probe is armed, and where the mark's arguments are.
	 */
	unsigned long ref_ctr_offset;
	const struct stp_sdt_arg *sdt_args;
	unsigned int sdt_nargs;
	/* process("EXE").library("LIB"): fire only in tasks running EXE. */
	const char *process_path;
	/* process(PID).function(...): fire only in this process (0: any). */
	int pid;
	/*
	 * Return probes with @entry values or target variables: the half run
	 * at entry, which fills entry_size bytes of values the return half
	 * reads (uprobe_entries.h).  NULL: none.
	 */
	const struct stp_probe *entry;
	unsigned int entry_size;
	/*
	 * .function("F").callee("G"), probed at G's entry: fire only when the
	 * return address is one of F's calls to G, each given as its distance
	 * from the probed instruction.  NULL: any caller.
	 */
	const long *callers;
	unsigned int ncallers;
	/* Runtime state, zero in the generated initializer. */
	struct uprobe_consumer uc;
	struct path file;	/* held while armed: keeps the inode alive */
	struct uprobe *uprobe;	/* what uprobe_register returned (6.12+) */
	struct path process;	/* process_path's, held while armed */
	bool armed;
};

/* Descriptors: struct stp_uprobe_probe[]. */
extern const struct stp_provider stp_provider_uprobe;

#endif /* STP_UPROBES_H */
