#pragma once

#include "analysis/Clusters.h"
#include "analysis/PairMatrix.h"
#include "history/History.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace gavel::analysis {

//! One reaction in a member's audit, given or received.
struct AuditReaction
{
    Index reaction = NoIndex; //!< index into History::reactions
    bool counted = false;     //!< counts under R1 and the audit's window and channels
    QString reason;           //!< why it does not count (empty when it does)
};

//! One reaction (or karma thanks, or conversation session) that touched a member's score under
//! a policy, as core/policy's breakdown explains it.
struct AuditScoreItem
{
    Index reaction = NoIndex; //!< index into History::reactions; NoIndex for sessions
    Index message = NoIndex;
    Index giver = NoIndex; //!< reactor or thanker; NoIndex for sessions
    qint64 at = 0;
    double weight = 0; //!< what it added to the score
    bool counted = false;
    QString reason; //!< why it counted this much or not at all
};

//! One line of a score under a policy, as core/policy explains it.
struct AuditScoreLine
{
    QString policy; //!< policy name and version
    QString level;  //!< the level's name
    double score = 0;
    QString reason; //!< one readable sentence: why this level
    // What `gavel scores` prints for the member (filled by policy::auditScorer()).
    QString policyHash;
    qint64 at = NoTime;  //!< the time the score is for
    QString scoreText;   //!< the score as `gavel scores` prints it
    int levelNumber = 0; //!< the level as `gavel scores` prints it
    QStringList columns; //!< the scoring's extra columns (level_name, role_id, ...)
    QStringList values;  //!< per column
    std::vector<AuditScoreItem> breakdown; //!< rule by rule; empty when not asked for
};

//! Fills a member's scores under policies (core/policy provides it; the audit itself computes
//! no scores). Called with the history and the member's index.
using AuditScorer =
    std::function<std::vector<AuditScoreLine>(const history::History &, Index user)>;

struct AuditOptions
{
    CountOptions counting; //!< window and channels; removed reactions are listed anyway
    int topPairs = 10;     //!< entries of the "most reacted to (by)" lists
    AuditScorer scorer;    //!< optional: scores under the chosen policy
    // Filters of the reaction lists (totals and pairs are never filtered).
    bool listGiven = true;
    bool listReceived = true;
    bool countedOnly = false;    //!< leave out reactions that do not count
    Index counterpart = NoIndex; //!< only reactions to or from this member
};

//! One member's full audit: identity, every reaction given and received with message links,
//! pair summaries, role history, cluster flags with their evidence and (through the scorer
//! hook) policy scores.
struct Audit
{
    Index user = NoIndex;
    int messages = 0; //!< messages authored (deleted ones included)
    std::vector<AuditReaction> given;
    std::vector<AuditReaction> received;
    quint32 countedGiven = 0, countedReceived = 0;
    std::vector<quint32> mostReactedTo;   //!< pair indexes into the matrix
    std::vector<quint32> mostReactedToBy; //!< pair indexes into the matrix
    double concentration3 = 0;            //!< share of received from the top 3 reactors
    std::vector<history::RoleSpan> roles;
    std::vector<const Cluster *> flags; //!< clusters the member belongs to
    std::vector<AuditScoreLine> scores;
};

//! Builds the audit of `user`. `clusters` are the detection results the flags come from
//! (pass the output of detectClusters()); the matrix must be built with the same counting.
Audit buildAudit(const history::History &history, const PairMatrix &matrix,
                 const std::vector<Cluster> &clusters, Index user, const AuditOptions &options);

//! The audit as indented UTF-8 JSON (ids as decimal strings, times ISO 8601 UTC), written
//! straight into the buffer (JsonWriter): a member with 90,000 reactions takes well under a
//! second. docs/detection.md lists the members.
QByteArray auditJson(const history::History &history, const PairMatrix &matrix, const Audit &audit);

//! The audit as readable text: identity, totals, pairs, role history, flags with evidence and
//! each policy's score, level, reason and rule-by-rule breakdown (the reactions themselves are
//! in the JSON and CSV forms).
QString auditText(const history::History &history, const PairMatrix &matrix, const Audit &audit);

//! The CSV header and rows of the audit's reactions, given then received.
QString auditCsvHeader();
QStringList auditCsvRows(const history::History &history, const Audit &audit);

//! ISO 8601 UTC with milliseconds, or an empty string for NoTime.
QString isoTime(qint64 ms);

} // namespace gavel::analysis
