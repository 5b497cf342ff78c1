#pragma once

#include <QDialog>

namespace gavel::ui {

//! Help > About Gavel: what Gavel is, its version and the libraries it runs on.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace gavel::ui
