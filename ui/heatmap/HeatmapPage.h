#pragma once

#include "heatmap/HeatmapModel.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;

namespace gavel::ui {

class HeatmapLegend;
class HeatmapView;

//! The heatmap view with its controls: ordering, measure, colour map, legend and a "fit" button.
//! Rebuilds the level-of-detail model off the GUI thread when the analysis or ordering changes.
class HeatmapPage : public QWidget
{
    Q_OBJECT

public:
    explicit HeatmapPage(QWidget *parent = nullptr);
    ~HeatmapPage() override;

    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    HeatmapView *view() const { return m_view; }
    QComboBox *orderingBox() const { return m_ordering; }
    QComboBox *measureBox() const { return m_measure; }
    QComboBox *colorMapBox() const { return m_colorMap; }
    //! True while a model is being built.
    bool isBuilding() const { return m_building > 0; }

Q_SIGNALS:
    void pairActivated(gavel::ui::Index reactor, gavel::ui::Index author);
    void modelReady();

private:
    void rebuild();

    std::shared_ptr<const Analysis> m_analysis;
    HeatmapView *m_view;
    HeatmapLegend *m_legend;
    QComboBox *m_ordering;
    QComboBox *m_measure;
    QComboBox *m_colorMap;
    QPushButton *m_fit;
    QLabel *m_info;
    quint64 m_generation = 0;
    int m_building = 0;
};

} // namespace gavel::ui
