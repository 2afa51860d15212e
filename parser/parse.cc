#include "parser/parse.h"

#include "parser/lexer.h"
#include "parser/parser.h"
#include "parser/preprocessor.h"

namespace stap {

namespace {

// SystemTap refuses a script with nothing to run, saying whether the
// preprocessor removed everything or there was nothing to begin with.
void report_empty_script(FileId file, SourceManager &sm, Diagnostics &diags) {
  Diagnostics scratch(sm);  // the real lexing already reported its errors
  bool had_code = Lexer(sm, file, scratch).next().kind != Tok::eof;
  diags.error(DiagId::parse_empty_script, Location{},
              "input file '" + sm.file(file).name + "' is empty" +
                  (had_code ? " after preprocessing" : ""));
}

}  // namespace

ParsedFile *parse_file(FileId file, SourceManager &sm, AstContext &ctx,
                       Diagnostics &diags, const ParseOptions &opts,
                       MacroTable &macros) {
  MacroTable local;
  Preprocessor pp(sm, file, diags, opts, macros, local);
  std::vector<Token> tokens = pp.run();
  // (After an error the preprocessor may have dropped the rest: no news.)
  if (sm.origin(file) == SourceOrigin::script && tokens.size() <= 1 &&
      !diags.has_errors())
    report_empty_script(file, sm, diags);
  Parser parser(std::move(tokens), ctx, diags, file,
                is_tapset_file(sm.origin(file)), opts.env.guru);
  return parser.parse();
}

void load_macro_library(FileId file, SourceManager &sm, Diagnostics &diags,
                        const ParseOptions &opts, MacroTable &macros) {
  // A library only provides macros: running the preprocessor records them,
  // and any code left after it is an error (as in SystemTap 4.8), once.
  Preprocessor pp(sm, file, diags, opts, macros, macros);
  bool reported = false;
  for (Token t = pp.next(); t.kind != Tok::eof; t = pp.next()) {
    if (reported) continue;
    diags.error(DiagId::parse_unexpected, t.loc,
                "unexpected token in library macro file '" +
                    sm.file(file).name + "'");
    reported = true;
  }
}

}  // namespace stap
