/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The logging tapset's log() and warn(): narrower than the transport's
 * message API, so unprivileged code can send only these two kinds.
 */
#ifndef STP_LOGGING_H
#define STP_LOGGING_H

struct stp_context;

/* @msg and a newline to the output, flushed at once. */
void stp_log(struct stp_context *c, const char *msg);
/* "WARNING: @msg" on stapio's standard error. */
void stp_warn(struct stp_context *c, const char *msg);

#endif /* STP_LOGGING_H */
