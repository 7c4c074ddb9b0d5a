#include "xml_reader.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"

namespace microcosm::xml {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_name_char(char c) {
  return !is_space(c) && c != '>' && c != '/' && c != '=' && c != '<' && c != '"' && c != '\'';
}

void append_utf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

Reader::Reader(std::string text, std::string file_name)
    : data_(std::move(text)), file_(std::move(file_name)) {
  if (data_.size() >= 3 && data_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;  // BOM
}

void Reader::fail(std::string_view message) const { fail_at(event_line_, message); }

void Reader::fail_at(std::size_t line, std::string_view message) const {
  throw InputError(fmt::format("{}:{}: {}", file_, line, message));
}

void Reader::advance_to(std::size_t pos) {
  line_ += static_cast<std::size_t>(
      std::count(data_.begin() + static_cast<std::ptrdiff_t>(pos_),
                 data_.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
  pos_ = pos;
}

std::size_t Reader::find_or_fail(std::string_view what, std::string_view construct) {
  const std::size_t at = data_.find(what, pos_);
  if (at == std::string::npos) fail(fmt::format("unterminated {} (no '{}')", construct, what));
  return at;
}

std::string_view Reader::local_name() const noexcept {
  const std::size_t colon = name_.find(':');
  return colon == std::string::npos ? std::string_view(name_)
                                    : std::string_view(name_).substr(colon + 1);
}

const std::string* Reader::attribute(std::string_view name) const noexcept {
  for (const auto& [k, v] : attributes_) {
    if (k == name) return &v;
  }
  return nullptr;
}

void Reader::decode_into(std::string_view raw, std::string& out) {
  out.clear();
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\r') {  // line-end normalisation
      out += '\n';
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      continue;
    }
    if (c != '&') {
      out += c;
      continue;
    }
    const std::size_t semi = raw.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) {
      fail("'&' does not start a character reference (write &amp;)");
    }
    const std::string_view ref = raw.substr(i + 1, semi - i - 1);
    if (ref == "amp") out += '&';
    else if (ref == "lt") out += '<';
    else if (ref == "gt") out += '>';
    else if (ref == "quot") out += '"';
    else if (ref == "apos") out += '\'';
    else if (ref.size() > 1 && ref[0] == '#') {
      const bool hex = ref[1] == 'x' || ref[1] == 'X';
      const std::string_view digits = ref.substr(hex ? 2 : 1);
      std::uint32_t cp = 0;
      const auto [end, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() ||
          cp > 0x10FFFF) {
        fail(fmt::format("invalid character reference '&{};'", ref));
      }
      append_utf8(cp, out);
    } else {
      fail(fmt::format("unknown entity '&{};'", ref));
    }
    i = semi;
  }
}

Event Reader::next() {
  if (pending_end_) {
    pending_end_ = false;
    open_.pop_back();
    return Event::EndElement;
  }
  for (;;) {
    event_line_ = line_;
    if (pos_ >= data_.size()) {
      if (!open_.empty()) {
        fail(fmt::format("unexpected end of file: <{}> is not closed", open_.back()));
      }
      if (!seen_root_) fail("no XML element found");
      return Event::End;
    }
    if (data_[pos_] != '<') {
      const std::size_t lt = std::min(data_.find('<', pos_), data_.size());
      const std::string_view raw(data_.data() + pos_, lt - pos_);
      if (open_.empty()) {
        if (!std::all_of(raw.begin(), raw.end(), is_space)) {
          fail("text outside the root element");
        }
        advance_to(lt);
        continue;
      }
      decode_into(raw, text_);
      advance_to(lt);
      return Event::Text;
    }
    const std::string_view rest(data_.data() + pos_, data_.size() - pos_);
    if (rest.starts_with("<?")) {
      advance_to(find_or_fail("?>", "processing instruction") + 2);
      continue;
    }
    if (rest.starts_with("<!--")) {
      advance_to(find_or_fail("-->", "comment") + 3);
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      if (open_.empty()) fail("CDATA outside the root element");
      const std::size_t end = find_or_fail("]]>", "CDATA section");
      text_.assign(data_, pos_ + 9, end - pos_ - 9);
      advance_to(end + 3);
      return Event::Text;
    }
    if (rest.starts_with("<!")) {  // DOCTYPE, possibly with an internal subset
      std::size_t i = pos_ + 2;
      int brackets = 0;
      for (; i < data_.size(); ++i) {
        if (data_[i] == '[') ++brackets;
        else if (data_[i] == ']') --brackets;
        else if (data_[i] == '>' && brackets <= 0) break;
      }
      if (i >= data_.size()) fail("unterminated <!DOCTYPE ...>");
      advance_to(i + 1);
      continue;
    }
    if (rest.starts_with("</")) {
      parse_end_tag();
      return Event::EndElement;
    }
    parse_start_tag();
    return Event::StartElement;
  }
}

void Reader::parse_end_tag() {
  std::size_t i = pos_ + 2;
  const std::size_t start = i;
  while (i < data_.size() && is_name_char(data_[i])) ++i;
  name_.assign(data_, start, i - start);
  while (i < data_.size() && is_space(data_[i])) ++i;
  if (i >= data_.size() || data_[i] != '>') fail(fmt::format("malformed end tag </{}", name_));
  if (open_.empty()) fail(fmt::format("end tag </{}> without a start tag", name_));
  if (open_.back() != name_) {
    fail(fmt::format("end tag </{}> does not match <{}>", name_, open_.back()));
  }
  open_.pop_back();
  attributes_.clear();
  advance_to(i + 1);
}

void Reader::parse_start_tag() {
  std::size_t i = pos_ + 1;
  const std::size_t start = i;
  while (i < data_.size() && is_name_char(data_[i])) ++i;
  if (i == start) fail("'<' does not start a tag (write &lt;)");
  name_.assign(data_, start, i - start);
  if (open_.empty() && seen_root_) fail(fmt::format("second root element <{}>", name_));
  attributes_.clear();
  std::string raw_value;
  for (;;) {
    while (i < data_.size() && is_space(data_[i])) ++i;
    if (i >= data_.size()) fail(fmt::format("unterminated start tag <{}", name_));
    if (data_[i] == '>') {
      ++i;
      break;
    }
    if (data_[i] == '/') {
      if (i + 1 >= data_.size() || data_[i + 1] != '>') fail(fmt::format("malformed tag <{}", name_));
      i += 2;
      pending_end_ = true;
      break;
    }
    const std::size_t key_start = i;
    while (i < data_.size() && is_name_char(data_[i])) ++i;
    if (i == key_start) fail(fmt::format("malformed attribute in <{}>", name_));
    std::string key(data_, key_start, i - key_start);
    while (i < data_.size() && is_space(data_[i])) ++i;
    if (i >= data_.size() || data_[i] != '=') {
      fail(fmt::format("attribute '{}' of <{}> has no value", key, name_));
    }
    ++i;
    while (i < data_.size() && is_space(data_[i])) ++i;
    if (i >= data_.size() || (data_[i] != '"' && data_[i] != '\'')) {
      fail(fmt::format("value of attribute '{}' of <{}> is not quoted", key, name_));
    }
    const char quote = data_[i++];
    const std::size_t close = data_.find(quote, i);
    if (close == std::string::npos) fail(fmt::format("unterminated value of attribute '{}'", key));
    std::string value;
    decode_into(std::string_view(data_).substr(i, close - i), value);
    if (attribute(key)) fail(fmt::format("attribute '{}' repeated in <{}>", key, name_));
    attributes_.emplace_back(std::move(key), std::move(value));
    i = close + 1;
  }
  open_.push_back(name_);
  seen_root_ = true;
  advance_to(i);
}

}  // namespace microcosm::xml
