/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arguments of an SDT mark (<sys/sdt.h>): where each one is at the
 * mark, as its .note.stapsdt entry says ("-4@%edi 8@-16(%rbp) 4@$5"),
 * translated by pass 3 into a table per mark site.  $argN reads one when
 * the probe body asks for it, so an unreadable one is that probe's error.
 */
#ifndef STP_SDT_ARGS_H
#define STP_SDT_ARGS_H

#include <linux/types.h>

struct stp_context;

enum stp_sdt_arg_kind {
	STP_SDT_CONSTANT,	/* @value */
	STP_SDT_REGISTER,	/* the register at @reg */
	STP_SDT_MEMORY,		/* user memory at the register at @reg + @value */
};

/* The registers an argument names; pass 3 writes STP_SDT_ and the
 * 64-bit name, upper-cased (symbols/sdt_notes.h: "rdi", "r8", "ip"). */
enum stp_sdt_reg {
	STP_SDT_RAX, STP_SDT_RBX, STP_SDT_RCX, STP_SDT_RDX, STP_SDT_RSI,
	STP_SDT_RDI, STP_SDT_RBP, STP_SDT_RSP, STP_SDT_R8, STP_SDT_R9,
	STP_SDT_R10, STP_SDT_R11, STP_SDT_R12, STP_SDT_R13, STP_SDT_R14,
	STP_SDT_R15, STP_SDT_IP, STP_SDT_NREGS
};

struct stp_sdt_arg {
	u8 kind;		/* enum stp_sdt_arg_kind */
	u8 size;		/* bytes: 1, 2, 4 or 8 */
	bool is_signed;
	unsigned short reg;	/* enum stp_sdt_reg: STP_SDT_ + the name upper-cased */
	s64 value;
};

/* $argN (from 1) of the mark being probed, sign- or zero-extended. */
s64 stp_sdt_arg(struct stp_context *c, s64 n);

#endif /* STP_SDT_ARGS_H */
