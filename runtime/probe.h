/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probes and the provider interface.  A provider is one probe family
 * (begin, timer, ...) living in a file of its own; generated code lists,
 * per provider it uses, an array of that provider's probe descriptors.
 */
#ifndef STP_PROBE_H
#define STP_PROBE_H

#include <linux/types.h>

struct stp_context;
struct pt_regs;
struct task_struct;

/* One probe handler, as emitted by the code generator. */
struct stp_probe {
	const char *pp;		/* probe point, e.g. "timer.ms(100)" */
	const char *location;	/* "file.stp:3:1", for messages */
	void (*handler)(struct stp_context *c);
	/* -t (STP_TIMING) only: the probe's place in stp_timed_probes[] and
	 * its derivation ("syscall.read from: syscall.*") for the report. */
	unsigned int index;
	const char *derivation;
	/* pn(): the script's alias after wildcard expansion; NULL: pp. */
	const char *pn;
};

/*
 * When a provider's probes may fire.  Session probes run from the session
 * state machine in a fixed order; event probes are armed after the begin
 * probes and disarmed before the end probes.
 */
enum stp_provider_kind {
	STP_PROVIDER_BEGIN,
	STP_PROVIDER_END,
	STP_PROVIDER_ERROR,
	STP_PROVIDER_EVENT,
};

struct stp_provider {
	const char *name;
	enum stp_provider_kind kind;
	/*
	 * Event providers only.  arm() registers @count descriptors (an array
	 * of the provider's own descriptor type) and returns 0 or -errno;
	 * disarm() must guarantee no handler runs once it returns.
	 */
	int (*arm)(void *probes, unsigned int count);
	void (*disarm)(void *probes, unsigned int count);
};

/* One entry of the generated stp_provider_uses[] table. */
struct stp_provider_use {
	const struct stp_provider *provider;
	void *probes;
	unsigned int count;
};

/* Providers of session probes take arrays of const struct stp_probe *. */
extern const struct stp_provider stp_provider_begin;
extern const struct stp_provider stp_provider_end;
extern const struct stp_provider stp_provider_error;
/* "never" probes are type-checked but never registered or run. */
extern const struct stp_provider stp_provider_never;

/*
 * Run one probe handler if the session is in @state: takes the per-CPU
 * context, runs the handler, reports its error, flushes its output.
 * Callable from any context, NMI excepted.
 */
void stp_probe_run(const struct stp_probe *p, int state, struct pt_regs *regs);
/* The same for a return probe, with the registers saved at entry. */
void stp_probe_run_return(const struct stp_probe *p, int state,
			  struct pt_regs *regs, struct pt_regs *entry_regs);
/*
 * The same with c->entry_values = @values: the entry half of a uretprobe
 * probe fills them, its return half reads them.  True when the handler
 * ran to its end without an error.
 */
bool stp_probe_run_values(const struct stp_probe *p, int state,
			  struct pt_regs *regs, void *values);
/* Both: a kretprobe probe's halves, which read the entry registers and
 * the @entry values (the entry half passes its own registers as both). */
bool stp_probe_run_return_values(const struct stp_probe *p, int state,
				 struct pt_regs *regs,
				 struct pt_regs *entry_regs, void *values);
/* The same for a probe without registers that is passed its arguments
 * (tracepoints): stp_arg(c, n) reads args[n - 1]. */
void stp_probe_run_args(const struct stp_probe *p, int state,
			const u64 *args, unsigned int nargs);
/* The same for a probe about @task, which need not be current
 * (process.begin in a new child): context functions report @task. */
void stp_probe_run_task(const struct stp_probe *p, int state,
			struct task_struct *task);

/* The same for an SDT mark: stp_sdt_arg(c, n) reads args[n - 1]'s place. */
struct stp_sdt_arg;
void stp_probe_run_sdt(const struct stp_probe *p, int state,
		       struct pt_regs *regs, const struct stp_sdt_arg *args,
		       unsigned int nargs);

#endif /* STP_PROBE_H */
