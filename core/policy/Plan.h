#pragma once

#include "policy/Evaluator.h"

#include <QString>

#include <vector>

namespace gavel::policy {

//! One role change of a plan: add or remove one managed role of one member.
struct PlanChange
{
    Index user = NoIndex;
    QString action; //!< promote, demote, deactivate, reactivate
    Index role = NoIndex;
    bool add = true;
    QString reason; //!< one readable sentence
};

/*!
 * The diff between the roles the policy wants (at evaluation.at) and the roles current members
 * hold: promotions, demotions (Sensei decay included), deactivations and reactivations. Never
 * touches a role outside $.roles.managed and never removes an exempt role. Ordered by user,
 * then removals before additions.
 */
std::vector<PlanChange> plan(const HistoryIndex &index, const Evaluation &evaluation);

} // namespace gavel::policy
