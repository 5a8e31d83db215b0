# SPDX-License-Identifier: MIT
# standard_settings / standard_warnings: INTERFACE targets that our own code
# links PRIVATE (dependencies never see them), as ccache does.
add_library(standard_settings INTERFACE)
target_compile_features(standard_settings INTERFACE cxx_std_20)
target_include_directories(standard_settings INTERFACE ${CMAKE_BINARY_DIR}/generated)

add_library(standard_warnings INTERFACE)
target_compile_options(standard_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(STORYDIFF_WERROR)
  target_compile_options(standard_warnings INTERFACE -Werror)
endif()
