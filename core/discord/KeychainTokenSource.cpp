#include "discord/KeychainTokenSource.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace gavel::discord {

using namespace Qt::StringLiterals;

namespace {

struct JobOutcome
{
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString text;
};

//! What a job on the application thread hands back to a caller on another thread.
struct SharedOutcome
{
    std::mutex mutex;
    std::condition_variable done;
    JobOutcome outcome;
};

/*!
 * Starts a keychain job on the application thread; report runs there when it ends. QtKeychain
 * queues every job through one executor object that lives on the thread that first used it, so
 * jobs created on other threads race it (a worker's job crashed the next main-thread job in
 * tests). The job deletes itself when it finishes; after a caller's timeout it is left to do so
 * on its own, because deleting a job whose D-Bus call is pending is not safe.
 */
void startJob(const std::function<QKeychain::Job *()> &makeJob,
              const std::function<void(const JobOutcome &)> &report, QObject *context)
{
    QKeychain::Job *job = makeJob();
    QObject::connect(job, &QKeychain::Job::finished, context, [report](QKeychain::Job *j) {
        JobOutcome outcome;
        outcome.finished = true;
        outcome.error = j->error();
        outcome.errorString = j->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(j))
            outcome.text = read->textData();
        report(outcome);
    });
    job->setAutoDelete(true);
    // Never a plaintext file behind the user's back: issue 9's explicit fallback is separate.
    job->setInsecureFallback(false);
    job->start();
}

//! Runs a keychain job to its end or the timeout, from any thread. On the application thread
//! it waits in a local event loop; elsewhere it blocks while the application thread (whose
//! event loop must be running) does the work.
JobOutcome runJob(const std::function<QKeychain::Job *()> &makeJob, int timeoutMs)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (QThread::currentThread() == app->thread()) {
        JobOutcome result;
        QEventLoop loop;
        startJob(
            makeJob,
            [&result, &loop](const JobOutcome &outcome) {
                result = outcome;
                loop.quit();
            },
            &loop);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        return result;
    }
    auto shared = std::make_shared<SharedOutcome>();
    QMetaObject::invokeMethod(
        app,
        [makeJob, shared, app] {
            startJob(
                makeJob,
                [shared](const JobOutcome &outcome) {
                    const std::lock_guard lock(shared->mutex);
                    shared->outcome = outcome;
                    shared->done.notify_all();
                },
                app);
        },
        Qt::QueuedConnection);
    std::unique_lock lock(shared->mutex);
    shared->done.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                          [&] { return shared->outcome.finished; });
    return shared->outcome;
}

QString entryName(quint64 guildId)
{
    return u"service \"%1\", key \"%2\""_s.arg(KeychainTokenSource::serviceName(),
                                               KeychainTokenSource::keyFor(guildId));
}

Error noKeychain(const QString &what, const QString &detail)
{
    return Error{u"No system keychain is running; %1 (Secret Service: %2)."_s.arg(what, detail),
                 u"Start and unlock a Secret Service keychain (GNOME Keyring, KeePassXC with "
                 "Secret Service integration, or KWallet), or pass the token in an environment "
                 "variable named with --token-env (default GAVEL_TOKEN)."_s};
}

Error timedOut(const QString &what, int timeoutMs)
{
    return Error{
        u"The system keychain did not answer within %1 s; %2."_s.arg(timeoutMs / 1000).arg(what),
        u"It may be waiting for you to unlock it: unlock it and try again, or pass "
        "the token with --token-env."_s};
}

//! QtKeychain reports a Secret Service that is not reachable over D-Bus (no session bus, no
//! service) as OtherError or NoBackendAvailable; both mean "no keychain" to a user.
bool isMissingKeychain(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::OtherError;
}

Result<void> needApplication()
{
    if (QCoreApplication::instance())
        return {};
    return Error{u"The system keychain cannot be used before the application has started."_s,
                 u"This is a Gavel bug: create the QCoreApplication first."_s};
}

} // namespace

QString KeychainTokenSource::keyFor(quint64 guildId)
{
    return u"bot-token:"_s + QString::number(guildId);
}

KeychainTokenSource::KeychainTokenSource(quint64 guildId, int timeoutMs)
    : m_guildId(guildId)
    , m_timeoutMs(timeoutMs)
{}

