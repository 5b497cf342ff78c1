#pragma once

#include "common/Result.h"
#include "policy/Evaluator.h"

#include <QString>

#include <vector>

namespace gavel::policy {

//! A group whose gains a comparison reports: a ring or an alt family.
struct Group
{
    QString id;
    QString kind; //!< "ring" or "alt-family"
    std::vector<Index> members;
};

//! Reads the rings and alt families of a demo truth file (`<snapshot>.truth.json`). Members
//! not in the history are skipped.
Result<std::vector<Group>> loadTruthGroups(const QString &path, const history::History &history);

struct RoleDifference
{
    Index user = NoIndex;
    int levelA = 0, levelB = 0;
};

struct GroupGain
{
    Group group;
    double scoreA = 0, scoreB = 0; //!< total score of the members
    double shareA = 0, shareB = 0; //!< of the total score of everyone
};

//! The policy lab: how two policies differ over the same history at the same time.
struct Comparison
{
    int population = 0;                  //!< members compared (current, not bots)
    std::vector<RoleDifference> changes; //!< members whose level role differs
    double spearman = 0;                 //!< rank correlation of the scores (ties averaged)
    double top1A = 0, top10A = 0;        //!< share of the total held by the top 1% / 10%
    double top1B = 0, top10B = 0;
    std::vector<GroupGain> groups;
};

/*!
 * Compares two evaluations of the same history (policy lab, GUI and `gavel compare`). The
 * population is every current member who is not a bot, plus anyone with a score under
 * either policy.
 */
Comparison compare(const history::History &history, const Evaluation &a, const Evaluation &b,
                   const std::vector<Group> &groups = {});

//! Spearman's rank correlation with average ranks for ties; 0 when either side is constant.
double spearman(const std::vector<double> &x, const std::vector<double> &y);
//! Share of the total held by the top `fraction` of values (at least one value).
double topShare(std::vector<double> values, double fraction);

} // namespace gavel::policy
