/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The runtime entry points generated code may use, declared without any
 * kernel header.  This file is the allow-list of the emission check
 * (codegen/emission_check): stap-check-c reads the names declared here,
 * parses the generated C with the compiler's own flags, and a call to
 * anything not named here (or defined in the generated file itself) is a
 * violation for unprivileged modules.  Keep it in step with the runtime
 * headers: a runtime entry point missing here shows up as a module that
 * builds but fails the check.
 */
#ifndef STAP_API_H
#define STAP_API_H

typedef long long s64;
typedef unsigned long long u64;
typedef unsigned char u8;
typedef unsigned short u16;
typedef _Bool bool;
typedef unsigned long size_t;
typedef unsigned short umode_t;
typedef struct { int unused; } rwlock_t;
#define true 1
#define false 0
#define NULL ((void *)0)
#define unlikely(x) (x)
#define likely(x) (x)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define DEFINE_RWLOCK(name) rwlock_t name
#define __used
#define __aligned(n)
#define __section(s)

#ifndef MAXSTRINGLEN
#define MAXSTRINGLEN 512
#endif
#ifndef STP_PROCFS_BUFSIZE
#define STP_PROCFS_BUFSIZE MAXSTRINGLEN
#endif
#ifndef MAXNESTING
#define MAXNESTING 10
#endif

struct pt_regs;
struct stp_context {
	const char *last_error;
	const char *last_stmt;
	long actions;
	long max_actions;
	int nesting;
	bool aborted;
	void *entry_values;
	char error_buf[MAXSTRINGLEN];
	char near_buf[256];
	u64 locals[];
};

/* context.h */
void stp_error(struct stp_context *c, const char *msg);
void stp_script_error(struct stp_context *c, const char *msg);
int stp_nesting_enter(struct stp_context *c);
void stp_nesting_exit(struct stp_context *c);
void stp_exit(struct stp_context *c);
void stp_abort(struct stp_context *c);
void stp_charge_action(struct stp_context *c);
#define STP_ACTION(c, n) stp_charge_action(c)
#define STP_STMT(c, where) ((c)->last_stmt = (where))

/* arith.h */
int stp_div(struct stp_context *c, s64 a, s64 b, s64 *out);
int stp_mod(struct stp_context *c, s64 a, s64 b, s64 *out);
s64 stp_shl(s64 a, s64 b);
s64 stp_shr(s64 a, s64 b);
s64 stp_add(s64 a, s64 b);
s64 stp_sub(s64 a, s64 b);
s64 stp_mul(s64 a, s64 b);

/* format.h, print.h */
struct stp_val {
	s64 n;
	const char *s;
};
#define STP_LONG(v) ((struct stp_val){ .n = (v) })
#define STP_STR(v) ((struct stp_val){ .s = (v) })
void stp_printf(struct stp_context *c, const char *fmt,
		const struct stp_val *args, unsigned int nargs);
size_t stp_sprintf(char *dst, size_t size, const char *fmt,
		   const struct stp_val *args, unsigned int nargs);
void stp_sprintf_checked(struct stp_context *c, char *dst, size_t size,
			 const char *fmt, const struct stp_val *args,
			 unsigned int nargs);
void stp_print_str(struct stp_context *c, const char *s);
void stp_print_long(struct stp_context *c, s64 v);
void stp_print_char(struct stp_context *c, char ch);

/* stp_string.h */
void stp_str_copy(char *dst, const char *src);
void stp_str_concat(char *dst, const char *a, const char *b);
void stp_str_append(char *dst, const char *src);
void stp_str_from_long(char *dst, s64 v);
int stp_str_cmp(const char *a, const char *b);

/* lock.h */
struct stp_lock_req {
	rwlock_t *lock;
	bool write;
	const char *name;
};
int stp_lock_acquire(struct stp_context *c, const struct stp_lock_req *reqs,
		     unsigned int n);
void stp_lock_release(const struct stp_lock_req *reqs, unsigned int n);

/* probe.h, timer.h */
struct stp_probe {
	const char *pp;
	const char *location;
	void (*handler)(struct stp_context *c);
	unsigned int index;
	const char *derivation;
	const char *pn;
};
struct stp_provider;
struct stp_provider_use {
	const struct stp_provider *provider;
	void *probes;
	unsigned int count;
};
extern const struct stp_provider stp_provider_begin, stp_provider_end,
	stp_provider_error, stp_provider_never, stp_provider_timer,
	stp_provider_timer_profile;
