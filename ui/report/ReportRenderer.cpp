#include "report/ReportRenderer.h"

#include "heatmap/ColorMap.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QHash>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace gavel::report {

namespace {

const QColor ink(0x1d, 0x24, 0x30);
const QColor grid(0xc8, 0xcd, 0xd6);
const QColor insideColor(0xd9, 0x48, 0x2b);  // reactions from inside the group
const QColor outsideColor(0x2b, 0x6c, 0xb0); // from everyone else

QByteArray png(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QString elided(const QFontMetrics &fm, const QString &text, int width)
{
    // Names are drawn as plain text: control characters would reorder the label, so they are
    // replaced like escapeHtml() does; joiners inside emoji sequences stay.
    QString clean;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool invisible = (c.category() == QChar::Other_Format && !isEmojiJoiner(text, i)) ||
                               c.category() == QChar::Other_Control;
        clean += invisible ? u"\uFFFD"_s : QString(c);
    }
    return fm.elidedText(clean, Qt::ElideRight, width);
}

char32_t codePointAt(const QString &text, qsizetype i, qsizetype *length)
{
    if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
        *length = 2;
        return QChar::surrogateToUcs4(text[i], text[i + 1]);
    }
    *length = 1;
    return text[i].unicode();
}

/*!
 * Colour emoji fonts have bitmaps and no outlines, so Qt's PDF writer draws nothing for them
 * (names like "🦉 owl" lost their emoji, and ZWJ sequences vanished). Every run of emoji the
 * body font lacks becomes an inline image painted on a raster image, where the emoji font draws;
 * emoji sequences stay one image. Only text between tags is touched (names reach the HTML
 * through escapeHtml(), so a '<' always starts a tag).
 */
QString inlineEmojiImages(const QString &html, QTextDocument &doc, const QFont &body)
{
    const QFontMetricsF metrics(body);
    const double height = std::round(metrics.ascent() + metrics.descent());
    QFont painted = body;
    painted.setPixelSize(64);
    const QFontMetricsF paintedMetrics(painted);
    QHash<QString, QString> images; // run → <img> tag
    QString out;
    out.reserve(html.size());
    bool inTag = false;
    for (qsizetype i = 0; i < html.size();) {
        const QChar c = html[i];
        if (c == u'<' || inTag) {
            inTag = c != u'>';
            out += c;
            ++i;
            continue;
        }
        qsizetype length = 1;
        const char32_t first = codePointAt(html, i, &length);
        if (!isPictographic(first)) {
            out += QStringView(html).mid(i, length);
            i += length;
            continue;
        }
        // The run: emoji, their modifiers, keycaps, tags and the joiners between them.
        qsizetype end = i + length;
        bool drawable = metrics.inFontUcs4(first);
        while (end < html.size()) {
            qsizetype n = 1;
            const char32_t u = codePointAt(html, end, &n);
            const bool part = isPictographic(u) || isEmojiModifier(u) || u == 0x20E3 ||
                              (u >= 0xE0020 && u <= 0xE007F) ||
                              (u == 0x200D && isEmojiJoiner(html, end));
            if (!part)
                break;
            if (u != 0x200D && !isEmojiModifier(u))
                drawable = drawable && metrics.inFontUcs4(u);
            end += n;
        }
        const QString run = html.mid(i, end - i);
        i = end;
        // Symbols the body font has (arrows, ✓, ©) stay text.
        if (drawable) {
            out += run;
            continue;
        }
        auto it = images.find(run);
        if (it == images.end()) {
            const int w = std::max(1, int(std::ceil(paintedMetrics.horizontalAdvance(run))));
            const int h = std::max(1, int(std::ceil(paintedMetrics.height())));
            QImage image(w, h, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QPainter p(&image);
            p.setFont(painted);
            p.setPen(ink);
            p.drawText(QPointF(0, paintedMetrics.ascent()), run);
            p.end();
            const QString name = u"emoji-%1.png"_s.arg(images.size());
            doc.addResource(QTextDocument::ImageResource, QUrl(name), image);
            const double width = std::round(height * w / h);
            it = images.insert(run, u"<img src=\"%1\" width=\"%2\" height=\"%3\" "
                                    u"style=\"vertical-align: middle\">"_s.arg(name)
                                        .arg(width)
                                        .arg(height));
        }
        out += *it;
    }
    return out;
}

} // namespace

