#pragma once

#include "InvestigationSession.h"

#include <QWidget>

#include <memory>

namespace gavel::ui {

//! A cluster as a small graph: members on an inner circle, the strongest outside partners on an
//! outer one; line width follows the reactions exchanged in both directions.
class ClusterGraphView : public QWidget
{
    Q_OBJECT

public:
    explicit ClusterGraphView(QWidget *parent = nullptr);

    void setCluster(std::shared_ptr<const Analysis> analysis, const analysis::Cluster *cluster);
    //! The outside members drawn (most exchanged first).
    const std::vector<Index> &outsiders() const { return m_outsiders; }

    QSize sizeHint() const override { return {360, 320}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::shared_ptr<const Analysis> m_analysis;
    std::vector<Index> m_members;
    std::vector<Index> m_outsiders;
    Index m_master = NoIndex;
};

} // namespace gavel::ui
