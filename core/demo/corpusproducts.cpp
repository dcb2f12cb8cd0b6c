// The four fictional products of the demo knowledge base and the facts their articles are built from.
#include "corpusdata.h"

namespace lb::demo {

std::span<const TopicSpec> saasTopicSpecs();
std::span<const TopicSpec> hardwareTopicSpecs();

namespace {

constexpr FactSpec kOrbitly[] = {
    {"product", "Orbitly"}, {"company", "Orbitly Inc."},
    {"support_email", "support@orbitly.example"}, {"support_hours", "Monday to Friday, 8:00-20:00 CET"},
    {"help_url", "https://help.orbitly.example"}, {"status_url", "https://status.orbitly.example"},
    {"support_channels", "email and in-app chat"},
    {"response_time", "4 business hours on Business and 1 hour for urgent Enterprise tickets"},
    {"plan_entry", "Free"}, {"price_entry", "$0"}, {"entry_limit", "up to 3 projects and 5 members"},
    {"plan_mid", "Team"}, {"price_mid", "$12 per user per month"},
    {"mid_features", "unlimited projects, guest access and timeline views"},
    {"plan_top", "Business"}, {"price_top", "$24 per user per month"},
    {"top_features", "SAML single sign-on, audit logs and advanced permissions"},
    {"annual_discount", "20%"},
    {"refund_scope", "annual subscriptions"}, {"refund_days", "14 days"}, {"refund_processing", "5-10 business days"},
    {"cancel_access", "until the end of the current billing period"}, {"data_keep", "90 days"},
    {"reset_minutes", "30 minutes"}, {"lockout_attempts", "5 failed sign-in attempts"}, {"lockout_minutes", "15 minutes"},
    {"twofa_methods", "authenticator apps (TOTP) and hardware security keys; SMS codes are not supported"},
    {"twofa_policy", "optional, but Business admins can enforce it for their whole workspace"},
    {"deletion_days", "30 days"},
    {"deletion_exception", "Comments you left in other people's workspaces stay visible, attributed to \"Former member\"."},
    {"rate_limit", "100 requests per minute per token"}, {"burst_limit", "20 requests per second"},
    {"daily_quota", "50,000 requests per day"}, {"limit_header", "X-RateLimit-Remaining"},
    {"key_prefix", "orb_pat_"}, {"key_expiry", "90 days"}, {"max_keys", "10 active tokens per user"},
    {"export_formats", "CSV and JSON"}, {"export_limit", "100,000 tasks"}, {"export_link_days", "7 days"},
    {"sso_plans", "the Business and Enterprise plans"},
    {"sso_providers", "Okta, Microsoft Entra ID and Google Workspace"},
    {"scim_note", "SCIM user provisioning is available on the Enterprise plan."},
    {"webhook_timeout", "10 seconds"}, {"webhook_retries", "5 times over 24 hours with exponential backoff"},
    {"signature_header", "X-Orbitly-Signature"},
};

constexpr FactSpec kLedgerline[] = {
    {"product", "Ledgerline"}, {"company", "Ledgerline Ltd."},
    {"support_email", "help@ledgerline.example"}, {"support_hours", "Monday to Friday, 9:00-17:30 UK time"},
    {"help_url", "https://support.ledgerline.example"}, {"status_url", "https://status.ledgerline.example"},
    {"support_channels", "email and phone (+44 20 7946 0321)"},
    {"response_time", "1 business day, or 2 hours for payment-processing incidents"},
    {"plan_entry", "Starter"}, {"price_entry", "£9 per month"}, {"entry_limit", "up to 50 invoices per month and one user"},
    {"plan_mid", "Growth"}, {"price_mid", "£29 per month"},
    {"mid_features", "unlimited invoices, recurring billing and up to 3 users"},
    {"plan_top", "Scale"}, {"price_top", "£79 per month"},
    {"top_features", "API access, multi-currency invoicing and up to 10 users"},
    {"annual_discount", "two months' fees (about 17%)"},
    {"refund_scope", "your first subscription payment"}, {"refund_days", "30 days"},
    {"refund_processing", "3-5 business days"},
    {"cancel_access", "until the end of the current billing period"}, {"data_keep", "12 months"},
    {"reset_minutes", "60 minutes"}, {"lockout_attempts", "10 failed sign-in attempts"}, {"lockout_minutes", "30 minutes"},
    {"twofa_methods", "an authenticator app or SMS codes"},
    {"twofa_policy", "mandatory for every account since 1 March 2024"},
    {"deletion_days", "14 days"},
    {"deletion_exception", "Invoices and tax records are kept for 7 years, as UK record-keeping rules require."},
    {"rate_limit", "60 requests per minute on Growth and 300 requests per minute on Scale"},
    {"burst_limit", "10 requests per second"}, {"daily_quota", "10,000 requests per day"},
    {"limit_header", "RateLimit-Remaining"},
    {"key_prefix", "ll_live_"}, {"key_expiry", "180 days"}, {"max_keys", "5 live keys per account"},
    {"export_formats", "CSV, XLSX and QuickBooks IIF"}, {"export_limit", "25,000 invoices"},
    {"export_link_days", "48 hours"},
    {"sso_plans", "the Scale plan"}, {"sso_providers", "Google Workspace and Microsoft Entra ID"},
    {"scim_note", "Automatic user provisioning (SCIM) is not supported yet."},
    {"webhook_timeout", "15 seconds"}, {"webhook_retries", "8 times over 72 hours"},
    {"signature_header", "Ledgerline-Signature"},
};

constexpr FactSpec kBrewmate[] = {
    {"product", "Brewmate KX-200"}, {"product_short", "KX-200"}, {"company", "Brewmate Appliances"},
    {"support_email", "care@brewmate.example"}, {"support_hours", "Monday to Saturday, 8:00-18:00 CET"},
    {"support_phone", "+49 30 23125 0199"}, {"help_url", "https://help.brewmate.example"},
    {"ship_days", "3-5 business days"}, {"carrier", "DHL"}, {"express_days", "1-2 business days"},
    {"express_fee", "€9.90"},
    {"shipping_fee_note", "Standard shipping is free on orders over €49 and costs €4.95 below that."},
    {"intl_countries", "all EU countries, the UK, Switzerland and Norway"}, {"intl_days", "5-10 business days"},
    {"intl_note", "Orders to the UK, Switzerland and Norway may incur import duties, paid by the recipient on delivery."},
    {"return_days", "30 days"}, {"return_condition", "in its original packaging with all accessories"},
    {"return_fee", "€15"}, {"refund_processing", "14 days"},
    {"warranty_period", "2 years"},
    {"warranty_secondary", "It is extended to 5 years if you register the machine within 60 days of purchase."},
    {"warranty_exclusions", "limescale damage, cosmetic wear and damage caused by non-original capsules"},
    {"maint_task", "descale the machine"}, {"maint_task_cap", "Descale the machine"},
    {"maint_interval", "every 300 cups or every 3 months, whichever comes first"},
    {"maint_duration", "about 25 minutes"},
    {"maint_supplies", "Use Brewmate DescalePro liquid (€12.90 for two doses); vinegar damages the seals."},
    {"error_a", "E07"}, {"error_a_meaning", "the machine needs descaling"},
    {"error_b", "E12"}, {"error_b_meaning", "the grinder is jammed, usually by an oily bean"},
    {"reset_combo", "hold the power and steam buttons together for 10 seconds"},
    {"app_name", "Brewmate Home"}, {"connectivity", "2.4 GHz Wi-Fi (5 GHz networks are not supported)"},
    {"premium_feature", "The Brewmate Beans subscription"}, {"premium_price", "from €14.90 per delivery"},
    {"part_a", "the water tank"}, {"part_a_lower", "water tank"}, {"part_a_price", "€24.90"},
    {"part_b", "The brewing unit"}, {"part_b_lower", "brewing unit"}, {"part_b_price", "€39"},
    {"part_c", "the milk frother"}, {"part_c_price", "€59"}, {"parts_delivery", "2-4 business days"},
};

constexpr FactSpec kVoltra[] = {
    {"product", "Voltra City 7"}, {"product_short", "City 7"}, {"company", "Voltra Mobility"},
    {"support_email", "service@voltra.example"}, {"support_hours", "Monday to Friday, 9:00-18:00 CET"},
    {"support_phone", "+31 20 555 0147"}, {"help_url", "https://support.voltra.example"},
    {"ship_days", "7-10 business days"}, {"carrier", "our freight partner"}, {"express_days", "3-4 business days"},
    {"express_fee", "€49"},
    {"shipping_fee_note", "Standard delivery is free; the bike arrives 95% assembled in a reusable box."},
    {"intl_countries", "Germany, Austria, the Netherlands, Belgium, France and Denmark"},
    {"intl_days", "10-14 business days"},
    {"intl_note", "We do not ship to islands, such as the Balearics or the Frisian islands, or outside these countries."},
    {"return_days", "14 days"}, {"return_condition", "undamaged and ridden less than 50 km"},
    {"return_fee", "€99"}, {"refund_processing", "10 business days"},
    {"warranty_period", "5 years on the frame"},
    {"warranty_secondary", "The battery and motor are covered for 2 years or 500 charge cycles, whichever comes first."},
    {"warranty_exclusions", "punctures, worn brake pads and chains, and damage from racing or off-road use"},
    {"maint_task", "have the bike serviced at an authorised workshop"},
    {"maint_task_cap", "Have the bike serviced at an authorised workshop"},
    {"maint_interval", "every 1,000 km or once a year"}, {"maint_duration", "about 90 minutes"},
    {"maint_supplies", "Between services, keep the battery at 40-60% charge when storing it and clean the chain monthly."},
    {"error_a", "E21"}, {"error_a_meaning", "the torque sensor is not sending a signal"},
    {"error_b", "E30"}, {"error_b_meaning", "the display cannot communicate with the battery"},
    {"reset_combo", "hold the M and power buttons together for 8 seconds"},
    {"app_name", "Voltra Ride"}, {"connectivity", "Bluetooth 5.0"},
    {"premium_feature", "GPS theft tracking with Voltra Care+"}, {"premium_price", "€4.99 per month"},
    {"part_a", "the 540 Wh battery pack"}, {"part_a_lower", "battery"}, {"part_a_price", "€649"},
    {"part_b", "The 4 A charger"}, {"part_b_lower", "charger"}, {"part_b_price", "€89"},
    {"part_c", "brake pads"}, {"part_c_price", "€19 per pair"}, {"parts_delivery", "3-5 business days"},
};

constexpr ProductSpec kProducts[] = {
    {"orbitly", "Orbitly", ProductKind::Saas, "Orbi", kOrbitly},
    {"ledgerline", "Ledgerline", ProductKind::Saas, "Lena", kLedgerline},
    {"brewmate", "Brewmate KX-200", ProductKind::Hardware, "Barista Bot", kBrewmate},
    {"voltra", "Voltra City 7", ProductKind::Hardware, "Volt", kVoltra},
};

constexpr FillerSpec kFillers[] = {
    {"Release notes: spring update",
     "The spring update of {product} is rolling out gradually over the next two weeks. Highlights: a redesigned "
     "settings page, faster search, and dark mode for every screen. We also fixed an issue where notifications "
     "were sent twice after a time-zone change, and one where the language setting reset after signing out. "
     "Thank you to everyone who reported bugs through the feedback form; several fixes in this release came "
     "directly from your reports."},
    {"{company} opens a new office",
     "{company} has opened a new office to bring our teams closer to customers. The office hosts customer "
     "success, engineering and a small training room where we run monthly user meetups. If you are in the area, "
     "sign up for the next meetup on our events page. Coffee is on us."},
    {"Incident report: delayed notifications",
     "On Tuesday between 09:12 and 10:47 CET some customers received emails and push notifications from "
     "{product} with a delay of up to 90 minutes. The cause was a misconfigured queue after routine "
     "maintenance. No data was lost, and all notifications were delivered. We have added an alert on queue "
     "depth so that a similar problem is caught within minutes."},
    {"Accessibility statement",
     "{company} aims to make {product} usable for everyone. We follow the WCAG 2.1 AA guidelines, test with "
     "screen readers on every release, and publish known issues on this page. If you find a barrier, write to "
     "{support_email}; accessibility reports are triaged within two business days."},
    {"Careers at {company}",
     "We are hiring across engineering, design and customer support. Everyone at {company} spends one day per "
     "quarter answering support tickets, because hearing from customers directly makes better products. See "
     "the open roles on our careers page; we reply to every application within ten days."},
    {"Community guidelines",
     "Our community forum is a place to share tips and ask other {product} users for advice. Be kind, stay on "
     "topic, and never post personal information such as order numbers, addresses or account emails. "
     "Moderators remove posts that break these rules and may suspend repeat offenders."},
};

constexpr AlternativeSpec kAlternatives[] = {
    {"carrier", {"UPS", "GLS", "DPD"}},
    {"plan_entry", {"Basic", "Essentials", "Solo"}},
    {"plan_mid", {"Pro", "Plus", "Standard"}},
    {"plan_top", {"Enterprise", "Premium", "Ultimate"}},
    {"sso_providers", {"Okta and OneLogin only", "Auth0, Ping Identity and JumpCloud", "any OpenID Connect provider"}},
    {"export_formats", {"PDF and XML", "CSV only", "Excel and Parquet"}},
    {"twofa_methods", {"SMS codes and email codes", "email codes only", "SMS codes only"}},
    {"app_name", {"Brewmate Connect", "Voltra Connect", "SmartHome Hub"}},
    {"support_email", {"support@help-desk.example", "info@customer-care.example", "service@support-team.example"}},
};

}  // namespace

std::span<const ProductSpec> productSpecs() { return kProducts; }
std::span<const TopicSpec> topicSpecs(ProductKind kind)
{
    return kind == ProductKind::Saas ? saasTopicSpecs() : hardwareTopicSpecs();
}
std::span<const FillerSpec> fillerSpecs() { return kFillers; }
std::span<const AlternativeSpec> alternativeSpecs() { return kAlternatives; }

}  // namespace lb::demo
