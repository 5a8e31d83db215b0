// SPDX-License-Identifier: MIT
#include <storydiff/store/store.hpp>

#include "git/api.hpp"
#include "git/check.hpp"
#include "git/handle.hpp"
#include "meta.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <thread>
#include <unistd.h>
#include <unordered_map>

namespace storydiff::store {

namespace {

constexpr std::string_view k_ref_prefix = "refs/heads/stories/";
constexpr std::size_t k_max_slug = 100;
constexpr const char* k_author_name = "storydiff";
constexpr const char* k_author_email = "storydiff@localhost";
constexpr std::string_view k_recaptured_headline = "re-captured (unchanged)";

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 120)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? '?' : c;
  }
  if (text.size() > 120) {
    out += "...";
  }
  return out;
}

std::optional<core::Failure> slug_error(std::string_view slug) {
  if (is_valid_slug(slug)) {
    return std::nullopt;
  }
  std::string why = "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit";
  if (slug.size() > k_max_slug) {
    why = "at most 100 characters";
  } else if (slug.empty()) {
    why = "it is empty; " + why;
  } else if (slug.find("..") != std::string_view::npos || slug.back() == '.' ||
             (slug.size() >= 5 && slug.substr(slug.size() - 5) == ".lock")) {
    why = "no '..', and no '.' or '.lock' at the end";
  }
  return core::fail(core::ErrorCode::invalid_input,
                    "invalid story name '" + printable(slug) + "' (" + why + ")");
}

std::string ref_name(std::string_view slug) { return std::string(k_ref_prefix) + std::string(slug); }

std::string hex_of(const git_oid& id) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &id);
  return buf;
}

std::string raw_of(const git_oid& id) {
  return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_hex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// Parses a decimal number that fits in 32 bits.
std::optional<std::uint32_t> parse_u32(std::string_view s) {
  if (!is_digits(s) || s.size() > 10) {
    return std::nullopt;
  }
  const std::uint64_t v = std::strtoull(std::string(s).c_str(), nullptr, 10);
  if (v > 0xffffffffULL) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(v);
}

// Whether a failed compare-and-swap means another writer got there first.
bool is_conflict(int rc) {
  return rc == GIT_EMODIFIED || rc == GIT_ELOCKED || rc == GIT_EEXISTS || rc == GIT_ENOTFOUND;
}

bool valid_ext(std::string_view ext) {
  return !ext.empty() && ext.size() <= 16 &&
         std::all_of(ext.begin(), ext.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

} // namespace

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > k_max_slug) {
    return false;
  }
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(slug.front())) {
    return false;
  }
  for (char c : slug) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-') {
      return false;
    }
  }
  if (slug.find("..") != std::string_view::npos || slug.back() == '.') {
    return false;
  }
  return !(slug.size() >= 5 && slug.substr(slug.size() - 5) == ".lock");
}

// What a long-lived Store knows about one story's head, kept valid while the
// ref still names `head` (checked on every append) so that an append costs
// O(1) instead of a walk of the history.
struct StoryCache {
  git_oid head{};
  std::uint32_t head_revision = 0;
  git_oid head_article{};
  ParentView view;
  // article.txt blob id (raw bytes) -> newest revision with that article.
  std::unordered_map<std::string, std::uint32_t> by_article;
};

struct Store::Impl {
  std::filesystem::path path;
  git::RepoPtr repo;
  std::unordered_map<std::string, StoryCache> caches;
  std::minstd_rand rng{static_cast<std::minstd_rand::result_type>(
      std::random_device{}() ^ static_cast<unsigned>(getpid()))};

  // --- reading ---

  core::Result<git::CommitPtr> commit(const git_oid& id) const {
    git_commit* c = nullptr;
    if (int rc = git_commit_lookup(&c, repo.get(), &id); rc < 0) {
      return git::failure(rc, "cannot read commit " + hex_of(id));
    }
    return git::CommitPtr(c);
  }

  // The head commit of `slug`, or nullopt when the story has none.
  core::Result<std::optional<git_oid>> head_of(std::string_view slug) const {
    git_oid id;
    const int rc = git_reference_name_to_id(&id, repo.get(), ref_name(slug).c_str());
    if (rc == GIT_ENOTFOUND) {
      return std::optional<git_oid>{};
    }
    if (rc < 0) {
      return git::failure(rc, "cannot read story '" + std::string(slug) + "'");
    }
    return std::optional<git_oid>{id};
  }

  core::Result<git_oid> existing_head(std::string_view slug) const {
    auto head = head_of(slug);
    if (!head) {
      return core::Failure{head.error()};
    }
    if (!*head) {
      return core::fail(core::ErrorCode::not_found,
                        "no story '" + std::string(slug) + "' in " + path.string() +
                            " (`storydiff list` shows the stories)");
    }
    return **head;
  }

