// SPDX-License-Identifier: MIT
#pragma once

// libgit2, loaded the first time a store or a git repository is opened
// (dlopen) rather than linked: linked, it brings 15 shared libraries (mbedtls,
// Kerberos, ssh2, pcre2, ...) into every storydiff process, and mapping them
// was most of the start-up time of commands that never touch a store
// (docs/DEPENDENCIES.md, "What start-up costs").
//
// The store's code calls libgit2 by its usual names: inside namespace
// storydiff::store each name below is a function object that forwards to the
// loaded function, and ordinary lookup finds it before the global declaration
// in <git2.h> (which nothing links). Function objects, not functions: a
// same-named function would be found by argument-dependent lookup too, next
// to ::git_xxx, and the call would be ambiguous.
#include <storydiff/core/result.hpp>

#include <git2.h>
#include <git2/sys/commit.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

// Every libgit2 function src/store calls. A new one goes here; forgetting it is
// a link error (undefined reference to git_xxx), as libgit2 is not linked.
#define STORYDIFF_GIT_FUNCTIONS(X)                                                                 \
  X(git_blob_create_from_buffer)                                                                   \
  X(git_blob_free)                                                                                 \
  X(git_blob_is_binary)                                                                            \
  X(git_blob_lookup)                                                                               \
  X(git_blob_rawcontent)                                                                           \
  X(git_blob_rawsize)                                                                              \
  X(git_buf_dispose)                                                                               \
  X(git_commit_create_from_ids)                                                                    \
  X(git_commit_free)                                                                               \
  X(git_commit_id)                                                                                 \
  X(git_commit_lookup)                                                                             \
  X(git_commit_message)                                                                            \
  X(git_commit_parent)                                                                             \
  X(git_commit_parent_id)                                                                          \
  X(git_commit_parentcount)                                                                        \
  X(git_commit_tree)                                                                               \
  X(git_diff_find_options_init)                                                                    \
  X(git_diff_find_similar)                                                                         \
  X(git_diff_free)                                                                                 \
  X(git_diff_get_delta)                                                                            \
  X(git_diff_num_deltas)                                                                           \
  X(git_diff_options_init)                                                                         \
  X(git_diff_tree_to_tree)                                                                         \
  X(git_error_last)                                                                                \
  X(git_mempack_dump)                                                                              \
  X(git_mempack_new)                                                                               \
  X(git_mempack_reset)                                                                             \
  X(git_merge_base)                                                                                \
  X(git_object_free)                                                                               \
  X(git_object_id)                                                                                 \
  X(git_object_peel)                                                                               \
  X(git_odb_add_backend)                                                                           \
  X(git_odb_backend_one_pack)                                                                      \
  X(git_odb_exists)                                                                                \
  X(git_odb_free)                                                                                  \
  X(git_odb_hash)                                                                                  \
  X(git_odb_new)                                                                                   \
  X(git_odb_read_header)                                                                           \
  X(git_odb_write_pack)                                                                            \
  X(git_oid_cpy)                                                                                   \
  X(git_oid_equal)                                                                                 \
  X(git_oid_fromstr)                                                                               \
  X(git_oid_fromstrn)                                                                              \
  X(git_oid_tostr)                                                                                 \
  X(git_packbuilder_free)                                                                          \
  X(git_packbuilder_insert_walk)                                                                   \
  X(git_packbuilder_name)                                                                          \
  X(git_packbuilder_new)                                                                           \
  X(git_packbuilder_write)                                                                         \
  X(git_pathspec_free)                                                                             \
  X(git_pathspec_matches_path)                                                                     \
  X(git_pathspec_new)                                                                              \
  X(git_reference_create_matching)                                                                 \
  X(git_reference_free)                                                                            \
  X(git_reference_iterator_free)                                                                   \
  X(git_reference_iterator_glob_new)                                                               \
  X(git_reference_iterator_new)                                                                    \
  X(git_reference_name)                                                                            \
  X(git_reference_name_to_id)                                                                      \
  X(git_reference_next)                                                                            \
  X(git_reference_next_name)                                                                       \
  X(git_reference_peel)                                                                            \
  X(git_repository_free)                                                                           \
  X(git_repository_init_ext)                                                                       \
  X(git_repository_init_options_init)                                                              \
  X(git_repository_odb)                                                                            \
  X(git_repository_open_bare)                                                                      \
  X(git_repository_open_ext)                                                                       \
  X(git_repository_workdir)                                                                        \
  X(git_revparse)                                                                                  \
  X(git_revwalk_free)                                                                              \
  X(git_revwalk_new)                                                                               \
  X(git_revwalk_push)                                                                              \
  X(git_signature_free)                                                                            \
  X(git_signature_new)                                                                             \
  X(git_tree_entry_byname)                                                                         \
  X(git_tree_entry_id)                                                                             \
  X(git_tree_entry_type)                                                                           \
  X(git_tree_free)                                                                                 \
  X(git_treebuilder_free)                                                                          \
  X(git_treebuilder_insert)                                                                        \
  X(git_treebuilder_new)                                                                           \
  X(git_treebuilder_write)

// The set-up functions only load() calls (through the table): not forwarded,
// and git_libgit2_opts is a C variadic function.
#define STORYDIFF_GIT_SETUP_FUNCTIONS(X) X(git_libgit2_init) X(git_libgit2_opts)

namespace storydiff::store::git {

// The functions above, with libgit2's own signatures.
struct Api {
#define STORYDIFF_GIT_POINTER(name) decltype(&::name) name;
  STORYDIFF_GIT_FUNCTIONS(STORYDIFF_GIT_POINTER)
  STORYDIFF_GIT_SETUP_FUNCTIONS(STORYDIFF_GIT_POINTER)
#undef STORYDIFF_GIT_POINTER
};

// Loads libgit2 once per process (thread-safe) and initialises it. Every
// entry point of the store (Store::open, Store::init, read_changed_files)
// calls it first. Failure (io): "cannot load libgit2 (<why>)", e.g. "(libgit2.so.1.5:
// cannot open shared object file: No such file or directory)"; the same
// failure on every call.
core::Result<void> load();

// The loaded functions; only after load() succeeded.
const Api& api();

// A function object calling the loaded libgit2 function Api::*Member with
// libgit2's exact parameter types (so arguments convert as in a direct call).
// It also converts to a plain function pointer, for handle.hpp's deleters.
template <auto Member> struct Forward;

template <typename R, typename... Args, R (*Api::*Member)(Args...)> struct Forward<Member> {
  static R call(Args... args) { return (api().*Member)(args...); }
  R operator()(Args... args) const { return call(args...); }
  using Pointer = R (*)(Args...);
  constexpr operator Pointer() const { return &call; }
};

} // namespace storydiff::store::git

namespace storydiff::store {

#define STORYDIFF_GIT_FORWARD(name) inline constexpr git::Forward<&git::Api::name> name{};
STORYDIFF_GIT_FUNCTIONS(STORYDIFF_GIT_FORWARD)
#undef STORYDIFF_GIT_FORWARD

} // namespace storydiff::store
