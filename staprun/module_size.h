/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The largest module file: stap refuses to produce a bigger one at pass 4
 * and staprun refuses to load one (it reads the whole file into memory
 * before checking it).  Measured on Debian 6.1: 1.15 MB for a one-probe
 * module, 3.76 MB for 1000 timer probes (~2.6 KB each), so the most probes
 * a script may have (STP_MAX_PROBES, 10000) make ~27 MB.
 * Shared by the translator (C++) and staprun (C): plain macros only.
 */
#ifndef STAP_MODULE_SIZE_H
#define STAP_MODULE_SIZE_H

#define STAP_MODULE_MAX_SIZE (64u << 20)

#endif /* STAP_MODULE_SIZE_H */
