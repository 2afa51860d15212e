// SPDX-License-Identifier: GPL-2.0
/* procfs("PATH").read/.write probes; see procfs.h. */

#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/namei.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "compat.h"
#include "config.h"
#include "context.h"
#include "procfs.h"
#include "session.h"
#include "transport.h"

/* /proc/systemtap/MODULE, while the probes are armed. */
static struct proc_dir_entry *stp_procfs_dir;

/* One open file: its own buffer, so concurrent readers never share one. */
struct stp_procfs_open {
	struct mutex lock;	/* threads sharing the file */
	const struct stp_procfs_file *file;
	size_t len;		/* bytes the last read probe left */
	struct stp_procfs_value v;
	char buf[];
};

const char *stp_procfs_get(struct stp_context *c)
{
	return c->procfs ? c->procfs->buf : "";
}

void stp_procfs_set(struct stp_context *c, const char *s)
{
	if (c->procfs)
		strscpy(c->procfs->buf, s, c->procfs->size);
}

/* $value .= s: text past the buffer (.maxsize) is an error, as in
 * SystemTap, not cut silently; $value keeps what it had. */
void stp_procfs_append(struct stp_context *c, const char *s)
{
	size_t n, room;

	if (!c->procfs)
		return;
	room = c->procfs->size - 1;
	n = strnlen(c->procfs->buf, room);
	if (strlen(s) > room - n) {
		stp_error_fmt(c, "procfs probe %s: $value .= needs %zu bytes, "
			      "more than its .maxsize(%zu)",
			      c->probe->pp, n + strlen(s), room);
		return;
	}
	strscpy(c->procfs->buf + n, s, c->procfs->size - n);
}

static size_t stp_procfs_bufsize(const struct stp_procfs_file *f)
{
	size_t n = f->write ? MAXSTRINGLEN : 1;

	return f->read ? max_t(size_t, n, f->maxsize + 1) : n;
}

static int stp_procfs_open(struct inode *inode, struct file *file)
{
	const struct stp_procfs_file *f = stp_pde_data(inode);
	size_t size = stp_procfs_bufsize(f);
	struct stp_procfs_open *o;

	/* NOWARN: .maxsize(N) is the script's; a huge N just fails. */
	o = kvzalloc(struct_size(o, buf, size),
		     GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!o)
		return -ENOMEM;
	mutex_init(&o->lock);
	o->file = f;
	o->v.buf = o->buf;
	file->private_data = o;
	return 0;
}

static int stp_procfs_release(struct inode *inode, struct file *file)
{
	kvfree(file->private_data);
	return 0;
}

/* The read probe runs at offset 0; the rest of its text follows. */
static ssize_t stp_procfs_read(struct file *file, char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct stp_procfs_open *o = file->private_data;
	ssize_t ret;

	if (!o->file->read)
		return -EINVAL;
	if (mutex_lock_interruptible(&o->lock))
		return -ERESTARTSYS;
	if (*ppos == 0) {
		o->buf[0] = '\0';
		o->v.size = o->file->maxsize + 1;
		stp_probe_run_procfs(o->file->read, STP_SESSION_RUNNING,
				     &o->v);
		o->len = strnlen(o->buf, o->file->maxsize);
	}
	ret = simple_read_from_buffer(ubuf, count, ppos, o->buf, o->len);
	mutex_unlock(&o->lock);
	return ret;
}

static ssize_t stp_procfs_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct stp_procfs_open *o = file->private_data;
	size_t n = min_t(size_t, count, MAXSTRINGLEN - 1);

	if (!o->file->write)
		return -EINVAL;
	if (!n)
		return 0;
	if (mutex_lock_interruptible(&o->lock))
		return -ERESTARTSYS;
	if (copy_from_user(o->buf, ubuf, n)) {
		mutex_unlock(&o->lock);
		return -EFAULT;
	}
	o->buf[n] = '\0';
	o->v.size = n + 1;
	stp_probe_run_procfs(o->file->write, STP_SESSION_RUNNING, &o->v);
	mutex_unlock(&o->lock);
	return n;
}

/*
 * No module reference is taken: disarm's proc_remove() waits for the
 * calls in progress and closes open files (their release runs then), so
 * nothing reaches this module's code or data once it returns.
 */
static const struct proc_ops stp_procfs_ops = {
	.proc_open = stp_procfs_open,
	.proc_release = stp_procfs_release,
	.proc_read = stp_procfs_read,
	.proc_write = stp_procfs_write,
	.proc_lseek = default_llseek,
};

/*
 * /proc/systemtap is shared by every module and never removed (it holds
 * no module's code or data): removing it could pull another module's
 * files away.  Procfs warns on a duplicate name and on a missing parent,
 * so whether it exists is asked by path: the caller (stapio starting the
 * session) has just reached our control file under the same /proc.  Two
 * modules arming for the very first time at once may still race here;
 * the loser's proc_mkdir() warns and fails cleanly.
 */
static int stp_procfs_root(void)
{
	struct path path;
	bool ours;
	int ret;

	ret = kern_path("/proc/systemtap", LOOKUP_DIRECTORY, &path);
	if (ret == -ENOENT)
		return proc_mkdir("systemtap", NULL) ? 0 : -ENOMEM;
	if (ret)
		return ret;
	ours = path.dentry->d_sb->s_magic == PROC_SUPER_MAGIC &&
	       path.dentry->d_parent == path.dentry->d_sb->s_root;
	path_put(&path);
	return ours ? 0 : -EEXIST;
}

static struct proc_dir_entry *stp_procfs_mkdir(void)
{
	char name[MODULE_NAME_LEN + 16];

	if (stp_procfs_root())
		return NULL;
	snprintf(name, sizeof(name), "systemtap/%s", THIS_MODULE->name);
	return proc_mkdir(name, NULL);
}

static int stp_procfs_arm(void *probes, unsigned int count)
{
	struct stp_procfs_file *files = probes;
	unsigned int i;

	stp_procfs_dir = stp_procfs_mkdir();
	if (!stp_procfs_dir)
		return -ENOMEM;
	stp_proc_set_owner(stp_procfs_dir);
	for (i = 0; i < count; i++) {
		struct stp_procfs_file *f = &files[i];

		if (f->dir)
			f->pde = proc_mkdir(f->path, stp_procfs_dir);
		else
			f->pde = proc_create_data(f->path, S_IFREG | f->mode,
						  stp_procfs_dir,
						  &stp_procfs_ops, f);
		if (!f->pde) {
			proc_remove(stp_procfs_dir);
			stp_procfs_dir = NULL;
			return -ENOMEM;
		}
		stp_proc_set_owner(f->pde);
	}
	return 0;
}

static void stp_procfs_disarm(void *probes, unsigned int count)
{
	struct stp_procfs_file *files = probes;
	unsigned int i;

	/* Waits for readers and writers inside the file operations. */
	proc_remove(stp_procfs_dir);
	stp_procfs_dir = NULL;
	for (i = 0; i < count; i++)
		files[i].pde = NULL;
}

const struct stp_provider stp_provider_procfs = {
	.name = "procfs",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_procfs_arm,
	.disarm = stp_procfs_disarm,
};
