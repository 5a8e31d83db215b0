// SPDX-License-Identifier: MIT
#include "store_access.hpp"

#include "crypto_api.hpp"
#include "input.hpp"

#include <storydiff/diff/changes.hpp>
#include <storydiff/report/render.hpp>
#include <storydiff/text/segment.hpp>
#include <storydiff/version.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <unordered_map>

namespace storydiff::cli {

store::Store open_store(const Context& ctx) {
  const std::filesystem::path path = store::Store::resolve_path(ctx.global.store);
  auto opened = store::Store::open(path);
  if (!opened) {
    if (opened.error().code == core::ErrorCode::not_found) {
      throw CommandError(fmt::format(
          "no story store at {} (create one with `storydiff init`, or pass --store DIR)",
          path.string()));
    }
    throw CommandError(opened.error());
  }
  return std::move(opened).value();
}

void require_valid_slug(std::string_view slug) {
  if (!store::is_valid_slug(slug)) {
    throw UsageError(fmt::format("bad story name '{}' (use 1-100 characters of a-z 0-9 . _ -, "
                                 "starting with a letter or digit)",
                                 slug));
  }
}

StoryRev parse_story_rev(const std::string& target) {
  const std::size_t at = target.find('@');
  StoryRev out{target.substr(0, at),
               at == std::string::npos ? std::string() : target.substr(at + 1)};
  require_valid_slug(out.story);
  if (at != std::string::npos && out.rev.empty()) {
    throw UsageError("'" + target + "' names no revision after '@'");
  }
  return out;
}

std::string parse_text_or_json(const cxxopts::ParseResult& parsed) {
  const std::string format = parsed["format"].as<std::string>();
  if (format != "text" && format != "json") {
    throw UsageError("--format takes text or json, not '" + format + "'");
  }
  return format;
}

namespace {

// Reads exactly `count` digits at `pos`; nullopt when they are not all digits.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<Timestamp> parse_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
  auto year = read_digits(text, 0, 4);
  auto month = read_digits(text, 5, 2);
  auto day = read_digits(text, 8, 2);
  auto hour = read_digits(text, 11, 2);
  auto minute = read_digits(text, 14, 2);
  auto second = read_digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second || text[4] != '-' ||
      text[7] != '-' || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
      text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t digits_start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      ++pos;
    }
    if (pos == digits_start) {
      return std::nullopt;
    }
  }
  int offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) {
    offset = 0;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-') &&
             pos + 6 == text.size() && text[pos + 3] == ':') {
    auto off_hour = read_digits(text, pos + 1, 2);
    auto off_minute = read_digits(text, pos + 4, 2);
    if (!off_hour || !off_minute || *off_hour > 23 || *off_minute > 59) {
      return std::nullopt;
    }
    offset = (*off_hour * 60 + *off_minute) * (text[pos] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{*year}, std::chrono::month(static_cast<unsigned>(*month)),
                            std::chrono::day(static_cast<unsigned>(*day))};
  // A leap second (":60") is accepted by RFC 3339; it folds into the next second.
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const std::int64_t local = sys_days(date).time_since_epoch().count() * 86400LL +
                             *hour * 3600LL + *minute * 60LL + *second;
  return Timestamp{local - offset * 60LL, offset};
}

std::chrono::year_month_day civil_day(std::int64_t local_seconds, std::int64_t& seconds_of_day) {
  std::int64_t days = local_seconds / 86400;
  seconds_of_day = local_seconds % 86400;
  if (seconds_of_day < 0) {
    seconds_of_day += 86400;
    --days;
  }
  return std::chrono::year_month_day{
      std::chrono::sys_days{std::chrono::days{static_cast<int>(days)}}};
}

std::string format_offset(int utc_offset_minutes, std::string_view zulu) {
  if (utc_offset_minutes == 0) {
    return std::string(zulu);
  }
  const int magnitude = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
  return fmt::format("{}{:02}:{:02}", utc_offset_minutes < 0 ? '-' : '+', magnitude / 60,
                     magnitude % 60);
}

} // namespace

