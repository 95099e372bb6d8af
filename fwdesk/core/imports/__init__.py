"""Orders from the files shops already have: FinerWorks' spreadsheet, Etsy's and Shopify's
exports, fwdesk's own layout and any other CSV through a column mapping.

Reading a file (table_file), recognising its layout and turning rows into orders (layouts,
geo), and linking a marketplace's items to FinerWorks products (product_links) are separate
steps, so each can be tested on real-shaped files without Qt.
"""
