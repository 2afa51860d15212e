// The `stap` command. Everything but argv handling lives in stap_driver so
// tests and the fuzzer run the same code.
#include <iostream>
#include <string>
#include <vector>

#include "driver/command.h"

int main(int argc, char **argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  int status = stap::run_command(args, {std::cout, std::cerr, std::cin});
  std::cout.flush();
  return status;
}
