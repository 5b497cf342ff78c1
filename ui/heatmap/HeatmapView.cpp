#include "HeatmapView.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace gavel::ui {

namespace {
constexpr double maxScale = 48.0;      // pixels per cell at the closest zoom
constexpr double clickSlop = 4.0;      // pixels a press may move and still be a click
constexpr double cellLevelScale = 6.0; // from here a click opens the pair rather than zooming
constexpr int maxCachedSide = 2048;    // level images of at most 16 MB

QString percent(double share)
{
    return QLocale().toString(share * 100.0, 'f', 1) + u'%';
}
} // namespace

HeatmapView::HeatmapView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("heatmapView"));
    setAccessibleName(tr("Reactor pair heatmap"));
    setAccessibleDescription(
        tr("Rows are reactors, columns are authors. Arrow keys move the cursor, Ctrl+arrows pan, "
           "plus and minus zoom, 0 shows the whole guild, Enter opens the pair's evidence."));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 200);
}

void HeatmapView::setModel(std::shared_ptr<const HeatmapModel> model)
{
    m_model = std::move(model);
    dropLevelCache();
    m_cursor = {0, 0};
    m_hover = {-1, -1};
    fitAll();
}

void HeatmapView::setMeasure(HeatmapModel::Measure measure)
{
    m_measure = measure;
    dropLevelCache();
    invalidate();
}

void HeatmapView::setColorMap(ColorMap::Kind kind)
{
    m_colors = ColorMap(kind);
    dropLevelCache();
    invalidate();
}

double HeatmapView::minScale() const
{
    const int n = m_model ? qMax(1, m_model->size()) : 1;
    return 0.5 * qMin(width(), height()) / double(n);
}

void HeatmapView::fitAll()
{
    const int n = m_model ? qMax(1, m_model->size()) : 1;
    // A small margin keeps the edge and the cluster labels off the widget's border.
    m_scale = qMin(maxScale, 0.97 * qMin(width(), height()) / double(n));
    m_origin = {-(width() / m_scale - n) / 2, -(height() / m_scale - n) / 2};
    m_fitted = true;
    invalidate();
}

void HeatmapView::centerOn(int row, int col, double scale)
{
    m_fitted = false;
    m_scale = qBound(minScale(), scale, maxScale);
    m_cursor = {col, row};
    m_origin = QPointF(col + 0.5 - width() / (2 * m_scale), row + 0.5 - height() / (2 * m_scale));
    clampView();
    invalidate();
}

void HeatmapView::zoomBy(double factor, QPointF anchor)
{
    m_fitted = false;
    const QPointF cell = m_origin + anchor / m_scale;
    m_scale = qBound(minScale(), m_scale * factor, maxScale);
    m_origin = cell - anchor / m_scale;
    clampView();
    invalidate();
}

void HeatmapView::panBy(QPointF pixels)
{
    m_fitted = false;
    m_origin -= pixels / m_scale;
    clampView();
    invalidate();
}

void HeatmapView::clampView()
{
    // Keep at least half the view on the matrix, so the guild cannot be lost off-screen.
    const int n = m_model ? m_model->size() : 0;
    const double w = width() / m_scale;
    const double h = height() / m_scale;
    m_origin.setX(qBound(-w / 2, m_origin.x(), qMax(-w / 2, n - w / 2)));
    m_origin.setY(qBound(-h / 2, m_origin.y(), qMax(-h / 2, n - h / 2)));
}

int HeatmapView::level() const
{
    if (!m_model || m_model->levelCount() == 0)
        return 0;
    const int l = m_scale >= 1.0 ? 0 : int(std::ceil(std::log2(1.0 / m_scale) - 1e-9));
    return qBound(0, l, m_model->levelCount() - 1);
}

QPoint HeatmapView::cellAt(QPointF pos) const
{
    const QPointF c = m_origin + pos / m_scale;
    return {int(std::floor(c.x())), int(std::floor(c.y()))};
}

QPointF HeatmapView::cellCenter(int row, int col) const
{
    return (QPointF(col + 0.5, row + 0.5) - m_origin) * m_scale;
}

void HeatmapView::invalidate()
{
    m_dirty = true;
    update();
    Q_EMIT viewChanged();
}

