#pragma once
// The filter bar above the Traces table: search field, status, span kind, model, prompt version,
// time range and "has feedback", plus the number of matching traces. Emits filterChanged() when
// the filter changes (typing in the search field is debounced).

#include "store/tracequery.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace lb::ui {

class FilterBar : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSearchDelayMs = 250;

    explicit FilterBar(QWidget *parent = nullptr);

    store::TraceFilter filter() const;
    // Fills the model and prompt version lists and the custom time range bounds; keeps choices
    // that are still offered.
    void setFacets(const store::TraceFacets &facets);
    void clearFacets();
    void showCount(qint64 count);
    void showBusy(const QString &text);
    // Clears every filter; emits filterChanged() once when something changed.
    void reset();
    void focusSearch();
    // Moves a "last hour/day/..." range to end now; true when that changed the filter (and
    // filterChanged() was emitted).
    bool renewRelativeTime();
    QLineEdit *searchField() const { return m_search; }

signals:
    void filterChanged();
    // Escape in an empty search field: the user is done with it.
    void searchDismissed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum TimePreset { AnyTime, LastHour, LastDay, LastWeek, LastMonth, CustomRange };

    void buildUi();
    void fillCombo(QComboBox *combo, const QString &anyText, const std::vector<store::FacetValue> &values);
    void emitIfChanged();
    void onTimePresetChanged();

    QLineEdit *m_search = nullptr;
    QTimer *m_searchTimer = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_model = nullptr;
    QComboBox *m_version = nullptr;
    QComboBox *m_time = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QToolButton *m_clearTime = nullptr;
    QCheckBox *m_feedback = nullptr;
    QToolButton *m_reset = nullptr;
    QLabel *m_count = nullptr;
    bool m_resetting = false;
    store::TraceFilter m_emitted;  // what was last announced, so unchanged edits stay quiet
    std::optional<std::int64_t> m_dataFirstNs, m_dataLastNs;
    // Start of a "last ..." preset, fixed when it was chosen so the filter stays the same value.
    std::optional<std::int64_t> m_presetFromNs;
};

}  // namespace lb::ui
