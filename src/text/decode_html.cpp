// SPDX-License-Identifier: MIT
// HTML → blocks with libxml2's HTML parser (an HTML 4 parser that copes with
// HTML5 tags and broken markup) and its XPath engine for --select.
//
// Decisions:
// - The tree is walked iteratively through parent/next pointers: a page with
//   100,000 nested <div>s must not exhaust the C++ stack.
// - libxml2 stops parsing at 256 levels of nesting unless XML_PARSE_HUGE is
//   set, and with XML_PARSE_HUGE its recovery from unclosed tags becomes
//   quadratic (an unmatched end tag scans the whole open-element stack:
//   30,000 levels took 3 s, 100,000 took 35 s). So we keep the limit and
//   report a page that hits it as invalid_input instead of silently keeping
//   only the part before it.
// - Dropped with their content: script, style, noscript, template, head,
//   nav, aside, header, footer, form, button, select, textarea, svg, iframe,
//   object, embed, canvas, video, audio, figure (pictures and their
//   captions: captions and credits churn with the pictures and are not the
//   story's claims), and any element with the `hidden` attribute or
//   aria-hidden="true".
// - Block elements end the current block; text of inline elements joins it.
//   td/th are blocks, so each table cell is a paragraph.
// - Source anchors: libxml2 records line numbers only (and caps them at
//   65535), so each text node is located by searching for its first bytes
//   near the start of its line; failing that it maps to the line start.
#include "decode_internal.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_set>

namespace storydiff::text::detail {

namespace {

constexpr long k_max_line_number = 65535; // libxml2 stores lines in 16 bits
constexpr std::size_t k_anchor_search_window = 4096;
constexpr std::size_t k_anchor_prefix = 16;

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct ParserFree {
  void operator()(htmlParserCtxt* ctxt) const { htmlFreeParserCtxt(ctxt); }
};
struct XPathContextFree {
  void operator()(xmlXPathContext* ctx) const { xmlXPathFreeContext(ctx); }
};
struct XPathCompFree {
  void operator()(xmlXPathCompExpr* comp) const { xmlXPathFreeCompExpr(comp); }
};
struct XPathObjectFree {
  void operator()(xmlXPathObject* obj) const { xmlXPathFreeObject(obj); }
};

void init_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string_view name_of(const xmlNode* node) {
  return node->name == nullptr ? std::string_view{} : reinterpret_cast<const char*>(node->name);
}

std::string_view content_of(const xmlNode* node) {
  return node->content == nullptr ? std::string_view{}
                                  : reinterpret_cast<const char*>(node->content);
}

// The value of attribute `name` (HTML names are lower case), without
// allocating: HTML attribute values are a single text child.
std::optional<std::string_view> attribute_value(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (attr->name != nullptr && reinterpret_cast<const char*>(attr->name) == name) {
      if (attr->children != nullptr && attr->children->next == nullptr &&
          attr->children->type == XML_TEXT_NODE) {
        return content_of(attr->children);
      }
      return std::string_view{};
    }
  }
  return std::nullopt;
}

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) {
    return {};
  }
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

enum class Role { skip, inline_text, line_break, paragraph, heading, list_item };

// role_of runs twice for every element of the page: compare the length and
// first letter inline and call memcmp only for a likely match.
template <std::size_t N>
bool one_of(std::string_view name, const std::array<std::string_view, N>& names) {
  return !name.empty() && std::any_of(names.begin(), names.end(), [&](std::string_view n) {
           return n.size() == name.size() && n[0] == name[0] && n == name;
         });
}

Role role_of(const xmlNode* element) {
  static constexpr std::array<std::string_view, 22> k_skipped = {
      "script", "style",  "noscript", "template", "head",  "nav",    "aside",  "header",
      "footer", "form",   "button",   "select",   "textarea", "svg", "iframe", "object",
      "embed",  "canvas", "video",    "audio",    "figure", "math"};
  static constexpr std::array<std::string_view, 31> k_blocks = {
      "p",       "div",     "blockquote", "dd",      "dt",     "td",      "th",     "pre",
      "section", "article", "main",       "ul",      "ol",     "dl",      "table",  "tr",
      "thead",   "tbody",   "tfoot",      "caption", "address", "center", "details", "summary",
      "fieldset", "legend", "hr",         "body",    "html",   "hgroup",  "figcaption"};
  const std::string_view name = name_of(element);
  if (name == "br") {
    return Role::line_break;
  }
  if (one_of(name, k_skipped)) {
    return Role::skip;
  }
  if (element->properties != nullptr &&
      (attribute_value(element, "hidden") || attribute_value(element, "aria-hidden") == "true")) {
    return Role::skip;
  }
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
    return Role::heading;
  }
  if (name == "li") {
    return Role::list_item;
  }
  if (one_of(name, k_blocks)) {
    return Role::paragraph;
  }
  return Role::inline_text;
}

