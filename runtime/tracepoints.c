// SPDX-License-Identifier: GPL-2.0
/* Tracepoint probes by name; see tracepoints.h. */

#include "tracepoints.h"
#include "session.h"
#include "transport.h"
#include <linux/module.h>
#include <linux/tracepoint.h>

atomic_t stp_tracepoint_unarmed = ATOMIC_INIT(0);

/*
 * Every tracepoint calls its probes as fn(data, args...): one handler
 * serves them all by taking the most arguments the translator allows.
 * Those the tracepoint does not pass are never read by the script (pass 2
 * checked the names against the tracepoint's BTF prototype); on x86-64
 * the sixth and later sit in the caller's stack frame, always there to
 * read, and the handler only copies them (a callee may write its stack
 * arguments, which here could be the caller's; it never assigns them).
 */
static void stp_tracepoint_hit(void *data, u64 a1, u64 a2, u64 a3, u64 a4,
			       u64 a5, u64 a6, u64 a7, u64 a8, u64 a9,
			       u64 a10, u64 a11, u64 a12)
{
	struct stp_tracepoint_probe *t = data;
	const u64 args[STP_TRACEPOINT_ARGS] = { a1, a2, a3, a4, a5, a6,
						a7, a8, a9, a10, a11, a12 };

	stp_probe_run_args(t->probe, STP_SESSION_RUNNING, args,
			   STP_TRACEPOINT_ARGS);
}

struct stp_tracepoint_lookup {
	const char *name;
	struct tracepoint *found;
};

static void stp_tracepoint_match(struct tracepoint *tp, void *priv)
{
	struct stp_tracepoint_lookup *l = priv;

	if (!l->found && !strcmp(tp->name, l->name))
		l->found = tp;
}

int stp_tracepoint_attach(const char *name, void *fn, void *data,
			  struct tracepoint **tp)
{
	struct stp_tracepoint_lookup l = { .name = name };

	int ret;

	for_each_kernel_tracepoint(stp_tracepoint_match, &l);
	ret = l.found ? tracepoint_probe_register(l.found, fn, data) : -ENOENT;
	/* Set only when attached, so a detach never unregisters a stranger. */
	*tp = ret ? NULL : l.found;
	return ret;
}

/*
 * Module tracepoints.  The notifier runs for each module with tracepoints
 * as it comes and goes, and for every loaded one when it is registered
 * (COMING) or unregistered (GOING), always under the kernel's
 * tracepoint_module_list_mutex: the calls never overlap, and after
 * unregistering nothing of ours stays attached to any module.
 */
static struct stp_tracepoint_probe *stp_tp_table;
static unsigned int stp_tp_count;
static bool stp_tp_notifier_registered;

static struct tracepoint *stp_module_tracepoint(struct module *mod,
                                                const char *name) {
  unsigned int i;

  for (i = 0; i < mod->num_tracepoints; i++) {
    struct tracepoint *tp = tracepoint_ptr_deref(mod->tracepoints_ptrs + i);

    if (!strcmp(tp->name, name)) return tp;
  }
  return NULL;
}

static void stp_module_tracepoint_arm(struct stp_tracepoint_probe *t,
                                      struct module *mod) {
  struct tracepoint *tp = stp_module_tracepoint(mod, t->name);
  char why[200];
  int ret = tp ? tracepoint_probe_register(tp, stp_tracepoint_hit, t) : -ENOENT;

  if (!ret) {
    t->tp = tp;
    t->armed = true;
    t->ever_armed = true;
    return;
  }
  snprintf(
      why, sizeof(why),
      "probe point %s: cannot register tracepoint '%s' of module '%s': %s (%d)",
      t->probe->pp, t->name, t->module,
      ret == -ENOENT ? "the module has no such tracepoint"
                     : "registration failed",
      ret);
  stp_transport_msg("warning", why, NULL);
  atomic_inc(&stp_tracepoint_unarmed);
}

