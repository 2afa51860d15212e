// SPDX-License-Identifier: GPL-2.0
/* netfilter.hook(...).pf(...) probes; see netfilter.h. */

#include <linux/netfilter.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include "context.h"
#include "netfilter.h"
#include "session.h"
#include "transport.h"

static unsigned int stp_netfilter_hook(void *priv, struct sk_buff *skb,
				       const struct nf_hook_state *state)
{
	const struct stp_netfilter_probe *n = priv;
	/* Not const: the probe's $verdict is its last slot. */
	u64 args[STP_NF_NARGS] = {
		[STP_NF_HOOKNUM - 1] = state->hook,
		[STP_NF_SKB - 1] = (unsigned long)skb,
		[STP_NF_IN - 1] = (unsigned long)state->in,
		[STP_NF_OUT - 1] = (unsigned long)state->out,
		[STP_NF_OKFN - 1] = (unsigned long)state->okfn,
		[STP_NF_VERDICT - 1] = NF_ACCEPT,
	};

	stp_probe_run_args(n->probe, STP_SESSION_RUNNING, args, STP_NF_NARGS);
	return args[STP_NF_VERDICT - 1] == NF_DROP ? NF_DROP : NF_ACCEPT;
}

/*
 * Only NF_ACCEPT and NF_DROP: the kernel takes any other verdict
 * (NF_STOLEN, NF_REPEAT, NF_QUEUE without a queue ...) as the hook keeping
 * the packet, which a script cannot do, so the packet would leak.
 */
void stp_netfilter_set_verdict(struct stp_context *c, s64 v)
{
	if (!c->args || c->nargs != STP_NF_NARGS) {
		stp_error(c, "$verdict outside a netfilter probe");
		return;
	}
	if (v != NF_ACCEPT && v != NF_DROP) {
		stp_error_fmt(c, "netfilter verdict %lld is not NF_ACCEPT (1) or "
			      "NF_DROP (0)", v);
		return;
	}
	/* c->args points at stp_netfilter_hook's own (non-const) array. */
	((u64 *)c->args)[STP_NF_VERDICT - 1] = v;
}

static void stp_netfilter_disarm(void *probes, unsigned int count)
{
	struct stp_netfilter_probe *hooks = probes;
	unsigned int i;

	/* Unregistering waits for running hook functions (synchronize_net). */
	for (i = 0; i < count; i++) {
		if (!hooks[i].ops)
			continue;
		nf_unregister_net_hook(&init_net, hooks[i].ops);
		kfree(hooks[i].ops);
		hooks[i].ops = NULL;
	}
}

static int stp_netfilter_arm(void *probes, unsigned int count)
{
	struct stp_netfilter_probe *hooks = probes;
	unsigned int i;
	int rc;

	for (i = 0; i < count; i++) {
		struct stp_netfilter_probe *n = &hooks[i];

		struct nf_hook_ops *ops = kzalloc(sizeof(*ops), GFP_KERNEL);

		if (!ops) {
			stp_netfilter_disarm(probes, i);
			return -ENOMEM;
		}
		ops->hook = stp_netfilter_hook;
		ops->priv = n;
		ops->pf = n->pf;
		ops->hooknum = n->hooknum;
		ops->priority = n->priority;
		rc = nf_register_net_hook(&init_net, ops);
		if (rc) {
			kfree(ops);
			stp_transport_msg("error", "cannot register netfilter "
					  "hook", n->probe->pp);
			stp_netfilter_disarm(probes, i);
			return rc;
		}
		n->ops = ops;
	}
	return 0;
}

const struct stp_provider stp_provider_netfilter = {
	.name = "netfilter",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_netfilter_arm,
	.disarm = stp_netfilter_disarm,
};
