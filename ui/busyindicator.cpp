#include "busyindicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace lb::ui {

BusyIndicator::BusyIndicator(QWidget *parent) : QWidget(parent)
{
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("busyText"));
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 0);  // background work has no fixed length: a busy bar
    m_bar->setMaximumWidth(90);
    m_bar->setMaximumHeight(14);
    m_bar->setTextVisible(false);
    m_bar->hide();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
}

void BusyIndicator::setBusy(const QString &source, bool busy, const QString &text)
{
    const auto i = m_sources.indexOf(source);
    if (i >= 0) {
        m_sources.removeAt(i);
        m_texts.removeAt(i);
    }
    if (busy) {
        m_sources << source;
        m_texts << text;
    }
    m_label->setText(m_texts.isEmpty() ? QString() : m_texts.last());
    m_bar->setVisible(!m_sources.isEmpty());
}

QString BusyIndicator::text() const { return m_label->text(); }

}  // namespace lb::ui