// Visits the subtree of `root` in document order without recursion:
// enter(node) returns whether to descend; leave(node) follows every enter.
template <typename Enter, typename Leave>
void walk(xmlNode* root, Enter&& enter, Leave&& leave) {
  xmlNode* node = root;
  while (node != nullptr) {
    if (enter(node) && node->children != nullptr) {
      node = node->children;
      continue;
    }
    for (;;) {
      leave(node);
      if (node == root) {
        return;
      }
      if (node->next != nullptr) {
        node = node->next;
        break;
      }
      node = node->parent;
    }
  }
}

// The text of a small element (a title, a heading), whitespace folded.
std::string folded_text(xmlNode* root) {
  std::string out;
  walk(
      root,
      [&](xmlNode* node) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
          out.append(content_of(node));
        }
        return node->type == XML_ELEMENT_NODE;
      },
      [](xmlNode*) {});
  std::string folded;
  bool space = false;
  for (char c : out) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !folded.empty();
      continue;
    }
    if (space) {
      folded.push_back(' ');
      space = false;
    }
    folded.push_back(c);
  }
  return folded;
}

// What one pass over the whole document finds.
struct Landmarks {
  std::string title;
  std::string og_title;
  std::string first_h1;
  std::vector<xmlNode*> articles; // outermost <article>s
  xmlNode* main = nullptr;
  xmlNode* body = nullptr;
};

Landmarks find_landmarks(xmlDoc* doc) {
  Landmarks found;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) {
    return found;
  }
  std::size_t article_depth = 0;
  walk(
      root,
      [&](xmlNode* node) {
        if (node->type != XML_ELEMENT_NODE) {
          return false;
        }
        const std::string_view name = name_of(node);
        if (name == "script" || name == "style" || name == "template") {
          return false;
        }
        if (name == "title" && found.title.empty()) {
          found.title = folded_text(node);
          return false;
        }
        if (name == "meta" && found.og_title.empty() && attribute(node, "property") == "og:title") {
          found.og_title = attribute(node, "content");
        } else if (name == "h1" && found.first_h1.empty()) {
          found.first_h1 = folded_text(node);
        } else if (name == "article") {
          if (article_depth++ == 0) {
            found.articles.push_back(node);
          }
        } else if (name == "main" && found.main == nullptr) {
          found.main = node;
        } else if (name == "body" && found.body == nullptr) {
          found.body = node;
        }
        return true;
      },
      [&](xmlNode* node) {
        if (node->type == XML_ELEMENT_NODE && name_of(node) == "article") {
          --article_depth;
        }
      });
  return found;
}

// Turns the selected subtrees into blocks.
class BlockCollector {
public:
  enum class Overlap { none, possible };
  BlockCollector(const PreparedInput& input, DecodedText& out, Overlap overlap)
      : m_input(input), m_mapped(input.mapped()), m_out(out),
        m_track_covered(overlap == Overlap::possible) {
    m_line_starts.push_back(0);
    for (std::size_t pos = input.text.find('\n'); pos != std::string::npos;
         pos = input.text.find('\n', pos + 1)) {
      m_line_starts.push_back(pos + 1);
    }
  }

  // Collects `root`'s blocks unless an earlier root contained it.
  void collect(xmlNode* root) {
    if (m_covered.contains(root)) {
      return;
    }
    if (root->type == XML_TEXT_NODE || root->type == XML_CDATA_SECTION_NODE) {
      append_text(root);
      flush(BlockKind::paragraph);
      return;
    }
    if (root->type == XML_ATTRIBUTE_NODE) {
      const std::string value = attribute(root->parent, reinterpret_cast<const char*>(root->name));
      m_builder.append_synthetic(value, m_mapped.source_offset(line_start(root->parent)));
      flush(BlockKind::paragraph);
      return;
    }
    if (root->type != XML_ELEMENT_NODE && root->type != XML_HTML_DOCUMENT_NODE &&
        root->type != XML_DOCUMENT_NODE) {
      return;
    }
    walk(
        root,
        [&](xmlNode* node) { return enter(node, node == root); },
        [&](xmlNode* node) { leave(node); });
  }

private:
  Role role(xmlNode* node, bool is_root) const {
    if (is_root) {
      // A selected element is read even if it is of a kind we drop inside.
      const Role r = role_of(node);
      return (r == Role::heading || r == Role::list_item) ? r : Role::paragraph;
    }
    return role_of(node);
  }

