#pragma once

#include "analysis/Clusters.h"
#include "common/Result.h"
#include "demoguild/DemoGuild.h"
#include "history/History.h"

#include <QString>
#include <QStringList>

#include <vector>

//! Measures ring and alt-family detection against a demo guild's truth file
//! (docs/detection.md): generation, a SQLite store written as a complete sync leaves it,
//! History::load, detection, and a comparison member by member.
namespace gavel::quality {

struct Truth
{
    struct Ring
    {
        std::vector<quint64> members;
        bool stealthy = false;
    };
    struct Family
    {
        quint64 master = 0;
        std::vector<quint64> alts;
    };
    std::vector<Ring> rings;
    std::vector<Family> families;
    std::vector<std::vector<quint64>> friendGroups;
};

Result<Truth> readTruth(const QString &path);

//! Member-level precision and recall of one detector on one guild.
struct Score
{
    int truth = 0;   //!< planted members
    int flagged = 0; //!< members the detector flagged
    int hit = 0;     //!< flagged and planted
    double recall() const { return truth ? double(hit) / truth : 1.0; }
    double precision() const { return flagged ? double(hit) / flagged : 1.0; }
};

struct Evaluation
{
    Score rings;
    Score stealthyRings; //!< recall on the stealthy rings' members only (flagged = hits)
    Score alts;          //!< alt-family members: alts and master
    Score baseline;      //!< reciprocity-threshold baseline against ring members
    int friendGroups = 0;
    int friendGroupsFlagged = 0; //!< groups with any member in a flagged cluster
    int baselineFriendGroupsFlagged = 0;
    QStringList notes; //!< misses and false flags, one line each
    qint64 users = 0, messages = 0, reactions = 0;
    double loadSeconds = 0, matrixSeconds = 0, detectSeconds = 0;
};

//! Compares the clusters with the truth. `dump` adds the figures of every planted group.
Evaluation evaluate(const history::History &history, const analysis::PairMatrix &matrix,
                    const std::vector<analysis::Cluster> &clusters, const Truth &truth,
                    bool dump = false);

struct RunOptions
{
    demoguild::Options guild;
    analysis::RingOptions rings;
    analysis::AltOptions alts;
    double baselineThreshold = 0.5;
    quint32 baselineMinReactions = 5;
    bool dump = false;
    QString workDir;  //!< where the snapshot and database go (removed afterwards)
    QString cacheDir; //!< if set: databases are kept here, named by the guild options, and reused
};

//! Generates the guild, stores it, loads it and evaluates detection.
Result<Evaluation> run(const RunOptions &options);

} // namespace gavel::quality
