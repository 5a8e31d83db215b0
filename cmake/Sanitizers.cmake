# SPDX-License-Identifier: MIT
if(STORYDIFF_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_compile_options(${_san})
  add_link_options(${_san})
endif()

# ThreadSanitizer for the stages that run on two threads (read_two_documents,
# compare's two sides, extract_facts' two groups); scripts/test.sh --tsan.
if(STORYDIFF_TSAN)
  if(STORYDIFF_SANITIZE)
    message(FATAL_ERROR "STORYDIFF_TSAN and STORYDIFF_SANITIZE cannot be combined")
  endif()
  set(_tsan -fsanitize=thread -fno-omit-frame-pointer)
  add_compile_options(${_tsan})
  add_link_options(${_tsan})
endif()
