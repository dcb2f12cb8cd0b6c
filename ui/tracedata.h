#pragma once
// The core trace model for Qt code. Trace::signals and Span::signals share their name with Qt's
// `signals` keyword macro, which would turn the member into `public`; the macro is lifted while the
// model is declared and inside the accessors below, so this header works in any include order.

#pragma push_macro("signals")
#undef signals
#include "model/trace.h"

namespace lb::ui {

inline const std::vector<model::Signal> &signalsOf(const model::Trace &trace) { return trace.signals; }
inline std::vector<model::Signal> &signalsOf(model::Trace &trace) { return trace.signals; }
inline std::vector<model::Signal> &signalsOf(model::Span &span) { return span.signals; }

}  // namespace lb::ui
#pragma pop_macro("signals")
