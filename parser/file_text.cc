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
    text.emplace();
    char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) != 0) {
      if (n > 0) {
        text->append(buf, static_cast<size_t>(n));
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
