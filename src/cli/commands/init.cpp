// SPDX-License-Identifier: MIT
// `storydiff init`: creates the store (a bare git repository).
#include "commands.hpp"
#include "store_access.hpp"

#include <ostream>

namespace storydiff::cli {

int run_init(Context& ctx, int argc, const char* const* argv) {
  cxxopts::Options options("storydiff init",
                           "Creates the story store: a bare git repository at --store DIR, "
                           "$STORYDIFF_STORE or ./.storydiff. An existing store is left as it is.");
  auto parsed = parse_command_options(options, ctx, argc, argv);
  if (!parsed) {
    return 0;
  }
  if (!parsed->unmatched().empty()) {
    throw UsageError("init takes no arguments (the store folder is --store DIR)");
  }
  const std::filesystem::path path = store::Store::resolve_path(ctx.global.store);
  if (store::Store::open(path)) {
    ctx.out << "store already exists at " << path.string() << '\n';
    return 0;
  }
  value_or_throw(store::Store::init(path));
  ctx.out << "created an empty story store at " << path.string() << '\n';
  return 0;
}

} // namespace storydiff::cli
