#pragma once

#include "analysis/Clusters.h"
#include "analysis/PairMatrix.h"
#include "common/Result.h"
#include "history/History.h"
#include "moderation/Proposal.h"
#include "policy/Evaluator.h"
#include "policy/Policy.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace gavel::store {
class Database;
}

//! Evidence packages and the case data reports are built from (docs/evidence.md).
namespace gavel::report {

using history::Index;
using history::NoIndex;

//! What a package or report is about.
enum class SubjectKind { Member, Cluster, Proposal };

struct Subject
{
    SubjectKind kind = SubjectKind::Member;
    quint64 id = 0; //!< user id, cluster id (as `gavel clusters` numbers them) or proposal id
};

QString subjectKindName(SubjectKind kind); //!< "member", "cluster", "proposal"

//! What to collect: the window of the analysis, the policy and the evaluation time.
struct EvidenceOptions
{
    qint64 since = history::NoTime;
    qint64 until = history::NoTime;
    QByteArray policyBytes; //!< the policy file exactly as read (copied to the package)
    QString policySource;   //!< its path or name, for the README
    qint64 at = 0;          //!< the time scores are evaluated at (UTC ms)
};

//! One reaction of the package: given or received by a subject member.
struct EvidenceReaction
{
    Index reaction = NoIndex;         //!< index into History::reactions
    bool counted = false;             //!< counts under R1 in the window (as `gavel pairs`/`audit`)
    QString notCountedReason;         //!< analysis::buildAudit's reason when it does not count
    bool inside = false;              //!< reactor and author are both subject members
    double weight = 0;                //!< what it adds under the policy
    QString weightReason;             //!< why (the policy's breakdown, or the base weight)
    bool weightFromBreakdown = false; //!< the author's full breakdown (false: base weight)
};

//! One subject member's score under the policy.
struct EvidenceScore
{
    Index user = NoIndex;
    QString score;     //!< Evaluation::scoreText, exactly as `gavel scores`
    int level = 0;     //!< the level number `gavel scores` prints
    QString levelName; //!< e.g. Senpai
    QStringList extraValues;
    QString reason;
    policy::Breakdown breakdown;
};

/*!
 * Everything a package or report shows, computed with the same core queries as the GUI and
 * `gavel pairs` / `audit` / `clusters` / `scores`: the pair matrix without policy weights under
 * R1 and the window, detection with default options, the policy's Evaluator at `at`.
 */
struct Evidence
{
    Subject subject;
    QString title;               //!< e.g. "Cluster 3 (ring, 5 members)"
    std::vector<Index> members;  //!< the subject's members, sorted by index
    std::vector<bool> inSubject; //!< per user index
    analysis::PairMatrix matrix;
    std::vector<analysis::Cluster> clusters;  //!< every cluster of the guild (flags)
    std::optional<analysis::Cluster> cluster; //!< the subject cluster
    std::optional<moderation::Proposal> proposal;
    std::optional<moderation::ProposalStatus> proposalStatus;
    std::vector<EvidenceReaction> reactions; //!< history order
    std::vector<quint32> pairs;        //!< matrix pair indexes with a subject member on either side
    std::vector<EvidenceScore> scores; //!< per subject member, same order as members
    policy::Policy policy;
    std::shared_ptr<const policy::CompiledPolicy> compiled;
    EvidenceOptions options;
    std::vector<Index> involvedUsers; //!< subject members and everyone they reacted with
};

/*!
 * Resolves the subject and gathers its evidence. `db` is the database the history was loaded
 * from (proposals are read from it). Errors say which subject was not found and how to list
 * the valid ones.
 */
Result<Evidence> collectEvidence(store::Database &db, const history::History &history,
                                 const Subject &subject, const EvidenceOptions &options);

//! Where a package was written and the hash that identifies it.
struct PackageInfo
{
    QString dir;
    QStringList files;    //!< relative paths, manifest last
    QString manifestHash; //!< SHA-256 of MANIFEST.sha256
    qsizetype reactionRows = 0;
    qsizetype pairRows = 0;
};

/*!
 * Writes the evidence package into `dir` (created; files already there with the same names are
 * replaced): reactions.csv, pairs.csv, members.csv, roles.csv, scores.csv, breakdown.csv,
 * case.json, the policy file, README.md and MANIFEST.sha256.
 */
Result<PackageInfo> writeEvidencePackage(const history::History &history, const Evidence &evidence,
                                         const QString &dir);

//! Reactions, pairs, ... file names inside a package.
namespace files {
inline constexpr QLatin1StringView reactions{"reactions.csv"};
inline constexpr QLatin1StringView pairs{"pairs.csv"};
inline constexpr QLatin1StringView members{"members.csv"};
inline constexpr QLatin1StringView roles{"roles.csv"};
inline constexpr QLatin1StringView scores{"scores.csv"};
inline constexpr QLatin1StringView breakdown{"breakdown.csv"};
inline constexpr QLatin1StringView caseJson{"case.json"};
inline constexpr QLatin1StringView policy{"policy.json"};
inline constexpr QLatin1StringView readme{"README.md"};
} // namespace files

//! The fixed-precision text Gavel's CLI prints for shares and weights ("0.1234").
QString decimal(double value);

} // namespace gavel::report
