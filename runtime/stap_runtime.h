/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The runtime API, as the code generator sees it.  A generated module is
 * one C file:
 *
 *	#define MAXACTION 2000          (optional -D style overrides)
 *	#include "stap_runtime.h"
 *	... globals, probe handlers, tables ...
 *	#include "stap_runtime.c"
 *
 * built by kbuild with -I pointing at this directory.  The contract is
 * described in README.md next to this file.
 */
#ifndef STAP_RUNTIME_H
#define STAP_RUNTIME_H

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "compat.h"
#include "config.h"
#include "probe.h"
#include "session.h"
#include "context.h"
#include "privilege.h"
#include "format.h"
#include "print.h"
#include "stp_string.h"
#include "arith.h"
#include "lock.h"
#include "stat.h"
#include "map.h"
#include "pmap.h"
#include "timer.h"
#include "perf.h"
#include "procfs.h"
#include "netfilter.h"
#include "kprobes.h"
#include "uprobes.h"
#include "tracepoints.h"
#include "task_finder.h"
#include "process_syscall.h"
#include "regex.h"
#include "embedded.h"
#include "kread.h"
#include "uread.h"
#include "sdt_args.h"
#include "task_info.h"
#include "cmdline.h"
#include "probe_info.h"
#include "symbols.h"
#include "usymbols.h"
#include "regs.h"
#include "backtrace.h"
#include "clock.h"
#include "errno_names.h"
#include "str_funcs.h"
#include "utf_string.h"
#include "fp.h"
#include "random.h"
#include "logging.h"

#endif /* STAP_RUNTIME_H */
