/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tunable limits of a stap module.  Every one may be overridden at build
 * time with -D NAME=VALUE (stap -D passes them to kbuild), so each default
 * sits behind #ifndef.
 */
#ifndef STP_CONFIG_H
#define STP_CONFIG_H

/* Statements a probe handler may execute before it is aborted. */
#ifndef MAXACTION
#define MAXACTION 1000
#endif
/* begin/end/error probes run in process context and get a larger budget. */
#ifndef MAXACTION_INTERRUPTIBLE
#define MAXACTION_INTERRUPTIBLE (MAXACTION * 10)
#endif
/* Bytes in a string value, terminating NUL included. */
#ifndef MAXSTRINGLEN
#define MAXSTRINGLEN 512
#endif
/* Entries an associative array may hold unless its declaration says. */
#ifndef MAXMAPENTRIES
#define MAXMAPENTRIES 2048
#endif
/* Depth of script function calls. */
#ifndef MAXNESTING
#define MAXNESTING 10
#endif
/* Run-time errors tolerated before the session aborts (0: the first). */
#ifndef MAXERRORS
#define MAXERRORS 0
#endif
/* Probes skipped (reentrancy, lock contention) before the session aborts. */
#ifndef MAXSKIPPED
#define MAXSKIPPED 100
#endif
/* Attempts to take a global's lock before the probe is skipped. */
#ifndef MAXTRYLOCK
#define MAXTRYLOCK 1000
#endif
/*
 * Nanoseconds between two lock attempts: MAXTRYLOCK of them wait about a
 * millisecond, long enough for another CPU's probe to finish even when
 * its (virtual) CPU is briefly descheduled, short enough to bound a
 * deadlock.
 */
#ifndef TRYLOCKDELAY
#define TRYLOCKDELAY 1000
#endif
/*
 * Overload protection: if probe handlers on one CPU spend more than
 * STP_OVERLOAD_THRESHOLD cycles within STP_OVERLOAD_INTERVAL cycles, the
 * session aborts.  -D STP_NO_OVERLOAD turns the check off.
 */
#ifndef STP_OVERLOAD_INTERVAL
#define STP_OVERLOAD_INTERVAL 1000000000LL
#endif
#ifndef STP_OVERLOAD_THRESHOLD
#define STP_OVERLOAD_THRESHOLD 500000000LL
#endif
/* Per-CPU print buffer; a probe's output is flushed when it fills. */
/* Bytes a procfs read probe may set in $value without .maxsize(N). */
#ifndef STP_PROCFS_BUFSIZE
#define STP_PROCFS_BUFSIZE MAXSTRINGLEN
#endif

#ifndef STP_PRINT_BUF_SIZE
#define STP_PRINT_BUF_SIZE 8192
#endif
/* Output ring shared by all CPUs, drained by stapio (bytes, power of 2). */
#ifndef STP_BUFSIZE
#define STP_BUFSIZE (1 << 20)
#endif
/* Control-message ring (errors, warnings, exit requests). */
#ifndef STP_CTL_BUFSIZE
#define STP_CTL_BUFSIZE (1 << 14)
#endif
/* How often the housekeeping timer wakes stapio, in milliseconds. */
#ifndef STP_WAKEUP_MS
#define STP_WAKEUP_MS 10
#endif
/* Shortest period a timer probe may ask for, in nanoseconds. */
#ifndef STP_TIMER_MIN_NS
#define STP_TIMER_MIN_NS 100000ULL
#endif
/* Empty histogram buckets shown around the non-empty range (-1: all). */
#ifndef HIST_ELISION
#define HIST_ELISION 2
#endif
/* Width of the widest histogram bar. */
#ifndef HIST_WIDTH
#define HIST_WIDTH 50
#endif
/* Linear histograms larger than this are refused at module load. */
#ifndef STP_MAX_HIST_BUCKETS
#define STP_MAX_HIST_BUCKETS 1024
#endif

/*
 * Bytes the module's arrays, statistics and local variables may
 * preallocate at load, all CPUs together.  stap refuses a script whose
 * arrays and statistics pass it at pass 2 (per-CPU pools counted for one
 * CPU: the target's count is not known there; locals are sized at pass 3)
 * and the runtime refuses the load (-E2BIG, what crossed it named in the
 * kernel log) before allocating past it.  64 MiB holds ~30 default-sized arrays of
 * string keys and values (2.1 MiB each; long ones take 0.1 MiB), or a
 * @hist_log statistics array (2.2 MiB per CPU) on a dozen CPUs, yet is
 * small enough for any machine to give a module it lets users load.
 * Below stapdev, -D is refused, so the limit cannot be raised.
 */
#ifndef STP_MAX_PREALLOC
#define STP_MAX_PREALLOC (64ULL << 20)
#endif
/*
 * Probes in one module after aliases and wildcards expand, checked at
 * pass 2: each is a handler in the module and a registration at load;
 * 10000 covers every syscall probe twice over (entry and return) and
 * keeps "kernel.function("*")" (~50000 functions) from loading by mistake.
 */
#ifndef STP_MAX_PROBES
#define STP_MAX_PROBES 10000
#endif

/* Fixed by the language, not tunable. */
#define STP_MAX_MAP_KEYS 9
/* Log histogram buckets: 64 negative powers of two, zero, 64 positive. */
#define STP_LOG_BUCKETS 129

#endif /* STP_CONFIG_H */
