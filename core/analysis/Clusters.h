#pragma once

#include "analysis/PairMatrix.h"
#include "history/History.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace gavel::analysis {

//! What a flagged group is.
enum class ClusterKind {
    Ring,      //!< like-for-like ring: members react mostly to each other
    AltFamily, //!< alt accounts of one master
};

//! How one member of a ring looks from the pair matrix.
struct RingMemberFigures
{
    Index user = NoIndex;
    quint32 received = 0;       //!< counted reactions received
    quint32 receivedInside = 0; //!< of them, from the other members
    quint32 given = 0;
    quint32 givenInside = 0;  //!< given to the other members
    quint32 topOutsider = 0;  //!< most reactions from one reactor outside the group
    double mateMean = 0;      //!< mean reactions from one other member
    double concentration = 0; //!< share of received from the top (size - 1) reactors
    double internalShare() const { return received ? double(receivedInside) / received : 0.0; }
    double givenInsideShare() const { return given ? double(givenInside) / given : 0.0; }
    //! How far the mates' mean support is above the best outsider's.
    double dominance() const { return mateMean / double(topOutsider > 0 ? topOutsider : 1); }
};

//! Group-level figures of a candidate ring (also computed for any group, e.g. for reports).
struct RingFigures
{
    std::vector<RingMemberFigures> members;
    double internalShare = 0;    //!< share of the group's received reactions from inside
    double givenInsideShare = 0; //!< share of the group's given reactions that stay inside
    double reciprocity = 0;      //!< mean reciprocity of the internal pairs
    double density = 0;          //!< share of ordered member pairs with >= minPairReactions
    double medianDominance = 0;  //!< median over members of RingMemberFigures::dominance()
    double minDominance = 0;
    quint32 internalReactions = 0;
    qint64 firstInternalAt = 0; //!< message time of the first and last internal reaction
    qint64 lastInternalAt = 0;
    qint64 medianInternalAt = 0;
    //! internalShare x medianDominance: both grow with a ring's exclusivity, and honest
    //! friend groups (supported mostly from outside, mates only somewhat above the best
    //! outsider) stay low on at least one.
    double exclusivity() const { return internalShare * medianDominance; }
};

//! A flagged group, for human review (never acted on automatically).
struct Cluster
{
    int id = 0; //!< 1-based, stable for the same history and options
    ClusterKind kind = ClusterKind::Ring;
    std::vector<Index> members; //!< sorted by user index; an alt family's master included
    Index master = NoIndex;     //!< alt families: the account the alts serve
    //! 0-1, higher is stronger evidence. Rings: density x e / (e + threshold), e the
    //! exclusivity (0.5 for a complete group at the threshold). Alt families: see detection.md.
    double score = 0;
    QString evidence;           //!< one paragraph a moderator can read
    QStringList memberEvidence; //!< per member (same order as members), one line each
    RingFigures ring;           //!< rings only
};

//! Parameters of ring detection. Defaults are what docs/detection.md measured.
struct RingOptions
{
    quint32 minPairReactions = 5; //!< both directions of a pair need this many to link them
    double resolution = 0.02;     //!< Leiden CPM resolution on the mutual-share graph
    quint64 seed = 1;             //!< igraph's RNG seed: same input, same clusters
    int minSize = 3;
    int maxSize = 12;
    double minDensity = 0.6; //!< share of member directions with minPairReactions
    //! The flagging threshold on RingFigures::exclusivity(): how much of the members' support
    //! comes from inside times how far the mates are above the best outsider.
    double minExclusivity = 1.5;
    double minMedianDominance = 2.0; //!< floor: mates' mean support vs the best outsider's
    double minInternalShare = 0.1;   //!< floor: share of received reactions from inside
};

//! Parameters of alt-family detection.
struct AltOptions
{
    qint64 maxAccountAgeAtJoin = 7LL * 24 * 3600 * 1000; //!< created this close before joining
    qint64 joinWindow = 72LL * 3600 * 1000;              //!< alts joined within this of each other
    double minShareToMaster = 0.6; //!< share of an alt's reactions that go to the master
    double minCoverage = 0.3;      //!< share of the master's messages (after the join) reacted to
    quint32 minReactionsToMaster = 5;
    int maxMessages = 10; //!< alts rarely post
    int minAlts = 2;
};

//! Computes a group's ring figures from the pair matrix.
RingFigures ringFigures(const history::History &history, const PairMatrix &matrix,
                        std::vector<Index> group, quint32 minPairReactions = 5);

//! Like-for-like rings: candidates from Leiden (CPM, seeded) on the graph of mutual pairs
//! weighted by the smaller of the two shares of the receiver, then each candidate is peeled
//! of members the group does not dominate and kept only when its members' support comes
//! mostly from each other and far beyond any outsider's.
std::vector<Cluster> detectRings(const history::History &history, const PairMatrix &matrix,
                                 const RingOptions &options = {});

//! Alt families: young accounts that joined close together, rarely post and react mostly to
//! one master, covering much of the master's messages; name similarity adds to the score.
std::vector<Cluster> detectAltFamilies(const history::History &history, const PairMatrix &matrix,
                                       const AltOptions &options = {});

//! Everything `gavel clusters` reports: rings then alt families, ids 1..n in that order.
std::vector<Cluster> detectClusters(const history::History &history, const PairMatrix &matrix,
                                    const RingOptions &rings = {}, const AltOptions &alts = {});

//! The baseline the quality report compares with: every user in a pair whose reciprocity is at
//! least `threshold` with at least `minReactions` in each direction. Sorted user indexes.
std::vector<Index> reciprocityBaseline(const PairMatrix &matrix, double threshold,
                                       quint32 minReactions);

//! Similarity of two user names in [0, 1] (1 - normalised edit distance after folding case,
//! digits that look like letters and separators): a weak alt signal.
double nameSimilarity(const QString &a, const QString &b);

QString kindName(ClusterKind kind); //!< "ring" or "alt-family"

} // namespace gavel::analysis
