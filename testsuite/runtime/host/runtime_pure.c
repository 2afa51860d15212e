// SPDX-License-Identifier: GPL-2.0
/* The runtime files that need no kernel, compiled for the host test. */
#include "format.c"
#include "stp_string.c"
#include "privilege.c"
