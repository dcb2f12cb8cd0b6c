#pragma once
// Puts a queue case into the case text view the way a rater reads it: the question, the answer,
// the retrieved context, the conversation of the answering call and the list of spans, with the
// detector findings and the rater's evidence highlighted where they point.

#include "model/taxonomy.h"

namespace lb::ui {

class CaseTextView;
struct QueueCase;

// Rebuilds the whole text for the case (its trace must be loaded) and its marks.
void presentCase(CaseTextView *view, const QueueCase &c, const model::Taxonomy &taxonomy);
// Only the highlights: after the rater's evidence changed. Returns how many are shown.
int presentMarks(CaseTextView *view, const QueueCase &c, const model::Taxonomy &taxonomy);

}  // namespace lb::ui
