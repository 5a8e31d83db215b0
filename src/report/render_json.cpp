// SPDX-License-Identifier: MIT
// storydiff.diff/1 (DESIGN.md, "The JSON contract"): a Report to JSON and back.
#include <storydiff/report/render.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace storydiff::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view k_schema = "storydiff.diff/1";

bool is_number_kind(diff::ChangeKind kind) {
  return kind == diff::ChangeKind::number_added || kind == diff::ChangeKind::number_removed ||
         kind == diff::ChangeKind::number_changed;
}

bool is_quote_kind(diff::ChangeKind kind) {
  return kind == diff::ChangeKind::quote_added || kind == diff::ChangeKind::quote_removed ||
         kind == diff::ChangeKind::quote_changed || kind == diff::ChangeKind::speaker_changed;
}

bool is_attribution_kind(diff::ChangeKind kind) {
  return kind == diff::ChangeKind::attribution_added ||
         kind == diff::ChangeKind::attribution_removed ||
         kind == diff::ChangeKind::attribution_changed;
}

// A number as JSON: integral values as integers (so 10 prints "10", not
// "10.0"); NaN and infinities, which JSON cannot hold, as null.
Json number(double value) {
  if (!std::isfinite(value)) {
    return nullptr;
  }
  // 2^53: past it every double is integral but may not fit an int64 exactly.
  constexpr double k_exact = 9007199254740992.0;
  if (value == std::trunc(value) && std::fabs(value) <= k_exact) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

Json optional_number(const std::optional<double>& value) {
  return value ? number(*value) : Json(nullptr);
}

Json side_json(const std::optional<diff::ChangeSide>& side) {
  if (!side) {
    return nullptr;
  }
  Json out;
  out["text"] = side->text;
  out["sentence"] = side->sentence;
  out["start"] = side->span.start;
  out["end"] = side->span.end;
  return out;
}

Json string_or_null(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

Json label_json(const diff::DocumentLabel& label) {
  Json out;
  out["label"] = label.label;
  out["sentences"] = label.sentences;
  out["bytes"] = label.bytes;
  return out;
}

// One change of storydiff.diff/1: kind, significance, sides, then the
// kind's own fields (value, speaker or source), then the message.
Json change_json(const diff::Change& change) {
  Json item;
  item["kind"] = diff::to_string(change.kind);
  item["significance"] = diff::to_string(change.significance);
  item["old"] = side_json(change.old_side);
  item["new"] = side_json(change.new_side);
  if (is_number_kind(change.kind)) {
    Json value;
    value["old"] = optional_number(change.old_value);
    value["new"] = optional_number(change.new_value);
    value["unit"] = change.unit;
    item["value"] = std::move(value);
  }
  if (is_quote_kind(change.kind)) {
    item["speaker"] = string_or_null(change.speaker);
  }
  if (is_attribution_kind(change.kind)) {
    item["source"] = string_or_null(change.source);
  }
  item["message"] = change.message;
  return item;
}

// `list` as dump(2) lays an array of numbers out at `indent` spaces.
void append_indices(std::string& out, const std::vector<std::uint32_t>& list, std::string_view indent) {
  if (list.empty()) {
    out += "[]";
    return;
  }
  out += '[';
  char digits[16];
  for (std::size_t i = 0; i < list.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out += indent;
    out += "  ";
    out.append(digits, std::to_chars(digits, digits + sizeof digits, list[i]).ptr);
  }
  out += '\n';
  out += indent;
  out += ']';
}

// The sentences list: one entry per alignment op, most of a report. Built as
// a JSON tree it was most of render_json's time, so it is written straight
// out, byte for byte as dump(2) would lay it out (ops are ASCII names; the
// similarity, rounded to three decimals, an integer when integral, else the
// shortest decimal that reads back as the same double, as nlohmann prints it).
void append_sentences(std::string& out, const std::vector<diff::SentenceDiff>& sentences) {
  if (sentences.empty()) {
    out += "[]";
    return;
  }
  out += '[';
  char digits[32];
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const align::SentenceOp& op = sentences[i].op;
    out += i == 0 ? "\n    {\n      \"op\": \"" : ",\n    {\n      \"op\": \"";
    out += align::to_string(op.op);
    out += "\",\n      \"old\": ";
    append_indices(out, op.old_sentences, "      ");
    out += ",\n      \"new\": ";
    append_indices(out, op.new_sentences, "      ");
    out += ",\n      \"similarity\": ";
    const double similarity = std::round(op.similarity * 1000.0) / 1000.0;
    if (!std::isfinite(similarity)) {
      out += "null";
    } else if (similarity == std::trunc(similarity)) {
      out.append(digits, std::to_chars(digits, digits + sizeof digits,
                                       static_cast<std::int64_t>(similarity))
                             .ptr);
    } else {
      out.append(digits, std::to_chars(digits, digits + sizeof digits, similarity,
                                       std::chars_format::fixed)
                             .ptr);
    }
    out += "\n    }";
  }
  out += "\n  ]";
}

} // namespace

