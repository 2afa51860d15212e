/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The logging tapset's log(), warn() and system(): narrower than the
 * transport's message API, so unprivileged code can send only these kinds.
 */
#ifndef STP_LOGGING_H
#define STP_LOGGING_H

struct stp_context;

/* @msg and a newline to the output, flushed at once. */
void stp_log(struct stp_context *c, const char *msg);
/* "WARNING: @msg" on stapio's standard error. */
void stp_warn(struct stp_context *c, const char *msg);
/*
 * Asks stapio to run @cmd with /bin/sh, in the background, as the user
 * stapio runs as (never in the kernel).  Newlines become spaces.
 */
void stp_system(struct stp_context *c, const char *cmd);
/*
 * Asks stapio to start the next numbered output file (-o FILE -S): the
 * output printed so far goes to the current one.
 */
void stp_switch_file(struct stp_context *c);

#endif /* STP_LOGGING_H */
