#pragma once
// What a rater has decided about one case so far: chosen categories or the verdict "no failure",
// severity, rationale and evidence, beside the detector suggestions that are shown but never saved
// until the rater confirms them. A plain value, so undo can keep whole snapshots.

#include "model/label.h"
#include "model/taxonomy.h"

#include <string>
#include <string_view>
#include <vector>

namespace lb::ui {

struct LabelDraft {
    std::vector<std::string> chosen;     // category ids, in the order the rater chose them
    std::vector<std::string> suggested;  // category ids from detectors, strongest first
    bool noFailure = false;
    int severity = 0;  // 0 none, 1 low, 2 medium, 3 high
    std::string rationale;
    std::vector<model::Evidence> evidence;

    bool isChosen(std::string_view id) const;
    bool isSuggested(std::string_view id) const;
    // Suggestions the rater has not chosen yet.
    std::vector<std::string> openSuggestions() const;
    // A category, or no failure, was chosen: the draft can be submitted.
    bool hasVerdict() const { return noFailure || !chosen.empty(); }
    // Nothing the rater did is in it (suggestions do not count).
    bool isBlank() const;

    // Chooses or unchooses a category; choosing one clears "no failure".
    void toggle(const std::string &id);
    // "No failure" clears the chosen categories and the severity (a non-failure has none).
    void toggleNoFailure();
    // Chooses every open suggestion; false when there was none.
    bool acceptSuggestions();
    // Sets the severity, or clears it when it is already that one.
    void toggleSeverity(int level);
    // Adds evidence unless the same range is there already; false when it was.
    bool addEvidence(const model::Evidence &e);

    // The label event this draft submits (kind Label; the store fills in ids and times).
    model::LabelEvent toEvent(const std::string &traceId, const std::string &rater) const;
    // The draft a saved label stands for, with today's suggestions beside it.
    static LabelDraft fromEvent(const model::LabelEvent &event, std::vector<std::string> suggested);

    // The rater's part only: equal drafts save equal labels.
    bool sameDecision(const LabelDraft &other) const;
    bool operator==(const LabelDraft &) const = default;
};

}  // namespace lb::ui