  // The blob `name` of `commit`'s tree: its id, and its bytes when `want_bytes`.
  core::Result<std::string> file(const git_commit* c, std::string_view name, git_oid* blob_id,
                                 bool want_bytes = true) const {
    git_tree* t = nullptr;
    if (int rc = git_commit_tree(&t, c); rc < 0) {
      return git::failure(rc, "cannot read the tree of commit " + hex_of(*git_commit_id(c)));
    }
    git::TreePtr tree(t);
    const git_tree_entry* entry = git_tree_entry_byname(tree.get(), std::string(name).c_str());
    if (entry == nullptr || git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
      return core::fail(core::ErrorCode::not_found, "revision " + hex_of(*git_commit_id(c)) +
                                                        " has no file '" + printable(name) + "'");
    }
    if (blob_id != nullptr) {
      git_oid_cpy(blob_id, git_tree_entry_id(entry));
    }
    if (!want_bytes) {
      return std::string();
    }
    git_blob* b = nullptr;
    if (int rc = git_blob_lookup(&b, repo.get(), git_tree_entry_id(entry)); rc < 0) {
      return git::failure(rc, "cannot read '" + printable(name) + "'");
    }
    git::BlobPtr blob(b);
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                       static_cast<std::size_t>(git_blob_rawsize(blob.get())));
  }

  core::Result<RevisionInfo> info_of(const git_commit* c) const {
    auto json = file(c, "meta.json", nullptr);
    if (!json) {
      return core::Failure{json.error()};
    }
    auto meta = detail::meta_from_json(*json);
    if (!meta) {
      return core::fail(meta.error().code, meta.error().message + " in commit " +
                                               hex_of(*git_commit_id(c)));
    }
    RevisionInfo info;
    info.id = RevisionId{hex_of(*git_commit_id(c))};
    info.message = git_commit_message(c);
    info.headline = detail::headline_of(info.message, meta->story, meta->revision);
    info.meta = std::move(*meta);
    return info;
  }

  core::Result<RevisionInfo> info_of(const git_oid& id) const {
    auto c = commit(id);
    if (!c) {
      return core::Failure{c.error()};
    }
    return info_of(c->get());
  }

  // The story's commits along first parents, newest first.
  core::Result<std::vector<git_oid>> chain(const git_oid& head) const {
    std::vector<git_oid> out;
    git_oid id = head;
    for (;;) {
      out.push_back(id);
      auto c = commit(id);
      if (!c) {
        return core::Failure{c.error()};
      }
      if (git_commit_parentcount(c->get()) == 0) {
        return out;
      }
      id = *git_commit_parent_id(c->get(), 0);
    }
  }

  // Brings the cache of `slug` up to `head`: walks back from `head` to the
  // commit the cache last saw (only the new commits are read), or rebuilds it
  // from the whole history when that commit is not an ancestor.
  core::Result<StoryCache*> sync_cache(const std::string& slug, const git_oid& head) {
    auto found = caches.find(slug);
    if (found != caches.end() && git_oid_equal(&found->second.head, &head)) {
      return &found->second;
    }
    struct Step {
      git_oid commit;
      git_oid article;
    };
    std::vector<Step> steps; // newest first
    bool reached_cached = false;
    git_oid id = head;
    for (;;) {
      if (found != caches.end() && git_oid_equal(&found->second.head, &id)) {
        reached_cached = true;
        break;
      }
      auto c = commit(id);
      if (!c) {
        return core::Failure{c.error()};
      }
      Step step{id, {}};
      auto article = file(c->get(), "article.txt", &step.article, false);
      if (!article) {
        return core::Failure{article.error()};
      }
      steps.push_back(step);
      if (git_commit_parentcount(c->get()) == 0) {
        break;
      }
      id = *git_commit_parent_id(c->get(), 0);
    }
    if (!reached_cached) {
      StoryCache fresh;
      // Oldest first, so the newest revision with an article wins.
      for (std::size_t i = steps.size(); i-- > 0;) {
        fresh.by_article[raw_of(steps[i].article)] = static_cast<std::uint32_t>(steps.size() - i);
      }
      fresh.head_revision = static_cast<std::uint32_t>(steps.size());
      found = caches.insert_or_assign(slug, std::move(fresh)).first;
    } else {
      StoryCache& cache = found->second;
      const auto base = cache.head_revision;
      for (std::size_t i = steps.size(); i-- > 0;) {
        cache.by_article[raw_of(steps[i].article)] =
            base + static_cast<std::uint32_t>(steps.size() - i);
      }
      cache.head_revision = base + static_cast<std::uint32_t>(steps.size());
    }
    StoryCache& cache = found->second;
    auto c = commit(head);
    if (!c) {
      caches.erase(found);
      return core::Failure{c.error()};
    }
    auto info = info_of(c->get());
    auto article = info ? file(c->get(), "article.txt", &cache.head_article)
                        : core::Result<std::string>(core::Failure{info.error()});
    if (!article) {
      caches.erase(found);
      return core::Failure{article.error()};
    }
    cache.head = head;
    cache.view = ParentView{std::move(*info), std::move(*article)};
    return &cache;
  }

  // --- writing ---

  core::Result<git_oid> write_blob(std::string_view bytes, std::string_view name) {
    git_oid id;
    if (int rc = git_blob_create_from_buffer(&id, repo.get(), bytes.data(), bytes.size()); rc < 0) {
      return git::failure(rc, "cannot write " + std::string(name));
    }
    return id;
  }

  // Writes the blobs, tree and commit of `meta`'s revision; returns the commit.
  core::Result<git_oid> write_revision(const NewRevision& rev, const RevisionMeta& meta,
                                       const git_oid* parent) {
    git_treebuilder* tb_raw = nullptr;
    if (int rc = git_treebuilder_new(&tb_raw, repo.get(), nullptr); rc < 0) {
      return git::failure(rc, "cannot build a tree");
    }
    git::TreeBuilderPtr tb(tb_raw);
    auto add = [&](const std::string& name, std::string_view bytes) -> core::Result<void> {
      auto id = write_blob(bytes, name);
      if (!id) {
        return core::Failure{id.error()};
      }
      return git::check(
          git_treebuilder_insert(nullptr, tb.get(), name.c_str(), &*id, GIT_FILEMODE_BLOB),
          "cannot add " + name + " to the tree");
    };
    STORYDIFF_TRY(add("article.txt", rev.article));
    if (!rev.source.empty() && rev.source != rev.article) {
      std::string ext = !rev.source_ext.empty() ? rev.source_ext
                        : !meta.input_format.empty() ? meta.input_format
                                                     : std::string("txt");
      STORYDIFF_TRY(add("source." + ext, rev.source));
    }
    STORYDIFF_TRY(add("meta.json", detail::meta_to_json(meta)));
    if (!rev.changes_json.empty()) {
      STORYDIFF_TRY(add("changes.json", rev.changes_json));
    }
    git_oid tree_id;
    if (int rc = git_treebuilder_write(&tree_id, tb.get()); rc < 0) {
      return git::failure(rc, "cannot write the tree");
    }
    git_signature* s = nullptr;
    if (int rc = git_signature_new(&s, k_author_name, k_author_email, meta.captured_at,
                                   meta.utc_offset_minutes);
        rc < 0) {
      return git::failure(rc, "invalid capture time");
    }
    git::SignaturePtr sig(s);
    const std::string message = detail::commit_message(meta, rev.headline, rev.summary);
    const git_oid* parents[1] = {parent};
    git_oid commit_id;
    // By ids: no need to load the tree or the parent just to name them.
    if (int rc = git_commit_create_from_ids(&commit_id, repo.get(), nullptr, sig.get(), sig.get(),
                                            nullptr, message.c_str(), &tree_id,
                                            parent != nullptr ? 1 : 0, parents);
        rc < 0) {
      return git::failure(rc, "cannot write the commit");
    }
    return commit_id;
  }

  // A writer killed between taking `<ref>.lock` and renaming it leaves the
  // lock behind, and every later writer would fail. A lock lives for
  // microseconds, so one older than k_stale_lock is a dead writer's. It is
  // first renamed to a name of our own (only one process can win that), then
  // deleted if it really is old; a fresh lock taken by mistake is put back.
  void clear_stale_lock(const std::string& ref) {
    namespace fs = std::filesystem;
    constexpr auto k_stale_lock = std::chrono::seconds(2);
    std::error_code ec;
    const fs::path lock = path / (ref + ".lock");
    const auto written = fs::last_write_time(lock, ec);
    if (ec || fs::file_time_type::clock::now() - written < k_stale_lock) {
      return;
    }
    const fs::path taken = path / (ref + ".stale-" + std::to_string(getpid()) + "-" +
                                   std::to_string(rng()));
    fs::rename(lock, taken, ec);
    if (ec) {
      return; // another writer cleared or replaced it first
    }
    const auto taken_written = fs::last_write_time(taken, ec);
    if (!ec && fs::file_time_type::clock::now() - taken_written < k_stale_lock) {
      // We took a live writer's lock: put it back. link() fails when a new
      // lock exists meanwhile, so nothing is overwritten; the writer's rename
      // would then fail and its append report an error, never lose silently.
      [[maybe_unused]] const int relinked = ::link(taken.c_str(), lock.c_str());
    }
    fs::remove(taken, ec);
  }

  void backoff(int attempt) {
    // 1, 2, 4, ... ms capped at 50, then a uniform jitter in [half, full] so
    // that writers that collided once do not collide again in lockstep.
    const int full = std::min(50, 1 << std::min(attempt, 6));
    std::uniform_int_distribution<int> dist(full * 500, full * 1000);
    std::this_thread::sleep_for(std::chrono::microseconds(dist(rng)));
  }

  // --- building revisions (shared by append and ImportBatch) ---

  // A revision built on top of a head and written, not yet published.
  struct Built {
    AppendStatus status = AppendStatus::recorded; // unchanged: nothing was written
    git_oid commit{};
    git_oid article{};
    RevisionInfo info;        // the new revision, or the head when unchanged
    std::string article_text; // empty when unchanged
  };

  // Builds the revision `prepare` makes on top of `cache`'s head (nullptr: the
  // story's first revision) and writes its objects wherever this repository
  // writes (loose files, or an ImportBatch's memory). A text equal to the head
  // writes nothing unless `on_unchanged` says record.
  core::Result<Built> build(const std::string& slug, const StoryCache* cache,
                            const PrepareRevision& prepare, OnUnchanged on_unchanged) {
    std::optional<ParentView> parent;
    if (cache != nullptr) {
      parent = cache->view;
    }
    NewRevision rev = prepare(parent);
    Built out;
    // Hash only: an unchanged snapshot writes nothing.
    if (int rc = git_odb_hash(&out.article, rev.article.data(), rev.article.size(), GIT_OBJECT_BLOB);
        rc < 0) {
      return git::failure(rc, "cannot hash article.txt");
    }
    const bool same = cache != nullptr && git_oid_equal(&out.article, &cache->head_article);
    if (same && on_unchanged == OnUnchanged::skip) {
      out.status = AppendStatus::unchanged;
      out.info = cache->view.info;
      return out;
    }
    const bool has_source = !rev.source.empty() && rev.source != rev.article;
    if (has_source && !rev.source_ext.empty() && !valid_ext(rev.source_ext)) {
      return core::fail(core::ErrorCode::invalid_input,
                        "invalid source extension '" + printable(rev.source_ext) +
                            "' (use 1 to 16 lowercase letters or digits)");
    }
    if (has_source && rev.source_ext.empty() && !rev.meta.input_format.empty() &&
        !valid_ext(rev.meta.input_format)) {
      return core::fail(core::ErrorCode::invalid_input,
                        "invalid input format '" + printable(rev.meta.input_format) +
                            "' (use txt, md or html)");
    }
    RevisionMeta meta = rev.meta;
    meta.story = slug;
    meta.revision = cache != nullptr ? cache->head_revision + 1 : 1;
    meta.restores.reset();
    if (cache != nullptr) {
      if (auto it = cache->by_article.find(raw_of(out.article)); it != cache->by_article.end()) {
        meta.restores = it->second; // the head's own number when `same`
      }
    }
    if (same) {
      // Whatever the caller computed against an equal parent says nothing.
      rev.headline = std::string(k_recaptured_headline);
    }
    auto commit_id = write_revision(rev, meta, cache != nullptr ? &cache->head : nullptr);
    if (!commit_id) {
      return core::Failure{commit_id.error()};
    }
    out.commit = *commit_id;
    out.info.id = RevisionId{hex_of(*commit_id)};
    out.info.message = detail::commit_message(meta, rev.headline, rev.summary);
    out.info.headline = detail::effective_headline(rev.headline, meta.restores);
    out.info.meta = std::move(meta);
    out.article_text = std::move(rev.article);
    return out;
  }

  // build() for loose objects. A concurrent pack() may remove an empty
  // objects/xx/ folder between libgit2 creating it and renaming a new object
  // into it; that write fails with an OS error, and writing again recreates
  // the folder. Only an io failure is retried, and only a few times.
  core::Result<Built> build_loose(const std::string& slug, const StoryCache* cache,
                                  const PrepareRevision& prepare, OnUnchanged on_unchanged) {
    constexpr int k_io_attempts = 4;
    for (int i = 1;; ++i) {
      auto built = build(slug, cache, prepare, on_unchanged);
      if (built || built.error().code != core::ErrorCode::io || i == k_io_attempts) {
        return built;
      }
    }
  }

  // Makes `built` the cached head of `slug` (after its ref moved, or when an
  // ImportBatch stages it); returns its info.
  RevisionInfo remember(const std::string& slug, Built&& built) {
    StoryCache& next = caches[slug];
    next.head = built.commit;
    next.head_revision = built.info.meta.revision;
    next.head_article = built.article;
    next.by_article[raw_of(built.article)] = built.info.meta.revision;
    next.view = ParentView{std::move(built.info), std::move(built.article_text)};
    return next.view.info;
  }

  // Compare-and-swap of `ref` from `expected` (nullopt: must not exist) to
  // `commit`: force=1 with the expected old id (the zero id means "must not
  // exist yet"); force=0 would fail on any existing ref. Returns libgit2's code.
  int move_head(const std::string& ref, const std::optional<git_oid>& expected_head,
                const git_oid& commit, std::uint32_t revision) {
    git_oid expected;
    if (expected_head) {
      expected = *expected_head;
    } else {
      std::memset(&expected, 0, sizeof expected);
    }
    git_reference* moved = nullptr;
    const std::string log = "storydiff: " + ref.substr(k_ref_prefix.size()) + " r" +
                            std::to_string(revision);
    const int rc = git_reference_create_matching(&moved, repo.get(), ref.c_str(), &commit, 1,
                                                 &expected, log.c_str());
    if (rc == 0) {
      git_reference_free(moved);
    }
    return rc;
  }
};

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::filesystem::path& Store::path() const { return m_impl->path; }

