"""Every choice the simulator makes where API.md is uncertain or silent, in one list.

The client must tolerate the other possibilities anyway; this list exists so that a reader of
a sandbox answer can tell a documented fact from the simulator's guess, and so a guess is made
once rather than differently in two calls.
"""

from __future__ import annotations

DECISIONS = {
    # -- the envelope -----------------------------------------------------------------------
    "auth failure": "HTTP 400, ModelState key 'credentials': "
    "['Missing or unauthorized api credentials']",
    "field error keys": "body fields are keyed 'request.<path>' (request.orders[0].order_po, "
    "request.products[1].product_qty, also for bare-array bodies); a body that is not JSON or "
    "not an object is keyed 'request'; query parameters (get_order, get_shipping_options_ids) "
    "and the _sandbox_* hooks keep their own names",
    "verbs": "GET methods also answer POST with a JSON body (null allowed), taking their "
    "query parameters from the body too; PUT and DELETE methods also answer POST; any other "
    "verb is 405, an unknown method 404",
    "account_key": "always ignored (no reseller support): the account is the one behind the "
    "keys; user_account.account_key is uuid5 of the internal key (acct-0001, ...)",
    # -- order statuses ---------------------------------------------------------------------
    "production timeline": "simulated hours after release: 3 Order Received at 0, 13 "
    "Forwarded to Production at 2, 4 Processing at 4, 36 Framing - Processing from 10 for "
    "framed orders, 6 Ready to Ship at 16, 48 Partially Shipped at 18 for two-parcel orders, "
    "7 Shipped at 26, 12 Complete once the service's longest transit (days) has passed",
    "two-parcel orders": "orders of more than one item whose order_id is divisible by 3",
    "framed item": "an order item whose template names a catalogue frame by frame_id, at the "
    "template's top level or in a frame_builder-style template.config; product codes never "
    "encode a frame",
    "hold and cancel ids": "hold -> 30 Customer Hold Request (release resumes where it "
    "stopped); cancel -> 29 Cancellation Request at once, 14 Cancellation 30 simulated minutes "
    "later; 9.1 does not show these ids, so they are the nearest labels",
    "editable statuses": "update_order and update_customer work at 1, 2, 3, 25, 30, 35 and "
    "49, otherwise a refusal; a pinned status counts as the order's status",
    "rejected address": "a recipient whose address_1 contains the word 'Nowhere' (any case) "
    "stops at 35 UPS/USPS Rejected Address when it would become 6 Ready to Ship, until "
    "update_customer gives an address without it; it then carries on from 6",
    "payment failed": "unpaid orders stay at 49 Payment Failed with no production progress "
    "until cancelled; hold and release bring them back to 49",
    "_sandbox_set_status": "POST {order_po, order_status_id}: pins the live (else newest) "
    "order with that PO at any integer, even one outside 9.1 (labelled 'Unknown status N'); "
    "null, or a successful update_order/update_customer, releases the pin",
    "processing flag": "fetch_order_status 'processing' is true at 13, 4, 36, 6 and 48",
    # -- submitting ---------------------------------------------------------------------------
    "reused order_po": "HTTP 400, ModelState 'request.orders[i].order_po': [\"Duplicate "
    "order_po '<po>' - this order has already been submitted.\"]; a PO counts as used by any "
    "non-cancelled order (49 included), and a PO repeated in one request is flagged at its "
    "second use; nothing of the request is placed",
    "lookup lag": "lookup_lag_s real seconds during which fetch_order_status, list_orders and "
    "get_order do not see a new order; update_order, update_customer and the duplicate check "
    "see it at once",
    "submit_orders (v1) payment": "charged to the account's default card, Visa ending in 4242, "
    "which is always approved; up to 5 orders",
    "submit_orders_v2": "up to 50 orders; payment_token 'xxxx' makes every order a test "
    "order; 'invoice' needs enable_invoice_payment; a saved card token pays by card; missing, "
    "null or '' pays from credits; any other text fails payment",
    "payment attempts": "payment is attempted only when the request holds a live order; test "
    "orders are placed normally even when the live ones fail to pay",
    "payment failure": "HTTP 200, status.success false, status.message 'Payment failed: "
    "<reason>.' with reason 'the card was declined (Mastercard ending in 0005)', 'not enough "
    "account credits (balance X USD, orders total Y USD)', 'invoice payment is not enabled "
    "for this account' or 'the payment token was not recognised'; orders lists them, at 49",
    "credits": "each account opens with config credits (500.00 USD); a credit payment deducts "
    "the grand total of the request's live orders and records it as order_credits_used; the "
    "balance persists in the state file",
    "saved cards": "payment_profile_id 'bt-<account_id>'; tokens 'tok_demo_visa_4242' "
    "('Visa ending in 4242', default, approved) and 'tok_demo_mastercard_0005' ('Mastercard "
    "ending in 0005', always declined); get_payment_tokens without an id lists the account's "
    "own, another profile's id lists none",
    "shipping_code": "a letter code in any case, or a quote option's id as a number or text",
    "validate_only": "runs every check (fields, reused POs, business rules) but no payment "
    "check; answers the status alone",
    "order_source": "the order's own 'source' when it has one, else 'api'",
    "order ids": "order_id and order_confirmation_id differ; every call accepts either",
    # -- quotes -------------------------------------------------------------------------------
    "list_shipping_options payload": "shipping_options, the same option shape as the multiple call",
    "option ids": "zone * 100 + service number, stable per service and destination: zones 1 "
    "contiguous US, 2 AK/HI/PR/VI/GU/AS/MP, 3 Canada, 4 elsewhere; services EC 1, SD 2, EX 3, "
    "ON 4, FS 5 at home and EC 11, SD 12, EX 13, FS 5 abroad",
    "transit_time": "'<min>-<max> business days' from the service's day range",
    "preferred_option": "from the ranked preferences: '1' the cheapest, '4' the fastest "
    "(shortest longest-transit, then the cheaper); '2' and '3' are packaging and pass to the "
    "next; none applicable: the cheapest. Default preferences ['1']",
    "get_shipping_options_ids": "shipping_options [{id, shipping_code, shipping_method, "
    "shipping_class_code, carrier, transit_time, is_international}] for every zone; type "
    "filters by zone number",
    # -- products -----------------------------------------------------------------------------
    "get_product_details payload": "product_list (product codes, sku null, image_guid the "
    "zero GUID) and products (inventory SKUs), both always present",
    "unknown product details": "an entry with the asked value as sku (or product_code when it "
    "looks like one), description_short 'Not Available', the quantity, null prices, valid "
    "false; only a malformed request is a 400",
    "list_virtual_inventory fields": "created_at is when the item was listed, updated when "
    "it last changed, image_url_1 the image's preview URL; sort_field id, name (or title), "
    "created_at, updated",
    "update_virtual_inventory": "null or absent fields unchanged; description sets "
    "description_long; an unknown SKU is 400 'request.virtual_inventory[i].sku'; answers "
    "skus_updated (canonical SKUs) and the updated products",
    "delete_virtual_inventory": "unknown SKUs are ignored; a deleted item is unknown to "
    "get_prices, quotes and submits, and 'Not Available' in get_product_details",
    "disconnect_virtual_inventory": "platform one of etsy, shopify, squarespace, square, "
    "bigcommerce, wix, woocommerce (any case); strips the '<platform>_' keys of every item, "
    "an item left with none reads null",
    "add_images": "every image gets a new GUID (a given one is ignored); no field is "
    "required, types are checked; temporary-library images expire after 14 days and are "
    "listed only for their session_id",
    "list_images without library": "the older {search_filter, session_id} form lists the "
    "inventory library",
    "list_collections payload": "collections",
    "frame_details payload": "frame",
    "frame_builder": "answers valid, info, price_details (the price model at quantity 1: "
    "product_price the print, add_frame_price, add_mat_1_price, add_mat_2_price, "
    "add_glazing_price, total_price their sum), config (as built), framed_size (outside "
    "inches) and render, always null (render is accepted and ignored); a config that cannot "
    "be built (no or unknown frame, mat or glazing; a frame class the style does not take; a "
    "style without framing, mats or glazing; a size outside the frame's or mat's range; an "
    "unknown product) is valid false with info saying why and price_details null, never a "
    "refusal; an empty body is valid false too; only wrong field types are HTTP 400",
    "frame_builder product_code": "a print's code or inventory SKU (they never encode a "
    "frame): it gives the print's size and style and overrides config.width and height; the "
    "frame, mats and glazing still come from config; without it, config.width and height are "
    "the print's size and the print itself is priced at 0",
    "frame_builder sizes": "units 0 (inches) only, anything else HTTP 400; the first mat "
    "widens the opening by 2 in on every side, a second by 0.25 in more, at most two; mat "
    "windows are accepted and not checked; the opening must fit the frame's and each mat's "
    "min and max in either orientation",
    "frame_builder prices": "a frame or mat costs its starting_price up to 24 united inches "
    "(opening width + height) and grows in proportion beyond; glazing its starting_price up "
    "to 200 square inches of opening, in proportion beyond; get_prices, quotes and submits "
    "still price a framed order item as its print alone",
    # -- account ------------------------------------------------------------------------------
    "update_user": "null or absent fields unchanged; shipping_preferences up to 3 distinct of "
    "'1'-'4' (numbers read as text), an empty list allowed, anything else 400 "
    "'request.shipping_preferences'; billing_info and business_info checked as addresses",
    "get_company_info": "site_id 2, a made-up lab address in San Antonio, TX, and lobby_hours "
    "'Monday to Friday, 9:00 AM to 5:00 PM Central'",
    # -- pending orders -----------------------------------------------------------------------
    "pending orders": "ids from 300001; no per-call limit; checked like a quote; a pending PO "
    "reserves nothing; list answers orders[] with the order's fields, fulfillment_id, "
    "created_at and source; an absent or empty ids lists all; delete needs ids, unknown ones "
    "ignored",
    "_sandbox_place_pending": "POST {ids}: places each as a submit paid from credits (or as a "
    "test order), a missing shipping_code taken from preferred_option; answers orders and "
    "not_placed [{id, order_po, reason}] for those left pending",
    # -- lookups ------------------------------------------------------------------------------
    "list_orders payload": "orders (receipts, newest first) + page_number, per_page, count and "
    "total_count (both the number of matches); status matches an id or a label",
    "fetch_order_status with neither list": "an empty orders list, like unknown ids",
    "get_order": "order_guid and order_email from the query or a POST body; the email may be "
    "the recipient's or the account's",
    "state file": "version 2; version 1 files (orders only) load, unknown keys ignored and "
    "missing ones defaulted; an unreadable file is moved to '<name>.unreadable'",
}
