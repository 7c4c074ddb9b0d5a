#include "microcosm/sweep/sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "microcosm/core/error.hpp"

namespace microcosm::sweep::sql {

std::string quote_ident(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

Database::Database(const std::filesystem::path& file, Mode mode) : file_(file) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::ReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case Mode::ReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::Create:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
  }
  if (mode != Mode::Create && !std::filesystem::exists(file)) {
    throw OutputError(fmt::format("{}: no such results database", file.string()));
  }
  const int rc = sqlite3_open_v2(file.string().c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw OutputError(fmt::format("{}: cannot open the results database: {}", file.string(), msg));
  }
  sqlite3_extended_result_codes(db_, 1);
  // Readers (summarize during a sweep) wait for the writer's short
  // transactions instead of failing.
  sqlite3_busy_timeout(db_, 10000);
}

Database::~Database() {
  if (db_) sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept : db_(other.db_), file_(std::move(other.file_)) {
  other.db_ = nullptr;
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (db_) sqlite3_close_v2(db_);
    db_ = other.db_;
    file_ = std::move(other.file_);
    other.db_ = nullptr;
  }
  return *this;
}

void Database::fail(int rc, std::string_view what) const {
  const char* msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  std::string hint;
  const int primary = rc & 0xff;
  if (primary == SQLITE_FULL) hint = "; free disk space and rerun the same command to resume";
  if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM) {
    hint = "; check the permissions of the file and its directory";
  }
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    hint = "; the file is not a microcosm results database or is damaged";
  }
  throw OutputError(
      fmt::format("{}: {}: {} (SQLite code {}){}", file_.string(), what, msg, rc, hint));
}

void Database::exec(std::string_view sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
  if (err) sqlite3_free(err);
  if (rc != SQLITE_OK) fail(rc, fmt::format("executing '{}'", sql.substr(0, 60)));
}

Statement Database::prepare(std::string_view sql) { return Statement(*this, sql); }

std::vector<std::string> Database::columns(std::string_view table, std::string_view schema) {
  Statement st(*this,
               fmt::format("PRAGMA {}.table_info({})", quote_ident(schema), quote_ident(table)));
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(1));
  return out;
}

Statement::Statement(Database& db, std::string_view sql) : db_(&db) {
  const int rc =
      sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, fmt::format("preparing '{}'", sql.substr(0, 80)));
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
  other.stmt_ = nullptr;
}

Statement& Statement::bind(int i, std::int64_t v) {
  const int rc = sqlite3_bind_int64(stmt_, i, v);
  if (rc != SQLITE_OK) db_->fail(rc, "binding a parameter");
  return *this;
}

Statement& Statement::bind(int i, double v) {
  if (std::isnan(v)) return bind_null(i);
  const int rc = sqlite3_bind_double(stmt_, i, v);
  if (rc != SQLITE_OK) db_->fail(rc, "binding a parameter");
  return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
  const int rc =
      sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_->fail(rc, "binding a parameter");
  return *this;
}

Statement& Statement::bind_null(int i) {
  const int rc = sqlite3_bind_null(stmt_, i);
  if (rc != SQLITE_OK) db_->fail(rc, "binding a parameter");
  return *this;
}

Statement& Statement::bind(int i, const spec::Value& v) {
  return std::visit(
      [&](const auto& x) -> Statement& {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) {
          return bind(i, static_cast<std::int64_t>(x ? 1 : 0));
        } else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>) {
          return bind(i, x);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return bind(i, std::string_view(x));
        } else {
          return bind(i, std::string_view(nlohmann::json(x).dump()));
        }
      },
      v);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "";
  sqlite3_reset(stmt_);
  db_->fail(rc, fmt::format("running '{}'", std::string_view(sql).substr(0, 80)));
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }
bool Statement::is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
std::int64_t Statement::int64(int c) const { return sqlite3_column_int64(stmt_, c); }
double Statement::real(int c) const {
  if (is_null(c)) return std::numeric_limits<double>::quiet_NaN();
  return sqlite3_column_double(stmt_, c);
}
std::string Statement::text(int c) const {
  const auto* p = sqlite3_column_text(stmt_, c);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c)));
}
std::string Statement::column_name(int c) const {
  const char* n = sqlite3_column_name(stmt_, c);
  return n ? n : "";
}
spec::Value Statement::value(int c) const {
  switch (sqlite3_column_type(stmt_, c)) {
    case SQLITE_INTEGER:
      return int64(c);
    case SQLITE_FLOAT:
      return real(c);
    case SQLITE_NULL:
      return std::numeric_limits<double>::quiet_NaN();
    default:
      return text(c);
  }
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!open_) return;
  char* err = nullptr;
  sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, &err);
  if (err) sqlite3_free(err);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace microcosm::sweep::sql