std::filesystem::path Store::resolve_path(const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) {
    return *flag;
  }
  if (const char* env = std::getenv("STORYDIFF_STORE"); env != nullptr && *env != '\0') {
    return env;
  }
  return ".storydiff";
}

core::Result<Store> Store::open(const std::filesystem::path& path) {
  STORYDIFF_TRY(git::load());
  std::error_code ec;
  const std::string missing = "no story store at " + path.string() +
                              " (run `storydiff init` first, or pass --store)";
  if (!std::filesystem::is_directory(path, ec)) {
    return core::fail(core::ErrorCode::not_found, missing);
  }
  git_repository* r = nullptr;
  if (int rc = git_repository_open_bare(&r, path.c_str()); rc < 0) {
    if (rc == GIT_ENOTFOUND) {
      return core::fail(core::ErrorCode::not_found,
                        "no story store at " + path.string() +
                            " (the folder is not a bare git repository; run `storydiff init` or "
                            "pass --store)");
    }
    return git::failure(rc, "cannot open the story store at " + path.string());
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->repo.reset(r);
  return Store(std::move(impl));
}

core::Result<Store> Store::init(const std::filesystem::path& path) {
  STORYDIFF_TRY(git::load());
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    if (!std::filesystem::is_directory(path, ec)) {
      return core::fail(core::ErrorCode::invalid_input,
                        "cannot create a story store at " + path.string() +
                            " (it exists and is not a folder)");
    }
    if (!std::filesystem::is_empty(path, ec)) {
      auto existing = open(path);
      if (existing) {
        return existing;
      }
      return core::fail(core::ErrorCode::invalid_input,
                        "cannot create a story store at " + path.string() +
                            " (the folder is not empty and is not a story store)");
    }
  }
  git_repository_init_options opts;
  git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
  opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
  opts.initial_head = "main";
  opts.description = "storydiff story store: each story is refs/heads/stories/<slug>\n";
  git_repository* r = nullptr;
  if (int rc = git_repository_init_ext(&r, path.c_str(), &opts); rc < 0) {
    return git::failure(rc, "cannot create a story store at " + path.string());
  }
  git_repository_free(r);
  return open(path);
}

