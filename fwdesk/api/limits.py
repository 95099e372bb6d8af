"""FinerWorks' addresses and per-call limits.

They live apart from the client so that the GUI and the core can know them without loading
httpx, which the app imports in its worker threads, off the path to the first painted window.
"""

PRODUCTION_URL = "https://api.finerworks.com/v3/"
TEST_URL = "https://test-api.finerworks.com/v3/"

SUBMIT_BATCH = 5
"""submit_orders takes 5 orders a call; submit_orders_v2's page says 50, corsair says 5, and 5
works against both, so both are split at 5."""
PRODUCT_DETAILS_BATCH = 25
PRICES_BATCH = 50
STATUS_BATCH = 100
"""fetch_order_status documents no limit; bounded requests keep one slow answer small."""
ORDERS_PAGE_MAX = 25
INVENTORY_PAGE_MAX = 50
