#include "rawjsonview.h"

#include "detailformat.h"
#include "model/spanjson.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSyntaxHighlighter>
#include <QToolButton>
#include <QVBoxLayout>

namespace lb::ui {

// Colours keys, strings, numbers and literals. Indented JSON keeps every string on one line, so a
// per-line scan with no state between blocks is exact.
class JsonHighlighter : public QSyntaxHighlighter {
public:
    explicit JsonHighlighter(QTextDocument *doc) : QSyntaxHighlighter(doc) {}

    void setPalette(const QPalette &pal)
    {
        const bool dark = detail::isDark(pal);
        m_key.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x0b, 0x4f, 0x9c));
        m_string.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
        m_number.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
        m_literal.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff));
        rehighlight();
    }

protected:
    void highlightBlock(const QString &text) override
    {
        const qsizetype n = text.size();
        qsizetype i = 0;
        while (i < n) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('"')) {
                qsizetype j = i + 1;
                while (j < n && text.at(j) != QLatin1Char('"'))
                    j += text.at(j) == QLatin1Char('\\') ? 2 : 1;
                j = std::min(j + 1, n);
                qsizetype k = j;
                while (k < n && text.at(k) == QLatin1Char(' '))
                    ++k;
                const bool isKey = k < n && text.at(k) == QLatin1Char(':');
                setFormat(static_cast<int>(i), static_cast<int>(j - i), isKey ? m_key : m_string);
                i = j;
            } else if (c == QLatin1Char('-') || c.isDigit()) {
                qsizetype j = i + 1;
                while (j < n && (text.at(j).isDigit() || QStringView(u".eE+-").contains(text.at(j))))
                    ++j;
                setFormat(static_cast<int>(i), static_cast<int>(j - i), m_number);
                i = j;
            } else if (c == QLatin1Char('t') || c == QLatin1Char('f') || c == QLatin1Char('n')) {
                qsizetype j = i;
                while (j < n && text.at(j).isLetter())
                    ++j;
                setFormat(static_cast<int>(i), static_cast<int>(j - i), m_literal);
                i = j;
            } else {
                ++i;
            }
        }
    }

private:
    QTextCharFormat m_key, m_string, m_number, m_literal;
};

RawJsonView::RawJsonView(QWidget *parent) : QWidget(parent)
{
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("rawJsonInfo"));
    m_copy = new QToolButton(this);
    m_copy->setText(tr("Copy JSON"));
    m_copy->setToolTip(tr("Copy the whole span as JSON"));
    m_copy->setAutoRaise(true);
    m_wrap = new QToolButton(this);
    m_wrap->setText(tr("Wrap lines"));
    m_wrap->setCheckable(true);
    m_wrap->setChecked(true);
    m_wrap->setAutoRaise(true);

    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(QStringLiteral("rawJsonView"));
    m_edit->setReadOnly(true);
    m_edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_edit->setUndoRedoEnabled(false);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setFrameShape(QFrame::NoFrame);
    m_edit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_highlighter = new JsonHighlighter(m_edit->document());
    m_highlighter->setPalette(palette());

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(10, 4, 6, 4);
    bar->addWidget(m_info, 1);
    bar->addWidget(m_wrap);
    bar->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_edit, 1);

    connect(m_copy, &QToolButton::clicked, this, &RawJsonView::copyAll);
    connect(m_wrap, &QToolButton::toggled, this, [this](bool on) {
        m_edit->setLineWrapMode(on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    });
    setFocusProxy(m_edit);
}

void RawJsonView::setSpan(const model::Span *span)
{
    if (!span) {
        m_edit->clear();
        m_info->clear();
        return;
    }
    const QString text = QString::fromStdString(model::spanJsonText(*span));
    m_edit->setPlainText(text);
    m_info->setText(tr("%1 · %2 lines · %3")
                        .arg(detail::qs(span->spanId).isEmpty() ? tr("span") : detail::qs(span->spanId))
                        .arg(m_edit->blockCount())
                        .arg(QLocale().formattedDataSize(text.toUtf8().size())));
}

QString RawJsonView::text() const
{
    return m_edit->toPlainText();
}

void RawJsonView::copyAll()
{
    QApplication::clipboard()->setText(m_edit->toPlainText());
}

void RawJsonView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setPalette(palette());
    QWidget::changeEvent(event);
}

}  // namespace lb::ui