std::string render_json(const diff::Report& report) {
  Json out;
  out["schema"] = k_schema;
  out["old"] = label_json(report.old_doc);
  out["new"] = label_json(report.new_doc);
  out["significance"] = diff::to_string(report.significance);
  out["degraded"] = report.degraded;
  out["headline"] = report.headline;
  out["summary"] = report.summary;
  Json counts = Json::object();
  for (const auto& [kind, count] : report.counts) {
    counts[kind] = count;
  }
  out["counts"] = std::move(counts);

  Json changes = Json::array();
  for (const diff::Change& change : report.changes) {
    changes.push_back(change_json(change));
  }
  out["changes"] = std::move(changes);

  std::string text = out.dump(2, ' ', false, Json::error_handler_t::replace);
  // The last member, "sentences", written straight after the tree's members.
  text.pop_back(); // the closing brace, after "\n"
  text.back() = ',';
  text += "\n  \"sentences\": ";
  append_sentences(text, report.sentences);
  text += "\n}\n";
  return text;
}

// --- Reading it back ---

namespace {

// Reads fields and keeps the first problem instead of throwing (the library
// never throws on purpose): after a failure every getter returns a default,
// and parse_report_json reports `error()`.
class Reader {
public:
  bool failed() const { return !m_error.empty(); }
  const std::string& error() const { return m_error; }

  void fail(std::string message) {
    if (m_error.empty()) {
      m_error = std::move(message);
    }
  }

  // The field `name` of `object` if it has type `type`, else nullptr (and
  // the failure recorded). `where` prefixes the name in messages ("changes[2].").
  const nlohmann::json* typed(const nlohmann::json& object, std::string_view name,
                              const std::string& where, nlohmann::json::value_t type,
                              std::string_view type_name) {
    auto it = object.find(name);
    if (it == object.end()) {
      fail("missing field " + where + std::string(name));
      return nullptr;
    }
    if (it->type() != type) {
      fail("field " + where + std::string(name) + " is not " + std::string(type_name));
      return nullptr;
    }
    return &*it;
  }

  std::string string(const nlohmann::json& object, std::string_view name,
                     const std::string& where) {
    const nlohmann::json* value =
        typed(object, name, where, nlohmann::json::value_t::string, "a string");
    return value != nullptr ? value->get<std::string>() : std::string();
  }

  // A string that may be absent or null (then empty).
  std::string string_or_null(const nlohmann::json& object, std::string_view name,
                             const std::string& where) {
    auto it = object.find(name);
    if (it == object.end() || it->is_null()) {
      return {};
    }
    if (!it->is_string()) {
      fail("field " + where + std::string(name) + " is not a string");
      return {};
    }
    return it->get<std::string>();
  }

  std::uint64_t unsigned_value(const nlohmann::json& value, const std::string& what,
                               std::uint64_t max) {
    // nlohmann keeps non-negative integers it parsed as unsigned.
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() > max) {
      fail("field " + what + " is not an integer in 0.." + std::to_string(max));
      return 0;
    }
    return value.get<std::uint64_t>();
  }

  template <typename T>
  T unsigned_field(const nlohmann::json& object, std::string_view name, const std::string& where) {
    auto it = object.find(name);
    if (it == object.end()) {
      fail("missing field " + where + std::string(name));
      return 0;
    }
    return static_cast<T>(unsigned_value(*it, where + std::string(name),
                                         std::numeric_limits<T>::max()));
  }

  // A number that may be absent or null (then nullopt).
  std::optional<double> optional_number(const nlohmann::json& object, std::string_view name,
                                        const std::string& where) {
    auto it = object.find(name);
    if (it == object.end() || it->is_null()) {
      return std::nullopt;
    }
    if (!it->is_number()) {
      fail("field " + where + std::string(name) + " is not a number");
      return std::nullopt;
    }
    return it->get<double>();
  }

