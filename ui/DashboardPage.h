#pragma once

#include "InvestigationSession.h"

#include <QWidget>

#include <memory>

class QChartView;
class QLabel;
class QListWidget;
class QTableWidget;

namespace gavel::ui {

//! The guild at a glance under the current filter: messages and counted reactions per week,
//! active members, top channels and emoji, the Lorenz curve of received reactions (of scores
//! under the chosen policy), and the flags waiting for review.
class DashboardPage : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardPage(QWidget *parent = nullptr);

    void setAnalysis(std::shared_ptr<const Analysis> analysis);
    std::shared_ptr<const Analysis> analysis() const { return m_analysis; }
    QString figuresText() const;
    //! Share of received reactions (of the score, under a policy) that the top 1% / 10% of
    //! members hold, as policy::topShare() computes it, and the Gini coefficient.
    double topOnePercentShare() const { return m_top1; }
    double topTenPercentShare() const { return m_top10; }
    double gini() const { return m_gini; }

Q_SIGNALS:
    void clusterRequested(int clusterId);

private:
    void fillWeekly();
    void fillLorenz();
    void fillTops();

    std::shared_ptr<const Analysis> m_analysis;
    QLabel *m_figures;
    QChartView *m_weekly;
    QChartView *m_lorenz;
    QTableWidget *m_channels;
    QTableWidget *m_emoji;
    QListWidget *m_flags;
    double m_top1 = 0;
    double m_top10 = 0;
    double m_gini = 0;
};

} // namespace gavel::ui
