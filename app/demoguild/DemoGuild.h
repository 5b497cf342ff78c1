#pragma once

#include "common/Result.h"

#include <QString>
#include <QtGlobal>

#include <functional>

namespace gavel::demoguild {

//! 2026-11-01T00:00:00Z: the fixed end of the default history (never the wall clock).
inline constexpr qint64 defaultEndMs = Q_INT64_C(1793491200000);

//! What to generate. Counts of -1 are chosen from the guild's size (see resolved()).
struct Options
{
    quint64 seed = 1;
    int members = 2000; //!< current members, bots included; left members come on top
    int messages = 100000;
    int rings = -1;        //!< like-for-like rings of 3-8 members
    int alts = -1;         //!< alt-account families (a master and 2-5 alts)
    int friendGroups = -1; //!< honest tight-knit groups of 4-6 (the first is the core team)
    double stealthyRingFraction = 0.5; //!< share of rings that also behave normally
    double ringDensity = 0.85;         //!< chance a ring member :dojo:s each ring mate's message
    //! Blatant rings: factor on outsiders' reactions to members and members' to outsiders.
    double ringOutsiderRate = 0.15;
    //! Chance a friend reacts to each friend's post (a third of it for small talk).
    double friendReciprocity = 0.4;
    double leftFraction = 0.08; //!< users who joined and left, as a share of members
    //! Mean organic reaction users per message; -1: from 1.6 at 2,000 members to 4.6 at 50,000.
    double reactionsPerMessage = -1;
    qint64 endMs = defaultEndMs; //!< end of the history (UTC ms)
    int days = 540;              //!< length of the history
    QString guildName = QStringLiteral("Hive Dojo");

    //! A copy with every automatic (-1) value replaced by the one generate() uses.
    Options resolved() const;
};

//! What README's demo opens: 2,000 members, 100,000 messages, seed 1.
Options defaultDemoOptions();

//! Checks the ranges of every option; the error names the option and the accepted range.
Result<void> validate(const Options &options);

//! What generate() wrote.
struct Summary
{
    QString snapshotPath;
    QString truthPath;
    quint64 guildId = 0;
    int members = 0;   //!< current members, bots included
    int leftUsers = 0; //!< users in the top-level "users" map
    int bots = 0;
    int channels = 0; //!< guild channels (categories included), without threads
    int threads = 0;
    int messages = 0;
    qint64 reactionUsers = 0;      //!< normal reactions: (message, emoji, user) triples
    qint64 burstReactionUsers = 0; //!< super reactions
    int reactedMessages = 0;       //!< messages with at least one reaction
    int rings = 0;
    int altFamilies = 0;
    int friendGroups = 0;
    qint64 snapshotBytes = 0;     //!< bytes on disk (compressed size for .gz)
    qint64 uncompressedBytes = 0; //!< JSON bytes before compression
    qint64 elapsedMs = 0;

    //! One line for the CLI: what was written, the counts, the time taken.
    QString text() const;
};

/*!
 * Generates a deterministic demo guild and writes it as a guild-snapshot/1 file to outPath
 * (gzip when the path ends in ".gz") and its ground truth to outPath + ".truth.json".
 * Same options, same bytes. progress gets 0-100 and may return false to cancel; on
 * cancel or any error nothing is left at either path.
 */
Result<Summary> generate(const Options &options, const QString &outPath,
                         const std::function<bool(int percent)> &progress = {});

//! The truth file's path for a snapshot path.
QString truthPathFor(const QString &snapshotPath);

} // namespace gavel::demoguild