QImage renderHeatmap(const history::History &h, const Evidence &e, const Pseudonyms &ps,
                     int neighbours)
{
    const std::vector<Index> shown = neighbourhood(h, e, neighbours);
    const int n = int(shown.size());
    const int cell = n <= 12 ? 34 : n <= 20 ? 26 : 20;
    const int label = 170;
    const int legend = 70;
    const int width = label + n * cell + legend + 20;
    const int height = label + n * cell + 50;
    QImage image(width * 2, height * 2, QImage::Format_RGB32);
    image.setDevicePixelRatio(2.0);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    QFont font(u"DejaVu Sans"_s);
    font.setPixelSize(11);
    p.setFont(font);
    const QFontMetrics fm(font);

    quint32 maxCount = 1;
    std::vector<quint32> counts(size_t(n) * size_t(n), 0);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            if (const analysis::Pair *pair = e.matrix.find(shown[size_t(r)], shown[size_t(c)])) {
                counts[size_t(r) * size_t(n) + size_t(c)] = pair->count;
                maxCount = std::max(maxCount, pair->count);
            }
        }
    const ui::ColorMap colors(ui::ColorMap::Kind::Viridis);
    // sqrt scale: a ring's dozens and an outsider's handful both stay visible.
    auto colorOf = [&](quint32 v) {
        return v == 0 ? QColor(0xf4, 0xf5, 0xf8)
                      : colors.color(0.15 + 0.85 * std::sqrt(double(v) / double(maxCount)));
    };
    const int x0 = label, y0 = label;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            const quint32 v = counts[size_t(r) * size_t(n) + size_t(c)];
            const QRect rect(x0 + c * cell, y0 + r * cell, cell - 1, cell - 1);
            p.fillRect(rect, r == c ? QColor(0xe0, 0xe0, 0xe0) : colorOf(v));
            if (v > 0 && r != c) {
                const QColor bg = colorOf(v);
                p.setPen(bg.lightness() > 140 ? ink : Qt::white);
                p.drawText(rect, Qt::AlignCenter, QString::number(v));
            }
        }
    // Labels: rows (reactors) on the left, columns (authors) rotated on top.
    p.setPen(ink);
    for (int i = 0; i < n; ++i) {
        const Index u = shown[size_t(i)];
        const QString text = elided(fm, ps.name(h, u), label - 12);
        p.drawText(QRect(0, y0 + i * cell, label - 6, cell), Qt::AlignRight | Qt::AlignVCenter,
                   text);
        p.save();
        p.translate(x0 + i * cell + cell / 2 + 4, y0 - 6);
        p.rotate(-60);
        p.drawText(0, 0, text);
        p.restore();
    }
    // The subject's members are boxed.
    const int m = int(e.members.size());
    p.setPen(QPen(insideColor, 2.5));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(x0 - 1.5, y0 - 1.5, m * cell + 2, m * cell + 2));
    // Axis captions.
    QFont small = font;
    small.setPixelSize(10);
    p.setFont(small);
    p.setPen(QColor(0x5a, 0x64, 0x78));
    p.drawText(QRect(0, y0 + n * cell + 8, label + n * cell, 20), Qt::AlignRight,
               u"rows: who reacted · columns: whose messages"_s);
    // Legend.
    const int lx = x0 + n * cell + 20, ly = y0, lh = std::max(60, n * cell);
    for (int i = 0; i < lh; ++i) {
        const double t = 1.0 - double(i) / double(lh - 1);
        p.fillRect(QRect(lx, ly + i, 14, 1), colors.color(0.15 + 0.85 * t));
    }
    p.setPen(ink);
    p.drawText(lx + 18, ly + 10, QString::number(maxCount));
    p.drawText(lx + 18, ly + lh, u"1"_s);
    p.end();
    return image;
}

