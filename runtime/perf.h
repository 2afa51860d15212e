/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf.type(N).config(M)[.sample(K)]: one kernel perf counter per online
 * CPU (a CPU brought online later gets its own, and one going offline
 * takes its counters with it), whose overflow every K
 * events (.hz(F): F times a second, the kernel adjusting the period)
 * runs the probe.  With .process, one counter on the -c/-x target
 * task instead, inherited by the children and threads it creates later.
 * With .process("PATH"), one counter on each thread running PATH at the
 * start and on each process that execs it later (perf_process.c),
 * inherited likewise; a .counter("NAME") is not inherited but opened in
 * each new thread, and never samples: @perf("NAME") reads it.
 * Overflows of hardware events arrive in NMI,
 * where stp_probe_run may not run: they are handed to an irq_work and the
 * probe runs right after, without the interrupted registers; overflows
 * while one is still pending on that CPU are coalesced into it.
 */
#ifndef STP_PERF_H
#define STP_PERF_H

#include <linux/irq_work.h>
#include <linux/atomic.h>
#include <linux/path.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include "probe.h"

struct perf_event;

/* One counter of one probe on one CPU. */
struct stp_perf_cpu {
	struct perf_event *event;
	struct irq_work work;		/* runs the probe after an NMI overflow */
	const struct stp_probe *probe;
};

/* Threads of probed executables a .process("PATH") probe counts in at
 * most; later ones are not counted, and reported at exit. */
#ifndef STP_PERF_TASKS
#define STP_PERF_TASKS 256
#endif

struct stp_perf_probe;

/* The counter of a .process("PATH") probe in one task. */
struct stp_perf_task {
	struct stp_perf_cpu counter;
	struct stp_perf_probe *owner;
	struct task_struct *task;	/* held while armed */
	struct work_struct open;	/* creates the counter, which sleeps */
};

struct stp_perf_probe {
	const struct stp_probe *probe;
	unsigned int type;		/* perf_event_attr.type */
	u64 config;			/* perf_event_attr.config */
	u64 sample_period;		/* with freq: samples a second */
	bool freq;			/* .hz(F) */
	bool target;			/* .process: the target task only */
	const char *path;		/* .process("PATH"), canonical; NULL */
	const char *counter;		/* .counter("NAME"), read by @perf */
	bool optional;			/* `?`: a refused arm is reported only */
	/* Runtime state, zero in the generated initializer. */
	struct stp_perf_cpu *cpus;	/* per CPU, or [0] for the target */
	struct stp_perf_task *tasks;	/* .process("PATH"): STP_PERF_TASKS */
	atomic_t tasks_used;
	struct path file;		/* PATH, held while armed */
	const struct inode *inode;	/* PATH's real inode */
};

/* Optional probes the kernel refused, for the summary. */
extern atomic_t stp_perf_unarmed;

/* Threads of probed executables not counted in (STP_PERF_TASKS). */
extern atomic_t stp_perf_untasked;

/* perf.c, for perf_process.c: a counter in @pc on @cpu (-1: any) and
 * @task (NULL: all), inherited by @task's new children; with
 * @remove_on_exec, theirs and its own go when they exec. */
int stp_perf_counter(struct stp_perf_probe *p, struct stp_perf_cpu *pc, int cpu,
		     struct task_struct *task, bool remove_on_exec);
/* perf.c, for perf_process.c: in @why, why @p's counter @where (" on cpu
 * N") was refused with -errno @err. */
void stp_perf_why(char *why, size_t size, const struct stp_perf_probe *p,
		  const char *where, int err);
/* perf_process.c, for perf.c: the .process("PATH") probes: hold PATH
 * (0, or the error with where in @where), follow its processes, stop
 * following, release. */
int stp_perf_path_hold(struct stp_perf_probe *p, char *where, size_t size);
int stp_perf_path_follow(struct stp_perf_probe *ps, unsigned int n);
void stp_perf_path_stop(void);
void stp_perf_path_release(struct stp_perf_probe *p);

/*
 * @perf("NAME"): the count of the .counter("NAME") probe's event in the
 * current thread so far; 0 when the thread has no such counter (it does
 * not run the probe's executable, or its counter is not open yet).
 */
s64 stp_perf_read(const char *name);

/* Descriptors: struct stp_perf_probe[]. */
extern const struct stp_provider stp_provider_perf;

#endif /* STP_PERF_H */