  bool enter(xmlNode* node, bool is_root) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      append_text(node);
      return false;
    }
    if (node->type != XML_ELEMENT_NODE) {
      return node->type == XML_HTML_DOCUMENT_NODE || node->type == XML_DOCUMENT_NODE;
    }
    if (m_track_covered) {
      m_covered.insert(node);
    }
    // Once per element (role_of was a tenth of the tree walk when enter and
    // leave each asked): leave() takes it back from m_roles, which pairs
    // with enter because walk() leaves nodes in the reverse order it
    // entered them.
    const Role r = role(node, is_root);
    m_roles.push_back(r);
    switch (r) {
    case Role::skip:
      return false;
    case Role::line_break:
      if (!m_builder.empty()) {
        m_builder.append_synthetic("\n", m_mapped.source_offset(line_start(node)));
      }
      return false;
    case Role::inline_text:
      return true;
    case Role::paragraph:
    case Role::heading:
    case Role::list_item: {
      flush(current_kind());
      BlockKind kind = r == Role::heading     ? BlockKind::heading
                       : r == Role::list_item ? BlockKind::list_item
                                              : BlockKind::paragraph;
      // A <p> inside an <li> or a heading stays a list item or heading.
      if (kind == BlockKind::paragraph && !m_kinds.empty()) {
        kind = m_kinds.back();
      }
      m_kinds.push_back(kind);
      return true;
    }
    }
    return true;
  }

  void leave(xmlNode* node) {
    if (node->type != XML_ELEMENT_NODE) {
      return;
    }
    const Role r = m_roles.back();
    m_roles.pop_back();
    if (r == Role::paragraph || r == Role::heading || r == Role::list_item) {
      flush(current_kind());
      m_kinds.pop_back();
    }
  }

  BlockKind current_kind() const {
    return m_kinds.empty() ? BlockKind::paragraph : m_kinds.back();
  }

  void flush(BlockKind kind) {
    if (auto block = m_builder.finish(kind)) {
      m_out.blocks.push_back(std::move(*block));
    }
  }

  // Prepared-text offset of the start of `node`'s line (libxml2 gives the
  // line on which the node ended for text, started for elements).
  std::size_t line_start(const xmlNode* node, std::size_t newlines_inside = 0) const {
    const long line = xmlGetLineNo(node);
    if (line <= 0 || line >= k_max_line_number) {
      return m_cursor;
    }
    const auto index = static_cast<std::size_t>(line - 1);
    const std::size_t start_line = index >= newlines_inside ? index - newlines_inside : 0;
    return m_line_starts[std::min(start_line, m_line_starts.size() - 1)];
  }

  void append_text(xmlNode* node) {
    const std::string_view text = content_of(node);
    if (text.empty()) {
      return;
    }
    const std::size_t lead = std::min(text.find_first_not_of(" \t\n\r\f"), text.size());
    if (lead == text.size()) { // whitespace between inline elements still separates words
      m_builder.append_synthetic(" ", m_mapped.source_offset(m_cursor));
      return;
    }
    // memchr from line end to line end: text nodes hold few, and std::count
    // looked at every byte (a third of this function).
    std::size_t newlines = 0;
    for (std::size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1)) {
      ++newlines;
    }
    const std::size_t guess = line_start(node, newlines);
    // The first bytes without characters that may have been written as
    // references in the source.
    std::size_t prefix = 0;
    while (prefix < k_anchor_prefix && lead + prefix < text.size()) {
      const char c = text[lead + prefix];
      if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' ||
          static_cast<unsigned char>(c) >= 0x80) {
        break;
      }
      ++prefix;
    }
    std::size_t found = std::string_view::npos;
    if (prefix > 0) {
      const std::string_view haystack =
          std::string_view(m_input.text).substr(guess, k_anchor_search_window + text.size());
      const std::size_t at = haystack.find(text.substr(lead, prefix));
      if (at != std::string_view::npos) {
        found = guess + at;
        m_cursor = found + prefix;
      }
    }
    const std::uint32_t source = m_mapped.source_offset(found != std::string_view::npos ? found : guess);
    m_builder.append_synthetic(text.substr(0, lead), source);
    m_builder.append_synthetic(text.substr(lead), source);
  }

  const PreparedInput& m_input;
  MappedText m_mapped;
  DecodedText& m_out;
  BlockBuilder m_builder;
  std::vector<BlockKind> m_kinds;
  std::vector<Role> m_roles; // of the elements entered and not yet left
  std::vector<std::size_t> m_line_starts;
  bool m_track_covered;
  std::unordered_set<const xmlNode*> m_covered; // elements read, when roots may nest
  std::size_t m_cursor = 0;
};

