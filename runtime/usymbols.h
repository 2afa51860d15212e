/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space addresses as symbols.  The translator gives the module a
 * table per binary (each one a process probe names, -d names, or --ldd
 * finds): its function symbols and its .eh_frame unwind rows, keyed by
 * file offset.  Armed after the probes, this provider opens each file and
 * checks its build-id (a replaced binary keeps no table: a warning, and
 * hex).
 *
 * An address of the current process is found in its memory map: the VMA
 * holding it names the file (compared by real inode) and the file offset.
 * The map's lock is only tried (mmap_read_trylock), in task context only:
 * a probe may not sleep, and may have fired while the lock is held; when
 * it cannot be had, or in interrupt context, addresses stay hex.
 *   usymname: "main", else "0x401136";
 *   usymdata: "main+0x10/0x40 [/path/exe]", "0x401136 [/path/exe+0x1136]"
 *             in a known file without a symbol there, else "0x401136";
 *   umodname: "/path/exe", else an error.
 * An unprivileged module names only the user's own processes' addresses
 * (the memory map is the process's own information).
 */
#ifndef STP_USYMBOLS_H
#define STP_USYMBOLS_H

#include <linux/path.h>
#include <linux/types.h>

struct stp_context;

/* A function symbol: [offset, offset + size) of its file. */
struct stp_usym {
	unsigned long offset;
	unsigned long size;
	const char *name;
};

/* Where the canonical frame address (CFA) is computed from. */
enum stp_cfa_base {
	STP_CFA_SP,
	STP_CFA_FP,
	STP_CFA_NONE,	/* no rule the unwinder follows: the stack ends */
};

/*
 * An unwind row, valid from @offset up to the next row's: CFA = base +
 * @cfa_offset; the return address is at CFA - 8 (x86-64); the caller's
 * frame pointer at CFA + @fp_slot (0: this frame kept it unchanged).
 */
struct stp_ucfi {
	unsigned int offset;
	int cfa_offset;
	short fp_slot;
	unsigned char cfa;
};

/*
 * A line-table row, valid from @offset up to the next row's: code of line
 * @line of the file line_files[@file]; line 0: no line known there.
 */
struct stp_uline {
	unsigned int offset;
	unsigned int file;
	unsigned int line;
};

struct stp_umodule {
	const char *path;	/* canonical */
	const char *build_id;	/* lowercase hex, "" when the file has none */
	const struct stp_usym *syms;	/* sorted by offset */
	unsigned int nsyms;
	const struct stp_ucfi *cfi;	/* sorted by offset */
	unsigned int ncfi;
	const char *const *line_files;
	const struct stp_uline *lines;	/* sorted by offset */
	unsigned int nlines;
	/* Runtime state, zero in the generated initializer. */
	struct path file;	/* held while armed */
	const struct inode *inode;	/* the file's real inode; NULL: unused */
};

/* How many of the @n entries of @arr (sorted by .offset) start at or
 * before @off: the last of them covers @off, if any does. */
#define stp_ucount_at_or_below(arr, n, off)				\
	({								\
		unsigned int lo_ = 0, hi_ = (n);			\
		while (lo_ < hi_) {					\
			unsigned int mid_ = lo_ + (hi_ - lo_) / 2;	\
			if ((arr)[mid_].offset <= (off))		\
				lo_ = mid_ + 1;				\
			else						\
				hi_ = mid_;				\
		}							\
		lo_;							\
	})

/* Descriptors: struct stp_umodule[]. */
extern const struct stp_provider stp_provider_usymbols;

/* Where an address of the current process lies. */
struct stp_uaddr {
	const struct stp_umodule *mod;	/* NULL: in no known file */
	unsigned long offset;		/* file offset */
	const struct stp_usym *sym;	/* NULL: in no symbol */
};

/*
 * Looks @addr up with the current process's memory map locked (the
 * caller holds mmap_read_trylock, see stp_umap_lock).  false: unknown.
 */
struct mm_struct;
bool stp_uaddr_find_locked(struct mm_struct *mm, unsigned long addr,
			   struct stp_uaddr *where);
/* The current process's memory map, read-locked if it can be; NULL if
 * not (interrupt context, kernel thread, lock taken). */
struct mm_struct *stp_umap_lock(void);
/* Whether the module has any user tables armed. */
bool stp_usymbols_loaded(void);
void stp_umap_unlock(struct mm_struct *mm);

/*
 * Whether user symbols of the current process may be shown: an error
 * ("... is not the user's own") when the module is unprivileged and the
 * process is not the user's.
 */
bool stp_usymbols_allowed(struct stp_context *c);

/* The tapset's functions (see the header comment); @c gets errors. */
void stp_usymbol_name(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr);
void stp_usymbol_data(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr);
void stp_umodule_name(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr);
/*
 * @var of a file the process maps (another than the probed one, or in a
 * return probe): where the file's lowest mapping starts in the current
 * process, plus @offset; @path is one of the module's tables.  0 and an
 * error when the file is not mapped or not known.
 */
unsigned long stp_umodule_address(struct stp_context *c, const char *path,
				  unsigned long offset);
/*
 * From the DWARF line table: usymfile "/src/main.c", usymline "23",
 * usymfileline "/src/main.c:23"; the address in hex when not known.
 */
enum stp_uline_part { STP_ULINE_FILE, STP_ULINE_LINE, STP_ULINE_BOTH };
/* The source line of @addr without a context: for the frames of a trace. */
bool stp_uline_find_nocheck(unsigned long addr, const char **file,
			    unsigned int *line);
void stp_usymbol_line(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr, enum stp_uline_part part);
/* "main+0x10" or hex, for print_ubacktrace_brief. */
void stp_usymbol_brief(char *dst, size_t size, unsigned long addr);
/* usymdata without a context: for the frames of a trace. */
void stp_usymbol_data_nocheck(char *dst, size_t size, unsigned long addr);

#endif /* STP_USYMBOLS_H */
