#pragma once

#include "heatmap/ColorMap.h"
#include "heatmap/HeatmapModel.h"

#include <QImage>
#include <QPoint>
#include <QWidget>

#include <memory>

namespace gavel::ui {

/*!
 * Draws a HeatmapModel with QPainter: reactors down, authors across, from the whole guild to
 * single cells. Each frame picks the pyramid level whose blocks are about one pixel, so the work
 * per frame is bounded by the widget's pixels, not by the number of members. Wheel zooms around
 * the cursor, dragging pans, hovering shows the pair's figures and clicking a cell (or pressing
 * Enter on the keyboard cursor) opens the pair's evidence. Keyboard: arrows move the cursor,
 * Ctrl+arrows pan, + and - zoom, 0 fits the guild.
 */
class HeatmapView : public QWidget
{
    Q_OBJECT

public:
    explicit HeatmapView(QWidget *parent = nullptr);

    void setModel(std::shared_ptr<const HeatmapModel> model);
    std::shared_ptr<const HeatmapModel> model() const { return m_model; }
    void setMeasure(HeatmapModel::Measure measure);
    HeatmapModel::Measure measure() const { return m_measure; }
    void setColorMap(ColorMap::Kind kind);
    const ColorMap &colorMap() const { return m_colors; }

    //! Shows the whole matrix.
    void fitAll();
    //! Centres cell (row, col) at `scale` pixels per cell and puts the keyboard cursor there.
    void centerOn(int row, int col, double scale);
    //! Zooms by `factor` keeping the point under `anchor` (widget pixels) in place.
    void zoomBy(double factor, QPointF anchor);
    //! Pans by a distance in widget pixels.
    void panBy(QPointF pixels);

    double scale() const { return m_scale; }
    //! The pyramid level the current zoom draws.
    int level() const;
    //! The member positions (x = author column, y = reactor row) under a widget point.
    QPoint cellAt(QPointF pos) const;
    //! The widget point at the centre of a cell.
    QPointF cellCenter(int row, int col) const;
    QPoint cursorCell() const { return m_cursor; }

    //! The tooltip text for a cell at the current zoom: the pair's figures at cell level, the
    //! block's sums when zoomed out.
    QString describe(int row, int col) const;
    //! Renders the current frame into the back buffer (what paintEvent draws); benchmarks call
    //! it directly to time frames.
    void renderFrame();
    const QImage &frame() const { return m_frame; }

Q_SIGNALS:
    //! A cell with a pair was clicked or activated: reactor → author.
    void pairActivated(gavel::ui::Index reactor, gavel::ui::Index author);
    //! Zoom, pan, measure or colours changed (the legend follows).
    void viewChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void invalidate();
    //! Drops the cached level images (model, measure, colours or palette changed).
    void dropLevelCache();
    const QImage &levelImage(int level);
    void clampView();
    double minScale() const;
    void activate(int row, int col);
    void moveCursor(int dRow, int dCol);

    std::shared_ptr<const HeatmapModel> m_model;
    HeatmapModel::Measure m_measure = HeatmapModel::Measure::Count;
    ColorMap m_colors;
    double m_scale = 1;    //!< pixels per cell
    QPointF m_origin;      //!< cell coordinates at the widget's top-left
    QPoint m_cursor{0, 0}; //!< keyboard cursor (x = col, y = row)
    QImage m_frame;
    //! Coarse levels rendered once at one pixel per block; frames at those levels scale the
    //! visible part, so whole-guild pans cost a blit rather than a pass over every block.
    std::vector<QImage> m_levelImages;
    bool m_dirty = true;
    bool m_fitted = false;
    QPointF m_pressPos;
    QPointF m_lastDrag;
    bool m_dragging = false;
    QPoint m_hover{-1, -1};
};

} // namespace gavel::ui
