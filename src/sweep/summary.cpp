#include "microcosm/sweep/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>

#include "microcosm/core/error.hpp"

namespace microcosm::sweep {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string show(const spec::Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{:.6g}", *d);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return spec::format_value(v);
}

std::string num(double v) { return std::isnan(v) ? "-" : fmt::format("{:.6g}", v); }

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::string csv_value(const spec::Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return std::isnan(*d) ? "" : fmt::format("{}", *d);
  if (const auto* s = std::get_if<std::string>(&v)) return csv_field(*s);
  return spec::format_value(v);
}

}  // namespace

Summary summarize(ResultsDb& db, const SummaryOptions& opt) {
  const SweepInfo info = db.info();
  const std::vector<std::string> all_metrics = db.metric_names();
  std::vector<std::string> metrics = opt.metrics.empty() ? all_metrics : opt.metrics;
  for (const auto& m : metrics) {
    if (std::find(all_metrics.begin(), all_metrics.end(), m) == all_metrics.end()) {
      throw ParameterError(fmt::format("{}: no metric named '{}'; recorded metrics: {}",
                                       db.file().string(), m,
                                       all_metrics.empty() ? "(none yet)" : join(all_metrics)));
    }
  }
  for (const auto& a : opt.by) {
    if (std::find(info.axes.begin(), info.axes.end(), a) == info.axes.end()) {
      throw ParameterError(fmt::format("{}: --by {}: not an axis of the sweep; axes: {}",
                                       db.file().string(), a,
                                       info.axes.empty() ? "(none)" : join(info.axes)));
    }
  }
  Summary s;
  const bool by_cell = opt.by.empty();
  s.by = by_cell ? info.axes : opt.by;
  s.runs_total = db.count_all();
  s.runs_done = db.count("done");
  s.runs_failed = db.count("failed");
  s.step_text =
      opt.step ? fmt::format("last recorded step <= {}", *opt.step) : "last recorded step";

  std::string cols = "r.cell_id";
  for (const auto& a : s.by) cols += ", r." + sql::quote_ident(a);
  for (const auto& m : metrics) cols += ", m." + sql::quote_ident(m);
  auto st = db.database().prepare(fmt::format(
      "SELECT {} FROM runs r JOIN metrics m ON m.run_id = r.run_id AND m.step = "
      "(SELECT max(step) FROM metrics WHERE run_id = r.run_id{}) WHERE r.status = 'done' "
      "ORDER BY r.run_id",
      cols, opt.step ? " AND step <= ?" : ""));
  if (opt.step) st.bind(1, static_cast<std::int64_t>(*opt.step));

  struct Group {
    std::vector<spec::Value> key;
    std::vector<std::vector<double>> values;  // per metric
  };
  std::vector<Group> groups;
  std::map<std::string, std::size_t> index;
  const int nby = static_cast<int>(s.by.size());
  while (st.step()) {
    std::string k;
    std::vector<spec::Value> key;
    for (int c = 0; c < nby; ++c) {
      key.push_back(st.value(1 + c));
      k += csv_value(key.back()) + "\x1f";
    }
    if (by_cell) k = std::to_string(st.int64(0));
    auto [it, added] = index.try_emplace(k, groups.size());
    if (added) groups.push_back({key, std::vector<std::vector<double>>(metrics.size())});
    Group& g = groups[it->second];
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      const double v = st.real(1 + nby + static_cast<int>(m));
      if (!std::isnan(v)) g.values[m].push_back(v);
    }
  }
  for (const auto& g : groups) {
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      SummaryRow row;
      row.key = g.key;
      row.metric = metrics[m];
      const auto& x = g.values[m];
      row.n = x.size();
      const double nan = std::numeric_limits<double>::quiet_NaN();
      row.mean = row.sd = row.half = nan;
      if (!x.empty()) {
        double sum = 0;
        for (double v : x) sum += v;
        row.mean = sum / static_cast<double>(x.size());
      }
      if (x.size() >= 2) {
        double ss = 0;
        for (double v : x) ss += (v - row.mean) * (v - row.mean);
        const double n = static_cast<double>(x.size());
        row.sd = std::sqrt(ss / (n - 1.0));
        row.half = student_t_quantile(0.975, n - 1.0) * row.sd / std::sqrt(n);
      }
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

std::string format_summary_table(const Summary& s) {
  std::vector<std::string> header = s.by;
  for (const char* h : {"metric", "n", "mean", "±95%", "ci_low", "ci_high"}) header.emplace_back(h);
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : s.rows) {
    std::vector<std::string> line;
    for (const auto& v : r.key) line.push_back(show(v));
    line.push_back(r.metric);
    line.push_back(std::to_string(r.n));
    line.push_back(num(r.mean));
    line.push_back(num(r.half));
    line.push_back(num(r.mean - r.half));
    line.push_back(num(r.mean + r.half));
    cells.push_back(std::move(line));
  }
  // "±" is two bytes but one column wide.
  auto width = [](const std::string& t) {
    std::size_t w = 0;
    for (unsigned char c : t) w += (c & 0xc0) != 0x80;
    return w;
  };
  std::vector<std::size_t> w(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) w[c] = width(header[c]);
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < line.size(); ++c) w[c] = std::max(w[c], width(line[c]));
  }
  const std::size_t text_cols = s.by.size() + 1;  // left-aligned: axes and metric
  auto emit = [&](const std::vector<std::string>& line) {
    std::string out;
    for (std::size_t c = 0; c < line.size(); ++c) {
      const std::string pad(w[c] - width(line[c]), ' ');
      const bool left =
          c < text_cols &&
          !(c < s.by.size() && !line[c].empty() &&
            (std::isdigit(static_cast<unsigned char>(line[c][0])) || line[c][0] == '-'));
      out += (c ? "  " : "") + (left ? line[c] + pad : pad + line[c]);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out =
      fmt::format("{} of {} runs done{}; values at the {}\n", s.runs_done, s.runs_total,
                  s.runs_failed ? fmt::format(", {} failed", s.runs_failed) : "", s.step_text);
  out += emit(header);
  for (const auto& line : cells) out += emit(line);
  return out;
}

std::string format_summary_csv(const Summary& s) {
  std::string out;
  for (const auto& b : s.by) out += csv_field(b) + ",";
  out += "metric,n,mean,sd,ci95_low,ci95_high\n";
  for (const auto& r : s.rows) {
    for (const auto& v : r.key) out += csv_value(v) + ",";
    auto f = [](double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); };
    out += fmt::format("{},{},{},{},{},{}\n", csv_field(r.metric), r.n, f(r.mean), f(r.sd),
                       f(r.mean - r.half), f(r.mean + r.half));
  }
  return out;
}

