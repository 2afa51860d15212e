/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The session state machine:
 *
 *   STARTING --begin ok--> RUNNING --stop/exit()--> STOPPING --end done--> STOPPED
 *       \                    |                  |
 *        `--error-->  ERRORED (error probes run at stop) --> STOPPED
 *
 * stapio's "start" command runs the begin probes and arms event probes;
 * "stop" (sent on SIGINT, on exit() or when -c CMD ends) disarms them and
 * runs the end probes, or the error probes if the session failed.
 */
#ifndef STP_SESSION_H
#define STP_SESSION_H

#include <linux/atomic.h>
#include <linux/types.h>

enum stp_session_state {
	STP_SESSION_STARTING,
	STP_SESSION_RUNNING,
	STP_SESSION_STOPPING,
	STP_SESSION_ERRORED,
	STP_SESSION_STOPPED,
};

extern atomic_t stp_session_state;
extern atomic_t stp_error_count;
extern atomic_t stp_skipped_count;

static inline int stp_session_get_state(void)
{
	return atomic_read(&stp_session_state);
}

/* Control commands, process context. */
int stp_session_start(pid_t target);
void stp_session_stop(void);

/* Any context: ask stapio to stop the session (the script's exit()). */
void stp_request_exit(void);
bool stp_exit_requested(void);

/* Any context: mark the session failed and ask for a stop. */
void stp_session_fail(void);

/* A probe point the kernel refused to arm, @why naming it and the reason:
 * an optional one is a warning counted in @unarmed (reported at exit);
 * any other is an error.  Returns true when the start must stop. */
bool stp_arm_refused(const char *why, bool optional, atomic_t *unarmed);

/* The -c/-x process, 0 if none: the script's target(). */
pid_t stp_target_pid(void);
/* The stapio process that started the session: the script's stp_pid(). */
pid_t stp_stapio_pid(void);

/* Generated code defines these (they may be empty). */
int stp_globals_init(void);
void stp_globals_free(void);

#endif /* STP_SESSION_H */
