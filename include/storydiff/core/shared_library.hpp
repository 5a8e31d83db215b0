// SPDX-License-Identifier: MIT
#pragma once

#include <cstring>
#include <string>

// A shared library opened at run time (dlopen) rather than linked: libcurl,
// libgit2 and libcrypto bring dozens of libraries between them, and mapping
// them at every start was most of a small command's time; each is opened by
// the first call that needs it.
namespace storydiff::core {

class SharedLibrary {
public:
  // Opens `soname` (RTLD_NOW | RTLD_LOCAL). Never closed: handles and
  // callbacks of the library may live until exit. On failure is_open() is
  // false and error() says why ("libgit2.so.1.5: cannot open shared object
  // file: No such file or directory").
  static SharedLibrary open(const char* soname);

  bool is_open() const { return m_handle != nullptr; }
  const std::string& error() const { return m_error; }

  // Points `out` (a function pointer of the symbol's real type) at the
  // function `name`. False, leaving `out` alone, when the library lacks it.
  template <typename Function> bool bind(const char* name, Function& out) const {
    void* found = symbol(name);
    if (found == nullptr) {
      return false;
    }
    // POSIX guarantees a data pointer from dlsym converts to a function
    // pointer; memcpy says so without a cast the compilers warn about.
    static_assert(sizeof(found) == sizeof(out));
    std::memcpy(&out, &found, sizeof(out));
    return true;
  }

private:
  void* symbol(const char* name) const;

  void* m_handle = nullptr;
  std::string m_error;
};

} // namespace storydiff::core
