#include "driver/queries.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <ostream>
#include <set>
#include <string>

#include "driver/diagnostic_output.h"
#include "driver/front_end.h"
#include "driver/kernel_target.h"
#include "driver/options.h"
#include "elaborate/elaborate.h"
#include "elaborate/probe_listing.h"
#include "elaborate/probe_point_text.h"
#include "elaborate/symbols.h"
#include "elaborate/tapset_library.h"
#include "parser/parse.h"
#include "parser/printer.h"
#include "privilege/privilege.h"
#include "probes/probe_registry.h"

namespace stap {

namespace {

std::string typed(const std::string &name, Type t) {
  return t == Type::unknown ? name : name + ":" + type_name(t);
}

// "name:type (a:type, b:type)", types left out where nothing declares them.
std::string signature(const FunctionDecl &f) {
  std::string s = typed(f.name, f.return_type) + " (";
  for (size_t i = 0; i < f.params.size(); ++i) {
    if (i) s += ", ";
    s += typed(f.params[i]->name, f.params[i]->type);
  }
  return s + ")";
}

// Pass 2 of one generated probe on each of `points`, made optional (the
// origins of the probes it makes name them as written, with the `?`).
Program elaborate_listed(FrontEnd &fe, const std::vector<std::string> &points,
                         const ElaborateOptions &options) {
  std::string text = "probe ";
  for (size_t i = 0; i < points.size(); ++i)
    text += (i ? ", " : "") + points[i] + "?";
  FileId id =
      fe.sources().add("<listing>", text + " { }\n", SourceOrigin::generated);
  Diagnostics scratch(fe.sources());
  ParsedFile *file = parse_file(id, fe.sources(), fe.ast(), scratch,
                                options.parse, fe.macros());
  return elaborate(file, fe.sources(), fe.ast(), scratch, options, fe.macros());
}

// The points of `points` pass 2 resolves.
std::vector<std::string> resolvable_points(FrontEnd &fe,
                                           std::vector<std::string> points) {
  if (points.empty()) return points;
  Program program = elaborate_listed(fe, points, fe.elaborate_options());
  std::set<std::string> made;
  for (const ProbeOrigin &o : program.probe_origins) made.insert(o.written);
  std::erase_if(points,
                [&](const std::string &p) { return !made.count(p + "?"); });
  return points;
}

// -L of a tapset alias, as SystemTap prints it: the variables its body
// sets, with their types, then the target variables of the point it
// expands to. One unoptimized elaboration of all of them together (the
// optimizer would drop what the empty body below never reads).
void add_alias_vars(FrontEnd &fe, const std::vector<std::string> &alias_names,
                    SymbolSource &symbols, std::vector<std::string> &points) {
  std::set<std::string> aliases(alias_names.begin(), alias_names.end());
  // An alias, or one with a suffix (`vfs.read.return.maxactive(5)`).
  auto is_alias = [&](const std::string &p) {
    return aliases.count(p) > 0 ||
           std::any_of(aliases.begin(), aliases.end(),
                       [&](const auto &a) { return p.starts_with(a + "."); });
  };
  std::vector<std::string> listed;
  std::copy_if(points.begin(), points.end(), std::back_inserter(listed),
               is_alias);
  if (listed.empty()) return;
  ElaborateOptions options = fe.elaborate_options();
  options.optimize = false;
  Program program = elaborate_listed(fe, listed, options);
  std::map<std::string, std::string> vars;  // written point -> " a:long ..."
  for (size_t i = 0; i < program.probes.size(); ++i) {
    // The first probe of each alias (written with its `?`) speaks for it.
    std::string written = program.probe_origins[i].written;
    if (!written.ends_with("?")) continue;
    written.pop_back();
    if (vars.count(written)) continue;
    std::string line;
    for (const VarDecl *v : program.probes[i]->locals)
      line += " " + typed(v->name, v->type);
    std::string point = print_probe_point(*program.probes[i]->points[0]);
    std::vector<std::string> target =
        list_probe_points(point, {}, ProbeRegistry::builtin(), symbols,
                          ListingOptions{.with_vars = true}, nullptr);
    if (!target.empty() && target[0].find(" $") != std::string::npos)
      line += target[0].substr(target[0].find(" $"));
    vars[written] = line;
  }
  for (std::string &p : points)
    if (auto v = vars.find(p); v != vars.end()) p += v->second;
}

}  // namespace

int query_list_probes(const Options &opts, FrontEnd &fe, Streams io) {
  fe.load_macros();
  TapsetLibrary library(fe.elaborate_options(), fe.sources(), fe.ast(),
                        fe.diags(), fe.macros());
  SymbolSource symbols(fe.elaborate_options().symbol_paths);
  std::vector<std::string> messages;
  std::vector<std::string> points = list_probe_points(
      opts.list_pattern, library.alias_names(), ProbeRegistry::builtin(),
      symbols,
      ListingOptions{.with_vars = opts.list_with_vars,
                     .resolvable =
                         [&](std::vector<std::string> points) {
                           return resolvable_points(fe, std::move(points));
                         }},
      &messages);
  if (opts.list_with_vars)
    add_alias_vars(fe, library.alias_names(), symbols, points);
  print_diagnostics(fe.diags(), fe.options(), io.err);
  bool failed = fe.diags().has_errors();
  for (const std::string &m : messages) {
    io.err << "stap: " << m << "\n";
    failed |= m.starts_with("error: ");
  }
  for (const std::string &p : points) io.out << p << "\n";
  return failed ? 1 : 0;
}

// Each probe type with its action and the lowest level allowing it; under
// --privilege, whether the chosen level allows it.
int query_probe_types(const Options &opts, Streams io) {
  io.out << dump_probe_types(ProbeRegistry::builtin(), [&](const ProbeType &t) {
    return probe_type_privilege_column(t, opts.privilege);
  });
  return 0;
}

int query_functions(FrontEnd &fe, Streams io) {
  fe.load_macros();
  TapsetLibrary library(fe.elaborate_options(), fe.sources(), fe.ast(),
                        fe.diags(), fe.macros());
  for (const std::string &name : library.function_names())
    library.require_function(name);
  std::set<std::string> lines;
  for (const ParsedFile *file : library.parsed_files())
    for (const FunctionDecl *f : file->functions)
      if (!f->is_private && !f->name.starts_with("_"))
        lines.insert(signature(*f));
  print_diagnostics(fe.diags(), fe.options(), io.err);
  for (const std::string &l : lines) io.out << l << "\n";
  return fe.diags().has_errors() ? 1 : 0;
}

int query_probe_aliases(FrontEnd &fe, Streams io) {
  fe.load_macros();
  TapsetLibrary library(fe.elaborate_options(), fe.sources(), fe.ast(),
                        fe.diags(), fe.macros());
  std::string error;
  if (ProbePoint *every = parse_probe_point_text("**", fe.ast(), &error))
    library.require_aliases(*every);
  std::set<std::string> lines;
  for (const ParsedFile *file : library.parsed_files())
    for (const AliasDecl *a : file->aliases) {
      std::string targets;
      for (const ProbePoint *t : a->targets)
        targets += (targets.empty() ? "" : ", ") + print_probe_point(*t);
      for (const ProbePoint *n : a->names) {
        std::string name = print_probe_point(*n);
        if (!name.starts_with("_"))
          lines.insert(name + (a->epilogue ? " += " : " = ") + targets);
      }
    }
  print_diagnostics(fe.diags(), fe.options(), io.err);
  for (const std::string &l : lines) io.out << l << "\n";
  return fe.diags().has_errors() ? 1 : 0;
}

}  // namespace stap
