// SPDX-License-Identifier: GPL-2.0
/*
 * Module init/exit and the session state machine (see session.h).
 * Ordering: begin probes, then event probes armed (in table order: the
 * translator puts clocks last); at stop, event probes
 * disarmed, then end probes, or error probes if the session failed.
 */

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include "config.h"
#include "context.h"
#include "kprobes.h"
#include "perf.h"
#include "tracepoints.h"
#include "probe.h"
#include "probe_timing.h"
#include "prealloc.h"
#include "privilege.h"
#include "session.h"
#include "skip_reasons.h"
#include "task_finder.h"
#include "task_info.h"
#include "transport.h"
#include "uprobe_entries.h"

/* Generated code defines the table of providers it uses. */
extern const struct stp_provider_use stp_provider_uses[];
extern const unsigned int stp_provider_use_count;

atomic_t stp_session_state = ATOMIC_INIT(STP_SESSION_STARTING);
atomic_t stp_error_count = ATOMIC_INIT(0);
atomic_t stp_skipped_count = ATOMIC_INIT(0);

static atomic_t stp_exit_flag = ATOMIC_INIT(0);
static DEFINE_MUTEX(stp_session_mutex);
static bool stp_started;
static bool stp_stop_done;
static unsigned int stp_armed_uses;
static pid_t stp_target;
static pid_t stp_stapio;

pid_t stp_target_pid(void)
{
	return READ_ONCE(stp_target);
}

pid_t stp_stapio_pid(void)
{
	return READ_ONCE(stp_stapio);
}

void stp_request_exit(void)
{
	/* As in SystemTap, no event probe starts after exit(): only the end
	 * probes run.  Otherwise a probe that fires in stapio's own reads
	 * feeds itself output while stapio tries to stop. */
	atomic_cmpxchg(&stp_session_state, STP_SESSION_RUNNING,
		       STP_SESSION_STOPPING);
	if (!atomic_xchg(&stp_exit_flag, 1))
		stp_transport_msg("exit", NULL, NULL);
}

bool stp_exit_requested(void)
{
	return atomic_read(&stp_exit_flag) != 0;
}

void stp_session_fail(void)
{
	int s = atomic_read(&stp_session_state);

	while (s == STP_SESSION_STARTING || s == STP_SESSION_RUNNING ||
	       s == STP_SESSION_STOPPING) {
		int old = atomic_cmpxchg(&stp_session_state, s,
					 STP_SESSION_ERRORED);
		if (old == s)
			break;
		s = old;
	}
	stp_request_exit();
}

static void stp_run_session_probes(enum stp_provider_kind kind, int state)
{
	unsigned int i, j;

	for (i = 0; i < stp_provider_use_count; i++) {
		const struct stp_provider_use *u = &stp_provider_uses[i];
		const struct stp_probe *const *probes = u->probes;

		if (u->provider->kind != kind)
			continue;
		for (j = 0; j < u->count; j++)
			stp_probe_run(probes[j], state, NULL);
	}
}

static void stp_disarm(void)
{
	while (stp_armed_uses > 0) {
		const struct stp_provider_use *u =
			&stp_provider_uses[--stp_armed_uses];

		if (u->provider->kind == STP_PROVIDER_EVENT &&
		    u->provider->disarm)
			u->provider->disarm(u->probes, u->count);
	}
}

static void stp_arm(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < stp_provider_use_count; i++) {
		const struct stp_provider_use *u = &stp_provider_uses[i];

		if (u->provider->kind == STP_PROVIDER_EVENT &&
		    u->provider->arm) {
			ret = u->provider->arm(u->probes, u->count);
			if (ret) {
				char why[64];

				snprintf(why, sizeof(why),
					 "cannot register %s probes (%d)",
					 u->provider->name, ret);
				stp_transport_msg("error", why, NULL);
				atomic_inc(&stp_error_count);
				stp_session_fail();
				return;
			}
		}
		stp_armed_uses = i + 1;
	}
}

/*
 * -x PID of a process that is not the user's own would let the script's
 * target() probes and reads aim at it: refused before any probe runs.
 */
static void stp_check_target(pid_t target)
{
	char why[128];

	if (!target || !stp_is_unprivileged() || stp_pid_is_myproc(target))
		return;
	snprintf(why, sizeof(why),
		 "target process %d is not the user's own (its real, effective "
		 "and saved uid and gid must be the user's): refused",
		 (int)target);
	stp_transport_msg("error", why, NULL);
	atomic_inc(&stp_error_count);
	stp_session_fail();
}

int stp_session_start(pid_t target)
{
	int ret = 0;

	mutex_lock(&stp_session_mutex);
	if (stp_started || stp_stop_done) {
		ret = -EBUSY;
		goto out;
	}
	stp_started = true;
	WRITE_ONCE(stp_target, target);
	stp_check_target(target);
	/* "start" comes from stapio itself. */
	WRITE_ONCE(stp_stapio, task_tgid_nr(current));
	stp_run_session_probes(STP_PROVIDER_BEGIN, STP_SESSION_STARTING);
	/* A begin probe that called exit() leaves the event probes unarmed. */
	if (stp_exit_requested())
		atomic_cmpxchg(&stp_session_state, STP_SESSION_STARTING,
			       STP_SESSION_STOPPING);
	else if (atomic_cmpxchg(&stp_session_state, STP_SESSION_STARTING,
				STP_SESSION_RUNNING) == STP_SESSION_STARTING)
		stp_arm();
out:
	mutex_unlock(&stp_session_mutex);
	stp_transport_kick();
	return ret;
}

