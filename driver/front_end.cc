#include "driver/front_end.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <istream>
#include <iterator>

#include "driver/kernel_target.h"
#include "driver/options.h"
#include "driver/tapset_paths.h"
#include "elaborate/guru_check.h"
#include "parser/macros.h"
#include "parser/parse.h"

namespace stap {

namespace {

// The whole file, or an error message in the system's words.
bool read_file(const std::string &path, std::string &text, std::string &error) {
  FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) {
    error = std::strerror(errno);
    return false;
  }
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  bool ok = !std::ferror(f);
  if (!ok) error = std::strerror(errno);  // EISDIR for a directory
  std::fclose(f);
  return ok;
}

}  // namespace

ParseOptions make_parse_options(const Options &opts,
                                const KernelTarget &kernel) {
  ParseOptions p;
  p.env.kernel_v = kernel.version();
  p.env.kernel_vr = kernel.release();
  p.env.arch = kernel.arch();
  p.env.runtime = opts.runtime;
  p.env.systemtap_v = opts.compatible;
  p.env.privilege = level_name(opts.privilege);  // the script may test it
  p.env.guru = opts.guru;
  p.env.config = kernel.config_lookup();
  p.script_args = opts.script_args;
  return p;
}

ElaborateOptions make_elaborate_options(const Options &opts,
                                        const KernelTarget &kernel) {
  ElaborateOptions e;
  TapsetPath path = tapset_search_path(opts);
  e.tapset_dirs = path.dirs;
  e.library_dir = path.trusted_dir();
  e.arch = kernel.arch();
  // The symbol tables' view of the target (elab_state.h builds them), with
  // what the invocation adds: PATH for process("name"), and the BTF cache,
  // which a restricted run does not read (nothing the user could plant).
  e.symbol_paths = kernel.symbol_paths();
  e.symbol_paths.program_path = opts.program_path;
  if (!opts.cache_dir.empty() && opts.privilege == Level::stapdev)
    e.symbol_paths.btf_cache_dir = opts.cache_dir + "/btf";
  e.kernel_release = e.symbol_paths.release;
  e.optimize = !opts.unoptimized;
  e.guru = opts.guru;
  e.parse = make_parse_options(opts, kernel);
  e.global_inits = opts.global_inits;
  e.defines = opts.macro_defines;
  e.bounds_fixed = opts.privilege != Level::stapdev;
  e.target_command = opts.target_command;
  e.target_pid = opts.target_pid.value_or(0);
  return e;
}

FrontEnd::FrontEnd(const Options &opts, const KernelTarget &kernel)
    : opts_(opts),
      diags_(sources_, DiagnosticOptions{.suppress_warnings = opts.suppress_warnings,
                                         .warnings_are_errors = opts.warnings_are_errors}),
      macros_(std::make_unique<MacroTable>()),
      elaborate_(make_elaborate_options(opts, kernel)) {}

FrontEnd::~FrontEnd() = default;

size_t FrontEnd::load_macros() {
  return load_tapset_macros(elaborate_, sources_, diags_, *macros_);
}

ParsedFile *FrontEnd::parse_script(std::istream &in) {
  std::string text, error;
  switch (opts_.source) {
  case ScriptSource::file:
    if (!read_file(opts_.script_path, text, error)) {
      diags_.report(DiagId::opt_io, {},
                    "cannot read script file '" + opts_.script_path +
                        "': " + error);
      return nullptr;
    }
    break;
  case ScriptSource::inline_: text = opts_.script_text; break;
  case ScriptSource::stdin_:
    text.assign(std::istreambuf_iterator<char>(in), {});
    break;
  case ScriptSource::none: return nullptr;
  }
  FileId id = sources_.add(opts_.script_display_name(), std::move(text),
                           SourceOrigin::script);
  return parse_user_file(id);
}

// As in SystemTap 4.8, %{ %} without -g fails pass 1; under --privilege
// below stapdev the privilege pass answers instead.
ParsedFile *FrontEnd::parse_user_file(FileId id) {
  ParsedFile *f =
      parse_file(id, sources_, ast_, diags_, elaborate_.parse, *macros_);
  check_embedded_needs_guru(f, elaborate_.guru, elaborate_.parse.env.privilege,
                            diags_);
  return f;
}

std::vector<ParsedFile *> FrontEnd::parse_extra_scripts() {
  std::vector<ParsedFile *> out;
  for (size_t i = 0; i < opts_.extra_scripts.size(); ++i) {
    FileId id = sources_.add("<input" + std::to_string(i + 1) + ">",
                             opts_.extra_scripts[i], SourceOrigin::script);
    out.push_back(parse_user_file(id));
  }
  return out;
}

Program FrontEnd::elaborate(ParsedFile *script) {
  return stap::elaborate(script, sources_, ast_, diags_, elaborate_, *macros_);
}

}  // namespace stap
