// The CSV writer's round trip (core/report/Csv): any cells, written with textRecord() and read
// back with parse() + unneutralise(), are the cells that went in.
#include "report/Csv.h"

#include <QStringList>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    // Records are separated by U+001E and cells by U+001F in the fuzz input, so that every
    // character a display name can hold (commas, quotes, CR, LF) reaches the writer.
    QList<QStringList> records;
    for (const QString &line : input.split(QChar(0x1e))) {
        QStringList cells = line.split(QChar(0x1f));
        records.append(cells);
    }
    QString text;
    for (const QStringList &cells : records)
        text += gavel::report::csv::textRecord(cells);
    const QList<QStringList> parsed = gavel::report::csv::parse(text);
    if (parsed.size() != records.size())
        __builtin_trap();
    for (qsizetype r = 0; r < records.size(); ++r) {
        if (parsed[r].size() != records[r].size())
            __builtin_trap();
        for (qsizetype c = 0; c < records[r].size(); ++c)
            if (gavel::report::csv::unneutralise(parsed[r][c]) != records[r][c])
                __builtin_trap();
    }
    // parse() must also survive text no writer produced.
    gavel::report::csv::parse(input);
    return 0;
}
