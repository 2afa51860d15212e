/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bulk mode (stap -b): stapio splits the module's record stream
 * (runtime/bulk_record.h) into one file per CPU, as stap(1) and staprun(8)
 * name them: stpd_cpuN without -o, FILE_N with -o FILE, FILE_cpuN with -o
 * FILE in the background (-D).  Files for the CPUs configured on the
 * machine are created at the start, empty if the CPU printed nothing.
 */
#ifndef STAPRUN_BULK_OUTPUT_H
#define STAPRUN_BULK_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include "../runtime/bulk_record.h"

#define BULK_MAX_CPUS 8192

struct bulk_output {
	const char *base;	/* -o FILE, or NULL */
	bool background;
	/* Opens an output file as the caller (stapio's rules). */
	int (*open_file)(const char *path);
	int fds[BULK_MAX_CPUS];	/* -1: not opened yet */
	/* The record being read: its header may span reads. */
	struct stp_bulk_record rec;
	size_t rec_have;	/* header bytes read so far */
	size_t left;		/* payload bytes still to copy */
};

/* Creates the files of CPUs 0..ncpus-1; false (with a warning) if one
 * cannot be created. */
bool bulk_output_open(struct bulk_output *b, unsigned int ncpus);
/* Writes @n more bytes of the stream; false on a write error or a record
 * naming an impossible CPU. */
bool bulk_output_feed(struct bulk_output *b, const char *p, size_t n);
void bulk_output_close(struct bulk_output *b);

#endif /* STAPRUN_BULK_OUTPUT_H */
