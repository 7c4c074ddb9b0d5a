// AuthorCards: the per-author record feeds read for each followee (mim.hpp).
#include <algorithm>

#include "mim.hpp"

namespace microcosm::mim {

void AuthorCards::resize(std::size_t n, std::size_t slots) {
  n_ = n;
  slots_ = slots;
  stride_ = 4;
  while (stride_ < 2 + slots) stride_ *= 2;
  words_.assign(n * stride_, kNoPost);
  for (std::size_t j = 0; j < n; ++j) {
    words_[j * stride_] = 0;
    words_[j * stride_ + 1] = 0;
  }
}

void AuthorCards::clear_slot(std::size_t slot, std::span<const PlatformId> platform) {
  const auto n = static_cast<std::int64_t>(n_);
  #pragma omp parallel for schedule(static)
  for (std::int64_t j = 0; j < n; ++j) {
    std::uint32_t* c = card(static_cast<NodeId>(j));
    c[1] = platform[static_cast<std::size_t>(j)];
    c[2 + slot] = kNoPost;
  }
}

void AuthorCards::note_post(NodeId j, std::size_t slot, PostId id, bool community,
                            std::uint32_t step) {
  std::uint32_t* c = card(j);
  c[0] = step + 1;
  c[2 + slot] = community ? id | kCommunityPost : id;
}

std::vector<PostId> AuthorCards::slot_posts(std::size_t slot) const {
  std::vector<PostId> ids(n_);
  for (std::size_t j = 0; j < n_; ++j) ids[j] = post(static_cast<NodeId>(j), slot);
  return ids;
}

std::vector<std::uint32_t> AuthorCards::last_posted_steps() const {
  std::vector<std::uint32_t> steps(n_);
  for (std::size_t j = 0; j < n_; ++j) steps[j] = last_posted(static_cast<NodeId>(j));
  return steps;
}

void AuthorCards::set_slot_posts(std::size_t slot, const std::vector<PostId>& ids,
                                 std::span<const Post> posts) {
  for (std::size_t j = 0; j < n_; ++j) {
    const PostId id = ids[j];
    const bool community = id != kNoPost && id < posts.size() && posts[id].community != kNoCommunity;
    card(static_cast<NodeId>(j))[2 + slot] = community ? id | kCommunityPost : id;
  }
}

void AuthorCards::set_last_posted(const std::vector<std::uint32_t>& steps) {
  for (std::size_t j = 0; j < n_; ++j) card(static_cast<NodeId>(j))[0] = steps[j];
}

void AuthorCards::set_platforms(std::span<const PlatformId> platform) {
  for (std::size_t j = 0; j < n_; ++j) card(static_cast<NodeId>(j))[1] = platform[j];
}

}  // namespace microcosm::mim
