#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace gavel::emulator::json {

//! Appends `utf8` as a quoted, escaped JSON string.
void appendString(QByteArray &out, std::string_view utf8);

//! `utf8` as a quoted, escaped JSON string.
QByteArray string(std::string_view utf8);
QByteArray string(const QString &text);

//! A snowflake as the quoted decimal string Discord sends.
QByteArray id(quint64 value);

//! A JSON number with exactly three decimals, as Discord writes rate-limit seconds.
QByteArray seconds3(double value);

inline std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<size_t>(bytes.size())};
}

inline QByteArray bytes(std::string_view text)
{
    return {text.data(), static_cast<qsizetype>(text.size())};
}

//! A JSON array of ids (decimal strings or unsigned integers); nullopt for anything else.
std::optional<std::vector<quint64>> idArray(std::string_view text);

//! The id inside a raw JSON string value ("\"123\"" → 123); nullopt for anything else.
std::optional<quint64> rawId(std::string_view raw);

//! Where a JSON text first stops being JSON: byte offset (0-based), line and column (1-based).
struct SyntaxError
{
    qint64 offset = 0;
    qint64 line = 1;
    qint64 column = 1;
    QString what;
};

/*!
 * Finds the first syntax error in `text` (a single JSON value with optional surrounding
 * whitespace); nullopt when it is well-formed. Slow next to simdjson: only for error reports,
 * because simdjson says what is wrong but not where.
 */
std::optional<SyntaxError> findSyntaxError(std::string_view text);

//! A JSON object kept as its fields in order (unescaped key, minified raw value), for editing.
class Object
{
public:
    //! Parses a JSON object; nullopt when `text` is not one.
    static std::optional<Object> parse(std::string_view text);

    bool contains(std::string_view key) const;
    //! The minified raw value of `key`, or an empty view when absent.
    std::string_view value(std::string_view key) const;
    //! Replaces the value of `key` in place, or appends the field.
    void set(std::string_view key, QByteArray rawValue);
    void setIfMissing(std::string_view key, QByteArray rawValue);
    bool remove(std::string_view key);
    QByteArray toJson() const;

    const std::vector<std::pair<QByteArray, QByteArray>> &fields() const { return m_fields; }

private:
    std::vector<std::pair<QByteArray, QByteArray>> m_fields;
};

} // namespace gavel::emulator::json
