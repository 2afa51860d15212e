// SPDX-License-Identifier: GPL-2.0
/* log() and warn(); see logging.h. */

#include "context.h"
#include "logging.h"
#include "print.h"
#include "transport.h"

void stp_log(struct stp_context *c, const char *msg)
{
	stp_print_str(c, msg);
	stp_print_char(c, '\n');
	stp_print_flush(c);
}

void stp_warn(struct stp_context *c, const char *msg)
{
	stp_transport_msg("warning", msg, NULL);
}

void stp_system(struct stp_context *c, const char *cmd)
{
	stp_transport_msg("system", cmd, NULL);
}

void stp_switch_file(struct stp_context *c)
{
	/* The probe's output so far is the old file's: into the ring first. */
	char offset[24];

	stp_print_flush(c);
	snprintf(offset, sizeof(offset), "%llu", stp_transport_written());
	stp_transport_msg("switch_file", offset, NULL);
}
