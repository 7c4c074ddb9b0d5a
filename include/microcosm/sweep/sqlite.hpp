// A thin RAII layer over the SQLite C API for the sweep results database:
// a connection, prepared statements and an IMMEDIATE transaction that rolls
// back unless committed. Every failure throws OutputError naming the
// database file and SQLite's message (e.g. "database or disk is full"), so
// callers never check return codes. sqlite3.h stays out of this header.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "microcosm/spec/schema.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace microcosm::sweep::sql {

// `"name"` with embedded quotes doubled: a safe SQL identifier for any
// column name (axis keys such as model.epsilon contain dots).
std::string quote_ident(std::string_view name);

class Statement;

class Database {
 public:
  enum class Mode { ReadOnly, ReadWrite, Create };
  Database(const std::filesystem::path& file, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  // Column names of a table, in order (empty when the table does not exist).
  std::vector<std::string> columns(std::string_view table, std::string_view schema = "main");
  const std::filesystem::path& file() const noexcept { return file_; }
  sqlite3* handle() const noexcept { return db_; }
  // Throws OutputError "<file>: <what>: <SQLite message> (<code>)".
  [[noreturn]] void fail(int rc, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, double v);  // NaN binds NULL
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind_null(int i);
  Statement& bind(int i, const spec::Value& v);  // lists bind as JSON text
  // Advances; true when a row is available. Throws on error.
  bool step();
  // Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  int column_count() const;
  bool is_null(int c) const;
  std::int64_t int64(int c) const;
  double real(int c) const;  // NULL reads as NaN
  std::string text(int c) const;
  std::string column_name(int c) const;
  // The column as a spec::Value (integer, real or text; NULL -> NaN).
  spec::Value value(int c) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless
// commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace microcosm::sweep::sql
