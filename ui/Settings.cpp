#include "Settings.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QTranslator>

#include <memory>

namespace gavel::ui {

namespace {
const QString lastDatabaseKey = QStringLiteral("database/last");
const QString recentKey = QStringLiteral("database/recent");
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString splitterKey = QStringLiteral("window/splitter");
const QString languageKey = QStringLiteral("ui/language");
const QString connectionsGroup = QStringLiteral("connections");

QString storageName(Settings::TokenStorage storage)
{
    switch (storage) {
    case Settings::TokenStorage::Keychain:
        return QStringLiteral("keychain");
    case Settings::TokenStorage::PlainFile:
        return QStringLiteral("file");
    case Settings::TokenStorage::Session:
        break;
    }
    return QStringLiteral("session");
}

Settings::TokenStorage storageFromName(const QString &name)
{
    if (name == u"keychain")
        return Settings::TokenStorage::Keychain;
    if (name == u"file")
        return Settings::TokenStorage::PlainFile;
    return Settings::TokenStorage::Session;
}

// Owned here so that a second installTranslators() replaces rather than stacks them.
QTranslator *s_gavelTranslator = nullptr;
QTranslator *s_qtTranslator = nullptr;

void installAtStartup()
{
    // Runs inside QCoreApplication's constructor, after main() has set the organisation and
    // application names that QSettings needs, so the CLI and the GUI both start translated.
    Settings::installTranslators();
}
} // namespace

Q_COREAPP_STARTUP_FUNCTION(installAtStartup)

Settings::Settings() = default;

QString Settings::lastDatabase() const
{
    return m_settings.value(lastDatabaseKey).toString();
}

void Settings::setLastDatabase(const QString &database)
{
    m_settings.setValue(lastDatabaseKey, database);
}

QStringList Settings::recentDatabases() const
{
    return m_settings.value(recentKey).toStringList();
}

void Settings::addRecentDatabase(const QString &database)
{
    QStringList recent = recentDatabases();
    recent.removeAll(database);
    recent.prepend(database);
    while (recent.size() > maxRecent)
        recent.removeLast();
    m_settings.setValue(recentKey, recent);
}

void Settings::removeRecentDatabase(const QString &database)
{
    QStringList recent = recentDatabases();
    recent.removeAll(database);
    m_settings.setValue(recentKey, recent);
}

QByteArray Settings::windowGeometry() const
{
    return m_settings.value(geometryKey).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(geometryKey, geometry);
}

QByteArray Settings::windowState() const
{
    return m_settings.value(stateKey).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(stateKey, state);
}

QByteArray Settings::splitterState() const
{
    return m_settings.value(splitterKey).toByteArray();
}

void Settings::setSplitterState(const QByteArray &state)
{
    m_settings.setValue(splitterKey, state);
}

QList<Settings::GuildConnection> Settings::connections() const
{
    QList<GuildConnection> list;
    m_settings.beginGroup(connectionsGroup);
    const QStringList ids = m_settings.childGroups();
    m_settings.endGroup();
    for (const QString &id : ids) {
        if (const auto found = connection(id.toULongLong()))
            list.append(*found);
    }
    return list;
}

std::optional<Settings::GuildConnection> Settings::connection(quint64 guildId) const
{
    const QString prefix = connectionsGroup + u'/' + QString::number(guildId) + u'/';
    if (guildId == 0 || !m_settings.contains(prefix + u"storage"))
        return std::nullopt;
    GuildConnection c;
    c.guildId = guildId;
    c.guildName = m_settings.value(prefix + u"name").toString();
    c.apiBase = QUrl(m_settings.value(prefix + u"api").toString());
    c.storage = storageFromName(m_settings.value(prefix + u"storage").toString());
    c.database = m_settings.value(prefix + u"database").toString();
    return c;
}

void Settings::setConnection(const GuildConnection &connection)
{
    const QString prefix = connectionsGroup + u'/' + QString::number(connection.guildId) + u'/';
    m_settings.setValue(prefix + u"name", connection.guildName);
    m_settings.setValue(prefix + u"api", connection.apiBase.toString());
    m_settings.setValue(prefix + u"storage", storageName(connection.storage));
    m_settings.setValue(prefix + u"database", connection.database);
}

void Settings::removeConnection(quint64 guildId)
{
    m_settings.remove(connectionsGroup + u'/' + QString::number(guildId));
}

QString Settings::language() const
{
    return m_settings.value(languageKey).toString();
}

void Settings::setLanguage(const QString &language)
{
    if (language.isEmpty())
        m_settings.remove(languageKey);
    else
        m_settings.setValue(languageKey, language);
}

QStringList Settings::languages()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("ja")};
}

QString Settings::effectiveLanguage() const
{
    const QString forced = qEnvironmentVariable("GAVEL_LANGUAGE");
    if (!forced.isEmpty())
        return forced;
    const QString stored = language();
    if (!stored.isEmpty())
        return stored;
    // "de_AT" and "ja_JP" use the German and Japanese files; anything else stays English.
    const QString system = QLocale::system().name().section(u'_', 0, 0);
    return languages().contains(system) ? system : QStringLiteral("en");
}

bool Settings::installTranslators()
{
    auto *app = QCoreApplication::instance();
    if (!app)
        return false;
    for (QTranslator **slot : {&s_gavelTranslator, &s_qtTranslator}) {
        if (*slot) {
            QCoreApplication::removeTranslator(*slot);
            delete *slot;
            *slot = nullptr;
        }
    }
    const QString language = Settings().effectiveLanguage();
    if (language == u"en")
        return true;
    auto gavel = std::make_unique<QTranslator>();
    if (!gavel->load(QStringLiteral("gavel_") + language, QStringLiteral(":/i18n")))
        return false;
    s_gavelTranslator = gavel.release();
    QCoreApplication::installTranslator(s_gavelTranslator);
    // Qt's own strings (standard buttons, file dialogs) come from qt6-translations-l10n
    // when it is installed; without it they stay English.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qt_") + language,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        s_qtTranslator = qt.release();
        QCoreApplication::installTranslator(s_qtTranslator);
    }
    return true;
}

QMenu *Settings::createLanguageMenu(QWidget *parent)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("gavel::ui::Settings", text);
    };
    auto *menu = new QMenu(tr("&Language"), parent);
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(menu);
    // Each language by its own name, so that someone who cannot read the current one finds
    // theirs; these names are not translated.
    const QList<std::pair<QString, QString>> choices = {
        {QString(), tr("System default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
        {QStringLiteral("ja"), QStringLiteral("日本語")},
    };
    const QString stored = Settings().language();
    for (const auto &[code, name] : choices) {
        QAction *action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == stored);
        action->setData(code);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [code, name, parent, tr] {
            Settings().setLanguage(code);
            // Widgets build their text once; a restart is the reliable way to switch all of it.
            QMessageBox::information(parent, tr("Language"),
                                     tr("Gavel will use %1 the next time it starts.").arg(name));
        });
    }
    return menu;
}

} // namespace gavel::ui
