// SPDX-License-Identifier: MIT
// A main() for fuzz targets built without libFuzzer (g++, or a plain test
// build): runs LLVMFuzzerTestOneInput once on each file named on the command
// line, and on each regular file of each folder named, so the seed corpus and
// saved reproducers replay as a regression test (as fmt and libgit2 do).
// Arguments starting with '-' (libFuzzer flags) are ignored.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

bool read_bytes(const fs::path& path, std::vector<std::uint8_t>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return false;
  }
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

} // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.empty() || arg[0] == '-') {
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> files;
      for (const fs::directory_entry& entry : fs::directory_iterator(arg, ec)) {
        if (entry.is_regular_file(ec)) {
          files.push_back(entry.path());
        }
      }
      if (ec) {
        std::fprintf(stderr, "error: cannot list %s (%s)\n", arg.c_str(), ec.message().c_str());
        return 2;
      }
      std::sort(files.begin(), files.end());
      inputs.insert(inputs.end(), files.begin(), files.end());
    } else if (fs::is_regular_file(arg, ec)) {
      inputs.emplace_back(arg);
    } else {
      std::fprintf(stderr, "error: %s is neither a file nor a folder\n", arg.c_str());
      return 2;
    }
  }
  // An empty corpus would pass silently: treat it as a setup error.
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: %s FILE|FOLDER... (no inputs found)\n", argv[0]);
    return 2;
  }

  std::vector<std::uint8_t> bytes;
  for (const fs::path& path : inputs) {
    if (!read_bytes(path, bytes)) {
      std::fprintf(stderr, "error: cannot read %s\n", path.c_str());
      return 2;
    }
    // Named first, so a trap's log says which input it was.
    std::fprintf(stderr, "running %s (%zu bytes)\n", path.c_str(), bytes.size());
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
  }
  std::fprintf(stderr, "ok: %zu inputs\n", inputs.size());
  return 0;
}
