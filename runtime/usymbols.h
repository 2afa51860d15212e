/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space addresses as symbols.  Real names need the process's symbol
 * tables, which a later provider (uprobes with their ELF/DWARF data) will
 * bring; until then:
 *   usymname: the address in hex ("0x401136");
 *   umodname: the executable's file name when the address lies in its
 *             text, else "<unknown>" (finding a library needs the VMA
 *             tree, whose lock a probe may not take);
 *   usymdata: "0x401136 [name]".
 * Reads only the current process, with no lock beyond RCU.
 */
#ifndef STP_USYMBOLS_H
#define STP_USYMBOLS_H

#include <linux/types.h>

void stp_usymbol_name(char *dst, size_t size, unsigned long addr);
void stp_usymbol_data(char *dst, size_t size, unsigned long addr);
void stp_umodule_name(char *dst, size_t size, unsigned long addr);

#endif /* STP_USYMBOLS_H */
