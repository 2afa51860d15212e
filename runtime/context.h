/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-CPU probe context.  Probe handlers never put script data on the
 * kernel stack: their locals live in c->locals, an area the generated code
 * sizes with stp_locals_size and casts to its own union of frames.
 */
#ifndef STP_CONTEXT_H
#define STP_CONTEXT_H

#include <linux/atomic.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include "config.h"

struct pt_regs;
struct stp_probe;
struct stp_procfs_value;

struct stp_context {
	atomic_t busy;			/* reentrancy guard */
	const struct stp_probe *probe;
	struct pt_regs *regs;
	struct pt_regs *entry_regs;	/* return probes: registers at entry */
	/* uretprobe probes: the values their entry half saves and their
	 * return half reads (the generated struct stp_entry_N). */
	void *entry_values;
	const u64 *args;		/* tracepoints: their arguments */
	/* The task the probe is about when it is not current (process.begin
	 * of a new child or of a process found at start); NULL: current. */
	struct task_struct *task;
	unsigned int nargs;
	const struct stp_sdt_arg *sdt_args;	/* SDT marks: where $argN are */
	unsigned int sdt_nargs;
	struct stp_procfs_value *procfs;	/* procfs probes: $value */
	const char *last_error;		/* NULL while the handler is healthy */
	const char *last_stmt;		/* "operator '/' at f.stp:1:5" */
	long actions;			/* statements executed so far */
	long max_actions;
	int nesting;			/* script function depth */
	bool skipped;			/* set when a lock could not be taken */
	bool aborted;			/* abort(): no catch, no error report */
	u64 probe_start;		/* overload accounting, in cycles */
	u64 window_start;
	u64 window_used;
	unsigned int print_len;
	char print_buf[STP_PRINT_BUF_SIZE];
	char error_buf[MAXSTRINGLEN];
	char near_buf[256];		/* "keyword at FILE:L:C" of the probe */
	u64 locals[] __aligned(8);
};

/* Generated code defines the size of its locals area in bytes. */
extern const size_t stp_locals_size;

int stp_contexts_alloc(void);

/*
 * The task context functions (pid(), execname() ...) and the own-process
 * rule look at: the running probe's task when it has one, else current.
 */
struct task_struct *stp_subject_task(void);
void stp_contexts_free(void);

/* Record a run-time error; the first one wins.  @msg must be static. */
void stp_error(struct stp_context *c, const char *msg);
/* Same with a message formatted from a runtime-owned format. */
void stp_error_fmt(struct stp_context *c, const char *fmt, ...)
	__printf(2, 3);
/* The script's error(msg): @msg is copied. */
void stp_script_error(struct stp_context *c, const char *msg);

/* Script function calls: 0, or -1 with an error set. */
int stp_nesting_enter(struct stp_context *c);
static inline void stp_nesting_exit(struct stp_context *c)
{
	c->nesting--;
}

/* The script's exit(): the handler carries on; the session stops after. */
void stp_exit(struct stp_context *c);
/*
 * The script's abort(): the session stops as after exit(), and the
 * handler ends now; no try/catch stops it and no error is reported.
 */
void stp_abort(struct stp_context *c);

/*
 * Macros the generated code uses.  Every handler and function ends in an
 * "out:" label that releases what it holds; an error jumps there.
 */
#define STP_TRY(expr)                                                   \
	do {                                                            \
		if (unlikely(expr))                                     \
			goto out;                                       \
	} while (0)

#define STP_ERROR(c, msg)                                               \
	do {                                                            \
		stp_error((c), (msg));                                  \
		goto out;                                               \
	} while (0)

/* After a call that may have failed (function call, map store, ...). */
#define STP_CHECK(c) STP_TRY((c)->last_error)

/* Charge @n statements against MAXACTION. */
#define STP_ACTION(c, n)                                                \
	do {                                                            \
		(c)->actions += (n);                                    \
		if (unlikely((c)->actions > (c)->max_actions))          \
			STP_ERROR((c), "MAXACTION exceeded");           \
	} while (0)

/* Where we are, for "near ..." in error messages. */
#define STP_STMT(c, where) ((c)->last_stmt = (where))

#endif /* STP_CONTEXT_H */
