/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the script knows about the probe that fired and the session it
 * runs in: pp(), ppfunc(), probefunc(), is_return() and module_name()
 * (target() and stp_pid() are in session.h).  Derived from the probe
 * descriptor's canonical probe point: no kernel memory is read.
 */
#ifndef STP_PROBE_INFO_H
#define STP_PROBE_INFO_H

#include <linux/types.h>

struct stp_context;

/* The canonical probe point, e.g. `kernel.function("vfs_read").return`. */
const char *stp_probe_point(struct stp_context *c);
/* pn(): the alias the script named (`syscall.read` for `syscall.*`), else
 * the probe point. */
const char *stp_probe_name(struct stp_context *c);
/*
 * The function named in a probe point ("vfs_read" for the above, also
 * without its "@file:line"), or "" when there is none.
 */
void stp_probe_point_function(char *dst, size_t size, const char *pp);
/* pnlabel(): the quoted name of a `.label("NAME")` part of @pn, else "". */
void stp_probe_point_label(char *dst, size_t size, const char *pn);
/* Whether the probe point has a ".return" part (".return.maxactive(N)"). */
bool stp_probe_is_return(struct stp_context *c);
/*
 * probefunc(): the probe point's function, else the kernel symbol at the
 * probed PC, else "".
 */
void stp_probe_func(struct stp_context *c, char *dst, size_t size);
/* The module's name as loaded (what /proc/modules shows). */
const char *stp_module_name(void);

#endif /* STP_PROBE_INFO_H */
