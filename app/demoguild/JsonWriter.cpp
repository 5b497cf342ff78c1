#include "JsonWriter.h"

#include "common/JsonString.h"

#include <charconv>
#include <cmath>

namespace gavel::demoguild {

namespace {

void put2(char *out, int value)
{
    out[0] = static_cast<char>('0' + value / 10);
    out[1] = static_cast<char>('0' + value % 10);
}

} // namespace

JsonWriter::JsonWriter(ByteSink &sink, qsizetype chunkSize)
    : m_sink(sink)
    , m_chunkSize(chunkSize)
{
    m_buffer.reserve(static_cast<std::size_t>(chunkSize) + 4096);
}

JsonWriter::~JsonWriter()
{
    flush();
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (m_first.back())
            m_first.back() = false;
        else
            m_buffer.push_back(',');
    }
}

void JsonWriter::beginObject()
{
    beforeValue();
    m_buffer.push_back('{');
    m_first.push_back(true);
}

void JsonWriter::endObject()
{
    m_buffer.push_back('}');
    m_first.pop_back();
    maybeFlush();
}

void JsonWriter::beginArray()
{
    beforeValue();
    m_buffer.push_back('[');
    m_first.push_back(true);
}

void JsonWriter::endArray()
{
    m_buffer.push_back(']');
    m_first.pop_back();
    maybeFlush();
}

void JsonWriter::key(std::string_view name)
{
    beforeValue();
    appendEscaped(m_buffer, name);
    m_buffer.push_back(':');
    m_afterKey = true;
}

void JsonWriter::string(std::string_view utf8)
{
    beforeValue();
    appendEscaped(m_buffer, utf8);
    maybeFlush();
}

void JsonWriter::string(QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    string(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

void JsonWriter::number(qint64 value)
{
    beforeValue();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    m_buffer.append(digits, result.ptr);
}

void JsonWriter::number(quint64 value)
{
    beforeValue();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    m_buffer.append(digits, result.ptr);
}

void JsonWriter::number(double value)
{
    if (!std::isfinite(value)) {
        null();
        return;
    }
    beforeValue();
    char digits[32];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    m_buffer.append(digits, result.ptr);
}

void JsonWriter::boolean(bool value)
{
    beforeValue();
    m_buffer.append(value ? "true" : "false");
}

void JsonWriter::null()
{
    beforeValue();
    m_buffer.append("null");
}

void JsonWriter::id(quint64 value)
{
    beforeValue();
    char digits[24];
    digits[0] = '"';
    const auto result = std::to_chars(digits + 1, digits + sizeof digits - 1, value);
    *result.ptr = '"';
    m_buffer.append(digits, result.ptr + 1);
}

void JsonWriter::idOrNull(quint64 value)
{
    if (value == 0)
        null();
    else
        id(value);
}

void JsonWriter::timestamp(qint64 msecs)
{
    beforeValue();
    char text[34];
    text[0] = '"';
    formatTimestamp(msecs, text + 1);
    text[33] = '"';
    m_buffer.append(text, sizeof text);
}

void JsonWriter::rawValue(std::string_view json)
{
    beforeValue();
    m_buffer.append(json);
    maybeFlush();
}

void JsonWriter::rawText(std::string_view text)
{
    m_buffer.append(text);
    maybeFlush();
}

bool JsonWriter::flush()
{
    if (m_buffer.empty())
        return m_ok;
    if (m_ok)
        m_ok = m_sink.write(m_buffer.data(), static_cast<qsizetype>(m_buffer.size()));
    m_flushed += static_cast<qint64>(m_buffer.size());
    m_buffer.clear();
    return m_ok;
}

void JsonWriter::appendEscaped(std::string &out, std::string_view utf8)
{
    ::gavel::json::appendQuoted(out, utf8);
}

void JsonWriter::formatTimestamp(qint64 msecs, char *out)
{
    // Civil-from-days (H. Hinnant): exact for the proleptic Gregorian calendar, no time zones.
    qint64 days = msecs >= 0 ? msecs / 86400000 : (msecs - 86399999) / 86400000;
    qint64 msOfDay = msecs - days * 86400000;
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    qint64 year = yoe + era * 400;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    if (month <= 2)
        ++year;
    const int hour = static_cast<int>(msOfDay / 3600000);
    const int minute = static_cast<int>(msOfDay / 60000 % 60);
    const int second = static_cast<int>(msOfDay / 1000 % 60);
    const int milli = static_cast<int>(msOfDay % 1000);
    const int y = static_cast<int>(year);
    put2(out, y / 100);
    put2(out + 2, y % 100);
    out[4] = '-';
    put2(out + 5, month);
    out[7] = '-';
    put2(out + 8, day);
    out[10] = 'T';
    put2(out + 11, hour);
    out[13] = ':';
    put2(out + 14, minute);
    out[16] = ':';
    put2(out + 17, second);
    out[19] = '.';
    out[20] = static_cast<char>('0' + milli / 100);
    put2(out + 21, milli % 100);
    const char tail[] = "000+00:00";
    for (int i = 0; i < 9; ++i)
        out[23 + i] = tail[i];
}

std::string JsonWriter::timestampString(qint64 msecs)
{
    char text[32];
    formatTimestamp(msecs, text);
    return std::string(text, sizeof text);
}

} // namespace gavel::demoguild
