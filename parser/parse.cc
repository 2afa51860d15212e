#include "parser/parse.h"

#include "parser/parser.h"
#include "parser/preprocessor.h"

namespace stap {

ParsedFile *parse_file(FileId file, SourceManager &sm, AstContext &ctx,
                       Diagnostics &diags, const ParseOptions &opts,
                       MacroTable &macros) {
  MacroTable local;
  Preprocessor pp(sm, file, diags, opts, macros, local);
  std::vector<Token> tokens = pp.run();
  Parser parser(std::move(tokens), ctx, diags, file,
                is_tapset_file(sm.origin(file)), opts.env.guru);
  return parser.parse();
}

void load_macro_library(FileId file, SourceManager &sm, Diagnostics &diags,
                        const ParseOptions &opts, MacroTable &macros) {
  // Everything but the @define's is dropped, as a library only provides
  // macros; running the preprocessor records them.
  Preprocessor pp(sm, file, diags, opts, macros, macros);
  while (pp.next().kind != Tok::eof) {
  }
}

}  // namespace stap