  bool boolean(const nlohmann::json& object, std::string_view name, const std::string& where) {
    const nlohmann::json* value =
        typed(object, name, where, nlohmann::json::value_t::boolean, "a boolean");
    return value != nullptr && value->get<bool>();
  }

private:
  std::string m_error;
};

const nlohmann::json& empty_array() {
  static const nlohmann::json k_empty = nlohmann::json::array();
  return k_empty;
}

// An array or object field, or an empty array after recording the failure.
const nlohmann::json& container(Reader& reader, const nlohmann::json& object,
                                std::string_view name, const std::string& where,
                                nlohmann::json::value_t type) {
  const nlohmann::json* value = reader.typed(
      object, name, where, type,
      type == nlohmann::json::value_t::array ? "an array" : "an object");
  return value != nullptr ? *value : empty_array();
}

diff::Significance parse_significance(Reader& reader, const std::string& text,
                                      const std::string& where) {
  for (diff::Significance s :
       {diff::Significance::none, diff::Significance::style, diff::Significance::substantive}) {
    if (diff::to_string(s) == text) {
      return s;
    }
  }
  reader.fail("unknown significance '" + text + "' in " + where);
  return diff::Significance::none;
}

diff::ChangeKind parse_kind(Reader& reader, const std::string& text, const std::string& where) {
  for (int i = 0; i <= static_cast<int>(diff::ChangeKind::correction_added); ++i) {
    const auto kind = static_cast<diff::ChangeKind>(i);
    if (diff::to_string(kind) == text) {
      return kind;
    }
  }
  reader.fail("unknown change kind '" + text + "' in " + where);
  return diff::ChangeKind::claim_changed;
}

align::Op parse_op(Reader& reader, const std::string& text, const std::string& where) {
  for (align::Op op : {align::Op::equal, align::Op::edited, align::Op::added, align::Op::removed,
                       align::Op::moved, align::Op::split, align::Op::merged}) {
    if (align::to_string(op) == text) {
      return op;
    }
  }
  reader.fail("unknown sentence op '" + text + "' in " + where);
  return align::Op::equal;
}

diff::DocumentLabel parse_label(Reader& reader, const nlohmann::json& root, const char* name) {
  const std::string where = std::string(name) + ".";
  const nlohmann::json* object =
      reader.typed(root, name, "", nlohmann::json::value_t::object, "an object");
  if (object == nullptr) {
    return {};
  }
  diff::DocumentLabel label;
  label.label = reader.string(*object, "label", where);
  label.sentences = reader.unsigned_field<std::uint32_t>(*object, "sentences", where);
  label.bytes = reader.unsigned_field<std::uint64_t>(*object, "bytes", where);
  return label;
}

std::optional<diff::ChangeSide> parse_side(Reader& reader, const nlohmann::json& change,
                                           const char* name, const std::string& where) {
  auto it = change.find(name);
  if (it == change.end()) {
    reader.fail("missing field " + where + name);
    return std::nullopt;
  }
  if (it->is_null()) {
    return std::nullopt;
  }
  if (!it->is_object()) {
    reader.fail("field " + where + name + " is neither an object nor null");
    return std::nullopt;
  }
  const std::string inner = where + name + ".";
  diff::ChangeSide side;
  side.text = reader.string(*it, "text", inner);
  side.sentence = reader.unsigned_field<std::uint32_t>(*it, "sentence", inner);
  side.span.start = reader.unsigned_field<std::uint32_t>(*it, "start", inner);
  side.span.end = reader.unsigned_field<std::uint32_t>(*it, "end", inner);
  if (side.span.end < side.span.start) {
    reader.fail("field " + inner + "end is before its start");
  }
  return side;
}

std::vector<std::uint32_t> parse_indices(Reader& reader, const nlohmann::json& object,
                                         const char* name, const std::string& where) {
  const nlohmann::json& list =
      container(reader, object, name, where, nlohmann::json::value_t::array);
  std::vector<std::uint32_t> out;
  out.reserve(list.size());
  for (const nlohmann::json& item : list) {
    out.push_back(static_cast<std::uint32_t>(
        reader.unsigned_value(item, where + name + "[]", std::numeric_limits<std::uint32_t>::max())));
  }
  return out;
}