struct XPathError {
  std::string message;
};

void record_xpath_error(void* user, xmlError* error) {
  auto* out = static_cast<XPathError*>(user);
  if (out->message.empty() && error != nullptr && error->message != nullptr) {
    out->message = error->message;
    while (!out->message.empty() && (out->message.back() == '\n' || out->message.back() == ' ')) {
      out->message.pop_back();
    }
  }
}

core::Failure xpath_failure(const std::string& expression, const std::string& why) {
  return core::fail(core::ErrorCode::invalid_input,
                    "invalid XPath expression '" + expression + "'" +
                        (why.empty() ? std::string{} : " (" + why + ")"));
}

} // namespace

core::Result<DecodedText> decode_html(const PreparedInput& input, const std::string& select) {
  init_libxml2();
  DecodedText out;
  if (input.text.size() > static_cast<std::size_t>(INT_MAX)) {
    return core::fail(core::ErrorCode::invalid_input, "HTML input is larger than 2 GiB");
  }

  // The selector is compiled first, so a bad one is reported for any page.
  XPathError error;
  std::unique_ptr<xmlXPathContext, XPathContextFree> context;
  std::unique_ptr<xmlXPathCompExpr, XPathCompFree> comp;
  if (!select.empty()) {
    context.reset(xmlXPathNewContext(nullptr));
    if (!context) {
      return xpath_failure(select, "cannot create an XPath context");
    }
    // Errors go to `error`, never to stderr.
    context->error = record_xpath_error;
    context->userData = &error;
    comp.reset(xmlXPathCtxtCompile(context.get(), reinterpret_cast<const xmlChar*>(select.c_str())));
    if (!comp) {
      if (error.message.empty() && context->lastError.message != nullptr) {
        record_xpath_error(&error, &context->lastError);
      }
      return xpath_failure(select, error.message);
    }
  }

  std::unique_ptr<htmlParserCtxt, ParserFree> parser(htmlNewParserCtxt());
  if (!parser) {
    return core::fail(core::ErrorCode::invalid_input, "cannot create an HTML parser");
  }
  constexpr int k_options =
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  std::unique_ptr<xmlDoc, DocFree> doc(htmlCtxtReadMemory(parser.get(), input.text.data(),
                                                          static_cast<int>(input.text.size()),
                                                          nullptr, "UTF-8", k_options));
  if (parser->disableSAX != 0) {
    // The parser gave up part-way (nesting deeper than 256 elements, or out
    // of memory): the rest of the page would be silently missing.
    std::string why = parser->lastError.message == nullptr ? "" : parser->lastError.message;
    if (why.find("Excessive depth") != std::string::npos) {
      why = "elements are nested more than 256 deep";
    }
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) {
      why.pop_back();
    }
    return core::fail(core::ErrorCode::invalid_input,
                      "cannot read the HTML" + (why.empty() ? std::string{} : " (" + why + ")"));
  }
  if (!doc) {
    return out; // nothing to read (empty input)
  }

  const Landmarks landmarks = find_landmarks(doc.get());
  out.title = !landmarks.title.empty()      ? landmarks.title
              : !landmarks.og_title.empty() ? landmarks.og_title
                                            : landmarks.first_h1;
  BlockCollector collector(input, out,
                           select.empty() ? BlockCollector::Overlap::none
                                          : BlockCollector::Overlap::possible);
  if (select.empty()) {
    if (!landmarks.articles.empty()) {
      for (xmlNode* article : landmarks.articles) {
        collector.collect(article);
      }
    } else if (landmarks.main != nullptr) {
      collector.collect(landmarks.main);
    } else if (landmarks.body != nullptr) {
      collector.collect(landmarks.body);
    } else if (xmlNode* root = xmlDocGetRootElement(doc.get())) {
      collector.collect(root);
    }
    return out;
  }

  context->doc = doc.get();
  context->node = reinterpret_cast<xmlNode*>(doc.get());
  std::unique_ptr<xmlXPathObject, XPathObjectFree> result(
      xmlXPathCompiledEval(comp.get(), context.get()));
  if (!result) {
    return xpath_failure(select, error.message.empty() ? "it cannot be evaluated" : error.message);
  }
  if (result->type != XPATH_NODESET) {
    return xpath_failure(select, "it does not select elements");
  }
  if (result->nodesetval != nullptr) {
    for (int k = 0; k < result->nodesetval->nodeNr; ++k) {
      collector.collect(result->nodesetval->nodeTab[k]);
    }
  }
  return out;
}

} // namespace storydiff::text::detail
