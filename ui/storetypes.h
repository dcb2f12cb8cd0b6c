#pragma once
// The store's value and query types for Qt code. model::Trace::signals and Span::signals share
// their name with Qt's `signals` keyword macro (which would turn them into `public`), so the macro
// is lifted while the core headers are read. Qt code includes core through this header.

#pragma push_macro("signals")
#undef signals
#include "model/trace.h"
#include "store/db.h"
#include "store/tracequery.h"
#include "store/tracereader.h"
#include "store/workspace.h"
#pragma pop_macro("signals")
