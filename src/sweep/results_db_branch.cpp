// Branch columns of the runs table (runs.branch_step, runs.checkpoint),
// added on first use so databases of unbranched sweeps keep their schema.
#include <fmt/format.h>

#include "microcosm/sweep/results_db.hpp"

namespace microcosm::sweep {

void ResultsDb::record_branch(const RunOutcome& o) {
  bool have = false;
  {
    auto st = db_->prepare("SELECT 1 FROM pragma_table_info('runs') WHERE name = 'branch_step'");
    have = st.step();
  }
  if (!have) {
    db_->exec("ALTER TABLE runs ADD COLUMN branch_step INTEGER");
    db_->exec("ALTER TABLE runs ADD COLUMN checkpoint TEXT");
  }
  auto st = db_->prepare("UPDATE runs SET branch_step = ?, checkpoint = ? WHERE run_id = ?");
  st.bind(1, o.branch_step)
      .bind(2, std::string_view(o.checkpoint))
      .bind(3, static_cast<std::int64_t>(o.index));
  st.run();
}

}  // namespace microcosm::sweep
