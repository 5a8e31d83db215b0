// SPDX-License-Identifier: MIT
#include <storydiff/check/findings.hpp>
#include <storydiff/text/decode.hpp>

#include <storydiff/text/pipeline.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace storydiff::check {

namespace {

using diff::ChangeKind;

// Line starts of a source text, for many line/column look-ups.
class LineIndex {
public:
  explicit LineIndex(std::string_view source) : m_source(source) {
    m_starts.push_back(0);
    for (std::size_t i = 0; i < source.size(); ++i) {
      if (source[i] == '\n') {
        m_starts.push_back(static_cast<std::uint32_t>(i + 1));
      }
    }
  }

  std::pair<std::uint32_t, std::uint32_t> locate(std::uint32_t offset) const {
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(m_source.size()));
    const auto after = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    const auto line = static_cast<std::uint32_t>(after - m_starts.begin()); // 1-based
    const std::uint32_t start = *(after - 1);
    std::uint32_t column = 1;
    for (std::uint32_t i = start; i < offset; ++i) {
      if ((static_cast<unsigned char>(m_source[i]) & 0xC0U) != 0x80U) {
        ++column;
      }
    }
    return {line, column};
  }

private:
  std::string_view m_source;
  std::vector<std::uint32_t> m_starts;
};

// The source byte of a text offset of the new document.
std::uint32_t source_offset(const NewFile& file, std::uint32_t text_offset) {
  if (file.document.source_map.size() == 0) {
    return text_offset; // no map: the text is its own source
  }
  return file.document.source_map.to_original(text_offset);
}

// Where a change without a new side sits in the new document: a text offset.
std::uint32_t nearest_offset(const diff::Report& report, const text::Document& doc,
                             std::uint32_t old_sentence) {
  const auto& ops = report.sentences;
  std::size_t at = ops.size();
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto& olds = ops[i].op.old_sentences;
    if (std::find(olds.begin(), olds.end(), old_sentence) != olds.end()) {
      at = i;
      break;
    }
  }
  auto start_of = [&](std::uint32_t sentence) -> std::optional<std::uint32_t> {
    if (sentence < doc.sentences.size()) {
      return doc.sentences[sentence].span.start;
    }
    return std::nullopt;
  };
  if (at < ops.size()) {
    // The sentence it was in (an edited pair), else the next one after it.
    for (std::size_t i = at; i < ops.size(); ++i) {
      if (!ops[i].op.new_sentences.empty()) {
        if (auto offset = start_of(ops[i].op.new_sentences.front())) {
          return *offset;
        }
      }
    }
    for (std::size_t i = at; i-- > 0;) {
      if (!ops[i].op.new_sentences.empty()) {
        if (auto offset = start_of(ops[i].op.new_sentences.back())) {
          return *offset;
        }
      }
    }
  }
  return 0;
}

bool applies(const Exemption& exemption, ChangeKind kind, std::string_view path,
             const std::array<bool, k_kind_count>& present) {
  if (exemption.kind != kind) {
    return false;
  }
  const bool triggered = std::any_of(exemption.when.begin(), exemption.when.end(),
                                     [&](ChangeKind when) {
                                       return present[static_cast<std::size_t>(when)];
                                     });
  if (!triggered) {
    return false;
  }
  return exemption.paths.empty() ||
         std::any_of(exemption.paths.begin(), exemption.paths.end(),
                     [&](const std::string& glob) { return glob_match(glob, path); });
}

} // namespace

std::pair<std::uint32_t, std::uint32_t> line_column(std::string_view source,
                                                    std::uint32_t offset) {
  return LineIndex(source).locate(offset);
}

std::string policy_path(std::string_view path) {
  while (path.starts_with("./")) {
    path.remove_prefix(2);
  }
  return std::string(path);
}

bool is_text_draft(std::string_view path) { return text::format_of_name(path).has_value(); }

std::vector<Finding> evaluate(const diff::Report& report, const Policy& policy,
                              std::string_view path, const NewFile& new_file) {
  std::array<bool, k_kind_count> present{};
  for (const diff::Change& change : report.changes) {
    present[static_cast<std::size_t>(change.kind)] = true;
  }
  const LineIndex lines(new_file.source);
  const auto text_size = static_cast<std::uint32_t>(new_file.document.text.size());
  std::vector<Finding> findings;
  for (const diff::Change& change : report.changes) {
    Finding finding;
    finding.level = level_for(policy, change.kind, path);
    for (const Exemption& exemption : policy.exemptions) {
      if (applies(exemption, change.kind, path, present)) {
        finding.level = exemption.level;
        finding.exemption_line = exemption.line;
        break;
      }
    }
    if (finding.level == Level::off) {
      continue;
    }
    std::uint32_t offset = 0;
    if (change.new_side) {
      offset = std::min(change.new_side->span.start, text_size);
    } else {
      finding.nearest = true;
      if (change.old_side) {
        offset = nearest_offset(report, new_file.document, change.old_side->sentence);
      }
    }
    std::tie(finding.line, finding.column) = lines.locate(source_offset(new_file, offset));
    finding.file = std::string(path);
    finding.change = change;
    findings.push_back(std::move(finding));
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  return findings;
}

core::Result<FileResult> check_texts(std::string_view path, std::string_view old_bytes,
                                     std::string_view new_bytes, const Policy& policy,
                                     std::string_view old_label, std::string_view new_label) {
  text::PipelineOptions options;
  options.decode.name = std::string(path);
  auto old_read = text::read_document(old_bytes, options);
  if (!old_read) {
    return core::fail(old_read.error().code,
                      fmt::format("{} ({}): {}", path, old_label, old_read.error().message));
  }
  auto new_read = text::read_document(new_bytes, options);
  if (!new_read) {
    return core::fail(new_read.error().code,
                      fmt::format("{} ({}): {}", path, new_label, new_read.error().message));
  }
  const diff::Report report =
      diff::compare(old_read->document, new_read->document, old_label, new_label);
  FileResult result;
  result.path = policy_path(path);
  result.significance = report.significance;
  result.findings = evaluate(report, policy, result.path, NewFile{new_read->document, new_bytes});
  return result;
}

} // namespace storydiff::check
