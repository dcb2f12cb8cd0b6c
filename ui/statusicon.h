#pragma once
// Small status icons (a red disc with "!" for errors, a green check for OK), drawn in code so
// they look the same on every platform and theme.

#include "model/spankind.h"

#include <QIcon>

namespace lb::ui {

// Null icon for Unset. Needs a QGuiApplication.
QIcon statusIcon(model::StatusCode status);

}  // namespace lb::ui
