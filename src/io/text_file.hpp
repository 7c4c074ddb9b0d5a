// Internal: whole-file reads for the network readers, with an InputError
// naming the file when it cannot be opened, and token helpers shared by
// the edge-list and label parsers.
#pragma once

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"

namespace microcosm::io_detail {

inline std::string read_text_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    throw InputError(fmt::format("{}: is a directory, not a network file", file.string()));
  }
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) {
    throw InputError(fmt::format("{}: cannot open ({})", file.string(), std::strerror(errno)));
  }
  // One read into a buffer of the file's size (a stringstream would copy
  // the text several times while growing).
  const std::streamoff size = in.tellg();
  std::string text;
  if (size > 0) {
    text.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(text.data(), size);
  } else if (size < 0) {  // not seekable (a pipe): read as a stream
    in.clear();
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return text;
  }
  if (in.bad() || (size > 0 && in.gcount() != size)) {
    throw InputError(fmt::format("{}: cannot read ({})", file.string(), std::strerror(errno)));
  }
  return text;
}

inline bool is_separator(char c) { return c == ' ' || c == '\t' || c == ',' || c == '\r'; }

// Splits off the next token (separated by spaces, tabs or commas).
inline std::string_view next_token(std::string_view& line) {
  std::size_t i = 0;
  while (i < line.size() && is_separator(line[i])) ++i;
  std::size_t j = i;
  while (j < line.size() && !is_separator(line[j])) ++j;
  const std::string_view token = line.substr(i, j - i);
  line.remove_prefix(j);
  return token;
}

// A line with leading blanks removed is empty or a '#' / '%' comment.
inline bool skippable(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
  return i == line.size() || line[i] == '#' || line[i] == '%';
}

// Calls f(line_number, line) for every line, without the newline.
template <class F>
void for_each_line(std::string_view text, F&& f) {
  std::size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    f(++line_no, text.substr(pos, end - pos));
    pos = end + 1;
  }
}

}  // namespace microcosm::io_detail