core::Result<AppendResult> Store::append(std::string_view story, const PrepareRevision& prepare,
                                         const AppendOptions& options) {
  if (auto bad = slug_error(story)) {
    return *bad;
  }
  const std::string slug(story);
  const std::string ref = ref_name(slug);
  const int attempts = std::clamp(options.max_attempts, 1, 1000);
  Impl& d = *m_impl;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    auto head = d.head_of(slug);
    if (!head) {
      return core::Failure{head.error()};
    }
    StoryCache* cache = nullptr;
    if (*head) {
      auto synced = d.sync_cache(slug, **head);
      if (!synced) {
        return core::Failure{synced.error()};
      }
      cache = *synced;
    } else {
      d.caches.erase(slug);
    }
    auto built = d.build_loose(slug, cache, prepare, options.on_unchanged);
    if (!built) {
      return core::Failure{built.error()};
    }
    if (built->status == AppendStatus::unchanged) {
      return AppendResult{AppendStatus::unchanged, std::move(built->info)};
    }
    const int rc = d.move_head(ref, *head, built->commit, built->info.meta.revision);
    if (rc == 0) {
      return AppendResult{AppendStatus::recorded, d.remember(slug, std::move(*built))};
    }
    // Another writer moved (or is moving) the head: the objects written above
    // stay dangling; recompute on top of the new head.
    if (!is_conflict(rc)) {
      return git::failure(rc, "cannot move story '" + slug + "' to its new revision");
    }
    if (rc == GIT_ELOCKED) {
      d.clear_stale_lock(ref);
    }
    d.backoff(attempt);
  }
  return core::fail(core::ErrorCode::conflict,
                    "cannot record a revision of story '" + slug + "' (other writers moved it " +
                        std::to_string(attempts) + " times in a row; try again)");
}

