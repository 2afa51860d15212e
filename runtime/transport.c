// SPDX-License-Identifier: GPL-2.0
/* procfs transport to stapio; the protocol is described in transport.h. */

#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/poll.h>
#include <linux/mutex.h>
#include <linux/timer.h>
#include <linux/vmalloc.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include "compat.h"
#include "config.h"
#include "ring.h"
#include "session.h"
#include "privilege.h"
#include "transport.h"
#include "bulk_record.h"

#define STP_READ_CHUNK 65536
#define STP_CMD_MAX 64
#define STP_MSG_MAX (2 * MAXSTRINGLEN + 64)

static struct stp_ring stp_data_ring;
static struct stp_ring stp_ctl_ring;
static DECLARE_WAIT_QUEUE_HEAD(stp_data_wq);
static DECLARE_WAIT_QUEUE_HEAD(stp_ctl_wq);
static DEFINE_MUTEX(stp_read_mutex);
static char *stp_read_buf;
static struct proc_dir_entry *stp_proc_dir;
static char stp_proc_name[MODULE_NAME_LEN + 8];
static struct timer_list stp_housekeeping;
static bool stp_housekeeping_stopping;

static bool stp_stopped(void)
{
	return stp_session_get_state() == STP_SESSION_STOPPED;
}

void stp_transport_kick(void)
{
	wake_up_interruptible(&stp_data_wq);
	wake_up_interruptible(&stp_ctl_wq);
}

/* Wakes readers on behalf of probes, which must not call wake_up. */
static void stp_housekeeping_fn(struct timer_list *t)
{
	if (!stp_ring_empty(&stp_data_ring) || stp_stopped())
		wake_up_interruptible(&stp_data_wq);
	if (!stp_ring_empty(&stp_ctl_ring) || stp_stopped())
		wake_up_interruptible(&stp_ctl_wq);
	if (!READ_ONCE(stp_housekeeping_stopping))
		mod_timer(t, jiffies + msecs_to_jiffies(STP_WAKEUP_MS));
}

#ifdef STP_BULKMODE
/* Bulk mode: each chunk says which CPU printed it (bulk_record.h). */
static atomic_t stp_bulk_seq = ATOMIC_INIT(0);
#define STP_DATA_FILE "bulk"
/* -s NUM and staprun -b are per CPU in bulk mode, as staprun(8) says. */
#define STP_DATA_RING_SIZE ((size_t)stp_bufsize() * num_online_cpus())

void stp_transport_write(const char *buf, size_t len)
{
	struct stp_bulk_record rec = {
		.cpu = raw_smp_processor_id(),
		.seq = atomic_inc_return(&stp_bulk_seq),
		.len = len,
	};

	stp_ring_write_record(&stp_data_ring, &rec, sizeof(rec), buf, len);
}
#else
#define STP_DATA_FILE "data"
#define STP_DATA_RING_SIZE ((size_t)stp_bufsize())

void stp_transport_write(const char *buf, size_t len)
{
	stp_ring_write(&stp_data_ring, buf, len);
}
#endif

/* Per-CPU so that messages need neither the stack nor a lock. */
static DEFINE_PER_CPU(char[STP_MSG_MAX], stp_msg_line);

void stp_transport_msg(const char *kind, const char *text, const char *near)
{
	unsigned long flags;
	char *line;
	size_t n, i;

	local_irq_save(flags);
	line = *this_cpu_ptr(&stp_msg_line);
	n = scnprintf(line, STP_MSG_MAX - 1, "%s%s%s%s%s", kind,
		      text ? " " : "", text ? text : "",
		      near ? " near " : "", near ? near : "");
	/* One message per line: a newline in the text would split it. */
	for (i = 0; i < n; i++)
		if (line[i] == '\n')
			line[i] = ' ';
	line[n++] = '\n';
	stp_ring_write(&stp_ctl_ring, line, n);
	local_irq_restore(flags);
}

u64 stp_transport_dropped(void)
{
	return READ_ONCE(stp_data_ring.dropped);
}

u64 stp_transport_written(void)
{
	return READ_ONCE(stp_data_ring.head);
}

static ssize_t stp_ring_to_user(struct stp_ring *r, wait_queue_head_t *wq,
				struct file *file, char __user *ubuf,
				size_t count)
{
	size_t n;
	int ret;

	for (;;) {
		if (!stp_ring_empty(r))
			break;
		if (stp_stopped())
			return 0;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(*wq,
					       !stp_ring_empty(r) ||
					       stp_stopped());
		if (ret)
			return ret;
	}
	if (mutex_lock_interruptible(&stp_read_mutex))
		return -ERESTARTSYS;
	n = stp_ring_read(r, stp_read_buf, min_t(size_t, count,
						 STP_READ_CHUNK));
	if (n && copy_to_user(ubuf, stp_read_buf, n))
		n = -EFAULT;
	mutex_unlock(&stp_read_mutex);
	return n;
}

static __poll_t stp_ring_poll(struct stp_ring *r, wait_queue_head_t *wq,
			      struct file *file, poll_table *wait)
{
	poll_wait(file, wq, wait);
	if (!stp_ring_empty(r) || stp_stopped())
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

static ssize_t stp_data_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	return stp_ring_to_user(&stp_data_ring, &stp_data_wq, file, ubuf,
				count);
}

