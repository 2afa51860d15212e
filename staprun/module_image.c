// SPDX-License-Identifier: GPL-2.0
/* See module_image.h.  Every offset in the file is bounds-checked. */

#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "module_image.h"
#include "module_size.h"

#define PROG "staprun"

#if defined(__x86_64__)
#define STAP_EM EM_X86_64
#elif defined(__aarch64__)
#define STAP_EM EM_AARCH64
#else
#error "staprun: add this machine's ELF e_machine"
#endif

/* The record is small text; a huge one is not ours. */
#define RECORD_MAX 4096

static bool bad(const char *path, const char *what)
{
	stap_warn(PROG, "'%s' is not a kernel module for this machine: %s",
		  path, what);
	return false;
}

static bool in_file(const struct module_image *m, uint64_t off, uint64_t len)
{
	return off <= m->len && len <= m->len - off;
}

/* Section @want's header, or NULL; *err on a malformed table. */
static const Elf64_Shdr *find_section(const struct module_image *m,
				      const char *want, const char **err)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)m->data;
	const Elf64_Shdr *sh, *names;
	unsigned int i;

	if (eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    !in_file(m, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(*sh)) ||
	    eh->e_shoff % 8 || eh->e_shstrndx >= eh->e_shnum) {
		*err = "bad section header table";
		return NULL;
	}
	sh = (const Elf64_Shdr *)(m->data + eh->e_shoff);
	names = &sh[eh->e_shstrndx];
	if (!in_file(m, names->sh_offset, names->sh_size)) {
		*err = "bad section name table";
		return NULL;
	}
	for (i = 0; i < eh->e_shnum; i++) {
		uint64_t n = sh[i].sh_name;

		if (n >= names->sh_size ||
		    !memchr(m->data + names->sh_offset + n, '\0',
			    names->sh_size - n)) {
			*err = "bad section name";
			return NULL;
		}
		if (strcmp(m->data + names->sh_offset + n, want))
			continue;
		if (sh[i].sh_type == SHT_NOBITS ||
		    !in_file(m, sh[i].sh_offset, sh[i].sh_size)) {
			*err = "section outside the file";
			return NULL;
		}
		return &sh[i];
	}
	return NULL;
}

/* "name=" from .modinfo's NUL-separated key=value strings. */
static bool read_name(struct module_image *m, const char *path)
{
	const char *err = NULL;
	const Elf64_Shdr *s = find_section(m, ".modinfo", &err);
	const char *p, *end;

	if (!s)
		return bad(path, err ? err : "no .modinfo section");
	p = m->data + s->sh_offset;
	end = p + s->sh_size;
	while (p < end) {
		const char *nul = memchr(p, '\0', end - p);
		size_t n;

		if (!nul)
			break;
		if (!strncmp(p, "name=", 5)) {
			n = nul - p - 5;
			if (n >= sizeof(m->name))
				break;
			memcpy(m->name, p + 5, n);
			m->name[n] = '\0';
			if (!stap_valid_module_name(m->name))
				break;
			return true;
		}
		p = nul + 1;
	}
	return bad(path, "no valid module name in .modinfo");
}

static bool read_record(struct module_image *m, const char *path)
{
	const char *err = NULL;
	const Elf64_Shdr *s = find_section(m, ".stap_privilege", &err);
	char *copy;

	if (!s)
		return err ? bad(path, err) : true;
	if (s->sh_size == 0 || s->sh_size > RECORD_MAX)
		return bad(path, "bad .stap_privilege size");
	copy = calloc(1, s->sh_size + 1);
	if (!copy)
		return bad(path, "out of memory");
	memcpy(copy, m->data + s->sh_offset, s->sh_size);
	m->record = copy;
	return true;
}

static bool check_elf(struct module_image *m, const char *path)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)m->data;

	if (m->len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return bad(path, "not an ELF file");
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_type != ET_REL ||
	    eh->e_machine != STAP_EM)
		return bad(path, "not a relocatable ELF object for this machine");
	return read_name(m, path) && read_record(m, path);
}

bool module_image_read(int fd, const char *path, struct module_image *m)
{
	size_t got = 0;
	char extra;

	memset(m, 0, sizeof(*m));
	if (fstat(fd, &m->st) || !S_ISREG(m->st.st_mode)) {
		stap_warn(PROG, "'%s' is not a regular file", path);
		return false;
	}
	if (m->st.st_size <= 0) {
		stap_warn(PROG, "module '%s' is empty", path);
		return false;
	}
	if ((unsigned long long)m->st.st_size > STAP_MODULE_MAX_SIZE) {
		stap_warn(PROG,
			  "module '%s' is %lld bytes, over the limit of %u MiB",
			  path, (long long)m->st.st_size,
			  STAP_MODULE_MAX_SIZE >> 20);
		return false;
	}
	m->data = malloc(m->st.st_size);
	if (!m->data) {
		stap_warn(PROG, "out of memory for module '%s'", path);
		return false;
	}
	while (got < (size_t)m->st.st_size) {
		ssize_t n = read(fd, m->data + got, m->st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	m->len = got;
	/* A file that shrank or grew while read is being rewritten. */
	if (got != (size_t)m->st.st_size || read(fd, &extra, 1) != 0) {
		stap_warn(PROG, "module '%s' changed size while being read",
			  path);
		module_image_free(m);
		return false;
	}
	if (!check_elf(m, path)) {
		module_image_free(m);
		return false;
	}
	return true;
}

void module_image_free(struct module_image *m)
{
	free(m->data);
	free((char *)m->record);
	m->data = NULL;
	m->record = NULL;
}
