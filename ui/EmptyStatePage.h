#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace gavel::ui {

//! The page shown when there is nothing to look at yet: explains how to connect a guild
//! or open the demo, with buttons for both.
class EmptyStatePage : public QWidget
{
    Q_OBJECT

public:
    enum class Reason {
        NoDatabase,   //!< nothing opened yet
        NoGuilds,     //!< a database is open but holds no guild
        DatabaseError //!< the database could not be opened; details() says why
    };

    explicit EmptyStatePage(QWidget *parent = nullptr);

    void setReason(Reason reason, const QString &details = {});
    Reason reason() const { return m_reason; }
    void setDemoAvailable(bool available);

Q_SIGNALS:
    void openDatabaseRequested();
    void connectRequested();
    void openDemoRequested();

private:
    QLabel *m_title;
    QLabel *m_body;
    QPushButton *m_connectButton;
    QPushButton *m_demoButton;
    QPushButton *m_openButton;
    Reason m_reason = Reason::NoDatabase;
};

} // namespace gavel::ui
