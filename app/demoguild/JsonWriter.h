#pragma once

#include <QString>
#include <QtGlobal>

#include <string>
#include <string_view>
#include <vector>

namespace gavel::demoguild {

//! Where a JsonWriter's bytes go: a file, a compressor, or a string.
class ByteSink
{
public:
    virtual ~ByteSink() = default;
    //! Consumes the bytes; false when they could not be stored (the sink keeps the reason).
    virtual bool write(const char *data, qsizetype size) = 0;
};

//! A sink that appends to a std::string (pre-rendered fragments, tests).
class StringSink : public ByteSink
{
public:
    bool write(const char *data, qsizetype size) override
    {
        m_text.append(data, static_cast<std::size_t>(size));
        return true;
    }
    const std::string &text() const { return m_text; }
    std::string take() { return std::move(m_text); }

private:
    std::string m_text;
};

/*!
 * Streaming JSON writer: appends to a buffer and hands full chunks to a ByteSink, so a
 * snapshot of a million messages never exists as one document in memory.
 *
 * Commas are inserted automatically between members and elements. Strings are taken as
 * UTF-8 (or UTF-16 via QStringView) and escaped per RFC 8259: quote, backslash and every
 * control character below U+0020; everything else, including non-BMP characters, is
 * written as UTF-8.
 */
class JsonWriter
{
public:
    explicit JsonWriter(ByteSink &sink, qsizetype chunkSize = 1 << 20);
    ~JsonWriter();

    JsonWriter(const JsonWriter &) = delete;
    JsonWriter &operator=(const JsonWriter &) = delete;

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(std::string_view name);

    void string(std::string_view utf8);
    void string(QStringView text);
    void number(qint64 value);
    void number(quint64 value);
    void number(int value) { number(static_cast<qint64>(value)); }
    //! Shortest round-trip form; NaN and infinities (not JSON) are written as null.
    void number(double value);
    void boolean(bool value);
    void null();
    //! A snowflake: a decimal number in a JSON string.
    void id(quint64 value);
    //! A nullable snowflake: null when value is 0.
    void idOrNull(quint64 value);
    //! An ISO 8601 UTC timestamp with microseconds and +00:00, as Discord writes them.
    void timestamp(qint64 msecs);
    //! A JSON value rendered elsewhere (e.g. a cached user object), written as it is.
    void rawValue(std::string_view json);
    //! Bytes outside the value grammar (e.g. a newline between top-level members).
    void rawText(std::string_view text);

    //! Hands everything buffered to the sink; false if the sink failed at any point.
    bool flush();
    bool ok() const { return m_ok; }
    //! Bytes produced so far (buffered or flushed).
    qint64 bytesWritten() const { return m_flushed + static_cast<qint64>(m_buffer.size()); }

    //! Appends the escaped, quoted form of a UTF-8 string to out (for cached fragments).
    static void appendEscaped(std::string &out, std::string_view utf8);
    //! Writes "YYYY-MM-DDTHH:MM:SS.mmm000+00:00" (32 chars) to out.
    static void formatTimestamp(qint64 msecs, char *out);
    static std::string timestampString(qint64 msecs);

private:
    void beforeValue();
    void maybeFlush()
    {
        if (static_cast<qsizetype>(m_buffer.size()) >= m_chunkSize)
            flush();
    }

    ByteSink &m_sink;
    std::string m_buffer;
    qsizetype m_chunkSize;
    qint64 m_flushed = 0;
    bool m_ok = true;
    // One entry per open container: true while it has no member yet.
    std::vector<bool> m_first;
    bool m_afterKey = false;
};

} // namespace gavel::demoguild