Timestamp parse_time(std::string_view text, std::string_view option) {
  if (!text.empty() && text.size() <= 12 &&
      text.find_first_not_of("0123456789") == std::string_view::npos) {
    return Timestamp{std::stoll(std::string(text)), 0};
  }
  if (auto parsed = parse_rfc3339(text)) {
    return *parsed;
  }
  throw UsageError(fmt::format("{} takes an RFC 3339 time like 2026-11-26T09:30:00Z or "
                               "2026-11-26T10:30:00+01:00, or Unix seconds, not '{}'",
                               option, text));
}

Timestamp now_utc() {
  using namespace std::chrono;
  return Timestamp{duration_cast<seconds>(system_clock::now().time_since_epoch()).count(), 0};
}

std::string format_rfc3339(std::int64_t unix_seconds, int utc_offset_minutes) {
  std::int64_t sod = 0;
  const auto date = civil_day(unix_seconds + utc_offset_minutes * 60LL, sod);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     sod / 3600, sod / 60 % 60, sod % 60, format_offset(utc_offset_minutes, "Z"));
}

std::string format_short_time(std::int64_t unix_seconds, int utc_offset_minutes) {
  std::int64_t sod = 0;
  const auto date = civil_day(unix_seconds + utc_offset_minutes * 60LL, sod);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}{}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     sod / 3600, sod / 60 % 60, format_offset(utc_offset_minutes, "Z"));
}

std::string sha256_hex(std::string_view bytes) {
  std::string why;
  const detail::CryptoApi* crypto = detail::crypto_api(why);
  if (crypto == nullptr) {
    throw CommandError("cannot compute the SHA-256 of the source (cannot load libcrypto: " + why +
                       ")");
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (crypto->digest(bytes.data(), bytes.size(), digest, &size, crypto->sha256(), nullptr) != 1) {
    throw CommandError("cannot compute the SHA-256 of the source (OpenSSL failed)");
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(k_hex[digest[i] >> 4]);
    hex.push_back(k_hex[digest[i] & 0x0F]);
  }
  return hex;
}

std::string short_id(const store::RevisionId& id) { return id.hex.substr(0, 7); }

std::string sentence_count_headline(const std::optional<std::string_view>& old_article,
                                    std::string_view new_article) {
  // Sentence lines as multisets: a line present more often on one side counts
  // as added or removed there. Blank lines (paragraph breaks) are not sentences.
  std::unordered_map<std::string_view, long> balance;
  std::size_t new_sentences = 0;
  auto for_each_line = [](std::string_view text, auto&& fn) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) {
        end = text.size();
      }
      if (end > pos) {
        fn(text.substr(pos, end - pos));
      }
      pos = end + 1;
    }
  };
  for_each_line(new_article, [&](std::string_view line) {
    ++balance[line];
    ++new_sentences;
  });
  if (!old_article) {
    return fmt::format("captured ({} sentence{})", new_sentences, new_sentences == 1 ? "" : "s");
  }
  for_each_line(*old_article, [&](std::string_view line) { --balance[line]; });
  long added = 0;
  long removed = 0;
  for (const auto& [line, count] : balance) {
    (count > 0 ? added : removed) += count > 0 ? count : -count;
  }
  auto plural = [](long n) { return n == 1 ? "" : "s"; };
  if (added == 0 && removed == 0) {
    return new_article == *old_article ? "no change" : "sentences moved or paragraphs re-broken";
  }
  if (removed == 0) {
    return fmt::format("+{} sentence{}", added, plural(added));
  }
  if (added == 0) {
    return fmt::format("-{} sentence{}", removed, plural(removed));
  }
  return fmt::format("+{} sentence{}, -{} sentence{}", added, plural(added), removed,
                     plural(removed));
}