namespace {

void dump_table(ResultsDb& db, const std::string& select, const std::filesystem::path& file) {
  const std::filesystem::path tmp = file.string() + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw OutputError(fmt::format("{}: cannot write", tmp.string()));
    auto st = db.database().prepare(select);
    const int n = st.column_count();
    std::string line;
    for (int c = 0; c < n; ++c) line += (c ? "," : "") + csv_field(st.column_name(c));
    out << line << '\n';
    while (st.step()) {
      line.clear();
      for (int c = 0; c < n; ++c) {
        if (c) line += ',';
        if (!st.is_null(c)) line += csv_value(st.value(c));
      }
      out << line << '\n';
    }
    out.flush();
    if (!out) throw OutputError(fmt::format("{}: write failed (disk full?)", tmp.string()));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec)
    throw OutputError(fmt::format("{}: cannot rename into place: {}", file.string(), ec.message()));
}

}  // namespace

void export_csv(ResultsDb& db, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw OutputError(fmt::format("{}: cannot create directory: {}", dir.string(), ec.message()));
  dump_table(db, "SELECT * FROM runs ORDER BY run_id", dir / "runs.csv");
  dump_table(db, "SELECT * FROM metrics ORDER BY run_id, step", dir / "metrics.csv");
}

}  // namespace microcosm::sweep