static int stp_tracepoint_module_event(struct notifier_block *nb,
                                       unsigned long state, void *data) {
  struct tp_module *tp_mod = data;
  unsigned int i;

  for (i = 0; i < stp_tp_count; i++) {
    struct stp_tracepoint_probe *t = &stp_tp_table[i];

    if (!t->module || strcmp(t->module, tp_mod->mod->name)) continue;
    if (state == MODULE_STATE_COMING && !t->armed) {
      stp_module_tracepoint_arm(t, tp_mod->mod);
    } else if (state == MODULE_STATE_GOING && t->armed) {
      tracepoint_probe_unregister(t->tp, stp_tracepoint_hit, t);
      t->armed = false;
      t->tp = NULL;
    }
  }
  return NOTIFY_OK;
}

static struct notifier_block stp_tracepoint_module_nb = {
    .notifier_call = stp_tracepoint_module_event,
};

/* A probe whose module never loaded during the session never fired:
 * said at the end, not left silent, unless it was optional (a "?", or
 * one of the many module tracepoints a wildcard covers). */
static void stp_report_modules_never_loaded(struct stp_tracepoint_probe *tps,
					    unsigned int count)
{
	char why[200];
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (!tps[i].module || tps[i].ever_armed || tps[i].optional)
			continue;
		snprintf(why, sizeof(why),
			 "probe point %s: module '%s' was never loaded, so "
			 "its tracepoint '%s' was never armed",
			 tps[i].probe->pp, tps[i].module, tps[i].name);
		stp_transport_msg("warning", why, NULL);
	}
}

static void stp_tracepoint_disarm(void *probes, unsigned int count)
{
	struct stp_tracepoint_probe *tps = probes;
        bool any = stp_tp_notifier_registered;
        unsigned int i;

        if (stp_tp_notifier_registered) {
          unregister_tracepoint_module_notifier(&stp_tracepoint_module_nb);
          stp_tp_notifier_registered = false;
          stp_report_modules_never_loaded(tps, count);
        }
        for (i = 0; i < count; i++) {
          if (!tps[i].armed || tps[i].module) continue;
          tracepoint_probe_unregister(tps[i].tp, stp_tracepoint_hit, &tps[i]);
          tps[i].armed = false;
          any = true;
        }
        /* No handler may still be running when the module goes away. */
	if (any)
		tracepoint_synchronize_unregister();
}

static int stp_tracepoint_arm(void *probes, unsigned int count)
{
	struct stp_tracepoint_probe *tps = probes;
        bool modules = false;
        unsigned int i;
        int ret;

	for (i = 0; i < count; i++) {
		struct stp_tracepoint_probe *t = &tps[i];
		char why[160];

                if (t->module) {
                  modules = true;
                  continue;
                }
                ret = stp_tracepoint_attach(t->name, stp_tracepoint_hit, t,
                                            &t->tp);
                if (!ret) {
			t->armed = true;
			continue;
		}
		snprintf(why, sizeof(why),
			 "probe point %s: cannot register tracepoint '%s': %s (%d)",
			 t->probe->pp, t->name,
			 ret == -ENOENT ? "no such tracepoint in the kernel" :
			 ret == -EEXIST ? "already registered" :
			 ret == -ENOMEM ? "out of memory" :
					  "registration failed", ret);
		if (!stp_arm_refused(why, t->optional, &stp_tracepoint_unarmed))
			continue;
		stp_tracepoint_disarm(probes, i);
		return ret;
	}
        if (!modules) return 0;
        /* Arms what loaded modules have now, the rest as they load. */
        stp_tp_table = tps;
        stp_tp_count = count;
        ret = register_tracepoint_module_notifier(&stp_tracepoint_module_nb);
        if (ret) {
          stp_transport_msg("error",
                            "cannot watch modules for their tracepoints", NULL);
          stp_tracepoint_disarm(probes, count);
          return ret;
        }
        stp_tp_notifier_registered = true;
        return 0;
}

const struct stp_provider stp_provider_tracepoint = {
	.name = "tracepoint",
	.kind = STP_PROVIDER_EVENT,
	.arm = stp_tracepoint_arm,
	.disarm = stp_tracepoint_disarm,
};
