// SPDX-License-Identifier: MIT
#include "extractors.hpp"

#include <storydiff/core/second_core.hpp>

#include <algorithm>
#include <future>
#include <iterator>

namespace storydiff::extract {

std::string_view to_string(FactKind kind) {
  switch (kind) {
  case FactKind::number: return "number";
  case FactKind::date: return "date";
  case FactKind::entity: return "entity";
  case FactKind::quote: return "quote";
  case FactKind::attribution: return "attribution";
  case FactKind::hedge: return "hedge";
  case FactKind::negation: return "negation";
  case FactKind::correction: return "correction";
  }
  return "number";
}

std::string_view to_string(EntityType type) {
  switch (type) {
  case EntityType::person: return "person";
  case EntityType::organization: return "organization";
  case EntityType::place: return "place";
  case EntityType::other: return "other";
  }
  return "other";
}

DocumentFacts extract_facts(const text::Document& doc, const ExtractOptions& options) {
  DocumentFacts result;
  std::vector<Fact>& facts = result.facts;
  // Facts are large (six strings): growing the vector moved each of them
  // several times. The corpus averages about one fact per seven tokens.
  facts.reserve(doc.tokens.size() / 6 + 16);
  const detail::TokenInfos info = detail::analyze_tokens(doc);
  // Two independent groups of extractors: entities, then quotes and the
  // attributions around them, read nothing the others write; numbers, dates
  // (which drop the numbers they cover) and polarity (which reads the
  // numbers' qualifiers) depend on each other in that order. The second
  // group may run on another thread; the facts are joined in the order one
  // thread would have appended them (numbers, dates, entities, quotes,
  // attributions, polarity, corrections), so the sort below sees the same
  // input either way.
  auto speech = [&doc, &info, &options](std::vector<Fact>& out) {
    detail::extract_entities(doc, info, out);
    const std::vector<detail::QuoteRegion> quotes =
        detail::extract_quotes(doc, info, options, out);
    detail::extract_attributions(doc, info, quotes, out);
  };
  std::future<std::vector<Fact>> speech_later = core::start_on_second_core(
      options.parallel && doc.text.size() >= options.parallel_min_bytes, [&speech] {
        std::vector<Fact> out;
        speech(out);
        return out;
      });
  detail::extract_numbers(doc, info, facts);
  detail::extract_dates(doc, info, facts);
  if (speech_later.valid()) {
    std::vector<Fact> spoken = speech_later.get();
    const std::size_t polarity_at = facts.size();
    detail::extract_polarity(doc, info, facts);
    detail::extract_corrections(doc, facts);
    // numbers, dates | polarity, corrections → numbers, dates, speech, polarity, corrections
    facts.insert(facts.begin() + static_cast<std::ptrdiff_t>(polarity_at),
                 std::make_move_iterator(spoken.begin()), std::make_move_iterator(spoken.end()));
  } else {
    speech(facts);
    detail::extract_polarity(doc, info, facts);
    detail::extract_corrections(doc, facts);
  }

  // Stable sort by span (start ascending, end descending). Facts are large:
  // sort their indices and move each fact once.
  std::vector<std::uint32_t> order(facts.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(), [&facts](std::uint32_t a, std::uint32_t b) {
    const core::Span& sa = facts[a].span;
    const core::Span& sb = facts[b].span;
    return sa.start != sb.start ? sa.start < sb.start : sa.end > sb.end;
  });
  // Apply the permutation in place, cycle by cycle: a sorted copy would
  // double the facts' memory at the peak of a large diff.
  for (std::uint32_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) {
      continue;
    }
    Fact held = std::move(facts[start]);
    std::uint32_t at = start;
    while (order[at] != start) {
      const std::uint32_t from = order[at];
      facts[at] = std::move(facts[from]);
      order[at] = at;
      at = from;
    }
    facts[at] = std::move(held);
    order[at] = at;
  }
  // Count first, so each sentence's list is allocated once.
  std::vector<std::uint32_t> per_sentence(doc.sentences.size(), 0);
  for (Fact& fact : facts) {
    fact.last_sentence = std::max(fact.last_sentence, fact.sentence);
    for (std::uint32_t s = fact.sentence; s <= fact.last_sentence && s < doc.sentences.size(); ++s) {
      ++per_sentence[s];
    }
  }
  result.by_sentence.resize(doc.sentences.size());
  for (std::size_t s = 0; s < per_sentence.size(); ++s) {
    result.by_sentence[s].reserve(per_sentence[s]);
  }
  for (std::uint32_t i = 0; i < facts.size(); ++i) {
    const Fact& fact = facts[i];
    for (std::uint32_t s = fact.sentence; s <= fact.last_sentence && s < doc.sentences.size(); ++s) {
      result.by_sentence[s].push_back(i);
    }
  }
  return result;
}

} // namespace storydiff::extract
