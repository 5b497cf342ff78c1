#pragma once

#include "InvestigationSession.h"

#include <QString>

#include <algorithm>
#include <memory>
#include <vector>

namespace gavel::ui {

/*!
 * The reactor × author matrix of an Analysis laid out for drawing: members get a position on
 * both axes (the same order, so mutual groups sit on the diagonal) and the sparse matrix is
 * kept as a pyramid of block sums. Level L sums blocks of 2^L × 2^L cells, so a view of the
 * whole guild at any zoom draws about one block per pixel however many members there are.
 * Each level is sparse, rows in CSR form with columns sorted, so a visible rectangle is read
 * row by row with a binary search. Immutable once built; build it off the GUI thread.
 */
class HeatmapModel
{
public:
    enum class Ordering {
        Clusters, //!< rings, then alt families as diagonal blocks, then by activity
        Received, //!< by counted reactions received, most first
        Id,       //!< by user id (account creation time)
    };
    enum class Measure {
        Count,      //!< counted reactions
        Weighted,   //!< sum of the reactions' weights (a policy's, when one is applied)
        Reciprocity //!< min/max of the two directions, summed over a block
    };

    //! A cluster's members as a contiguous diagonal block (Clusters ordering only).
    struct DiagonalBlock
    {
        int first = 0;
        int size = 0;
        int clusterId = 0;
        analysis::ClusterKind kind = analysis::ClusterKind::Ring;
    };

    //! What a block of cells holds, for tooltips.
    struct BlockFigures
    {
        int level = 0;
        int rowFirst = 0, rowLast = 0, colFirst = 0, colLast = 0; //!< member positions
        double count = 0, weighted = 0, lo = 0, hi = 0;
        int pairs = 0; //!< non-empty cells
    };

    static std::shared_ptr<const HeatmapModel> build(std::shared_ptr<const Analysis> analysis,
                                                     Ordering ordering);

    const Analysis &analysis() const { return *m_analysis; }
    std::shared_ptr<const Analysis> analysisPtr() const { return m_analysis; }
    Ordering ordering() const { return m_ordering; }
    static QString orderingName(Ordering ordering);
    static QString measureName(Measure measure);

    //! Members on each axis (those who gave or received a counted reaction).
    int size() const { return int(m_order.size()); }
    Index userAt(int position) const { return m_order[size_t(position)]; }
    //! Position of a user, or -1 when the user has no counted reaction.
    int positionOf(Index user) const { return user < m_position.size() ? m_position[user] : -1; }
    const std::vector<DiagonalBlock> &diagonalBlocks() const { return m_blocks; }

    int levelCount() const { return int(m_levels.size()); }
    int levelSide(int level) const { return m_levels[size_t(level)].side; }
    //! Largest block value at a level (for normalising colours).
    double maxValue(int level, Measure measure) const;
    //! Number of non-empty blocks at a level.
    size_t cellCount(int level) const { return m_levels[size_t(level)].col.size(); }

    //! Calls f(row, col, value) for each non-empty block of `level` with block row in
    //! [row0, row1) and block column in [col0, col1).
    template<typename F>
    void forEachBlock(int level, int row0, int row1, int col0, int col1, Measure measure,
                      F &&f) const
    {
        const Level &l = m_levels[size_t(level)];
        row0 = qMax(row0, 0);
        row1 = qMin(row1, l.side);
        for (int r = row0; r < row1; ++r) {
            const quint32 *begin = l.col.data() + l.rowStart[size_t(r)];
            const quint32 *end = l.col.data() + l.rowStart[size_t(r) + 1];
            const quint32 *it = std::lower_bound(begin, end, quint32(qMax(col0, 0)));
            for (; it != end && int(*it) < col1; ++it) {
                const size_t k = size_t(it - l.col.data());
                f(r, int(*it), value(l, k, measure));
            }
        }
    }

    //! Like forEachBlock() with the block's colour-scale position precomputed as 0-255: the
    //! log of the value over the level's maximum (linear for reciprocity), never 0 for a
    //! non-empty block so that it differs from an empty one. What the view draws per block.
    template<typename F>
    void forEachShade(int level, int row0, int row1, int col0, int col1, Measure measure,
                      F &&f) const
    {
        const Level &l = m_levels[size_t(level)];
        const std::vector<quint8> &shade = l.shade[size_t(measure)];
        row0 = qMax(row0, 0);
        row1 = qMin(row1, l.side);
        for (int r = row0; r < row1; ++r) {
            const quint32 *begin = l.col.data() + l.rowStart[size_t(r)];
            const quint32 *end = l.col.data() + l.rowStart[size_t(r) + 1];
            const quint32 *it = std::lower_bound(begin, end, quint32(qMax(col0, 0)));
            for (; it != end && int(*it) < col1; ++it)
                f(r, int(*it), shade[size_t(it - l.col.data())]);
        }
    }

    //! The pair at member positions (row = reactor, col = author), or nullptr.
    const analysis::Pair *pairAt(int row, int col) const;
    //! Sums of the block of `level` that holds cell (row, col).
    BlockFigures blockAt(int level, int row, int col) const;

private:
    struct Level
    {
        int side = 0;
        std::vector<quint32> rowStart; //!< size side + 1
        std::vector<quint32> col;
        std::vector<float> count, weighted, lo, hi;
        std::vector<quint32> pair; //!< level 0: index into PairMatrix::pairs()
        double maxCount = 0, maxWeighted = 0, maxReciprocity = 0;
        std::vector<quint8> shade[3]; //!< per Measure, see forEachShade()
    };
    static double value(const Level &l, size_t k, Measure measure)
    {
        switch (measure) {
        case Measure::Count:
            return l.count[k];
        case Measure::Weighted:
            return l.weighted[k];
        case Measure::Reciprocity:
            return l.hi[k] > 0 ? double(l.lo[k]) / double(l.hi[k]) : 0.0;
        }
        return 0;
    }
    long findBlock(const Level &l, int row, int col) const;
    void order();
    void buildLevels();

    std::shared_ptr<const Analysis> m_analysis;
    Ordering m_ordering = Ordering::Clusters;
    std::vector<Index> m_order;
    std::vector<int> m_position;
    std::vector<DiagonalBlock> m_blocks;
    std::vector<Level> m_levels;
};

} // namespace gavel::ui
