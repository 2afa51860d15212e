// SPDX-License-Identifier: GPL-2.0
/*
 * begin, end, error and never: probes the session state machine runs
 * itself (session.c), so these providers only name their kind.
 */

#include "probe.h"

const struct stp_provider stp_provider_begin = {
	.name = "begin",
	.kind = STP_PROVIDER_BEGIN,
};

const struct stp_provider stp_provider_end = {
	.name = "end",
	.kind = STP_PROVIDER_END,
};

const struct stp_provider stp_provider_error = {
	.name = "error",
	.kind = STP_PROVIDER_ERROR,
};

/* An event provider with nothing to arm: its handlers never run. */
const struct stp_provider stp_provider_never = {
	.name = "never",
	.kind = STP_PROVIDER_EVENT,
};
