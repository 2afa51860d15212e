// Whole-buffer decompression of the two formats Debian's kernels use: XZ
// (the 6.1 bzImage payload, .ko.xz modules) and ZSTD (the 6.12 bzImage
// payload, .ko.zst). Trailing bytes after the first stream are ignored: a
// bzImage payload ends with the uncompressed size.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace stap {

enum class Compression { none, xz, zstd };

// The format `data` starts with, by magic number.
Compression compression_of(std::string_view data);

// The decompressed bytes, or nullopt with *why set. `limit` bounds the
// output so a hostile file cannot exhaust memory.
std::optional<std::string> decompress(std::string_view data, Compression c,
                                      size_t limit, std::string *why);

// Takes one piece of output; true: it has seen enough, stop.
using TakePiece = std::function<bool(std::string_view piece)>;

// Decompresses `data` (XZ or ZSTD) a piece at a time into one reused
// buffer, handing each piece to `take`: a reader that needs only part of
// a large image neither holds nor decompresses the rest. False with *why
// set on corrupt data or output beyond `limit`.
bool decompress_pieces(std::string_view data, Compression c, size_t limit,
                       std::string *why, const TakePiece &take);

}  // namespace stap
