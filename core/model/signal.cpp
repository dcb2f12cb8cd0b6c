#include "signal.h"

#include "attributes.h"

namespace lb::model {

std::string Signal::valueText() const
{
    if (!label.empty())
        return label;
    if (score)
        return AttrValue::number(*score).toText();
    return {};
}

}  // namespace lb::model
