#include "symbols/decompress.h"

#include <lzma.h>
#include <zstd.h>

namespace stap {

namespace {

constexpr std::string_view kXzMagic("\xfd" "7zXZ\0", 6);
constexpr std::string_view kZstdMagic("\x28\xb5\x2f\xfd", 4);
constexpr size_t kChunk = 1 << 20;

std::optional<std::string> unxz(std::string_view in, size_t limit,
                                std::string *why) {
  lzma_stream s = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&s, UINT64_MAX, 0) != LZMA_OK) {
    *why = "cannot start the XZ decoder";
    return std::nullopt;
  }
  std::string out;
  s.next_in = reinterpret_cast<const uint8_t *>(in.data());
  s.avail_in = in.size();
  lzma_ret r = LZMA_OK;
  while (r == LZMA_OK) {
    if (out.size() >= limit) break;
    size_t had = out.size();
    out.resize(had + kChunk);
    s.next_out = reinterpret_cast<uint8_t *>(out.data() + had);
    s.avail_out = kChunk;
    r = lzma_code(&s, LZMA_FINISH);
    out.resize(had + kChunk - s.avail_out);
  }
  lzma_end(&s);
  if (r != LZMA_STREAM_END) {
    *why = out.size() >= limit ? "XZ data larger than the limit"
                               : "corrupt XZ data (lzma error " +
                                     std::to_string(int(r)) + ")";
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> unzstd(std::string_view in, size_t limit,
                                  std::string *why) {
  ZSTD_DCtx *d = ZSTD_createDCtx();
  if (!d) {
    *why = "cannot start the ZSTD decoder";
    return std::nullopt;
  }
  // The kernel compresses with --ultra -22: a window beyond the default.
  ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax, 31);
  std::string out;
  ZSTD_inBuffer ib{in.data(), in.size(), 0};
  size_t r = 1;
  while (r != 0 && out.size() < limit) {
    size_t had = out.size();
    out.resize(had + kChunk);
    ZSTD_outBuffer ob{out.data() + had, kChunk, 0};
    r = ZSTD_decompressStream(d, &ob, &ib);
    out.resize(had + ob.pos);
    if (ZSTD_isError(r)) {
      *why = std::string("corrupt ZSTD data (") + ZSTD_getErrorName(r) + ")";
      ZSTD_freeDCtx(d);
      return std::nullopt;
    }
    if (r != 0 && ib.pos == ib.size && ob.pos < kChunk) {
      *why = "truncated ZSTD data";
      ZSTD_freeDCtx(d);
      return std::nullopt;
    }
  }
  ZSTD_freeDCtx(d);
  if (r != 0) {
    *why = "ZSTD data larger than the limit";
    return std::nullopt;
  }
  return out;
}

}  // namespace

Compression compression_of(std::string_view data) {
  if (data.starts_with(kXzMagic)) return Compression::xz;
  if (data.starts_with(kZstdMagic)) return Compression::zstd;
  return Compression::none;
}

std::optional<std::string> decompress(std::string_view data, Compression c,
                                      size_t limit, std::string *why) {
  switch (c) {
  case Compression::none: return std::string(data);
  case Compression::xz: return unxz(data, limit, why);
  case Compression::zstd: return unzstd(data, limit, why);
  }
  return std::nullopt;
}

}  // namespace stap