enum stp_timer_unit {
	STP_TIMER_NS, STP_TIMER_US, STP_TIMER_MS, STP_TIMER_S, STP_TIMER_HZ,
	STP_TIMER_JIFFIES,
};
struct stp_timer_probe {
	const struct stp_probe *probe;
	enum stp_timer_unit unit;
	u64 interval;
	u64 randomize;
};
struct stp_profile_probe {
	const struct stp_probe *probe;
	u64 hz;
};

/* kprobes.h */
extern const struct stp_provider stp_provider_kprobe;
struct stp_kprobe_probe {
	const struct stp_probe *probe;
	const char *symbol;
	const char *module;
	unsigned int offset;
	bool is_return;
	bool optional;
	int maxactive;
};

/* sdt_args.h */
enum stp_sdt_reg {
	STP_SDT_RAX, STP_SDT_RBX, STP_SDT_RCX, STP_SDT_RDX, STP_SDT_RSI,
	STP_SDT_RDI, STP_SDT_RBP, STP_SDT_RSP, STP_SDT_R8, STP_SDT_R9,
	STP_SDT_R10, STP_SDT_R11, STP_SDT_R12, STP_SDT_R13, STP_SDT_R14,
	STP_SDT_R15, STP_SDT_IP, STP_SDT_NREGS
};
enum stp_sdt_arg_kind {
	STP_SDT_CONSTANT,
	STP_SDT_REGISTER,
	STP_SDT_MEMORY,
};
struct stp_sdt_arg {
	u8 kind;
	u8 size;
	bool is_signed;
	unsigned short reg;
	s64 value;
};
s64 stp_sdt_arg(struct stp_context *c, s64 n);

/* uprobes.h */
extern const struct stp_provider stp_provider_uprobe;
struct stp_uprobe_probe {
	const struct stp_probe *probe;
	const char *path;
	const char *build_id;
	unsigned long offset;
	bool is_return;
	bool optional;
	unsigned long ref_ctr_offset;
	const struct stp_sdt_arg *sdt_args;
	unsigned int sdt_nargs;
	const char *process_path;
	int pid;
	const struct stp_probe *entry;
	unsigned int entry_size;
	const long *callers;
	unsigned int ncallers;
};

/* usymbols.h */
extern const struct stp_provider stp_provider_usymbols;
struct stp_usym {
	unsigned long offset;
	unsigned long size;
	const char *name;
};
enum stp_cfa_base {
	STP_CFA_SP,
	STP_CFA_FP,
	STP_CFA_NONE,
};
struct stp_ucfi {
	unsigned int offset;
	int cfa_offset;
	short fp_slot;
	unsigned char cfa;
};
struct stp_uline {
	unsigned int offset;
	unsigned int file;
	unsigned int line;
};
struct stp_umodule {
	const char *path;
	const char *build_id;
	const struct stp_usym *syms;
	unsigned int nsyms;
	const struct stp_ucfi *cfi;
	unsigned int ncfi;
	const char *const *line_files;
	const struct stp_uline *lines;
	unsigned int nlines;
};

/* perf.h */
extern const struct stp_provider stp_provider_perf;
struct stp_perf_probe {
	const struct stp_probe *probe;
	unsigned int type;
	u64 config;
	u64 sample_period;
	bool freq;
	bool target;
	const char *path;
	const char *counter;
	bool optional;
};
s64 stp_perf_read(const char *name);

/* tracepoints.h */
extern const struct stp_provider stp_provider_tracepoint;
struct stp_tracepoint_probe {
	const struct stp_probe *probe;
	const char *name;
        const char *module;
        bool optional;
};

/* task_finder.h */
extern const struct stp_provider stp_provider_task_finder;
enum stp_task_event {
	STP_PROCESS_BEGIN,
	STP_PROCESS_END,
	STP_THREAD_BEGIN,
	STP_THREAD_END,
};
struct stp_task_probe {
	const struct stp_probe *probe;
	const char *path;
	int pid;
	enum stp_task_event event;
};

/* process_syscall.h */
extern const struct stp_provider stp_provider_process_syscall;
struct stp_syscall_probe {
	const struct stp_probe *probe;
	const char *path;
	int pid;
	bool is_return;
};

/* regs.h, kread.h: target variables (probes/, codegen/body_target.cc) */
s64 stp_arg(struct stp_context *c, s64 n, unsigned int bits, bool sign);
s64 stp_entry_arg(struct stp_context *c, s64 n, unsigned int bits, bool sign);
s64 stp_register(struct stp_context *c, const char *name, bool sign);
s64 stp_kernel_read_int(struct stp_context *c, unsigned long addr,
			unsigned int size, bool sign);
