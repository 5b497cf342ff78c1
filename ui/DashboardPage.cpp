#include "DashboardPage.h"

#include "PolicyLibrary.h"
#include "policy/Compare.h"

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QListWidget>
#include <QLocale>
#include <QTableWidget>
#include <QValueAxis>

#include <functional>
#include <map>
#include <numeric>

namespace gavel::ui {

namespace {
constexpr qint64 dayMs = 24LL * 3600 * 1000;
constexpr qint64 weekMs = 7 * dayMs;
constexpr qint64 mondayMs = 4 * dayMs; // 1970-01-05, a Monday
constexpr int topRows = 8;

QChart *newChart(const QWidget *owner, const QString &title)
{
    auto *chart = new QChart;
    chart->setTheme(owner->palette().color(QPalette::Window).lightness() < 128
                        ? QChart::ChartThemeDark
                        : QChart::ChartThemeLight);
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

void replaceChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

QTableWidget *topTable(QWidget *parent, const QString &what, const QString &accessible)
{
    auto *table = new QTableWidget(0, 2, parent);
    table->setHorizontalHeaderLabels(
        {what, QCoreApplication::translate("DashboardPage", "Reactions")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->setAccessibleName(accessible);
    return table;
}
} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent)
    , m_figures(new QLabel(this))
    , m_weekly(new QChartView(this))
    , m_lorenz(new QChartView(this))
    , m_channels(topTable(this, tr("Channel"), tr("Top channels")))
    , m_emoji(topTable(this, tr("Emoji"), tr("Top emoji")))
    , m_flags(new QListWidget(this))
{
    setObjectName(QStringLiteral("dashboardPage"));
    // Wraps rather than widening the window (German and Japanese run long); plain text because
    // it names the chosen policy, which comes from a file.
    m_figures->setWordWrap(true);
    m_figures->setTextFormat(Qt::PlainText);
    m_figures->setMinimumWidth(200);
    m_figures->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_figures->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_figures->setAccessibleName(tr("Guild figures"));
    m_weekly->setAccessibleName(tr("Messages and reactions per week"));
    m_lorenz->setAccessibleName(tr("Concentration of received reactions"));
    for (QChartView *v : {m_weekly, m_lorenz}) {
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumHeight(220);
    }
    m_flags->setAccessibleName(tr("Flags needing review"));
    m_flags->setToolTip(tr("Double-click or press Enter to open the cluster"));
    connect(m_flags, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int id = item->data(Qt::UserRole).toInt();
        if (id > 0)
            Q_EMIT clusterRequested(id);
    });

    auto *flagsLabel = new QLabel(tr("F&lags needing review"), this);
    flagsLabel->setBuddy(m_flags);
    auto *channelsLabel = new QLabel(tr("Top ch&annels"), this);
    channelsLabel->setBuddy(m_channels);
    auto *emojiLabel = new QLabel(tr("Top &emoji"), this);
    emojiLabel->setBuddy(m_emoji);

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_figures, 0, 0, 1, 3);
    grid->addWidget(m_weekly, 1, 0, 1, 2);
    grid->addWidget(m_lorenz, 1, 2);
    grid->addWidget(channelsLabel, 2, 0);
    grid->addWidget(emojiLabel, 2, 1);
    grid->addWidget(flagsLabel, 2, 2);
    grid->addWidget(m_channels, 3, 0);
    grid->addWidget(m_emoji, 3, 1);
    grid->addWidget(m_flags, 3, 2);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(3, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
}

void DashboardPage::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    m_analysis = std::move(analysis);
    if (!m_analysis)
        return;
    fillWeekly();
    fillLorenz();
    fillTops();

    const QLocale locale;
    const analysis::PairMatrix &m = m_analysis->matrix;
    int reactors = 0, receivers = 0;
    for (Index u = 0; u < m.userCount(); ++u) {
        reactors += m.given(u) > 0;
        receivers += m.received(u) > 0;
    }
    int rings = 0, alts = 0;
    for (const analysis::Cluster &c : m_analysis->clusters)
        (c.kind == analysis::ClusterKind::Ring ? rings : alts) += 1;
    const QString counts =
        tr("%1 counted reactions · %2 members gave and %3 received at least one · flagged: %4 "
           "ring(s), %5 alt famil(ies)")
            .arg(locale.toString(m.totalCounted()), locale.toString(reactors),
                 locale.toString(receivers), locale.toString(rings), locale.toString(alts));
    const QString top1 = locale.toString(m_top1 * 100, 'f', 1) + u'%';
    const QString top10 = locale.toString(m_top10 * 100, 'f', 1) + u'%';
    const QString gini = locale.toString(m_gini, 'f', 2);
    const QString concentration =
        m_analysis->policy
            ? tr("Under %1: the top 1% of members hold %2 of the score, the top 10% hold %3 "
                 "(Gini %4)")
                  .arg(policyTitle(*m_analysis->policy->policy), top1, top10, gini)
            : tr("Raw counts: the top 1% of receivers got %1 of the reactions, the top 10% got "
                 "%2 (Gini %3)")
                  .arg(top1, top10, gini);
    m_figures->setText(counts + u'\n' + concentration);

