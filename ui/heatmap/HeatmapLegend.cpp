#include "HeatmapLegend.h"

#include "HeatmapView.h"

#include <QLocale>
#include <QPainter>

namespace gavel::ui {

HeatmapLegend::HeatmapLegend(HeatmapView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
{
    setObjectName(QStringLiteral("heatmapLegend"));
    connect(view, &HeatmapView::viewChanged, this, [this] {
        setAccessibleDescription(text());
        update();
    });
    setAccessibleName(tr("Colour scale"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void HeatmapLegend::setPolicyName(const QString &name)
{
    m_policy = name;
    setAccessibleDescription(text());
    update();
}

QSize HeatmapLegend::sizeHint() const
{
    return {400, fontMetrics().height() * 2 + 16};
}

QString HeatmapLegend::text() const
{
    const auto model = m_view->model();
    if (!model || model->size() == 0)
        return {};
    const QLocale locale;
    const int level = m_view->level();
    const int block = 1 << level;
    const double maxV = model->maxValue(level, m_view->measure());
    const QString unit =
        block == 1 ? tr("per pair") : tr("per block of %1 × %1 members").arg(block);
    switch (m_view->measure()) {
    case HeatmapModel::Measure::Count:
        return tr("Reactions %1, log scale: 1 … %2").arg(unit, locale.toString(qint64(maxV)));
    case HeatmapModel::Measure::Weighted:
        return tr("Volume weighted by %1 %2, log scale: 0 … %3")
            .arg(m_policy.isEmpty() ? tr("no policy") : m_policy, unit,
                 locale.toString(maxV, 'f', 1));
    case HeatmapModel::Measure::Reciprocity:
        return tr("Reciprocity %1: 0 (one-way) … 1 (fully mutual)").arg(unit);
    }
    return {};
}

void HeatmapLegend::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const int barH = 12;
    const int barW = qMin(260, width() / 3);
    const QRect bar(4, (height() - barH) / 2, barW, barH);
    const ColorMap &colors = m_view->colorMap();
    for (int x = 0; x < bar.width(); ++x) {
        p.setPen(colors.color(0.04 + 0.96 * x / double(qMax(1, bar.width() - 1))));
        p.drawLine(bar.left() + x, bar.top(), bar.left() + x, bar.bottom());
    }
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    p.setPen(palette().color(QPalette::WindowText));
    const QRect textRect(bar.right() + 10, 0, width() - bar.right() - 12, height());
    p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap,
               text().isEmpty() ? tr("No data") : text());
}

} // namespace gavel::ui
