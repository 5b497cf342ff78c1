#include "InvestigationSession.h"

#include "store/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace gavel::ui {

namespace {
constexpr size_t cacheSize = 4; // a few filters a moderator flips between
}

analysis::CountOptions InvestigationFilter::countOptions() const
{
    analysis::CountOptions options;
    options.since = since;
    options.until = until;
    options.channels = channels;
    return options;
}

InvestigationSession::InvestigationSession(QObject *parent)
    : QObject(parent)
{
    // A load that was superseded cannot be interrupted inside History::load; a second thread
    // lets the new work start meanwhile.
    m_pool.setMaxThreadCount(2);
}

InvestigationSession::~InvestigationSession()
{
    ++m_generation;
    m_pool.waitForDone();
}

std::shared_ptr<const Analysis>
InvestigationSession::analyse(std::shared_ptr<const history::History> history,
                              const InvestigationFilter &filter)
{
    QElapsedTimer timer;
    timer.start();
    auto result = std::make_shared<Analysis>();
    result->history = std::move(history);
    result->filter = filter;
    result->matrix = analysis::PairMatrix::build(*result->history, filter.countOptions());
    result->clusters = analysis::detectClusters(*result->history, result->matrix);
    result->computeMs = timer.elapsed();
    return result;
}

void InvestigationSession::open(const store::Location &location, quint64 guildId)
{
    const quint64 generation = ++m_generation;
    m_guildId = guildId;
    m_filter = {};
    m_history.reset();
    m_analysis.reset();
    m_cache.clear();
    setBusy(true, tr("Loading the guild's history…"));

    auto *watcher = new QFutureWatcher<LoadResult>(this);
    connect(watcher, &QFutureWatcher<LoadResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        LoadResult result = watcher->result();
        if (!result.history) {
            setBusy(false);
            Q_EMIT failed(result.error);
            return;
        }
        m_history = std::move(result.history);
        Q_EMIT historyLoaded();
        startAnalysis();
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [location, guildId]() -> LoadResult {
        // Qt Sql connections belong to the thread that opened them: this worker opens its own.
        store::OpenOptions options;
        options.readOnly = true;
        options.createIfMissing = false;
        auto db = store::Database::open(location, options);
        if (!db)
            return {nullptr, db.error().text()};
        auto loaded = history::History::load(**db, guildId);
        if (!loaded)
            return {nullptr, loaded.error().text()};
        return {std::make_shared<const history::History>(std::move(*loaded)), {}};
    }));
}

void InvestigationSession::setFilter(const InvestigationFilter &filter)
{
    if (filter == m_filter && m_analysis && !m_busy)
        return;
    m_filter = filter;
    if (m_history)
        startAnalysis();
}

void InvestigationSession::startAnalysis()
{
    for (auto it = m_cache.begin(); it != m_cache.end(); ++it) {
        if ((*it)->filter == m_filter && (*it)->history == m_history) {
            ++m_generation;
            auto hit = *it;
            m_cache.erase(it);
            m_cache.push_back(hit);
            m_analysis = hit;
            setBusy(false);
            Q_EMIT analysisChanged();
            return;
        }
    }
    const quint64 generation = ++m_generation;
    setBusy(true, m_filter.isEmpty() ? tr("Counting reactor pairs and looking for clusters…")
                                     : tr("Applying the filter: counting pairs and clusters…"));
    using Watcher = QFutureWatcher<std::shared_ptr<const Analysis>>;
    auto *watcher = new Watcher(this);
    connect(watcher, &Watcher::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_analysis = watcher->result();
        m_cache.push_back(m_analysis);
        if (m_cache.size() > cacheSize)
            m_cache.erase(m_cache.begin());
        setBusy(false);
        Q_EMIT analysisChanged();
    });
    watcher->setFuture(
        QtConcurrent::run(&m_pool, &InvestigationSession::analyse, m_history, m_filter));
}

void InvestigationSession::cancel()
{
    if (!m_busy)
        return;
    ++m_generation;
    // The filter shown must match the analysis shown.
    if (m_analysis)
        m_filter = m_analysis->filter;
    setBusy(false);
}

void InvestigationSession::waitForIdle()
{
    m_pool.waitForDone();
    // Deliver the watchers' finished signals, which may start the next step.
    for (int i = 0; i < 1000 && (m_busy || m_pool.activeThreadCount() > 0); ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        m_pool.waitForDone();
    }
}

void InvestigationSession::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    m_busyText = text;
    Q_EMIT busyChanged(busy, text);
}

} // namespace gavel::ui