long stp_kernel_string(struct stp_context *c, char *dst, unsigned long addr,
		       size_t size);

/* stat.h */
enum stp_hist_kind { STP_HIST_NONE, STP_HIST_LINEAR, STP_HIST_LOG };
struct stp_stat_desc {
	enum stp_hist_kind hist;
	s64 start, stop, interval;
	unsigned int shift;
	bool no_variance;
};
enum stp_stat_op {
	STP_STAT_COUNT, STP_STAT_SUM, STP_STAT_MIN, STP_STAT_MAX, STP_STAT_AVG,
	STP_STAT_VARIANCE,
};
struct stp_stat;
struct stp_pstat {
	const struct stp_stat_desc *desc;
};
int stp_stat_get(struct stp_context *c, const struct stp_stat_desc *d,
		 const struct stp_stat *st, enum stp_stat_op op, s64 *out);
void stp_stat_print_hist(struct stp_context *c, const struct stp_stat_desc *d,
			 const struct stp_stat *st);
void stp_stat_sprint_hist(char *dst, const struct stp_stat_desc *d,
			  const struct stp_stat *st);
int stp_stat_bucket(struct stp_context *c, const struct stp_stat_desc *d,
		    const struct stp_stat *st, s64 i, s64 *out);
int stp_stat_next_bucket(const struct stp_stat_desc *d,
			 const struct stp_stat *st, int prev, int column,
			 int dir);
int stp_pstat_init(struct stp_pstat *ps, const struct stp_stat_desc *d);
void stp_pstat_free(struct stp_pstat *ps);
void stp_pstat_add(struct stp_pstat *ps, s64 v);
struct stp_stat *stp_pstat_aggregate(struct stp_pstat *ps);
void stp_pstat_clear(struct stp_pstat *ps);

/* map.h */
#define STP_MAX_MAP_KEYS 9
enum stp_type { STP_TYPE_LONG = 1, STP_TYPE_STRING, STP_TYPE_STAT };
struct stp_map_desc {
	const char *name;
	u8 nkeys;
	u8 key_types[STP_MAX_MAP_KEYS];
	u8 value_type;
	bool wrap;
	unsigned int max_entries;
	struct stp_stat_desc stat;
};
struct stp_map;
struct stp_map_entry;
struct stp_map *stp_map_new(const struct stp_map_desc *d);
void stp_map_free(struct stp_map *m);
bool stp_map_exists(struct stp_map *m, const struct stp_val *keys);
s64 stp_map_get_long(struct stp_map *m, const struct stp_val *keys);
const char *stp_map_get_str(struct stp_map *m, const struct stp_val *keys);
const struct stp_stat *stp_map_get_stat(struct stp_map *m,
					const struct stp_val *keys);
int stp_map_set_long(struct stp_context *c, struct stp_map *m,
		     const struct stp_val *keys, s64 v);
int stp_map_set_str(struct stp_context *c, struct stp_map *m,
		    const struct stp_val *keys, const char *s);
int stp_map_add_stat(struct stp_context *c, struct stp_map *m,
		     const struct stp_val *keys, s64 v);
void stp_map_delete(struct stp_map *m, const struct stp_val *keys);
void stp_map_clear(struct stp_map *m);
void stp_map_sort(struct stp_map *m, int column, int dir, enum stp_stat_op op);
struct stp_map_entry *stp_map_first(struct stp_map *m);
struct stp_map_entry *stp_map_next(struct stp_map *m, struct stp_map_entry *e);
s64 stp_map_key_long(const struct stp_map *m, const struct stp_map_entry *e,
		     unsigned int i);
const char *stp_map_key_str(const struct stp_map *m,
			    const struct stp_map_entry *e, unsigned int i);
s64 stp_map_entry_long(const struct stp_map *m, const struct stp_map_entry *e);
const char *stp_map_entry_str(const struct stp_map *m,
			      const struct stp_map_entry *e);
#define ENOMEM 12

/* pmap.h */
struct stp_pmap {
	const struct stp_map_desc *desc;
	struct stp_map **cpu;
	struct stp_map *agg;
	struct stp_stat *one;
};
int stp_pmap_init(struct stp_pmap *pm, const struct stp_map_desc *d);
void stp_pmap_free(struct stp_pmap *pm);
int stp_pmap_add(struct stp_context *c, struct stp_pmap *pm,
		 const struct stp_val *keys, s64 v);
