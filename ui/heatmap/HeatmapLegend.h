#pragma once

#include <QWidget>

namespace gavel::ui {

class HeatmapView;

//! The colour scale of a HeatmapView: gradient, end values and what a cell stands for at the
//! current zoom.
class HeatmapLegend : public QWidget
{
    Q_OBJECT

public:
    explicit HeatmapLegend(HeatmapView *view, QWidget *parent = nullptr);
    QSize sizeHint() const override;
    QString text() const;
    //! The policy whose weights the weighted volume is (empty: none chosen).
    void setPolicyName(const QString &name);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    HeatmapView *m_view;
    QString m_policy;
};

} // namespace gavel::ui
