// SPDX-License-Identifier: MIT
#pragma once

// Owning handles for libgit2 objects: std::unique_ptr with the matching
// git_*_free as deleter. Borrowed results of libgit2 getters (a tree entry, a
// commit's id) are never wrapped: their lifetime is tied to their parent.
#include "api.hpp"

#include <memory>

namespace storydiff::store::git {

template <typename T, void (*Free)(T*)> struct Deleter {
  void operator()(T* p) const { Free(p); }
};

template <typename T, void (*Free)(T*)> using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepoPtr = Handle<git_repository, git_repository_free>;
using OdbPtr = Handle<git_odb, git_odb_free>;
using ObjectPtr = Handle<git_object, git_object_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using BlobPtr = Handle<git_blob, git_blob_free>;
using TreeBuilderPtr = Handle<git_treebuilder, git_treebuilder_free>;
using SignaturePtr = Handle<git_signature, git_signature_free>;
using ReferencePtr = Handle<git_reference, git_reference_free>;
using RefIteratorPtr = Handle<git_reference_iterator, git_reference_iterator_free>;
using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;
using PackBuilderPtr = Handle<git_packbuilder, git_packbuilder_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;
using PathspecPtr = Handle<git_pathspec, git_pathspec_free>;

// Owns a git_buf (whose memory libgit2 allocated).
struct Buf {
  git_buf buf = GIT_BUF_INIT;
  Buf() = default;
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;
  ~Buf() { git_buf_dispose(&buf); }
};

} // namespace storydiff::store::git
