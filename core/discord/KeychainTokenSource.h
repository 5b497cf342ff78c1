#pragma once

#include "discord/Token.h"

#include <QString>

namespace gavel::discord {

/*!
 * The bot token of one guild in the system keychain (the Secret Service on Linux, through
 * QtKeychain): service "Gavel", key "bot-token:<guild id>". Calls block until the keychain
 * answers. They may come from any thread, but the keychain work itself runs on the application
 * thread, so its event loop must be running (a caller there waits in a local event loop).
 */
class KeychainTokenSource final : public TokenSource
{
public:
    //! What a lookup found; the chained source falls back to the environment on NotFound and
    //! NoKeychain, and reports every other failure.
    enum class Status { Found, NotFound, NoKeychain, Failed };

    struct Lookup
    {
        Status status = Status::Failed;
        Token token;    //!< set when status == Found
        Error error;    //!< set otherwise
        QString detail; //!< the keychain's own words, when status == NoKeychain
    };

    static QString serviceName() { return QStringLiteral("Gavel"); }
    //! "bot-token:<guild id>", the entry's key within the service.
    static QString keyFor(quint64 guildId);

    explicit KeychainTokenSource(quint64 guildId, int timeoutMs = defaultTimeoutMs);

    Result<Token> token() const override;
    QString describe() const override;
    quint64 guildId() const { return m_guildId; }
    //! Like token(), but tells a missing entry or keychain apart from a failure.
    Lookup lookup() const;

    //! Stores (or replaces) the guild's token; refuses a token that fails Token::validate().
    static Result<void> store(quint64 guildId, const QString &token,
                              int timeoutMs = defaultTimeoutMs);
    //! Removes the guild's entry; removing an entry that is not there is not an error.
    static Result<void> remove(quint64 guildId, int timeoutMs = defaultTimeoutMs);

    //! A keychain may wait for the user to unlock it; past this the call gives up.
    static constexpr int defaultTimeoutMs = 60'000;

private:
    quint64 m_guildId;
    int m_timeoutMs;
};

/*!
 * The bot token of one guild in a plain file, <config>/tokens/bot-token-<guild id> (mode 0600):
 * the fallback a user chooses explicitly, after a warning, when no system keychain exists.
 * Nothing else ever writes it.
 */
class TokenFile final : public TokenSource
{
public:
    explicit TokenFile(quint64 guildId);

    //! Where the file of a guild lives (QStandardPaths::AppConfigLocation/tokens).
    static QString pathFor(quint64 guildId);
    bool exists() const;

    Result<Token> token() const override;
    QString describe() const override;

    //! Writes (or replaces) the file, readable by its owner only.
    static Result<void> store(quint64 guildId, const QString &token);
    //! Deletes the file; a file that is not there is not an error.
    static Result<void> remove(quint64 guildId);

private:
    quint64 m_guildId;
};

/*!
 * What `gavel sync` and the GUI use: the keychain entry for the guild, else the plain token
 * file when the user chose that fallback, else the environment variable named by --token-env.
 * A keychain that is missing or has no entry falls through to the file and the variable; when
 * none has a token the error names the keychain and the variable.
 */
class GuildTokenSource final : public TokenSource
{
public:
    explicit GuildTokenSource(quint64 guildId,
                              QString envVariable = EnvTokenSource::defaultVariable(),
                              int keychainTimeoutMs = KeychainTokenSource::defaultTimeoutMs);

    Result<Token> token() const override;
    QString describe() const override;

private:
    KeychainTokenSource m_keychain;
    TokenFile m_file;
    EnvTokenSource m_env;
    QString m_envVariable;
};

} // namespace gavel::discord
