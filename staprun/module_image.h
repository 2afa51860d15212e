/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A module file read into memory once: every check (ELF structure, the
 * name, the .stap_privilege record, the signature) reads this copy, and
 * init_module(2) inserts this copy, so what was checked is what runs.
 */
#ifndef STAPRUN_MODULE_IMAGE_H
#define STAPRUN_MODULE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include "common.h"

struct module_image {
	char *data;
	size_t len;
	struct stat st;		/* of the descriptor it was read from */
	char name[STAP_MODNAME_MAX];	/* .modinfo "name=", the kernel's */
	const char *record;	/* .stap_privilege, NUL-terminated copy */
};

/*
 * Reads the whole regular file behind @fd (opened by the caller with
 * O_NOFOLLOW), bounded by STAP_MODULE_MAX_SIZE, and checks it is a
 * relocatable ELF object for this machine with a "name=" in .modinfo.
 * The record stays NULL when the module has no .stap_privilege section.
 * false with a message naming @path on failure.
 */
bool module_image_read(int fd, const char *path, struct module_image *m);
void module_image_free(struct module_image *m);

#endif /* STAPRUN_MODULE_IMAGE_H */
