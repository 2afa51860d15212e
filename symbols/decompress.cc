#include "symbols/decompress.h"

#include <lzma.h>
#include <zstd.h>

namespace stap {

namespace {

constexpr std::string_view kXzMagic("\xfd" "7zXZ\0", 6);
constexpr std::string_view kZstdMagic("\x28\xb5\x2f\xfd", 4);
constexpr size_t kChunk = 1 << 20;

bool unxz(std::string_view in, size_t limit, std::string *why,
          const TakePiece &take) {
  lzma_stream s = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&s, UINT64_MAX, 0) != LZMA_OK) {
    *why = "cannot start the XZ decoder";
    return false;
  }
  std::string buf(kChunk, '\0');
  size_t total = 0;
  s.next_in = reinterpret_cast<const uint8_t *>(in.data());
  s.avail_in = in.size();
  lzma_ret r = LZMA_OK;
  while (r == LZMA_OK && total < limit) {
    s.next_out = reinterpret_cast<uint8_t *>(buf.data());
    s.avail_out = kChunk;
    r = lzma_code(&s, LZMA_FINISH);
    size_t n = kChunk - s.avail_out;
    total += n;
    if ((r == LZMA_OK || r == LZMA_STREAM_END) && take({buf.data(), n})) {
      lzma_end(&s);
      return true;
    }
  }
  lzma_end(&s);
  if (r != LZMA_STREAM_END) {
    *why = r == LZMA_OK
               ? "XZ data larger than the limit"
               : "corrupt XZ data (lzma error " + std::to_string(int(r)) + ")";
    return false;
  }
  return true;
}

bool unzstd(std::string_view in, size_t limit, std::string *why,
            const TakePiece &take) {
  ZSTD_DCtx *d = ZSTD_createDCtx();
  if (!d) {
    *why = "cannot start the ZSTD decoder";
    return false;
  }
  // The kernel compresses with --ultra -22: a window beyond the default.
  ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax, 31);
  std::string buf(kChunk, '\0');
  size_t total = 0;
  ZSTD_inBuffer ib{in.data(), in.size(), 0};
  size_t r = 1;
  bool ok = true;
  while (r != 0 && ok) {
    ZSTD_outBuffer ob{buf.data(), kChunk, 0};
    r = ZSTD_decompressStream(d, &ob, &ib);
    if (ZSTD_isError(r)) {
      *why = std::string("corrupt ZSTD data (") + ZSTD_getErrorName(r) + ")";
      ok = false;
    } else if ((total += ob.pos) > limit) {
      *why = "ZSTD data larger than the limit";
      ok = false;
    } else if (take({buf.data(), ob.pos})) {
      break;
    } else if (r != 0 && ib.pos == ib.size && ob.pos < kChunk) {
      *why = "truncated ZSTD data";
      ok = false;
    }
  }
  ZSTD_freeDCtx(d);
  return ok;
}

}  // namespace

Compression compression_of(std::string_view data) {
  if (data.starts_with(kXzMagic)) return Compression::xz;
  if (data.starts_with(kZstdMagic)) return Compression::zstd;
  return Compression::none;
}

bool decompress_pieces(std::string_view data, Compression c, size_t limit,
                       std::string *why, const TakePiece &take) {
  switch (c) {
  case Compression::none: take(data); return true;
  case Compression::xz: return unxz(data, limit, why, take);
  case Compression::zstd: return unzstd(data, limit, why, take);
  }
  return false;
}

std::optional<std::string> decompress(std::string_view data, Compression c,
                                      size_t limit, std::string *why) {
  std::string out;
  auto append = [&](std::string_view piece) {
    out.append(piece);
    return false;
  };
  if (!decompress_pieces(data, c, limit, why, append)) return std::nullopt;
  return out;
}

}  // namespace stap
