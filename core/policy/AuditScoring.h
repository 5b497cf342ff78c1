#pragma once

#include "analysis/Audit.h"
#include "policy/Evaluator.h"

#include <memory>
#include <vector>

namespace gavel::policy {

/*!
 * One member's line under a policy at `at`, as the audit shows it: the score, level number and
 * extra columns exactly as `gavel scores` prints them, the reason sentence, and (when
 * `withBreakdown`) the rule-by-rule breakdown of Evaluator::explain(): which reactions, thanks or
 * sessions counted, with which weight and why. `policy` must be compiled against the evaluator's
 * history. One traced evaluation (linear in the reactions up to `at`).
 */
analysis::AuditScoreLine auditScoreLine(const Evaluator &evaluator,
                                        std::shared_ptr<const CompiledPolicy> policy, Index user,
                                        qint64 at, bool withBreakdown = true);

/*!
 * The scorer of a member's audit (analysis::AuditOptions::scorer): one auditScoreLine() per
 * policy, in order, with breakdowns. Every policy must be compiled against the history the
 * audit is built over. Pass the `evaluator` already built over that history when there is one
 * (the GUI keeps one per loaded history); when null, the scorer builds one on its first call
 * from the history it is given (a pass over every reaction) and keeps it for later calls.
 *
 *     auto compiled = policy::compile(*policyFile, history, db, guildId);
 *     options.scorer = policy::auditScorer(
 *         {std::make_shared<const policy::CompiledPolicy>(std::move(*compiled))}, at, evaluator);
 */
analysis::AuditScorer auditScorer(std::vector<std::shared_ptr<const CompiledPolicy>> policies,
                                  qint64 at, std::shared_ptr<const Evaluator> evaluator = {});

//! auditScorer() for one policy.
analysis::AuditScorer auditScorer(std::shared_ptr<const CompiledPolicy> policy, qint64 at,
                                  std::shared_ptr<const Evaluator> evaluator = {});

} // namespace gavel::policy
