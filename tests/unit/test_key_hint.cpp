#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "microcosm/spec/key_hint.hpp"

using namespace microcosm::spec;

namespace {

// A slice of the mim schema's names: groups, words shared across names and
// one name without a group.
const std::vector<std::string> kNames = {
    "population",         "feed.k",          "feed.gamma_eng",     "feed.eta",
    "offline.k",          "needs.rate",      "hostility.rate",     "hostility.decay",
    "civic.rate",         "mechanisms.needs", "communities.join_cost", "communities.p_join",
    "communities.join_margin", "communities.u_min", "communities.n_found", "rewiring.policy"};

}  // namespace

TEST(KeyHint, TyposInTheLastSegmentStayInTheTypedGroup) {
  EXPECT_EQ(closest_names("feed.gama_eng", kNames), std::vector<std::string>{"feed.gamma_eng"});
  EXPECT_EQ(closest_names("hostility.rates", kNames), std::vector<std::string>{"hostility.rate"});
  // offline.k is one edit from "kk" too, but lies in another group.
  EXPECT_EQ(closest_names("feed.kk", kNames), std::vector<std::string>{"feed.k"});
}

TEST(KeyHint, NamesSharingAWordAreOfferedAfterTypos) {
  const auto got = closest_names("communities.c_join", kNames);
  EXPECT_EQ(got, (std::vector<std::string>{"communities.p_join", "communities.join_cost",
                                           "communities.join_margin"}));
}

TEST(KeyHint, FindsTheGroupOfABareOrMisgroupedName) {
  EXPECT_EQ(closest_names("join_cost", kNames), std::vector<std::string>{"communities.join_cost"});
  EXPECT_EQ(closest_names("mechanism.needs", kNames), std::vector<std::string>{"mechanisms.needs"});
  EXPECT_EQ(closest_names("popluation", kNames), std::vector<std::string>{"population"});
  // A bare name present in several groups: every one, up to the maximum.
  EXPECT_EQ(closest_names("rate", kNames).size(), 3u);
}

TEST(KeyHint, NothingCloseGivesNoSuggestion) {
  EXPECT_TRUE(closest_names("bogus", kNames).empty());
  EXPECT_TRUE(closest_names("xyz.qq", kNames).empty());
}

TEST(KeyHint, ShortListsAreShownWhole) {
  const std::vector<std::string> few = {"epsilon", "mu"};
  EXPECT_EQ(unknown_key_hint("bogus", few), "valid keys: epsilon, mu");
  EXPECT_EQ(unknown_key_hint("epsilonn", few), "did you mean 'epsilon'? valid keys: epsilon, mu");
  EXPECT_EQ(unknown_key_hint("x", {}), "valid keys: (none)");
}

TEST(KeyHint, LongListsShowTheTypedGroupOrTheGroups) {
  const std::string in_group = unknown_key_hint("hostility.rates", kNames, "see the docs");
  EXPECT_EQ(in_group,
            "did you mean 'hostility.rate'? keys in hostility.*: rate, decay; see the docs");
  const std::string groups = unknown_key_hint("bogus", kNames);
  EXPECT_EQ(groups,
            "groups: population, feed, offline, needs, hostility, civic, mechanisms, communities, "
            "rewiring");
}
