#include "microcosm/sweep/db_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "microcosm/core/error.hpp"

namespace microcosm::sweep {

DbLock::DbLock(const std::filesystem::path& db) : path_(db.string() + ".lock") {
  if (db.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(db.parent_path(), ec);
    if (ec) {
      throw OutputError(fmt::format("{}: cannot create the directory {}: {}", db.string(),
                                    db.parent_path().string(), ec.message()));
    }
  }
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw OutputError(
        fmt::format("{}: cannot create the lock file: {}", path_.string(), std::strerror(errno)));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    fd_ = -1;
    throw OutputError(fmt::format(
        "{}: another sweep is writing to this results database (lock {} is held); wait for it "
        "or use another --db",
        db.string(), path_.string()));
  }
}

DbLock::~DbLock() {
  if (fd_ < 0) return;
  std::error_code ec;
  std::filesystem::remove(path_, ec);
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace microcosm::sweep
