// CSV of evidence packages: RFC 4180 quoting and spreadsheet formula-injection neutralising
// (display names are attacker-controlled), and the parser the round trip reads packages with.

#include "report/Csv.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace gavel::report;

class TestReportCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void field_data();
    void field();
    void roundTrip_data();
    void roundTrip();
    void numbersStayNumbers();
};

void TestReportCsv::field_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("cell");
    QTest::newRow("plain") << u"alice"_s << u"alice"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("formula =") << u"=HYPERLINK(\"http://x\",\"y\")"_s
                               << u"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""_s;
    QTest::newRow("formula +") << u"+1+cmd|' /C calc'!A0"_s << u"'+1+cmd|' /C calc'!A0"_s;
    QTest::newRow("formula -") << u"-2+3"_s << u"'-2+3"_s;
    QTest::newRow("formula @") << u"@SUM(A1:A9)"_s << u"'@SUM(A1:A9)"_s;
    QTest::newRow("tab") << u"\t=1"_s << u"'\t=1"_s;
    QTest::newRow("carriage return") << u"\r=1"_s << u"\"'\r=1\""_s;
    QTest::newRow("apostrophe kept exact") << u"'quoted"_s << u"''quoted"_s;
    QTest::newRow("comma") << u"a,b"_s << u"\"a,b\""_s;
    QTest::newRow("quote") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
    QTest::newRow("newline") << u"two\nlines"_s << u"\"two\nlines\""_s;
    QTest::newRow("inner = is fine") << u"a=b"_s << u"a=b"_s;
    QTest::newRow("unicode") << u"Ünïcødé 🙂"_s << u"Ünïcødé 🙂"_s;
}

void TestReportCsv::field()
{
    QFETCH(QString, text);
    QFETCH(QString, cell);
    QCOMPARE(csv::field(text), cell);
}

void TestReportCsv::roundTrip_data()
{
    field_data();
}

void TestReportCsv::roundTrip()
{
    QFETCH(QString, text);
    const QString line = csv::textRecord({u"id"_s, text, u"last"_s});
    QVERIFY(line.endsWith(u"\r\n"_s));
    const QList<QStringList> records = csv::parse(line + csv::textRecord({u"x"_s}));
    QCOMPARE(records.size(), 2);
    QCOMPARE(records[0].size(), 3);
    QCOMPARE(csv::unneutralise(records[0][1]), text);
    // Whatever a spreadsheet reads never begins with a formula character.
    const QString cell = records[0][1];
    if (!cell.isEmpty())
        QVERIFY2(!QStringLiteral("=+-@\t\r").contains(cell.front()), qPrintable(cell));
    QCOMPARE(records[1], QStringList{u"x"_s});
}

void TestReportCsv::numbersStayNumbers()
{
    QCOMPARE(csv::number(u"-0.5000"_s), u"-0.5000"_s);
    QCOMPARE(csv::record({u"1"_s, csv::number(u"2.5"_s)}), u"1,2.5\r\n"_s);
}

QTEST_GUILESS_MAIN(TestReportCsv)
#include "tst_report_csv.moc"
