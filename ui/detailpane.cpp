#include "detailpane.h"

#include "detailformat.h"

#include <QDesktopServices>
#include <QScrollBar>

namespace lb::ui {

DetailPane::DetailPane(QWidget *parent) : QTextBrowser(parent)
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard |
                            Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    setUndoRedoEnabled(false);
    // Long unbroken tokens (URLs, base64, ids) wrap instead of widening the pane.
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    document()->setDocumentMargin(14);
    connect(this, &QTextBrowser::anchorClicked, this, &DetailPane::followAnchor);
}

QString DetailPane::styleSheet() const
{
    const QPalette &pal = palette();
    return QStringLiteral(
               "p { margin-top: 0; margin-bottom: 0; }"
               ".muted { color: %1; }"
               ".mono { font-family: %2; }"
               ".section { color: %1; font-weight: 600; font-size: small; margin-top: 10px; margin-bottom: 6px; }"
               ".gap { font-size: 6px; }"
               ".text { white-space: pre-wrap; }"
               "a { color: %3; text-decoration: none; }")
        .arg(detail::mutedTextColor(pal).name(), detail::monoFamilyCss(), pal.color(QPalette::Link).name());
}

void DetailPane::setBodyHtml(const QString &body)
{
    // One setHtml per span: the document is laid out once, not once per appended block.
    document()->setDefaultStyleSheet(styleSheet());
    setHtml(body);
    verticalScrollBar()->setValue(0);
}

void DetailPane::setEmptyNote(const QString &text)
{
    setBodyHtml(QStringLiteral("<p class='muted' align='center' style='margin-top:24px'>%1</p>").arg(text.toHtmlEscaped()));
}

void DetailPane::followAnchor(const QUrl &url)
{
    if (url.scheme().isEmpty() && !url.fragment().isEmpty())
        scrollToAnchor(url.fragment());
    else if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        QDesktopServices::openUrl(url);
}

}  // namespace lb::ui
