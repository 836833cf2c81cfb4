-- Won deals joined with their line items (the Deals app's SUBTABLE field is the table Deals_line_items)
SELECT d.RecordId, d.title, li.product, li.quantity, li.unit_price, li.subtotal
FROM Deals d JOIN Deals_line_items li ON li.RecordId = d.RecordId
WHERE d.stage = 'Won'
ORDER BY d.RecordId, li.RowId
LIMIT 12