const struct stp_stat *stp_pmap_get_stat(struct stp_pmap *pm,
					 const struct stp_val *keys);
bool stp_pmap_exists(struct stp_pmap *pm, const struct stp_val *keys);
struct stp_map *stp_pmap_aggregate(struct stp_context *c,
				   struct stp_pmap *pm);
void stp_pmap_delete(struct stp_pmap *pm, const struct stp_val *keys);
void stp_pmap_clear(struct stp_pmap *pm);

/* regex.h */
struct stp_dfa {
	const u8 *byte_class;
	unsigned int classes;
	const u16 *next;
	const u8 *accept;
};
int stp_dfa_match(const struct stp_dfa *d, const char *s);
/* regex_capture.h, regex_last.h: plain C, shared as they are. */
#include "../regex_capture.h"
#include "../regex_last.h"
struct stp_re_last *stp_regex_last(struct stp_context *c);
void stp_regex_forget(struct stp_re_last *last);
void stp_regex_record(struct stp_re_last *last, void *work,
		      const struct stp_re_prog *p, const char *s, int matched);
int stp_regex_group(const struct stp_re_last *last, long long n, char *out);

/*
 * Tapset helpers that tapset functions marked unprivileged or
 * myproc-unprivileged may call (testsuite/tapsets checks that they call
 * nothing else).  Kernel-memory readers (kread.h, symbols.h, the kernel
 * half of backtrace.h, regs.h but stp_user_pc) are deliberately absent.
 */
typedef int pid_t;
void stp_error_fmt(struct stp_context *c, const char *fmt, ...);
#define STAP_ERROR(...) stp_error_fmt(CONTEXT, __VA_ARGS__)
#define STAP_RETURN(v) (STAP_RETVALUE = (v))
/* session.h */
pid_t stp_target_pid(void);
pid_t stp_stapio_pid(void);
/* task_info.h */
s64 stp_current_pid(void);
s64 stp_current_tid(void);
s64 stp_current_ppid(void);
s64 stp_current_uid(void);
s64 stp_current_euid(void);
s64 stp_current_gid(void);
s64 stp_current_egid(void);
s64 stp_current_cpu(void);
void stp_current_execname(char *dst);
void stp_current_pexecname(char *dst);
bool stp_is_myproc(void);
enum stp_proc_mem {
	STP_MEM_SIZE, STP_MEM_RSS, STP_MEM_DATA, STP_MEM_SHR, STP_MEM_TXT,
};
s64 stp_current_mem_pages(enum stp_proc_mem which);
s64 stp_page_size(void);
enum stp_task_time { STP_TIME_USER, STP_TIME_SYSTEM };
s64 stp_current_cputime(enum stp_task_time which);
enum stp_task_id {
	STP_ID_PID, STP_ID_TID, STP_ID_PPID, STP_ID_PGRP, STP_ID_SID,
	STP_ID_UID, STP_ID_EUID, STP_ID_GID, STP_ID_EGID,
};
s64 stp_current_id(enum stp_task_id which, bool stap_ns);
/* cmdline.h */
void stp_current_args(char *dst, size_t size, s64 n, s64 m,
		      const char *delim);
void stp_current_env_var(char *dst, size_t size, const char *name);
/* probe_info.h */
const char *stp_probe_point(struct stp_context *c);
const char *stp_probe_name(struct stp_context *c);
void stp_probe_point_function(char *dst, size_t size, const char *pp);
void stp_probe_point_label(char *dst, size_t size, const char *pn);
bool stp_probe_is_return(struct stp_context *c);
const char *stp_module_name(void);
/* clock.h */
s64 stp_time_real_ns(void);
s64 stp_time_mono_ns(void);
s64 stp_local_clock_ns(void);
s64 stp_cpu_clock_ns(struct stp_context *c, s64 cpu);
s64 stp_cycles(void);
s64 stp_jiffies(void);
s64 stp_hz(void);
s64 stp_time_zone_west(void);
const char *stp_time_zone_name(void);
/* str_funcs.h, errno_names.h, random.h, logging.h */
s64 stp_str_len(const char *s);
void stp_str_substr(char *dst, const char *s, s64 start, s64 len);
s64 stp_str_find(const char *hay, const char *needle);
s64 stp_str_to_long(struct stp_context *c, const char *s, s64 base);
void stp_str_escape(char *dst, const char *src, bool quote);
void stp_buf_escape(char *dst, const char *src, s64 srclen, s64 outlen,
		    bool quote);
