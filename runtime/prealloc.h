/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bound on what a module preallocates at load (STP_MAX_PREALLOC,
 * config.h): arrays, statistics and the probes' local variables on every
 * CPU.  Every pool is charged here before it is allocated, so an
 * array too big for the bound fails the load cleanly (-E2BIG, the array
 * named in the kernel log) instead of reaching vmalloc and the OOM
 * killer.  Pass 2 checks the same bound with per-CPU pools counted once;
 * only here is the real number of CPUs known.  Module init only.
 */
#ifndef STP_PREALLOC_H
#define STP_PREALLOC_H

#include <linux/types.h>

/* 0, or -E2BIG (logged) when @bytes more would pass the bound; @what
 * names the array (or "local variables").  Charges are never returned: a refused load is over. */
int stp_prealloc_charge(const char *what, u64 bytes);
/* Whether a charge was refused: the load fails with -E2BIG. */
bool stp_prealloc_refused(void);

#endif /* STP_PREALLOC_H */
