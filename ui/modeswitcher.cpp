#include "modeswitcher.h"

#include "detailformat.h"

#include <QAction>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace lb::ui {

ModeSwitcher::ModeSwitcher(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("modeSwitcher"));
    m_bar = new QWidget(this);
    m_bar->setObjectName(QStringLiteral("modeBar"));
    m_bar->setAutoFillBackground(true);
    QPalette p = m_bar->palette();
    p.setColor(QPalette::Window, detail::blend(palette().color(QPalette::Window), palette().color(QPalette::Text), 0.05));
    m_bar->setPalette(p);
    m_barLayout = new QHBoxLayout(m_bar);
    m_barLayout->setContentsMargins(8, 3, 8, 3);
    m_barLayout->setSpacing(2);
    m_barLayout->addStretch(1);
    m_buttons = new QButtonGroup(this);
    m_buttons->setExclusive(true);
    m_stack = new QStackedWidget(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    layout->addWidget(m_stack, 1);
    connect(m_stack, &QStackedWidget::currentChanged, this, [this](int index) {
        if (QAbstractButton *b = m_buttons->button(index))
            b->setChecked(true);
        if (QWidget *page = m_stack->widget(index))
            page->setFocus(Qt::OtherFocusReason);
        emit currentChanged(index);
    });
}

int ModeSwitcher::addMode(const QString &name, QWidget *page)
{
    const int index = m_stack->addWidget(page);
    const QKeySequence key(QStringLiteral("Ctrl+%1").arg(index + 1));
    auto *button = new QToolButton(m_bar);
    button->setText(name);
    button->setCheckable(true);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::NoFocus);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setToolTip(tr("%1 mode (%2)").arg(name, key.toString(QKeySequence::NativeText)));
    button->setObjectName(QStringLiteral("mode_") + name.toLower());
    QFont f = button->font();
    f.setBold(true);
    button->setFont(f);
    m_buttons->addButton(button, index);
    m_barLayout->insertWidget(m_barLayout->count() - 1, button);
    connect(button, &QToolButton::clicked, this, [this, index] { setCurrentIndex(index); });

    auto *action = new QAction(tr("&%1 Mode").arg(name), this);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WindowShortcut);
    connect(action, &QAction::triggered, this, [this, index] { setCurrentIndex(index); });
    m_actions << action;
    addAction(action);
    if (index == 0)
        button->setChecked(true);
    return index;
}

int ModeSwitcher::count() const { return m_stack->count(); }

int ModeSwitcher::currentIndex() const { return m_stack->currentIndex(); }

QWidget *ModeSwitcher::currentPage() const { return m_stack->currentWidget(); }

void ModeSwitcher::setCurrentIndex(int index)
{
    if (index >= 0 && index < m_stack->count())
        m_stack->setCurrentIndex(index);
}

void ModeSwitcher::setCurrentPage(QWidget *page) { m_stack->setCurrentWidget(page); }

}  // namespace lb::ui