QString KeychainTokenSource::describe() const
{
    return u"the system keychain entry for guild %1 (%2)"_s.arg(m_guildId).arg(
        entryName(m_guildId));
}

KeychainTokenSource::Lookup KeychainTokenSource::lookup() const
{
    if (const Result<void> app = needApplication(); !app)
        return {Status::Failed, {}, app.error(), {}};
    const QString what = u"cannot read the bot token of guild %1"_s.arg(m_guildId);
    const QString key = keyFor(m_guildId);
    const JobOutcome outcome = runJob(
        [key] {
            auto *job = new QKeychain::ReadPasswordJob(serviceName());
            job->setKey(key);
            return job;
        },
        m_timeoutMs);
    if (!outcome.finished)
        return {Status::Failed, {}, timedOut(what, m_timeoutMs), {}};
    switch (outcome.error) {
    case QKeychain::NoError: {
        Token token(outcome.text.toUtf8());
        if (const Result<void> valid = token.validate(describe()); !valid)
            return {Status::Failed, {}, valid.error(), {}};
        return {Status::Found, std::move(token), {}, {}};
    }
    case QKeychain::EntryNotFound:
        return {
            Status::NotFound,
            {},
            Error{u"No bot token for guild %1 in the system keychain (%2)."_s.arg(m_guildId).arg(
                      entryName(m_guildId)),
                  u"Store the token in the keychain under that service and key, or pass it "
                  "in an environment variable named with --token-env (default "
                  "GAVEL_TOKEN)."_s},
            {}};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {Status::Failed,
                {},
                Error{u"The system keychain refused access to the bot token of guild %1 (%2)."_s
                          .arg(m_guildId)
                          .arg(outcome.errorString),
                      u"Unlock the keychain and allow Gavel to read the entry, or pass the token "
                      "with --token-env."_s},
                {}};
    default:
        if (isMissingKeychain(outcome.error))
            return {
                Status::NoKeychain, {}, noKeychain(what, outcome.errorString), outcome.errorString};
        return {Status::Failed,
                {},
                Error{u"The system keychain failed to read the bot token of guild %1: %2."_s
                          .arg(m_guildId)
                          .arg(outcome.errorString),
                      u"Check the keychain application, or pass the token with --token-env."_s},
                {}};
    }
}

Result<Token> KeychainTokenSource::token() const
{
    Lookup found = lookup();
    if (found.status == Status::Found)
        return std::move(found.token);
    return found.error;
}

Result<void> KeychainTokenSource::store(quint64 guildId, const QString &token, int timeoutMs)
{
    if (const Result<void> app = needApplication(); !app)
        return app;
    // Validate exactly what will be read back, so a bad paste fails now, not at the next sync.
    const Token parsed(token.toUtf8());
    if (const Result<void> valid = parsed.validate(u"the token to store"_s); !valid)
        return valid;
    QString text = token.trimmed();
    if (text.startsWith(u"Bot "_s, Qt::CaseInsensitive))
        text = text.sliced(4).trimmed();

    const QString what = u"cannot store the bot token of guild %1"_s.arg(guildId);
    const QString key = keyFor(guildId);
    const JobOutcome outcome = runJob(
        [key, text] {
            auto *job = new QKeychain::WritePasswordJob(serviceName());
            job->setKey(key);
            job->setTextData(text);
            return job;
        },
        timeoutMs);
    if (!outcome.finished)
        return timedOut(what, timeoutMs);
    if (outcome.error == QKeychain::NoError)
        return {};
    if (isMissingKeychain(outcome.error))
        return noKeychain(what, outcome.errorString);
    return Error{
        u"The system keychain did not store the bot token of guild %1: %2."_s.arg(guildId).arg(
            outcome.errorString),
        u"Unlock the keychain and allow Gavel to write to it, then try again."_s};
}

Result<void> KeychainTokenSource::remove(quint64 guildId, int timeoutMs)
{
    if (const Result<void> app = needApplication(); !app)
        return app;
    const QString what = u"cannot remove the bot token of guild %1"_s.arg(guildId);
    const QString key = keyFor(guildId);
    const JobOutcome outcome = runJob(
        [key] {
            auto *job = new QKeychain::DeletePasswordJob(serviceName());
            job->setKey(key);
            return job;
        },
        timeoutMs);
    if (!outcome.finished)
        return timedOut(what, timeoutMs);
    if (outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound)
        return {};
    if (isMissingKeychain(outcome.error))
        return noKeychain(what, outcome.errorString);
    return Error{
        u"The system keychain did not remove the bot token of guild %1: %2."_s.arg(guildId).arg(
            outcome.errorString),
        u"Unlock the keychain and allow Gavel to change it, then try again."_s};
}