void HeatmapView::renderFrame()
{
    const QSize size = this->size();
    if (m_frame.size() != size)
        m_frame = QImage(size, QImage::Format_RGB32);
    const QRgb empty = palette().color(QPalette::Base).rgb();
    m_frame.fill(empty);
    m_dirty = false;
    if (!m_model || m_model->size() == 0 || size.isEmpty())
        return;

    const int lvl = level();
    const int block = 1 << lvl;
    const double blockPx = block * m_scale;
    const int w = size.width();
    const int h = size.height();
    const double ox = m_origin.x() / block;
    const double oy = m_origin.y() / block;
    QPainter p(&m_frame);

    if (m_model->levelSide(lvl) <= maxCachedSide) {
        const QImage &image = levelImage(lvl);
        const QRectF visible = QRectF(ox, oy, w / blockPx, h / blockPx) & QRectF(image.rect());
        if (!visible.isEmpty()) {
            // Whole source pixels only, so blocks keep their size from frame to frame.
            const QRect src(
                QPoint(int(std::floor(visible.left())), int(std::floor(visible.top()))),
                QPoint(int(std::ceil(visible.right())) - 1, int(std::ceil(visible.bottom())) - 1));
            const QRectF dst((src.left() - ox) * blockPx, (src.top() - oy) * blockPx,
                             src.width() * blockPx, src.height() * blockPx);
            p.drawImage(dst, image, src);
        }
    } else {
        const int row0 = int(std::floor(oy));
        const int row1 = int(std::ceil(oy + h / blockPx)) + 1;
        const int col0 = int(std::floor(ox));
        const int col1 = int(std::ceil(ox + w / blockPx)) + 1;
        uchar *bits = m_frame.bits();
        const qsizetype stride = m_frame.bytesPerLine();
        const ColorMap &colors = m_colors;
        // Pixel edges of the visible block columns, computed once per frame rather than per
        // block; a block covers [edge(c), max(edge(c) + 1, edge(c + 1))).
        std::vector<int> xEdge(size_t(col1 - col0 + 1));
        for (int c = col0; c <= col1; ++c)
            xEdge[size_t(c - col0)] = int(std::floor((c - ox) * blockPx));
        int lastRow = -1, y0 = 0, y1 = 0;
        // Blocks go straight into the pixel buffer: a QPainter call per block would cost more
        // than the frame budget at a million visible blocks.
        m_model->forEachShade(
            lvl, row0, row1, col0, col1, m_measure, [&](int r, int c, quint8 shade) {
                if (r != lastRow) {
                    lastRow = r;
                    const int top = int(std::floor((r - oy) * blockPx));
                    y0 = qMax(0, top);
                    y1 = qMin(h, qMax(top + 1, int(std::floor((r + 1 - oy) * blockPx))));
                }
                const int left = xEdge[size_t(c - col0)];
                const int x0 = qMax(0, left);
                const int x1 = qMin(w, qMax(left + 1, xEdge[size_t(c - col0 + 1)]));
                if (x0 >= x1 || y0 >= y1)
                    return;
                const QRgb rgb = colors.rgbAt(shade);
                for (int y = y0; y < y1; ++y) {
                    auto *line = reinterpret_cast<QRgb *>(bits + y * stride);
                    std::fill(line + x0, line + x1, rgb);
                }
            });
    }

    // The matrix's edge, so empty space outside reads differently from empty cells inside.
    const double n = m_model->size();
    const QRectF all((QPointF(0, 0) - m_origin) * m_scale, QSizeF(n, n) * m_scale);
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawRect(all.adjusted(-1, -1, 0, 0));
    // Cluster blocks on the diagonal: a dark and a light line so they show on any colour, at
    // least a few pixels wide and labelled, so a ring of five is findable in 50,000 members.
    QFont labelFont = font();
    labelFont.setBold(true);
    p.setFont(labelFont);
    const QFontMetrics fm(labelFont);
    double labelBottom = -1e9; // labels of neighbouring small blocks stack instead of overlapping
    for (const HeatmapModel::DiagonalBlock &b : m_model->diagonalBlocks()) {
        QRectF r((QPointF(b.first, b.first) - m_origin) * m_scale,
                 QSizeF(b.size, b.size) * m_scale);
        if (r.width() < 8)
            r = QRectF(r.center() - QPointF(4, 4), QSizeF(8, 8));
        if (!r.adjusted(-40, -40, 40, 40).intersects(QRectF(0, 0, w, h)))
            continue;
        const bool ring = b.kind == analysis::ClusterKind::Ring;
        p.setPen(QPen(Qt::black, 3));
        p.setBrush(Qt::NoBrush);
        p.drawRect(r);
        p.setPen(QPen(ring ? QColor(255, 255, 255) : QColor(255, 170, 60), 1, Qt::DashLine));
        p.drawRect(r);
        const QString label =
            ring ? tr("ring %1").arg(b.clusterId) : tr("alts %1").arg(b.clusterId);
        QRectF box(r.right() + 4, r.top(), fm.horizontalAdvance(label) + 6, fm.height());
        box.moveTop(qMax(box.top(), qMax(labelBottom, 2.0)));
        labelBottom = box.bottom() + 1;
        p.fillRect(box, QColor(0, 0, 0, 170));
        p.setPen(ring ? QColor(255, 255, 255) : QColor(255, 190, 90));
        p.drawText(box, Qt::AlignCenter, label);
    }
    if (hasFocus() || m_hover.x() >= 0) {
        const QPoint c = m_hover.x() >= 0 ? m_hover : m_cursor;
        const int b = qMax(1, block);
        const QRectF r((QPointF((c.x() / b) * b, (c.y() / b) * b) - m_origin) * m_scale,
                       QSizeF(b, b) * m_scale);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.drawRect(r.adjusted(-1, -1, 1, 1));
    }
}

