// libFuzzer target for passes 1 and 2: any byte string as a script, parsed
// and elaborated against the real tapset library. A crash, a sanitizer
// report or a hang is a translator bug; diagnostics are the expected outcome
// for garbage.
//
// With STAP_FUZZ_ROUNDTRIP=1 in the environment it also checks the -p1
// printer's contract on every script that parses cleanly:
// print(parse(print(x))) == print(x).
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "driver/front_end.h"
#include "driver/kernel_target.h"
#include "driver/options.h"
#include "parser/printer.h"

namespace {

using namespace stap;

const Options &fuzz_options() {
  static const Options opts = [] {
    Options o;
    o.source = ScriptSource::inline_;
    o.last_pass = 2;
    o.script_args = {"1", "two", "-3"};
    return o;
  }();
  return opts;
}

// A fixed, tree-less target so runs do not depend on the host kernel.
const KernelTarget &fuzz_kernel() {
  static const KernelTarget k =
      KernelTarget::from("6.1.0-26-amd64", "/nonexistent/stap-fuzz", "x86_64");
  return k;
}

std::string parse_and_print(const std::string &text, bool *clean) {
  Options o = fuzz_options();
  o.script_text = text;
  FrontEnd fe(o, fuzz_kernel());
  fe.load_macros();
  std::istringstream no_stdin;
  ParsedFile *f = fe.parse_script(no_stdin);
  *clean = f && !fe.diags().has_errors();
  return *clean ? print_file(*f) : std::string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const bool roundtrip = std::getenv("STAP_FUZZ_ROUNDTRIP") != nullptr;
  Options o = fuzz_options();
  o.script_text.assign(reinterpret_cast<const char *>(data), size);
  FrontEnd fe(o, fuzz_kernel());
  fe.load_macros();
  std::istringstream no_stdin;
  ParsedFile *script = fe.parse_script(no_stdin);
  if (!script || fe.diags().has_errors()) {
    (void)fe.diags().render_all();  // the renderer must cope with anything
    return 0;
  }
  std::string printed = print_file(*script);
  Program program = fe.elaborate(script);
  (void)fe.diags().render_all();
  if (!fe.diags().has_errors()) (void)print_program(program);
  if (roundtrip) {
    bool clean = false;
    std::string again = parse_and_print(printed, &clean);
    if (!clean || again != printed) {
      std::fprintf(stderr, "-p1 round trip broken\n--- first ---\n%s\n"
                           "--- second ---\n%s\n", printed.c_str(), again.c_str());
      std::abort();
    }
  }
  return 0;
}
