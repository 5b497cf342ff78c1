#include "PairMatrix.h"

#include <algorithm>
#include <numeric>

namespace gavel::analysis {

PairMatrix PairMatrix::build(const history::History &history, const CountOptions &options)
{
    PairMatrix m;
    const size_t users = history.users.size();
    m.m_counted = countedReactions(history, options);
    m.m_total = static_cast<qint64>(m.m_counted.size());
    const bool weighted = !options.weights.empty();
    auto weightOf = [&](Index reaction) {
        return weighted ? (reaction < options.weights.size() ? options.weights[reaction] : 0.0)
                        : 1.0;
    };

    // Bucket the counted reactions by reactor (counting sort), then aggregate each reactor's
    // bucket by author with a dense scratch row: linear in the number of reactions.
    std::vector<quint32> start(users + 1, 0);
    for (Index r : m.m_counted)
        ++start[history.reactions[r].reactor + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    // Each entry carries what the aggregation needs, so that pass reads memory in order.
    struct Entry
    {
        Index author;
        Index message;
        Index reaction;
    };
    std::vector<Entry> byReactor(m.m_counted.size());
    {
        std::vector<quint32> next(start.begin(), start.end() - 1);
        for (Index r : m.m_counted) {
            const history::Reaction &reaction = history.reactions[r];
            byReactor[next[reaction.reactor]++] = {reaction.author, reaction.message, r};
        }
    }

    m.m_given.assign(users, 0);
    m.m_received.assign(users, 0);
    m.m_givenWeighted.assign(users, 0.0);
    m.m_receivedWeighted.assign(users, 0.0);
    m.m_outStart.assign(users + 1, 0);
    std::vector<quint32> slot(users, std::numeric_limits<quint32>::max());
    for (size_t a = 0; a < users; ++a) {
        const size_t first = m.m_pairs.size();
        for (quint32 i = start[a]; i < start[a + 1]; ++i) {
            const Entry &reaction = byReactor[i];
            const double w = weightOf(reaction.reaction);
            quint32 &s = slot[reaction.author];
            if (s == std::numeric_limits<quint32>::max() || s < first) {
                s = static_cast<quint32>(m.m_pairs.size());
                Pair pair;
                pair.reactor = static_cast<Index>(a);
                pair.author = reaction.author;
                pair.firstMessage = reaction.message;
                pair.lastMessage = reaction.message;
                m.m_pairs.push_back(pair);
            }
            Pair &pair = m.m_pairs[s];
            ++pair.count;
            pair.weighted += w;
            pair.firstMessage = std::min<quint32>(pair.firstMessage, reaction.message);
            pair.lastMessage = std::max<quint32>(pair.lastMessage, reaction.message);
            ++m.m_given[a];
            m.m_givenWeighted[a] += w;
            ++m.m_received[reaction.author];
            m.m_receivedWeighted[reaction.author] += w;
        }
        std::sort(m.m_pairs.begin() + static_cast<std::ptrdiff_t>(first), m.m_pairs.end(),
                  [](const Pair &x, const Pair &y) { return x.author < y.author; });
        m.m_outStart[a + 1] = static_cast<quint32>(m.m_pairs.size());
    }

    // Incoming orientation: pair indexes bucketed by author; buckets come out sorted by
    // reactor because pairs are visited in reactor order.
    m.m_inStart.assign(users + 1, 0);
    for (const Pair &p : m.m_pairs)
        ++m.m_inStart[p.author + 1];
    std::partial_sum(m.m_inStart.begin(), m.m_inStart.end(), m.m_inStart.begin());
    m.m_inOrder.resize(m.m_pairs.size());
    {
        std::vector<quint32> next(m.m_inStart.begin(), m.m_inStart.end() - 1);
        for (quint32 i = 0; i < m.m_pairs.size(); ++i)
            m.m_inOrder[next[m.m_pairs[i].author]++] = i;
    }

    // Reverse counts by a merge per user: its outgoing pairs are sorted by author, its
    // incoming ones by reactor, and the reverse of A->B is B->A, an incoming pair of A.
    for (size_t a = 0; a < users; ++a) {
        quint32 in = m.m_inStart[a];
        const quint32 inEnd = m.m_inStart[a + 1];
        for (quint32 o = m.m_outStart[a]; o < m.m_outStart[a + 1]; ++o) {
            Pair &p = m.m_pairs[o];
            while (in < inEnd && m.m_pairs[m.m_inOrder[in]].reactor < p.author)
                ++in;
            if (in < inEnd && m.m_pairs[m.m_inOrder[in]].reactor == p.author) {
                const Pair &reverse = m.m_pairs[m.m_inOrder[in]];
                p.reverseCount = reverse.count;
                p.reverseWeighted = reverse.weighted;
            }
        }
    }
    return m;
}

const Pair *PairMatrix::find(Index reactor, Index author) const
{
    if (reactor + 1 >= m_outStart.size())
        return nullptr;
    const auto first = m_pairs.begin() + m_outStart[reactor];
    const auto last = m_pairs.begin() + m_outStart[reactor + 1];
    const auto it =
        std::lower_bound(first, last, author, [](const Pair &p, Index a) { return p.author < a; });
    return it != last && it->author == author ? &*it : nullptr;
}

double PairMatrix::givenWeighted(Index user) const
{
    return user < m_givenWeighted.size() ? m_givenWeighted[user] : 0.0;
}

double PairMatrix::receivedWeighted(Index user) const
{
    return user < m_receivedWeighted.size() ? m_receivedWeighted[user] : 0.0;
}

double PairMatrix::shareOfReceiver(const Pair &pair) const
{
    const quint32 total = received(pair.author);
    return total == 0 ? 0.0 : double(pair.count) / double(total);
}

double PairMatrix::shareOfReactor(const Pair &pair) const
{
    const quint32 total = given(pair.reactor);
    return total == 0 ? 0.0 : double(pair.count) / double(total);
}

double PairMatrix::concentration(Index user, int k) const
{
    const quint32 total = received(user);
    if (total == 0 || k <= 0)
        return 0.0;
    std::vector<quint32> counts;
    for (quint32 i : incoming(user))
        counts.push_back(m_pairs[i].count);
    const size_t top = std::min(counts.size(), size_t(k));
    std::partial_sort(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(top),
                      counts.end(), std::greater<>());
    const quint64 sum = std::accumulate(
        counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(top), quint64(0));
    return double(sum) / double(total);
}

std::vector<quint32> PairMatrix::outgoing(Index reactor) const
{
    std::vector<quint32> out;
    if (reactor + 1 >= m_outStart.size())
        return out;
    for (quint32 i = m_outStart[reactor]; i < m_outStart[reactor + 1]; ++i)
        out.push_back(i);
    return out;
}

std::vector<quint32> PairMatrix::incoming(Index author) const
{
    if (author + 1 >= m_inStart.size())
        return {};
    return {m_inOrder.begin() + m_inStart[author], m_inOrder.begin() + m_inStart[author + 1]};
}

namespace {

std::vector<quint32> topPairs(const std::vector<Pair> &pairs, std::vector<quint32> candidates,
                              int k, bool byReactor)
{
    std::sort(candidates.begin(), candidates.end(), [&](quint32 x, quint32 y) {
        const Pair &a = pairs[x];
        const Pair &b = pairs[y];
        if (a.count != b.count)
            return a.count > b.count;
        if (a.weighted != b.weighted)
            return a.weighted > b.weighted;
        return byReactor ? a.reactor < b.reactor : a.author < b.author;
    });
    if (k >= 0 && candidates.size() > size_t(k))
        candidates.resize(size_t(k));
    return candidates;
}

} // namespace

std::vector<quint32> PairMatrix::mostReactedTo(Index user, int k) const
{
    return topPairs(m_pairs, outgoing(user), k, false);
}

std::vector<quint32> PairMatrix::mostReactedToBy(Index user, int k) const
{
    return topPairs(m_pairs, incoming(user), k, true);
}

} // namespace gavel::analysis
