// Internal: a small pull parser for the XML that network files use
// (GraphML). Handles the prolog, comments, processing instructions, a
// DOCTYPE, CDATA, the predefined and numeric character references, and
// checks that tags nest. No DTD validation, no external entities. Errors
// are InputError "file:line: message".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace microcosm::xml {

enum class Event { StartElement, EndElement, Text, End };

class Reader {
 public:
  Reader(std::string text, std::string file_name);

  // Advances to the next event. An empty element <a/> gives StartElement
  // then EndElement. Text events carry decoded character data (possibly
  // only whitespace).
  Event next();

  // Of the current StartElement / EndElement: the qualified name and the
  // name without a namespace prefix.
  const std::string& name() const noexcept { return name_; }
  std::string_view local_name() const noexcept;
  // Attributes of the current StartElement (values decoded), or nullptr.
  const std::string* attribute(std::string_view name) const noexcept;
  // Character data of the current Text event.
  const std::string& text() const noexcept { return text_; }
  // Line (1-based) where the current event starts.
  std::size_t line() const noexcept { return event_line_; }
  std::size_t depth() const noexcept { return open_.size(); }
  const std::string& file_name() const noexcept { return file_; }

  [[noreturn]] void fail(std::string_view message) const;
  [[noreturn]] void fail_at(std::size_t line, std::string_view message) const;

 private:
  void advance_to(std::size_t pos);
  std::size_t find_or_fail(std::string_view what, std::string_view construct);
  void decode_into(std::string_view raw, std::string& out);
  void parse_start_tag();
  void parse_end_tag();

  std::string data_;
  std::string file_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;  // line at pos_
  std::size_t event_line_ = 1;
  std::string name_;
  std::string text_;
  std::vector<std::pair<std::string, std::string>> attributes_;
  std::vector<std::string> open_;
  bool pending_end_ = false;  // an empty element's synthetic EndElement
  bool seen_root_ = false;
};

}  // namespace microcosm::xml
