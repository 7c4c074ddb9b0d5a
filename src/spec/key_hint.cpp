#include "microcosm/spec/key_hint.hpp"

#include <algorithm>
#include <cstddef>

namespace microcosm::spec {

namespace {

// Lists up to this long are shown whole.
constexpr std::size_t kShowAll = 12;

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string_view group_of(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : name.substr(0, dot);
}

std::string_view last_of(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '_' || s[i] == '.') {
      if (i > start) out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

bool share_word(std::string_view a, std::string_view b) {
  for (auto x : words(a)) {
    if (x.size() < 4) continue;
    for (auto y : words(b)) {
      if (x == y) return true;
    }
  }
  return false;
}

// About one edit in four letters: one for names of up to four letters, two
// up to eight.
std::size_t allowed_edits(std::size_t length) {
  if (length <= 4) return 1;
  return std::max<std::size_t>(2, length / 4);
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? " or " : ", ";
    out += "'" + items[i] + "'";
  }
  return out;
}

std::string plain_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& x : items) out += (out.empty() ? "" : ", ") + x;
  return out;
}

}  // namespace

std::vector<std::string> closest_names(std::string_view typed, const std::vector<std::string>& names,
                                       std::size_t max) {
  const std::string_view group = group_of(typed), last = last_of(typed);
  struct Scored {
    std::size_t score;
    std::size_t index;
  };
  std::vector<Scored> hits;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string_view name = names[i];
    const std::size_t tail = edit_distance(last, last_of(name));
    const bool tail_typo = tail <= allowed_edits(last.size());
    if (!group.empty() && group_of(name) == group) {
      // Within the typed group only the last segment can be wrong: a typo,
      // or a name that shares a word with it (c_join, join_cost).
      const bool related = share_word(last, last_of(name));
      if (tail_typo || related) hits.push_back({tail_typo ? tail : 100 + tail, i});
      continue;
    }
    // Elsewhere: a typo in the whole name, the exact last segment under
    // another group, or a typo in it when no group was typed (a typo in a
    // short tail under another group matches too much: feed.kk, offline.k).
    const std::size_t whole = edit_distance(typed, name);
    if (whole <= allowed_edits(typed.size()) || tail == 0 || (group.empty() && tail_typo)) {
      hits.push_back({std::min(whole, tail + 1), i});
    }
  }
  // A match in the typed group beats near-misses of the whole name in
  // other groups (group2.rates: group2.rate, not group0.rate).
  const bool any_in_group = std::any_of(hits.begin(), hits.end(), [&](const Scored& h) {
    return !group.empty() && group_of(names[h.index]) == group;
  });
  if (any_in_group) {
    std::erase_if(hits, [&](const Scored& h) { return group_of(names[h.index]) != group; });
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const Scored& x, const Scored& y) { return x.score < y.score; });
  std::vector<std::string> out;
  for (std::size_t k = 0; k < hits.size() && k < max; ++k) out.push_back(names[hits[k].index]);
  return out;
}

std::string unknown_key_hint(std::string_view typed, const std::vector<std::string>& names,
                             std::string_view more) {
  if (names.empty()) return "valid keys: (none)";
  const auto close = closest_names(typed, names);
  std::string out = close.empty() ? std::string{} : "did you mean " + quoted_list(close) + "? ";
  if (names.size() <= kShowAll) return out + "valid keys: " + plain_list(names);
  // The typed group's keys, else the groups (names without a group stand
  // for themselves).
  const std::string group(group_of(typed));
  std::vector<std::string> in_group, groups;
  for (const auto& n : names) {
    if (!group.empty() && group_of(n) == group) in_group.push_back(std::string(last_of(n)));
    std::string g(group_of(n));
    if (g.empty()) g = n;
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
  }
  if (!in_group.empty()) {
    out += "keys in " + group + ".*: " + plain_list(in_group);
  } else {
    out += "groups: " + plain_list(groups);
  }
  if (!more.empty()) out += "; " + std::string(more);
  return out;
}

}  // namespace microcosm::spec
