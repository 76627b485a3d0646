"""The whole site's permission matrix: what every persona gets from every URL pattern.

One row per URL pattern and method. Columns: the URL's name (``namespace:name``, or the route
for the few unnamed patterns and for the admins, of which only the root and sign-in are
tested), the kind of record its arguments name (see world.py: every record belongs to agency
A), the method, then one outcome per persona in the order of PERSONAS:

    ok         2xx, or a redirect to anything but a sign-in page
    login      a redirect to a sign-in page
    denied     403
    missing    404 (for agency B: agency A's records do not exist)
    invalid    400 or 422 (an empty form or body refused)
    notallowed 405
    throttled  429

A URL without a POST row must not accept POST: each persona gets 405 or what it gets on GET
when that is login, denied or missing. A 500 is never expected.

A new URL pattern fails tests/permissions/test_matrix.py until it has its rows; the failure
prints the rows observed, ready to paste here after checking them.
"""

PERSONAS = (
    "anonymous",
    "applicant_a",
    "applicant_b",
    "licensing_officer",
    "inspector",
    "decision_maker",
    "editor",
    "administrator",
)
OUTCOMES = {"ok", "login", "denied", "missing", "invalid", "notallowed", "throttled"}

TABLE = """
# url                                  args         meth anon    agency A agency B officer inspect decider editor  admin
^api/v1/                               none         GET  missing missing missing missing missing missing missing missing
account_change_password                none         GET  login   ok      ok      ok      ok      ok      ok      ok
account_change_password                none         POST login   ok      ok      ok      ok      ok      ok      ok
account_confirm_email                  key          GET  ok      ok      ok      ok      ok      ok      ok      ok
account_confirm_email                  key          POST missing missing missing missing missing missing missing missing
account_confirm_login_code             none         GET  login   ok      ok      ok      ok      ok      ok      ok
account_confirm_login_code             none         POST login   ok      ok      ok      ok      ok      ok      ok
account_confirm_reauthentication_code  none         GET  login   ok      ok      ok      ok      ok      ok      ok
account_confirm_reauthentication_code  none         POST login   ok      ok      ok      ok      ok      ok      ok
account_email                          none         GET  login   ok      ok      ok      ok      ok      ok      ok
account_email                          none         POST login   ok      ok      ok      ok      ok      ok      ok
account_email_verification_sent        none         GET  ok      ok      ok      ok      ok      ok      ok      ok
account_inactive                       none         GET  ok      ok      ok      ok      ok      ok      ok      ok
account_login                          none         GET  ok      ok      ok      ok      ok      ok      ok      ok
account_login                          none         POST ok      ok      ok      ok      ok      ok      ok      ok
account_logout                         none         GET  ok      ok      ok      ok      ok      ok      ok      ok
account_logout                         none         POST ok      ok      ok      ok      ok      ok      ok      ok
account_reauthenticate                 none         GET  login   ok      ok      ok      ok      ok      ok      ok
account_reauthenticate                 none         POST login   ok      ok      ok      ok      ok      ok      ok
account_request_reauthentication_code  none         GET  login   ok      ok      ok      ok      ok      ok      ok
account_request_reauthentication_code  none         POST login   ok      ok      ok      ok      ok      ok      ok
account_reset_password                 none         GET  ok      ok      ok      ok      ok      ok      ok      ok
account_reset_password                 none         POST ok      ok      ok      ok      ok      ok      ok      ok
account_reset_password_done            none         GET  ok      ok      ok      ok      ok      ok      ok      ok
account_reset_password_from_key        reset        GET  ok      ok      ok      ok      ok      ok      ok      ok
account_reset_password_from_key        reset        POST ok      ok      ok      ok      ok      ok      ok      ok
account_reset_password_from_key_done   none         GET  ok      ok      ok      ok      ok      ok      ok      ok
account_set_password                   none         GET  login   ok      ok      ok      ok      ok      ok      ok
account_set_password                   none         POST login   ok      ok      ok      ok      ok      ok      ok
account_signup                         none         GET  ok      ok      ok      ok      ok      ok      ok      ok
account_signup                         none         POST ok      ok      ok      ok      ok      ok      ok      ok
admin/login/                           none         GET  login   login   login   login   login   login   login   login
api:api-root                           none         GET  ok      ok      ok      ok      ok      ok      ok      ok
api:bulk_check                         none         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
api:bulk_check                         none         POST invalid invalid invalid invalid invalid invalid invalid invalid
api:changes_feed                       none         GET  ok      ok      ok      ok      ok      ok      ok      ok
api:exclusions_lookup                  none         GET  invalid invalid invalid invalid invalid invalid invalid invalid
api:licence_lookup                     licence      GET  ok      ok      ok      ok      ok      ok      ok      ok
api:openapi-json                       none         GET  ok      ok      ok      ok      ok      ok      ok      ok
api:openapi-json                       none         POST ok      ok      ok      ok      ok      ok      ok      ok
api:openapi-view                       none         GET  ok      ok      ok      ok      ok      ok      ok      ok
api:openapi-view                       none         POST ok      ok      ok      ok      ok      ok      ok      ok
api:receipt_detail                     code         GET  missing missing missing missing missing missing missing missing
api:refused_and_revoked                none         GET  ok      ok      ok      ok      ok      ok      ok      ok
api:search                             none         GET  ok      ok      ok      ok      ok      ok      ok      ok
api:verify                             certificate  GET  ok      ok      ok      ok      ok      ok      ok      ok
bulk_check                             none         GET  ok      ok      ok      ok      ok      ok      ok      ok
bulk_check                             none         POST invalid invalid invalid invalid invalid invalid invalid invalid
bulk_check_download                    bulk         GET  missing missing missing missing missing missing missing missing
django-admin                           none         GET  login   login   login   login   login   login   login   login
django-admin                           none         POST login   login   login   login   login   login   login   login
django-admin/login/                    none         GET  login   login   login   login   login   login   login   login
healthz                                none         GET  ok      ok      ok      ok      ok      ok      ok      ok
healthz                                none         POST ok      ok      ok      ok      ok      ok      ok      ok
mfa_activate_totp                      none         GET  login   ok      ok      ok      ok      ok      ok      ok
mfa_activate_totp                      none         POST login   ok      ok      ok      ok      ok      ok      ok
mfa_authenticate                       none         GET  login   ok      ok      ok      ok      ok      ok      ok
mfa_authenticate                       none         POST login   ok      ok      ok      ok      ok      ok      ok
mfa_deactivate_totp                    none         GET  login   missing missing missing missing missing missing missing
mfa_download_recovery_codes            none         GET  login   missing missing missing missing missing missing missing
mfa_generate_recovery_codes            none         GET  login   ok      ok      ok      ok      ok      ok      ok
mfa_generate_recovery_codes            none         POST login   ok      ok      ok      ok      ok      ok      ok
mfa_index                              none         GET  login   ok      ok      ok      ok      ok      ok      ok
mfa_reauthenticate                     none         GET  login   ok      ok      ok      ok      ok      ok      ok
mfa_reauthenticate                     none         POST login   ok      ok      ok      ok      ok      ok      ok
mfa_view_recovery_codes                none         GET  login   missing missing missing missing missing missing missing
office:appeal_decide                   appeal       GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:appeal_decide                   appeal       POST login   denied  denied  invalid denied  invalid denied  invalid
office:appeal_lodge                    decision     GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:appeal_lodge                    decision     POST login   denied  denied  invalid denied  invalid denied  invalid
office:application                     case         GET  login   denied  denied  ok      ok      ok      denied  ok
office:application_assign              case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_assign              case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:application_fast_track          case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_fast_track          case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:application_grant               case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_grant               case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:application_grant_with_conditions case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_grant_with_conditions case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:application_message             case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_message             case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:application_refuse              case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_refuse              case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:application_require_inspection  case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_require_inspection  case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:application_return              case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_return              case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:application_start_assessment    case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_start_assessment    case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:application_validate            case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_validate            case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:application_waive_inspection    case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_waive_inspection    case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:application_withdraw            case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:application_withdraw            case         POST login   denied  denied  invalid denied  invalid denied  invalid
office:certificate_pdf                 licence      GET  login   denied  denied  ok      ok      ok      denied  ok
office:concern                         concern      GET  login   denied  denied  ok      ok      ok      denied  ok
office:concern_assess                  concern      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:concern_assess                  concern      POST login   denied  denied  denied  denied  ok      denied  ok
office:concern_close                   concern      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:concern_close                   concern      POST login   denied  denied  denied  denied  invalid denied  invalid
office:concern_open_inspection         concern      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:concern_open_inspection         concern      POST login   denied  denied  denied  denied  invalid denied  invalid
office:concern_review                  concern      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:concern_review                  concern      POST login   denied  denied  denied  denied  ok      denied  ok
office:concern_violation_new           concern      GET  login   denied  denied  denied  ok      denied  denied  ok
office:concern_violation_new           concern      POST login   denied  denied  denied  invalid denied  denied  invalid
office:concerns                        none         GET  login   denied  denied  ok      ok      ok      denied  ok
office:condition_outcome               condition    GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:condition_outcome               condition    POST login   denied  denied  invalid denied  invalid denied  invalid
office:decision_letter_pdf             decided      GET  login   denied  denied  ok      ok      ok      denied  ok
office:document                        document     GET  login   denied  denied  ok      ok      ok      denied  ok
office:edition_copy                    none         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:edition_copy                    none         POST login   denied  denied  denied  denied  denied  denied  invalid
office:edition_publish                 edition      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:edition_publish                 edition      POST login   denied  denied  denied  denied  denied  denied  ok
office:exclusion_links                 decision     GET  login   denied  denied  ok      denied  ok      denied  ok
office:exclusion_links                 decision     POST login   denied  denied  ok      denied  ok      denied  ok
office:inspection                      inspection   GET  login   denied  denied  ok      ok      ok      denied  ok
office:inspection_apply_conditions     inspection   GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:inspection_apply_conditions     inspection   POST login   denied  denied  invalid denied  invalid denied  invalid
office:inspection_attachment           attachment   GET  login   denied  denied  ok      ok      ok      denied  ok
office:inspection_cancel               inspection   GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:inspection_cancel               inspection   POST login   denied  denied  denied  invalid invalid denied  invalid
office:inspection_pdf                  inspection   GET  login   denied  denied  ok      ok      ok      denied  ok
office:inspection_reassign             inspection   GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:inspection_reassign             inspection   POST login   denied  denied  denied  invalid invalid denied  invalid
office:inspection_review               inspection   GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:inspection_review               inspection   POST login   denied  denied  denied  denied  invalid denied  invalid
office:inspection_schedule             none         GET  login   denied  denied  denied  ok      ok      denied  ok
office:inspection_schedule             none         POST login   denied  denied  denied  invalid invalid denied  invalid
office:inspection_section              section      GET  login   denied  denied  denied  ok      denied  denied  denied
office:inspection_section              section      POST login   denied  denied  denied  ok      denied  denied  denied
office:inspection_start                inspection   GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:inspection_start                inspection   POST login   denied  denied  denied  invalid denied  denied  denied
office:inspection_submit               inspection   GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:inspection_submit               inspection   POST login   denied  denied  denied  invalid denied  denied  denied
office:inspection_violation_new        inspection   GET  login   denied  denied  denied  ok      denied  denied  ok
office:inspection_violation_new        inspection   POST login   denied  denied  denied  invalid denied  denied  invalid
office:inspection_visit                inspection   GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:inspection_visit                inspection   POST login   denied  denied  denied  invalid denied  denied  invalid
office:inspections                     none         GET  login   denied  denied  ok      ok      ok      denied  ok
office:licence                         licence      GET  login   denied  denied  ok      ok      ok      denied  ok
office:licence_add_conditions          licence      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:licence_add_conditions          licence      POST login   denied  denied  invalid denied  invalid denied  invalid
office:licence_expire                  licence      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:licence_expire                  licence      POST login   denied  denied  denied  denied  invalid denied  invalid
office:licence_lift_suspension         licence      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:licence_lift_suspension         licence      POST login   denied  denied  denied  denied  invalid denied  invalid
office:licence_revoke                  licence      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:licence_revoke                  licence      POST login   denied  denied  denied  denied  invalid denied  invalid
office:licence_suspend                 licence      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:licence_suspend                 licence      POST login   denied  denied  denied  denied  invalid denied  invalid
office:licences                        none         GET  login   denied  denied  ok      ok      ok      denied  ok
office:payment_received                payment      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:payment_received                payment      POST login   denied  denied  ok      denied  denied  denied  ok
office:payment_request                 case         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:payment_request                 case         POST login   denied  denied  ok      denied  denied  denied  ok
office:person_match                    match        GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:person_match                    match        POST login   denied  denied  missing denied  missing denied  missing
office:provider                        provider     GET  login   denied  denied  ok      ok      ok      denied  ok
office:providers                       none         GET  login   denied  denied  ok      ok      ok      denied  ok
office:repayment_confirm               repayment    GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:repayment_confirm               repayment    POST login   denied  denied  denied  ok      denied  denied  ok
office:revocation_notice_pdf           decision     GET  login   denied  denied  ok      ok      ok      denied  ok
office:risk_queue                      none         GET  login   denied  denied  ok      ok      ok      denied  ok
office:role_authorise                  role         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:role_authorise                  role         POST login   denied  denied  ok      denied  ok      denied  ok
office:role_end                        role         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:role_end                        role         POST login   denied  denied  ok      denied  ok      denied  ok
office:role_refuse                     role         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:role_refuse                     role         POST login   denied  denied  ok      denied  ok      denied  ok
office:sign_in                         none         GET  login   login   login   login   login   login   login   login
office:sign_out                        none         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:sign_out                        none         POST login   login   login   login   login   login   login   login
office:standards                       none         GET  login   denied  denied  ok      ok      ok      denied  ok
office:violation                       violation    GET  login   denied  denied  ok      ok      ok      denied  ok
office:violation_order                 violation    GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:violation_order                 violation    POST login   denied  denied  denied  denied  invalid denied  invalid
office:violation_repayment             violation    GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:violation_repayment             violation    POST login   denied  denied  denied  invalid denied  denied  invalid
office:violations                      none         GET  login   denied  denied  ok      ok      ok      denied  ok
office:workbench                       none         GET  login   denied  denied  ok      ok      ok      denied  ok
open_data                              none         GET  ok      ok      ok      ok      ok      ok      ok      ok
open_data_csv                          none         GET  ok      ok      ok      ok      ok      ok      ok      ok
open_data_exclusions                   none         GET  ok      ok      ok      ok      ok      ok      ok      ok
open_data_exclusions_csv               none         GET  ok      ok      ok      ok      ok      ok      ok      ok
open_data_exclusions_json              none         GET  ok      ok      ok      ok      ok      ok      ok      ok
open_data_json                         none         GET  ok      ok      ok      ok      ok      ok      ok      ok
open_data_statistics_csv               none         GET  ok      ok      ok      ok      ok      ok      ok      ok
open_data_statistics_json              none         GET  ok      ok      ok      ok      ok      ok      ok      ok
portal:answer                          case         GET  login   ok      missing missing missing missing missing missing
portal:answer                          case         POST login   ok      missing missing missing missing missing missing
portal:application                     case         GET  login   ok      missing missing missing missing missing missing
portal:application                     case         POST login   ok      missing missing missing missing missing missing
portal:certificate                     licence      GET  login   ok      missing missing missing missing missing missing
portal:certificate                     licence      POST login   ok      missing missing missing missing missing missing
portal:change                          licence      GET  login   ok      missing missing missing missing missing missing
portal:change                          licence      POST login   ok      missing missing missing missing missing missing
portal:condition                       condition_pk GET  login   ok      missing missing missing missing missing missing
portal:condition                       condition_pk POST login   invalid missing missing missing missing missing missing
portal:decision_letter                 decided      GET  login   ok      missing missing missing missing missing missing
portal:decision_letter                 decided      POST login   ok      missing missing missing missing missing missing
portal:document                        document     GET  login   ok      missing missing missing missing missing missing
portal:document                        document     POST login   ok      missing missing missing missing missing missing
portal:home                            none         GET  login   ok      ok      ok      ok      ok      ok      ok
portal:home                            none         POST login   ok      ok      ok      ok      ok      ok      ok
portal:invitation                      token        GET  missing missing missing missing missing missing missing missing
portal:licence                         licence      GET  login   ok      missing missing missing missing missing missing
portal:licence                         licence      POST login   ok      missing missing missing missing missing missing
portal:message                         case         GET  login   ok      missing missing missing missing missing missing
portal:message                         case         POST login   invalid missing missing missing missing missing missing
portal:organisation                    none         GET  login   ok      ok      ok      ok      ok      ok      ok
portal:organisation                    none         POST login   ok      ok      ok      ok      ok      ok      ok
portal:password_reset                  none         GET  ok      ok      ok      ok      ok      ok      ok      ok
portal:password_reset                  none         POST ok      ok      ok      ok      ok      ok      ok      ok
portal:pay                             case         GET  login   ok      missing missing missing missing missing missing
portal:pay                             case         POST login   ok      missing missing missing missing missing missing
portal:renew                           licence      GET  login   ok      missing missing missing missing missing missing
portal:renew                           licence      POST login   denied  missing missing missing missing missing missing
portal:revocation_notice               notice       GET  login   ok      missing missing missing missing missing missing
portal:revocation_notice               notice       POST login   ok      missing missing missing missing missing missing
portal:sign_in                         none         GET  login   login   login   login   login   login   login   login
portal:sign_out                        none         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
portal:sign_out                        none         POST login   login   login   login   login   login   login   login
portal:sign_up                         none         GET  ok      ok      ok      ok      ok      ok      ok      ok
portal:sign_up                         none         POST ok      ok      ok      ok      ok      ok      ok      ok
portal:start                           none         GET  login   ok      ok      ok      ok      ok      ok      ok
portal:start                           none         POST login   ok      ok      ok      ok      ok      ok      ok
portal:step                            step         GET  login   ok      missing missing missing missing missing missing
portal:step                            step         POST login   ok      missing missing missing missing missing missing
portal:surrender                       licence      GET  login   ok      missing missing missing missing missing missing
portal:surrender                       licence      POST login   denied  missing missing missing missing missing missing
portal:withdraw                        case         GET  login   ok      missing missing missing missing missing missing
portal:withdraw                        case         POST login   denied  missing missing missing missing missing missing
public_site:licence                    licence      GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:licence                    licence      POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:licence_keys               none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:licence_keys               none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:licence_record             licence      GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:licence_record             licence      POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:refused_and_revoked        none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:refused_and_revoked        none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:register                   none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:register                   none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:report                     none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:report                     none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:report_follow_up           none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:report_follow_up           none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:report_sent                none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:report_sent                none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:statistics                 none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:statistics                 none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:verify                     certificate  GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:verify                     certificate  POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:verify_form                none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:verify_form                none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:verify_offline             none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:verify_offline             none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:watch                      none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:watch                      none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:watch_confirm              token        GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:watch_confirm              token        POST missing missing missing missing missing missing missing missing
public_site:watch_manage               token        GET  missing missing missing missing missing missing missing missing
public_site:watch_requested            none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:watch_requested            none         POST ok      ok      ok      ok      ok      ok      ok      ok
set_language                           none         GET  ok      ok      ok      ok      ok      ok      ok      ok
set_language                           none         POST ok      ok      ok      ok      ok      ok      ok      ok
wagtail-admin                          none         GET  login   login   login   login   login   login   ok      ok
wagtail-pages                          none         GET  ok      ok      ok      ok      ok      ok      ok      ok
wagtail-pages                          none         POST ok      ok      ok      ok      ok      ok      ok      ok
api_index                              none         GET  ok      ok      ok      ok      ok      ok      ok      ok
api_index                              none         POST notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
dev_mail                               mail         GET  missing missing missing missing missing missing missing missing
dev_mail                               mail         POST missing missing missing missing missing missing missing missing
dev_mailbox                            none         GET  missing missing missing missing missing missing missing missing
dev_mailbox                            none         POST missing missing missing missing missing missing missing missing
favicon.ico                            none         GET  ok      ok      ok      ok      ok      ok      ok      ok
favicon.ico                            none         POST notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
glossary_json                          none         GET  ok      ok      ok      ok      ok      ok      ok      ok
glossary_json                          none         POST notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:concern_ask                     concern      GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:concern_ask                     concern      POST login   denied  denied  denied  denied  ok      denied  ok
office:concern_photo                   concern_photo GET  login   denied  denied  missing missing missing denied  missing
office:concern_photo                   concern_photo POST notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:identity_review                 identity_review GET  login   denied  denied  denied  denied  missing denied  missing
office:identity_review                 identity_review POST login   denied  denied  denied  denied  missing denied  missing
office:order_letter                    violation    GET  login   denied  denied  ok      ok      ok      denied  ok
office:order_letter                    violation    POST notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:repayment_accept                repayment    GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:repayment_accept                repayment    POST login   denied  denied  denied  ok      denied  denied  ok
office:repayment_evidence              repayment    GET  login   denied  denied  missing missing missing denied  missing
office:repayment_evidence              repayment    POST notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:repayment_query                 repayment    GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:repayment_query                 repayment    POST login   denied  denied  denied  ok      denied  denied  ok
office:worker_slips                    violation    GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
office:worker_slips                    violation    POST login   denied  denied  denied  ok      denied  denied  ok
portal:document_remove                 document     GET  login   notallowed notallowed notallowed notallowed notallowed notallowed notallowed
portal:document_remove                 document     POST login   ok      missing missing missing missing missing missing
portal:order                           violation    GET  login   ok      missing missing missing missing missing missing
portal:order                           violation    POST login   invalid missing missing missing missing missing missing
portal:order_letter                    violation    GET  login   ok      missing missing missing missing missing missing
portal:orders                          none         GET  login   ok      ok      ok      ok      ok      ok      ok
portal:organisation_language           none         GET  login   notallowed notallowed notallowed notallowed notallowed notallowed notallowed
portal:organisation_language           none         POST login   ok      ok      ok      ok      ok      ok      ok
public_site:eligibility                none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:eligibility                none         POST notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
public_site:repaid                     none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:repaid                     none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:report_mailbox             none         GET  ok      ok      ok      ok      ok      ok      ok      ok
public_site:report_mailbox             none         POST ok      ok      ok      ok      ok      ok      ok      ok
public_site:switch_language            none         GET  notallowed notallowed notallowed notallowed notallowed notallowed notallowed notallowed
public_site:switch_language            none         POST ok      ok      ok      ok      ok      ok      ok      ok
"""


def parse(table: str = TABLE) -> dict[tuple[str, str], dict]:
    """{(url, method): {"args": kind, "expected": {persona: outcome}}}."""
    rows = {}
    for number, line in enumerate(table.splitlines(), start=1):
        words = line.split("#")[0].split()
        if not words:
            continue
        if len(words) != 3 + len(PERSONAS):
            raise ValueError(f"matrix.py line {number}: expected {3 + len(PERSONAS)} words")
        url, args, method, *outcomes = words
        unknown = set(outcomes) - OUTCOMES
        if unknown or method not in ("GET", "POST"):
            raise ValueError(f"matrix.py line {number}: unknown {unknown or method}")
        if (url, method) in rows:
            raise ValueError(f"matrix.py line {number}: {url} {method} appears twice")
        rows[url, method] = {"args": args, "expected": dict(zip(PERSONAS, outcomes, strict=True))}
    return rows
