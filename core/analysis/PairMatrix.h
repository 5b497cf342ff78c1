#pragma once

#include "analysis/Counting.h"
#include "history/History.h"

#include <QList>

#include <vector>

namespace gavel::analysis {

//! One reactor pair A→B: all counted reactions from reactor A to messages authored by B.
struct Pair
{
    Index reactor = NoIndex;
    Index author = NoIndex;
    quint32 count = 0;        //!< counted reactions A→B
    quint32 reverseCount = 0; //!< counted reactions B→A
    double weighted = 0;      //!< sum of the reactions' weights (= count without weights)
    double reverseWeighted = 0;
    quint32 firstMessage = 0; //!< earliest and latest message reacted to (indexes)
    quint32 lastMessage = 0;

    //! min(A→B, B→A) / max(A→B, B→A): 1 for perfectly mutual pairs, 0 for one-way ones.
    double reciprocity() const
    {
        const quint32 hi = count > reverseCount ? count : reverseCount;
        const quint32 lo = count > reverseCount ? reverseCount : count;
        return hi == 0 ? 0.0 : double(lo) / double(hi);
    }
};

//! The reactor-pair matrix of a history under CountOptions (R1, window, channels, weights):
//! sparse, one Pair per (reactor, author) with at least one counted reaction, with per-user
//! totals and both orientations indexed for "most reacted to" / "most reacted to by".
class PairMatrix
{
public:
    static PairMatrix build(const history::History &history, const CountOptions &options = {});

    //! Pairs sorted by (reactor, author).
    const std::vector<Pair> &pairs() const { return m_pairs; }
    //! The pair A→B, or nullptr when A never reacted to B.
    const Pair *find(Index reactor, Index author) const;

    //! Counted reactions given by / received by a user (and their weights).
    quint32 given(Index user) const { return user < m_given.size() ? m_given[user] : 0; }
    quint32 received(Index user) const { return user < m_received.size() ? m_received[user] : 0; }
    double givenWeighted(Index user) const;
    double receivedWeighted(Index user) const;

    //! Share of B's received reactions that came from A (0 when B received none).
    double shareOfReceiver(const Pair &pair) const;
    //! Share of A's given reactions that went to B.
    double shareOfReactor(const Pair &pair) const;
    //! Share of `user`'s received reactions that come from its top `k` reactors (R6's
    //! concentration).
    double concentration(Index user, int k) const;

    //! Indexes into pairs() of a user's outgoing pairs (sorted by author) and incoming pairs
    //! (sorted by reactor).
    std::vector<quint32> outgoing(Index reactor) const;
    std::vector<quint32> incoming(Index author) const;
    //! The `k` members `user` reacted to most / who reacted to `user` most, by count (then by
    //! weight, then by index), as pair indexes.
    std::vector<quint32> mostReactedTo(Index user, int k) const;
    std::vector<quint32> mostReactedToBy(Index user, int k) const;

    qint64 totalCounted() const { return m_total; }
    //! The counted reactions, as indexes into History::reactions.
    const std::vector<Index> &counted() const { return m_counted; }
    size_t userCount() const { return m_given.size(); }

private:
    std::vector<Pair> m_pairs;
    std::vector<quint32> m_outStart; //!< CSR over m_pairs by reactor, size users + 1
    std::vector<quint32> m_inStart;  //!< CSR over m_inOrder by author
    std::vector<quint32> m_inOrder;  //!< pair indexes sorted by (author, reactor)
    std::vector<quint32> m_given;
    std::vector<quint32> m_received;
    std::vector<double> m_givenWeighted;
    std::vector<double> m_receivedWeighted;
    std::vector<Index> m_counted;
    qint64 m_total = 0;
};

} // namespace gavel::analysis
