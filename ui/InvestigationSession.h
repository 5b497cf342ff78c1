#pragma once

#include "analysis/Clusters.h"
#include "analysis/PairMatrix.h"
#include "history/History.h"
#include "policy/Evaluator.h"
#include "policy/Policy.h"
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

//! The global filter every investigation view honours: a time window, a channel set and the
//! chosen policy (none: raw counts).
struct InvestigationFilter
{
    qint64 since = NoTime;       //!< first message time included (UTC ms), NoTime: from the start
    qint64 until = NoTime;       //!< first message time excluded (UTC ms), NoTime: to the end
    std::vector<Index> channels; //!< channel indexes (with their threads); empty: all
    std::shared_ptr<const policy::Policy> policy; //!< null: raw counts, no scores
    QString policySource; //!< where the policy came from (file path or ":/policies/…")

    //! Window and channels; the policy's weights are added by the analysis.
    analysis::CountOptions countOptions() const;
    //! No window and no channel (the policy is a lens, not a filter).
    bool isEmpty() const { return since == NoTime && until == NoTime && channels.empty(); }
    //! The time policy scores are evaluated at: the window's end, else `now`.
    qint64 scoreTime(qint64 now) const { return until == NoTime ? now : until; }
    //! Same window, channels and policy content (by hash: reloading a file is the same policy).
    friend bool operator==(const InvestigationFilter &a, const InvestigationFilter &b)
    {
        return a.since == b.since && a.until == b.until && a.channels == b.channels &&
               (a.policy ? a.policy->hash : QString()) == (b.policy ? b.policy->hash : QString());
    }
};

//! The chosen policy applied to a history: compiled against it (recorded deactivations
//! included) and evaluated at the filter's score time, as `gavel scores --policy` does.
struct PolicyResult
{
    std::shared_ptr<const history::History> history; //!< the evaluator refers to it
    std::shared_ptr<const policy::Policy> policy;
    std::shared_ptr<const policy::CompiledPolicy> compiled;
    std::shared_ptr<const policy::Evaluator> evaluator;
    policy::Evaluation evaluation;
};

//! A guild's history with everything derived from it under one filter: what the views show.
struct Analysis
{
    std::shared_ptr<const history::History> history;
    InvestigationFilter filter;
    //! With a policy, the matrix's weights are the policy's per-reaction weights and the
    //! members it excludes are left out (`gavel pairs --policy`).
    analysis::PairMatrix matrix;
    std::vector<analysis::Cluster> clusters;
    std::shared_ptr<const PolicyResult> policy; //!< null without a policy or when it failed
    QString policyError;  //!< why the chosen policy could not be applied (views show raw counts)
    qint64 computeMs = 0; //!< time the worker spent on the matrix and the clusters
};

//! What applying a policy needs besides the history: the evaluator kept per loaded history
//! (null: built on first use) and the deactivations the moderation workflow recorded.
struct PolicyContext
{
    std::shared_ptr<const policy::Evaluator> evaluator;
    std::vector<policy::RecordedDeactivation> recorded;
    qint64 now = 0; //!< 0: the current time
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

    //! Where the open guild's database is (the Policies page and the exports open their own).
    const store::Location &location() const { return m_location; }
    //! The deactivations the moderation workflow recorded for the open guild.
    const std::vector<policy::RecordedDeactivation> &recordedDeactivations() const
    {
        return m_recorded;
    }
    //! Whether the loaded history holds message text (karma and conversation policies need it).
    bool hasMessageText() const { return m_historyHasContent; }
    //! Reloads the history with message text (historyReloaded() then analysisChanged()).
    void loadMessageText();
    //! The evaluator over the loaded history (null until a policy was first applied).
    std::shared_ptr<const policy::Evaluator> evaluator() const { return m_evaluator; }

    //! Analyses synchronously on the calling thread (benchmarks, tools, the workers).
    static std::shared_ptr<const Analysis> analyse(std::shared_ptr<const history::History> history,
                                                   const InvestigationFilter &filter,
                                                   const PolicyContext &context = {});

Q_SIGNALS:
    //! Work started or ended; `text` says what is being done.
    void busyChanged(bool busy, const QString &text);
    void historyLoaded();
    //! The history was loaded again (with message text); views must drop what they derived.
    void historyReloaded();
    //! A new analysis (new history or new filter) is available.
    void analysisChanged();
    void failed(const QString &message);

private:
    void setBusy(bool busy, const QString &text = {});
    void startLoad(bool content);
    void startAnalysis();

    struct LoadResult
    {
        std::shared_ptr<const history::History> history;
        std::vector<policy::RecordedDeactivation> recorded;
        QString error;
    };

    store::Location m_location;
    bool m_historyHasContent = false;
    std::vector<policy::RecordedDeactivation> m_recorded;
    std::shared_ptr<const policy::Evaluator> m_evaluator;
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
