/* SPDX-License-Identifier: GPL-2.0 */
/* Error numbers by name, for errno_str() and return_str(). */
#ifndef STP_ERRNO_NAMES_H
#define STP_ERRNO_NAMES_H

#include <linux/types.h>

/* "ENOENT" for 2 (or -2); NULL for a number without a name. */
const char *stp_errno_name(s64 err);

#endif /* STP_ERRNO_NAMES_H */