void HeatmapView::dropLevelCache()
{
    m_levelImages.clear();
}

const QImage &HeatmapView::levelImage(int level)
{
    if (m_levelImages.size() != size_t(m_model->levelCount()))
        m_levelImages.assign(size_t(m_model->levelCount()), QImage());
    QImage &image = m_levelImages[size_t(level)];
    if (!image.isNull())
        return image;
    const int side = m_model->levelSide(level);
    image = QImage(side, side, QImage::Format_RGB32);
    image.fill(palette().color(QPalette::Base).rgb());
    uchar *bits = image.bits();
    const qsizetype stride = image.bytesPerLine();
    m_model->forEachShade(level, 0, side, 0, side, m_measure, [&](int r, int c, quint8 shade) {
        reinterpret_cast<QRgb *>(bits + r * stride)[c] = m_colors.rgbAt(shade);
    });
    return image;
}

void HeatmapView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        dropLevelCache();
        invalidate();
    }
    QWidget::changeEvent(event);
}

void HeatmapView::paintEvent(QPaintEvent *)
{
    if (m_dirty || m_frame.size() != size())
        renderFrame();
    QPainter p(this);
    p.drawImage(0, 0, m_frame);
    if (!m_model || m_model->size() == 0) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   m_model ? tr("No counted reactions under the current filter.\nWiden the time "
                                "window or choose more channels.")
                           : tr("Loading…"));
    }
}

void HeatmapView::resizeEvent(QResizeEvent *)
{
    if (m_fitted)
        fitAll();
    else
        invalidate();
}

void HeatmapView::wheelEvent(QWheelEvent *event)
{
    // Exponential in the wheel angle: smooth on touchpads, 1.25× per notch on a mouse.
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(1.25, steps), event->position());
    event->accept();
}

void HeatmapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->position();
        m_lastDrag = event->position();
        m_dragging = false;
    }
}

void HeatmapView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        if (!m_dragging && (event->position() - m_pressPos).manhattanLength() > clickSlop) {
            m_dragging = true;
            setCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            panBy(event->position() - m_lastDrag);
            m_lastDrag = event->position();
        }
        return;
    }
    const QPoint cell = cellAt(event->position());
    if (cell != m_hover) {
        m_hover = cell;
        invalidate();
    }
}

void HeatmapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (m_dragging) {
        m_dragging = false;
        unsetCursor();
        return;
    }
    const QPoint cell = cellAt(event->position());
    if (m_scale < cellLevelScale) {
        // Too small to aim at one cell: zoom in on the spot instead.
        zoomBy(4.0, event->position());
        return;
    }
    activate(cell.y(), cell.x());
}

void HeatmapView::activate(int row, int col)
{
    if (!m_model)
        return;
    m_cursor = {col, row};
    if (const analysis::Pair *pair = m_model->pairAt(row, col))
        Q_EMIT pairActivated(pair->reactor, pair->author);
    invalidate();
}

