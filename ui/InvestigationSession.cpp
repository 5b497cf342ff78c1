#include "InvestigationSession.h"

#include "policy/GuildLoader.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
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
                              const InvestigationFilter &filter, const PolicyContext &context)
{
    QElapsedTimer timer;
    timer.start();
    auto result = std::make_shared<Analysis>();
    result->history = std::move(history);
    result->filter = filter;
    analysis::CountOptions counting = filter.countOptions();
    if (filter.policy) {
        // What `gavel scores --policy` and `gavel pairs --policy` do, on the loaded history.
        auto compiled = policy::compile(*filter.policy, *result->history, context.recorded);
        if (!compiled) {
            result->policyError = compiled.error().text();
        } else {
            auto applied = std::make_shared<PolicyResult>();
            applied->history = result->history;
            applied->policy = filter.policy;
            applied->compiled =
                std::make_shared<const policy::CompiledPolicy>(std::move(*compiled));
            applied->evaluator = context.evaluator;
            if (!applied->evaluator) {
                auto evaluator = std::make_shared<policy::Evaluator>(*result->history);
                evaluator->setRecordedDeactivations(context.recorded);
                applied->evaluator = std::move(evaluator);
            }
            const qint64 now = context.now ? context.now : QDateTime::currentMSecsSinceEpoch();
            applied->evaluation =
                applied->evaluator->evaluate(applied->compiled, filter.scoreTime(now));
            counting.weights =
                policy::reactionWeights(*applied->compiled, applied->evaluator->index());
            counting.excludedUsers = applied->compiled->excludedUser;
            result->policy = std::move(applied);
        }
    }
    result->matrix = analysis::PairMatrix::build(*result->history, counting);
    result->clusters = analysis::detectClusters(*result->history, result->matrix);
    result->computeMs = timer.elapsed();
    return result;
}

void InvestigationSession::open(const store::Location &location, quint64 guildId)
{
    m_location = location;
    m_guildId = guildId;
    m_filter = {};
    m_history.reset();
    m_analysis.reset();
    m_cache.clear();
    m_recorded.clear();
    m_evaluator.reset();
    startLoad(false);
}

void InvestigationSession::startLoad(bool content)
{
    const quint64 generation = ++m_generation;
    setBusy(true, content ? tr("Loading message text for the policy…")
                          : tr("Loading the guild's history…"));

    auto *watcher = new QFutureWatcher<LoadResult>(this);
    connect(watcher, &QFutureWatcher<LoadResult>::finished, this,
            [this, watcher, generation, content] {
                watcher->deleteLater();
                if (generation != m_generation)
                    return;
                LoadResult result = watcher->result();
                if (!result.history) {
                    setBusy(false);
                    Q_EMIT failed(result.error);
                    return;
                }
                const bool reload = m_history != nullptr;
                m_history = std::move(result.history);
                m_recorded = std::move(result.recorded);
                m_historyHasContent = content;
                m_evaluator.reset();
                m_cache.clear();
                if (reload)
                    Q_EMIT historyReloaded();
                else
                    Q_EMIT historyLoaded();
                startAnalysis();
            });
    const store::Location location = m_location;
    const quint64 guildId = m_guildId;
    watcher->setFuture(QtConcurrent::run(&m_pool, [location, guildId, content]() -> LoadResult {
        // Qt Sql connections belong to the thread that opened them: this worker opens its own.
        store::OpenOptions options;
        options.readOnly = true;
        options.createIfMissing = false;
        auto db = store::Database::open(location, options);
        if (!db)
            return {nullptr, {}, db.error().text()};
        history::LoadOptions load;
        load.content = content; // karma (R3) and conversation (R5) policies read message text
        auto loaded = history::History::load(**db, guildId, load);
        if (!loaded)
            return {nullptr, {}, loaded.error().text()};
        // Recorded deactivations apply under every policy (docs/policies.md).
        auto recorded = policy::recordedDeactivations(**db, guildId);
        if (!recorded)
            return {nullptr, {}, recorded.error().text()};
        return {
            std::make_shared<const history::History>(std::move(*loaded)), std::move(*recorded), {}};
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

void InvestigationSession::loadMessageText()
{
    if (m_history && !m_historyHasContent)
        startLoad(true);
}

void InvestigationSession::startAnalysis()
{
    if (m_filter.policy && policy::loadOptionsFor(*m_filter.policy).content &&
        !m_historyHasContent) {
        startLoad(true);
        return;
    }
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
    setBusy(true, m_filter.policy ? tr("Applying the policy: scores, weighted pairs, clusters…")
                  : m_filter.isEmpty() ? tr("Counting reactor pairs and looking for clusters…")
                                       : tr("Applying the filter: counting pairs and clusters…"));
    using Watcher = QFutureWatcher<std::shared_ptr<const Analysis>>;
    auto *watcher = new Watcher(this);
    connect(watcher, &Watcher::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_analysis = watcher->result();
        if (m_analysis->policy && !m_evaluator)
            m_evaluator = m_analysis->policy->evaluator;
        m_cache.push_back(m_analysis);
        if (m_cache.size() > cacheSize)
            m_cache.erase(m_cache.begin());
        setBusy(false);
        Q_EMIT analysisChanged();
    });
    PolicyContext context{m_evaluator, m_recorded, 0};
    watcher->setFuture(QtConcurrent::run(
        &m_pool, [history = m_history, filter = m_filter, context = std::move(context)] {
            return InvestigationSession::analyse(history, filter, context);
        }));
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