core::Result<std::vector<StoryInfo>> Store::list() const {
  git_reference_iterator* it_raw = nullptr;
  const std::string glob = std::string(k_ref_prefix) + "*";
  if (int rc = git_reference_iterator_glob_new(&it_raw, m_impl->repo.get(), glob.c_str()); rc < 0) {
    return git::failure(rc, "cannot list stories");
  }
  git::RefIteratorPtr it(it_raw);
  std::vector<StoryInfo> out;
  const char* name = nullptr;
  int rc = 0;
  while ((rc = git_reference_next_name(&name, it.get())) == 0) {
    const std::string_view full(name);
    const std::string_view slug = full.substr(k_ref_prefix.size());
    if (!is_valid_slug(slug)) {
      continue; // not ours (a ref another tool made under stories/)
    }
    auto head = m_impl->existing_head(slug);
    if (!head) {
      return core::Failure{head.error()};
    }
    auto info = m_impl->info_of(*head);
    if (!info) {
      return core::Failure{info.error()};
    }
    out.push_back(StoryInfo{std::string(slug), info->meta.revision, info->meta.captured_at,
                            info->meta.utc_offset_minutes, info->headline});
  }
  if (rc != GIT_ITEROVER) {
    return git::failure(rc, "cannot list stories");
  }
  std::sort(out.begin(), out.end(),
            [](const StoryInfo& a, const StoryInfo& b) { return a.slug < b.slug; });
  return out;
}

core::Result<std::vector<RevisionInfo>> Store::log(std::string_view story) const {
  if (auto bad = slug_error(story)) {
    return *bad;
  }
  auto head = m_impl->existing_head(story);
  if (!head) {
    return core::Failure{head.error()};
  }
  auto ids = m_impl->chain(*head);
  if (!ids) {
    return core::Failure{ids.error()};
  }
  std::vector<RevisionInfo> out;
  out.reserve(ids->size());
  for (const git_oid& id : *ids) {
    auto info = m_impl->info_of(id);
    if (!info) {
      return core::Failure{info.error()};
    }
    out.push_back(std::move(*info));
  }
  return out;
}

core::Result<RevisionInfo> Store::resolve(std::string_view story, std::string_view rev) const {
  if (auto bad = slug_error(story)) {
    return *bad;
  }
  const std::string slug(story);
  auto head = m_impl->existing_head(story);
  if (!head) {
    return core::Failure{head.error()};
  }
  if (rev.empty() || rev == "HEAD") {
    return m_impl->info_of(*head);
  }
  auto ids = m_impl->chain(*head);
  if (!ids) {
    return core::Failure{ids.error()};
  }
  const std::size_t count = ids->size();
  const std::string has = " (it has " + std::to_string(count) + ")";
  const std::string shown = printable(rev);

  auto by_prefix = [&](std::string_view prefix) -> core::Result<std::optional<git_oid>> {
    std::string lower(prefix);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c; });
    std::vector<std::size_t> matches;
    for (std::size_t i = 0; i < count; ++i) {
      if (hex_of((*ids)[i]).compare(0, lower.size(), lower) == 0) {
        matches.push_back(i);
      }
    }
    if (matches.size() > 1) {
      std::string which;
      for (std::size_t i = 0; i < matches.size() && i < 5; ++i) {
        which += (i ? ", r" : "r") + std::to_string(count - matches[i]);
      }
      return core::fail(core::ErrorCode::ambiguous,
                        "commit prefix '" + shown + "' is ambiguous in story '" + slug +
                            "' (it matches " + which + "; give more digits)");
    }
    if (matches.empty()) {
      return std::optional<git_oid>{};
    }
    return std::optional<git_oid>{(*ids)[matches.front()]};
  };

  std::string_view number = rev;
  if (number.size() > 1 && (number.front() == 'r' || number.front() == 'R') && is_digits(number.substr(1))) {
    number.remove_prefix(1);
  }
  if (is_digits(number)) {
    const auto n = parse_u32(number);
    if (n && *n >= 1 && *n <= count) {
      return m_impl->info_of((*ids)[count - *n]);
    }
    // All-digit specs of 4+ digits may also be commit prefixes.
    if (number.size() == rev.size() && rev.size() >= 4) {
      auto found = by_prefix(rev);
      if (!found) {
        return core::Failure{found.error()};
      }
      if (*found) {
        return m_impl->info_of(**found);
      }
    }
    return core::fail(core::ErrorCode::not_found,
                      "story '" + slug + "' has no revision r" + std::string(number) + has);
  }
  if (rev.substr(0, 5) == "HEAD~" || rev.substr(0, 5) == "HEAD^") {
    std::string_view k = rev.substr(5);
    std::optional<std::uint32_t> steps = k.empty() ? std::optional<std::uint32_t>{1} : parse_u32(k);
    if (!steps || (rev[4] == '^' && !k.empty())) {
      return core::fail(core::ErrorCode::invalid_input,
                        "invalid revision '" + shown + "' (use HEAD~<k> with a number k)");
    }
    if (*steps >= count) {
      return core::fail(core::ErrorCode::not_found,
                        "story '" + slug + "' has no revision " + shown + has);
    }
    return m_impl->info_of((*ids)[*steps]);
  }
  if (rev.size() >= 4 && rev.size() <= GIT_OID_HEXSZ && is_hex(rev)) {
    auto found = by_prefix(rev);
    if (!found) {
      return core::Failure{found.error()};
    }
    if (!*found) {
      return core::fail(core::ErrorCode::not_found,
                        "story '" + slug + "' has no revision with commit id " + shown + "...");
    }
    return m_impl->info_of(**found);
  }
  return core::fail(core::ErrorCode::invalid_input,
                    "invalid revision '" + shown +
                        "' (use r<N>, <N>, HEAD, HEAD~<k> or a commit id prefix of at least 4 hex "
                        "digits)");
}

