#include "ClusterGraphView.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <unordered_map>

namespace gavel::ui {

namespace {
constexpr int maxOutsiders = 8;
}

ClusterGraphView::ClusterGraphView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("clusterGraph"));
    setAccessibleName(tr("Cluster graph"));
    setMinimumSize(260, 220);
}

void ClusterGraphView::setCluster(std::shared_ptr<const Analysis> analysis,
                                  const analysis::Cluster *cluster)
{
    m_analysis = std::move(analysis);
    m_members.clear();
    m_outsiders.clear();
    m_master = NoIndex;
    if (m_analysis && cluster) {
        m_members = cluster->members;
        m_master = cluster->master;
        const analysis::PairMatrix &m = m_analysis->matrix;
        std::unordered_map<Index, quint64> exchanged;
        const auto inside = [this](Index u) {
            return std::find(m_members.begin(), m_members.end(), u) != m_members.end();
        };
        for (Index u : m_members) {
            for (quint32 k : m.outgoing(u)) {
                const analysis::Pair &p = m.pairs()[k];
                if (!inside(p.author))
                    exchanged[p.author] += p.count + p.reverseCount;
            }
            for (quint32 k : m.incoming(u)) {
                const analysis::Pair &p = m.pairs()[k];
                // Mutual pairs were counted from the outgoing side already.
                if (!inside(p.reactor) && !m.find(u, p.reactor))
                    exchanged[p.reactor] += p.count;
            }
        }
        std::vector<std::pair<quint64, Index>> ranked;
        for (const auto &[user, volume] : exchanged)
            ranked.push_back({volume, user});
        std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        for (size_t i = 0; i < ranked.size() && i < maxOutsiders; ++i)
            m_outsiders.push_back(ranked[i].second);
    }
    QStringList names;
    if (m_analysis) {
        for (Index u : m_members)
            names << m_analysis->history->users[u].displayName();
    }
    setAccessibleDescription(tr("Members: %1. Strongest outside partners: %2.")
                                 .arg(names.join(QStringLiteral(", ")))
                                 .arg(m_outsiders.size()));
    update();
}

void ClusterGraphView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_analysis || m_members.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Choose a cluster to see its graph"));
        return;
    }
    const history::History &h = *m_analysis->history;
    const analysis::PairMatrix &m = m_analysis->matrix;
    const QPointF c = QRectF(rect()).center();
    const double outerR = qMin(width(), height()) * 0.40;
    const double innerR = outerR * (m_outsiders.empty() ? 1.0 : 0.5);
    std::unordered_map<Index, QPointF> pos;
    const auto place = [&](const std::vector<Index> &users, double r, double phase) {
        for (size_t i = 0; i < users.size(); ++i) {
            const double a = phase + 2 * M_PI * double(i) / double(users.size());
            pos[users[i]] = c + QPointF(std::cos(a), std::sin(a)) * r;
        }
    };
    place(m_members, innerR, -M_PI / 2);
    place(m_outsiders, outerR, -M_PI / 2 + M_PI / qMax<double>(1, m_outsiders.size()));

    quint32 maxVolume = 1;
    for (const auto &[a, pa] : pos) {
        for (const auto &[b, pb] : pos) {
            if (a < b) {
                const analysis::Pair *ab = m.find(a, b);
                const analysis::Pair *ba = m.find(b, a);
                maxVolume = qMax(maxVolume, (ab ? ab->count : 0) + (ba ? ba->count : 0));
            }
        }
    }
    const QColor inside = palette().color(QPalette::Highlight);
    QColor outside = palette().color(QPalette::WindowText);
    outside.setAlphaF(0.45);
    const auto isMember = [this](Index u) {
        return std::find(m_members.begin(), m_members.end(), u) != m_members.end();
    };
    for (const auto &[a, pa] : pos) {
        for (const auto &[b, pb] : pos) {
            if (a >= b || (!isMember(a) && !isMember(b)))
                continue;
            const analysis::Pair *ab = m.find(a, b);
            const analysis::Pair *ba = m.find(b, a);
            const quint32 volume = (ab ? ab->count : 0) + (ba ? ba->count : 0);
            if (volume == 0)
                continue;
            const bool internal = isMember(a) && isMember(b);
            QPen pen(internal ? inside : outside, 1 + 6.0 * volume / maxVolume);
            if (!internal)
                pen.setStyle(Qt::DashLine);
            p.setPen(pen);
            p.drawLine(pa, pb);
        }
    }
    const QFontMetrics fm = fontMetrics();
    for (const auto &[u, pt] : pos) {
        const bool member = isMember(u);
        p.setPen(QPen(palette().color(QPalette::WindowText), 1));
        p.setBrush(member ? (u == m_master ? QColor(255, 170, 60) : inside)
                          : palette().color(QPalette::Button));
        p.drawEllipse(pt, member ? 7.0 : 5.0, member ? 7.0 : 5.0);
        const QString name = fm.elidedText(h.users[u].displayName(), Qt::ElideRight, 120);
        QRectF box(0, 0, fm.horizontalAdvance(name) + 6, fm.height() + 2);
        box.moveCenter(pt + QPointF(0, member ? -16 : 14));
        box.moveLeft(qBound(2.0, box.left(), width() - box.width() - 2));
        QColor bg = palette().color(QPalette::Base);
        bg.setAlphaF(0.8);
        p.fillRect(box, bg);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(box, Qt::AlignCenter, name);
    }
}

} // namespace gavel::ui
