// SPDX-License-Identifier: MIT
#pragma once

// Private to the extract module: the word lists the rule-based entity
// recognizer (entities.cpp) and the polarity extractor (polarity.cpp) use.
// Every list is built once, on first use (thread-safe static init), and looked
// up in O(1); the views returned point into static storage.
#include <string>
#include <string_view>

namespace storydiff::extract::detail {

// Case-sensitive, the word as written without a final period ("Dr", "Sen",
// "Mayor", "Chief"): a title or honorific that goes before a person's name.
bool is_title_head(std::string_view word);
// Words that only form titles together with a title head ("Fire" Chief,
// "Special" Envoy, "Vice" President, "State" Sen., "Prime" Minister).
bool is_title_modifier(std::string_view word);
// Words that make a name an organization ("Police", "Bank", "Ministry", "Inc").
bool is_org_word(std::string_view word);
// Last words that make a name a place ("Street", "Island", "County").
bool is_place_suffix(std::string_view word);
// First words that make a name a place ("Mount", "Port", "Lake", "Fort").
bool is_place_prefix(std::string_view word);
// Common given names (person-shape cue).
bool is_first_name(std::string_view word);
// Month and weekday names and their abbreviations, as written ("Dec", "Monday").
bool is_calendar_word(std::string_view word);
// Lowercased: words that start sentences without naming anything ("the",
// "however", "officials", "police"), never an entity at a sentence start.
bool is_sentence_starter(std::string_view lower_word);
// Capitalized words that are never entities on their own ("I", "Mr", nationality
// adjectives such as "Italian", shouted labels such as "BREAKING").
bool is_never_entity(std::string_view word);
// Lowercase particles inside names ("of", "de", "van", "von", "bin", "la").
bool is_name_connector(std::string_view word);
// Lowercased speech verbs that follow a person ("said", "says", "told").
bool is_speech_verb(std::string_view lower_word);
// The canonical place name of a US state postal-style abbreviation as written
// after a comma ("Ore" → "Oregon", "Calif" → "California"); empty if none.
std::string_view state_abbreviation(std::string_view word);
// Folded full name ("austria", "new york", "british columbia") is a known
// place / a known organization.
bool is_known_place(std::string_view folded_name);
bool is_known_org(std::string_view folded_name);
// Acronyms that name places ("US", "UK", "UAE"), without periods.
bool is_place_acronym(std::string_view acronym);

// ASCII-lowercased copy (non-ASCII bytes kept).
std::string ascii_lower(std::string_view word);

} // namespace storydiff::extract::detail