static __poll_t stp_data_poll(struct file *file, poll_table *wait)
{
	return stp_ring_poll(&stp_data_ring, &stp_data_wq, file, wait);
}

static ssize_t stp_ctl_read(struct file *file, char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	return stp_ring_to_user(&stp_ctl_ring, &stp_ctl_wq, file, ubuf, count);
}

static __poll_t stp_ctl_poll(struct file *file, poll_table *wait)
{
	return stp_ring_poll(&stp_ctl_ring, &stp_ctl_wq, file, wait);
}

static ssize_t stp_ctl_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	char cmd[STP_CMD_MAX];
	size_t n = min_t(size_t, count, sizeof(cmd) - 1);
	int pid, ret;

	if (copy_from_user(cmd, ubuf, n))
		return -EFAULT;
	cmd[n] = '\0';
	strim(cmd);
	if (!strncmp(cmd, "start", 5)) {
		pid = 0;
		if (cmd[5] && kstrtoint(strim(cmd + 5), 10, &pid))
			return -EINVAL;
		ret = stp_session_start(pid);
		if (ret)
			return ret;
	} else if (!strcmp(cmd, "stop")) {
		stp_session_stop();
	} else {
		return -EINVAL;
	}
	return count;
}

/*
 * An open file pins the module.  Unloading it under an open file would
 * free the wait queues a poll() or an epoll set still sits on; the user
 * who owns these files could keep one open on purpose.  staprun's guard
 * retries the unload until the last file is closed.
 */
static int stp_proc_open(struct inode *inode, struct file *file)
{
	return try_module_get(THIS_MODULE) ? 0 : -ENODEV;
}

static int stp_proc_release(struct inode *inode, struct file *file)
{
	module_put(THIS_MODULE);
	return 0;
}

static const struct proc_ops stp_data_ops = {
	.proc_open = stp_proc_open,
	.proc_release = stp_proc_release,
	.proc_read = stp_data_read,
	.proc_poll = stp_data_poll,
	.proc_lseek = noop_llseek,
};

static const struct proc_ops stp_ctl_ops = {
	.proc_open = stp_proc_open,
	.proc_release = stp_proc_release,
	.proc_read = stp_ctl_read,
	.proc_write = stp_ctl_write,
	.proc_poll = stp_ctl_poll,
	.proc_lseek = noop_llseek,
};

void stp_proc_set_owner(struct proc_dir_entry *pde)
{
	kuid_t uid = make_kuid(&init_user_ns, stp_uid);
	kgid_t gid = make_kgid(&init_user_ns, stp_gid);

	if (stp_uid >= 0 && stp_gid >= 0 && uid_valid(uid) && gid_valid(gid))
		proc_set_user(pde, uid, gid);
}

int stp_transport_init(void)
{
	struct proc_dir_entry *data, *ctl;
	int ret;

	ret = stp_ring_init(&stp_data_ring, STP_DATA_RING_SIZE);
	if (ret)
		return ret;
	ret = stp_ring_init(&stp_ctl_ring, STP_CTL_BUFSIZE);
	if (ret)
		goto free_data;
	ret = -ENOMEM;
	stp_read_buf = vmalloc(STP_READ_CHUNK);
	if (!stp_read_buf)
		goto free_ctl;
	/*
	 * A flat name: a shared /proc/systemtap could not be looked up.  The
	 * module's name is read at run time, not from KBUILD_MODNAME, so a
	 * runtime object compiled once serves every module.
	 */
	snprintf(stp_proc_name, sizeof(stp_proc_name), "stap_%s",
		 THIS_MODULE->name);
	stp_proc_dir = proc_mkdir(stp_proc_name, NULL);
	if (!stp_proc_dir)
		goto free_buf;
	data = proc_create(STP_DATA_FILE, 0400, stp_proc_dir, &stp_data_ops);
	ctl = proc_create("control", 0600, stp_proc_dir, &stp_ctl_ops);
	if (!data || !ctl)
		goto remove;
	stp_proc_set_owner(data);
	stp_proc_set_owner(ctl);
	stp_housekeeping_stopping = false;
	timer_setup(&stp_housekeeping, stp_housekeeping_fn, 0);
	mod_timer(&stp_housekeeping,
		  jiffies + msecs_to_jiffies(STP_WAKEUP_MS));
	return 0;

remove:
	proc_remove(stp_proc_dir);
free_buf:
	vfree(stp_read_buf);
free_ctl:
	stp_ring_free(&stp_ctl_ring);
free_data:
	stp_ring_free(&stp_data_ring);
	return ret;
}

void stp_transport_exit(void)
{
	WRITE_ONCE(stp_housekeeping_stopping, true);
	stp_timer_shutdown_sync(&stp_housekeeping);
	stp_transport_kick();
	/* Waits for readers inside our file operations to leave. */
	proc_remove(stp_proc_dir);
	vfree(stp_read_buf);
	stp_ring_free(&stp_ctl_ring);
	stp_ring_free(&stp_data_ring);
}