void HeatmapView::moveCursor(int dRow, int dCol)
{
    if (!m_model || m_model->size() == 0)
        return;
    const int step = qMax(1, 1 << level());
    const int n = m_model->size();
    m_cursor = {qBound(0, m_cursor.x() + dCol * step, n - 1),
                qBound(0, m_cursor.y() + dRow * step, n - 1)};
    const QPointF c = cellCenter(m_cursor.y(), m_cursor.x());
    if (!rect().contains(c.toPoint()))
        centerOn(m_cursor.y(), m_cursor.x(), m_scale);
    else
        invalidate();
    setToolTip({});
    QToolTip::showText(mapToGlobal(c.toPoint()), describe(m_cursor.y(), m_cursor.x()), this);
}

void HeatmapView::keyPressEvent(QKeyEvent *event)
{
    const bool pan = event->modifiers() & Qt::ControlModifier;
    const double stepPx = 0.1 * qMin(width(), height());
    switch (event->key()) {
    case Qt::Key_Left:
        pan ? panBy({stepPx, 0}) : moveCursor(0, -1);
        break;
    case Qt::Key_Right:
        pan ? panBy({-stepPx, 0}) : moveCursor(0, 1);
        break;
    case Qt::Key_Up:
        pan ? panBy({0, stepPx}) : moveCursor(-1, 0);
        break;
    case Qt::Key_Down:
        pan ? panBy({0, -stepPx}) : moveCursor(1, 0);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.5, cellCenter(m_cursor.y(), m_cursor.x()));
        break;
    case Qt::Key_Minus:
        zoomBy(1 / 1.5, cellCenter(m_cursor.y(), m_cursor.x()));
        break;
    case Qt::Key_0:
    case Qt::Key_Home:
        fitAll();
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        activate(m_cursor.y(), m_cursor.x());
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

bool HeatmapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPoint cell = cellAt(help->pos());
        const QString text = describe(cell.y(), cell.x());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    if (event->type() == QEvent::Leave) {
        m_hover = {-1, -1};
        invalidate();
    }
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)
        invalidate();
    return QWidget::event(event);
}

QString HeatmapView::describe(int row, int col) const
{
    if (!m_model || row < 0 || col < 0 || row >= m_model->size() || col >= m_model->size())
        return {};
    const history::History &h = *m_model->analysis().history;
    const analysis::PairMatrix &m = m_model->analysis().matrix;
    const QLocale locale;
    const int lvl = level();
    if (lvl == 0) {
        const history::User &a = h.users[m_model->userAt(row)];
        const history::User &b = h.users[m_model->userAt(col)];
        const analysis::Pair *pair = m_model->pairAt(row, col);
        if (!pair) {
            return tr("<b>%1</b> → <b>%2</b><br>no counted reactions")
                .arg(a.displayName().toHtmlEscaped(), b.displayName().toHtmlEscaped());
        }
        QString text =
            tr("<b>%1</b> → <b>%2</b>: %3 reactions<br><b>%2</b> → <b>%1</b>: %4 reactions<br>"
               "reciprocity %5<br>%6 of %2's received reactions come from %1<br>"
               "%7 of %1's given reactions go to %2")
                .arg(a.displayName().toHtmlEscaped(), b.displayName().toHtmlEscaped(),
                     locale.toString(pair->count), locale.toString(pair->reverseCount),
                     locale.toString(pair->reciprocity(), 'f', 2),
                     percent(m.shareOfReceiver(*pair)), percent(m.shareOfReactor(*pair)));
        if (pair->weighted != pair->count)
            text += tr("<br>weighted volume %1").arg(locale.toString(pair->weighted, 'f', 1));
        return text + tr("<br><i>Click or press Enter for the evidence</i>");
    }
    const HeatmapModel::BlockFigures f = m_model->blockAt(lvl, row, col);
    return tr("Reactors %1–%2 → authors %3–%4 (a block of %5 × %5 members)<br>"
              "%6 reactions in %7 pairs, reciprocity %8<br><i>Zoom in to see single pairs</i>")
        .arg(locale.toString(f.rowFirst + 1), locale.toString(f.rowLast + 1),
             locale.toString(f.colFirst + 1), locale.toString(f.colLast + 1),
             locale.toString(1 << lvl), locale.toString(qint64(f.count)), locale.toString(f.pairs),
             locale.toString(f.hi > 0 ? f.lo / f.hi : 0.0, 'f', 2));
}

} // namespace gavel::ui