void stp_str_table_name(char *dst, const char *const *table, size_t n,
			s64 num, const char *unknown);
s64 stp_str_table_index(const char *const *table, size_t n, const char *name);
int stp_utf_string(struct stp_context *c, char *dst, unsigned long addr,
		   unsigned int width, bool user);
/* fp.h */
enum stp_fp_op {
	STP_FP_ADD, STP_FP_SUB, STP_FP_MUL, STP_FP_DIV, STP_FP_REM,
	STP_FP_SQRT, STP_FP_EQ, STP_FP_LE, STP_FP_LT,
};
s64 stp_fp_op(struct stp_context *c, enum stp_fp_op op, s64 a, s64 b);
s64 stp_fp_from_long(struct stp_context *c, s64 v);
s64 stp_fp_from_fp32(struct stp_context *c, s64 v);
s64 stp_fp_to_long(struct stp_context *c, s64 v, s64 mode);
void stp_fp_to_string(struct stp_context *c, char *dst, s64 v, s64 digits);
s64 stp_fp_from_string(struct stp_context *c, const char *s);
const char *stp_errno_name(s64 err);
s64 stp_random_int(struct stp_context *c, s64 n);
void stp_log(struct stp_context *c, const char *msg);
void stp_warn(struct stp_context *c, const char *msg);
void stp_system(struct stp_context *c, const char *cmd);
void stp_switch_file(struct stp_context *c);
/* uread.h, usymbols.h, backtrace.h, regs.h: the current process only */
int stp_user_read(struct stp_context *c, unsigned long addr, void *dst,
		  size_t size);
s64 stp_user_read_int(struct stp_context *c, unsigned long addr,
		      unsigned int size, bool sign);
long stp_user_string(struct stp_context *c, char *dst, unsigned long addr,
		     size_t size);
long stp_user_string_nofault(char *dst, unsigned long addr, size_t size);
void stp_usymbol_name(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr);
void stp_usymbol_data(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr);
void stp_umodule_name(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr);
unsigned long stp_umodule_address(struct stp_context *c, const char *path,
				  unsigned long offset);
enum stp_uline_part { STP_ULINE_FILE, STP_ULINE_LINE, STP_ULINE_BOTH };
void stp_usymbol_line(struct stp_context *c, char *dst, size_t size,
		      unsigned long addr, enum stp_uline_part part);
void stp_stack_user_sprint(struct stp_context *c, char *dst, size_t size);
void stp_stack_user_print(struct stp_context *c, bool brief);
void stp_stack_user_print_fileline(struct stp_context *c);
void stp_stack_user_sprint_full(struct stp_context *c, char *dst,
				size_t size);
void stp_stack_user_callers(struct stp_context *c, char *dst, size_t size,
			    s64 depth);
unsigned long stp_stack_user_frame(struct stp_context *c, s64 depth);
void stp_ustack_print_addresses(struct stp_context *c, const char *stk);
void stp_ustack_sprint_addresses(struct stp_context *c, char *dst,
				 size_t size, const char *stk);
bool stp_registers_valid(struct stp_context *c);
bool stp_probe_in_user_mode(struct stp_context *c);
unsigned long stp_user_pc(struct stp_context *c);

/* procfs.h */
struct proc_dir_entry;
struct stp_procfs_file {
	const char *path;
	const struct stp_probe *read;
	const struct stp_probe *write;
	umode_t mode;
	size_t maxsize;
	bool dir;
	struct proc_dir_entry *pde;
};
extern const struct stp_provider stp_provider_procfs;
const char *stp_procfs_get(struct stp_context *c);
void stp_procfs_set(struct stp_context *c, const char *s);
void stp_procfs_append(struct stp_context *c, const char *s);

/* netfilter.h */
struct nf_hook_ops;
struct stp_netfilter_probe {
	const struct stp_probe *probe;
	u8 pf;
	unsigned int hooknum;
	int priority;
	struct nf_hook_ops *ops;
};
extern const struct stp_provider stp_provider_netfilter;
void stp_netfilter_set_verdict(struct stp_context *c, s64 v);

/* privilege.h */
#define STP_PRIVILEGE(level, actions) \
	const char stp_privilege_record[] = \
		"level=" level "\nactions=" actions "\n"

#endif /* STAP_API_H */
