#include "HeatmapModel.h"

#include <QCoreApplication>

#include <cmath>
#include <numeric>

namespace gavel::ui {

using analysis::Pair;

std::shared_ptr<const HeatmapModel> HeatmapModel::build(std::shared_ptr<const Analysis> analysis,
                                                        Ordering ordering)
{
    auto model = std::make_shared<HeatmapModel>();
    model->m_analysis = std::move(analysis);
    model->m_ordering = ordering;
    model->order();
    model->buildLevels();
    return model;
}

QString HeatmapModel::orderingName(Ordering ordering)
{
    switch (ordering) {
    case Ordering::Clusters:
        return QCoreApplication::translate("HeatmapModel", "Clusters on the diagonal");
    case Ordering::Received:
        return QCoreApplication::translate("HeatmapModel", "Most reactions received");
    case Ordering::Id:
        return QCoreApplication::translate("HeatmapModel", "User id (account age)");
    }
    return {};
}

QString HeatmapModel::measureName(Measure measure)
{
    switch (measure) {
    case Measure::Count:
        return QCoreApplication::translate("HeatmapModel", "Reactions (raw count)");
    case Measure::Weighted:
        return QCoreApplication::translate("HeatmapModel", "Weighted volume");
    case Measure::Reciprocity:
        return QCoreApplication::translate("HeatmapModel", "Reciprocity");
    }
    return {};
}

void HeatmapModel::order()
{
    const history::History &h = *m_analysis->history;
    const analysis::PairMatrix &m = m_analysis->matrix;
    const size_t users = h.users.size();
    std::vector<Index> active;
    for (Index u = 0; u < users; ++u) {
        if (m.given(u) > 0 || m.received(u) > 0)
            active.push_back(u);
    }
    const auto byActivity = [&m](Index a, Index b) {
        const quint64 ta = quint64(m.given(a)) + m.received(a);
        const quint64 tb = quint64(m.given(b)) + m.received(b);
        return ta != tb ? ta > tb : a < b;
    };
    switch (m_ordering) {
    case Ordering::Id:
        std::sort(active.begin(), active.end(),
                  [&h](Index a, Index b) { return h.users[a].id < h.users[b].id; });
        m_order = std::move(active);
        break;
    case Ordering::Received:
        std::sort(active.begin(), active.end(), [&m](Index a, Index b) {
            return m.received(a) != m.received(b) ? m.received(a) > m.received(b)
                   : m.given(a) != m.given(b)     ? m.given(a) > m.given(b)
                                                  : a < b;
        });
        m_order = std::move(active);
        break;
    case Ordering::Clusters: {
        // Rings come first, then alt families, each a contiguous block, so a ring is a bright
        // square on the diagonal; the rest follows by activity, the busiest near the clusters.
        std::vector<bool> placed(users, false);
        for (const analysis::ClusterKind kind :
             {analysis::ClusterKind::Ring, analysis::ClusterKind::AltFamily}) {
            for (const analysis::Cluster &c : m_analysis->clusters) {
                if (c.kind != kind)
                    continue;
                std::vector<Index> members;
                if (c.master != NoIndex && c.master < users && !placed[c.master])
                    members.push_back(c.master);
                std::vector<Index> rest;
                for (Index u : c.members) {
                    if (u < users && !placed[u] && u != c.master &&
                        (m.given(u) > 0 || m.received(u) > 0))
                        rest.push_back(u);
                }
                std::sort(rest.begin(), rest.end(), byActivity);
                members.insert(members.end(), rest.begin(), rest.end());
                if (members.empty())
                    continue;
                m_blocks.push_back({int(m_order.size()), int(members.size()), c.id, c.kind});
                for (Index u : members) {
                    placed[u] = true;
                    m_order.push_back(u);
                }
            }
        }
        std::vector<Index> rest;
        for (Index u : active) {
            if (!placed[u])
                rest.push_back(u);
        }
        std::sort(rest.begin(), rest.end(), byActivity);
        m_order.insert(m_order.end(), rest.begin(), rest.end());
        break;
    }
    }
    m_position.assign(users, -1);
    for (size_t i = 0; i < m_order.size(); ++i)
        m_position[m_order[i]] = int(i);
}

void HeatmapModel::buildLevels()
{
    const std::vector<Pair> &pairs = m_analysis->matrix.pairs();
    const int n = size();

    Level base;
    base.side = n;
    base.rowStart.assign(size_t(n) + 1, 0);
    for (const Pair &p : pairs)
        ++base.rowStart[size_t(m_position[p.reactor]) + 1];
    std::partial_sum(base.rowStart.begin(), base.rowStart.end(), base.rowStart.begin());
    std::vector<quint32> fill(base.rowStart.begin(), base.rowStart.end() - 1);
    base.pair.resize(pairs.size());
    for (quint32 i = 0; i < pairs.size(); ++i)
        base.pair[fill[size_t(m_position[pairs[i].reactor])]++] = i;
    base.col.resize(pairs.size());
    base.count.resize(pairs.size());
    base.weighted.resize(pairs.size());
    base.lo.resize(pairs.size());
    base.hi.resize(pairs.size());
    for (int r = 0; r < n; ++r) {
        auto first = base.pair.begin() + base.rowStart[size_t(r)];
        auto last = base.pair.begin() + base.rowStart[size_t(r) + 1];
        std::sort(first, last, [&](quint32 a, quint32 b) {
            return m_position[pairs[a].author] < m_position[pairs[b].author];
        });
    }
    for (size_t k = 0; k < pairs.size(); ++k) {
        const Pair &p = pairs[base.pair[k]];
        base.col[k] = quint32(m_position[p.author]);
        base.count[k] = float(p.count);
        base.weighted[k] = float(p.weighted);
        base.lo[k] = float(qMin(p.count, p.reverseCount));
        base.hi[k] = float(qMax(p.count, p.reverseCount));
    }
    m_levels.push_back(std::move(base));

    // Each level halves the side by summing 2×2 blocks of the one below.
    struct Entry
    {
        quint32 col;
        float count, weighted, lo, hi;
    };
    std::vector<Entry> row;
    while (m_levels.back().side > 1) {
        const Level &below = m_levels.back();
        Level up;
        up.side = (below.side + 1) / 2;
        up.rowStart.reserve(size_t(up.side) + 1);
        up.rowStart.push_back(0);
        for (int r = 0; r < up.side; ++r) {
            row.clear();
            for (int sub = 2 * r; sub < qMin(2 * r + 2, below.side); ++sub) {
                for (quint32 k = below.rowStart[size_t(sub)]; k < below.rowStart[size_t(sub) + 1];
                     ++k)
                    row.push_back({below.col[k] / 2, below.count[k], below.weighted[k], below.lo[k],
                                   below.hi[k]});
            }
            std::sort(row.begin(), row.end(),
                      [](const Entry &a, const Entry &b) { return a.col < b.col; });
            for (size_t i = 0; i < row.size();) {
                Entry sum = row[i];
                size_t j = i + 1;
                for (; j < row.size() && row[j].col == sum.col; ++j) {
                    sum.count += row[j].count;
                    sum.weighted += row[j].weighted;
                    sum.lo += row[j].lo;
                    sum.hi += row[j].hi;
                }
                up.col.push_back(sum.col);
                up.count.push_back(sum.count);
                up.weighted.push_back(sum.weighted);
                up.lo.push_back(sum.lo);
                up.hi.push_back(sum.hi);
                i = j;
            }
            up.rowStart.push_back(quint32(up.col.size()));
        }
        m_levels.push_back(std::move(up));
    }
    for (Level &l : m_levels) {
        for (size_t k = 0; k < l.col.size(); ++k) {
            l.maxCount = qMax(l.maxCount, double(l.count[k]));
            l.maxWeighted = qMax(l.maxWeighted, double(l.weighted[k]));
        }
        l.maxReciprocity = 1.0;
        for (const Measure m : {Measure::Count, Measure::Weighted, Measure::Reciprocity}) {
            std::vector<quint8> &shade = l.shade[size_t(m)];
            shade.resize(l.col.size());
            const bool logScale = m != Measure::Reciprocity;
            const double maxV = m == Measure::Count ? l.maxCount : l.maxWeighted;
            const double norm = logScale ? 1.0 / std::log1p(qMax(1e-9, maxV)) : 1.0;
            for (size_t k = 0; k < l.col.size(); ++k) {
                const double v = value(l, k, m);
                const double t = qBound(0.0, logScale ? std::log1p(qMax(0.0, v)) * norm : v, 1.0);
                shade[k] = quint8(qBound(1, int(std::lround((0.04 + 0.96 * t) * 255)), 255));
            }
        }
    }
}

double HeatmapModel::maxValue(int level, Measure measure) const
{
    const Level &l = m_levels[size_t(level)];
    switch (measure) {
    case Measure::Count:
        return l.maxCount;
    case Measure::Weighted:
        return l.maxWeighted;
    case Measure::Reciprocity:
        return l.maxReciprocity;
    }
    return 0;
}

long HeatmapModel::findBlock(const Level &l, int row, int col) const
{
    if (row < 0 || row >= l.side || col < 0 || col >= l.side)
        return -1;
    const auto begin = l.col.begin() + l.rowStart[size_t(row)];
    const auto end = l.col.begin() + l.rowStart[size_t(row) + 1];
    const auto it = std::lower_bound(begin, end, quint32(col));
    if (it == end || *it != quint32(col))
        return -1;
    return long(it - l.col.begin());
}

const Pair *HeatmapModel::pairAt(int row, int col) const
{
    if (m_levels.empty())
        return nullptr;
    const Level &l = m_levels.front();
    const long k = findBlock(l, row, col);
    return k < 0 ? nullptr : &m_analysis->matrix.pairs()[l.pair[size_t(k)]];
}

HeatmapModel::BlockFigures HeatmapModel::blockAt(int level, int row, int col) const
{
    BlockFigures f;
    f.level = level;
    if (level < 0 || level >= levelCount())
        return f;
    const int side = 1 << level;
    const int br = row >> level;
    const int bc = col >> level;
    f.rowFirst = br * side;
    f.rowLast = qMin(size(), (br + 1) * side) - 1;
    f.colFirst = bc * side;
    f.colLast = qMin(size(), (bc + 1) * side) - 1;
    const Level &l = m_levels[size_t(level)];
    const long k = findBlock(l, br, bc);
    if (k < 0)
        return f;
    f.count = l.count[size_t(k)];
    f.weighted = l.weighted[size_t(k)];
    f.lo = l.lo[size_t(k)];
    f.hi = l.hi[size_t(k)];
    // Non-empty cells of the block, from the base level (bounded by the block's rows).
    const Level &base = m_levels.front();
    for (int r = f.rowFirst; r <= f.rowLast; ++r) {
        const auto begin = base.col.begin() + base.rowStart[size_t(r)];
        const auto end = base.col.begin() + base.rowStart[size_t(r) + 1];
        f.pairs += int(std::lower_bound(begin, end, quint32(f.colLast + 1)) -
                       std::lower_bound(begin, end, quint32(f.colFirst)));
    }
    return f;
}

} // namespace gavel::ui
