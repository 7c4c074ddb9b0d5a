// Checkpoint files: a simulation's full state at one step, so a run can be
// resumed (bit-identical to an uninterrupted run) or branched into
// counterfactuals ("same society, different policy"; docs/checkpoints.md).
//
// A model writes its state as named sections (StateWriter) and reads them
// back in the same order (StateReader). A section is a length-prefixed array
// of one arithmetic type, or a list of strings; sizes and element types are
// checked on reading, so a model built from a different population fails
// with a message naming the section instead of reading garbage.
//
// File layout (native little-endian; the engine writes the header sections):
//   "MCCKPT\r\n"  8-byte magic
//   u32           format version (kCheckpointFormat)
//   u64           payload length
//   payload       sections: name (u32 length + bytes), element type (u8),
//                 element size (u8), count (u64), data
//   u64           checksum of the payload (64-bit FNV-1a over 8-byte words)
// A truncated or corrupted file is rejected with an InputError naming it.
// Files are written atomically (temporary file in the same directory, then
// rename), so a crash never leaves a half-written checkpoint.
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "microcosm/core/error.hpp"

namespace microcosm {

inline constexpr std::uint32_t kCheckpointFormat = 1;

namespace checkpoint_detail {
// Element type codes: 0 string list, then 1 + (float ? 16 : signed ? 8 : 0) + log2(size).
template <class T>
constexpr std::uint8_t type_code() {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>,
                "checkpoint sections hold arithmetic types (store bool as uint8_t)");
  std::uint8_t log2 = sizeof(T) == 1 ? 0 : sizeof(T) == 2 ? 1 : sizeof(T) == 4 ? 2 : 3;
  return static_cast<std::uint8_t>(1 + (std::is_floating_point_v<T> ? 16 : 0) +
                                   (std::is_signed_v<T> ? 8 : 0) + log2);
}
std::string type_name(std::uint8_t code);
}  // namespace checkpoint_detail

class StateWriter {
 public:
  explicit StateWriter(std::string model_name) : model_(std::move(model_name)) {}
  const std::string& model_name() const noexcept { return model_; }

  template <class T, class Alloc>
  void put(std::string_view name, const std::vector<T, Alloc>& v) {
    put_raw(name, checkpoint_detail::type_code<T>(), sizeof(T), v.size(), v.data());
  }
  template <class T>
  void put(std::string_view name, const T* data, std::size_t count) {
    put_raw(name, checkpoint_detail::type_code<T>(), sizeof(T), count, data);
  }
  template <class T>
    requires std::is_arithmetic_v<T>
  void put(std::string_view name, T value) {
    if constexpr (std::is_same_v<T, bool>) {
      const auto b = static_cast<std::uint8_t>(value);
      put_raw(name, checkpoint_detail::type_code<std::uint8_t>(), 1, 1, &b);
    } else {
      put_raw(name, checkpoint_detail::type_code<T>(), sizeof(T), 1, &value);
    }
  }
  void put_strings(std::string_view name, const std::vector<std::string>& list);
  void put_string(std::string_view name, const std::string& s) { put_strings(name, {s}); }

  const std::vector<std::uint8_t>& payload() const noexcept { return bytes_; }

 private:
  void put_raw(std::string_view name, std::uint8_t type, std::size_t elem, std::uint64_t count,
               const void* data);
  void append(const void* p, std::size_t n);
  std::string model_;
  std::vector<std::uint8_t> bytes_;
};

class StateReader {
 public:
  // `source` (the file name) prefixes every error message.
  StateReader(std::vector<std::uint8_t> payload, std::string source, std::string model_name);
  const std::string& source() const noexcept { return source_; }
  const std::string& model_name() const noexcept { return model_; }
  void set_model_name(std::string name) { model_ = std::move(name); }

  // The next section must be called `name` and hold T; `v` takes its size.
  template <class T, class Alloc>
  void get(std::string_view name, std::vector<T, Alloc>& v) {
    const std::uint64_t count = next(name, checkpoint_detail::type_code<T>(), sizeof(T));
    v.resize(static_cast<std::size_t>(count));
    take(v.data(), static_cast<std::size_t>(count) * sizeof(T));
  }
  // As get(), but the section must have exactly v.size() elements (the
  // shape the freshly built model already has).
  template <class T, class Alloc>
  void get_same_size(std::string_view name, std::vector<T, Alloc>& v) {
    get_exact(name, v.data(), v.size());
  }
  template <class T>
  void get_exact(std::string_view name, T* data, std::size_t expected) {
    const std::uint64_t count = next(name, checkpoint_detail::type_code<T>(), sizeof(T));
    if (count != expected) size_mismatch(name, count, expected);
    take(data, static_cast<std::size_t>(count) * sizeof(T));
  }
  template <class T>
    requires std::is_arithmetic_v<T>
  void get(std::string_view name, T& value) {
    if constexpr (std::is_same_v<T, bool>) {
      std::uint8_t b = 0;
      get_exact(name, &b, 1);
      value = b != 0;
    } else {
      get_exact(name, &value, 1);
    }
  }
  template <class T>
  T get(std::string_view name) {
    T v{};
    get(name, v);
    return v;
  }
  std::vector<std::string> get_strings(std::string_view name);
  std::string get_string(std::string_view name);

  // Name of the next section ("" at the end), for optional sections.
  std::string peek_name() const;
  bool at_end() const noexcept { return pos_ == bytes_.size(); }
  // Throws unless every section was read (a model that forgot to load one).
  void expect_end() const;

  // InputError "<source>: <what>".
  [[noreturn]] void fail(const std::string& what) const;

 private:
  std::uint64_t next(std::string_view name, std::uint8_t type, std::size_t elem);
  void take(void* out, std::size_t n);
  [[noreturn]] void size_mismatch(std::string_view name, std::uint64_t got, std::uint64_t want) const;
  std::vector<std::uint8_t> bytes_;
  std::size_t pos_ = 0;
  std::string source_;
  std::string model_;
};

// 64-bit checksum of the payload (FNV-1a over little-endian 8-byte words).
std::uint64_t checkpoint_checksum(const std::vector<std::uint8_t>& bytes) noexcept;

// Writes magic, version, payload and checksum atomically. Throws OutputError.
void write_checkpoint_file(const std::filesystem::path& file,
                           const std::vector<std::uint8_t>& payload);
// Reads and verifies a checkpoint file; returns its payload. Throws
// InputError naming the file when it is missing, truncated, corrupted or of
// another format version.
std::vector<std::uint8_t> read_checkpoint_file(const std::filesystem::path& file);

}  // namespace microcosm