diff::Change parse_change(Reader& reader, const nlohmann::json& item, const std::string& where) {
  diff::Change change;
  change.kind = parse_kind(reader, reader.string(item, "kind", where), where + "kind");
  change.significance = parse_significance(reader, reader.string(item, "significance", where),
                                           where + "significance");
  change.old_side = parse_side(reader, item, "old", where);
  change.new_side = parse_side(reader, item, "new", where);
  if (auto value = item.find("value"); value != item.end() && !value->is_null()) {
    if (!value->is_object()) {
      reader.fail("field " + where + "value is not an object");
    } else {
      change.old_value = reader.optional_number(*value, "old", where + "value.");
      change.new_value = reader.optional_number(*value, "new", where + "value.");
      change.unit = reader.string_or_null(*value, "unit", where + "value.");
    }
  }
  change.speaker = reader.string_or_null(item, "speaker", where);
  change.source = reader.string_or_null(item, "source", where);
  change.message = reader.string(item, "message", where);
  return change;
}

diff::SentenceDiff parse_sentence(Reader& reader, const nlohmann::json& item,
                                  const std::string& where) {
  diff::SentenceDiff sentence;
  sentence.op.op = parse_op(reader, reader.string(item, "op", where), where + "op");
  sentence.op.old_sentences = parse_indices(reader, item, "old", where);
  sentence.op.new_sentences = parse_indices(reader, item, "new", where);
  const std::optional<double> similarity = reader.optional_number(item, "similarity", where);
  if (!similarity || !(*similarity >= 0 && *similarity <= 1)) {
    reader.fail("field " + where + "similarity is not a number in [0, 1]");
  } else {
    sentence.op.similarity = *similarity;
  }
  return sentence;
}

diff::Report parse_report(Reader& reader, const nlohmann::json& root) {
  diff::Report report;
  if (!root.is_object()) {
    reader.fail("not a JSON object");
    return report;
  }
  const std::string schema = reader.string(root, "schema", "");
  if (!reader.failed() && schema != k_schema) {
    reader.fail("schema is '" + schema + "', not '" + std::string(k_schema) + "'");
  }
  if (reader.failed()) {
    return report;
  }
  report.old_doc = parse_label(reader, root, "old");
  report.new_doc = parse_label(reader, root, "new");
  report.significance =
      parse_significance(reader, reader.string(root, "significance", ""), "significance");
  report.degraded = reader.boolean(root, "degraded", "");
  report.headline = reader.string(root, "headline", "");
  for (const nlohmann::json& line :
       container(reader, root, "summary", "", nlohmann::json::value_t::array)) {
    if (!line.is_string()) {
      reader.fail("field summary holds a value that is not a string");
      break;
    }
    report.summary.push_back(line.get<std::string>());
  }
  const nlohmann::json& counts =
      container(reader, root, "counts", "", nlohmann::json::value_t::object);
  for (auto it = counts.begin(); it != counts.end(); ++it) {
    report.counts[it.key()] = static_cast<std::uint32_t>(reader.unsigned_value(
        it.value(), "counts." + it.key(), std::numeric_limits<std::uint32_t>::max()));
  }
  const nlohmann::json& changes =
      container(reader, root, "changes", "", nlohmann::json::value_t::array);
  for (std::size_t i = 0; i < changes.size() && !reader.failed(); ++i) {
    const std::string where = "changes[" + std::to_string(i) + "].";
    if (!changes[i].is_object()) {
      reader.fail("changes[" + std::to_string(i) + "] is not an object");
      break;
    }
    report.changes.push_back(parse_change(reader, changes[i], where));
  }
  const nlohmann::json& sentences =
      container(reader, root, "sentences", "", nlohmann::json::value_t::array);
  for (std::size_t i = 0; i < sentences.size() && !reader.failed(); ++i) {
    const std::string where = "sentences[" + std::to_string(i) + "].";
    if (!sentences[i].is_object()) {
      reader.fail("sentences[" + std::to_string(i) + "] is not an object");
      break;
    }
    report.sentences.push_back(parse_sentence(reader, sentences[i], where));
  }
  return report;
}

} // namespace

std::string render_change_json(const diff::Change& change) {
  return change_json(change).dump(-1, ' ', false, Json::error_handler_t::replace);
}

core::Result<diff::Report> parse_report_json(std::string_view json) {
  const nlohmann::json root = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    return core::fail(core::ErrorCode::invalid_input,
                      "cannot read the change report (not valid JSON)");
  }
  Reader reader;
  diff::Report report = parse_report(reader, root);
  if (reader.failed()) {
    return core::fail(core::ErrorCode::invalid_input,
                      "cannot read the change report (" + reader.error() + ")");
  }
  return report;
}

} // namespace storydiff::report
