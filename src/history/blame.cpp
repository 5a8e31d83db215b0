// SPDX-License-Identifier: MIT
#include <storydiff/history/blame.hpp>

#include <storydiff/text/normalize.hpp>

#include <algorithm>
#include <utility>

namespace storydiff::history {

Blame::Blame(BlameOptions options) : m_options(std::move(options)) {}

Blame::Provenance Blame::remember(const text::Document& doc, std::uint32_t i, Provenance fresh) {
  // Keyed by the folded text itself rather than a hash of it: no collision
  // can give a sentence a stranger's origin, and each wording is stored once.
  auto [it, inserted] = m_wordings.try_emplace(text::fold(doc.sentence_text(i)), fresh);
  if (inserted) {
    return fresh;
  }
  // A wording seen before: the text is as it was written then.
  return Provenance{std::min(it->second.introduced, fresh.introduced), it->second.last_changed};
}

void Blame::add(std::string_view article) {
  text::Document doc = text::parse_canonical(article);
  const std::uint32_t rev = m_revisions;
  std::vector<Provenance> provenance(doc.sentences.size());

  if (rev == 0) {
    for (std::uint32_t i = 0; i < doc.sentences.size(); ++i) {
      provenance[i] = remember(doc, i, Provenance{rev, rev});
    }
  } else {
    const align::Alignment alignment = align::align(m_doc, doc, m_options.align);
    m_degraded = m_degraded || alignment.degraded;
    for (const align::SentenceOp& op : alignment.ops) {
      // Equal text (also when moved) carries its provenance over without a
      // lookup: its wording was remembered when it first appeared.
      const bool unchanged = op.op == align::Op::equal ||
                             (op.op == align::Op::moved && op.similarity >= 1.0);
      if (unchanged) {
        provenance[op.new_sentences.front()] = m_provenance[op.old_sentences.front()];
        continue;
      }
      if (op.new_sentences.empty()) {
        continue; // removed: its wording stays remembered for a later restore
      }
      // Edited, moved with edits, split, merged or added: the lineage's
      // earliest origin, changed now, unless the wording is a restored one.
      std::uint32_t introduced = rev;
      for (const std::uint32_t old_index : op.old_sentences) {
        introduced = std::min(introduced, m_provenance[old_index].introduced);
      }
      for (const std::uint32_t new_index : op.new_sentences) {
        provenance[new_index] = remember(doc, new_index, Provenance{introduced, rev});
      }
    }
  }
  m_doc = std::move(doc);
  m_provenance = std::move(provenance);
  ++m_revisions;
}

std::vector<SentenceBlame> Blame::sentences() const {
  std::vector<SentenceBlame> out;
  out.reserve(m_doc.sentences.size());
  for (std::uint32_t i = 0; i < m_doc.sentences.size(); ++i) {
    out.push_back(SentenceBlame{std::string(m_doc.sentence_text(i)), m_doc.sentences[i].paragraph,
                                m_provenance[i].introduced, m_provenance[i].last_changed});
  }
  return out;
}

std::vector<SentenceBlame> blame(std::span<const std::string_view> articles,
                                 const BlameOptions& options) {
  Blame state(options);
  for (const std::string_view article : articles) {
    state.add(article);
  }
  return state.sentences();
}

} // namespace storydiff::history
