#include "policy/AuditScoring.h"

#include <QMutex>
#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace gavel::policy {

analysis::AuditScoreLine auditScoreLine(const Evaluator &evaluator,
                                        std::shared_ptr<const CompiledPolicy> policy, Index user,
                                        qint64 at, bool withBreakdown)
{
    analysis::AuditScoreLine line;
    const Policy &p = policy->policy;
    line.policy = p.version.isEmpty() ? p.name : u"%1 %2"_s.arg(p.name, p.version);
    line.policyHash = p.hash;
    line.at = at;
    Evaluation e;
    Breakdown b;
    if (withBreakdown)
        b = evaluator.explain(std::move(policy), user, at, e);
    else
        e = evaluator.evaluate(std::move(policy), at);
    if (user >= e.members.size())
        return line;
    line.score = e.members[user].score;
    line.scoreText = e.scoreText(user);
    line.level = e.levelName(user);
    line.levelNumber = e.policy->levelNumbers[size_t(e.members[user].level)];
    line.reason = e.reason(user);
    line.columns = e.extraColumns();
    line.values = e.extraValues(user);
    line.breakdown.reserve(b.items.size());
    for (const BreakdownItem &item : b.items)
        line.breakdown.push_back({item.reaction, item.message, item.giver, item.at, item.weight,
                                  item.counted, item.reason});
    return line;
}

analysis::AuditScorer auditScorer(std::vector<std::shared_ptr<const CompiledPolicy>> policies,
                                  qint64 at, std::shared_ptr<const Evaluator> evaluator)
{
    // Copies of the scorer share the evaluator they build, and build it once.
    struct State
    {
        QMutex mutex;
        std::shared_ptr<const Evaluator> evaluator;
    };
    auto state = std::make_shared<State>();
    state->evaluator = std::move(evaluator);
    return
        [state, policies = std::move(policies), at](const history::History &history, Index user) {
            std::shared_ptr<const Evaluator> ev;
            {
                const QMutexLocker lock(&state->mutex);
                if (!state->evaluator || &state->evaluator->index().history() != &history)
                    state->evaluator = std::make_shared<const Evaluator>(history);
                ev = state->evaluator;
            }
            std::vector<analysis::AuditScoreLine> lines;
            for (const auto &policy : policies)
                lines.push_back(auditScoreLine(*ev, policy, user, at));
            return lines;
        };
}

analysis::AuditScorer auditScorer(std::shared_ptr<const CompiledPolicy> policy, qint64 at,
                                  std::shared_ptr<const Evaluator> evaluator)
{
    return auditScorer(std::vector<std::shared_ptr<const CompiledPolicy>>{std::move(policy)}, at,
                       std::move(evaluator));
}

} // namespace gavel::policy
