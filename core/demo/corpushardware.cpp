// Help-center topics of the physical products (Brewmate KX-200, Voltra City 7), as templates over facts.
#include "corpusdata.h"

namespace lb::demo {

namespace {

constexpr TopicSpec kHardwareTopics[] = {
    {"shipping", 1.6,
     {"Shipping times and costs", "When will my order arrive?", "Delivery options"},
     "Orders placed before 14:00 on a business day leave our warehouse the same day. Standard delivery with "
     "{carrier} takes {ship_days}; express delivery takes {express_days} and costs {express_fee}. "
     "{shipping_fee_note} You receive a tracking link by email as soon as the parcel has been handed over.",
     {"Deliveries need a signature. If nobody is home, {carrier} leaves a notice and tries again the next "
      "business day; after the second attempt the parcel goes to the nearest pickup point for seven days.",
      "During sales events and in December, dispatch can take up to two extra business days. Delivery "
      "estimates in your order confirmation already include this delay.",
      "You can change the delivery address until the order has shipped. After that, use the carrier's "
      "tracking page to redirect the parcel, which may add a day to the delivery."},
     {{{{"How long does shipping take?", "when will my {product_short} arrive"},
        "Standard delivery with {carrier} takes {ship_days}. If you need it sooner, express delivery takes "
        "{express_days} and costs {express_fee}."},
       {{"How much is express shipping?", "Can I get my order faster?"},
        "Express delivery costs {express_fee} and takes {express_days}; standard delivery takes {ship_days}. "
        "{shipping_fee_note}"},
       {{"Do you charge for shipping?", "is delivery free"},
        "{shipping_fee_note} Standard delivery takes {ship_days}, express costs {express_fee}."}}}},
    {"international", 0.7,
     {"International shipping", "Countries we ship to", "Shipping to other countries"},
     "We ship the {product} to {intl_countries}. International delivery takes {intl_days}. {intl_note} "
     "Prices in the shop always include the VAT of the destination country, so there are no surprises at "
     "checkout.",
     {"Each country has its own plug type; the {product_short} ships with the charger or power cable that "
      "matches the delivery address. Ordering for use in another country? Mention it in the order notes.",
      "Tracking for international parcels switches to the local carrier once the parcel crosses the "
      "border. The tracking number stays the same.",
      "We cannot ship to PO boxes, military addresses or parcel forwarding services, because the warranty "
      "is tied to the country of delivery."},
     {{{{"Do you ship internationally?", "can you ship the {product_short} to another country"},
        "We ship to {intl_countries}. International delivery takes {intl_days}."},
       {{"How long does international shipping take?", "shipping time to austria?"},
        "International delivery takes {intl_days}. We ship to {intl_countries}."},
       {{"Are there extra customs fees?", "Will I have to pay import duties?"},
        "{intl_note} Shop prices already include the VAT of the destination country."}}}},
    {"returns", 1.4,
     {"Returns", "How to return a product", "Our return policy"},
     "You can return the {product} within {return_days} of delivery, provided it is {return_condition}. "
     "Start a return in your account under Orders > Return an item; we email you a prepaid return label. "
     "A return shipping fee of {return_fee} is deducted from the refund unless the product is faulty. Refunds "
     "are issued within {refund_processing} after the return arrives at our warehouse.",
     {"Faulty products are never charged a return fee. Describe the fault when you start the return so that "
      "our technicians can confirm it; if the product turns out to work, the standard fee applies.",
      "Gifts can be returned by the recipient with the order number from the packing slip. The refund goes "
      "to the person who paid, and the recipient receives a confirmation email.",
      "Please remove any accessories you added yourself before sending the product back. We cannot return "
      "items that were shipped to us by mistake."},
     {{{{"What's your return policy?", "can i return my {product_short}"},
        "You can return it within {return_days} of delivery if it is {return_condition}. A return fee of "
        "{return_fee} is deducted unless the product is faulty."},
       {{"How do I return the {product_short}?", "how to send back my order"},
        "Start a return under Orders > Return an item and use the prepaid label we email you. It must be "
        "within {return_days} of delivery; a fee of {return_fee} applies unless the product is faulty."},
       {{"Is there a fee for returns?", "do I have to pay for return shipping"},
        "A return shipping fee of {return_fee} is deducted from the refund, except for faulty products. The "
        "refund is issued within {refund_processing} after the return arrives."}}}},
    {"refunds", 1.2,
     {"Refunds", "When will I get my money back?", "Refund processing times"},
     "Refunds are issued to the original payment method within {refund_processing} after your return "
     "arrives at our warehouse and has been checked. The return must be made within {return_days} of "
     "delivery. For returns that are not faulty, a fee of {return_fee} is deducted from the amount. You get "
     "an email as soon as the refund has been issued.",
     {"Banks and card issuers can take a few more days to show the refund on your statement. PayPal "
      "refunds usually appear within a day.",
      "If you paid with a gift card, the refund is issued as a new gift card with the same value and "
      "expiry date.",
      "Orders paid in instalments are refunded to the instalment provider, which then adjusts or cancels "
      "the remaining payments."},
     {{{{"When will I get my refund?", "still waiting for my refund"},
        "Refunds are issued to your original payment method within {refund_processing} after the return "
        "arrives at our warehouse. You get an email when it has been issued."},
       {{"How much will I get back if I return it?", "do I get a full refund?"},
        "You get the full price back minus a return fee of {return_fee}, which is waived for faulty "
        "products. The return must be made within {return_days} of delivery."},
       {{"How long do refunds take?", "refund processing time?"},
        "Refunds are issued within {refund_processing} after your return has arrived and been checked."}}}},
    {"warranty", 1.2,
     {"Warranty", "Warranty coverage and claims", "What the warranty covers"},
     "The {product} comes with a warranty of {warranty_period}. {warranty_secondary} The warranty does not "
     "cover {warranty_exclusions}. To make a claim, contact {support_email} with your order number, the "
     "serial number and a short description or video of the problem.",
     {"Repairs under warranty are free, including shipping both ways. If a repair is not possible, we "
      "replace the product with the same or an equivalent model.",
      "The warranty is tied to the product, not to the buyer, so it transfers to a new owner if you sell "
      "it. Keep the original invoice; a copy is also available in your account.",
      "Statutory rights under consumer law apply in addition to this warranty and are not affected by it."},
     {{{{"How long is the warranty?", "what's the warranty on the {product_short}"},
        "The {product} has a warranty of {warranty_period}. {warranty_secondary}"},
       {{"Is this covered by warranty?", "what does the warranty not cover"},
        "The warranty of {warranty_period} covers defects but not {warranty_exclusions}."},
       {{"How do I make a warranty claim?", "my {product_short} broke, how do I claim warranty"},
        "Email {support_email} with your order number, the serial number and a description or video of the "
        "problem. The warranty lasts {warranty_period}."}}}},
    {"maintenance", 0.9,
     {"Care and maintenance", "Keeping your {product_short} in good shape", "Maintenance schedule"},
     "To keep the {product} working well, {maint_task} {maint_interval}. It takes {maint_duration}. "
     "{maint_supplies} Skipping maintenance can shorten the life of the product and may affect warranty "
     "claims for related damage.",
     {"The app reminds you when maintenance is due, based on actual usage rather than the calendar, so "
      "light users are reminded less often.",
      "Clean the outside with a soft damp cloth only. Solvents and abrasive sponges damage the finish and "
      "are not covered by the warranty.",
      "If you store the product for more than a month, follow the storage steps in the manual first; "
      "they prevent damage from standing water or a deeply discharged battery."},
     {{{{"How often do I need to do maintenance?", "how often should i {maint_task}"},
        "You should {maint_task} {maint_interval}; it takes {maint_duration}."},
       {{"What do I need for maintenance?", "what supplies do I need"},
        "{maint_supplies} Plan to {maint_task} {maint_interval}."},
       {{"Does skipping maintenance void the warranty?", "what happens if I don't do the maintenance"},
        "Skipping it can shorten the product's life and may affect warranty claims for related damage. "
        "{maint_task_cap} {maint_interval}."}}}},
    {"troubleshooting", 1.3,
     {"Error codes and troubleshooting", "What does this error mean?", "Fixing common problems"},
     "Error {error_a} means {error_a_meaning}. Error {error_b} means {error_b_meaning}. For any other error, "
     "first restart the {product_short}: {reset_combo}. If the error comes back after the restart, note the "
     "code and contact {support_email}.",
     {"Most errors are caused by a loose connection. Check that every removable part is seated properly "
      "before you restart.",
      "Firmware updates fix many known issues. Updates install automatically over night when the product is "
      "connected and idle.",
      "Never open the housing yourself: there are no user-serviceable parts inside, and opening it voids "
      "the warranty."},
     {{{{"What does error {error_a} mean?", "my {product_short} shows {error_a}"},
        "Error {error_a} means {error_a_meaning}. If it persists, restart the {product_short}: "
        "{reset_combo}."},
       {{"I see error {error_b}, what should I do?", "{error_b} error help"},
        "Error {error_b} means {error_b_meaning}. Restart the {product_short} ({reset_combo}) and contact "
        "{support_email} if it comes back."},
       {{"How do I reset the {product_short}?", "how to restart it"},
        "To restart, {reset_combo}. If an error code comes back afterwards, contact {support_email}."}}}},
    {"app", 0.8,
     {"The {app_name} app", "Connecting the app", "App features and subscriptions"},
     "The free {app_name} app for iOS and Android connects to the {product_short} over {connectivity}. "
     "It shows usage, maintenance reminders and firmware updates. {premium_feature} costs {premium_price} "
     "and can be cancelled at any time in the app.",
     {"If pairing fails, close the app, restart the product and try again within two minutes of switching "
      "it on; pairing mode ends after that.",
      "The app needs location permission on Android only to discover nearby devices. It does not track your "
      "location unless you turn on a feature that needs it.",
      "Several people can use the same product: the owner invites them from the app's sharing screen."},
     {{{{"How do I connect the app?", "app won't connect to my {product_short}"},
        "The {app_name} app connects over {connectivity}. Restart the product and pair within two minutes "
        "of switching it on."},
       {{"Is the app free?", "does the {app_name} app cost money"},
        "The {app_name} app is free. {premium_feature} costs {premium_price} and can be cancelled anytime."},
       {{"Does it work with 5 GHz Wi-Fi or Bluetooth?", "what connection does the app use"},
        "The app connects to the {product_short} over {connectivity}."}}}},
    {"parts", 0.6,
     {"Spare parts and accessories", "Buying replacement parts", "Accessories price list"},
     "Original spare parts are sold in our online shop: {part_a} for {part_a_price}, {part_b} for "
     "{part_b_price} and {part_c} for {part_c_price}. Spare parts ship within {parts_delivery}. Using parts "
     "from other manufacturers can damage the product and is not covered by the warranty.",
     {"Parts are kept in stock for at least seven years after a model is discontinued.",
      "Some parts, such as batteries, can only be shipped by ground and not to every country.",
      "Our support team can tell you which part you need if you send a photo of the damaged one."},
     {{{{"Where can I buy spare parts?", "need a new {part_a_lower}"},
        "Original parts are in our online shop, for example {part_a} for {part_a_price}. They ship within "
        "{parts_delivery}."},
       {{"How much does a replacement {part_b_lower} cost?", "price of {part_b_lower}?"},
        "{part_b} costs {part_b_price} and ships within {parts_delivery}."},
       {{"Can I use third-party parts?", "are non-original parts ok"},
        "We recommend original parts such as {part_c} ({part_c_price}); parts from other manufacturers can "
        "damage the product and are not covered by the warranty."}}}},
    {"support", 0.9,
     {"Contacting customer service", "Customer service hours", "Getting help with your {product_short}"},
     "Our customer service team is available {support_hours} by email at {support_email} or by phone at "
     "{support_phone}. Please have your order number and the serial number of the {product_short} ready. "
     "Our help center at {help_url} has manuals, videos and answers to common questions.",
     {"Calls are busiest on Monday mornings. Email is the fastest option for non-urgent questions; we "
      "answer most emails within one business day.",
      "For safety issues, such as a damaged cable or a battery that gets hot, stop using the product and "
      "call us right away.",
      "Appointments for repairs at an authorised service partner can be booked online."},
     {{{{"How can I contact customer service?", "customer service phone number?"},
        "You can reach us by email at {support_email} or by phone at {support_phone}, {support_hours}."},
       {{"What are your opening hours?", "is support open on saturday"},
        "Customer service is available {support_hours}."},
       {{"Where can I find the manual?", "is there a help center"},
        "Manuals, videos and answers to common questions are at {help_url}. You can also email "
        "{support_email}."}}}},
};

}  // namespace

std::span<const TopicSpec> hardwareTopicSpecs() { return kHardwareTopics; }

}  // namespace lb::demo