QImage renderTimeline(const history::History &h, const Evidence &e)
{
    const std::vector<TimelineWeek> weeks = timeline(h, e);
    const int width = 760, height = 300;
    const int left = 56, right = 16, top = 34, bottom = 46;
    QImage image(width * 2, height * 2, QImage::Format_RGB32);
    image.setDevicePixelRatio(2.0);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font(u"DejaVu Sans"_s);
    font.setPixelSize(11);
    p.setFont(font);
    const QRect plot(left, top, width - left - right, height - top - bottom);

    int maxValue = 1;
    for (const TimelineWeek &w : weeks)
        maxValue = std::max(maxValue, w.inside + w.outside);
    // A round axis maximum: 1, 2 or 5 times a power of ten.
    double step = std::pow(10.0, std::floor(std::log10(double(maxValue))));
    for (double f : {1.0, 2.0, 5.0, 10.0})
        if (f * step >= maxValue / 4.0) {
            step *= f;
            break;
        }
    const double axisMax = std::ceil(maxValue / step) * step;

    p.setPen(grid);
    for (double v = 0; v <= axisMax + 0.5; v += step) {
        const int y = plot.bottom() - int(v / axisMax * plot.height());
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(ink);
        p.drawText(QRect(0, y - 8, left - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(qint64(v)));
        p.setPen(grid);
    }
    const int count = int(weeks.size());
    if (count > 0) {
        const double bar = double(plot.width()) / count;
        for (int i = 0; i < count; ++i) {
            const TimelineWeek &w = weeks[size_t(i)];
            const double x = plot.left() + i * bar;
            const double hIn = w.inside / axisMax * plot.height();
            const double hOut = w.outside / axisMax * plot.height();
            const double bw = std::max(1.0, bar - (bar > 4 ? 1.0 : 0.0));
            p.fillRect(QRectF(x, plot.bottom() - hIn, bw, hIn), insideColor);
            p.fillRect(QRectF(x, plot.bottom() - hIn - hOut, bw, hOut), outsideColor);
        }
        // Date labels: about six, at week starts.
        p.setPen(ink);
        const int every = std::max(1, count / 6);
        for (int i = 0; i < count; i += every) {
            const double x = plot.left() + i * bar;
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4));
            p.drawText(QRectF(x - 40, plot.bottom() + 6, 80, 16), Qt::AlignHCenter,
                       QDateTime::fromMSecsSinceEpoch(weeks[size_t(i)].weekStart, Qt::UTC)
                           .toString(u"yyyy-MM-dd"_s));
        }
    } else {
        p.setPen(ink);
        p.drawText(plot, Qt::AlignCenter, u"no counted reactions to these members"_s);
    }
    p.setPen(ink);
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    // Legend.
    p.fillRect(QRect(left, 10, 12, 12), insideColor);
    p.drawText(left + 18, 21, u"from each other"_s);
    p.fillRect(QRect(left + 150, 10, 12, 12), outsideColor);
    p.drawText(left + 168, 21, u"from everyone else"_s);
    p.drawText(QRect(0, height - 18, width, 16), Qt::AlignHCenter,
               u"reactions received per week (counted, by message week)"_s);
    p.end();
    return image;
}

ReportImages renderImages(const history::History &h, const Evidence &e, const Pseudonyms &ps)
{
    return {png(renderHeatmap(h, e, ps)), png(renderTimeline(h, e))};
}

Result<void> writePdf(const QString &html, const ReportImages &images, const QString &path,
                      const QString &title)
{
    if (!QFileInfo(path).absoluteDir().exists())
        return Error{u"cannot write %1: the directory does not exist"_s.arg(path),
                     u"create it or choose another --out"_s};
    QPdfWriter writer(path);
    writer.setTitle(title);
    writer.setCreator(u"Gavel"_s);
    writer.setResolution(144);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
    QTextDocument doc;
    QFont font(u"DejaVu Sans"_s);
    font.setPointSizeF(9.5);
    doc.setDefaultFont(font);
    doc.addResource(QTextDocument::ImageResource, QUrl(u"heatmap.png"_s),
                    QImage::fromData(images.heatmapPng));
    doc.addResource(QTextDocument::ImageResource, QUrl(u"timeline.png"_s),
                    QImage::fromData(images.timelinePng));
    doc.setHtml(inlineEmojiImages(html, doc, font));
    doc.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size());
    doc.print(&writer);
    if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0)
        return Error{u"cannot write %1"_s.arg(path),
                     u"check that the directory is writable and has free space"_s};
    return {};
}

} // namespace gavel::report