core::Result<std::string> Store::read_file(const RevisionId& id, std::string_view name) const {
  git_oid oid;
  if (id.hex.size() != GIT_OID_HEXSZ || !is_hex(id.hex) ||
      git_oid_fromstrn(&oid, id.hex.data(), id.hex.size()) < 0) {
    return core::fail(core::ErrorCode::invalid_input,
                      "invalid revision id '" + printable(id.hex) + "' (expected 40 hex digits)");
  }
  auto c = m_impl->commit(oid);
  if (!c) {
    if (c.error().code == core::ErrorCode::not_found) {
      return core::fail(core::ErrorCode::not_found,
                        "no revision " + id.hex + " in " + m_impl->path.string() +
                            " (the commit does not exist)");
    }
    return core::Failure{c.error()};
  }
  return m_impl->file(c->get(), name, nullptr);
}


namespace {

// The object ids listed in a pack index (version 2: magic, version, 256-entry
// fanout, then the sorted ids); empty when the file is not such an index.
std::vector<git_oid> read_pack_index(const std::filesystem::path& idx) {
  std::vector<git_oid> out;
  std::FILE* f = std::fopen(idx.c_str(), "rb");
  if (f == nullptr) {
    return out;
  }
  unsigned char header[8 + 256 * 4];
  if (std::fread(header, 1, sizeof header, f) == sizeof header &&
      std::memcmp(header, "\377tOc\0\0\0\2", 8) == 0) {
    const unsigned char* last = header + 8 + 255 * 4;
    const std::uint32_t count = (std::uint32_t{last[0]} << 24) | (std::uint32_t{last[1]} << 16) |
                                (std::uint32_t{last[2]} << 8) | std::uint32_t{last[3]};
    out.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      if (std::fread(out[i].id, 1, GIT_OID_RAWSZ, f) != GIT_OID_RAWSZ) {
        out.clear();
        break;
      }
    }
  }
  std::fclose(f);
  return out;
}

} // namespace

std::size_t Store::pack_files() const {
  std::size_t count = 0;
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::directory_iterator(m_impl->path / "objects" / "pack", ec)) {
    auto idx = entry.path();
    if (idx.extension() == ".pack" && std::filesystem::exists(idx.replace_extension(".idx"), ec)) {
      ++count;
    }
  }
  return count;
}