SnapshotOutcome record_snapshot(Context& ctx, store::Store& store, const std::string& story,
                                const SnapshotSource& source, const cxxopts::ParseResult& parsed,
                                const RecordOptions& options) {
  text::ReadResult read = read_document_or_throw(ctx, source.name, source.bytes, parsed);
  if (read.document.sentences.empty()) {
    throw CommandError(fmt::format("{} has no text (no sentences after decoding {})",
                                   source.name == "-" ? "standard input" : source.name,
                                   text::to_string(read.format)));
  }
  store::RevisionMeta meta;
  meta.story = story;
  meta.captured_at = source.captured_at.unix_seconds;
  meta.utc_offset_minutes = source.captured_at.utc_offset_minutes;
  meta.source_url = source.source_url;
  meta.source_name = source.name;
  meta.http_date = source.http_date;
  meta.title = source.title ? *source.title : read.title;
  meta.input_format = std::string(text::to_string(read.format));
  meta.extractor = "storydiff";
  meta.extractor_version = k_version;
  meta.source_sha256 = sha256_hex(source.bytes);

  // The new side as it will read back from article.txt, so changes.json
  // agrees with what `storydiff diff STORY` computes from the store later.
  auto new_analyzed = std::make_shared<const diff::AnalyzedDocument>(
      diff::analyze(text::parse_canonical(read.document.text)));
  const std::shared_ptr<AnalysisCache> cache = options.cache;
  // The callback owns copies of what it uses (an ImportBatch keeps it and
  // may call it again after this returns); `last` gets its latest outputs.
  struct Last {
    std::string headline;
    std::vector<std::string> summary;
  };
  auto last = std::make_shared<Last>();
  auto prepare = [read, source, meta, new_analyzed, cache, story,
                  last](const std::optional<store::ParentView>& parent) {
    const text::Document& new_doc = new_analyzed->doc;
    store::NewRevision revision;
    revision.article = read.document.text;
    if (source.bytes != revision.article) {
      revision.source = source.bytes;
      revision.source_ext = meta.input_format;
    }
    revision.meta = meta;
    if (!parent) {
      const std::size_t n = new_doc.sentences.size();
      revision.headline = fmt::format("first capture: {} sentence{}", n, n == 1 ? "" : "s");
    } else {
      // Called again after a lost compare-and-swap, with the new parent: the
      // report depends only on the parent and this text.
      std::shared_ptr<const diff::AnalyzedDocument> old_analyzed;
      if (cache != nullptr && cache->analyzed != nullptr && cache->article == parent->article) {
        old_analyzed = cache->analyzed;
      } else {
        old_analyzed = std::make_shared<const diff::AnalyzedDocument>(
            diff::analyze(text::parse_canonical(parent->article)));
      }
      const std::uint32_t parent_revision = parent->info.meta.revision;
      const diff::Report report = diff::compare(
          *old_analyzed, *new_analyzed, fmt::format("stories/{}@r{}", story, parent_revision),
          fmt::format("stories/{}@r{}", story, parent_revision + 1));
      revision.changes_json = report::render_json(report);
      revision.headline = !report.headline.empty()
                              ? report.headline
                              : sentence_count_headline(parent->article, revision.article);
      revision.summary = report.summary;
    }
    last->headline = revision.headline;
    last->summary = revision.summary;
    return revision;
  };
  store::AppendResult result;
  if (options.batch != nullptr) {
    result = value_or_throw(options.batch->add(prepare));
  } else {
    store::AppendOptions append_options;
    append_options.on_unchanged = options.on_unchanged;
    result = value_or_throw(store.append(story, prepare, append_options));
  }
  if (cache != nullptr && result.status == store::AppendStatus::recorded) {
    cache->article = read.document.text;
    cache->analyzed = new_analyzed;
  }
  std::string headline = std::move(last->headline);
  std::vector<std::string> summary = std::move(last->summary);
  if (result.status == store::AppendStatus::unchanged) {
    headline = result.revision.headline;
    summary.clear();
  }
  return SnapshotOutcome{std::move(result), std::move(headline), std::move(summary)};
}

} // namespace storydiff::cli
