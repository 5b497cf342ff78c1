#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

class QDebug;

namespace gavel::discord {

/*!
 * A bot token. Holds the secret and hands it out only as the Authorization header value; it
 * has no accessor for the raw text, and printing it to QDebug shows a placeholder.
 */
class Token
{
public:
    Token() = default;
    //! Takes the token text as stored; surrounding whitespace and a leading "Bot " are dropped.
    explicit Token(QByteArrayView secret);

    bool isEmpty() const { return m_secret.isEmpty(); }
    //! "Bot <token>", the value of the Authorization header.
    QByteArray authorizationValue() const;

    //! Checks the token can go into a header: non-empty, no spaces or control characters.
    //! source names where it came from, for the message.
    Result<void> validate(const QString &source) const;

private:
    QByteArray m_secret;
};

//! Shows "Token(<redacted>)" or "Token(empty)": never the secret.
QDebug operator<<(QDebug debug, const Token &token);

/*!
 * Where a bot token comes from. The environment variable is one source; the system keychain
 * entry for a guild (issue 9) will be another implementation of this interface.
 */
class TokenSource
{
public:
    virtual ~TokenSource() = default;
    //! The token, validated, or an error that says where it was looked for and what to do.
    virtual Result<Token> token() const = 0;
    //! Where the token is read from, for messages ("environment variable GAVEL_TOKEN").
    virtual QString describe() const = 0;
};

//! Reads the token from an environment variable (`--token-env`, default GAVEL_TOKEN).
class EnvTokenSource final : public TokenSource
{
public:
    static QString defaultVariable() { return QStringLiteral("GAVEL_TOKEN"); }

    explicit EnvTokenSource(QString variable = defaultVariable());

    Result<Token> token() const override;
    QString describe() const override;

private:
    QString m_variable;
};

} // namespace gavel::discord