core::Result<void> Store::pack() {
  Impl& d = *m_impl;
  git_revwalk* walk_raw = nullptr;
  if (int rc = git_revwalk_new(&walk_raw, d.repo.get()); rc < 0) {
    return git::failure(rc, "cannot pack the store");
  }
  git::RevwalkPtr walk(walk_raw);
  // Every ref, not only stories, so that nothing reachable stays outside the pack.
  git_reference_iterator* it_raw = nullptr;
  if (int rc = git_reference_iterator_new(&it_raw, d.repo.get()); rc < 0) {
    return git::failure(rc, "cannot list the refs to pack");
  }
  git::RefIteratorPtr it(it_raw);
  git_reference* ref_raw = nullptr;
  std::size_t pushed = 0;
  int rc = 0;
  while ((rc = git_reference_next(&ref_raw, it.get())) == 0) {
    git::ReferencePtr ref(ref_raw);
    git_object* obj = nullptr;
    if (git_reference_peel(&obj, ref.get(), GIT_OBJECT_COMMIT) == 0) {
      git::ObjectPtr peeled(obj);
      STORYDIFF_TRY(git::check(git_revwalk_push(walk.get(), git_object_id(peeled.get())),
                               "cannot walk " + std::string(git_reference_name(ref.get()))));
      ++pushed;
    }
  }
  if (rc != GIT_ITEROVER) {
    return git::failure(rc, "cannot list the refs to pack");
  }
  if (pushed == 0) {
    return {};
  }
  git_packbuilder* pb_raw = nullptr;
  if (rc = git_packbuilder_new(&pb_raw, d.repo.get()); rc < 0) {
    return git::failure(rc, "cannot pack the store");
  }
  git::PackBuilderPtr pb(pb_raw);
  STORYDIFF_TRY(git::check(git_packbuilder_insert_walk(pb.get(), walk.get()),
                           "cannot collect the objects to pack"));
  STORYDIFF_TRY(git::check(git_packbuilder_write(pb.get(), nullptr, 0, nullptr, nullptr),
                           "cannot write the pack"));
  const std::filesystem::path objects = d.path / "objects";
  const std::filesystem::path pack_dir = objects / "pack";
  const std::string base = std::string("pack-") + git_packbuilder_name(pb.get());
  const std::filesystem::path new_idx = pack_dir / (base + ".idx");

  // An object database holding only the new pack: an object is deleted
  // elsewhere only after this says the pack has it. Objects written by a
  // concurrent writer after the walk are not in it, so they stay.
  git_odb* odb_raw = nullptr;
  if (rc = git_odb_new(&odb_raw); rc < 0) {
    return git::failure(rc, "cannot check the new pack");
  }
  git::OdbPtr pack_odb(odb_raw);
  git_odb_backend* backend = nullptr;
  if (rc = git_odb_backend_one_pack(&backend, new_idx.c_str()); rc < 0) {
    return git::failure(rc, "cannot open the new pack " + new_idx.string());
  }
  if (rc = git_odb_add_backend(pack_odb.get(), backend, 1); rc < 0) {
    backend->free(backend);
    return git::failure(rc, "cannot open the new pack " + new_idx.string());
  }

  std::error_code ec;
  for (const auto& dir : std::filesystem::directory_iterator(objects, ec)) {
    const std::string prefix = dir.path().filename().string();
    if (prefix.size() != 2 || !is_hex(prefix) || !dir.is_directory(ec)) {
      continue;
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir.path(), ec)) {
      const std::string rest = entry.path().filename().string();
      git_oid oid;
      if (rest.size() != GIT_OID_HEXSZ - 2 || !is_hex(rest) ||
          git_oid_fromstr(&oid, (prefix + rest).c_str()) < 0) {
        continue; // a writer's temporary file, or not an object
      }
      if (git_odb_exists(pack_odb.get(), &oid) == 1) {
        std::filesystem::remove(entry.path(), ec);
      }
    }
    // rmdir, which only removes an empty folder. A concurrent loose write
    // that created the folder and has yet to rename its object into it then
    // fails; Store::append writes again (build_loose), and git's own writers
    // recreate the folder on ENOENT.
    ::rmdir(dir.path().c_str());
  }

  // Older packs whose every object is in the new one are superseded. The
  // index goes first, so no reader finds a pack without its index.
  for (const auto& entry : std::filesystem::directory_iterator(pack_dir, ec)) {
    const auto& p = entry.path();
    if (p.extension() != ".idx" || p == new_idx) {
      continue;
    }
    auto stem = p;
    stem.replace_extension();
    if (std::filesystem::exists(stem.string() + ".keep", ec)) {
      continue;
    }
    const auto ids = read_pack_index(p);
    if (ids.empty()) {
      continue;
    }
    const bool superseded = std::all_of(ids.begin(), ids.end(), [&](const git_oid& id) {
      return git_odb_exists(pack_odb.get(), &id) == 1;
    });
    if (superseded) {
      std::filesystem::remove(p, ec);
      for (const char* ext : {".pack", ".rev", ".bitmap"}) {
        std::filesystem::remove(stem.string() + ext, ec);
      }
    }
  }

  // This Store's own handle may still point into deleted files: reopen it.
  git_repository* fresh = nullptr;
  if (rc = git_repository_open_bare(&fresh, d.path.c_str()); rc < 0) {
    return git::failure(rc, "cannot reopen the story store at " + d.path.string());
  }
  d.repo.reset(fresh);
  return {};
}

// --- ImportBatch ---

struct ImportBatch::Impl {
  std::unique_ptr<Store::Impl> store; // its own repository, whose odb writes to `mempack`
  git_odb_backend* mempack = nullptr; // owned by that repository's odb
  std::string slug;
  std::string ref;
  BatchOptions options;
  bool based = false;          // whether `base` was read since the last publish
  std::optional<git_oid> base; // the head the staged revisions build on
  std::vector<PrepareRevision> staged;
  std::size_t published = 0;

  const StoryCache* tip() const {
    const auto it = store->caches.find(slug);
    return it == store->caches.end() ? nullptr : &it->second;
  }

  // Reads the story's head and makes it the base of the next staged revisions.
  core::Result<void> rebase() {
    auto head = store->head_of(slug);
    if (!head) {
      return core::Failure{head.error()};
    }
    base = *head;
    if (base) {
      auto synced = store->sync_cache(slug, *base);
      if (!synced) {
        return core::Failure{synced.error()};
      }
    } else {
      store->caches.erase(slug);
    }
    based = true;
    return {};
  }

  // Builds `prepare`'s revision on the tip, in memory; a recorded one becomes the tip.
  core::Result<AppendResult> stage(const PrepareRevision& prepare) {
    auto built = store->build(slug, tip(), prepare, OnUnchanged::skip);
    if (!built) {
      return core::Failure{built.error()};
    }
    if (built->status == AppendStatus::unchanged) {
      return AppendResult{AppendStatus::unchanged, std::move(built->info)};
    }
    return AppendResult{AppendStatus::recorded, store->remember(slug, std::move(*built))};
  }

  // Another writer moved the head: builds the staged revisions again on top
  // of it (their objects in memory are dropped; those already in a pack stay
  // there, unreferenced, and a later pack() leaves them out).
  core::Result<void> restage() {
    STORYDIFF_TRY(git::check(git_mempack_reset(mempack), "cannot reset the in-memory objects"));
    std::vector<PrepareRevision> prepares = std::move(staged);
    staged.clear();
    STORYDIFF_TRY(rebase());
    for (PrepareRevision& prepare : prepares) {
      auto result = stage(prepare);
      if (!result) {
        return core::Failure{result.error()};
      }
      if (result->status == AppendStatus::recorded) {
        staged.push_back(std::move(prepare));
      }
    }
    return {};
  }

