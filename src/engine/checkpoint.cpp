// Checkpoint sections and files (checkpoint.hpp), and the default Model
// hooks for models without checkpoint support.
#include "microcosm/engine/checkpoint.hpp"

#include <unistd.h>

#include <bit>
#include <cstdio>
#include <fstream>

#include <fmt/format.h>

#include "microcosm/models/model.hpp"

namespace microcosm {

static_assert(std::endian::native == std::endian::little,
              "checkpoint files are little-endian; add byte swapping for this platform");

namespace {
constexpr char kMagic[8] = {'M', 'C', 'C', 'K', 'P', 'T', '\r', '\n'};
constexpr std::uint8_t kStrings = 0;
}  // namespace

void Model::save_state(StateWriter& writer) const {
  throw Error(fmt::format("model {} does not support checkpoints", writer.model_name()));
}
void Model::load_state(StateReader& reader) {
  throw Error(fmt::format("model {} does not support checkpoints", reader.model_name()));
}

std::string checkpoint_detail::type_name(std::uint8_t code) {
  if (code == kStrings) return "strings";
  const int c = code - 1;
  const int bits = 8 << (c & 3);
  if (c & 16) return fmt::format("float{}", bits);
  return fmt::format("{}int{}", (c & 8) ? "" : "u", bits);
}

// --- writer -----------------------------------------------------------------

void StateWriter::append(const void* p, std::size_t n) {
  const auto* b = static_cast<const std::uint8_t*>(p);
  bytes_.insert(bytes_.end(), b, b + n);
}

void StateWriter::put_raw(std::string_view name, std::uint8_t type, std::size_t elem,
                          std::uint64_t count, const void* data) {
  const auto len = static_cast<std::uint32_t>(name.size());
  append(&len, 4);
  append(name.data(), name.size());
  append(&type, 1);
  const auto size = static_cast<std::uint8_t>(elem);
  append(&size, 1);
  append(&count, 8);
  if (count) append(data, static_cast<std::size_t>(count) * elem);
}

void StateWriter::put_strings(std::string_view name, const std::vector<std::string>& list) {
  const auto len = static_cast<std::uint32_t>(name.size());
  append(&len, 4);
  append(name.data(), name.size());
  append(&kStrings, 1);
  const std::uint8_t size = 1;
  append(&size, 1);
  const std::uint64_t count = list.size();
  append(&count, 8);
  for (const auto& s : list) {
    const std::uint64_t n = s.size();
    append(&n, 8);
    append(s.data(), s.size());
  }
}

// --- reader -----------------------------------------------------------------

StateReader::StateReader(std::vector<std::uint8_t> payload, std::string source,
                         std::string model_name)
    : bytes_(std::move(payload)), source_(std::move(source)), model_(std::move(model_name)) {}

void StateReader::fail(const std::string& what) const {
  throw InputError(fmt::format("{}: {}", source_, what));
}

void StateReader::take(void* out, std::size_t n) {
  if (n > bytes_.size() - pos_) fail("checkpoint is truncated");
  if (n) std::memcpy(out, bytes_.data() + pos_, n);
  pos_ += n;
}

std::string StateReader::peek_name() const {
  if (pos_ + 4 > bytes_.size()) return {};
  std::uint32_t len = 0;
  std::memcpy(&len, bytes_.data() + pos_, 4);
  if (len > bytes_.size() - pos_ - 4) return {};
  return std::string(reinterpret_cast<const char*>(bytes_.data() + pos_ + 4), len);
}

std::uint64_t StateReader::next(std::string_view name, std::uint8_t type, std::size_t elem) {
  if (at_end()) {
    fail(fmt::format("checkpoint ends before section '{}' of model {} (written by another "
                     "version of the model?)",
                     name, model_));
  }
  std::uint32_t len = 0;
  take(&len, 4);
  if (len > bytes_.size() - pos_) fail("checkpoint is truncated");
  const std::string got(reinterpret_cast<const char*>(bytes_.data() + pos_), len);
  pos_ += len;
  std::uint8_t t = 0, size = 0;
  take(&t, 1);
  take(&size, 1);
  std::uint64_t count = 0;
  take(&count, 8);
  if (got != name) {
    fail(fmt::format("expected section '{}' of model {} but found '{}' (written by another "
                     "version of the model?)",
                     name, model_, got));
  }
  if (t != type || size != elem) {
    fail(fmt::format("section '{}' holds {} but model {} expects {}", name,
                     checkpoint_detail::type_name(t), model_, checkpoint_detail::type_name(type)));
  }
  if (t != kStrings && count > (bytes_.size() - pos_) / elem) fail("checkpoint is truncated");
  return count;
}

void StateReader::size_mismatch(std::string_view name, std::uint64_t got,
                                std::uint64_t want) const {
  fail(fmt::format(
      "section '{}' has {} elements but model {} expects {}: the resumed scenario changes the "
      "shape of the state (population, network, dimensions, post lifetime, platforms?)",
      name, got, model_, want));
}

std::vector<std::string> StateReader::get_strings(std::string_view name) {
  const std::uint64_t count = next(name, kStrings, 1);
  std::vector<std::string> out;
  for (std::uint64_t k = 0; k < count; ++k) {
    std::uint64_t n = 0;
    take(&n, 8);
    if (n > bytes_.size() - pos_) fail("checkpoint is truncated");
    out.emplace_back(reinterpret_cast<const char*>(bytes_.data() + pos_), n);
    pos_ += static_cast<std::size_t>(n);
  }
  return out;
}

std::string StateReader::get_string(std::string_view name) {
  auto list = get_strings(name);
  if (list.size() != 1) fail(fmt::format("section '{}' should hold one string", name));
  return std::move(list.front());
}

void StateReader::expect_end() const {
  if (!at_end()) {
    fail(fmt::format("model {} left section '{}' unread (written by another version of the "
                     "model?)",
                     model_, peek_name()));
  }
}

// --- files ------------------------------------------------------------------

std::uint64_t checkpoint_checksum(const std::vector<std::uint8_t>& bytes) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  const std::size_t words = bytes.size() / 8;
  for (std::size_t k = 0; k < words; ++k) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + 8 * k, 8);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;  // fold high bits down so every input bit reaches the low bits
  }
  for (std::size_t k = 8 * words; k < bytes.size(); ++k) h = (h ^ bytes[k]) * 0x100000001b3ULL;
  return h ^ bytes.size();
}

