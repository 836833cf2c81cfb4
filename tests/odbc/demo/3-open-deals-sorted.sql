-- Open deals of at least 1,000,000 in negotiation or proposal, largest first
SELECT RecordId, title, stage, amount, close_date
FROM Deals
WHERE stage IN ('Negotiation', 'Proposal') AND amount >= 1000000
ORDER BY amount DESC, RecordId
LIMIT 10
