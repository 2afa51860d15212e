/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procfs("PATH").read / .write probes: files under
 * /proc/systemtap/MODULE.  Reading a file runs its read probe, which sets
 * $value, and returns that text; writing runs the write probe with what
 * was written as $value (at most MAXSTRINGLEN - 1 bytes per run: a longer
 * write is taken in pieces, one probe run each).
 */
#ifndef STP_PROCFS_H
#define STP_PROCFS_H

#include <linux/types.h>
#include "probe.h"

struct proc_dir_entry;
struct stp_context;

/* One entry, in creation order: a directory comes before what it holds. */
struct stp_procfs_file {
	const char *path;		/* relative: "a/b" */
	const struct stp_probe *read;	/* NULL: no read probe */
	const struct stp_probe *write;	/* NULL: no write probe */
	umode_t mode;			/* permission bits */
	size_t maxsize;			/* bytes a read probe may set */
	bool dir;			/* a directory of nested names */
	/* Runtime state, zero in the generated initializer. */
	struct proc_dir_entry *pde;
};

/* Descriptors: struct stp_procfs_file[]. */
extern const struct stp_provider stp_provider_procfs;

/* $value of the running procfs probe: the text, NUL-terminated. */
struct stp_procfs_value {
	char *buf;
	size_t size;		/* bytes of buf, the NUL included */
};

/* Run @p with @v as its $value (process context). */
void stp_probe_run_procfs(const struct stp_probe *p, int state,
			  struct stp_procfs_value *v);

/* $value as the generated code reads and sets it; "" outside procfs. */
const char *stp_procfs_get(struct stp_context *c);
void stp_procfs_set(struct stp_context *c, const char *s);
void stp_procfs_append(struct stp_context *c, const char *s);

#endif /* STP_PROCFS_H */
