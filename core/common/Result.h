#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace gavel {

//! An error that reaches a user: what failed and why, and what to do about it.
struct Error
{
    QString message; //!< one line: what failed and why
    QString hint;    //!< what the user can do; may be empty

    //! "Message. Hint" or just the message: the form shown on stderr and in dialogs. A
    //! message without closing punctuation gets a full stop before the hint, so the two read
    //! as sentences ("... (got 5). Run ...", not "... (got 5) Run ...").
    QString text() const
    {
        if (hint.isEmpty())
            return message;
        const bool closed =
            message.endsWith(u'.') || message.endsWith(u'!') || message.endsWith(u'?');
        return message + (closed ? QStringLiteral(" ") : QStringLiteral(". ")) + hint;
    }
};

//! A value or an Error (std::expected is C++23; this is the part Gavel needs).
template<typename T>
class Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

//! Result of an operation that yields nothing but may fail.
template<>
class Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false)
    {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace gavel
