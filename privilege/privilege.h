// Pass 2b: the privilege policy. Asks, for every construct of the resolved
// program and for the invocation itself, which action it needs, and
// compares that with what the chosen level (plus extras) grants. Every
// violation is reported, each with the action, the lowest level allowing it
// and the chain (alias, macro, script argument, function calls) it came
// through.
#pragma once

#include <string>
#include <vector>

#include "elaborate/elaborate.h"
#include "probes/probe_registry.h"
#include "parser/diagnostics.h"
#include "privilege/actions.h"
#include "privilege/request.h"

namespace stap {

struct PrivilegeResult {
  bool allowed = true;  // no violation
  Level level = Level::stapdev;
  ActionSet granted;
  // Every action the program and the invocation use, allowed or not; what
  // the module's .stap_privilege section records.
  ActionSet required;
  // Process probes or user-memory reads under a level without
  // probe.process.any: the runtime must fire those probes, and allow those
  // reads, only in the caller's own processes (a timer probe interrupts
  // whatever task is current).
  bool own_processes_only = false;
  // /* myproc-unprivileged */ functions used: each needs the run-time check
  // that its target is the caller's own process.
  std::vector<std::string> myproc_functions;
};

// The whole pass: check_invocation() then check_program().
PrivilegeResult check_privilege(const Program &program,
                                const PrivilegeRequest &req,
                                SourceManager &sm, Diagnostics &diags);

// The program half alone (the driver may run check_invocation() earlier,
// before any tapset is read).
PrivilegeResult check_program(const Program &program,
                              const PrivilegeRequest &req,
                              const SourceManager &sm, Diagnostics &diags);

// True when an embedded-C function's pragmas are honoured: it is library
// code (SourceManager::is_library), its declaration and its %{ %} code
// both. Codegen marks trusted regions for the emission check by the same
// answer.
bool honours_pragmas(const FunctionDecl &f, const SourceManager &sm);

// The action a registry probe type asks for; nullopt when the registry
// names an action the catalogue lacks (a translator bug).
std::optional<Action> probe_type_action(const ProbeType &t);

// The extra column of `stap --dump-probe-types`: "stapusr", "stapsys"...
// (the lowest level allowing the type), followed by "allowed" or "denied"
// for `current`.
std::string probe_type_privilege_column(const ProbeType &t, Level current);

}  // namespace stap
