// process("PATH").mark("NAME"): a uprobe at each site of the SDT mark
// (.note.stapsdt, symbols/sdt_notes.h), with the mark's semaphore as the
// uprobe's reference counter, and a table per site saying where $arg1...
// are (runtime/sdt_args.h). Pass 2 has checked that the mark exists and
// that its arguments parse (elaborate/mark_target_vars.cc).
#include <cctype>
#include <cstdio>

#include "probes/process_uprobe_row.h"
#include "symbols/sdt_notes.h"

namespace stap {

namespace {

std::string string_of(const Expr *e) {
  return e && e->kind == ExprKind::string
             ? static_cast<const StringLit *>(e)->value
             : "";
}

// "rdi" -> STP_SDT_RDI: the runtime's enum spells the 64-bit names.
std::string register_enum(const std::string &reg) {
  std::string out = "STP_SDT_";
  for (char ch : reg) out += char(toupper(static_cast<unsigned char>(ch)));
  return out;
}

// One initializer of a site's stp_sdt_arg[]. A %rip-relative global is
// read at the probe's address plus its distance from the mark.
std::string arg_row(const SdtArgument &a, uint64_t pc) {
  const char *kind = "STP_SDT_CONSTANT";
  int64_t value = a.offset;
  if (a.kind == SdtArgument::Kind::register_value) kind = "STP_SDT_REGISTER";
  if (a.kind == SdtArgument::Kind::memory) {
    kind = "STP_SDT_MEMORY";
    if (a.reg == "ip") value = a.offset - int64_t(pc);
  }
  std::string reg =
      a.kind == SdtArgument::Kind::constant ? "0" : register_enum(a.reg);
  return "{ .kind = " + std::string(kind) +
         ", .size = " + std::to_string(a.size) +
         ", .is_signed = " + (a.is_signed ? "true" : "false") +
         ", .reg = " + reg + ", .value = " + std::to_string(value) + "LL },";
}

}  // namespace

std::vector<std::string> mark_rows(const FamilyProbe &p,
                                   const UserProbeFile &file,
                                   const std::string &process_path,
                                   CWriter &out, Diagnostics &diags) {
  const ProbePoint &pp = *p.point;
  auto fail = [&](const std::string &why) {
    diags.error(DiagId::internal_error, pp.loc,
                "cannot place the mark probe '" + pp.to_string() + "': " + why);
    return std::vector<std::string>{};
  };
  std::string error, bad;
  auto notes = read_sdt_notes(file.path, &error, &bad);
  if (!notes) return fail(error);
  std::vector<SdtNote> sites = mark_sites(
      *notes, string_of(pp.arg_of("provider")), string_of(pp.arg_of("mark")));
  if (sites.empty()) return fail("no such mark in '" + file.path + "'");
  std::vector<std::string> rows;
  for (size_t i = 0; i < sites.size(); ++i) {
    const SdtNote &site = sites[i];
    UprobeRow row{.probe = &p, .file = &file, .process_path = process_path};
    auto offset = address_file_offset(file.path, site.pc, &error);
    if (!offset) return fail(error);
    row.offset = *offset;
    if (site.semaphore) {
      auto sem = data_file_offset(file.path, site.semaphore, &error);
      if (!sem) return fail("its semaphore: " + error);
      row.ref_ctr_offset = *sem;
    }
    if (!site.arguments.empty()) {
      row.sdt_args = p.probe + "_sdt_args_" + std::to_string(i);
      row.sdt_nargs = site.arguments.size();
      out.comment(site.provider + ":" + site.name + " " + site.args);
      auto t = out.block(
          "static const struct stp_sdt_arg " + row.sdt_args + "[] =", ";");
      for (const SdtArgument &a : site.arguments) out.line(arg_row(a, site.pc));
    }
    rows.push_back(uprobe_row_text(row));
  }
  return rows;
}

}  // namespace stap