  // Writes the objects held in memory as one pack (with its index) in
  // objects/pack, then forgets them: reads find them in the pack.
  core::Result<void> write_pack() {
    git::Buf pack;
    STORYDIFF_TRY(git::check(git_mempack_dump(&pack.buf, store->repo.get(), mempack),
                             "cannot pack the new revisions"));
    // A pack of no objects is its 12-byte header and 20-byte checksum.
    constexpr std::size_t k_empty_pack = 32;
    if (pack.buf.size > k_empty_pack) {
      git_odb* odb_raw = nullptr;
      STORYDIFF_TRY(git::check(git_repository_odb(&odb_raw, store->repo.get()),
                               "cannot open the object database"));
      git::OdbPtr odb(odb_raw);
      git_odb_writepack* writer = nullptr;
      STORYDIFF_TRY(git::check(git_odb_write_pack(&writer, odb.get(), nullptr, nullptr),
                               "cannot write a pack"));
      git_indexer_progress stats{};
      int rc = writer->append(writer, pack.buf.ptr, pack.buf.size, &stats);
      if (rc == 0) {
        rc = writer->commit(writer, &stats);
      }
      writer->free(writer);
      STORYDIFF_TRY(git::check(rc, "cannot write the pack of the new revisions"));
    }
    return git::check(git_mempack_reset(mempack), "cannot reset the in-memory objects");
  }

  core::Result<void> flush() {
    if (staged.empty()) {
      return {};
    }
    const int attempts = std::clamp(options.max_attempts, 1, 1000);
    bool written = false; // the staged objects are in a pack on disk
    for (int attempt = 0; attempt < attempts; ++attempt) {
      auto head = store->head_of(slug);
      if (!head) {
        return core::Failure{head.error()};
      }
      const bool moved = head->has_value() != base.has_value() ||
                         (base && !git_oid_equal(&**head, &*base));
      if (moved) {
        STORYDIFF_TRY(restage());
        written = false;
        if (staged.empty()) {
          return {}; // every staged text is now equal to the head
        }
      }
      if (!written) {
        STORYDIFF_TRY(write_pack());
        written = true;
      }
      const StoryCache* last = tip();
      const int rc = store->move_head(ref, base, last->head, last->head_revision);
      if (rc == 0) {
        published += staged.size();
        staged.clear();
        based = false; // the next add reads the head again (cheap: the cache is current)
        return {};
      }
      if (!is_conflict(rc)) {
        return git::failure(rc, "cannot move story '" + slug + "' to its new revisions");
      }
      if (rc == GIT_ELOCKED) {
        store->clear_stale_lock(ref);
      }
      store->backoff(attempt);
    }
    return core::fail(core::ErrorCode::conflict,
                      "cannot record " + std::to_string(staged.size()) + " revisions of story '" +
                          slug + "' (other writers moved it " + std::to_string(attempts) +
                          " times in a row; try again)");
  }
};

ImportBatch::ImportBatch(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ImportBatch::ImportBatch(ImportBatch&&) noexcept = default;
ImportBatch& ImportBatch::operator=(ImportBatch&&) noexcept = default;
ImportBatch::~ImportBatch() = default;

core::Result<AppendResult> ImportBatch::add(PrepareRevision prepare) {
  Impl& b = *m_impl;
  if (!b.based) {
    STORYDIFF_TRY(b.rebase());
  }
  auto result = b.stage(prepare);
  if (!result || result->status == AppendStatus::unchanged) {
    return result;
  }
  b.staged.push_back(std::move(prepare));
  if (b.staged.size() >= b.options.flush_every) {
    STORYDIFF_TRY(b.flush());
  }
  return result;
}

core::Result<void> ImportBatch::flush() { return m_impl->flush(); }

std::size_t ImportBatch::published() const { return m_impl->published; }

std::size_t ImportBatch::pending() const { return m_impl->staged.size(); }

core::Result<ImportBatch> Store::begin_batch(std::string_view story, const BatchOptions& options) {
  if (auto bad = slug_error(story)) {
    return *bad;
  }
  auto b = std::make_unique<ImportBatch::Impl>();
  b->slug = std::string(story);
  b->ref = ref_name(b->slug);
  b->options = options;
  b->options.flush_every = std::clamp<std::size_t>(options.flush_every, 1, 100000);
  b->store = std::make_unique<Impl>();
  b->store->path = m_impl->path;
  // What this Store knows of the story spares the batch a walk of its history.
  if (auto it = m_impl->caches.find(b->slug); it != m_impl->caches.end()) {
    b->store->caches.insert(*it);
  }
  git_repository* r = nullptr;
  if (int rc = git_repository_open_bare(&r, m_impl->path.c_str()); rc < 0) {
    return git::failure(rc, "cannot open the story store at " + m_impl->path.string());
  }
  b->store->repo.reset(r);
  git_odb* odb_raw = nullptr;
  STORYDIFF_TRY(git::check(git_repository_odb(&odb_raw, r), "cannot open the object database"));
  git::OdbPtr odb(odb_raw);
  STORYDIFF_TRY(git::check(git_mempack_new(&b->mempack), "cannot create an in-memory object store"));
  // Highest priority: every write of this repository goes to memory.
  constexpr int k_mempack_priority = 999;
  if (int rc = git_odb_add_backend(odb.get(), b->mempack, k_mempack_priority); rc < 0) {
    b->mempack->free(b->mempack);
    return git::failure(rc, "cannot add an in-memory object store");
  }
  return ImportBatch(std::move(b));
}

} // namespace storydiff::store
