// SPDX-License-Identifier: MIT
#include <storydiff/diff/changes.hpp>

namespace storydiff::diff {

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
  case ChangeKind::claim_added: return "claim_added";
  case ChangeKind::claim_removed: return "claim_removed";
  case ChangeKind::claim_changed: return "claim_changed";
  case ChangeKind::reworded: return "reworded";
  case ChangeKind::claim_moved: return "claim_moved";
  case ChangeKind::claim_split: return "claim_split";
  case ChangeKind::claim_merged: return "claim_merged";
  case ChangeKind::number_added: return "number_added";
  case ChangeKind::number_removed: return "number_removed";
  case ChangeKind::number_changed: return "number_changed";
  case ChangeKind::date_added: return "date_added";
  case ChangeKind::date_removed: return "date_removed";
  case ChangeKind::date_changed: return "date_changed";
  case ChangeKind::entity_added: return "entity_added";
  case ChangeKind::entity_removed: return "entity_removed";
  case ChangeKind::quote_added: return "quote_added";
  case ChangeKind::quote_removed: return "quote_removed";
  case ChangeKind::quote_changed: return "quote_changed";
  case ChangeKind::speaker_changed: return "speaker_changed";
  case ChangeKind::attribution_added: return "attribution_added";
  case ChangeKind::attribution_removed: return "attribution_removed";
  case ChangeKind::attribution_changed: return "attribution_changed";
  case ChangeKind::hedge_added: return "hedge_added";
  case ChangeKind::hedge_removed: return "hedge_removed";
  case ChangeKind::negation_added: return "negation_added";
  case ChangeKind::negation_removed: return "negation_removed";
  case ChangeKind::correction_added: return "correction_added";
  }
  return "claim_changed";
}

std::string_view to_string(Significance significance) {
  switch (significance) {
  case Significance::none: return "none";
  case Significance::style: return "style";
  case Significance::substantive: return "substantive";
  }
  return "none";
}

Significance significance_of(ChangeKind kind) {
  return kind == ChangeKind::reworded || kind == ChangeKind::claim_moved ? Significance::style
                                                                         : Significance::substantive;
}

} // namespace storydiff::diff
