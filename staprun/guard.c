// SPDX-License-Identifier: GPL-2.0
/* See guard.h. */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"
#include "guard.h"
#include "module_unload.h"

#define PROG "staprun"

static bool write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n = -1;

	if (fd >= 0) {
		n = write(fd, text, strlen(text));
		close(fd);
	}
	return n == (ssize_t)strlen(text);
}

static void read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");

	buf[0] = '\0';
	if (f) {
		if (!fgets(buf, size, f))
			buf[0] = '\0';
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = '\0';
}

/* Where the cgroup v2 hierarchy's root is mounted, if anywhere. */
static bool cgroup2_mount(char *mnt, size_t size)
{
	char line[4096], root[PATH_MAX], point[PATH_MAX];
	FILE *f = fopen("/proc/self/mountinfo", "re");
	bool found = false;
	char *sep;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		sep = strstr(line, " - ");
		if (!sep || strncmp(sep + 3, "cgroup2 ", 8) ||
		    sscanf(line, "%*d %*d %*s %4095s %4095s", root, point) != 2)
			continue;
		/* "\040" and the like: a path we would have to unescape. */
		if (strcmp(root, "/") || strchr(point, '\\'))
			continue;
		found = snprintf(mnt, size, "%s", point) < (int)size;
	}
	fclose(f);
	return found;
}

/* The cgroup.procs file of this process's cgroup (v2), or "". */
static void own_cgroup_procs(char *out, size_t size)
{
	char mnt[PATH_MAX], line[PATH_MAX];
	int n;

	out[0] = '\0';
	if (!cgroup2_mount(mnt, sizeof(mnt)))
		return;
	read_line("/proc/self/cgroup", line, sizeof(line));
	if (strncmp(line, "0::/", 4) || strstr(line, "/.."))
		return;
	n = snprintf(out, size, "%s%s%scgroup.procs", mnt, line + 3,
		     line[4] ? "/" : "");
	if (n < 0 || (size_t)n >= size)
		out[0] = '\0';
}

void guard_harden(struct guard_saved *saved)
{
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	char mnt[PATH_MAX + 16], pid[24];

	getrlimit(RLIMIT_CPU, &saved->cpu);
	setrlimit(RLIMIT_CPU, &unlimited);
	read_line("/proc/self/oom_score_adj", saved->oom_score_adj,
		  sizeof(saved->oom_score_adj));
	write_file("/proc/self/oom_score_adj", "-1000");
	own_cgroup_procs(saved->cgroup_procs, sizeof(saved->cgroup_procs));
	if (saved->cgroup_procs[0] && cgroup2_mount(mnt, PATH_MAX)) {
		strcat(mnt, "/cgroup.procs");
		snprintf(pid, sizeof(pid), "%d", (int)getpid());
		write_file(mnt, pid);
	}
}

bool guard_restore(const struct guard_saved *saved)
{
	char pid[24];

	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	if (saved->cgroup_procs[0] && !write_file(saved->cgroup_procs, pid)) {
		stap_warn(PROG, "cannot return to your cgroup ('%s'): %s",
			  saved->cgroup_procs, strerror(errno));
		return false;
	}
	if (saved->oom_score_adj[0])
		write_file("/proc/self/oom_score_adj", saved->oom_score_adj);
	if (setrlimit(RLIMIT_CPU, &saved->cpu)) {
		stap_warn(PROG, "cannot restore your CPU time limit: %s",
			  strerror(errno));
		return false;
	}
	return true;
}

/* Root in name only from here: unload, and signal stapio. */
static bool keep_only_unload_caps(void)
{
	struct __user_cap_header_struct head = { _LINUX_CAPABILITY_VERSION_3,
						 0 };
	struct __user_cap_data_struct data[2] = { { 0 } };

	data[0].effective = data[0].permitted =
		1u << CAP_SYS_MODULE | 1u << CAP_KILL;
	prctl(PR_SET_DUMPABLE, 0);
	return syscall(SYS_capset, &head, data) == 0;
}

static int kmsg_fd = -1;

/* -D: nobody reads our stderr; the kernel log keeps the news. */
static void report(const struct guard *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void report(const struct guard *g, const char *fmt, ...)
{
	char msg[512];
	int n = 0;
	va_list ap;

	if (g->daemon)
		n = snprintf(msg, sizeof(msg), "<5>staprun[%d]: ",
			     (int)getpid());
	va_start(ap, fmt);
	/* Room for the newline: without it the record waits for the next. */
	vsnprintf(msg + n, sizeof(msg) - 1 - n, fmt, ap);
	va_end(ap);
	if (!g->daemon) {
		stap_warn(PROG, "%s", msg);
	} else if (kmsg_fd >= 0) {
		strcat(msg, "\n");
		(void)!write(kmsg_fd, msg, strlen(msg)); /* or nowhere */
	}
}

static pid_t guarded_stapio;

/* A stop request sent to the guard by root (timeout(1), kill) is stapio's. */
static void forward_signal(int sig)
{
	kill(guarded_stapio, sig);
}

int guard_run(const struct guard *g)
{
	struct sigaction forward = { .sa_handler = forward_signal,
				     .sa_flags = SA_RESTART };
	sigset_t all;
	int status = 0, sig;

	if (g->daemon)
		kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (!keep_only_unload_caps())
		report(g, "cannot drop capabilities: %s", strerror(errno));
	guarded_stapio = g->stapio;
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGCHLD && sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_IGN);
	sigaction(SIGINT, &forward, NULL);
	sigaction(SIGTERM, &forward, NULL);
	sigaction(SIGHUP, &forward, NULL);
	sigfillset(&all);
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	while (waitpid(g->stapio, &status, 0) < 0 && errno == EINTR)
		;
	/* Unload first: a caller's full pipe could block the message. */
	if (stap_module_loaded(g->module)) {
		if (stap_module_owner(g->module) != (long)g->owner) {
			report(g, "module '%s' was replaced by another user's "
				  "since this session loaded it; left loaded",
			       g->module);
			return 1;
		}
		if (stap_delete_module(PROG, g->module, true))
			return 1;
	}
	if (WIFSIGNALED(status)) {
		if (g->daemon)
			report(g, "daemon stapio (pid %d) of user '%s' was "
				  "killed by signal %d; module '%s' removed",
			       (int)g->stapio, g->user, WTERMSIG(status),
			       g->module);
		else
			report(g, "stapio was killed by signal %d; module "
				  "'%s' removed", WTERMSIG(status), g->module);
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}
