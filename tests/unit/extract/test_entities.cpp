// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <storydiff/extract/facts.hpp>
#include <storydiff/text/normalize.hpp>
#include <storydiff/text/pipeline.hpp>

#include <test_support.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using storydiff::extract::EntityType;
using storydiff::extract::Fact;
using storydiff::extract::FactKind;

storydiff::text::Document read_txt(const std::string& text) {
  storydiff::text::PipelineOptions options;
  options.decode.format = storydiff::text::InputFormat::txt;
  auto result = storydiff::text::read_document(text, options);
  REQUIRE(result);
  return std::move(result->document);
}

std::vector<Fact> entities_of(const std::string& text) {
  const storydiff::text::Document doc = read_txt(text);
  std::vector<Fact> out;
  for (Fact& fact : storydiff::extract::extract_facts(doc).facts) {
    if (fact.kind == FactKind::entity) {
      out.push_back(std::move(fact));
    }
  }
  return out;
}

std::vector<std::string> keys_of(const std::vector<Fact>& facts) {
  std::vector<std::string> keys;
  for (const Fact& fact : facts) {
    keys.push_back(fact.key);
  }
  return keys;
}

bool has_key(const std::vector<Fact>& facts, const std::string& key) {
  return std::any_of(facts.begin(), facts.end(), [&](const Fact& f) { return f.key == key; });
}

