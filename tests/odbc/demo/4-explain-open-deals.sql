-- The same query's plan: which Kintone requests it makes
EXPLAIN SELECT RecordId, title, stage, amount, close_date
FROM Deals
WHERE stage IN ('Negotiation', 'Proposal') AND amount >= 1000000
ORDER BY amount DESC, RecordId
LIMIT 10
