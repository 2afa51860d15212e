// SPDX-License-Identifier: GPL-2.0
/* The GNU build-id of an ELF file; see user_build_id.h. */

#include <linux/elf.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/path.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "user_build_id.h"

#define STP_MAX_PHDRS 64
#define STP_MAX_NOTES 4096
#define STP_NT_GNU_BUILD_ID 3	/* not in the kernel headers */

static int stp_read_exact(struct file *f, void *buf, size_t n, loff_t pos)
{
	ssize_t got = kernel_read(f, buf, n, &pos);

	if (got < 0)
		return got;
	return got == n ? 0 : -ENOEXEC;
}

/* Looks for NT_GNU_BUILD_ID "GNU" in one note segment. */
static bool stp_note_build_id(const u8 *p, size_t len, char *hex,
			      size_t size)
{
	size_t off = 0;

	while (off + sizeof(Elf64_Nhdr) <= len) {
		const Elf64_Nhdr *nh = (const void *)(p + off);
		size_t name = off + sizeof(*nh);
		size_t desc = name + ALIGN(nh->n_namesz, 4);
		size_t next = desc + ALIGN(nh->n_descsz, 4);

		if (nh->n_namesz > len || nh->n_descsz > len || next > len)
			return false;
		if (nh->n_type == STP_NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
		    !memcmp(p + name, "GNU", 4) &&
		    2 * nh->n_descsz < size) {
			bin2hex(hex, p + desc, nh->n_descsz);
			hex[2 * nh->n_descsz] = '\0';
			return true;
		}
		off = next;
	}
	return false;
}

int stp_file_build_id(struct file *f, char *hex, size_t size)
{
	Elf64_Ehdr eh;
	Elf64_Phdr *ph;
	u8 *notes;
	unsigned int i;
	int ret;

	hex[0] = '\0';
	ret = stp_read_exact(f, &eh, sizeof(eh), 0);
	if (ret)
		return ret;
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum > STP_MAX_PHDRS)
		return -ENOEXEC;
	ph = kmalloc_array(eh.e_phnum, sizeof(*ph), GFP_KERNEL);
	notes = kmalloc(STP_MAX_NOTES, GFP_KERNEL);
	ret = -ENOMEM;
	if (!ph || !notes)
		goto out;
	ret = stp_read_exact(f, ph, eh.e_phnum * sizeof(*ph), eh.e_phoff);
	if (ret)
		goto out;
	for (i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type != PT_NOTE || ph[i].p_filesz > STP_MAX_NOTES)
			continue;
		ret = stp_read_exact(f, notes, ph[i].p_filesz, ph[i].p_offset);
		if (ret)
			goto out;
		if (stp_note_build_id(notes, ph[i].p_filesz, hex, size))
			break;
	}
out:
	kfree(notes);
	kfree(ph);
	return ret;
}

int stp_hold_checked_file(const char *path, const char *build_id,
			  struct path *held, char *why, size_t n)
{
	char id[129];
	struct file *f = filp_open(path, O_RDONLY, 0);
	int ret;

	if (IS_ERR(f)) {
		snprintf(why, n, "cannot open '%s' (%ld)", path, PTR_ERR(f));
		return PTR_ERR(f);
	}
	ret = stp_file_build_id(f, id, sizeof(id));
	if (ret)
		snprintf(why, n, "cannot read the ELF notes of '%s' (%d)",
			 path, ret);
	else if (strcmp(id, build_id)) {
		snprintf(why, n,
			 "'%s' is not the file the script was translated for "
			 "(build-id '%s', expected '%s')",
			 path, id, build_id);
		ret = -ESTALE;
	}
	if (!ret) {
		*held = f->f_path;
		path_get(held);
	}
	fput(f);
	return ret;
}