const Fact* find_text(const std::vector<Fact>& facts, const std::string& text) {
  const auto it =
      std::find_if(facts.begin(), facts.end(), [&](const Fact& f) { return f.text == text; });
  return it == facts.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("extract::entities keeps titles out of the key and resolves surnames", "[extract]") {
  SECTION("title, full name, then the surname alone") {
    const auto facts = entities_of(
        "The council met on Tuesday. Mayor Ruth Okafor said the plan would pass. "
        "Later, Okafor’s aides left the hall and Okafor declined to comment.");
    const Fact* full = find_text(facts, "Mayor Ruth Okafor");
    REQUIRE(full != nullptr);
    CHECK(full->key == "ent:ruth okafor");
    CHECK(full->entity_type == EntityType::person);
    // The possessive is stripped and both later mentions are the same person.
    const auto okafors = std::count_if(facts.begin(), facts.end(),
                                       [](const Fact& f) { return f.text == "Okafor"; });
    CHECK(okafors == 2);
    for (const Fact& f : facts) {
      if (f.text == "Okafor") {
        CHECK(f.key == "ent:ruth okafor");
        CHECK(f.entity_type == EntityType::person);
      }
    }
    CHECK_FALSE(has_key(facts, "ent:okafor"));
    CHECK_FALSE(has_key(facts, "ent:mayor"));
  }
  SECTION("compound titles and words before a title") {
    const auto facts = entities_of(
        "The fire was set on purpose, Fire Marshal Ken Abara told reporters. "
        "Federal Reserve Chairman Alan Greenspan spoke next to State Sen. Marisol Vance.");
    CHECK(find_text(facts, "Fire Marshal Ken Abara") != nullptr);
    CHECK(has_key(facts, "ent:ken abara"));
    CHECK(has_key(facts, "ent:alan greenspan"));
    CHECK(has_key(facts, "ent:federal reserve"));
    CHECK(has_key(facts, "ent:marisol vance"));
    CHECK_FALSE(has_key(facts, "ent:federal reserve chairman alan greenspan"));
  }
  SECTION("a title alone is not a name") {
    const auto facts = entities_of("The president said the mayor and the Chief would meet.");
    CHECK(facts.empty());
  }
  SECTION("two people with one surname: the nearest earlier full name") {
    const auto facts = entities_of(
        "Silvia Celeste collapsed on Sunday. Her husband, Dr. Fabrizio Celeste, called for help. "
        "Celeste stayed with her.");
    REQUIRE(facts.size() == 3);
    CHECK(facts[2].text == "Celeste");
    CHECK(facts[2].key == "ent:fabrizio celeste");
  }
}

TEST_CASE("extract::entities is not fooled by sentence-initial capitals", "[extract]") {
  SECTION("common sentence starters are not entities") {
    const auto facts = entities_of(
        "Police said the road was closed. Officials said it would reopen. However, "
        "residents were angry. After the storm, the power failed. The bridge held.");
    CHECK(facts.empty());
  }
  SECTION("a sentence-initial word counts when the text also capitalizes it mid-sentence") {
    const auto facts = entities_of("Bayport is quiet tonight. Residents of Bayport said so.");
    REQUIRE(facts.size() == 2);
    CHECK(facts[0].text == "Bayport");
    CHECK(facts[0].sentence == 0);
    CHECK(facts[1].key == facts[0].key);
  }
  SECTION("a single unconfirmed sentence-initial word does not count") {
    const auto facts = entities_of("Bayport is quiet tonight. Nothing else happened.");
    CHECK_FALSE(has_key(facts, "ent:bayport"));
  }
  SECTION("a multi-word name at the start of a sentence counts") {
    const auto facts = entities_of("Reinhard Krepler, chief doctor of the hospital, spoke.");
    REQUIRE(facts.size() == 1);
    CHECK(facts[0].key == "ent:reinhard krepler");
    CHECK(facts[0].entity_type == EntityType::person);
  }
  SECTION("a starter word is dropped from the run it begins") {
    const auto facts = entities_of("The Harbor Foundation gave an award. Police Chief Ann Ray came.");
    CHECK(has_key(facts, "ent:harbor foundation"));
    CHECK(has_key(facts, "ent:ann ray"));
    CHECK_FALSE(has_key(facts, "ent:the harbor foundation"));
    CHECK_FALSE(has_key(facts, "ent:police"));
  }
  SECTION("after an opening quote mark") {
    const auto facts = entities_of("She said: “Nobody expected this,” and left.");
    CHECK(facts.empty());
  }
}

TEST_CASE("extract::entities handles headline case", "[extract]") {
  SECTION("a title-case headline yields only names the body confirms") {
    const auto facts = entities_of(
        "Fire Destroys Lantern Cafe On Main Street\n\n"
        "A fire destroyed the Lantern Cafe early on Friday, the owner said.");
    CHECK(has_key(facts, "ent:lantern cafe"));
    CHECK_FALSE(has_key(facts, "ent:fire destroys lantern cafe on main street"));
    CHECK_FALSE(has_key(facts, "ent:main street"));
    CHECK_FALSE(has_key(facts, "ent:fire destroys"));
    const auto in_headline = std::count_if(facts.begin(), facts.end(),
                                           [](const Fact& f) { return f.sentence == 0; });
    CHECK(in_headline == 1);
  }
  SECTION("an all-caps headline gives no acronyms of its own") {
    const auto facts = entities_of("STORM HITS COAST\n\nThe storm hit the coast at noon.");
    CHECK(facts.empty());
  }
  SECTION("a long sentence full of names is not a headline") {
    const auto facts = entities_of(
        "Voting for the action were: Alan Greenspan, Chairman; Timothy F. Geithner, Vice "
        "Chairman; Roger W. Ferguson, Jr.; and Sandra Pianalto.");
    CHECK(keys_of(facts) == std::vector<std::string>{"ent:alan greenspan",
                                                     "ent:timothy f geithner",
                                                     "ent:roger w ferguson",
                                                     "ent:sandra pianalto"});
    CHECK(find_text(facts, "Roger W. Ferguson, Jr.") != nullptr);
    for (const Fact& f : facts) {
      CHECK(f.entity_type == EntityType::person);
    }
  }
}

TEST_CASE("extract::entities types names and skips non-names", "[extract]") {
  SECTION("acronyms") {
    const auto facts = entities_of(
        "Agents from the FBI joined staff of UNHCR and NATO in the U.S. on Friday.");
    for (const char* key : {"ent:fbi", "ent:unhcr", "ent:nato"}) {
      INFO(key);
      REQUIRE(has_key(facts, key));
    }
    CHECK(find_text(facts, "FBI")->entity_type == EntityType::organization);
    REQUIRE(find_text(facts, "U.S.") != nullptr);
    CHECK(find_text(facts, "U.S.")->key == "ent:us");
    CHECK(find_text(facts, "U.S.")->entity_type == EntityType::place);
  }
  SECTION("organizations with particles") {
    const auto facts = entities_of(
        "A loan from the Bank of England helped the University of Oregon and Acme Corp. grow.");
    REQUIRE(find_text(facts, "Bank of England") != nullptr);
    CHECK(find_text(facts, "Bank of England")->entity_type == EntityType::organization);
    REQUIRE(find_text(facts, "University of Oregon") != nullptr);
    CHECK(find_text(facts, "University of Oregon")->entity_type == EntityType::organization);
    REQUIRE(find_text(facts, "Acme Corp.") != nullptr);
  }
  SECTION("places") {
    const auto facts = entities_of(
        "The crash happened in Bend, Ore., near Copper Hill, and later in Vienna, Austria.");
    REQUIRE(find_text(facts, "Bend") != nullptr);
    CHECK(find_text(facts, "Bend")->entity_type == EntityType::place);
    REQUIRE(find_text(facts, "Ore.") != nullptr);
    CHECK(find_text(facts, "Ore.")->key == "ent:oregon");
    CHECK(find_text(facts, "Copper Hill")->entity_type == EntityType::place);
    CHECK(find_text(facts, "Austria")->entity_type == EntityType::place);
  }
  SECTION("initials, hyphens, apostrophes") {
    const auto facts = entities_of(
        "The report by Anna K. Berg cited Liam O’Brien and Bashar al-Assad by name.");
    REQUIRE(find_text(facts, "Anna K. Berg") != nullptr);
    CHECK(find_text(facts, "Anna K. Berg")->key == "ent:anna k berg");
    CHECK(find_text(facts, "Anna K. Berg")->entity_type == EntityType::person);
    CHECK(find_text(facts, "Liam O’Brien") != nullptr);
    CHECK(find_text(facts, "Bashar al-Assad") != nullptr);
  }
  SECTION("weekdays, months, I, nationalities and times are not entities") {
    const auto facts = entities_of(
        "I think the Italian team arrived on Monday, Dec. 2, at 5 p.m. EST and left in May.");
    CHECK(facts.empty());
  }
  SECTION("a vessel prefix stays out of the key") {
    const auto facts = entities_of(
        "The ferry MV Queen of the North sank on Wednesday. The Queen of the North was old.");
    REQUIRE(facts.size() == 2);
    CHECK(facts[0].key == "ent:queen of the north");
    CHECK(facts[1].key == "ent:queen of the north");
  }
}

TEST_CASE("extract::entities on the corpus: no crash, spans inside the text", "[extract]") {
  const auto corpus = storydiff::test::corpus_dir();
  if (!corpus) {
    WARN("corpus absent: skipped");
    return;
  }
  std::size_t files = 0;
  std::size_t entities = 0;
  for (const auto& story : std::filesystem::directory_iterator(*corpus)) {
    if (!story.is_directory()) {
      continue;
    }
    for (const auto& file : std::filesystem::directory_iterator(story.path())) {
      const std::string name = file.path().filename().string();
      if (name == "SOURCE.md" || name == "README.md") {
        continue;
      }
      storydiff::text::PipelineOptions options;
      options.decode.name = file.path().string();
      auto result =
          storydiff::text::read_document(storydiff::test::read_file(file.path()), options);
      REQUIRE(result);
      const storydiff::text::Document& doc = result->document;
      const auto facts = storydiff::extract::extract_facts(doc);
      ++files;
      for (const Fact& f : facts.facts) {
        if (f.kind != FactKind::entity && f.kind != FactKind::hedge &&
            f.kind != FactKind::negation && f.kind != FactKind::correction) {
          continue;
        }
        INFO(file.path().string() << ": " << f.text << " / " << f.key);
        REQUIRE(f.span.start < f.span.end);
        REQUIRE(f.span.end <= doc.text.size());
        REQUIRE(f.sentence < doc.sentences.size());
        REQUIRE(f.last_sentence < doc.sentences.size());
        CHECK(f.span.start >= doc.sentences[f.sentence].span.start);
        CHECK(f.span.end <= doc.sentences[f.last_sentence].span.end);
        CHECK(f.text == std::string(f.span.of(doc.text)));
        CHECK(f.key.find(':') != std::string::npos);
        CHECK(f.key.back() != ':');
        entities += f.kind == FactKind::entity ? 1 : 0;
      }
    }
  }
  CHECK(files > 0);
  CHECK(entities > 0);
}

TEST_CASE("extract::entities keys are the folded names", "[extract]") {
  SECTION("accented names: the key is text::fold of the name, in body and headline") {
    const auto facts = entities_of(
        "Brünner Meets Øyvind Ås\n\n"
        "Mayor Élodie Brünner met Øyvind Ås in Zürich on Friday. Brünner said the talks "
        "went well.");
    const std::string person = "ent:" + storydiff::text::fold("Élodie Brünner");
    const std::string guest = "ent:" + storydiff::text::fold("Øyvind Ås");
    CHECK(person != "ent:Élodie Brünner"); // folding changed it
    const auto count = [&facts](const std::string& key) {
      return std::count_if(facts.begin(), facts.end(),
                           [&key](const Fact& f) { return f.key == key; });
    };
    // The body's full name, the surname after it and the headline surname.
    CHECK(count(person) == 3);
    // The body's name and the headline's, matched by its key.
    CHECK(count(guest) == 2);
    CHECK(has_key(facts, "ent:" + storydiff::text::fold("Zürich")));
  }
  SECTION("a sentence-initial word the text also writes in lower case leaves the name") {
    const auto dropped = entities_of(
        "Fresh Bayport water is scarce. It was fresh yesterday in Bayport.");
    CHECK(has_key(dropped, "ent:bayport"));
    CHECK_FALSE(has_key(dropped, "ent:fresh bayport"));
    const auto kept = entities_of("Fresh Bayport water is scarce. Bayport is dry.");
    CHECK(has_key(kept, "ent:fresh bayport"));
  }
}
