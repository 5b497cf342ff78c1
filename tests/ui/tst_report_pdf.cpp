// gavel report as a process on a demo guild: the HTML is self-contained (images as data: URIs,
// no external reference) and quotes the evidence package's hash; the PDF rendered to PNG with
// pdftoppm has pages that are not blank; the pseudonymised report names nobody.

#include "ExportActions.h"
#include "ImportDemoStore.h"
#include "TestPaths.h"
#include "report/HtmlReport.h"
#include "report/Manifest.h"
#include "report/ReportRenderer.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

using namespace Qt::StringLiterals;
using namespace gavel;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(300000))
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

//! Share of pixels that are not (near) white.
double inked(const QImage &image)
{
    qint64 ink = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (qGray(image.pixel(x, y)) < 230)
                ++ink;
    return double(ink) / double(qint64(image.width()) * image.height());
}

} // namespace

class TestReportPdf : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void html();
    void pdfPagesAreNotBlank();
    void pseudonymised();
    void guiActions();
    void emojiSequencesInPdf();

private:
    QTemporaryDir m_dir;
    QString m_db;
};

void TestReportPdf::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto db = test::makeDemoStore(m_dir.path());
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().text()));
    m_db = *db;
}

void TestReportPdf::html()
{
    const QString out = m_dir.filePath(u"case.html"_s);
    const Run r = run(test::gavelBinary(), {u"report"_s, u"--db"_s, m_db, u"--cluster"_s, u"1"_s,
                                            u"--at"_s, u"2026-11-01"_s, u"--out"_s, out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString html = readAll(out);
    QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
    QCOMPARE(html.count(u"<img src=\"data:image/png;base64,"_s), 2);
    // Self-contained: nothing is fetched from anywhere.
    QVERIFY(!html.contains(QRegularExpression(u"(src|href)=\"(https?:|//|file:)"_s)));
    const QString package = m_dir.filePath(u"case-evidence"_s);
    QVERIFY(report::verifyManifest(package).ok());
    QVERIFY(
        html.contains(report::sha256OfFile(QDir(package).filePath(u"MANIFEST.sha256"_s)).value()));
    QVERIFY(html.contains(u"Possible reaction ring"_s));
}

void TestReportPdf::pdfPagesAreNotBlank()
{
    const QString pdftoppm = QStandardPaths::findExecutable(u"pdftoppm"_s);
    if (pdftoppm.isEmpty())
        QFAIL("pdftoppm (poppler-utils, .ci/packages.txt) is needed to check the PDF");
    const QString out = m_dir.filePath(u"case.pdf"_s);
    const Run r = run(test::gavelBinary(), {u"report"_s, u"--db"_s, m_db, u"--cluster"_s, u"1"_s,
                                            u"--at"_s, u"2026-11-01"_s, u"--out"_s, out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(readAll(out).startsWith(u"%PDF"_s));
    const QString prefix = m_dir.filePath(u"page"_s);
    const Run png = run(pdftoppm, {u"-png"_s, u"-r"_s, u"40"_s, out, prefix});
    QVERIFY2(png.exitCode == 0, qPrintable(png.err));
    const QStringList pages =
        QDir(m_dir.path()).entryList({u"page*.png"_s}, QDir::Files, QDir::Name);
    QVERIFY2(pages.size() >= 2, qPrintable(pages.join(u' ')));
    for (const QString &page : pages) {
        const QImage image(m_dir.filePath(page));
        QVERIFY(!image.isNull());
        const double share = inked(image);
        QVERIFY2(share > 0.01, qPrintable(u"%1 is blank (%2 inked)"_s.arg(page).arg(share)));
    }
    // The first page carries the charts' colours, not only black text.
    const QImage first(m_dir.filePath(pages.front()));
    int colourful = 0;
    for (int y = 0; y < first.height(); ++y)
        for (int x = 0; x < first.width(); ++x) {
            const QColor c = first.pixelColor(x, y);
            colourful += c.saturation() > 80 && c.value() > 60;
        }
    QVERIFY(colourful > 50);
}

void TestReportPdf::pseudonymised()
{
    const QString out = m_dir.filePath(u"public.html"_s);
    const Run r = run(test::gavelBinary(), {u"report"_s, u"--db"_s, m_db, u"--cluster"_s, u"1"_s,
                                            u"--at"_s, u"2026-11-01"_s, u"--pseudonymise"_s,
                                            u"--salt"_s, u"s3cret"_s, u"--out"_s, out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString html = readAll(out);
    QVERIFY(html.contains(u"Member "_s));
    // No member id from the package's members.csv appears in the public report.
    const QString members = readAll(m_dir.filePath(u"public-evidence/members.csv"_s));
    const QStringList lines = members.split(u"\r\n"_s, Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 3);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString id = lines[i].section(u',', 0, 0);
        QVERIFY2(!html.contains(id), qPrintable(id));
    }
    // Stable: the same salt gives the same document apart from the generation time.
    const QString again = m_dir.filePath(u"public2.html"_s);
    QCOMPARE(run(test::gavelBinary(),
                 {u"report"_s, u"--db"_s, m_db, u"--cluster"_s, u"1"_s, u"--at"_s, u"2026-11-01"_s,
                  u"--pseudonymise"_s, u"--salt"_s, u"s3cret"_s, u"--out"_s, again})
                 .exitCode,
             0);
    static const QRegularExpression generated(u"Generated [^<]*"_s);
    QCOMPARE(readAll(again).remove(generated), QString(html).remove(generated));
}

void TestReportPdf::guiActions()
{
    QWidget window;
    ui::ExportActions actions(m_db, std::nullopt, &window);
    QVERIFY(!actions.exportAction()->isEnabled());
    actions.setSubject(report::Subject{report::SubjectKind::Cluster, 1});
    QVERIFY(actions.exportAction()->isEnabled() && actions.reportAction()->isEnabled());
    QSignalSpy spy(&actions, &ui::ExportActions::finished);
    const QString out = m_dir.filePath(u"gui.pdf"_s);
    actions.writeTo(out, true);
    QVERIFY(!actions.reportAction()->isEnabled()); // busy
    QVERIFY(spy.wait(120000));
    QVERIFY2(spy.at(0).at(0).toBool(), qPrintable(spy.at(0).at(1).toString()));
    QVERIFY(readAll(out).startsWith(u"%PDF"_s));
    QVERIFY(report::verifyManifest(m_dir.filePath(u"gui-evidence"_s)).ok());
    QVERIFY(actions.reportAction()->isEnabled());
    // The same package as the CLI writes (the GUI evaluates now, so compare the pairs).
    QCOMPARE(readAll(m_dir.filePath(u"gui-evidence/pairs.csv"_s)),
             readAll(m_dir.filePath(u"case-evidence/pairs.csv"_s)));
}

//! Horizontal extent (in pixels) of the coloured ink of each band of rows that has any.
QList<int> colouredBandWidths(const QImage &image)
{
    QList<int> widths;
    int left = image.width(), right = -1;
    bool inBand = false;
    for (int y = 0; y < image.height(); ++y) {
        bool any = false;
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.saturation() > 80 && c.value() > 60) {
                any = true;
                left = std::min(left, x);
                right = std::max(right, x);
            }
        }
        if (!any && inBand) {
            widths.append(right - left + 1);
            left = image.width();
            right = -1;
        }
        inBand = any;
    }
    if (inBand)
        widths.append(right - left + 1);
    return widths;
}

void TestReportPdf::emojiSequencesInPdf()
{
    const QString pdftoppm = QStandardPaths::findExecutable(u"pdftoppm"_s);
    const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
    if (pdftoppm.isEmpty() || pdftotext.isEmpty())
        QFAIL("pdftoppm and pdftotext (poppler-utils, .ci/packages.txt) are needed");
    // A family joined by U+200D, the same three emoji without joiners, and a joiner hidden
    // between letters, each as a name would be written into the report.
    const QString family = u"\U0001F468\u200D\U0001F469\u200D\U0001F467"_s;
    const QString apart = u"\U0001F468\U0001F469\U0001F467"_s;
    const QString hidden = u"ad\u200Dmin"_s;
    const QString html =
        u"<html><body><p style=\"font-size:40pt\">%1</p><p>&nbsp;</p>"
        u"<p style=\"font-size:40pt\">%2</p><p>&nbsp;</p><p>%3</p></body></html>"_s.arg(
            report::escapeHtml(family), report::escapeHtml(apart), report::escapeHtml(hidden));
    const QString pdf = m_dir.filePath(u"emoji.pdf"_s);
    QVERIFY(report::writePdf(html, {}, pdf, u"emoji"_s).ok());
    const QString prefix = m_dir.filePath(u"emoji"_s);
    QCOMPARE(run(pdftoppm, {u"-png"_s, u"-r"_s, u"150"_s, u"-singlefile"_s, pdf, prefix}).exitCode,
             0);
    const QImage page(prefix + u".png"_s);
    QVERIFY(!page.isNull());
    // Both lines are drawn in colour (an emoji font, not boxes); the joined family is one
    // emoji, well under half the width of the three apart.
    // The hidden joiner is shown.
    const Run text = run(pdftotext, {pdf, u"-"_s});
    QVERIFY2(text.out.contains(u"ad[U+200D]min"_s), qPrintable(text.out));
    const QList<int> widths = colouredBandWidths(page);
    QEXPECT_FAIL("",
                 "colour emoji are not yet drawn in the PDF (writePdf's inline emoji images "
                 "leave no coloured ink offscreen; see docs/evidence.md)",
                 Abort);
    QVERIFY2(widths.size() == 2, qPrintable(u"bands: %1"_s.arg(widths.size())));
    QVERIFY2(widths[0] * 2 < widths[1],
             qPrintable(u"joined %1 px, apart %2 px"_s.arg(widths[0]).arg(widths[1])));
}

QTEST_MAIN(TestReportPdf)
#include "tst_report_pdf.moc"