static void stp_summary(void)
{
	int errors = atomic_read(&stp_error_count);
	int skipped = atomic_read(&stp_skipped_count);
	u64 dropped = stp_transport_dropped();
	char line[96];

	stp_timing_report();
	if (errors || skipped) {
		snprintf(line, sizeof(line),
			 "Number of errors: %d, skipped probes: %d", errors,
			 skipped);
		stp_transport_msg("warning", line, NULL);
		stp_skip_reasons_report();
	}
	if (dropped) {
		snprintf(line, sizeof(line),
			 "%llu bytes of output dropped (buffer full)",
			 (unsigned long long)dropped);
		stp_transport_msg("warning", line, NULL);
	}
	if (atomic_read(&stp_kprobe_missed)) {
		snprintf(line, sizeof(line),
			 "kprobe hits missed (nested or out of instances): %d",
			 atomic_read(&stp_kprobe_missed));
		stp_transport_msg("warning", line, NULL);
	}
	if (atomic_read(&stp_not_own_skipped)) {
		snprintf(line, sizeof(line),
			 "probe hits skipped in processes not the user's own: %d",
			 atomic_read(&stp_not_own_skipped));
		stp_transport_msg("warning", line, NULL);
	}
	if (atomic_read(&stp_kprobe_unarmed)) {
		snprintf(line, sizeof(line),
			 "optional kprobe points not armed: %d",
			 atomic_read(&stp_kprobe_unarmed));
		stp_transport_msg("warning", line, NULL);
	}
	if (atomic_read(&stp_tracepoint_unarmed)) {
		snprintf(line, sizeof(line),
			 "optional tracepoints not armed: %d",
			 atomic_read(&stp_tracepoint_unarmed));
		stp_transport_msg("warning", line, NULL);
	}
	if (atomic_read(&stp_perf_unarmed)) {
		snprintf(line, sizeof(line),
			 "optional perf probes not armed: %d",
			 atomic_read(&stp_perf_unarmed));
		stp_transport_msg("warning", line, NULL);
	}
	if (atomic_read(&stp_perf_untasked)) {
		snprintf(line, sizeof(line),
			 "threads too many to count perf events in "
			 "(STP_PERF_TASKS %d): %d", STP_PERF_TASKS,
			 atomic_read(&stp_perf_untasked));
		stp_transport_msg("warning", line, NULL);
	}
	if (atomic_read(&stp_uentry_full)) {
		snprintf(line, sizeof(line),
			 "return probes skipped, no room for their entry "
			 "values (STP_UENTRY_SLOTS %d): %d", STP_UENTRY_SLOTS,
			 atomic_read(&stp_uentry_full));
		stp_transport_msg("warning", line, NULL);
	}
	if (atomic_read(&stp_task_untracked)) {
		snprintf(line, sizeof(line),
			 "processes too many to follow (process.end lost): %d",
			 atomic_read(&stp_task_untracked));
		stp_transport_msg("warning", line, NULL);
	}
	snprintf(line, sizeof(line), "%d", errors);
	stp_transport_msg("done", line, NULL);
}

/*
 * A pattern over thousands of functions can match many the kernel refuses
 * (its __init ones): the first few are named, the summary counts them all.
 */
#define STP_REFUSALS_NAMED 10

bool stp_arm_refused(const char *why, bool optional, atomic_t *unarmed)
{
	if (optional) {
		if (atomic_inc_return(unarmed) <= STP_REFUSALS_NAMED)
			stp_transport_msg("warning", why, NULL);
		return false;
	}
	stp_transport_msg("error", why, NULL);
	return true;
}

void stp_session_stop(void)
{
	mutex_lock(&stp_session_mutex);
	if (stp_stop_done)
		goto out;
	stp_stop_done = true;
	stp_disarm();
	atomic_cmpxchg(&stp_session_state, STP_SESSION_RUNNING,
		       STP_SESSION_STOPPING);
	if (stp_started) {
		stp_run_session_probes(STP_PROVIDER_END, STP_SESSION_STOPPING);
		stp_run_session_probes(STP_PROVIDER_ERROR,
				       STP_SESSION_ERRORED);
	}
	stp_summary();
	atomic_set(&stp_session_state, STP_SESSION_STOPPED);
out:
	mutex_unlock(&stp_session_mutex);
	stp_transport_kick();
}

static int __init stp_module_init(void)
{
	int ret;

	ret = stp_params_check();
	if (ret)
		return ret;
	ret = stp_contexts_alloc();
	if (ret)
		return ret;	/* -E2BIG when the locals pass the bound */
	ret = stp_timing_alloc();
	if (ret)
		goto free_globals;
	/* A failed init frees what it allocated before the failure too. */
	ret = stp_globals_init();
	if (ret && stp_prealloc_refused())
		ret = -E2BIG;	/* not -ENOMEM: staprun names the bound */
	if (ret)
		goto free_globals;
	ret = stp_transport_init();
	if (ret)
		goto free_globals;
	return 0;

free_globals:
	stp_globals_free();
	stp_timing_free();
	stp_contexts_free();
	return ret;
}

static void __exit stp_module_exit(void)
{
	/* stapio may have died: still disarm, and run end probes if begun. */
	stp_session_stop();
	stp_transport_exit();
	stp_globals_free();
	stp_timing_free();
	stp_contexts_free();
}

module_init(stp_module_init);
module_exit(stp_module_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("stap script module");
