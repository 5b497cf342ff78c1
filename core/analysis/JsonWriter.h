#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

#include <vector>

namespace gavel::analysis {

/*!
 * Writes JSON straight into a UTF-8 buffer, indented as QJsonDocument::Indented does, without
 * building a QJsonObject tree first: an audit of a member with 90,000 reactions is written in a
 * fraction of the time the tree takes. Keys are ASCII literals; members come out in the order
 * they are written.
 */
class JsonWriter
{
public:
    explicit JsonWriter(QByteArray &out);

    JsonWriter &beginObject() { return open('{'); }
    JsonWriter &endObject() { return close('}'); }
    JsonWriter &beginArray() { return open('['); }
    JsonWriter &endArray() { return close(']'); }
    //! The next member's key (inside an object); the value follows.
    JsonWriter &key(QByteArrayView name);

    JsonWriter &string(QStringView text);
    //! A string known to need no escaping (decimal ids, ISO times).
    JsonWriter &asciiString(QByteArrayView text);
    JsonWriter &number(qint64 value);
    JsonWriter &number(double value); //!< shortest round-trip form; null when not finite
    JsonWriter &boolean(bool value);
    JsonWriter &null();

    //! Appends `text` to `out` as a JSON string literal (quotes included), UTF-8 encoded.
    static void appendString(QByteArray &out, QStringView text);
    //! Appends UTC ms as "YYYY-MM-DDTHH:MM:SS.mmmZ" (QDateTime's Qt::ISODateWithMs in UTC)
    //! without QDateTime: an audit writes two per reaction.
    static void appendIsoTime(QByteArray &out, qint64 ms);

private:
    JsonWriter &open(char bracket);
    JsonWriter &close(char bracket);
    void beforeValue();
    void newline();

    QByteArray &m_out;
    //! Per open container: whether it has a member yet.
    std::vector<bool> m_hasItems;
    bool m_afterKey = false;
};

} // namespace gavel::analysis
