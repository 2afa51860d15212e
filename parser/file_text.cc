#include "parser/file_text.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace stap {

std::optional<std::string> read_regular_file(const std::string &path) {
  int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return std::nullopt;
  struct stat st;
  std::optional<std::string> text;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    // Read straight into a buffer of the file's size (a cached BTF is
    // megabytes: growing a string by appends copies it several times);
    // a file that grows meanwhile still gets read to its end.
    text.emplace();
    size_t have = 0;
    text->resize(static_cast<size_t>(st.st_size) + 1);
    for (;;) {
      if (have == text->size()) text->resize(text->size() * 2);
      ssize_t n = read(fd, text->data() + have, text->size() - have);
      if (n > 0) {
        have += static_cast<size_t>(n);
      } else if (n == 0) {
        text->resize(have);
        break;
      } else if (errno != EINTR) {
        text.reset();
        break;
      }
    }
  }
  close(fd);
  return text;
}

}  // namespace stap