void write_checkpoint_file(const std::filesystem::path& file,
                           const std::vector<std::uint8_t>& payload) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path parent = file.has_parent_path() ? file.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  if (ec) throw OutputError(fmt::format("{}: cannot create ({})", parent.string(), ec.message()));
  const fs::path tmp = parent / fmt::format(".{}.partial-{}", file.filename().string(), ::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw OutputError(fmt::format("{}: cannot write checkpoint", tmp.string()));
  const std::uint32_t version = kCheckpointFormat;
  const std::uint64_t len = payload.size();
  const std::uint64_t sum = checkpoint_checksum(payload);
  bool ok = std::fwrite(kMagic, 1, 8, f) == 8 && std::fwrite(&version, 4, 1, f) == 1 &&
            std::fwrite(&len, 8, 1, f) == 1 &&
            std::fwrite(payload.data(), 1, payload.size(), f) == payload.size() &&
            std::fwrite(&sum, 8, 1, f) == 1;
  ok = std::fflush(f) == 0 && ok;
  ok = ::fsync(::fileno(f)) == 0 && ok;
  ok = std::fclose(f) == 0 && ok;
  if (ok) fs::rename(tmp, file, ec);
  if (!ok || ec) {
    fs::remove(tmp, ec);
    throw OutputError(fmt::format("{}: cannot write checkpoint (disk full?)", file.string()));
  }
}

std::vector<std::uint8_t> read_checkpoint_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open checkpoint", file.string()));
  auto bad = [&](const std::string& what) {
    return InputError(fmt::format("{}: {}", file.string(), what));
  };
  char magic[8] = {};
  in.read(magic, 8);
  if (in.gcount() != 8 || std::memcmp(magic, kMagic, 8) != 0) {
    throw bad("not a microcosm checkpoint (bad magic)");
  }
  std::uint32_t version = 0;
  std::uint64_t len = 0;
  in.read(reinterpret_cast<char*>(&version), 4);
  in.read(reinterpret_cast<char*>(&len), 8);
  if (!in) throw bad("checkpoint is truncated (incomplete header)");
  if (version != kCheckpointFormat) {
    throw bad(fmt::format("checkpoint format version {} is not supported (this microcosm reads "
                          "version {})",
                          version, kCheckpointFormat));
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size != 8 + 4 + 8 + len + 8) {
    throw bad(fmt::format("checkpoint is truncated or has trailing data ({} bytes, expected {})",
                          size, 8 + 4 + 8 + len + 8));
  }
  std::vector<std::uint8_t> payload(static_cast<std::size_t>(len));
  in.read(reinterpret_cast<char*>(payload.data()), static_cast<std::streamsize>(len));
  std::uint64_t sum = 0;
  in.read(reinterpret_cast<char*>(&sum), 8);
  if (!in) throw bad("checkpoint is truncated");
  if (sum != checkpoint_checksum(payload)) {
    throw bad("checkpoint is corrupted (checksum mismatch)");
  }
  return payload;
}

}  // namespace microcosm
