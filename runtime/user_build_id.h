/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GNU build-id of an open ELF file, read from its PT_NOTE segments
 * (as the translator reads it from the same file), so the runtime can
 * tell whether a probed binary is the one the script was translated for.
 */
#ifndef STP_USER_BUILD_ID_H
#define STP_USER_BUILD_ID_H

#include <linux/types.h>

struct file;

/*
 * Writes the build-id as lowercase hex into @hex (@size bytes, at least
 * 129): "" when the file has none.  0, or -errno when the file cannot be
 * read or is not a 64-bit ELF file.
 */
int stp_file_build_id(struct file *f, char *hex, size_t size);

/*
 * Opens @path, checks that its build-id is @build_id, and holds its path
 * in @held: 0, or -errno with the reason in @why ("'/x' is not the file
 * the script was translated for ..."; -ESTALE for that one).
 */
struct path;
int stp_hold_checked_file(const char *path, const char *build_id,
			  struct path *held, char *why, size_t n);

#endif /* STP_USER_BUILD_ID_H */
