"""Co-financing budget, in the order a row travels:

vocabulary (parties, categories, kinds, units from data/budget.toml) -> numbers (cell text <->
Decimal) -> rows (one typed row -> BudgetLine or draft, with problems) -> editor (the page's
grid edits) and csv_file (files) -> totals (sums and shares) -> charts (rows for the page's
charts); terms holds the agreement period's notices. Import from the module you need.
"""
