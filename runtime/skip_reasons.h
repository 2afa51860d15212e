/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Why probe hits were skipped, counted for the exit summary and worded as
 * SystemTap words them ("Skipped due to global 'X' lock timeout: N",
 * "Skipped due to reentrancy: N"), so a skip names its cause.  Counting
 * never blocks: a fixed table of globals claimed with cmpxchg, and one
 * overflow count once it is full.
 */
#ifndef STP_SKIP_REASONS_H
#define STP_SKIP_REASONS_H

/* A probe could not take the lock of global NAME (a string literal). */
void stp_skip_lock_timeout(const char *name);
/* A probe fired while this CPU's context was busy with another. */
void stp_skip_reentrancy(void);
/* A return probe found no record of its entry. */
void stp_skip_missing_entry(void);
/* One WARNING line per reason with a count. */
void stp_skip_reasons_report(void);

#endif /* STP_SKIP_REASONS_H */
