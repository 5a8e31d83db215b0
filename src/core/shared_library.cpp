// SPDX-License-Identifier: MIT
#include <storydiff/core/shared_library.hpp>

#include <dlfcn.h>

namespace storydiff::core {

SharedLibrary SharedLibrary::open(const char* soname) {
  SharedLibrary library;
  library.m_handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (library.m_handle == nullptr) {
    const char* why = dlerror();
    library.m_error = why != nullptr ? why : soname;
  }
  return library;
}

void* SharedLibrary::symbol(const char* name) const {
  return m_handle == nullptr ? nullptr : dlsym(m_handle, name);
}

} // namespace storydiff::core
