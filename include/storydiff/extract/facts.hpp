// SPDX-License-Identifier: MIT
#pragma once

#include <storydiff/core/span.hpp>
#include <storydiff/text/segment.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Stage 4 of the pipeline: the typed facts each sentence states.
namespace storydiff::extract {

enum class FactKind {
  number,      // a quantity: "12", "at least 15 dead", "$30 million", "sixth", "1-1/4 percent"
  date,        // a date, time or time reference: "Dec. 2", "5 p.m.", "Monday", "yesterday"
  entity,      // a name of a person, organization or place
  quote,       // a direct quotation (the words inside the marks)
  attribution, // who a claim is sourced to and how: "police said", "according to X"
  hedge,       // "allegedly", "reportedly", "at least", "may", "is believed to"
  negation,    // "not", "never", "no longer", "denied"... that sets a claim's polarity
  correction,  // "Correction:", "Editor's note:", "Update:", "This story has been updated"
};

// "number", "date", ...
std::string_view to_string(FactKind kind);

enum class EntityType { person, organization, place, other };
std::string_view to_string(EntityType type);

enum class DatePrecision {
  none,
  year,     // "1846"
  month,    // "March 2026"
  day,      // "Dec. 2", "2 December 2025"
  weekday,  // "Monday"
  time,     // "5 p.m.", "00:26"
  relative, // "yesterday", "last week", "that night"
};

// One fact. Spans are byte offsets into the Document's text; a fact never
// outlives the meaning of that Document (it holds no pointers into it).
struct Fact {
  FactKind kind = FactKind::number;
  std::uint32_t sentence = 0; // 0-based index of the (first) sentence it is in
  core::Span span;            // the fact itself: the number with its unit, the quote's words, ...
  std::string text;           // span's bytes, as written
  // Comparison identity: two facts of the same kind with the same key state
  // the same value, however written ("0600" and "06:00" → "time:06:00";
  // "23-year-old" and "23-year old" → "num:23 year-old"). Never empty.
  std::string key;

  // number: parsed value, the unit or counted noun ("dead", "percent",
  // "basis points", "USD", "year-old"; may be empty), and a qualifier hedge
  // ("at least", "more than", "about", "approximately", "nearly"; may be empty).
  double value = 0;
  std::string unit;
  std::string qualifier;

  // date: how precise it is; `key` holds the normalized value.
  DatePrecision precision = DatePrecision::none;

  // entity
  EntityType entity_type = EntityType::other;

  // quote: the speaker and cue verb where the text gives them (may be empty);
  // attribution: `speaker` is the source ("police", "Mayor Ruth Okafor") and
  // `cue` the verb or phrase ("said", "according to", "denied").
  std::string speaker;
  std::string cue;
  // quote: the sentences it spans, [sentence, last_sentence]; for other kinds
  // last_sentence == sentence.
  std::uint32_t last_sentence = 0;
};

// All facts of a document, ordered by span start.
struct DocumentFacts {
  std::vector<Fact> facts;
  // For each sentence, the indices into `facts` of the facts in it (a quote
  // spanning sentences is listed under each of them).
  std::vector<std::vector<std::uint32_t>> by_sentence;
};

struct ExtractOptions {
  // Longest quotation followed across sentences and paragraphs, in sentences,
  // before an unclosed mark is treated as unbalanced. Range 1..200; default 40.
  std::uint32_t max_quote_sentences = 40;
  // Run the entity, quote and attribution extractors on a second thread
  // while this one runs the others, when the machine has two cores and the
  // text holds at least parallel_min_bytes. The facts are the same either
  // way. Off by default: diff::compare already extracts two documents at
  // once; diff::analyze (one document) turns it on.
  // parallel_min_bytes: range 0..4 GiB; default 8 KiB.
  bool parallel = false;
  std::uint32_t parallel_min_bytes = 8 * 1024;
};

// Extracts every fact of `doc`. Always succeeds; linear in the document
// (quotes: linear with the max_quote_sentences bound). May use a second
// thread (ExtractOptions::parallel); `doc` must not change meanwhile.
DocumentFacts extract_facts(const text::Document& doc, const ExtractOptions& options = {});

} // namespace storydiff::extract
