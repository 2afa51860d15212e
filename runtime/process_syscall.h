/* SPDX-License-Identifier: GPL-2.0 */
/*
 * process.syscall / process.syscall.return, for every process, an
 * executable (compared by inode) or a process ID: a handler on the
 * raw_syscalls tracepoints sys_enter / sys_exit, which see every system
 * call of every task, filtered here by the task's process and executable,
 * then by the own-process rule.  The probe runs with the task's user
 * registers, where the translator reads $syscall (orig_ax), $arg1..$arg6
 * (the x86-64 system call registers) and $return (ax).
 */
#ifndef STP_PROCESS_SYSCALL_H
#define STP_PROCESS_SYSCALL_H

#include <linux/path.h>
#include <linux/types.h>
#include "probe.h"

struct stp_syscall_probe {
	const struct stp_probe *probe;
	const char *path;	/* canonical executable, NULL: any */
	int pid;		/* process ID (tgid), 0: any */
	bool is_return;
	/* Runtime state, zero in the generated initializer. */
	struct path file;	/* held while armed */
	const struct inode *inode;	/* the file's real inode */
};

/* Descriptors: struct stp_syscall_probe[]. */
extern const struct stp_provider stp_provider_process_syscall;

#endif /* STP_PROCESS_SYSCALL_H */
