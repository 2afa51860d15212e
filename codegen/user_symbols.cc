#include "codegen/user_symbols.h"

#include <cstdio>
#include <set>

#include "symbols/elf_symbols.h"
#include "symbols/user_symbol_table.h"

namespace stap {

namespace {

std::string hex(uint64_t v) {
  char buf[24];
  snprintf(buf, sizeof(buf), "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

const char *cfa_name(UserCfiRow::Cfa c) {
  switch (c) {
  case UserCfiRow::Cfa::sp: return "STP_CFA_SP";
  case UserCfiRow::Cfa::fp: return "STP_CFA_FP";
  case UserCfiRow::Cfa::none: break;
  }
  return "STP_CFA_NONE";
}

// The string arguments of process("...") and library("...") components.
void add_probe_binaries(const ProbePoint &pp, std::vector<std::string> *out) {
  for (const char *name : {"process", "library"})
    if (const Expr *e = pp.arg_of(name); e && e->kind == ExprKind::string)
      out->push_back(static_cast<const StringLit *>(e)->value);
}

}  // namespace

std::vector<UserSymbolTable>
user_symbol_tables(const std::vector<ProbeDecl *> &probes,
                   const std::vector<std::string> &mapped,
                   const UserSymbolRequest &req, Diagnostics &diags) {
  std::vector<std::string> named;
  for (const ProbeDecl *p : probes)
    for (const ProbePoint *pp : p->points) add_probe_binaries(*pp, &named);
  // Pass 2 read those files' DWARF: no error of their own here.
  named.insert(named.end(), mapped.begin(), mapped.end());
  size_t probe_named = named.size();
  named.insert(named.end(), req.files.begin(), req.files.end());
  std::vector<UserSymbolTable> out;
  std::set<std::string> seen;
  // A worklist: --ldd appends each file's DT_NEEDED libraries.
  for (size_t i = 0; i < named.size(); ++i) {
    std::string error;
    auto t = read_user_symbol_table(named[i], &error);
    if (!t) {
      // Probe points report their own files; -d names one to read.
      if (i >= probe_named && i < probe_named + req.files.size())
        diags.error(DiagId::probe_bad_binary, {},
                    "cannot read the symbols of '-d " + named[i] +
                        "': " + error);
      continue;
    }
    if (!seen.insert(t->path).second) continue;
    if (req.ldd)
      for (const std::string &lib : t->needed) {
        std::string found =
            resolve_library_path(lib, t->path, req.library_dirs);
        if (found != lib || lib.find('/') != std::string::npos)
          named.push_back(found);
      }
    out.push_back(std::move(*t));
  }
  return out;
}

std::string emit_user_symbols(const std::vector<UserSymbolTable> &tables,
                              CWriter &out) {
  std::vector<std::string> rows;
  for (size_t i = 0; i < tables.size(); ++i) {
    const UserSymbolTable *t = &tables[i];
    std::string n = std::to_string(i);
    std::string row = "{ .path = " + c_string_literal(t->path) +
                      ", .build_id = " + c_string_literal(t->build_id);
    if (!t->symbols.empty()) {
      auto b = out.block("static const struct stp_usym stp_usyms_" + n + "[] =",
                         ";");
      for (const UserSymbol &s : t->symbols)
        out.line("{ " + hex(s.offset) + ", " + hex(s.size) + ", " +
                 c_string_literal(s.name) + " },");
      row += ", .syms = stp_usyms_" + n + ", .nsyms = ARRAY_SIZE(stp_usyms_" +
             n + ")";
    }
    if (!t->cfi.empty()) {
      auto b =
          out.block("static const struct stp_ucfi stp_ucfi_" + n + "[] =", ";");
      for (const UserCfiRow &r : t->cfi)
        out.line("{ " + hex(r.offset) + ", " + std::to_string(r.cfa_offset) +
                 ", " + std::to_string(r.fp_slot) + ", " + cfa_name(r.cfa) +
                 " },");
      row +=
          ", .cfi = stp_ucfi_" + n + ", .ncfi = ARRAY_SIZE(stp_ucfi_" + n + ")";
    }
    if (!t->lines.empty()) {
      {
        auto b =
            out.block("static const char *const stp_ufiles_" + n + "[] =", ";");
        for (const std::string &f : t->line_files)
          out.line(c_string_literal(f) + ",");
      }
      auto b = out.block(
          "static const struct stp_uline stp_ulines_" + n + "[] =", ";");
      for (const UserLineRow &r : t->lines)
        out.line("{ " + hex(r.offset) + ", " + std::to_string(r.file) + ", " +
                 std::to_string(r.line) + " },");
      row += ", .line_files = stp_ufiles_" + n + ", .lines = stp_ulines_" + n +
             ", .nlines = ARRAY_SIZE(stp_ulines_" + n + ")";
    }
    rows.push_back(row + " },");
  }
  if (rows.empty()) return "";
  {
    auto b = out.block("static struct stp_umodule stp_umodules[] =", ";");
    for (const std::string &r : rows) out.line(r);
  }
  return "{ &stp_provider_usymbols, stp_umodules, ARRAY_SIZE(stp_umodules) },";
}

}  // namespace stap
