// SPDX-License-Identifier: MIT
#include "abbreviations.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace storydiff::text::detail {
namespace {

using Kind = AbbreviationKind;

// Sorted by word (std::string_view order, i.e. byte order) for binary search;
// checked once by a static_assert below. US state abbreviations (AP style:
// "PORT HALLEY, Ore. (Wire) —") are final_capable like "Inc.".
constexpr std::array<std::pair<std::string_view, Kind>, 127> k_abbreviations{{
    {"A.M", Kind::final_capable}, {"Adm", Kind::title}, {"Ala", Kind::final_capable},
    {"Amb", Kind::title}, {"Apr", Kind::month}, {"Ariz", Kind::final_capable},
    {"Ark", Kind::final_capable}, {"Art", Kind::before_number}, {"Atty", Kind::title},
    {"Aug", Kind::month}, {"Ave", Kind::final_capable}, {"Blvd", Kind::final_capable},
    {"Brig", Kind::title}, {"Bros", Kind::final_capable}, {"Calif", Kind::final_capable},
    {"Capt", Kind::title}, {"Cdr", Kind::title}, {"Cmdr", Kind::title},
    {"Co", Kind::final_capable}, {"Col", Kind::title}, {"Colo", Kind::final_capable},
    {"Conn", Kind::final_capable}, {"Corp", Kind::final_capable}, {"Cpl", Kind::title},
    {"Dec", Kind::month}, {"Del", Kind::final_capable}, {"Det", Kind::title},
    {"Dr", Kind::title}, {"Esq", Kind::final_capable}, {"Feb", Kind::month},
    {"Fig", Kind::before_number}, {"Fla", Kind::final_capable}, {"Fr", Kind::title},
    {"Ft", Kind::title}, {"Ga", Kind::final_capable}, {"Gen", Kind::title},
    {"Gov", Kind::title}, {"Hon", Kind::title}, {"Ill", Kind::final_capable},
    {"Inc", Kind::final_capable}, {"Ind", Kind::final_capable}, {"Insp", Kind::title},
    {"Jan", Kind::month}, {"Jr", Kind::final_capable}, {"Jul", Kind::month},
    {"Jun", Kind::month}, {"Kan", Kind::final_capable}, {"Ky", Kind::final_capable},
    {"La", Kind::final_capable}, {"Lt", Kind::title}, {"Ltd", Kind::final_capable},
    {"Maj", Kind::title}, {"Mar", Kind::month}, {"Mass", Kind::final_capable},
    {"Md", Kind::final_capable}, {"Messrs", Kind::title}, {"Mich", Kind::final_capable},
    {"Minn", Kind::final_capable}, {"Miss", Kind::final_capable}, {"Mmes", Kind::title},
    {"Mo", Kind::final_capable}, {"Mont", Kind::final_capable}, {"Mr", Kind::title},
    {"Mrs", Kind::title}, {"Ms", Kind::title}, {"Mt", Kind::title},
    {"Neb", Kind::final_capable}, {"Nev", Kind::final_capable}, {"No", Kind::before_number},
    {"Nos", Kind::before_number}, {"Nov", Kind::month}, {"Oct", Kind::month},
    {"Okla", Kind::final_capable}, {"Ore", Kind::final_capable}, {"P.M", Kind::final_capable},
    {"PLC", Kind::final_capable}, {"Pa", Kind::final_capable}, {"Plc", Kind::final_capable},
    {"Pres", Kind::title}, {"Prof", Kind::title}, {"Pt", Kind::title},
    {"Pvt", Kind::title}, {"Rd", Kind::final_capable}, {"Rep", Kind::title},
    {"Reps", Kind::title}, {"Rev", Kind::title}, {"Rt", Kind::title},
    {"Sen", Kind::title}, {"Sens", Kind::title}, {"Sep", Kind::month},
    {"Sept", Kind::month}, {"Sgt", Kind::title}, {"Sr", Kind::final_capable},
    {"St", Kind::title}, {"Ste", Kind::title}, {"Supt", Kind::title},
    {"Tenn", Kind::final_capable}, {"U.K", Kind::final_capable}, {"U.N", Kind::final_capable},
    {"U.S", Kind::final_capable}, {"Va", Kind::final_capable}, {"Vol", Kind::before_number},
    {"Vt", Kind::final_capable}, {"Wash", Kind::final_capable}, {"Wis", Kind::final_capable},
    {"Wyo", Kind::final_capable}, {"a.m", Kind::final_capable}, {"approx", Kind::never_final},
    {"art", Kind::before_number}, {"ca", Kind::before_number}, {"cf", Kind::never_final},
    {"ch", Kind::before_number}, {"e.g", Kind::never_final}, {"est", Kind::before_number},
    {"etc", Kind::final_capable}, {"fig", Kind::before_number}, {"i.e", Kind::never_final},
    {"no", Kind::before_number}, {"nos", Kind::before_number}, {"p", Kind::before_number},
    {"p.m", Kind::final_capable}, {"para", Kind::before_number}, {"pp", Kind::before_number},
    {"sec", Kind::before_number}, {"viz", Kind::never_final}, {"vol", Kind::before_number},
    {"vs", Kind::never_final},
}};

// Words that commonly open a news sentence (sorted, byte order). Day names,
// "Today" and the like are left out on purpose: "at 5 p.m. Monday" is one
// sentence.
constexpr std::array<std::string_view, 86> k_sentence_starters{
    "A",         "According", "After",     "Afterward", "Again",   "Also",       "Although",
    "Among",     "An",        "And",       "Another",   "As",      "At",         "Because",
    "Before",    "Both",      "But",       "By",        "Despite", "During",     "Each",
    "Earlier",   "Either",    "Even",      "Every",     "Few",     "For",        "From",
    "Further",   "He",        "Her",       "Here",      "His",     "How",        "However",
    "I",         "If",        "In",        "Instead",   "It",      "Its",        "Later",
    "Many",      "Meanwhile", "More",      "Moreover",  "Most",    "My",         "Neither",
    "No",        "None",      "Nor",       "Not",       "Now",     "On",         "Once",
    "One",       "Only",      "Or",        "Other",     "Others",  "Our",        "She",
    "Since",     "So",        "Some",      "Still",     "Such",    "That",       "The",
    "Their",     "Then",      "There",     "These",     "They",    "This",       "Those",
    "Though",    "Thus",      "To",        "Under",     "Until",   "We",         "What",
    "When",      "While",
};

template <typename Array, typename Key>
constexpr bool is_sorted_by(const Array& items, Key key) {
  for (std::size_t i = 1; i < items.size(); ++i) {
    if (!(key(items[i - 1]) < key(items[i]))) {
      return false;
    }
  }
  return true;
}
static_assert(is_sorted_by(k_abbreviations, [](const auto& item) { return item.first; }),
              "k_abbreviations must be sorted and unique");
static_assert(is_sorted_by(k_sentence_starters, [](std::string_view item) { return item; }),
              "k_sentence_starters must be sorted and unique");

Kind lookup(std::string_view word) {
  const auto* it = std::lower_bound(k_abbreviations.begin(), k_abbreviations.end(), word,
                                    [](const auto& item, std::string_view w) { return item.first < w; });
  if (it != k_abbreviations.end() && it->first == word) {
    return it->second;
  }
  return Kind::none;
}

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_alpha(char c) { return is_ascii_upper(c) || is_ascii_lower(c); }

// A single capital letter, ASCII or a 2-byte UTF-8 Latin capital (À..Þ, Ł, Š, ...).
bool is_initial(std::string_view word) {
  if (word.size() == 1) {
    return is_ascii_upper(word[0]);
  }
  if (word.size() == 2) {
    const auto lead = static_cast<unsigned char>(word[0]);
    const auto next = static_cast<unsigned char>(word[1]);
    // U+00C0..U+00DE except U+00D7 (×): the Latin-1 capitals.
    return lead == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97;
  }
  return false;
}

// "N.Y", "Ph.D", "U.S.A": two or more groups of 1-3 letters joined by periods.
bool is_dotted_letters(std::string_view word) {
  std::size_t groups = 0;
  std::size_t run = 0;
  for (char c : word) {
    if (c == '.') {
      if (run == 0) {
        return false;
      }
      ++groups;
      run = 0;
    } else if (is_ascii_alpha(c) && run < 3) {
      ++run;
    } else {
      return false;
    }
  }
  return run > 0 && groups >= 1;
}

} // namespace

AbbreviationKind classify_abbreviation(std::string_view word) {
  if (word.empty()) {
    return Kind::none;
  }
  if (const Kind kind = lookup(word); kind != Kind::none) {
    return kind;
  }
  // "ST. LOUIS", "GOV. CHEN": datelines and headlines in capitals.
  if (word.size() > 1 && std::all_of(word.begin(), word.end(), is_ascii_upper)) {
    std::string title_case(word);
    std::transform(title_case.begin() + 1, title_case.end(), title_case.begin() + 1,
                   [](char c) { return static_cast<char>(c - 'A' + 'a'); });
    if (const Kind kind = lookup(title_case); kind != Kind::none) {
      return kind;
    }
  }
  if (is_initial(word) || is_dotted_letters(word)) {
    return Kind::final_capable;
  }
  return Kind::none;
}

bool is_sentence_starter(std::string_view word) {
  return std::binary_search(k_sentence_starters.begin(), k_sentence_starters.end(), word);
}

} // namespace storydiff::text::detail
