#include "welcomepage.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace lb::ui {

WelcomePage::WelcomePage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    auto *title = new QLabel(tr("<h2>Loopbench</h2>"
                                "<p>Observe, evaluate and improve LLM applications from their traces.</p>"
                                "<p>A workspace is one file that holds imported traces and your labels. Create one, "
                                "then import trace exports into it (File &gt; Import Traces, or drop files on this "
                                "window).</p>"),
                             this);
    title->setWordWrap(true);
    title->setTextFormat(Qt::RichText);

    auto *newButton = new QPushButton(tr("New Workspace…"), this);
    newButton->setToolTip(tr("Ctrl+N"));
    auto *openButton = new QPushButton(tr("Open Workspace…"), this);
    openButton->setToolTip(tr("Ctrl+O"));
    connect(newButton, &QPushButton::clicked, this, &WelcomePage::newRequested);
    connect(openButton, &QPushButton::clicked, this, &WelcomePage::openRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(openButton);
    buttons->addStretch(1);

    auto *recentLabel = new QLabel(tr("&Recent workspaces:"), this);
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("recentWorkspaces"));
    recentLabel->setBuddy(m_recent);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit recentChosen(item->data(Qt::UserRole).toString()); });

    // Ten recent entries of two lines each, no more: the page is a short list, not a table.
    m_recent->setMaximumHeight(10 * 2 * (fontMetrics().lineSpacing() + 2) + 2 * m_recent->frameWidth() + 8);

    auto *panel = new QWidget(this);
    panel->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 48);
    auto *column = new QVBoxLayout(panel);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(title);
    column->addSpacing(8);
    column->addLayout(buttons);
    column->addSpacing(16);
    column->addWidget(recentLabel);
    column->addWidget(m_recent);
    column->addStretch(1);

    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(panel, 3);
    outer->addStretch(1);
    outer->setContentsMargins(24, 48, 24, 32);
}

void WelcomePage::setRecent(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &p : paths) {
        auto *item = new QListWidgetItem(QStringLiteral("%1\n%2").arg(QFileInfo(p).fileName(),
                                                                    QDir::toNativeSeparators(QFileInfo(p).absolutePath())),
                                         m_recent);
        item->setData(Qt::UserRole, p);
        item->setToolTip(p);
    }
    if (paths.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No recent workspaces"), m_recent);
        item->setFlags(Qt::NoItemFlags);
    } else {
        m_recent->setCurrentRow(0);
    }
}

}  // namespace lb::ui
