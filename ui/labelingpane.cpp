#include "labelingpane.h"

#include "casecontent.h"
#include "detailformat.h"
#include "labelingsession.h"
#include "rationaleedit.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace lb::ui {

using detail::qs;

namespace {

QString stateText(QueueCase::State s)
{
    switch (s) {
    case QueueCase::State::Open: return LabelingPane::tr("Not labeled yet");
    case QueueCase::State::Saving: return LabelingPane::tr("Saving…");
    case QueueCase::State::Saved: return LabelingPane::tr("Saved");
    case QueueCase::State::Skipping: return LabelingPane::tr("Skipping…");
    case QueueCase::State::Skipped: return LabelingPane::tr("Skipped");
    case QueueCase::State::Retracting: return LabelingPane::tr("Taking the label back…");
    case QueueCase::State::Failed: return LabelingPane::tr("Not saved");
    }
    return {};
}

}  // namespace

LabelingPane::LabelingPane(LabelingSession *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("labelingPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(6);

    auto *who = new QHBoxLayout;
    m_raterButton = new QPushButton(this);
    m_raterButton->setObjectName(QStringLiteral("raterButton"));
    m_raterButton->setFocusPolicy(Qt::NoFocus);
    m_raterButton->setFlat(true);
    m_raterButton->setToolTip(tr("The name your labels are saved under. Click to change it."));
    who->addWidget(m_raterButton);
    who->addStretch(1);
    m_position = new QLabel(this);
    who->addWidget(m_position);
    layout->addLayout(who);
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("labelProgress"));
    layout->addWidget(m_progress);

    layout->addWidget(sectionLabel(tr("Why it is in the queue")));
    m_reasons = new QLabel(this);
    m_reasons->setObjectName(QStringLiteral("queueReasons"));
    m_reasons->setWordWrap(true);
    m_reasons->setTextFormat(Qt::RichText);
    layout->addWidget(m_reasons);

    layout->addWidget(sectionLabel(tr("Categories")));
    m_categoryBox = new QWidget(this);
    m_categoryGrid = new QGridLayout(m_categoryBox);
    m_categoryGrid->setContentsMargins(0, 0, 0, 0);
    m_categoryGrid->setSpacing(6);
    layout->addWidget(m_categoryBox);

    layout->addWidget(sectionLabel(tr("Severity")));
    auto *sev = new QHBoxLayout;
    static const char *const names[] = {QT_TR_NOOP("Low"), QT_TR_NOOP("Medium"), QT_TR_NOOP("High")};
    static const char *const keys[] = {"L", "M", "H"};
    for (int i = 0; i < 3; ++i) {
        m_severity[i] = new LabelChip(this);
        m_severity[i]->setText(tr(names[i]));
        m_severity[i]->setKey(QString::fromLatin1(keys[i]));
        m_severity[i]->setColor(QColor::fromHsv(40 - i * 20, 200, 220));
        connect(m_severity[i], &LabelChip::clicked, this, [this, i] { m_session->toggleSeverity(i + 1); });
        sev->addWidget(m_severity[i]);
    }
    layout->addLayout(sev);
    m_severityNote = new QLabel(this);
    m_severityNote->setWordWrap(true);
    layout->addWidget(m_severityNote);

    layout->addWidget(sectionLabel(tr("Rationale (R)")));
    m_rationale = new RationaleEdit(this);
    m_rationale->setObjectName(QStringLiteral("rationaleEdit"));
    layout->addWidget(m_rationale);
    connect(m_rationale, &RationaleEdit::editingFinished, this, &LabelingPane::commitRationale);
    connect(m_rationale, &RationaleEdit::submitRequested, this, &LabelingPane::submitRequested);
    connect(m_rationale, &RationaleEdit::leaveRequested, this, &LabelingPane::leaveRationale);

    layout->addWidget(sectionLabel(tr("Evidence (select text, then E)")));
    m_evidence = new QListWidget(this);
    m_evidence->setObjectName(QStringLiteral("evidenceList"));
    m_evidence->setFocusPolicy(Qt::NoFocus);
    m_evidence->setWordWrap(true);
    m_evidence->setMaximumHeight(110);
    layout->addWidget(m_evidence);
    m_evidenceEmpty = new QLabel(tr("None yet."), this);
    layout->addWidget(m_evidenceEmpty);

    auto *buttons = new QHBoxLayout;
    m_back = new QPushButton(tr("◀ Back (K)"), this);
    m_skip = new QPushButton(tr("Skip (S)"), this);
    m_forward = new QPushButton(tr("Next (J) ▶"), this);
    m_submit = new QPushButton(tr("Submit (Enter)"), this);
    m_submit->setObjectName(QStringLiteral("submitButton"));
    for (QPushButton *b : {m_back, m_skip, m_forward, m_submit}) {
        b->setFocusPolicy(Qt::NoFocus);
        buttons->addWidget(b);
    }
    m_submit->setDefault(true);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, &LabelingPane::backRequested);
    connect(m_skip, &QPushButton::clicked, this, &LabelingPane::skipRequested);
    connect(m_forward, &QPushButton::clicked, this, &LabelingPane::forwardRequested);
    connect(m_submit, &QPushButton::clicked, this, &LabelingPane::submitRequested);
    connect(m_raterButton, &QPushButton::clicked, this, &LabelingPane::raterChangeRequested);

    m_saveStatus = new QLabel(this);
    m_saveStatus->setObjectName(QStringLiteral("saveStatus"));
    m_saveStatus->setWordWrap(true);
    layout->addWidget(m_saveStatus);
    m_lastSaved = new QLabel(this);
    m_lastSaved->setWordWrap(true);
    layout->addWidget(m_lastSaved);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("labelHint"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    layout->addStretch(1);

    connect(m_session, &LabelingSession::hint, this, &LabelingPane::showHint);
    connect(m_session, &LabelingSession::statsChanged, this, &LabelingPane::refreshStats);
    connect(m_session, &LabelingSession::raterChanged, this, &LabelingPane::refreshStats);
    connect(m_session, &LabelingSession::taxonomyChanged, this, &LabelingPane::rebuildCategories);
    connect(m_session, &LabelingSession::eventSaved, this, [this](const QString &, const QString &traceId, int kind) {
        if (kind == static_cast<int>(model::LabelKind::Label) && !traceId.isEmpty())
            m_lastSaved->setText(tr("Last saved: %1 at %2").arg(traceId, QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    });
    rebuildCategories();
    refresh();
    refreshStats();
}

QLabel *LabelingPane::sectionLabel(const QString &text)
{
    auto *l = new QLabel(text.toUpper(), this);
    QFont f = l->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 0.82);
    l->setFont(f);
    QPalette p = l->palette();
    p.setColor(QPalette::WindowText, detail::mutedTextColor(palette()));
    l->setPalette(p);
    l->setContentsMargins(0, 6, 0, 0);
    return l;
}

void LabelingPane::rebuildCategories()
{
    for (auto &[id, chip] : m_chips)
        delete chip;
    m_chips.clear();
    delete m_noFailure;
    int i = 0;
    for (const model::Category *cat : m_session->taxonomy().active()) {
        auto *chip = new LabelChip(m_categoryBox);
        chip->setText(qs(cat->name));
        chip->setKey(qs(cat->hotkey));
        chip->setColor(QColor(qs(cat->color)));
        chip->setToolTip(qs(cat->description) + (cat->guideline.empty() ? QString() : QStringLiteral("\n\n") + qs(cat->guideline)));
        const std::string id = cat->id;
        connect(chip, &LabelChip::clicked, this, [this, id] { m_session->toggleCategory(id); });
        m_categoryGrid->addWidget(chip, i / 2, i % 2);
        m_chips.emplace(id, chip);
        ++i;
    }
    m_noFailure = new LabelChip(m_categoryBox);
    m_noFailure->setText(tr("No failure"));
    m_noFailure->setKey(QStringLiteral("0"));
    m_noFailure->setColor(detail::okColor(palette()));
    connect(m_noFailure, &LabelChip::clicked, this, [this] { m_session->toggleNoFailure(); });
    m_categoryGrid->addWidget(m_noFailure, (i + 1) / 2, 0, 1, 2);
    refresh();
}

LabelChip *LabelingPane::categoryChip(const std::string &id) const
{
    const auto it = m_chips.find(id);
    return it == m_chips.end() ? nullptr : it->second;
}

void LabelingPane::refresh()
{
    const QueueCase *c = m_session->current();
    const bool ready = c && c->loaded && c->trace;
    const LabelDraft draft = c ? c->draft : LabelDraft{};
    for (auto &[id, chip] : m_chips) {
        chip->setEnabled(ready);
        chip->setState(draft.isChosen(id) ? LabelChip::State::On
                       : draft.isSuggested(id) && !draft.noFailure ? LabelChip::State::Suggested
                                                                   : LabelChip::State::Off);
    }
    if (m_noFailure) {
        m_noFailure->setEnabled(ready);
        m_noFailure->setState(draft.noFailure ? LabelChip::State::On : LabelChip::State::Off);
    }
    for (int i = 0; i < 3; ++i) {
        m_severity[i]->setEnabled(ready && !draft.noFailure);
        m_severity[i]->setState(draft.severity == i + 1 ? LabelChip::State::On : LabelChip::State::Off);
    }
    m_severityNote->setVisible(!draft.openSuggestions().empty() && !draft.noFailure);
    m_severityNote->setText(tr("Dashed: a detector's suggestion, not saved unless you choose it (its key, or A for all)."));
    // The rater's own typing is kept while the field has focus; it is committed on leaving.
    const QString rationale = qs(draft.rationale);
    if (!m_rationale->hasFocus() && m_rationale->toPlainText() != rationale)
        m_rationale->setPlainText(rationale);
    m_rationale->setEnabled(ready);
    m_evidence->clear();
    for (const auto &e : draft.evidence) {
        const QString where = c && c->trace ? qs(describeField(*c->trace, e.spanId, e.field)) : qs(e.field);
        QString text = qs(e.text).simplified();
        if (text.size() > 120)
            text = text.left(117) + QStringLiteral("…");
        m_evidence->addItem(tr("“%1” — %2").arg(text, where));
    }
    m_evidence->setVisible(!draft.evidence.empty());
    m_evidenceEmpty->setVisible(draft.evidence.empty());
    m_submit->setEnabled(ready);
    m_skip->setEnabled(ready);
    m_back->setEnabled(m_session->position() > 0);
    m_forward->setEnabled(c != nullptr);
    m_position->setText(c ? tr("case %1 of this session").arg(m_session->position() + 1) : QString());
    if (!c || c->item.traceRowid != m_shownRowid) {
        m_hint->clear();
        m_shownRowid = c ? c->item.traceRowid : 0;
    }
    updateReasons();
    updateSaveStatus();
}

void LabelingPane::updateReasons()
{
    const QueueCase *c = m_session->current();
    if (!c) {
        m_reasons->setText(QString());
        return;
    }
    QStringList lines;
    lines << tr("<b>Priority %1</b>").arg(QString::number(c->item.priority, 'f', 2));
    for (const auto &r : c->item.reasons)
        lines << QStringLiteral("• ") + detail::html(r);
    if (c->item.reasons.empty())
        lines << tr("• picked at random (sample mode) or by no signal");
    m_reasons->setText(lines.join(QStringLiteral("<br>")));
}

void LabelingPane::updateSaveStatus()
{
    const QueueCase *c = m_session->current();
    if (!c) {
        m_saveStatus->setText(m_session->isFetching() ? tr("Loading the queue…")
                              : m_session->isActive() ? tr("The queue is empty for this rater and filter.")
                                                      : QString());
        return;
    }
    if (!c->loaded) {
        m_saveStatus->setText(tr("Loading the case…"));
        return;
    }
    if (!c->loadError.isEmpty()) {
        m_saveStatus->setText(c->loadError);
        return;
    }
    const QueueCase::State s = c->state();
    QString text = stateText(s);
    if (s == QueueCase::State::Saved && c->isEdited())
        text = tr("Saved; changed since: Enter saves the new label");
    if (s == QueueCase::State::Failed && c->standing())
        text += QStringLiteral(": ") + c->standing()->error;
    m_saveStatus->setProperty("state", static_cast<int>(s));
    QPalette p = m_saveStatus->palette();
    p.setColor(QPalette::WindowText, s == QueueCase::State::Saved || s == QueueCase::State::Skipped ? detail::okColor(palette())
                                     : s == QueueCase::State::Failed ? detail::errorColor(palette())
                                                                    : palette().color(QPalette::WindowText));
    m_saveStatus->setPalette(p);
    m_saveStatus->setText(text);
}

void LabelingPane::refreshStats()
{
    m_raterButton->setText(tr("Rater: %1").arg(m_session->rater().isEmpty() ? tr("(none)") : m_session->rater()));
    const auto &st = m_session->stats();
    const QString left = st.remaining < 0 ? tr("…") : detail::formatCount(st.remaining);
    QString text = tr("Done %1 · skipped %2 · left %3 · %4 labels/hour")
                       .arg(detail::formatCount(st.progress.labeled), detail::formatCount(st.progress.skipped), left,
                            QString::number(st.progress.perHour, 'f', st.progress.perHour < 10 ? 1 : 0));
    if (st.savingCount > 0)
        text += tr(" · saving %1").arg(st.savingCount);
    m_progress->setText(text);
    updateSaveStatus();
}

void LabelingPane::showHint(const QString &text) { m_hint->setText(text); }

void LabelingPane::focusRationale()
{
    if (!m_rationale->isEnabled())
        return;
    m_rationale->setFocus(Qt::ShortcutFocusReason);
    m_rationale->moveCursor(QTextCursor::End);
}

void LabelingPane::commitRationale()
{
    const std::string text = m_rationale->toPlainText().trimmed().toStdString();
    const QueueCase *c = m_session->current();
    if (c && c->loaded && c->draft.rationale != text)
        m_session->setRationale(text);
}

void LabelingPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        refresh();
    QWidget::changeEvent(event);
}

}  // namespace lb::ui
