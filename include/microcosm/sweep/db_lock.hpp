// An exclusive advisory lock (flock) on "<db>.lock" held while a sweep
// writes to a results database, so two sweeps cannot claim the same runs.
// The kernel drops the lock when the process dies (even by SIGKILL), so a
// killed sweep never blocks its resumption.
#pragma once

#include <filesystem>

namespace microcosm::sweep {

class DbLock {
 public:
  // Throws OutputError when another process holds the lock.
  explicit DbLock(const std::filesystem::path& db);
  ~DbLock();
  DbLock(const DbLock&) = delete;
  DbLock& operator=(const DbLock&) = delete;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace microcosm::sweep
