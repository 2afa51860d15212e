/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netfilter.hook("H").pf("P")[.priority("N")] probes: a netfilter hook
 * function registered on init_net with nf_register_net_hook.  The probe
 * reads $hooknum, $skb, $in, $out, $okfn and $verdict through stp_arg
 * (c->args, in that order); a -g script sets $verdict with
 * stp_netfilter_set_verdict, which decides the packet's fate.
 */
#ifndef STP_NETFILTER_H
#define STP_NETFILTER_H

#include <linux/netfilter.h>
#include <linux/types.h>
#include "probe.h"

struct stp_context;

/* The probe's arguments, 1-based as $name reads them (stp_arg). */
enum stp_netfilter_arg {
	STP_NF_HOOKNUM = 1,
	STP_NF_SKB,
	STP_NF_IN,
	STP_NF_OUT,
	STP_NF_OKFN,
	STP_NF_VERDICT,
	STP_NF_NARGS = STP_NF_VERDICT,
};

struct stp_netfilter_probe {
	const struct stp_probe *probe;
	u8 pf;			/* NFPROTO_* */
	unsigned int hooknum;	/* NF_INET_* and the like */
	int priority;
	/* Runtime state, zero in the generated initializer: allocated when
	 * armed (the API copy of this struct need not know its layout). */
	struct nf_hook_ops *ops;
};

/* Descriptors: struct stp_netfilter_probe[]. */
extern const struct stp_provider stp_provider_netfilter;

/* $verdict = v in a netfilter probe (guru mode). */
void stp_netfilter_set_verdict(struct stp_context *c, s64 v);

#endif /* STP_NETFILTER_H */
