/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-to-stapio transport, without debugfs or relayfs:
 *
 *   /proc/stap_MODULE/data     read-only: script output, a byte stream;
 *                              read() blocks until data, EOF once the
 *                              session stopped and everything was read.
 *                              Named "bulk" instead in a module built
 *                              with -DSTP_BULKMODE (stap -b): then the
 *                              stream is records saying which CPU
 *                              printed each chunk (bulk_record.h).
 *   /proc/stap_MODULE/control  read: one message per line
 *                                "error TEXT", "warning TEXT", "exit",
 *                                "done ERRORS";
 *                              write: "start TARGET_PID" or "stop".
 *
 * Both files belong to the loading user (stp_uid/stp_gid).  Probes never
 * wake readers themselves (they may run under scheduler locks); a
 * housekeeping timer does, every STP_WAKEUP_MS.
 */
#ifndef STP_TRANSPORT_H
#define STP_TRANSPORT_H

#include <linux/types.h>

int stp_transport_init(void);
void stp_transport_exit(void);

/* Append a whole chunk of output; counts the bytes dropped if full. */
void stp_transport_write(const char *buf, size_t len);
/*
 * Queue one control message line "KIND TEXT[ near NEAR]"; @kind is
 * "error", "warning", "exit" or "done"; @text and @near may be NULL.
 */
void stp_transport_msg(const char *kind, const char *text, const char *near);
/* Process context: wake readers now (end of start/stop). */
void stp_transport_kick(void);
/* Give a /proc entry to the loading user (stp_uid/stp_gid), if known. */
struct proc_dir_entry;
void stp_proc_set_owner(struct proc_dir_entry *pde);
/* Bytes of output lost because the ring was full. */
u64 stp_transport_dropped(void);
/* Bytes of the output ring: STP_BUFSIZE, or staprun -b's stp_bufsize_mb. */
size_t stp_bufsize(void);
/* Bytes of output accepted so far: stapio's offset in the data file. */
u64 stp_transport_written(void);

#endif /* STP_TRANSPORT_H */
