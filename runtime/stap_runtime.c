// SPDX-License-Identifier: GPL-2.0
/*
 * The whole runtime, included once at the end of a generated module so
 * that the module is a single translation unit (kernel headers parsed
 * once: the biggest part of a module's build time).  Runtime functions
 * have external linkage, so parts a script does not use draw no
 * unused-function warnings; the kernel does not export them.
 */

#include "ring.c"
#include "transport.c"
#include "params.c"
#include "prealloc.c"
#include "privilege.c"
#include "context.c"
#include "session.c"
#include "format.c"
#include "print.c"
#include "stp_string.c"
#include "lock.c"
#include "stat.c"
#include "probe_timing.c"
#include "map.c"
#include "pmap.c"
#include "probe_session.c"
#include "timer.c"
#include "kprobes.c"
#include "user_build_id.c"
#include "uprobes.c"
#include "tracepoints.c"
#include "task_finder.c"
#include "process_syscall.c"
#include "timer_profile.c"
#include "regex.c"
#include "kread.c"
#include "uread.c"
#include "task_info.c"
#include "probe_info.c"
#include "symbols.c"
#include "usymbols.c"
#include "regs.c"
#include "sdt_args.c"
#include "backtrace.c"
#include "clock.c"
#include "errno_names.c"
#include "str_funcs.c"
#include "random.c"
#include "logging.c"