TokenFile::TokenFile(quint64 guildId)
    : m_guildId(guildId)
{}

QString TokenFile::pathFor(quint64 guildId)
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(u"tokens/bot-token-"_s + QString::number(guildId));
}

bool TokenFile::exists() const
{
    return QFile::exists(pathFor(m_guildId));
}

QString TokenFile::describe() const
{
    return u"the plain token file %1"_s.arg(pathFor(m_guildId));
}

Result<Token> TokenFile::token() const
{
    QFile file(pathFor(m_guildId));
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{u"Cannot read %1: %2."_s.arg(describe(), file.errorString()),
                     u"Store the token again (Guild → Bot Tokens…), or remove the file."_s};
    }
    Token token(file.readAll());
    if (const Result<void> valid = token.validate(describe()); !valid)
        return valid.error();
    return token;
}

Result<void> TokenFile::store(quint64 guildId, const QString &token)
{
    const Token parsed(token.toUtf8());
    if (const Result<void> valid = parsed.validate(u"the token to store"_s); !valid)
        return valid;
    QString text = token.trimmed();
    if (text.startsWith(u"Bot "_s, Qt::CaseInsensitive))
        text = text.sliced(4).trimmed();
    const QString path = pathFor(guildId);
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        return Error{u"Cannot create the folder %1 for the token file."_s.arg(folder),
                     u"Check its permissions and free space."_s};
    }
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QSaveFile file(path);
    // Owner-only before the secret is written, so no other account can open it in between.
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) ||
        file.write(text.toUtf8()) < 0 || !file.commit()) {
        return Error{u"Cannot write the token file %1: %2."_s.arg(path, file.errorString()),
                     u"Check the folder's permissions and free space."_s};
    }
    return {};
}

Result<void> TokenFile::remove(quint64 guildId)
{
    QFile file(pathFor(guildId));
    if (!file.exists() || file.remove())
        return {};
    return Error{u"Cannot delete the token file %1: %2."_s.arg(file.fileName(), file.errorString()),
                 u"Delete it by hand."_s};
}

GuildTokenSource::GuildTokenSource(quint64 guildId, QString envVariable, int keychainTimeoutMs)
    : m_keychain(guildId, keychainTimeoutMs)
    , m_file(guildId)
    , m_env(envVariable)
    , m_envVariable(std::move(envVariable))
{}

QString GuildTokenSource::describe() const
{
    return m_keychain.describe() + u", else "_s + m_file.describe() + u", else "_s +
           m_env.describe();
}

Result<Token> GuildTokenSource::token() const
{
    KeychainTokenSource::Lookup found = m_keychain.lookup();
    if (found.status == KeychainTokenSource::Status::Found)
        return std::move(found.token);
    // A keychain that exists but fails (locked, refused, a bad entry) is reported as such:
    // silently using another token would hide the problem.
    if (found.status == KeychainTokenSource::Status::Failed)
        return found.error;
    // The plain file exists only when the user chose it, so it comes before the variable.
    if (m_file.exists())
        return m_file.token();
    Result<Token> fromEnv = m_env.token();
    if (fromEnv)
        return fromEnv;
    if (qEnvironmentVariableIsSet(m_envVariable.toLocal8Bit().constData()))
        return fromEnv.error(); // the variable is set but unusable: that is the thing to fix
    const quint64 guildId = m_keychain.guildId();
    const QString keychain =
        found.status == KeychainTokenSource::Status::NotFound
            ? u"the system keychain has no entry for guild %1 (%2)"_s.arg(guildId).arg(
                  entryName(guildId))
            : u"no system keychain is running (Secret Service: %1)"_s.arg(found.detail);
    return Error{u"No bot token: %1, and the environment variable %2 is not set."_s.arg(
                     keychain, m_envVariable),
                 u"Set %1 to the bot token from the Discord Developer Portal (your application "
                 "→ Bot → Reset Token), name another variable with --token-env, or store the "
                 "token in the system keychain (%2)."_s.arg(m_envVariable, entryName(guildId))};
}

} // namespace gavel::discord
