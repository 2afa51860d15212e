/* SPDX-License-Identifier: GPL-2.0 */
/*
 * process("PATH").function / .statement probes: a uprobe (or uretprobe)
 * per file + offset, fired in every process that maps the file.  The file
 * is opened when the probe is armed; its GNU build-id must be the one
 * recorded at translation, so a replaced binary is reported by name
 * rather than probed at an offset that now means something else.  Every
 * hit passes the own-process rule first (stp_probe_gate, task_info.h).
 */
#ifndef STP_UPROBES_H
#define STP_UPROBES_H

#include <linux/path.h>
#include <linux/types.h>
#include <linux/uprobes.h>
#include "probe.h"

struct stp_uprobe_probe {
	const struct stp_probe *probe;
	const char *path;	/* canonical path of the probed file */
	const char *build_id;	/* lowercase hex, "" when the file has none */
	unsigned long offset;	/* file offset of the probed instruction */
	bool is_return;
	bool optional;		/* "?": not armed is a warning */
	/* Runtime state, zero in the generated initializer. */
	struct uprobe_consumer uc;
	struct path file;	/* held while armed: keeps the inode alive */
	struct uprobe *uprobe;	/* what uprobe_register returned (6.12+) */
	bool armed;
};

/* Descriptors: struct stp_uprobe_probe[]. */
extern const struct stp_provider stp_provider_uprobe;

#endif /* STP_UPROBES_H */
