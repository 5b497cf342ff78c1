#pragma once

#include "analysis/Clusters.h"
#include "analysis/PairMatrix.h"
#include "history/History.h"
#include "store/Location.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>
#include <optional>
#include <vector>

namespace gavel::ui {

using history::Index;
using history::NoIndex;
using history::NoTime;

//! The global filter every investigation view honours: a time window and a channel set.
struct InvestigationFilter
{
    qint64 since = NoTime;       //!< first message time included (UTC ms), NoTime: from the start
    qint64 until = NoTime;       //!< first message time excluded (UTC ms), NoTime: to the end
    std::vector<Index> channels; //!< channel indexes (with their threads); empty: all

    analysis::CountOptions countOptions() const;
    bool isEmpty() const { return since == NoTime && until == NoTime && channels.empty(); }
    friend bool operator==(const InvestigationFilter &, const InvestigationFilter &) = default;
};

//! A guild's history with everything derived from it under one filter: what the views show.
struct Analysis
{
    std::shared_ptr<const history::History> history;
    InvestigationFilter filter;
    analysis::PairMatrix matrix;
    std::vector<analysis::Cluster> clusters;
    qint64 computeMs = 0; //!< time the worker spent on the matrix and the clusters
};

//! Loads a guild's history and computes the pair matrix and clusters for the current filter on
//! worker threads, so the window never waits for the database or the analysis. The worker opens
//! its own store connection (one per thread); results reach the GUI thread as shared_ptr<const>.
//! Analyses are cached per filter, so going back to a filter is instant.
class InvestigationSession : public QObject
{
    Q_OBJECT

public:
    explicit InvestigationSession(QObject *parent = nullptr);
    ~InvestigationSession() override;

    //! Starts loading `guildId` from the database at `location`; drops what was open.
    void open(const store::Location &location, quint64 guildId);
    //! Recomputes the analysis for `filter` (from the cache when it was computed before).
    void setFilter(const InvestigationFilter &filter);
    //! Drops the work in flight; the last complete analysis stays.
    void cancel();
    //! Blocks until no work is in flight (tests, shutdown).
    void waitForIdle();

    quint64 guildId() const { return m_guildId; }
    const InvestigationFilter &filter() const { return m_filter; }
    std::shared_ptr<const history::History> history() const { return m_history; }
    std::shared_ptr<const Analysis> analysis() const { return m_analysis; }
    bool isBusy() const { return m_busy; }
    QString busyText() const { return m_busyText; }

    //! Loads and analyses synchronously on the calling thread (benchmarks, tools).
    static std::shared_ptr<const Analysis> analyse(std::shared_ptr<const history::History> history,
                                                   const InvestigationFilter &filter);

Q_SIGNALS:
    //! Work started or ended; `text` says what is being done.
    void busyChanged(bool busy, const QString &text);
    void historyLoaded();
    //! A new analysis (new history or new filter) is available.
    void analysisChanged();
    void failed(const QString &message);

private:
    void setBusy(bool busy, const QString &text = {});
    void startAnalysis();

    struct LoadResult
    {
        std::shared_ptr<const history::History> history;
        QString error;
    };

    quint64 m_guildId = 0;
    quint64 m_generation = 0;
    InvestigationFilter m_filter;
    std::shared_ptr<const history::History> m_history;
    std::shared_ptr<const Analysis> m_analysis;
    std::vector<std::shared_ptr<const Analysis>> m_cache; //!< most recent last
    QThreadPool m_pool;
    bool m_busy = false;
    QString m_busyText;
};

} // namespace gavel::ui
