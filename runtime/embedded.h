/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Macros for embedded C in tapsets and guru scripts.  The code generator
 * defines CONTEXT, STAP_ARG_<name> and STAP_RETVALUE around each embedded
 * function body, and ends the body at an "out:" label.
 */
#ifndef STP_EMBEDDED_H
#define STP_EMBEDDED_H

/* Fails the function with a run-time error (a runtime-owned format). */
#define STAP_ERROR(...)                                                 \
	do {                                                            \
		stp_error_fmt(CONTEXT, __VA_ARGS__);                    \
		goto out;                                               \
	} while (0)

/* Returns @v from the function. */
#define STAP_RETURN(v)                                                  \
	do {                                                            \
		STAP_RETVALUE = (v);                                    \
		goto out;                                               \
	} while (0)

#endif /* STP_EMBEDDED_H */
