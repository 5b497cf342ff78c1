#include "HeatmapPage.h"

#include "HeatmapLegend.h"
#include "HeatmapView.h"
#include "PolicyLibrary.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace gavel::ui {

HeatmapPage::HeatmapPage(QWidget *parent)
    : QWidget(parent)
    , m_view(new HeatmapView(this))
    , m_legend(new HeatmapLegend(m_view, this))
    , m_ordering(new QComboBox(this))
    , m_measure(new QComboBox(this))
    , m_colorMap(new QComboBox(this))
    , m_fit(new QPushButton(tr("Fit gui&ld"), this))
    , m_info(new QLabel(this))
{
    setObjectName(QStringLiteral("heatmapPage"));
    for (const auto o : {HeatmapModel::Ordering::Clusters, HeatmapModel::Ordering::Received,
                         HeatmapModel::Ordering::Id})
        m_ordering->addItem(HeatmapModel::orderingName(o), int(o));
    for (const auto m : {HeatmapModel::Measure::Count, HeatmapModel::Measure::Weighted,
                         HeatmapModel::Measure::Reciprocity})
        m_measure->addItem(HeatmapModel::measureName(m), int(m));
    for (const auto c : {ColorMap::Kind::Viridis, ColorMap::Kind::Cividis})
        m_colorMap->addItem(ColorMap::name(c), int(c));
    m_ordering->setAccessibleName(tr("Order members by"));
    m_measure->setAccessibleName(tr("Colour cells by"));
    m_colorMap->setAccessibleName(tr("Colour map"));
    m_fit->setToolTip(tr("Show the whole guild (0)"));

    auto *orderLabel = new QLabel(tr("&Order:"), this);
    orderLabel->setBuddy(m_ordering);
    auto *measureLabel = new QLabel(tr("Colo&ur by:"), this);
    measureLabel->setBuddy(m_measure);
    auto *mapLabel = new QLabel(tr("&Map:"), this);
    mapLabel->setBuddy(m_colorMap);

    auto *controls = new QHBoxLayout;
    controls->addWidget(orderLabel);
    controls->addWidget(m_ordering);
    controls->addSpacing(8);
    controls->addWidget(measureLabel);
    controls->addWidget(m_measure);
    controls->addSpacing(8);
    controls->addWidget(mapLabel);
    controls->addWidget(m_colorMap);
    controls->addStretch();
    controls->addWidget(m_fit);

    m_info->setWordWrap(true);
    m_info->setText(tr("Rows are reactors, columns are authors. Outlined squares on the diagonal "
                       "are flagged rings (white) and alt families (orange). Scroll to zoom, "
                       "drag to pan, click a cell for its evidence."));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_info);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_legend);

    connect(m_ordering, &QComboBox::currentIndexChanged, this, &HeatmapPage::rebuild);
    connect(m_measure, &QComboBox::currentIndexChanged, this, [this] {
        m_view->setMeasure(HeatmapModel::Measure(m_measure->currentData().toInt()));
    });
    connect(m_colorMap, &QComboBox::currentIndexChanged, this,
            [this] { m_view->setColorMap(ColorMap::Kind(m_colorMap->currentData().toInt())); });
    connect(m_fit, &QPushButton::clicked, m_view, &HeatmapView::fitAll);
    connect(m_view, &HeatmapView::pairActivated, this, &HeatmapPage::pairActivated);
}

HeatmapPage::~HeatmapPage() = default;

void HeatmapPage::setAnalysis(std::shared_ptr<const Analysis> analysis)
{
    m_analysis = std::move(analysis);
    // Weighted volume means the chosen policy's weights; without one it would equal the count.
    const bool weighted = m_analysis && m_analysis->policy;
    const int item = m_measure->findData(int(HeatmapModel::Measure::Weighted));
    if (auto *model = qobject_cast<QStandardItemModel *>(m_measure->model()); model && item >= 0) {
        model->item(item)->setEnabled(weighted);
        model->item(item)->setToolTip(weighted ? QString()
                                               : tr("Choose a policy in the filter bar to colour "
                                                    "by its weights"));
    }
    if (!weighted && m_measure->currentIndex() == item)
        m_measure->setCurrentIndex(m_measure->findData(int(HeatmapModel::Measure::Count)));
    m_legend->setPolicyName(weighted ? policyTitle(*m_analysis->policy->policy) : QString());
    rebuild();
}

void HeatmapPage::rebuild()
{
    if (!m_analysis)
        return;
    const quint64 generation = ++m_generation;
    const auto ordering = HeatmapModel::Ordering(m_ordering->currentData().toInt());
    using Watcher = QFutureWatcher<std::shared_ptr<const HeatmapModel>>;
    auto *watcher = new Watcher(this);
    ++m_building;
    connect(watcher, &Watcher::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        --m_building;
        if (generation != m_generation)
            return;
        m_view->setModel(watcher->result());
        Q_EMIT modelReady();
    });
    watcher->setFuture(QtConcurrent::run(&HeatmapModel::build, m_analysis, ordering));
}

} // namespace gavel::ui
