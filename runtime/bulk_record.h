/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bulk mode (stap -b): the framing shared by the module and stapio, so it
 * is written once.  <linux/types.h> serves both kernel and user space.
 *
 * The module's /proc/stap_MODULE/bulk is a sequence of records, each a
 * struct stp_bulk_record then @len bytes of output printed on CPU @cpu.
 * @seq numbers the records of all CPUs in the order they were printed.
 * stapio writes each record to that CPU's file as a struct
 * stp_bulk_file_record and the same bytes: the per-CPU files stap-merge(1)
 * reads and merges by @seq.  Host byte order throughout.
 */
#ifndef STP_BULK_RECORD_H
#define STP_BULK_RECORD_H

#include <linux/types.h>

struct stp_bulk_record {
	__u32 cpu;
	__u32 seq;
	__u32 len;
};

struct stp_bulk_file_record {
	__u32 seq;
	__u32 len;
};

#endif /* STP_BULK_RECORD_H */