    m_flags->clear();
    for (const analysis::Cluster &c : m_analysis->clusters) {
        const QString kind = c.kind == analysis::ClusterKind::Ring ? tr("Ring %1").arg(c.id)
                                                                   : tr("Alt family %1").arg(c.id);
        auto *item = new QListWidgetItem(tr("%1 · %2 members · score %3")
                                             .arg(kind, locale.toString(qint64(c.members.size())),
                                                  locale.toString(c.score, 'f', 2)),
                                         m_flags);
        item->setData(Qt::UserRole, c.id);
        item->setToolTip(c.evidence);
    }
    if (m_analysis->clusters.empty())
        new QListWidgetItem(tr("Nothing flagged under the current filter."), m_flags);
}

QString DashboardPage::figuresText() const
{
    return m_figures->text();
}

void DashboardPage::fillWeekly()
{
    const history::History &h = *m_analysis->history;
    const InvestigationFilter &f = m_analysis->filter;
    const std::vector<bool> channels = analysis::selectedChannels(h, f.channels);
    std::map<qint64, std::pair<int, int>> weeks;
    const auto weekOf = [](qint64 at) { return mondayMs + ((at - mondayMs) / weekMs) * weekMs; };
    for (const history::Message &msg : h.messages) {
        if ((f.since != NoTime && msg.createdAt < f.since) ||
            (f.until != NoTime && msg.createdAt >= f.until))
            continue;
        if (msg.channel < channels.size() && !channels[msg.channel])
            continue;
        weeks[weekOf(msg.createdAt)].first += 1;
    }
    for (Index k : m_analysis->matrix.counted())
        weeks[weekOf(h.reactions[k].at)].second += 1;

    QChart *chart = newChart(this, tr("Messages and counted reactions per week"));
    auto *messages = new QLineSeries(chart);
    messages->setName(tr("messages"));
    auto *reactions = new QLineSeries(chart);
    reactions->setName(tr("counted reactions"));
    int maxV = 1;
    if (!weeks.empty()) {
        for (qint64 w = weeks.begin()->first; w <= weeks.rbegin()->first; w += weekMs) {
            const auto it = weeks.find(w);
            const int a = it == weeks.end() ? 0 : it->second.first;
            const int b = it == weeks.end() ? 0 : it->second.second;
            messages->append(double(w), a);
            reactions->append(double(w), b);
            maxV = qMax(maxV, qMax(a, b));
        }
    }
    chart->addSeries(messages);
    chart->addSeries(reactions);
    auto *x = new QDateTimeAxis(chart);
    const bool longRange =
        !weeks.empty() && weeks.rbegin()->first - weeks.begin()->first > 300 * dayMs;
    // Month names repeat on a short window; days tell the ticks apart.
    x->setFormat(longRange ? QStringLiteral("MMM yyyy") : QStringLiteral("yyyy-MM-dd"));
    x->setTickCount(6);
    if (!weeks.empty()) {
        x->setRange(QDateTime::fromMSecsSinceEpoch(weeks.begin()->first, Qt::UTC),
                    QDateTime::fromMSecsSinceEpoch(weeks.rbegin()->first + weekMs, Qt::UTC));
    }
    auto *y = new QValueAxis(chart);
    y->setRange(0, maxV * 1.1);
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries *s : {messages, reactions}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    replaceChart(m_weekly, chart);
}

void DashboardPage::fillLorenz()
{
    const analysis::PairMatrix &m = m_analysis->matrix;
    const history::History &h = *m_analysis->history;
    const PolicyResult *applied = m_analysis->policy.get();
    // Every non-bot member counts, including those who received nothing: the curve is about
    // how unequal reputation is across the guild, not among the already visible. Under a
    // policy, the population and the values are those of `gavel compare`'s shares.
    std::vector<double> received;
    for (Index u = 0; u < h.users.size(); ++u) {
        if (h.users[u].bot)
            continue;
        if (applied) {
            const double score = applied->evaluation.members[u].score;
            if (h.users[u].member || score != 0)
                received.push_back(score);
        } else if (h.users[u].member || m.received(u) > 0 || m.given(u) > 0) {
            received.push_back(m.received(u));
        }
    }
    m_top1 = policy::topShare(received, 0.01);
    m_top10 = policy::topShare(received, 0.10);
    std::sort(received.begin(), received.end());
    const double n = double(received.size());
    double total = 0;
    for (double r : received)
        total += r;
    QChart *chart = newChart(
        this, applied ? tr("Lorenz curve of scores under %1").arg(policyTitle(*applied->policy))
                      : tr("Lorenz curve of received reactions"));
    auto *curve = new QLineSeries(chart);
    curve->setName(tr("members"));
    auto *equality = new QLineSeries(chart);
    equality->setName(tr("equal share"));
    equality->append(0, 0);
    equality->append(100, 100);
    m_gini = 0;
    if (total > 0 && n > 0) {
        curve->append(0, 0);
        double cumulative = 0;
        double area = 0; // under the Lorenz curve, in units of (share × share)
        const size_t step = qMax<size_t>(1, received.size() / 200);
        for (size_t i = 0; i < received.size(); ++i) {
            const double before = cumulative;
            cumulative += received[i];
            area += (before + cumulative) / (2 * total) / n;
            if ((i + 1) % step == 0 || i + 1 == received.size())
                curve->append(100.0 * double(i + 1) / n, 100.0 * cumulative / total);
        }
        m_gini = 1 - 2 * area;
    }
    chart->addSeries(equality);
    chart->addSeries(curve);
    auto *x = new QValueAxis(chart);
    x->setRange(0, 100);
    x->setLabelFormat(QStringLiteral("%d%"));
    x->setTitleText(applied ? tr("members, lowest score first")
                            : tr("members, fewest reactions first"));
    auto *y = new QValueAxis(chart);
    y->setRange(0, 100);
    y->setLabelFormat(QStringLiteral("%d%"));
    y->setTitleText(applied ? tr("share of the score") : tr("share of reactions"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries *s : {equality, curve}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    QPen dashed = equality->pen();
    dashed.setStyle(Qt::DashLine);
    equality->setPen(dashed);
    replaceChart(m_lorenz, chart);
}

void DashboardPage::fillTops()
{
    const history::History &h = *m_analysis->history;
    std::vector<qint64> byChannel(h.channels.size(), 0);
    std::vector<qint64> byEmoji(h.emojis.size(), 0);
    for (Index k : m_analysis->matrix.counted()) {
        const history::Reaction &r = h.reactions[k];
        // Threads count towards their parent channel, as moderators think of them.
        Index c = r.channel;
        if (c < h.channels.size() && h.channels[c].parent != NoIndex &&
            h.channels[h.channels[c].parent].type != 4)
            c = h.channels[c].parent;
        if (c < byChannel.size())
            ++byChannel[c];
        if (r.emoji < byEmoji.size())
            ++byEmoji[r.emoji];
    }
    const QLocale locale;
    const auto fill = [&](QTableWidget *table, const std::vector<qint64> &counts,
                          const std::function<QString(size_t)> &name) {
        std::vector<size_t> order(counts.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            return counts[a] != counts[b] ? counts[a] > counts[b] : a < b;
        });
        int rows = 0;
        for (size_t i : order) {
            if (rows >= topRows || counts[i] == 0)
                break;
            ++rows;
        }
        table->setRowCount(rows);
        for (int row = 0; row < rows; ++row) {
            const size_t i = order[size_t(row)];
            table->setItem(row, 0, new QTableWidgetItem(name(i)));
            auto *count = new QTableWidgetItem(locale.toString(counts[i]));
            count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table->setItem(row, 1, count);
        }
        table->resizeColumnToContents(1);
    };
    fill(m_channels, byChannel, [&h](size_t i) { return QString(u'#' + h.channels[i].name); });
    fill(m_emoji, byEmoji, [&h](size_t i) {
        const history::Emoji &e = h.emojis[i];
        return e.name == e.key ? e.name : QString(u':' + e.name + u':');
    });
}

} // namespace gavel::ui
